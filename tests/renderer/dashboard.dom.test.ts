import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type uPlot from 'uplot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DashboardScreen from '../../renderer/src/components/DashboardScreen.svelte';
import type { Dashboard } from '../../shared/api';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { LoketClientError } from '../../renderer/src/lib/client';
import { AT_0930, DESK_INFO, fakeClient } from '../../renderer/test/fake-client';
import { bigScreenOf, dashboardAt0930 } from '../../renderer/test/fake-dashboard';

/** jsdom draws no canvas: uPlot is replaced by a recorder of what the chart was given. */
const charts = vi.hoisted(() => [] as { opts: uPlot.Options; data: unknown[][]; destroyed: boolean }[]);
vi.mock('uplot', () => {
  class FakePlot {
    static tzDate = (d: Date) => d;
    static paths = { bars: () => () => null };
    readonly rec: { opts: uPlot.Options; data: unknown[][]; destroyed: boolean };
    constructor(opts: uPlot.Options, data: unknown[][]) {
      this.rec = { opts, data, destroyed: false };
      charts.push(this.rec);
    }
    setData(data: unknown[][]) {
      this.rec.data = data;
    }
    setSize() {}
    destroy() {
      this.rec.destroyed = true;
    }
  }
  return { default: FakePlot };
});

beforeEach(() => {
  charts.length = 0;
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
});
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.unstubAllGlobals();
});

function setup(options: { locked?: boolean } = {}) {
  let current = dashboardAt0930();
  let locked = options.locked ?? false;
  const client = Object.assign(fakeClient([]), {
    dashboard: vi.fn(async ({ bigScreen }: { bigScreen?: boolean }) => {
      if (locked && !bigScreen) throw new LoketClientError('organizer_locked');
      return structuredClone(bigScreen ? bigScreenOf(current) : current);
    }),
  });
  const listeners: (() => void)[] = [];
  const app = new AppState(client, ({ change }) => {
    listeners.push(change);
    return () => {};
  });
  app.info = structuredClone(DESK_INFO);
  app.now = AT_0930;
  stops.push(app.start());
  render(DashboardScreen, { context: appContext(app) });
  return {
    app,
    client,
    unlock: () => (locked = false),
    /** Another desk's events arrived: the desk's data changed. */
    change(next: Dashboard) {
      current = next;
      for (const l of listeners) l();
    },
  };
}

const textOf = (id: string) => screen.getByTestId(id).textContent!.replace(/\s+/g, ' ').trim();

