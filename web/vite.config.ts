/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';

// The console is served by the service itself (src/console/serve-console.ts): one origin, no CORS.
// `npm -w web run dev` proxies the API to a service on :3000 for hot reloading.
export default defineConfig({
  plugins: [
    vue(),
    // Element Plus per component: each page's chunk carries only the components (and their CSS) it
    // uses, which keeps the sign-in page small (BENCHMARKS.md).
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: 'src/components.d.ts' }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  define: {
    // vue-i18n's compile-time flags: the Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed names under assets/ are cached for a year by the service; index.html is never cached.
    assetsDir: 'assets',
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks and styles each page loads (bench/console-bundle.ts reads it).
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
