import 'reflect-metadata';
import { runService } from './service';

// `node dist/src/main.js`: the role APP_ROLE names (api, worker or all).
void runService();
