import { seedDemoEvent } from '../../demo/seed';
import { parseInput } from '../../api/parse-input';
import { createEvent } from '../../services/event-service';
import { randomPin } from '../../pin';
import { parse, required } from '../args';
import { openDesk } from '../desk-args';
import type { CommandResult } from '../output';

export async function init(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    name: { type: 'string' },
    date: { type: 'string' },
    venue: { type: 'string' },
    pin: { type: 'string' },
    'desk-name': { type: 'string' },
    demo: { type: 'boolean' },
    'no-nib-required': { type: 'boolean' },
  });
  const desk = openDesk(values.data);
  try {
    if (values.demo) {
      const info = seedDemoEvent(desk, { name: values.name, date: values.date, pin: values.pin });
      return { value: info, text: `${info.event?.name}: ${desk.view.size} peserta demo` };
    }
    const pin = values.pin ?? randomPin();
    const info = createEvent(
      desk,
      parseInput('createEvent', {
        name: required(values.name, 'name'),
        date: required(values.date, 'date'),
        venue: values.venue ?? '',
        nibRequired: !values['no-nib-required'],
        pin,
        deskName: values['desk-name'],
      }),
    );
    const pinNote = values.pin ? '' : `\nPIN panitia / organizer PIN: ${pin}`;
    return { value: { ...info, pin: values.pin ? undefined : pin }, text: `${info.event?.name} (${info.event?.date})${pinNote}` };
  } finally {
    desk.close();
  }
}
