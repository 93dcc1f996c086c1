import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
];

/** The desk core as plain Node ESM: the CLI, `loket serve` and the `npm start` launcher. */
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: fileURLToPath(new URL('./out/core', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        cli: fileURLToPath(new URL('./electron/core/cli/main.ts', import.meta.url)),
        start: fileURLToPath(new URL('./electron/core/start.ts', import.meta.url)),
        index: fileURLToPath(new URL('./electron/core/index.ts', import.meta.url)),
        // Started by sync/frame-decoder.ts as a worker thread, found beside the chunk that starts it.
        'decode-worker': fileURLToPath(new URL('./electron/core/sync/decode-worker.ts', import.meta.url)),
        // Started by import/worker-channel.ts, one per list read, found the same way.
        'import-worker': fileURLToPath(new URL('./electron/core/import/import-worker.ts', import.meta.url)),
        // Started by search-off-thread.ts, which builds a large desk's search index on it.
        'search-worker': fileURLToPath(new URL('./electron/core/search-worker.ts', import.meta.url)),
        // Started by badges/qr-off-thread.ts, which encodes a large batch's QR codes on it.
        'qr-worker': fileURLToPath(new URL('./electron/core/badges/qr-worker.ts', import.meta.url)),
        // Started by store/checkpoint-off-thread.ts, which copies the WAL while an import's commit writes.
        'checkpoint-worker': fileURLToPath(new URL('./electron/core/store/checkpoint-worker.ts', import.meta.url)),
      },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        // Chunks stay beside the entries: paths.ts finds the renderer relative to its own file.
        chunkFileNames: '[name]-[hash].js',
        banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
});
