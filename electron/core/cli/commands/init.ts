import { LoketError } from '../../../../shared/errors';
import { seedDemoEvent } from '../../demo/seed';
import { parseInput } from '../../api/parse-input';
import { createEvent } from '../../services/event-service';
import { randomPin } from '../../pin';
import { parse, required } from '../args';
import { openDesk } from '../desk-args';
import { checkPinFormat, PIN_ENV, readPin, refusePinOption } from '../pin-input';
import type { CommandResult } from '../output';

/**
 * `loket init`: the organizer PIN comes from LOKET_PIN, a prompt or stdin (never an option); none
 * given makes a random one, printed once. The demo keeps its known PIN unless LOKET_PIN is set.
 */
export async function init(argv: string[]): Promise<CommandResult> {
  refusePinOption(argv);
  const { values } = parse(argv, {
    data: { type: 'string' },
    name: { type: 'string' },
    date: { type: 'string' },
    venue: { type: 'string' },
    'desk-name': { type: 'string' },
    demo: { type: 'boolean' },
    'no-nib-required': { type: 'boolean' },
  });
  const desk = openDesk(values.data);
  try {
    if (values.demo) {
      const given = process.env[PIN_ENV];
      const info = seedDemoEvent(desk, { name: values.name, date: values.date, pin: given === undefined ? undefined : checkPinFormat(given.trim()) });
      return { value: info, text: `${info.event?.name}: ${desk.view.size} peserta demo` };
    }
    const name = required(values.name, 'name');
    const date = required(values.date, 'date');
    // Refused before the prompt, not after the organizer typed a PIN twice.
    if (desk.event()) throw new LoketError('event_exists');
    const given = await readPin('PIN panitia / organizer PIN (8–12 angka/digits, kosong/empty = acak/random):', { confirm: 'Ulangi PIN / repeat the PIN:' });
    const pin = given ? checkPinFormat(given) : randomPin();
    const info = createEvent(
      desk,
      parseInput('createEvent', {
        name,
        date,
        venue: values.venue ?? '',
        nibRequired: !values['no-nib-required'],
        pin,
        deskName: values['desk-name'],
      }),
    );
    const pinNote = given ? '' : `\nPIN panitia / organizer PIN: ${pin}`;
    return { value: { ...info, pin: given ? undefined : pin }, text: `${info.event?.name} (${info.event?.date})${pinNote}` };
  } finally {
    desk.close();
  }
}
