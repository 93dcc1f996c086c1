import { compareEvents, eventId, subjectOf } from './event-identity';
import type { EventBody, LogEvent, ParticipantFields, Signatory, StoredPin } from './events';
import { foldCertificate, type CertificateState } from './fold-certificate';

/**
 * Derived state as a pure function of a *set* of events. Each fold sorts its input canonically
 * first, so any arrival order gives the same result; the store re-runs the fold for one subject
 * whenever one of its events arrives, and a rebuild runs it for all subjects.
 */

export interface CheckinRecord {
  id: string;
  hlc: string;
  desk: string;
  operator: string;
  via: EventBody<'checkin.recorded'>['via'];
}

export interface VoidRecord {
  id: string;
  hlc: string;
  desk: string;
  operator: string;
  reason: string;
  checkins: string[];
}

export interface BadgePrint {
  id: string;
  hlc: string;
  desk: string;
  operator: string;
  layout: string;
  reason: string | null;
}

export interface EditConflict {
  field: keyof ParticipantFields;
  events: string[];
}

export interface ParticipantState extends ParticipantFields {
  id: string;
  walkIn: boolean;
  source: { file: string; sheet: string; row: number } | null;
  createdHlc: string;
  updatedHlc: string;
  /** The latest write in canonical order: the `prev` of this desk's next write. */
  lastWrite: string;
  /** Check-ins not voided, earliest first. The participant is present while any stands. */
  checkins: CheckinRecord[];
  voids: VoidRecord[];
  /** Every badge printed for this participant, first print first. */
  badges: BadgePrint[];
  /** Writes of different values to one field made without seeing each other. */
  editConflicts: EditConflict[];
}

export interface EventConfig {
  eventId: string;
  name: string;
  date: string;
  venue: string;
  timezone: string;
  regencies: { code: string; target: number }[];
  nibRequired: boolean;
  pin: StoredPin;
  demo: boolean;
  signatories?: Signatory[];
  /** The date personal data must be destroyed by (`event.retention_set`); absent until set. */
  retentionDate?: string;
  configuredHlc: string;
}

export interface DeskState {
  desk: string;
  name: string | null;
  operators: string[];
  lastHlc: string;
  events: number;
}

const FIELD_KEYS: (keyof ParticipantFields)[] = [
  'nib',
  'name',
  'business',
  'phone',
  'regency',
  'district',
  'address',
  'productType',
  'productName',
  'nik',
];

type WriteEvent = Extract<LogEvent, { type: 'participant.imported' | 'participant.registered' | 'participant.edited' }>;

function isWrite(e: LogEvent): e is WriteEvent {
  return e.type === 'participant.imported' || e.type === 'participant.registered' || e.type === 'participant.edited';
}

export function foldParticipant(input: readonly LogEvent[]): ParticipantState | null {
  const events = [...input].sort(compareEvents);
  const writes = events.filter(isWrite);
  const creation = writes.find((e) => e.type !== 'participant.edited');
  if (!creation) return null;

  const b = creation.body;
  const fields: ParticipantFields = {
    nib: b.nib,
    name: b.name,
    business: b.business,
    phone: b.phone,
    regency: b.regency,
    district: b.district,
    address: b.address,
    productType: b.productType,
    productName: b.productName,
  };
  // Set only when recorded, so participants without an NIK fold exactly as before the field existed.
  if (b.nik !== undefined) fields.nik = b.nik;
  let walkIn = creation.type === 'participant.registered';
  let source = creation.type === 'participant.imported' ? creation.body.source : null;
  for (const w of writes) {
    if (w === creation) continue;
    for (const key of FIELD_KEYS) {
      const value = w.body[key];
      if (value !== undefined) (fields as Record<string, unknown>)[key] = value;
    }
    if (w.type === 'participant.registered') walkIn = true;
    if (w.type === 'participant.imported') source = w.body.source;
  }

  const voided = new Set<string>();
  const voids: VoidRecord[] = [];
  for (const e of events) {
    if (e.type !== 'checkin.voided') continue;
    for (const id of e.body.checkins) voided.add(id);
    voids.push({ id: eventId(e), hlc: e.hlc, desk: e.desk, operator: e.operator, reason: e.body.reason, checkins: e.body.checkins });
  }
  const checkins: CheckinRecord[] = [];
  for (const e of events) {
    if (e.type !== 'checkin.recorded' || voided.has(eventId(e))) continue;
    checkins.push({ id: eventId(e), hlc: e.hlc, desk: e.desk, operator: e.operator, via: e.body.via });
  }

  // Only confirmed prints count: a `badge.generated` (a batch PDF) stays in the history alone.
  const badges: BadgePrint[] = [];
  for (const e of events) {
    if (e.type !== 'badge.printed') continue;
    badges.push({ id: eventId(e), hlc: e.hlc, desk: e.desk, operator: e.operator, layout: e.body.layout, reason: e.body.reason });
  }

  const last = writes[writes.length - 1]!;
  return {
    id: creation.body.id,
    ...fields,
    walkIn,
    source,
    createdHlc: creation.hlc,
    updatedHlc: last.hlc,
    lastWrite: eventId(last),
    checkins,
    voids,
    badges,
    editConflicts: findEditConflicts(writes),
  };
}

