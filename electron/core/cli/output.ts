import { LoketError, type ErrorCode } from '../../../shared/errors';
import { t, type Lang, type TextKey } from '../../../shared/i18n';
import { CLI_TEXT } from '../../../shared/i18n/cli';
import { toWireError } from '../api/wire-error';
import { UsageError } from './args';

export interface CommandResult {
  value: unknown;
  text: string;
}

/** Print a command's result (JSON for scripts, text for people) and return the exit status. */
export function report(result: CommandResult, json: boolean): number {
  process.stdout.write(json ? `${JSON.stringify(result.value, null, 2)}\n` : `${result.text}\n`);
  return 0;
}

/**
 * A refusal in words that hold no personal values: where the screen's sentence names a participant
 * (a wrong envelope names its owner and NIB), the CLI has its own, since what it prints ends up in logs.
 */
export function refusalText(lang: Lang, code: ErrorCode, params: Record<string, string | number>): string {
  // A typed NIB not on this desk is named: it is what the operator typed, and nobody's data here.
  if (code === 'participant_not_found' && params.nib !== undefined) return t(lang, 'cli.nibNotFound', params);
  const own = `cli.error.${code}`;
  return t(lang, Object.hasOwn(CLI_TEXT, own) ? (own as TextKey) : `error.${code}`, params);
}

/** Usage mistakes exit 2, refused or failed operations exit 1; both say why in the operator's language. */
export function reportError(error: unknown, json: boolean, lang: Lang): number {
  if (error instanceof UsageError) {
    const message = t(lang, error.key, error.params);
    process.stderr.write(`loket: ${message}\n${usage(lang)}`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'usage', message } })}\n`);
    return 2;
  }
  const wire = error instanceof LoketError ? { code: error.code, params: error.params } : toWireError(error);
  const message = refusalText(lang, wire.code, wire.params);
  process.stderr.write(`loket: ${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { ...wire, message } })}\n`);
  return 1;
}

/** What an import did, or (a dry run) would do, with the unchanged rows counted too. */
export function importSummary(lang: Lang, r: { rows: number; imported: number; updated: number; unchanged: number; errors: unknown[]; warnings: unknown[] }, dryRun: boolean): string {
  const counts = { rows: r.rows, imported: r.imported, updated: r.updated, unchanged: r.unchanged, errors: r.errors.length, warnings: r.warnings.length };
  return t(lang, dryRun ? 'cli.importDryRun' : 'cli.importSummary', counts);
}

export function usage(lang: Lang): string {
  return `${t(lang, 'cli.usage')}:\n${USAGE}${t(lang, 'cli.usageFooter')}\n`;
}

/** Every command's synopsis; the option names are the same in both languages. */
const USAGE = `  loket serve   --data DIR [--port N] [--host 127.0.0.1] [--peer http://HOST:PORT]... [--announce]
  loket init    --data DIR --name TEXT --date YYYY-MM-DD [--venue TEXT] [--desk-name TEXT] [--no-nib-required] [--demo]
  loket import  --data DIR FILE [--dry-run] [--operator NAME] [--include-sheet NAME]…
  loket checkin --data DIR (--nib NIB | --qr TEXT) [--operator NAME]
  loket badges  --data DIR --out FILE.pdf [--regency CODE] [--layout a6|cr80|thermal58|thermal80|a4]
  loket invitations --data DIR --out DIR [--regency CODE]
  loket certificates import --data DIR FILE [--dry-run]
  loket handover --data DIR --nib NIB --cert NUMBER [--representative NAME --relationship TEXT]
  loket status  --data DIR
  loket export  --data DIR --out DIR [--separator ';'|','] [--template FILE.json] [--no-pdf]
  loket sync    --data DIR --peer http://HOST:PORT --once
  loket invite  --data DIR [--qr FILE.png] [--address http://HOST:PORT]...
  loket join    --data DIR --code LOKET-...
  loket bundle  export|import --data DIR FILE
  loket uplink  --data DIR [--url postgres://USER@HOST:PORT/DB | --url-file FILE] [--once] [--insecure] | --print-schema
  loket demo-workbook --out FILE.xlsx [--count N] [--seed N]
  loket backup  --data DIR [--to DIR] [--keep N]
  loket restore --data DIR --from FILE.db
  loket check   --data DIR [--full]
  loket purge   --data DIR
`;
