import type { AppStore } from '../state/appState';
import type { EnsembleClient } from '../state/EnsembleClient';
import { linkWithCompare } from '../state/urlSettings';
import { useStore } from '../state/useStore';
import { useStoreInLink } from './useStoreInLink';

/**
 * The 3D view's choice: the page's run alone, or two conditions of the bench side by side (which two,
 * picked from the *Conditions and replicates* list). Picking on one side the condition the other shows
 * swaps them, so the two always differ.
 */
export function SideBySideChoice({ store, ensemble }: { store: AppStore; ensemble: EnsembleClient }) {
  const compare = useStore(store, (s) => s.compare);
  const conditions = useStore(ensemble.store, (s) => s.form.conditions);
  const choose = (side: 0 | 1, index: number) => {
    if (!compare) return;
    const other = compare[1 - side];
    const pair: [number, number] = side === 0 ? [index, other] : [other, index];
    if (index === other) pair[1 - side] = compare[side];
    store.setState({ compare: pair });
  };
  const picker = (side: 0 | 1, label: string) => (
    <label>
      {label}{' '}
      <select value={compare![side]} onChange={(event) => choose(side, Number(event.target.value))} data-testid={`side-by-side-${side}`}>
        {conditions.map((condition, i) => (
          <option key={i} value={i}>
            {condition.name.trim() || `condition ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="panel side-by-side" data-testid="side-by-side">
      <legend>3D view</legend>
      <label>
        <input type="radio" name="side-by-side" checked={compare === null} onChange={() => store.setState({ compare: null })} data-testid="side-by-side-off" /> One condition: the run
        set above
      </label>
      <label>
        <input type="radio" name="side-by-side" checked={compare !== null} onChange={() => store.setState({ compare: [0, 1] })} data-testid="side-by-side-on" /> Two
        conditions side by side
      </label>
      {compare && (
        <div className="side-by-side-pickers">
          {picker(0, 'Left (top on a phone)')}
          {picker(1, 'Right (bottom)')}
        </div>
      )}
      <p className="hint">
        Two conditions from <em>Conditions and replicates</em>, each in a simulation of its own on this run’s neurons and seed, both at the
        clock’s time: play, pause, the timeline and the speed move both.
      </p>
    </fieldset>
  );
}

/** Keeps the choice in the address bar (`compare=I,J`), so that a copied link reopens the comparison. */
export function useCompareInLink(store: AppStore): void {
  useStoreInLink(store, (s) => s.compare, linkWithCompare);
}
