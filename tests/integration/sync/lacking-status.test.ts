import { afterEach, describe, expect, it } from 'vitest';
import { status } from '../../../electron/core/services/status-service';
import { requireBuild } from '../../helpers/built-core';
import { runCli } from '../../helpers/cli';
import { openEventDesk, person } from '../../helpers/desk-fixture';
import { SimDesk, SimLink, simDirFactory } from '../../unit/sync/sim-network';

/** `status` (and `loket status --json`) tells, per known desk, how many of its events this desk still lacks. */
const dirs = simDirFactory();
afterEach(() => dirs.cleanup());

interface DeskJson {
  id: string;
  seq: number;
  lacking: number;
}

function byId(desks: readonly DeskJson[]): Record<string, { seq: number; lacking: number }> {
  return Object.fromEntries(desks.map((d) => [d.id, { seq: d.seq, lacking: d.lacking }]));
}

describe('what this desk lacks', () => {
  it('counts the events a peer said it holds and this desk has not received, until they arrive', async () => {
    requireBuild();
    const dir = dirs.make();
    const origin = openEventDesk(dir, [person({ nib: '1111111111111' }), person({ nib: '2222222222222' })]);
    const secret = origin.secret;
    origin.close();
    const a = new SimDesk(dir, Date.now, secret);
    const b = new SimDesk(dirs.make(), Date.now, secret);
    const c = new SimDesk(dirs.make(), Date.now, secret);
    b.desk.record([{ type: 'desk.named', body: { name: 'Meja B' } }, { type: 'operator.signed_in', body: { name: 'Dewi' } }], 'Dewi');
    const ab = new SimLink(a, b);
    ab.flush();
    const heldByB = b.desk.store.vector();
    expect(heldByB[a.desk.id]).toBeGreaterThan(0);

    // C hears B's hello (B's vector names A's events and B's own) and nothing else yet.
    const cb = new SimLink(c, b);
    while (!cb.client.session.peer) cb.deliver(cb.toServer.length > 0, 0);
    const expected = { [a.desk.id]: { seq: 0, lacking: heldByB[a.desk.id]! }, [b.desk.id]: { seq: 0, lacking: heldByB[b.desk.id]! } };
    expect(byId(status(c.desk).desks)).toMatchObject(expected);
    cb.close();
    // Another process reading the same folder sees the same.
    const cli = await runCli(['status', '--data', c.dir, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(byId((cli.json as { desks: DeskJson[] }).desks)).toMatchObject(expected);

    new SimLink(c, b).flush();
    const after = byId(status(c.desk).desks);
    expect(after[a.desk.id]).toEqual({ seq: heldByB[a.desk.id], lacking: 0 });
    expect(after[b.desk.id]).toEqual({ seq: heldByB[b.desk.id], lacking: 0 });
  });
});
