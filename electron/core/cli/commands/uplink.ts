import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LoketError } from '../../../../shared/errors';
import { t } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { DeskUplink, pushOnce } from '../../uplink/desk-uplink';
import { printableSchema } from '../../uplink/schema';
import { storedUplink } from '../../uplink/uplink-settings';
import { parseUplinkUrl, type UplinkTarget } from '../../uplink/uplink-url';
import { langOf, parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

/** The URL with its password comes from here, a file, or the desk's stored setting: never from the command line. */
export const UPLINK_URL_ENV = 'LOKET_UPLINK_URL';

function urlOf(values: { url?: string; 'url-file'?: string }, desk: Desk): { url: string; insecure: boolean } | null {
  if (values.url !== undefined) {
    if (/^[a-z]+:\/\/[^/@]*:[^/@]*@/i.test(values.url)) {
      throw new UsageError('cli.uplinkPasswordInUrl');
    }
    return { url: values.url, insecure: false };
  }
  if (values['url-file'] !== undefined) return { url: readFileSync(values['url-file'], 'utf8').trim(), insecure: false };
  const env = process.env[UPLINK_URL_ENV];
  if (env) return { url: env, insecure: false };
  return storedUplink(desk);
}

/**
 * `loket uplink`: this desk's log (every desk's events it holds) into the province's PostgreSQL.
 * `--once` pushes what the server lacks and exits; otherwise it stays connected, pushes each new
 * event as it is stored and reconnects with backoff, until SIGINT or SIGTERM.
 */
export async function uplink(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    url: { type: 'string' },
    'url-file': { type: 'string' },
    once: { type: 'boolean' },
    insecure: { type: 'boolean' },
    'print-schema': { type: 'boolean' },
  });
  if (values['print-schema']) {
    const sql = printableSchema();
    return { value: { sql }, text: sql.trimEnd() };
  }
  const desk = Desk.open(required(values.data, 'data'));
  try {
    desk.requireEvent();
    const source = urlOf(values, desk);
    if (!source) throw new LoketError('uplink_not_configured', { env: UPLINK_URL_ENV });
    const target: UplinkTarget = parseUplinkUrl(source.url, source.insecure || values.insecure === true);
    if (values.once) {
      const start = performance.now();
      const r = await pushOnce(desk, target);
      const alarms = r.conflicts.length + r.damaged.length;
      // From dialling to done, as `loket join --json` reports its catch-up.
      const value = { pushed: r.pushed, events: r.events, redacted: r.redacted, alarms, server: target.label, ms: Math.round(performance.now() - start) };
      const lang = langOf(argv);
      const parts = [
        t(lang, 'cli.uplinkPushed', { pushed: r.pushed, server: target.label, events: r.events }),
        ...(r.redacted ? [t(lang, 'cli.uplinkRedacted', { redacted: r.redacted })] : []),
        ...(alarms ? [t(lang, 'cli.uplinkAlarm', { alarms })] : []),
      ];
      return { value, text: parts.join('; ') };
    }
    const live = new DeskUplink(desk, target, { log: (line) => process.stderr.write(`${line}\n`) });
    live.start();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await live.close();
    return { value: { stopped: true, server: target.label }, text: t(langOf(argv), 'cli.uplinkStopped') };
  } finally {
    desk.close();
  }
}
