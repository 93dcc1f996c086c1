import type { ApiParsed, DeskInfo } from '../../../shared/api';
import { DEFAULT_EVENT_REGENCIES, regencyByCode } from '../../../shared/domain/regency';
import { LoketError } from '../../../shared/errors';
import type { NewEvent } from '../../../shared/events';
import type { Lang } from '../../../shared/i18n';
import type { Desk } from '../desk';
import { randomId } from '../ids';
import { hashPin, pinMatches } from '../pin';

const ORGANIZER_SESSION_MS = 15 * 60_000;
const PIN_ATTEMPTS = 5;
const PIN_LOCKOUT_MS = 30_000;

export function deskInfo(desk: Desk): DeskInfo {
  const event = desk.event();
  const until = desk.organizerUntil && desk.organizerUntil > desk.now() ? desk.organizerUntil : null;
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
    organizerUntil: until,
  };
}

export function createEvent(desk: Desk, input: ApiParsed<'createEvent'> & { demo?: boolean }): DeskInfo {
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
  return deskInfo(desk);
}

export function signIn(desk: Desk, name: string): DeskInfo {
  desk.record([{ type: 'operator.signed_in', body: { name } }], name);
  desk.setMeta('operator', name);
  return deskInfo(desk);
}

export function signOut(desk: Desk): DeskInfo {
  desk.setMeta('operator', null);
  desk.organizerUntil = null;
  return deskInfo(desk);
}

export function setLanguage(desk: Desk, lang: Lang): DeskInfo {
  desk.setMeta('lang', lang);
  return deskInfo(desk);
}

const failures = new WeakMap<Desk, { count: number; until: number }>();

/** Unlock organizer functions for a while; repeated wrong PINs lock the dialog for 30 s. */
export function unlockOrganizer(desk: Desk, pin: string): DeskInfo {
  const event = desk.requireEvent();
  const now = desk.now();
  const record = failures.get(desk) ?? { count: 0, until: 0 };
  if (record.until > now) throw new LoketError('wrong_pin');
  if (!pinMatches(pin, event.pin)) {
    record.count++;
    if (record.count >= PIN_ATTEMPTS) record.until = now + PIN_LOCKOUT_MS;
    failures.set(desk, record);
    throw new LoketError('wrong_pin');
  }
  failures.delete(desk);
  desk.organizerUntil = now + ORGANIZER_SESSION_MS;
  return deskInfo(desk);
}

export function lockOrganizer(desk: Desk): DeskInfo {
  desk.organizerUntil = null;
  return deskInfo(desk);
}

export function requireOrganizer(desk: Desk): void {
  if (!desk.organizerUntil || desk.organizerUntil <= desk.now()) throw new LoketError('organizer_locked');
}
