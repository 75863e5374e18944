import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Gate's URL for the dev server's `/gate` proxy (deck's own server reads the same variable). */
const gateUrl = process.env.DECK_GATE_URL ?? 'http://127.0.0.1:8084';
/** Identity header families that only services may set; never forwarded from a browser. */
const identityHeader = /^x-(spinnaker|genoa)-/i;

/**
 * Vite for deck: the SPA under `src/`, built into `dist/` (hashed files in `dist/assets/`, which
 * deck's server caches for a year). `pnpm dev` serves it on 9000 and proxies `/gate` to gate the
 * way deck's server does, identity headers stripped.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 9000,
    strictPort: true,
    host: '127.0.0.1',
    proxy: {
      // `/gate`, `/gate/…` and `/gate?…`, but not `/gateway`.
      '^/gate(/|\\?|$)': {
        target: gateUrl,
        changeOrigin: true,
        rewrite: (path) => path.replace(/^\/gate\/?/, '/'),
        configure(proxy) {
          proxy.on('proxyReq', (proxyReq) => {
            for (const name of proxyReq.getHeaderNames()) {
              if (identityHeader.test(name)) proxyReq.removeHeader(name);
            }
          });
        },
      },
    },
  },
  preview: { port: 9000, host: '127.0.0.1' },
});
