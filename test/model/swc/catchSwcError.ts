import { SwcError } from '../../../src/model/swc/SwcError';

/** Runs `run` and returns the SwcError it throws; fails if it returns or throws anything else. */
export function catchSwcError(run: () => unknown): SwcError {
  try {
    run();
  } catch (error) {
    if (error instanceof SwcError) return error;
    throw error;
  }
  throw new Error('expected an SwcError, but the call returned');
}
