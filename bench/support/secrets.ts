/**
 * The secrets every benchmark starts the service with. The benchmarks run it as in production
 * (NODE_ENV=production), where src/config/secrets.ts refuses placeholders and weak values, so these
 * are long and varied; they are fixed rather than random because a benchmark's template database
 * keeps the administrator made from ADMIN_PASSWORD across runs (BENCH_REUSE_TEMPLATE=1).
 */
export const BENCH_SECRETS = {
  JWT_SECRET: 'b7Qk2-Wm9x-Lp4v-Zt8r-Hc3n-Yf6d-Jg1s-Ue5a',
  AUDIT_KEY: 'Rz4m-Tq8w-Nk2e-Vb7y-Pc5h-Xs9j-Lf3u-Gd6a',
  ADMIN_PASSWORD: 'Mv8t-Qz3k-Wr6p-Hn2x',
} as const;
