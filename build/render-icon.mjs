// Renders build/icon.svg to the 512×512 build/icon.png electron-builder uses (it makes the
// Windows .ico and the Linux icon sizes from it): `node build/render-icon.mjs`, Chromium needed.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const here = new URL('.', import.meta.url);
const svg = readFileSync(new URL('icon.svg', here), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await page.setContent(`<body style="margin:0">${svg}</body>`);
  writeFileSync(new URL('icon.png', here), await page.locator('svg').screenshot({ omitBackground: true }));
} finally {
  await browser.close();
}
