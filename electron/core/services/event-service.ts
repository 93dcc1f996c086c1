import type { ApiParsed, DeskInfo } from '../../../shared/api';
import { DEFAULT_EVENT_REGENCIES, regencyByCode } from '../../../shared/domain/regency';
import { LoketError } from '../../../shared/errors';
import type { NewEvent } from '../../../shared/events';
import type { Lang } from '../../../shared/i18n';
import type { Desk } from '../desk';
import { randomId } from '../ids';
import { hashPin } from '../pin';
import { closeAllOrganizerSessions, closeOrganizerSession, openOrganizerSession, organizerUntil, type Session } from './organizer';

/** What the screens need to know about this desk; `organizerUntil` is the asking client's own session. */
export function deskInfo(desk: Desk, session: Session = null): DeskInfo {
  const event = desk.event();
  return {
    event: event && {
      eventId: event.eventId,
      name: event.name,
      date: event.date,
      venue: event.venue,
      timezone: event.timezone,
      nibRequired: event.nibRequired,
      demo: event.demo,
      regencies: event.regencies.map((r) => ({ ...r, name: regencyByCode(r.code)?.name ?? r.code })),
    },
    desk: { id: desk.id, name: desk.deskName(desk.id), operator: desk.operator, dataDir: desk.dataDir, events: desk.store.count() },
    lang: desk.lang,
    organizerUntil: organizerUntil(desk, session),
  };
}

export function createEvent(desk: Desk, input: ApiParsed<'createEvent'> & { demo?: boolean }, session: Session = null): DeskInfo {
  if (desk.event()) throw new LoketError('event_exists');
  const events: NewEvent[] = [
    {
      type: 'event.configured',
      body: {
        eventId: randomId(),
        name: input.name,
        date: input.date,
        venue: input.venue,
        timezone: input.timezone,
        regencies: input.regencies ?? [...DEFAULT_EVENT_REGENCIES],
        nibRequired: input.nibRequired,
        pin: hashPin(input.pin),
        demo: input.demo ?? false,
      },
    },
  ];
  if (input.deskName) events.push({ type: 'desk.named', body: { name: input.deskName } });
  desk.record(events, desk.operator ?? 'panitia');
  return deskInfo(desk, session);
}

export function signIn(desk: Desk, name: string, session: Session = null): DeskInfo {
  desk.record([{ type: 'operator.signed_in', body: { name } }], name);
  desk.setMeta('operator', name);
  return deskInfo(desk, session);
}

export function signOut(desk: Desk): DeskInfo {
  desk.setMeta('operator', null);
  closeAllOrganizerSessions(desk);
  return deskInfo(desk);
}

export function setLanguage(desk: Desk, lang: Lang, session: Session = null): DeskInfo {
  desk.setMeta('lang', lang);
  return deskInfo(desk, session);
}

/** Unlock organizer functions for this client for a while; wrong PINs count towards the desk's lockout. */
export async function unlockOrganizer(desk: Desk, pin: string, session: Session): Promise<DeskInfo> {
  await openOrganizerSession(desk, session, pin);
  return deskInfo(desk, session);
}

export function lockOrganizer(desk: Desk, session: Session): DeskInfo {
  closeOrganizerSession(desk, session);
  return deskInfo(desk, session);
}