describe('organizer dashboard', () => {
  it('shows present against target, regencies with their ETA, the chart, handovers, last hour, conflicts and sync health', async () => {
    setup();
    await screen.findByTestId('dashboard-totals');
    expect(textOf('dash-present')).toBe('123');
    expect(textOf('dash-target')).toBe('360');
    expect(textOf('dash-eta')).toBe('pukul 12.43 WITA');
    expect(textOf('dash-pace')).toBe('55 orang per jam, 177 lagi');
    const rows = screen.getAllByTestId('regency-row');
    expect(rows.map((r) => r.querySelector('.label')!.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['Kota Banjarmasin 100 / 200 50%', 'Kota Banjarbaru 23 / 160 14%']);
    expect(within(rows[0]!).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(within(rows[1]!).getByTestId('regency-eta').textContent).toBe('Belum bisa diperkirakan: tidak ada yang datang dalam satu jam terakhir');
    expect(charts.at(-1)!.data[1]).toEqual(dashboardAt0930().arrivals.counts);
    expect((charts.at(-1)!.data[0] as number[])[1]! - (charts.at(-1)!.data[0] as number[])[0]!).toBe(15 * 60);
    expect([textOf('dash-owner'), textOf('dash-rep'), textOf('dash-remaining')]).toEqual(['31', '6', '110']);
    expect(textOf('dash-conflicts')).toBe('1 (1 serah terima, 0 data peserta)');
    expect(screen.getAllByTestId('desk-checkins').map((c) => c.textContent)).toEqual(['33', '22']);
    const cells = (id: string) => [...screen.getByTestId(id).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(cells('dash-operators')).toEqual([
      ['Dewi Sartika', 'Meja 2', '33'],
      ['Rina', 'Meja 1', '15'],
      ['Budi', 'Meja 1', '7'],
    ]);
    const health = [...screen.getByTestId('dash-sync').querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(health).toEqual(['Meja 1 meja ini 400 data', 'Meja 2 tersambung 380 data', 'Meja 3 sepi sejak 08.45 WITA 12 data Periksa jam meja ini']);
  });

  it("the chart's time axis runs to the end of the last quarter hour, so the one under way has its bar", async () => {
    setup();
    await screen.findByTestId('dashboard-totals');
    const { opts, data } = charts.at(-1)!;
    const starts = data[0] as number[];
    const range = opts.scales?.x?.range;
    // Each bar stands right of its quarter's start: an axis ending at the last start leaves that bar outside.
    expect(typeof range).toBe('function');
    const [min, max] = (range as uPlot.Range.Function)({} as uPlot, starts[0]!, starts.at(-1)!, 'x');
    expect([min, max]).toEqual([starts[0], starts.at(-1)! + 15 * 60]);
  });

  it('names the day of an estimate that falls on another day than the figures', async () => {
    const { change } = setup();
    await screen.findByTestId('dashboard-totals');
    const late = dashboardAt0930();
    late.eta = { ...late.eta, at: AT_0930 + 20 * 3600_000 };
    change(late);
    await waitFor(() => expect(textOf('dash-eta')).toBe('Rabu, 22 Mei 2024, pukul 05.30 WITA'));
    expect(within(screen.getAllByTestId('regency-row')[0]!).getByTestId('regency-eta').textContent).toMatch(/^pukul 11\.30 WITA/);
  });

  it('follows the change feed without a reload, coalescing a burst', async () => {
    const { client, change } = setup();
    await screen.findByTestId('dashboard-totals');
    const before = client.dashboard.mock.calls.length;
    const next = dashboardAt0930({ present: 124, arrivals: { ...dashboardAt0930().arrivals, counts: [...dashboardAt0930().arrivals.counts.slice(0, -1), 19] } });
    for (let i = 0; i < 5; i++) change(next);
    await waitFor(() => expect(textOf('dash-present')).toBe('124'));
    expect(charts.at(-1)!.data[1]!.at(-1)).toBe(19);
    expect(charts.filter((c) => !c.destroyed)).toHaveLength(1);
    expect(client.dashboard.mock.calls.length - before).toBeLessThanOrEqual(2);
  });

  it('the big screen asks for figures without names, shows none, and leaves with Esc', async () => {
    const { client } = setup();
    await screen.findByTestId('dashboard-totals');
    await fireEvent.click(screen.getByTestId('bigscreen-open'));
    const big = await screen.findByTestId('bigscreen');
    expect(client.dashboard).toHaveBeenLastCalledWith({ bigScreen: true });
    await waitFor(() => expect(screen.queryByTestId('dash-operators')).toBeNull());
    expect(within(big).getByTestId('big-present').textContent).toBe('123');
    expect(within(big).getByTestId('big-handed').textContent).toBe('37');
    expect(within(big).getByTestId('big-eta').textContent).toBe('pukul 12.43 WITA');
    for (const name of ['Dewi', 'Rina', 'Budi']) expect(document.body.textContent).not.toContain(name);
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('bigscreen')).toBeNull();
    await waitFor(() => expect(client.dashboard).toHaveBeenLastCalledWith({ bigScreen: false }));
  });

  it('says so when the organizer session has ended, and offers the PIN', async () => {
    const { app, unlock } = setup({ locked: true });
    await screen.findByTestId('dashboard-unlock');
    expect(screen.queryByTestId('dashboard-totals')).toBeNull();
    unlock();
    await fireEvent.click(screen.getByTestId('dashboard-unlock'));
    expect(app.pinPrompt).not.toBeNull();
    await app.unlock('12345678');
    expect(await screen.findByTestId('dashboard-totals')).toBeTruthy();
  });
});
