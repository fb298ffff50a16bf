import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The analyst dashboard. `vite build` writes `dist/`, which alerts-api serves at `/`;
 * `vite` (dev server) proxies `/api` to a running alerts-api (ALERTS_API_URL, default :8081).
 */
export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The charts library is the largest piece; a separate chunk caches across releases.
    rollupOptions: { output: { manualChunks: { charts: ['uplot'] } } },
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.ALERTS_API_URL ?? 'http://127.0.0.1:8081' },
  },
});
