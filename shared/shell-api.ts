import type { Result } from './errors';

/**
 * What only the Electron shell can do, exposed by the preload as `window.loketShell` next to the
 * core contract (`window.loket`). The browser fallback has no window to lock, so it has none.
 */
export interface KioskState {
  /** The window is locked full screen: shortcuts, closing and leaving need the organizer PIN. */
  kiosk: boolean;
}

export interface ShellApi {
  kioskState(): Promise<Result<KioskState>>;
  /** Leaves the lock-down after the core has checked the organizer PIN (wrong PINs count as usual). */
  leaveKiosk(pin: string): Promise<Result<KioskState>>;
  enterKiosk(): Promise<Result<KioskState>>;
}

export const SHELL_CHANNELS = {
  kioskState: 'loket-shell:kiosk-state',
  leaveKiosk: 'loket-shell:leave-kiosk',
  enterKiosk: 'loket-shell:enter-kiosk',
} as const satisfies Record<keyof ShellApi, string>;
