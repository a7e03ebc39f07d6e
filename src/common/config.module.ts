import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { APP_CONFIG, loadConfig, type AppConfig } from '../config/env';

/** The typed configuration (validated once) and the clock, available everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: { config?: AppConfig; clock?: Clock } = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useFactory: () => options.config ?? loadConfig() },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
