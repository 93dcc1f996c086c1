import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

const imported = person({ nib: '6301777700001', name: 'Fathurrahman Zainuddin', phone: '+6281377770001', business: 'Kerupuk Ikan Haruan Fathur' });
const second = person({ nib: '6301777700002', name: 'Noorhasanah Effendi', phone: '+6281377770002', business: 'Wadai Cincin Noor' });
const walkIn = { nib: '6372777700003', name: 'Gusti Muhammad Arsyad', phone: '0813 7777 0003', business: 'Amplang Gusti Arsyad', regency: '63.72', address: 'Jl. Mistar Cokrokusumo 9' };
/** Every personal value, in the forms a careless log line would print them. */
const PERSONAL = [
  imported.nib!, imported.name, imported.phone!, imported.business, '081377770001',
  second.nib!, second.name, second.business,
  walkIn.nib, walkIn.name, walkIn.business, walkIn.address, '6281377770003', '081377770003', '6371045505900001',
];

interface Served {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

function serve(dir: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'serve', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stop = () => {
      child.kill('SIGTERM');
      return exited;
    };
    const take = (c: Buffer) => {
      out += c.toString();
      const url = /Loket: (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ url, output: () => out, stop });
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
  });
}

async function api(url: string, method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const res = await fetch(`${url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Loket-Client': '1', Origin: url.replace(/\/$/, '') },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean };
}

describe('personal data in logs', () => {
  beforeAll(requireBuild);

  it('never appears in what the server and the CLI print, through check-in, walk-in, search and refusals', async () => {
    const dir = tempDir();
    openEventDesk(dir, [imported, second]).close();
    const server = await serve(dir);
    try {
      expect(await api(server.url, 'checkIn', { nib: imported.nib })).toMatchObject({ ok: true, value: { status: 'checked_in' } });
      expect(await api(server.url, 'registerWalkIn', walkIn)).toMatchObject({ ok: true, value: { status: 'checked_in' } });
      expect(await api(server.url, 'search', { query: walkIn.name })).toMatchObject({ ok: true });
      // Refusals carry personal data back to the screen (NIB taken by …), never into the log.
      expect(await api(server.url, 'registerWalkIn', { ...walkIn, name: 'Orang Lain' })).toMatchObject({ ok: false, error: { code: 'nib_taken' } });
      expect(await api(server.url, 'checkIn', { nib: '6301777709999' })).toMatchObject({ ok: false, error: { code: 'participant_not_found' } });
      expect(await api(server.url, 'registerWalkIn', { name: walkIn.name, phone: 'abc' })).toMatchObject({ ok: false });

      const cli = [
        await runCli(['checkin', '--data', dir, '--nib', second.nib!]),
        await runCli(['checkin', '--data', dir, '--nib', second.nib!]),
        await runCli(['checkin', '--data', dir, '--nib', '6301777709999']),
        await runCli(['status', '--data', dir]),
      ];
      expect(cli.map((r) => r.code)).toEqual([0, 0, 1, 0]);
      expect(cli[0]!.stdout).toMatch(/^HADIR: peserta [a-z2-7]{16}/);
      // The serving desk picks up the CLI's check-ins; its output is collected until it stops.
      await new Promise((r) => setTimeout(r, 600));
      await server.stop();

      const printed = [server.output(), ...cli.flatMap((r) => [r.stdout, r.stderr])].join('\n');
      expect(printed).toContain('Loket: http://');
      for (const value of PERSONAL) expect(printed, value).not.toContain(value);
    } finally {
      await server.stop();
    }
  });

  it('never appears in what the CLI prints when it refuses a handover, in either language, with or without --json', async () => {
    const dir = tempDir();
    openEventDesk(dir, [imported, second]).close();
    const list = join(dir, 'sertifikat.csv');
    writeFileSync(list, `NIB;Nomor Sertifikat;Produk\n${imported.nib};ID63110000000000101;Kerupuk\n${second.nib};ID63110000000000202;Wadai\n`);
    expect((await runCli(['certificates', 'import', '--data', dir, list])).code).toBe(0);
    const representative = 'Hairunnisa Kuasa';
    const given = await runCli(['handover', '--data', dir, '--nib', imported.nib!, '--cert', 'ID63110000000000101', '--representative', representative, '--relationship', 'anak']);
    expect(given.code).toBe(0);

    const refusals = [];
    for (const extra of [[], ['--lang', 'en'], ['--json']]) {
      // Another participant's envelope: the screen names its owner and NIB; the CLI must not.
      const wrong = await runCli(['handover', '--data', dir, '--nib', imported.nib!, '--cert', 'ID63110000000000202', ...extra]);
      // Handed over already: the screen names the recipient.
      const twice = await runCli(['handover', '--data', dir, '--nib', imported.nib!, '--cert', 'ID63110000000000101', ...extra]);
      refusals.push(wrong, twice);
    }
    expect(refusals.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(refusals[0]!.stderr).toContain('AMPLOP SALAH: sertifikat ID63110000000000202 milik peserta lain');
    expect(refusals[1]!.stderr).toContain('Sertifikat ID63110000000000101 SUDAH DISERAHKAN');
    expect(refusals[2]!.stderr).toContain('WRONG ENVELOPE');
    const stderr = refusals.map((r) => r.stderr).join('\n');
    for (const value of [...PERSONAL, representative, 'Fathurrahman', 'Noorhasanah']) expect(stderr, value).not.toContain(value);
    // Only --json output may carry them, for the script that asked.
    expect(refusals[4]!.json).toMatchObject({ error: { code: 'wrong_envelope', params: { nib: second.nib } } });
  });
});
