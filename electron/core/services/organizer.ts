import { LoketError } from '../../../shared/errors';
import type { Desk } from '../desk';
import { pinMatches } from '../pin';

const PIN_ATTEMPTS = 5;
const PIN_LOCKOUT_MS = 30_000;
const FAILURES_KEY = 'pin_failures';
const ORGANIZER_SESSION_MS = 15 * 60_000;

/** A client's session token (a random string it made and sends with every call); null for none. */
export type Session = string | null;

const SESSION_TOKEN = /^[A-Za-z0-9_-]{22,128}$/;

/** The session a face passes on, or null when it is missing or too short to be unguessable. */
export function sessionOf(value: unknown): Session {
  return typeof value === 'string' && SESSION_TOKEN.test(value) ? value : null;
}

interface Failures {
  count: number;
  until: number;
}

function failures(desk: Desk): Failures {
  const raw = desk.meta(FAILURES_KEY);
  return raw ? (JSON.parse(raw) as Failures) : { count: 0, until: 0 };
}

/**
 * The one check of the organizer PIN: the PIN dialog, leaving kiosk mode, the purge, showing the
 * join code and `loket purge` all come here, so every wrong guess counts towards one lockout. The
 * count lives in the database: a restart, or another process on the same data folder, does not
 * reset it. An attempt is counted before its (slow, asynchronous) hash is computed, so guesses sent
 * side by side cannot all get in before the first failure is recorded.
 */
export async function checkOrganizerPin(desk: Desk, pin: string): Promise<void> {
  const event = desk.requireEvent();
  desk.db
    .transaction(() => {
      const now = desk.now();
      const record = failures(desk);
      if (record.until > now) throw new LoketError('pin_locked', { seconds: Math.ceil((record.until - now) / 1000) });
      const count = record.count + 1;
      const next: Failures = count >= PIN_ATTEMPTS ? { count: 0, until: now + PIN_LOCKOUT_MS } : { count, until: 0 };
      desk.setMeta(FAILURES_KEY, JSON.stringify(next));
    })
    .immediate();
  if (!(await pinMatches(pin, event.pin))) throw new LoketError('wrong_pin');
  desk.setMeta(FAILURES_KEY, null);
}

/** Unlocked sessions per desk (memory only: a restart locks every client again). */
const sessions = new WeakMap<Desk, Map<string, number>>();

function sessionsOf(desk: Desk): Map<string, number> {
  let map = sessions.get(desk);
  if (!map) sessions.set(desk, (map = new Map()));
  return map;
}

/** Organizer functions for this session only, for a while: another client on the same desk stays locked. */
export async function openOrganizerSession(desk: Desk, session: Session, pin: string): Promise<void> {
  if (!session) throw new LoketError('bad_request', { detail: 'session' });
  await checkOrganizerPin(desk, pin);
  const map = sessionsOf(desk);
  const now = desk.now();
  for (const [token, until] of map) if (until <= now) map.delete(token);
  map.set(session, now + ORGANIZER_SESSION_MS);
}

/** Until when this session may use organizer functions, or null. */
export function organizerUntil(desk: Desk, session: Session): number | null {
  const until = session ? sessions.get(desk)?.get(session) : undefined;
  return until !== undefined && until > desk.now() ? until : null;
}

export function closeOrganizerSession(desk: Desk, session: Session): void {
  if (session) sessions.get(desk)?.delete(session);
}

/** The operator signed out: nobody at this desk stays an organizer. */
export function closeAllOrganizerSessions(desk: Desk): void {
  sessions.delete(desk);
}

export function requireOrganizer(desk: Desk, session: Session): void {
  if (organizerUntil(desk, session) === null) throw new LoketError('organizer_locked');
}
