import { read } from 'read';
import { ORGANIZER_PIN } from '../../../shared/domain/pin';
import { UsageError } from './args';

/** Where a script gives the organizer PIN. */
export const PIN_ENV = 'LOKET_PIN';

/**
 * The organizer PIN is never an option: `ps` and the shell history would show it. A command that
 * needs it refuses `--pin` with the ways that stay private.
 */
export function refusePinOption(argv: readonly string[]): void {
  if (argv.some((a) => a === '--pin' || a.startsWith('--pin='))) {
    throw new UsageError('cli.pinOption');
  }
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0]!.trim();
}

/**
 * The PIN from LOKET_PIN, else typed at a prompt that does not echo (on stderr, so `--json` output
 * stays clean), else the first line of stdin. Empty when none was given.
 */
export async function readPin(prompt: string, options: { confirm?: string } = {}): Promise<string> {
  const fromEnv = process.env[PIN_ENV];
  if (fromEnv !== undefined) return fromEnv.trim();
  if (!process.stdin.isTTY) return firstLine(process.stdin);
  const ask = async (text: string) => (await read({ prompt: text, silent: true, replace: '', output: process.stderr })).trim();
  const pin = await ask(prompt);
  if (pin && options.confirm && (await ask(options.confirm)) !== pin) throw new UsageError('cli.pinsDiffer');
  return pin;
}

/** The same rule as the setup form's, in the same words: a PIN given in another form is a usage mistake. */
export function checkPinFormat(pin: string): string {
  if (!ORGANIZER_PIN.test(pin)) throw new UsageError('error.pin_too_short');
  return pin;
}
