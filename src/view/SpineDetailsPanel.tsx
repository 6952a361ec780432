import { SpineCategory } from '../model/writeSpineFrame';
import type { AppStore } from '../state/appState';
import { formatClock, formatDuration } from '../state/formatClock';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';
import type { SpineDetails } from '../../workers/simulationApi';
import { paletteFor, spineLegend } from './palette';
import { SpineGlyph } from './SpineGlyph';

function fate(details: SpineDetails): string {
  if (!details.alive) {
    if (details.ablated) return `Deleted with light at ${formatClock(details.deathHours ?? 0)}, with the other spines formed after ketamine.`;
    return `Eliminated at ${formatClock(details.deathHours ?? 0)}; it is shrinking away.`;
  }
  if (details.stable) return 'Stable: it has become a persistent spine, likely to last for weeks.';
  return 'Not yet stable: most new spines like this one disappear within days; some stabilise.';
}

/** What is known about the clicked spine (fetched from the worker by slot, refreshed twice a second), over the 3D view. */
export function SpineDetailsPanel({ store, client }: { store: AppStore; client: SimulationClient }) {
  const slot = useStore(store, (s) => s.selectedSlot);
  const details = useStore(store, (s) => s.details);
  const projector = useStore(store, (s) => s.projector);
  if (slot < 0) return null;
  if (!details) {
    return (
      <section className="panel details" aria-label="Spine details">
        <p className="hint">Reading spine…</p>
      </section>
    );
  }
  const legend = spineLegend.find((entry) => entry.category === details.category);
  return (
    <section className="panel details" aria-label="Spine details" data-testid="spine-details">
      <h2>
        <SpineGlyph category={details.category} palette={paletteFor(projector)} /> Spine #{details.serial}
        <button type="button" className="close" aria-label="Close spine details" onClick={() => client.select(-1)}>
          ×
        </button>
      </h2>
      <dl>
        <dt>What it is</dt>
        <dd>
          {legend?.label ?? details.cohort}
          {details.category === SpineCategory.Eliminated && details.nearLostSite ? ' (it had formed at a lost spot)' : ''}
        </dd>
        <dt>Formed</dt>
        <dd>{formedWhen(details.cohort)}</dd>
        <dt>Age</dt>
        <dd>
          {formatDuration(details.ageHours)} {details.birthHours >= 0 ? `(born ${formatClock(details.birthHours)})` : '(born before day 0)'}
        </dd>
        <dt>Size</dt>
        <dd>
          head {details.headDiameterUm.toFixed(2)} µm across ({details.volumeUm3.toFixed(3)} µm³) —{' '}
          {details.visible ? 'visible to the microscope' : 'too small for the microscope to see'}
        </dd>
        <dt>Fate</dt>
        <dd>{fate(details)}</dd>
        <dt>Where</dt>
        <dd>
          neuron {details.neuronIndex + 1}, {branchName(details.branchKind)}
          {details.imagedBranch ? ' (imaged in the experiment)' : ''}
        </dd>
      </dl>
    </section>
  );
}

function formedWhen(cohort: SpineDetails['cohort']): string {
  switch (cohort) {
    case 'initial':
      return 'before the first imaging session (day 0)';
    case 'baseline':
      return 'during baseline, before any stress';
    case 'stress':
      return 'during chronic stress';
    default:
      return 'in the week after ketamine';
  }
}

function branchName(kind: string): string {
  switch (kind) {
    case 'tuft':
      return 'apical tuft';
    case 'apicalTrunk':
      return 'apical trunk';
    case 'oblique':
      return 'oblique dendrite';
    case 'basal':
      return 'basal dendrite';
    default:
      return 'dendrite';
  }
}
