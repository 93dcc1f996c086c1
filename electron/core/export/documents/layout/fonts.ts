import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type FontName = 'regular' | 'bold' | 'mono';

/** The faces of dejavu-fonts-ttf the reports use; electron-builder.yml packages these and no others. */
export const FONT_FILES: Record<FontName, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' };

let parsed: [FontName, fontkit.Font][] | null = null;

/** Reading a face's layout tables costs 20–40 ms, which every document would pay again: parse them once per process. */
function parsedFonts(): [FontName, fontkit.Font][] {
  if (!parsed) {
    const require = createRequire(import.meta.url);
    parsed = Object.entries(FONT_FILES).map(([name, file]) => {
      const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
      if (!('layout' in font)) throw new Error(`${file} is a font collection`);
      return [name as FontName, font];
    });
  }
  return parsed;
}

/** Makes the faces usable by name in `doc`; pdfkit embeds only the glyphs each document draws (a subset). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, font] of parsedFonts()) {
    // pdfkit takes a parsed fontkit font as well as bytes (PDFFontFactory.open); its types list bytes only.
    doc.registerFont(name, font as unknown as Buffer);
  }
}
