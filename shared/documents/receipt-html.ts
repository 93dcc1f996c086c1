import { escapeHtml } from '../badge/badge-html';

/**
 * The tanda terima printed at the desk when a certificate is handed over: what, to whom, when,
 * where, by whom, with the drawn signature. Sized for an 80 mm receipt roll or A5.
 */
export interface ReceiptData {
  title: string;
  event: string;
  lines: [label: string, value: string][];
  signatureLabel: string;
  /** SVG path in a 1000×400 box, or null. */
  signature: string | null;
  footer: string;
}

export function renderReceipt(r: ReceiptData, paper: 'roll80' | 'a5', lang: string): string {
  const size = paper === 'roll80' ? '80mm 160mm' : '148mm 210mm';
  const rows = r.lines.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const signature = r.signature
    ? `<svg viewBox="0 0 1000 400" class="sig"><path d="${escapeHtml(r.signature)}" fill="none" stroke="#000" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/></svg>`
    : '<div class="sig none">—</div>';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(r.title)}</title><style>
@page { size: ${size}; margin: 5mm }
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; font-size: ${paper === 'roll80' ? '3.2mm' : '3.6mm'}; color: #000 }
h1 { font-size: 1.25em; text-align: center; margin: 0 0 1mm } .event { text-align: center; margin: 0 0 3mm; font-size: 0.9em }
table { width: 100%; border-collapse: collapse } th { text-align: left; font-weight: 400; vertical-align: top; padding: 0.6mm 2mm 0.6mm 0; white-space: nowrap }
td { font-weight: 700; padding: 0.6mm 0; overflow-wrap: anywhere } .label { margin-top: 3mm } .sig { width: 100%; height: 22mm; border-bottom: 0.3mm solid #000; display: block }
.none { text-align: center; line-height: 22mm } footer { margin-top: 2mm; font-size: 0.8em; text-align: center }
</style></head><body><h1>${escapeHtml(r.title)}</h1><p class="event">${escapeHtml(r.event)}</p><table>${rows}</table>
<p class="label">${escapeHtml(r.signatureLabel)}</p>${signature}<footer>${escapeHtml(r.footer)}</footer></body></html>`;
}
