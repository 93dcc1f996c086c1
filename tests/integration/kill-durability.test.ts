import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { seedDemoEvent } from '../../electron/core/demo/seed';
import { requireBuild } from '../helpers/built-core';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const writer = fileURLToPath(new URL('./fixtures/checkin-writer.mjs', import.meta.url));

/** Run the writer and SIGKILL it once it has confirmed `after` check-ins; returns the confirmed IDs. */
function killAfter(dir: string, after: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const confirmed: string[] = [];
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line && line !== 'DONE') confirmed.push(line);
      if (confirmed.length >= after) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', () => resolve(confirmed));
  });
}

describe('durability', () => {
  beforeAll(requireBuild);

  it('loses no confirmed check-in when the writer is killed with SIGKILL mid-stream', async () => {
    for (const after of [1, 37, 150]) {
      const dir = tempDir();
      const setup = Desk.open(dir);
      seedDemoEvent(setup, { count: 300 });
      setup.close();

      const confirmed = await killAfter(dir, after);
      expect(confirmed.length).toBeGreaterThanOrEqual(after);

      const desk = Desk.open(dir);
      expect(desk.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const missing = confirmed.filter((id) => (desk.view.get(id)?.checkins.length ?? 0) === 0);
      expect(missing).toEqual([]);
      // The desk's own log is still gapless: its vector entry equals its number of events.
      const own = desk.db.prepare('SELECT count(*) FROM events WHERE desk = ?').pluck().get(desk.id);
      expect(desk.store.vector()[desk.id]).toBe(own);
      desk.close();
    }
  });
});
