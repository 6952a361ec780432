import { runReplicate, type ReplicateOptions, type ReplicateResult } from '../src/model/runReplicate';

/** A replicate's readouts as they travel to the page: without spine identities and branches (not exported). */
export type ReplicateReadouts = Omit<ReplicateResult, 'snapshots' | 'branches'> & { readonly snapshots: readonly never[]; readonly branches: readonly never[] };

/**
 * One worker of the page's ensemble pool: runs whole replicates, exactly as the CLI's worker threads do
 * (`runReplicate`), and returns the readouts the CLI's CSV and JSON are made of.
 */
export function createReplicateApi() {
  return {
    run(options: ReplicateOptions): ReplicateReadouts {
      const { snapshots: _snapshots, branches: _branches, ...readouts } = runReplicate(options);
      return { ...readouts, snapshots: [], branches: [] };
    },
  };
}

export type ReplicateApi = ReturnType<typeof createReplicateApi>;
