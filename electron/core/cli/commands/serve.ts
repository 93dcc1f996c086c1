import { BackupScheduler } from '../../backup/backup-scheduler';
import { Desk } from '../../desk';
import { rendererDir } from '../../paths';
import { startServer } from '../../server/http-server';
import { startLogAudit } from '../../store/log-audit';
import { DeskSync } from '../../sync/desk-sync';
import { UplinkHost } from '../../uplink/uplink-host';
import { parse, port, required } from '../args';

/**
 * A desk without a window: the UI and the API on loopback, replication at /sync, until SIGINT/SIGTERM.
 * Only `--host 0.0.0.0` makes it reachable from the LAN and only `--announce` advertises it by mDNS.
 */
export async function serve(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    peer: { type: 'string', multiple: true },
    announce: { type: 'boolean' },
  });
  const desk = Desk.open(required(values.data, 'data'));
  const host = values.host ?? '127.0.0.1';
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const sync = new DeskSync({ desk, announce: values.announce, log });
  const server = await startServer({ desk, staticDir: rendererDir(), host, port: port(values.port), sync });
  sync.listening(host, server.port, values.peer ?? []);
  const backups = new BackupScheduler(desk);
  backups.start();
  const uplink = new UplinkHost(desk, log);
  uplink.start();
  const audit = startLogAudit({ db: desk.db, deskId: desk.id, now: desk.now, log });
  process.stdout.write(`Loket: ${server.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  audit.stop();
  sync.close();
  await uplink.close();
  await backups.close();
  await server.close();
  desk.close();
  return 0;
}
