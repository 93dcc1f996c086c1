import type { ApiParsed, CheckinOutcome, ParticipantDetail } from '../../../shared/api';
import { parseScannedCode } from '../../../shared/badge/badge-code';
import { parseNib } from '../../../shared/domain/nib';
import { parseNik } from '../../../shared/domain/nik';
import { parsePhone } from '../../../shared/domain/phone';
import { regencyByCode } from '../../../shared/domain/regency';
import { tidyName } from '../../../shared/domain/text';
import { LoketError } from '../../../shared/errors';
import type { ParticipantState } from '../../../shared/fold';
import { badgeKeys, checkBadge } from '../badges/signing';
import type { Desk } from '../desk';
import { participantIdFor, randomId } from '../ids';
import { toDetail } from './views';

type CheckInInput = ApiParsed<'checkIn'>;

export function findParticipant(desk: Desk, input: CheckInInput): ParticipantState {
  desk.refresh();
  if ('participantId' in input) {
    const p = desk.view.get(input.participantId);
    if (!p) throw new LoketError('participant_not_found');
    return p;
  }
  if ('code' in input) return findByScannedCode(desk, input.code);
  const nib = parseNib(input.nib);
  if (!nib.ok) throw new LoketError('nib_invalid', { value: input.nib });
  const p = desk.view.byNibValue(nib.nib);
  if (!p) throw new LoketError('participant_not_found', { nib: nib.nib });
  return p;
}

function badgeParticipant(code: string): string | null {
  const scanned = parseScannedCode(code);
  return scanned.kind === 'badge' ? scanned.badge.participantId : null;
}

/** A badge code is verified against the event's key, offline; a plain NIB is looked up as typed. */
function findByScannedCode(desk: Desk, text: string): ParticipantState {
  const scanned = parseScannedCode(text);
  if (scanned.kind === 'nib') return findParticipant(desk, { nib: scanned.nib });
  if (scanned.kind === 'damaged') throw new LoketError('qr_forged');
  if (scanned.kind === 'unreadable') throw new LoketError('qr_unreadable');
  const event = desk.requireEvent();
  const check = checkBadge(badgeKeys(desk.secret, event.eventId), scanned.badge);
  if (check === 'other_event') throw new LoketError('qr_other_event');
  if (check === 'forged') throw new LoketError('qr_forged');
  return findParticipant(desk, { participantId: scanned.badge.participantId, via: 'qr' });
}

/** Record arrival once; a participant already present is reported with when, where and by whom. */
export function checkIn(desk: Desk, input: CheckInInput, operator = desk.requireOperator()): CheckinOutcome {
  desk.requireEvent();
  const p = findParticipant(desk, input);
  if (p.checkins.length > 0) return { status: 'already_present', participant: toDetail(desk, p) };
  const via = 'participantId' in input ? input.via : 'code' in input && p.id === badgeParticipant(input.code) ? 'qr' : 'nib';
  desk.record([{ type: 'checkin.recorded', body: { participant: p.id, via } }], operator);
  return { status: 'checked_in', participant: toDetail(desk, desk.view.get(p.id)!) };
}

/** Undo an arrival. Voids every check-in this desk has seen; one made elsewhere meanwhile still stands. */
export function voidCheckIn(desk: Desk, input: ApiParsed<'voidCheckIn'>): ParticipantDetail {
  const operator = desk.requireOperator();
  const p = findParticipant(desk, { participantId: input.participantId, via: 'search' });
  if (p.checkins.length === 0) throw new LoketError('not_present', { name: p.name });
  desk.record(
    [{ type: 'checkin.voided', body: { participant: p.id, checkins: p.checkins.map((c) => c.id), reason: input.reason } }],
    operator,
  );
  return toDetail(desk, desk.view.get(p.id)!);
}

/** Register someone not on the list and check them in, with the same rules as the import. */
export function registerWalkIn(desk: Desk, input: ApiParsed<'registerWalkIn'>): CheckinOutcome {
  const event = desk.requireEvent();
  const operator = desk.requireOperator();
  desk.refresh();
  const name = tidyName(input.name);
  if (!/\p{L}/u.test(name)) throw new LoketError('name_required');

  let nib: string | null = null;
  if (input.nib) {
    const parsed = parseNib(input.nib);
    if (!parsed.ok) throw new LoketError(parsed.reason === 'missing' ? 'nib_required' : 'nib_invalid', { value: input.nib });
    nib = parsed.nib;
  } else if (event.nibRequired) {
    throw new LoketError('nib_required');
  }
  if (nib) {
    const existing = desk.view.byNibValue(nib);
    if (existing) throw new LoketError('nib_taken', { nib, name: existing.name });
  }
  let phone: string | null = null;
  if (input.phone) {
    const parsed = parsePhone(input.phone);
    if (!parsed.ok && parsed.reason === 'invalid') throw new LoketError('phone_invalid', { value: input.phone });
    phone = parsed.ok ? parsed.phone : null;
  }
  // The ministry's report counts per regency: a walk-in without one would land in "not filled in".
  const regency = input.regency ?? null;
  if (!regency) throw new LoketError('regency_required');
  if (!regencyByCode(regency)) throw new LoketError('regency_unknown', { value: regency });
  let nik: string | null = null;
  if (input.nik) {
    const parsed = parseNik(input.nik);
    // The typed value is not echoed back: an NIK stays out of messages and logs.
    if (!parsed.ok) throw new LoketError('nik_invalid');
    nik = parsed.nik;
  }

  const id = nib ? participantIdFor(desk.secret, nib) : randomId();
  desk.record(
    [
      {
        type: 'participant.registered',
        body: {
          id,
          nib,
          name,
          business: input.business,
          phone,
          regency,
          district: input.district,
          address: input.address,
          productType: input.productType,
          productName: input.productName,
          ...(nik ? { nik } : {}),
          prev: null,
        },
      },
      { type: 'checkin.recorded', body: { participant: id, via: 'walkin' } },
    ],
    operator,
  );
  return { status: 'checked_in', participant: toDetail(desk, desk.view.get(id)!) };
}
