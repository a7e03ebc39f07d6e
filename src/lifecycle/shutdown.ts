import type { Logger } from 'pino';

interface Closable {
  close(): Promise<void>;
}

/**
 * SIGTERM and SIGINT, handled the same way in every state of the process:
 * - while it starts (waiting for PostgreSQL or Redis, migrating, building the app): nothing is
 *   served yet and every step is safe to cut (migrations run in transactions), so it exits at once;
 * - once it runs: it closes the app (the HTTP server stops taking requests and finishes the open
 *   ones, the BullMQ workers finish their active jobs), and exits when that is done or when
 *   SHUTDOWN_TIMEOUT_SECONDS have passed, whichever comes first;
 * - a second signal exits at once.
 * Nest's own enableShutdownHooks() is not used: it only listens once the app exists, and waits for
 * close() without a limit (a worker whose Redis is gone never finished closing).
 */
export class Shutdown {
  private readonly controller = new AbortController();
  private app?: Closable;

  constructor(
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Aborted by the first signal: long start-up waits listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  install(): this {
    process.on('SIGTERM', () => this.stop('SIGTERM'));
    process.on('SIGINT', () => this.stop('SIGINT'));
    return this;
  }

  /** The app is up: from now on a signal closes it gracefully. */
  running(app: Closable): void {
    this.app = app;
  }

  private stop(signal: string): void {
    if (this.controller.signal.aborted) {
      this.log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    this.controller.abort();
    const app = this.app;
    if (!app) {
      this.log.info(`${signal} before the start finished: exiting`);
      process.exit(0);
    }
    this.log.info(`${signal}: stopping (at most ${Math.round(this.timeoutMs / 1000)} s)`);
    setTimeout(() => {
      this.log.error(`not stopped within ${Math.round(this.timeoutMs / 1000)} s (SHUTDOWN_TIMEOUT_SECONDS): exiting anyway`);
      process.exit(1);
    }, this.timeoutMs);
    app.close().then(
      () => {
        this.log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        this.log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  }
}
