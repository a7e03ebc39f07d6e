import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';

/**
 * Binds the ports lower modules own (transaction hooks, lookups) to implementations in higher
 * modules. Composed once, at the root (app.module.ts), and global, so a lower module injects its
 * port without importing the module above it: dependencies keep pointing one way, with no
 * `forwardRef`. A port left unbound fails the start ("Nest can't resolve dependencies of …").
 */
@Module({})
export class WiringModule {
  static forRoot(wiring: { imports: NonNullable<ModuleMetadata['imports']>; providers: Provider[] }): DynamicModule {
    return {
      global: true,
      module: WiringModule,
      imports: wiring.imports,
      providers: wiring.providers,
      exports: wiring.providers.map((p) => (typeof p === 'function' ? p : p.provide)),
    };
  }
}
