import type { ReplicateReadouts } from '../../workers/replicateApi';
import { createStore, type Store } from './createStore';
import { EnsembleCancelled, EnsemblePool, type EnsembleProgress } from './EnsemblePool';
import { DEFAULT_ENSEMBLE_FORM, ensembleTasks, type EnsembleForm, type EnsembleRequest } from './ensembleRequest';

export type EnsembleStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly request: EnsembleRequest; readonly progress: EnsembleProgress; readonly workers: number }
  | { readonly kind: 'done'; readonly request: EnsembleRequest; readonly results: readonly (readonly ReplicateReadouts[])[]; readonly seconds: number }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

export type EnsembleStore = Store<{ readonly status: EnsembleStatus; readonly form: EnsembleForm }>;

/**
 * The page's side of ensembles: runs a request's replicates in a worker pool, publishes progress (at
 * most once per replicate back), and keeps the finished results grouped by condition for the charts
 * and the exports. One ensemble at a time; a new one replaces the last results.
 */
export class EnsembleClient {
  readonly store: EnsembleStore;
  private readonly pool: EnsemblePool;

  /** `form`: what the form opens with (a link's or a saved run's conditions). */
  constructor(createWorker: () => Worker, form: EnsembleForm = DEFAULT_ENSEMBLE_FORM) {
    this.pool = new EnsemblePool(createWorker);
    this.store = createStore<{ readonly status: EnsembleStatus; readonly form: EnsembleForm }>({ status: { kind: 'idle' }, form });
  }

  setForm(form: EnsembleForm): void {
    this.store.setState({ form });
  }

  async run(request: EnsembleRequest, workers?: number): Promise<void> {
    if (this.pool.running) return;
    const tasks = ensembleTasks(request);
    const started = performance.now();
    const size = workers ?? Math.max(1, Math.min(tasks.length, navigator.hardwareConcurrency || 1));
    try {
      const results = await this.pool.run(tasks, (progress) => this.store.setState({ status: { kind: 'running', request, progress, workers: size } }), size);
      const byCondition = request.conditions.map((_, c) => results.slice(c * request.replicates, (c + 1) * request.replicates));
      this.store.setState({ status: { kind: 'done', request, results: byCondition, seconds: (performance.now() - started) / 1000 } });
    } catch (error) {
      this.store.setState({ status: error instanceof EnsembleCancelled ? { kind: 'cancelled' } : { kind: 'failed', message: error instanceof Error ? error.message : String(error) } });
    }
  }

  cancel(): void {
    this.pool.cancel();
  }
}
