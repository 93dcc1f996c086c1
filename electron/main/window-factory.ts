import { app, BrowserWindow, session, type Session, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/**
 * The one place the desk window is made, with every hardening of Electron's security checklist:
 * sandboxed, context-isolated renderer without Node; navigation, new windows, webviews and
 * permission requests denied (only the camera, for QR scanning, from our own origin).
 * The option literals stay in `new BrowserWindow({...})` so electronegativity can read them.
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
      // Middle-click opens no window anyway (the window-open handler denies it); belt and braces.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // The menu's accelerators include reload, devtools, zoom and close: a desk needs none of them.
  win.removeMenu();
  lockDown(win.webContents);
  // Touchscreen laptops: no pinch zoom that a volunteer cannot undo.
  void win.webContents.setVisualZoomLevelLimits(1, 1);
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

const lockedDown = new WeakSet<WebContents>();

/** No page of ours leaves app://loket, opens a window or embeds a webview; printing windows included. */
export function lockDown(contents: WebContents): void {
  if (lockedDown.has(contents)) return;
  lockedDown.add(contents);
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppOrigin(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every web contents the app ever makes gets the same lock-down, whoever created it. */
export function lockDownAllContents(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
}

/** Permissions for every session: the camera (QR scanning, photos) from our own origin, nothing else. */
export function installPermissionPolicy(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const cameraOnly = permission === 'media' && mediaTypes !== undefined && mediaTypes.every((m) => m === 'video');
    callback(cameraOnly && isAppOrigin(details.requestingUrl));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && isAppOrigin(requestingOrigin));
  // USB, HID and serial devices: a scanner types like a keyboard and needs none of them.
  target.setDevicePermissionHandler(() => false);
}
