// Worker-thread entry for workerFrames.bench.ts: Node cannot load .ts in a worker directly, so register
// tsx here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./workerFramesWorker.ts');
