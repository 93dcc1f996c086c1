import type { Desk } from '../desk';
import { LoketError } from '../../../shared/errors';
import { DeskUplink, uplinkErrorText } from './desk-uplink';
import { saveUplinkState, storedTarget, uplinkState } from './uplink-settings';

/**
 * The uplink of a serving desk (the Electron shell, `loket serve`, `npm start`): runs while a URL is
 * stored, and starts again under the new one when the organizer changes it. Reachable from the API
 * handlers through `uplinkHost(desk)`; a CLI command has none.
 */
export class UplinkHost {
  private uplink: DeskUplink | null = null;

  constructor(
    private readonly desk: Desk,
    private readonly log?: (line: string) => void,
  ) {
    running.set(desk, this);
  }

  start(): void {
    let target;
    try {
      target = storedTarget(this.desk);
    } catch (error) {
      if (!(error instanceof LoketError)) throw error;
      // A stored URL the rules now refuse: shown on the settings card, nothing started.
      const state = uplinkState(this.desk);
      saveUplinkState(this.desk, { server: state?.server ?? '', lastPushAt: state?.lastPushAt ?? null, held: state?.held ?? {}, error: { at: this.desk.now(), detail: uplinkErrorText(this.desk, error) } });
      return;
    }
    if (!target || this.desk.event() === null) return;
    this.uplink = new DeskUplink(this.desk, target, { log: this.log });
    this.uplink.start();
  }

  /** The stored setting changed: stop the running uplink and start from the new one. */
  async restart(): Promise<void> {
    await this.uplink?.close();
    this.uplink = null;
    this.start();
  }

  get running(): boolean {
    return this.uplink !== null;
  }

  get connected(): boolean {
    return this.uplink?.connected ?? false;
  }

  async close(): Promise<void> {
    running.delete(this.desk);
    await this.uplink?.close();
    this.uplink = null;
  }
}

const running = new WeakMap<Desk, UplinkHost>();

export function uplinkHost(desk: Desk): UplinkHost | null {
  return running.get(desk) ?? null;
}
