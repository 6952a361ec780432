import { useEffect } from 'react';
import type { AppStore } from '../state/appState';
import { encodeBench } from '../state/benchLink';
import type { EnsembleClient } from '../state/EnsembleClient';
import { DEFAULT_ENSEMBLE_FORM } from '../state/ensembleRequest';
import { linkWithBench } from '../state/urlSettings';
import { replaceLink } from './replaceLink';

/**
 * Keeps the bench's state in the address bar (`bench=`, compressed): the protocol the page runs when it is
 * not the scenario's, the parameter changes, and the conditions form. With the scenario, seed and time
 * already there, a link copied at any moment reopens the same bench. Left out while all are as they open.
 */
export function useBenchInLink(store: AppStore, ensemble: EnsembleClient | undefined): void {
  useEffect(() => {
    let written: string | null | undefined;
    let last: readonly unknown[] = [];
    const write = () => {
      const { protocol, parameters } = store.getState();
      const form = ensemble?.store.getState().form ?? DEFAULT_ENSEMBLE_FORM;
      // The store changes ten times a second while playing: compress only when these changed.
      if (last[0] === protocol && last[1] === parameters && last[2] === form) return;
      last = [protocol, parameters, form];
      const plain = protocol === null && Object.keys(parameters).length === 0 && JSON.stringify(form) === JSON.stringify(DEFAULT_ENSEMBLE_FORM);
      const encoded = plain ? null : encodeBench({ protocol, parameters, ensemble: form });
      if (encoded === written) return;
      written = encoded;
      replaceLink(linkWithBench(window.location.href, encoded));
    };
    const unsubscribe = [store.subscribe(write), ensemble?.store.subscribe(write)];
    return () => unsubscribe.forEach((stop) => stop?.());
  }, [store, ensemble]);
}
