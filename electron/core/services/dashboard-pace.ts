import type { ArrivalBuckets, QueueEta } from '../../../shared/api';

/** One participant's arrival: the first check-in that still stands (a voided one no longer counts). */
export interface Arrival {
  at: number;
  desk: string;
  operator: string;
  regency: string | null;
}

export const BUCKET_MS = 15 * 60_000;
export const HOUR_MS = 60 * 60_000;
/** Before the first arrivals the chart still starts at the usual opening time, so the morning reads as a day. */
const DAY_OPENS_HOUR = 7;
/** Two arrivals in the first minute are no pace of 120 an hour: the pace is taken over at least this long. */
const MIN_PACE_SPAN_MS = 10 * 60_000;

/**
 * Indonesia's zones have kept one offset all year since 1964, so they need no lookup: the first
 * time-zone lookup loads ICU's zone data, 20–40 ms of a `loket status` on this machine.
 */
const FIXED_OFFSET_HOURS: Readonly<Record<string, number>> = { 'Asia/Jakarta': 7, 'Asia/Pontianak': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };

/** The time zone's offset from UTC at a moment (Indonesia has no daylight saving, but the event's zone is configurable). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  const fixed = FIXED_OFFSET_HOURS[timeZone];
  if (fixed !== undefined) return fixed * HOUR_MS;
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600_000 + Number(m[3]) * 60_000);
}

/**
 * Arrivals per 15 minutes through the local day of `now`: from the opening hour (or the first
 * arrival, if earlier) to now (or the last arrival, if a desk's clock runs ahead). Arrivals on
 * other days are counted in `outside`, so the buckets and `outside` always add up to the present.
 */
export function arrivalBuckets(arrivals: readonly Arrival[], now: number, timeZone: string): ArrivalBuckets {
  const offset = zoneOffsetMs(timeZone, now);
  const dayStart = Math.floor((now + offset) / 86_400_000) * 86_400_000 - offset;
  const dayEnd = dayStart + 86_400_000;
  const floor = (t: number) => dayStart + Math.floor((t - dayStart) / BUCKET_MS) * BUCKET_MS;
  const today = arrivals.filter((a) => a.at >= dayStart && a.at < dayEnd);
  let start = Math.min(dayStart + DAY_OPENS_HOUR * HOUR_MS, floor(now));
  let end = floor(now);
  for (const a of today) {
    start = Math.min(start, floor(a.at));
    end = Math.max(end, floor(a.at));
  }
  const counts = new Array<number>((end - start) / BUCKET_MS + 1).fill(0);
  for (const a of today) counts[(floor(a.at) - start) / BUCKET_MS]!++;
  return { bucketMinutes: 15, start, counts, outside: arrivals.length - today.length };
}

/**
 * When the people still expected will be through at the pace of the last hour: arrivals in the
 * window per hour, the window shortened to the time since the very first arrival when the doors
 * opened less than an hour ago (but never below ten minutes). No arrival in the window: no pace,
 * and no guess.
 */
export function queueEta(arrivals: readonly Arrival[], remaining: number, now: number, firstArrival: number | null): QueueEta {
  if (remaining <= 0) return { remaining: 0, perHour: 0, state: 'done', at: null };
  const recent = arrivals.filter((a) => a.at > now - HOUR_MS && a.at <= now).length;
  if (recent === 0 || firstArrival === null) return { remaining, perHour: 0, state: 'no_pace', at: null };
  const span = Math.min(HOUR_MS, Math.max(MIN_PACE_SPAN_MS, now - firstArrival));
  const perMs = recent / span;
  return { remaining, perHour: Math.round(perMs * HOUR_MS * 10) / 10, state: 'estimate', at: Math.round(now + remaining / perMs) };
}