/** Writes sharing a `prev` were made without seeing each other; differing values on a field are a conflict. */
function findEditConflicts(writes: readonly WriteEvent[]): EditConflict[] {
  const byPrev = new Map<string, WriteEvent[]>();
  for (const w of writes) {
    const key = w.body.prev ?? '';
    const group = byPrev.get(key);
    if (group) group.push(w);
    else byPrev.set(key, [w]);
  }
  const conflicts: EditConflict[] = [];
  for (const group of byPrev.values()) {
    if (group.length < 2) continue;
    for (const field of FIELD_KEYS) {
      const writers = group.filter((w) => w.body[field] !== undefined);
      const values = new Set(writers.map((w) => JSON.stringify(w.body[field])));
      if (values.size > 1) conflicts.push({ field, events: writers.map(eventId) });
    }
  }
  return conflicts;
}

export function foldEventConfig(input: readonly LogEvent[]): EventConfig | null {
  let latest: Extract<LogEvent, { type: 'event.configured' }> | null = null;
  let retention: Extract<LogEvent, { type: 'event.retention_set' }> | null = null;
  for (const e of input) {
    if (e.type === 'event.configured' && (!latest || compareEvents(latest, e) < 0)) latest = e;
    if (e.type === 'event.retention_set' && (!retention || compareEvents(retention, e) < 0)) retention = e;
  }
  if (!latest) return null;
  const config: EventConfig = { ...latest.body, configuredHlc: latest.hlc };
  if (retention) config.retentionDate = retention.body.date;
  return config;
}

export function foldDesk(desk: string, input: readonly LogEvent[]): DeskState {
  const events = [...input].sort(compareEvents);
  let name: string | null = null;
  const operators: string[] = [];
  for (const e of events) {
    if (e.type === 'desk.named') name = e.body.name;
    if (e.type === 'operator.signed_in' && !operators.includes(e.body.name)) operators.push(e.body.name);
  }
  return { desk, name, operators, lastHlc: events.at(-1)?.hlc ?? '', events: events.length };
}

export interface FoldedState {
  event: EventConfig | null;
  desks: Record<string, DeskState>;
  participants: Record<string, ParticipantState>;
  certificates: Record<string, CertificateState>;
}

/** Group events by subject and fold each group; the reference the store's incremental derivation is checked against. */
export function foldAll(events: readonly LogEvent[]): FoldedState {
  const groups = new Map<string, LogEvent[]>();
  for (const e of events) {
    const key = subjectOf(e, e.desk);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return foldSubjects(groups);
}

export function foldSubjects(groups: ReadonlyMap<string, readonly LogEvent[]>): FoldedState {
  const state: FoldedState = { event: null, desks: {}, participants: {}, certificates: {} };
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    if (key === 'event') state.event = foldEventConfig(group);
    else if (key.startsWith('desk:')) state.desks[key.slice(5)] = foldDesk(key.slice(5), group);
    else if (key.startsWith('c:')) {
      const c = foldCertificate(group);
      if (c) state.certificates[c.id] = c;
    } else {
      const p = foldParticipant(group);
      if (p) state.participants[p.id] = p;
    }
  }
  return state;
}
