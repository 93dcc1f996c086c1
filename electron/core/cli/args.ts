import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseNib } from '../../../shared/domain/nib';
import type { Lang, TextKey } from '../../../shared/i18n';

/** A mistake in how a command was typed: exits 2 with the message and the usage, in the operator's language. */
export class UsageError extends Error {
  constructor(
    readonly key: TextKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util's parse errors, which are in English, as our own: the option named is the one quoted. */
function parseMistake(error: unknown): UsageError {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^' ]+)/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError('cli.unknownOption', { option: quoted });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError('cli.unexpectedArgument', { argument: quoted });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(message?.includes('does not take') ? 'cli.takesNoValue' : 'cli.missingValue', { option: quoted });
  }
  return new UsageError('cli.badArguments', { detail: message ?? String(error) });
}

/** Strict option parsing: an unknown or malformed option is a usage error, never ignored. */
export function parse<O extends Options>(argv: string[], options: O, positionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, json: { type: 'boolean' }, lang: { type: 'string' } }, allowPositionals: positionals > 0, strict: true });
  } catch (error) {
    throw parseMistake(error);
  }
  if (parsed.positionals.length > positionals) throw new UsageError('cli.unexpectedArgument', { argument: parsed.positionals[positionals]! });
  return parsed;
}

/** `--lang en` or `--lang=en` anywhere in the arguments; Bahasa Indonesia otherwise. */
export function langOf(argv: readonly string[]): Lang {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at]!.startsWith('--lang=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
  return value === 'en' ? 'en' : 'id';
}

export function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError('cli.required', { option: name });
  return value;
}

export function port(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError('cli.port', { value });
  return n;
}

/** `--regency`: a regency code such as 63.72. */
export function regencyOf(value: string | undefined): string | undefined {
  if (value !== undefined && !/^63\.\d{2}$/.test(value)) throw new UsageError('cli.value.regency', { option: '--regency', value });
  return value;
}

/** `--nib`: 13 digits, spaces, dots and dashes as typed from a printed list allowed. */
export function nibOf(value: string): string {
  const nib = parseNib(value);
  if (!nib.ok) throw new UsageError('cli.value.nib', { option: '--nib', value });
  return nib.nib;
}
