import { eventSetupSchema } from '../../../../shared/api';
import { LoketError } from '../../../../shared/errors';
import { t } from '../../../../shared/i18n';
import { seedDemoEvent } from '../../demo/seed';
import { createEvent } from '../../services/event-service';
import { randomPin } from '../../pin';
import { langOf, parse, required } from '../args';
import { openDesk } from '../desk-args';
import { checkPinFormat, PIN_ENV, readPin, refusePinOption } from '../pin-input';
import type { CommandResult } from '../output';
import { typedInput } from '../typed-input';

export const INIT_OPTIONS = { name: '--name', date: '--date', venue: '--venue', deskName: '--desk-name' } as const;

/**
 * `loket init`: the organizer PIN comes from LOKET_PIN, a prompt or stdin (never an option); none
 * given makes a random one, printed once. The demo keeps its known PIN unless LOKET_PIN is set.
 * What was typed is checked first, before the prompt: not after the organizer typed a PIN twice.
 */
export async function init(argv: string[]): Promise<CommandResult> {
  refusePinOption(argv);
  const lang = langOf(argv);
  const { values } = parse(argv, {
    data: { type: 'string' },
    name: { type: 'string' },
    date: { type: 'string' },
    venue: { type: 'string' },
    'desk-name': { type: 'string' },
    demo: { type: 'boolean' },
    'no-nib-required': { type: 'boolean' },
  });
  if (values.demo) {
    const typed = typedInput(eventSetupSchema.pick({ name: true, date: true }).partial(), { name: values.name, date: values.date }, INIT_OPTIONS);
    const given = process.env[PIN_ENV];
    const pin = given === undefined ? undefined : checkPinFormat(given.trim());
    const desk = openDesk(values.data);
    try {
      const info = seedDemoEvent(desk, { ...typed, pin });
      return { value: info, text: t(lang, 'cli.demoCreated', { event: info.event?.name ?? '', count: desk.view.size }) };
    } finally {
      desk.close();
    }
  }
  const setup = typedInput(
    eventSetupSchema.omit({ pin: true }),
    { name: required(values.name, 'name'), date: required(values.date, 'date'), venue: values.venue ?? '', nibRequired: !values['no-nib-required'], deskName: values['desk-name'] },
    INIT_OPTIONS,
  );
  const desk = openDesk(values.data);
  try {
    if (desk.event()) throw new LoketError('event_exists');
    const given = await readPin(t(lang, 'cli.pinPromptNew'), { confirm: t(lang, 'cli.pinRepeat') });
    const pin = given ? checkPinFormat(given) : randomPin();
    const info = createEvent(desk, { ...setup, pin });
    const pinNote = given ? '' : `\n${t(lang, 'cli.pinShown', { pin })}`;
    return { value: { ...info, pin: given ? undefined : pin }, text: `${info.event?.name} (${info.event?.date})${pinNote}` };
  } finally {
    desk.close();
  }
}
