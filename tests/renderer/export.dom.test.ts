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
    await fireEvent.click(screen.getByLabelText(/Koma/));
    await fireEvent.click(screen.getByTestId('export-run'));
    expect(client.exportDay).toHaveBeenCalledWith({ separator: ',' });
    expect((await screen.findByTestId('export-warnings')).textContent).toMatch(/Mungkin tidak lengkap[\s\S]*Meja 2 \(abcdefgh\)/);
    expect(screen.getByTestId('export-folder').textContent).toBe('/tmp/x/ekspor/2024-05-21_173005');
    expect(screen.getByText('rekap.csv')).toBeTruthy();
  });
});
