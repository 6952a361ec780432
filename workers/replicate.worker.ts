import { expose } from 'comlink';
import { createReplicateApi } from './replicateApi';

expose(createReplicateApi());
