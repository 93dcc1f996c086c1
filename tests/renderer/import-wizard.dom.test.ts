import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ImportFileInput, ImportPreview, LoketClient, SheetPreview } from '../../shared/api';
import ImportWizard from '../../renderer/src/components/ImportWizard.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { DESK_INFO } from '../../renderer/test/fake-client';

const sheet = (over: Partial<SheetPreview> & { sheet: string }): SheetPreview => ({
  headerRow: 4,
  headers: ['NO', 'NAMA PELAKU USAHA', 'NAMA USAHA', 'NIB'],
  mapping: { name: 1, business: 2, nib: 3 },
  rows: 3,
  nonDataRows: 0,
  sample: [],
  ...over,
});

/** The dry run of a workbook with one visible sheet per regency and a hidden old copy. */
function previewOf(input: ImportFileInput): ImportPreview {
  const included = input.includeSheets?.includes('Data Lama') ?? false;
  return {
    fileName: input.fileName,
    sheets: [
      sheet({ sheet: 'Tanah Laut', nonDataRows: 5, regencyFrom: { source: 'sheet', text: 'Tanah Laut', code: '63.01' } }),
      sheet({ sheet: 'Data Lama', hidden: true, rows: 5 }),
    ],
    rows: included ? 8 : 3,
    nonDataRows: 5,
    valid: included ? 8 : 3,
    toImport: included ? 8 : 3,
    toUpdate: 0,
    unchanged: 0,
    errors: [],
    warnings: [],
  };
}

describe('import wizard', () => {
  it('lists a hidden sheet as not imported, includes it on request, and shows where the regency comes from', async () => {
    const previewImport = vi.fn(async (input: ImportFileInput) => previewOf(input));
    const app = new AppState({ previewImport } as unknown as LoketClient, () => () => {});
    app.info = structuredClone(DESK_INFO);
    render(ImportWizard, { context: appContext(app) });

    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'daftar.xlsx');
    await fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
    await waitFor(() => expect(screen.getByTestId('import-summary')).toBeTruthy());
    expect(screen.getByTestId('import-non-data').textContent).toBe('5');
    const [regencySheet, hidden] = screen.getAllByTestId('import-sheet');
    expect(hidden!.textContent).toContain('lembar tersembunyi, tidak diimpor');
    expect(regencySheet!.textContent).toContain('5 baris jumlah/tanda tangan dilewati');
    expect(screen.getByTestId('import-regency-from').textContent?.trim()).toBe('Dari nama lembar: "Tanah Laut"');

    const include = screen.getByTestId('import-include-sheet') as HTMLInputElement;
    expect(include.checked).toBe(false);
    await fireEvent.click(include);
    await waitFor(() => expect(screen.getByTestId('import-new').textContent).toBe('8'));
    expect(previewImport).toHaveBeenLastCalledWith(expect.objectContaining({ includeSheets: ['Data Lama'] }));
    expect(hidden!.textContent).not.toContain('lembar tersembunyi, tidak diimpor');
  });
});
