import { forwardRef } from 'react';
import type { AppStore } from '../state/appState';
import { useStore } from '../state/useStore';
import { paletteFor, spineLegend } from './palette';
import { DendriteGlyph, LostSiteGlyph, SpineGlyph } from './SpineGlyph';

/** What the colours and shapes mean, in a student's words; each entry shows the head as it is drawn. */
export const Legend = forwardRef<HTMLElement, { store: AppStore }>(function Legend({ store }, ref) {
  const projector = useStore(store, (s) => s.projector);
  const palette = paletteFor(projector);
  return (
    <aside ref={ref} className="legend" aria-label="Key to colours and shapes" data-testid="legend">
      <h2>Spines</h2>
      <ul>
        {spineLegend.map((entry) => (
          <li key={entry.category} data-category={entry.category}>
            <SpineGlyph category={entry.category} palette={palette} />
            <span>
              <strong>{entry.label}</strong> <span className="detail">{entry.detail}</span>
            </span>
          </li>
        ))}
        <li data-category="lost-site">
          <LostSiteGlyph palette={palette} />
          <span>
            <strong>Spot where stress removed a spine</strong> <span className="detail">fades over weeks</span>
          </span>
        </li>
        <li>
          <DendriteGlyph palette={palette} />
          <span>
            <strong>Dendrite</strong> <span className="detail">the branch spines grow on</span>
          </span>
        </li>
      </ul>
      <p className="legend-note">Click a spine to see its age, size and fate. Far away, spines are drawn bigger so you can see them; the microscope view is true to scale.</p>
    </aside>
  );
});
