import type { z } from 'zod';
import type { TextKey } from '../../../shared/i18n';
import { badRequest } from '../api/parse-input';
import { UsageError } from './args';

/** The option each field of an input is typed as: `{ date: '--date' }`, a nested field by its path (`'recipient.name'`). */
export type OptionNames = Readonly<Record<string, string>>;

/** Fields whose rule is a form to show the operator, whatever the schema's own wording. */
const FORMS: Readonly<Record<string, TextKey>> = { date: 'cli.value.date', regency: 'cli.value.regency' };

/**
 * Values typed on the command line, checked against the contract as the desk's API checks them. A
 * value it refuses is the operator's mistake: a usage error (exit 2) naming the option as typed and
 * saying what it takes, in their language. A field no option gave is this program's mistake, and
 * stays the bad_request the API would answer.
 */
export function typedInput<S extends z.ZodType>(schema: S, input: Readonly<Record<string, unknown>>, options: OptionNames): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues.find((i) => Object.hasOwn(options, i.path.join('.')));
  if (!issue) throw badRequest(parsed.error.issues);
  throw mistake(options[issue.path.join('.')]!, issue, valueAt(input, issue.path));
}

function mistake(option: string, issue: z.core.$ZodIssue, value: unknown): UsageError {
  const params = { option, value: String(value) };
  const form = FORMS[String(issue.path.at(-1))];
  if (form) return new UsageError(form, params);
  if (issue.code === 'too_big' && issue.origin === 'string') return new UsageError('cli.value.tooLong', { option, max: Number(issue.maximum) });
  // Typed text is cleaned first (cleanText): blanks alone, or invisible characters, are nothing.
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return new UsageError('cli.value.empty', { option });
  if (issue.code === 'invalid_value') return new UsageError('cli.value.choice', { ...params, values: issue.values.join(', ') });
  return new UsageError('cli.value.invalid', params);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], input);
}
