import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { APP_CONFIG, loadConfig } from '../config/env';

/** The typed configuration (validated once) and the clock, available everywhere. */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [APP_CONFIG, Clock],
})
export class CoreModule {}
