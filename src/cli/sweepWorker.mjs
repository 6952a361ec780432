// Worker-thread entry: Node 20 cannot load .ts in a worker directly, so register tsx first.
import { register } from 'tsx/esm/api';

register();
await import('./sweepWorkerMain.ts');
