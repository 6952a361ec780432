/** Runs `run` and returns the error of class `type` it throws; fails if it returns or throws anything else. */
export function catchError<T extends Error>(type: abstract new (...args: never[]) => T, run: () => unknown): T {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but the call returned`);
}
