import 'reflect-metadata';
import { runService } from './service';

// `node dist/src/worker.js`: the worker role whatever APP_ROLE says (compose's worker service).
if (require.main === module) void runService({ role: 'worker' });
