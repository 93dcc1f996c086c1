import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { UplinkOverview } from '../../shared/api';
import SyncPanel from '../../renderer/src/components/SyncPanel.svelte';
import UplinkCard from '../../renderer/src/components/UplinkCard.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { LoketClientError } from '../../renderer/src/lib/client';
import { AT_0930, DESK_INFO, fakeClient, SYNC_OVERVIEW } from '../../renderer/test/fake-client';

const FAILING: UplinkOverview = {
  server: 'loket_uplink@db.kalselprov.go.id:5432/dinas',
  insecure: false,
  running: true,
  connected: false,
  lastPushAt: AT_0930 - 600_000,
  behind: 1234,
  error: { at: AT_0930, detail: 'Server provinsi loket_uplink@db.kalselprov.go.id:5432/dinas: connect ECONNREFUSED' },
};

function setup(overview: UplinkOverview) {
  const client = Object.assign(fakeClient([]), {
    uplinkOverview: vi.fn(async () => structuredClone(overview)),
    setUplink: vi.fn(async ({ url }: { url: string | null; insecure?: boolean }) => {
      if (url?.includes('10.0.0.5')) throw new LoketClientError('uplink_insecure', { host: '10.0.0.5' });
      return { ...structuredClone(overview), server: url === null ? null : 'loket_uplink@db.kalselprov.go.id:5432/dinas', error: null };
    }),
  });
  const app = new AppState(client, () => () => {});
  app.info = { ...structuredClone(DESK_INFO), organizerUntil: Number.MAX_SAFE_INTEGER };
  app.now = AT_0930;
  render(UplinkCard, { context: appContext(app) });
  return { client };
}

describe('the province server card in the settings', () => {
  it('shows the server without its password, the last push, what is behind and the last error', async () => {
    setup(FAILING);
    expect((await screen.findByTestId('uplink-server')).textContent).toContain('loket_uplink@db.kalselprov.go.id:5432/dinas');
    expect(screen.getByTestId('uplink-last').textContent).toMatch(/Kiriman terakhir: .*09\.20/);
    expect(screen.getByTestId('uplink-behind').textContent).toMatch(/Belum terkirim: 1\.234 data/);
    expect(screen.getByTestId('uplink-error').textContent).toMatch(/Gagal pukul .*09\.30.*ECONNREFUSED/);
  });

  it('sends the typed URL once, clears the field, and says why one is refused', async () => {
    const { client } = setup({ ...FAILING, server: null, lastPushAt: null, behind: null, error: null });
    const input = (await screen.findByTestId('uplink-url')) as HTMLInputElement;
    expect(input.type).toBe('password');
    await fireEvent.input(input, { target: { value: 'postgres://loket_uplink:rahasia@10.0.0.5/dinas' } });
    await fireEvent.submit(input.closest('form')!);
    expect((await screen.findByTestId('uplink-save-error')).textContent).toMatch(/sslmode=verify-full/);
    await fireEvent.input(input, { target: { value: 'postgres://loket_uplink:rahasia@db.kalselprov.go.id/dinas?sslmode=verify-full' } });
    await fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(screen.getByTestId('uplink-server').textContent).toContain('db.kalselprov.go.id'));
    expect(client.setUplink).toHaveBeenLastCalledWith({ url: 'postgres://loket_uplink:rahasia@db.kalselprov.go.id/dinas?sslmode=verify-full', insecure: false });
    expect(input.value).toBe('');
    expect(document.body.textContent).not.toContain('rahasia');
  });
});

describe('alarms the uplink raised, on the sync screen beside the others', () => {
  it("names the province server, or this desk's own copy", async () => {
    const client = Object.assign(fakeClient([]), {
      syncStatus: vi.fn(async () => ({
        ...structuredClone(SYNC_OVERVIEW),
        alarms: [
          { desk: 'desk-c', deskName: 'Meja 3', seq: 4, fromName: 'loket_uplink@db.kalselprov.go.id:5432/dinas', viaBundle: false, viaUplink: 'server' as const, firstSeen: AT_0930, count: 1 },
          { desk: 'desk-a', deskName: 'Meja 1', seq: 9, fromName: 'Meja 1', viaBundle: false, viaUplink: 'local' as const, firstSeen: AT_0930, count: 2 },
        ],
      })),
    });
    const app = new AppState(client, () => () => {});
    app.info = structuredClone(DESK_INFO);
    app.now = AT_0930;
    render(SyncPanel, { context: appContext(app) });
    const items = [...(await screen.findByTestId('sync-alarms')).querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).toMatch(/Meja 3, data ke-4: isi berbeda dari server provinsi loket_uplink@db\.kalselprov\.go\.id:5432\/dinas/);
    expect(items[1]).toMatch(/Meja 1, data ke-9: isi berbeda dari salinan Meja 1 sendiri/);
  });
});
