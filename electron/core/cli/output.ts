import { LoketError } from '../../../shared/errors';
import { t, type Lang } from '../../../shared/i18n';
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

/** Usage mistakes exit 2, refused or failed operations exit 1; both say why in the operator's language. */
export function reportError(error: unknown, json: boolean, lang: Lang): number {
  if (error instanceof UsageError) {
    process.stderr.write(`loket: ${error.message}\n${USAGE}`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: error.message } })}\n`);
    return 2;
  }
  const wire = error instanceof LoketError ? { code: error.code, params: error.params } : toWireError(error);
  const message = t(lang, `error.${wire.code}`, wire.params);
  process.stderr.write(`loket: ${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { ...wire, message } })}\n`);
  return 1;
}

export const USAGE = `usage:
  loket serve   --data DIR [--port N] [--host 127.0.0.1] [--peer http://HOST:PORT]... [--announce]
  loket init    --data DIR --name TEXT --date YYYY-MM-DD [--venue TEXT] [--pin PIN] [--desk-name TEXT] [--no-nib-required] [--demo]
  loket import  --data DIR FILE [--dry-run] [--operator NAME]
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
  loket demo-workbook --out FILE.xlsx [--count N] [--seed N]
  loket backup  --data DIR [--to DIR] [--keep N]
  loket restore --data DIR --from FILE.db
  loket check   --data DIR [--full]
  loket purge   --data DIR --pin PIN
every command takes --json (machine-readable output) and --lang id|en
`;
