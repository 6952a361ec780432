import { SwcError } from '../../../src/model/swc/SwcError';
import { catchError } from '../../catchError';

/** Runs `run` and returns the SwcError it throws; fails if it returns or throws anything else. */
export function catchSwcError(run: () => unknown): SwcError {
  return catchError(SwcError, run);
}
