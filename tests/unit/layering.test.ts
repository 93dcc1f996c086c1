import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile, checkLayers } from '../lint/layers';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('layering (design.md §1)', () => {
  it('holds for the whole source tree', () => {
    expect(checkLayers(root)).toEqual([]);
  });

  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/x.ts', "import Database from 'better-sqlite3';"],
    ['shared/x.ts', "import { Desk } from '../electron/core/desk';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.svelte', "<script lang=\"ts\">import { Desk } from '../../electron/core/desk';</script>"],
    ['renderer/src/x.ts', "const fs = await import('node:fs');"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/core/x.ts', "export { something } from '../main/ipc';"],
  ])('reports %s importing %s', (file, source) => {
    expect(checkFile(root, join(root, file), source)).toHaveLength(1);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nimport type { Lang } from './i18n';"],
    ['renderer/src/x.ts', "import type { ApiResults } from '../../shared/api';"],
    ['electron/main/x.ts', "import { app } from 'electron';\nimport { Desk } from '../core/desk';"],
    ['electron/core/x.ts', "import { readFile } from 'node:fs/promises';"],
  ])('allows %s importing %s', (file, source) => {
    expect(checkFile(root, join(root, file), source)).toEqual([]);
  });
});
