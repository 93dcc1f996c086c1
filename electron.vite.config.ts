import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The packaged app: main (with the core bundled in), a CommonJS preload for the sandbox, the renderer. */
export default defineConfig({
  main: {
    build: { outDir: path('./out/main'), rollupOptions: { input: { index: path('./electron/main/index.ts') } } },
  },
  preload: {
    build: {
      outDir: path('./out/preload'),
      rollupOptions: {
        input: { index: path('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path('./renderer'),
    plugins: [svelte({ configFile: path('./svelte.config.js') })],
    build: { outDir: path('./out/renderer'), rollupOptions: { input: { index: path('./renderer/index.html') } } },
  },
});
