import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { parentPort } from 'node:worker_threads';
import { createSimulationApi } from '../../workers/simulationApi';

// The same API the browser's worker exposes, on a Node worker thread.
expose(createSimulationApi(), nodeEndpoint(parentPort!));
