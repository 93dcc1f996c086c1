import { BrowserWindow, session, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/**
 * The one place a window is made, with every hardening of Electron's security checklist:
 * sandboxed, context-isolated renderer without Node; navigation, new windows, webviews and
 * permission requests denied (only the camera, for QR scanning, from our own origin).
 */
export function createHardenedWindow(preload: string, options: { kiosk: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    show: false,
    kiosk: options.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  lockDown(win.webContents);
  win.once('ready-to-show', () => win.show());
  return win;
}

/**
 * Node's URL gives "null" as the origin of a custom scheme, so compare scheme and host, parsed,
 * never a string prefix ("app://loket.evil" must not pass).
 */
export function isAppOrigin(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppOrigin(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppOrigin(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Permissions for every session: the camera (QR scanning) from our own origin, nothing else. */
export function installPermissionPolicy(): void {
  const allowed = (permission: string, origin: string) => permission === 'media' && isAppOrigin(origin);
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(allowed(permission, contents.getURL()));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));
}
