import type { ReplicateReadouts } from '../../workers/replicateApi';
import { createStore, type Store } from './createStore';
import { EnsembleCancelled, EnsemblePool, type EnsembleProgress } from './EnsemblePool';
import { conditionBands, DEFAULT_ENSEMBLE_FORM, ensembleTasks, type ConditionBands, type EnsembleForm, type EnsembleRequest } from './ensembleRequest';

export type EnsembleStatus =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'running';
      readonly request: EnsembleRequest;
      readonly progress: EnsembleProgress;
      /** Workers in the pool, and how many of them run replicates now. */
      readonly size: number;
      readonly workers: number;
    }
  | {
      readonly kind: 'done';
      readonly request: EnsembleRequest;
      readonly results: readonly (readonly ReplicateReadouts[])[];
      /** Per condition, what the charts draw. */
      readonly bands: readonly ConditionBands[];
      readonly seconds: number;
    }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

export type EnsembleStore = Store<{ readonly status: EnsembleStatus; readonly form: EnsembleForm }>;

/** Lets the page handle what waits (input, a frame) before going on. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The page's side of ensembles: runs a request's replicates in a worker pool, publishes progress (at
 * most once per replicate back), and keeps the finished results grouped by condition for the charts
 * and the exports. One ensemble at a time; a new one replaces the last results.
 */
export class EnsembleClient {
  readonly store: EnsembleStore;
  private readonly pool: EnsemblePool;
  /** From Run until the results are published (the pool is done before the bands are). */
  private active = false;
  /** How many workers may run replicates (all of them unless the page asked for a core). */
  private lanes = Infinity;

  /** `form`: what the form opens with (a link's or a saved run's conditions). */
  constructor(createWorker: () => Worker, form: EnsembleForm = DEFAULT_ENSEMBLE_FORM) {
    this.pool = new EnsemblePool(createWorker);
    this.store = createStore<{ readonly status: EnsembleStatus; readonly form: EnsembleForm }>({ status: { kind: 'idle' }, form });
  }

  /**
   * While the page's live run plays, the ensemble leaves one core to the page (its main thread, the live
   * run's worker and the drawing): with every core running replicates, the page's tasks waited for a
   * core past 50 ms (measured in headless Chromium on two cores). Paused, the ensemble uses every core.
   */
  leaveCoreToPage(leave: boolean): void {
    const lanes = leave ? Math.max(1, (navigator.hardwareConcurrency || 1) - 1) : Infinity;
    if (lanes === this.lanes) return;
    this.lanes = lanes;
    this.pool.limitLanes(lanes);
    const { status } = this.store.getState();
    if (status.kind === 'running') this.store.setState({ status: { ...status, workers: Math.min(status.size, lanes) } });
  }

  setForm(form: EnsembleForm): void {
    this.store.setState({ form });
  }

  async run(request: EnsembleRequest, workers?: number): Promise<void> {
    if (this.active) return;
    this.active = true;
    const tasks = ensembleTasks(request);
    const started = performance.now();
    const size = workers ?? Math.max(1, Math.min(tasks.length, navigator.hardwareConcurrency || 1));
    try {
      const results = await this.pool.run(tasks, (progress) => this.store.setState({ status: { kind: 'running', request, progress, size, workers: Math.min(size, this.lanes) } }), size);
      const byCondition = request.conditions.map((_, c) => results.slice(c * request.replicates, (c + 1) * request.replicates));
      // The charts' bands here, a condition at a time with the page let in between, not all at once when
      // the charts render: the end of a run is then no long task on the main thread.
      const bands: ConditionBands[] = [];
      for (const conditionResults of byCondition) {
        await nextTask();
        bands.push(conditionBands(conditionResults));
      }
      this.store.setState({ status: { kind: 'done', request, results: byCondition, bands, seconds: (performance.now() - started) / 1000 } });
    } catch (error) {
      this.store.setState({ status: error instanceof EnsembleCancelled ? { kind: 'cancelled' } : { kind: 'failed', message: error instanceof Error ? error.message : String(error) } });
    } finally {
      this.active = false;
    }
  }

  cancel(): void {
    this.pool.cancel();
  }
}
