import { join } from 'node:path';
import { LoketError } from '../../shared/errors';
import type { DeskState, EventConfig } from '../../shared/fold';
import { HlcClock } from '../../shared/hlc';
import type { Lang } from '../../shared/i18n';
import { newDeskId, newSecret } from './ids';
import { CertificateView } from './certificate-view';
import { ParticipantView } from './participant-view';
import { makeDataDir } from './paths';
import type { Platform } from './platform/seams';
import { EventStore, type AppendEvent, type LogChange } from './store/event-store';
import { openCheckedDatabase, type Db } from './store/open-database';

export interface DeskOptions {
  /** Wall clock; a test double in simulations. */
  now?: () => number;
  /** Printing and PDF; headless Chromium and no silent printer unless the shell gives its own. */
  platform?: Platform;
}

/**
 * One desk's state: its database, identity, in-memory view and the operator at the keyboard.
 * Every face (Electron IPC, the HTTP fallback, the CLI) works through one of these.
 */
export class Desk {
  readonly id: string;
  readonly store: EventStore;
  readonly view: ParticipantView;
  readonly certificates: CertificateView;
  /** How far the in-memory view has read the log. */
  private pos: number;
  /** How far the log-growth listeners have been told. */
  private head: number;
  private readonly listeners = new Set<() => void>();
  /** The last parsed state of each subject read for its JSON (the event, desks): parsed again only when it changed. */
  private readonly parsed = new Map<string, { state: string; value: unknown }>();
  private readonly logListeners = new Set<() => void>();
  private readonly stmt;

  private constructor(
    readonly db: Db,
    readonly dataDir: string,
    readonly now: () => number,
    readonly platform: Platform,
  ) {
    this.stmt = {
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
      subject: db.prepare('SELECT state FROM subjects WHERE subject = ?').pluck(),
      desks: db.prepare("SELECT state FROM subjects WHERE subject LIKE 'desk:%'").pluck(),
    };
    this.id = this.meta('desk_id') ?? this.initIdentity();
    this.store = new EventStore(db, this.id, new HlcClock(now));
    // A catch-up cut off by a crash or a closed link left events without their derived rows.
    this.store.deriveBacklog();
    this.view = new ParticipantView(db);
    this.certificates = new CertificateView(db);
    this.pos = this.store.headPos();
    this.head = this.pos;
  }

  static open(dataDir: string, options: DeskOptions = {}): Desk {
    makeDataDir(dataDir);
    const platform = options.platform ?? { printer: null };
    return new Desk(openCheckedDatabase(join(dataDir, 'loket.db'), dataDir), dataDir, options.now ?? Date.now, platform);
  }

  private initIdentity(): string {
    const id = newDeskId();
    this.db.transaction(() => {
      this.setMeta('desk_id', id);
      this.setMeta('event_secret', newSecret());
    })();
    return id;
  }

  meta(key: string): string | null {
    return (this.stmt.getMeta.get(key) as string | undefined) ?? null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.stmt.deleteMeta.run(key);
    else this.stmt.setMeta.run(key, value);
  }

  get secret(): string {
    return this.meta('event_secret')!;
  }

  get lang(): Lang {
    return this.meta('lang') === 'en' ? 'en' : 'id';
  }

  get operator(): string | null {
    return this.meta('operator');
  }

  requireOperator(): string {
    const operator = this.operator;
    if (!operator) throw new LoketError('not_signed_in');
    return operator;
  }

  event(): EventConfig | null {
    return this.subjectState<EventConfig | null>('event');
  }

  /** A subject's derived state; a check-in names the event and desks several times, and parsing each time cost more than the rest of its answer. */
  private subjectState<T>(subject: string): T | null {
    const state = this.stmt.subject.get(subject) as string | undefined;
    if (state === undefined) return null;
    const cached = this.parsed.get(subject);
    if (cached?.state === state) return cached.value as T;
    // Shared by every caller from now on, so nobody may change it.
    const value = deepFreeze(JSON.parse(state) as T);
    this.parsed.set(subject, { state, value });
    return value;
  }

  requireEvent(): EventConfig {
    const event = this.event();
    if (!event) throw new LoketError('no_event');
    return event;
  }

  desks(): DeskState[] {
    return (this.stmt.desks.all() as string[]).map((s) => JSON.parse(s) as DeskState);
  }

  deskName(id: string): string {
    return this.subjectState<DeskState>(`desk:${id}`)?.name || `Meja ${id.slice(0, 4).toUpperCase()}`;
  }

  /** Append events and bring the in-memory view up to date before the caller answers the UI. */
  record(events: readonly AppendEvent[], operator: string): void {
    const { participants, change } = this.store.append(events, operator);
    this.view.put(participants);
    // When the log held nothing the view had not seen, what changed is what was just appended: read
    // back, it cost a 100,000-row import a twentieth of its commit.
    this.refresh(new Set(participants.map((p) => p.id)), change?.after === this.pos ? change : null);
  }

  /**
   * Pick up whatever reached the log since we last looked (ours, another process's, a peer's).
   * `fresh` names participants whose state the caller has just put into the view; `appended`, what
   * the caller's append changed when nothing came before it. Returns whether the view changed.
   */
  refresh(fresh: ReadonlySet<string> = new Set(), appended: LogChange | null = null): boolean {
    const head = this.store.headPos();
    if (head === this.pos) return false;
    const changed = appended ?? this.store.changedSince(this.pos);
    // A catch-up's backlog (and anything stored after it) shows only once it is derived.
    const shown = changed.pos !== this.pos;
    if (shown) {
      this.pos = changed.pos;
      if (changed.purged) {
        // Names redacted in place (by this process or `loket purge` beside it): rebuilt from the
        // redacted tables, so no name, NIB or phone stays in memory, the search index included.
        this.view.reload();
        this.certificates.reload();
      } else {
        const ids = [...changed.subjects].filter((s) => s.startsWith('p:') && !fresh.has(s.slice(2))).map((s) => s.slice(2));
        this.view.refresh(ids);
        this.certificates.refresh([...changed.subjects].filter((s) => s.startsWith('c:')).map((s) => s.slice(2)));
      }
      for (const listener of this.listeners) listener();
    }
    // Peers hear of new events whether or not the view can show them yet: a backlog being derived
    // must not hold back a check-in made here, or one that must travel on to another desk.
    if (head !== this.head) {
      this.head = head;
      for (const listener of this.logListeners) listener();
    }
    return shown;
  }

  /** The view changed: for the screens. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The log grew (by any path, shown or not yet): for the links to other desks. */
  onLogGrew(listener: () => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.logListeners.clear();
    this.view.close();
    this.db.close();
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
