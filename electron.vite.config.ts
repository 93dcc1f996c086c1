import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));
/** LOKET_ELECTRON_OUT builds elsewhere (the packaging test), leaving out/ to whatever else is running. */
const out = (part: string) => join(process.env.LOKET_ELECTRON_OUT ?? path('./out'), part);

/** The packaged app: main (with the core bundled in), a CommonJS preload for the sandbox, the renderer. */
export default defineConfig({
  main: {
    build: {
      outDir: out('main'),
      // The sync decode worker, the import worker, the search index worker, the badge batch's QR
      // worker and the import's checkpoint worker run from their own files beside the main bundle
      // (sync/frame-decoder.ts, import/worker-channel.ts, search-off-thread.ts,
      // badges/qr-off-thread.ts, store/checkpoint-off-thread.ts).
      rollupOptions: {
        input: {
          index: path('./electron/main/index.ts'),
          'decode-worker': path('./electron/core/sync/decode-worker.ts'),
          'import-worker': path('./electron/core/import/import-worker.ts'),
          'search-worker': path('./electron/core/search-worker.ts'),
          'qr-worker': path('./electron/core/badges/qr-worker.ts'),
          'checkpoint-worker': path('./electron/core/store/checkpoint-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: out('preload'),
      rollupOptions: {
        input: { index: path('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path('./renderer'),
    plugins: [svelte({ configFile: path('./svelte.config.js') })],
    build: { outDir: out('renderer'), rollupOptions: { input: { index: path('./renderer/index.html') } } },
  },
});
