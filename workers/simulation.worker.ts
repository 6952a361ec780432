import { expose } from 'comlink';
import { createSimulationApi } from './simulationApi';

expose(createSimulationApi());
