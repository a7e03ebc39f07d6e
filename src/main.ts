import 'reflect-metadata';
import { runService } from './lifecycle/start';

// `node dist/src/main.js`: the role APP_ROLE names (api, worker or all).
void runService();
