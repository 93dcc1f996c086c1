import { BrowserWindow } from 'electron';
import type { BadgeLayout } from '../../shared/api';
import { LAYOUTS } from '../../shared/badge/layouts';
import type { Platform } from '../core/platform/seams';

/**
 * The desk's printer through Electron's own Chromium: the document is loaded into a hidden,
 * sandboxed window with JavaScript off (badge documents have none) and printed silently to the
 * printer chosen for this desk, on that layout's paper.
 */
async function withDocument<T>(html: string, work: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await work(win);
  } finally {
    win.destroy();
  }
}

function pageSize(layout: BadgeLayout) {
  const { w, h } = LAYOUTS[layout].page;
  return { width: Math.round(w * 1000), height: Math.round(h * 1000) };
}

export function electronPlatform(): Platform {
  return {
    printer: {
      printers: async () => {
        // An empty window that never loads anything: it only asks Chromium for the printer list.
        const probe = new BrowserWindow({
          show: false,
          webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick' },
        });
        try {
          return (await probe.webContents.getPrintersAsync()).map((p) => p.name);
        } finally {
          probe.destroy();
        }
      },
      print: (html, options) =>
        withDocument(
          html,
          (win) =>
            new Promise<void>((resolve, reject) => {
              win.webContents.print(
                { silent: true, printBackground: true, deviceName: options.printer ?? '', pageSize: pageSize(options.layout), margins: { marginType: 'none' } },
                (ok, reason) => (ok ? resolve() : reject(new Error(reason))),
              );
            }),
        ),
    },
  };
}
