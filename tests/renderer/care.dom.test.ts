import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { BackupOverview, PrivacyOverview } from '../../shared/api';
import CarePanel from '../../renderer/src/components/CarePanel.svelte';
import CareReminder from '../../renderer/src/components/CareReminder.svelte';
import WalkInForm from '../../renderer/src/components/WalkInForm.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { LoketClientError } from '../../renderer/src/lib/client';
import { AT_0930, DESK_INFO, fakeClient } from '../../renderer/test/fake-client';

const BACKUP: BackupOverview = {
  folder: '/media/usb/loket',
  intervalMin: 5,
  keep: 12,
  lastAt: AT_0930 - 600_000,
  lastFile: 'loket-desk-a-20240521-092000-auto.db',
  error: { at: AT_0930, detail: 'ENOENT' },
  files: ['loket-desk-a-20240521-092000-auto.db'],
  folderReachable: false,
};
const PRIVACY: PrivacyOverview = { retentionDate: '2024-05-20', retentionPassed: true, exportedAt: AT_0930, personalSinceExport: 0, purged: false, exportsFolder: '/home/panitia/loket/ekspor' };

function setup(component: typeof CarePanel | typeof WalkInForm | typeof CareReminder, organizerUntil: number | null = null) {
  const base = fakeClient([]);
  const client = Object.assign(base, {
    backupOverview: vi.fn(async () => structuredClone(BACKUP)),
    privacyOverview: vi.fn(async () => structuredClone(PRIVACY)),
    setBackupSettings: vi.fn(async () => structuredClone(BACKUP)),
    backupNow: vi.fn(async () => structuredClone(BACKUP)),
    setRetention: vi.fn(async () => structuredClone(PRIVACY)),
    purgePersonalData: vi.fn(async ({ pin }: { pin: string }) => {
      if (pin !== '12345678') throw new LoketClientError('wrong_pin');
      return { ...PRIVACY, purged: true, retentionPassed: false, copiesRemoved: 1 };
    }),
  });
  const app = new AppState(client, () => () => {});
  app.info = { ...structuredClone(DESK_INFO), organizerUntil };
  app.now = AT_0930;
  render(component, { context: appContext(app) });
  return { client };
}

describe('backups and personal data in the settings', () => {
  it('shows a failed backup and the passed retention date to the organizer', async () => {
    setup(CarePanel);
    expect((await screen.findByTestId('backup-error')).textContent).toMatch(/Cadangan GAGAL pukul .*09\.30.*ENOENT.*Meja tetap berjalan/);
    expect((await screen.findByTestId('retention-passed')).textContent).toMatch(/Batas penyimpanan \(Senin, 20 Mei 2024\) sudah lewat/);
    expect((screen.getByTestId('backup-folder') as HTMLInputElement).value).toBe('/media/usb/loket');
  });

  it('purges only with the PIN typed again, then says so, naming the export folder it leaves for the organizer', async () => {
    const { client } = setup(CarePanel);
    const pin = await screen.findByTestId('purge-pin');
    await waitFor(() => expect(screen.getByTestId('purge-help').textContent).toContain('hapus folder /home/panitia/loket/ekspor sendiri'));
    await fireEvent.input(pin, { target: { value: '999999' } });
    await fireEvent.submit(pin.closest('form')!);
    expect((await screen.findByTestId('care-error')).textContent).toMatch(/PIN panitia salah/);
    await fireEvent.input(pin, { target: { value: '12345678' } });
    await fireEvent.submit(pin.closest('form')!);
    await waitFor(() => expect(screen.getByTestId('purged')).toBeTruthy());
    expect(screen.getByTestId('purged').textContent).toContain('Laporan ekspor di /home/panitia/loket/ekspor masih berisi nama');
    expect(client.purgePersonalData).toHaveBeenLastCalledWith({ pin: '12345678' });
  });
});

describe('the reminder on every screen', () => {
  it('tells an unlocked organizer about the failed backup and the passed retention date', async () => {
    setup(CareReminder, AT_0930 + 600_000);
    const reminder = await screen.findByTestId('care-reminder');
    expect(reminder.textContent).toMatch(/Cadangan GAGAL pukul 09\.30 WITA \(ENOENT\)/);
    expect(reminder.textContent).toMatch(/Batas penyimpanan \(Senin, 20 Mei 2024\) sudah lewat/);
  });

  it('stays away from the operators', async () => {
    const { client } = setup(CareReminder, null);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('care-reminder')).toBeNull();
    expect(client.backupOverview).not.toHaveBeenCalled();
  });
});

describe('the walk-in form', () => {
  it('carries the data-processing notice with the retention date', async () => {
    setup(WalkInForm);
    const notice = await screen.findByTestId('privacy-notice');
    expect(notice.querySelector('summary')!.textContent).toBe('Pemberitahuan Pemrosesan Data Pribadi');
    await waitFor(() => expect(notice.textContent).toMatch(/sampai Senin, 20 Mei 2024, lalu dihapus/));
    expect(notice.textContent).toMatch(/Tujuan: mencatat kehadiran/);
  });
});
