/**
 * Browser printing of a complete HTML document (a badge, a test page) for the browser fallback,
 * where the desk core cannot print silently. The document goes into a hidden same-origin iframe
 * and that frame's own print dialog opens, so only the badge is printed, at its own @page size.
 * No script runs inside the document (it has none, and the page's CSP would refuse inline ones):
 * the parent calls print() on the frame's window.
 */
export function printHtml(html: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;opacity:0;pointer-events:none;';
    const done = (error?: unknown) => {
      // Removing the frame while the dialog is open would cancel the print: wait a moment.
      setTimeout(() => frame.remove(), 1000);
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    frame.addEventListener(
      'load',
      () => {
        try {
          const win = frame.contentWindow;
          if (!win) throw new Error('print frame has no window');
          win.focus();
          win.print();
          done();
        } catch (error) {
          done(error);
        }
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.append(frame);
  });
}
