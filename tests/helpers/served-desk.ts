import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Desk } from '../../electron/core/desk';
import { startServer, type RunningServer } from '../../electron/core/server/http-server';
import { projectRoot } from './built-core';
import { openEventDesk, person } from './desk-fixture';
import { useTempDirs } from './temp-dir';

export interface ServedDesk {
  server: RunningServer;
  desk: Desk;
  dir: string;
}

/**
 * A desk of one participant behind the browser fallback's HTTP server, on a free loopback port;
 * the server and the desk are closed after each test, before its folder is removed.
 */
export function useServedDesk(): () => Promise<ServedDesk> {
  const tempDir = useTempDirs();
  let running: ServedDesk | null = null;
  afterEach(async () => {
    await running?.server.close();
    running?.desk.close();
    running = null;
  });
  return async () => {
    const dir = tempDir();
    const desk = openEventDesk(dir, [person()]);
    const server = await startServer({ desk, staticDir: join(projectRoot, 'out/renderer'), port: 0 });
    running = { server, desk, dir };
    return running;
  };
}
