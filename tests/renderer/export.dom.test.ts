import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ExportScreen from '../../renderer/src/components/ExportScreen.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { AT_0930, DESK_INFO, fakeClient } from '../../renderer/test/fake-client';

describe('export screen', () => {
  it('exports with the chosen separator and names the desks that may be missing', async () => {
    const client = fakeClient([]);
    const app = new AppState(client, () => () => {});
    app.info = structuredClone(DESK_INFO);
    app.now = AT_0930;
    render(ExportScreen, { context: appContext(app) });
    // Beside the separator: why a double-clicked CSV loses leading zeros, and that the XLSX keeps them.
    expect(screen.getByTestId('export-csv-zeros').textContent).toMatch(/membuang angka 0 di depan[\s\S]*buka laporan-harian\.xlsx/);
    await fireEvent.click(screen.getByLabelText(/Koma/));
    await fireEvent.click(screen.getByTestId('export-run'));
    expect(client.exportDay).toHaveBeenCalledWith({ separator: ',' });
    expect((await screen.findByTestId('export-warnings')).textContent).toMatch(/Mungkin tidak lengkap[\s\S]*Meja 2 \(abcdefgh\)/);
    expect(screen.getByTestId('export-folder').textContent).toBe('/tmp/x/ekspor/2024-05-21_173005');
    expect(screen.getByText('rekap.csv')).toBeTruthy();
  });
});

describe('report settings on the export screen', () => {
  function open() {
    const client = fakeClient([]);
    const app = new AppState(client, () => () => {});
    app.info = structuredClone(DESK_INFO);
    app.now = AT_0930;
    render(ExportScreen, { context: appContext(app) });
    return client;
  }

  it('saves the signatories the organizer typed, in order, without empty rows', async () => {
    const client = open();
    await screen.findByTestId('template-columns');
    await fireEvent.input(screen.getAllByTestId('signatory-name')[0]!, { target: { value: 'Dr. H. Ahmad Fauzi' } });
    await fireEvent.input(screen.getAllByTestId('signatory-nip')[0]!, { target: { value: '197001011995031001' } });
    await fireEvent.input(screen.getAllByTestId('signatory-position')[0]!, { target: { value: 'Kepala Dinas' } });
    await fireEvent.click(screen.getByText('Tambah penanda tangan'));
    await fireEvent.click(screen.getByTestId('signatories-save'));
    expect(client.setReportSettings).toHaveBeenCalledWith({ signatories: [{ name: 'Dr. H. Ahmad Fauzi', nip: '197001011995031001', position: 'Kepala Dinas' }] });
    expect((await screen.findByRole('status')).textContent).toBe('Tersimpan.');
  });

  it('shows why an uploaded template was refused and keeps the one in force', async () => {
    const client = open();
    expect((await screen.findByTestId('template-columns')).textContent).toContain('Nama Pelaku Usaha');
    const file = new File(['{"sheet":"X"}'], 'kemenkop.json', { type: 'application/json' });
    await fireEvent.change(screen.getByTestId('template-file'), { target: { files: [file] } });
    expect(client.setReportSettings).toHaveBeenCalledWith({ template: '{"sheet":"X"}' });
    expect((await screen.findByRole('alert')).textContent).toMatch(/templat/i);
    expect(screen.getByTestId('template-kind').textContent).toBe('Templat bawaan (format Kementerian)');
  });
});
