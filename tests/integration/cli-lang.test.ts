import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';
import { serve, type Served } from './sync/serve-process';

const tempDir = useTempDirs();
const PIN = '86420975';
const NIBS = ['6216955158389', '0123456789012'];
const ID = '[a-z2-7]+';

const running: Served[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

/** A desk of one event with two participants on the list and a certificate for each. */
async function eventDesk(): Promise<string> {
  const dir = tempDir();
  expect((await runCli(['init', '--data', dir, '--name', 'Fasilitasi Halal', '--date', '2024-05-21'], { LOKET_PIN: PIN })).code).toBe(0);
  const list = join(dir, 'peserta.csv');
  writeFileSync(list, `NIB;Nama;Nama Usaha;Kab/Kota\n${NIBS[0]};Siti Aminah;Dapur Siti;Tanah Laut\n${NIBS[1]};Rahmah;Wadai Rahmah;Banjarbaru\n`);
  expect((await runCli(['import', '--data', dir, list])).code).toBe(0);
  const certificates = join(dir, 'sertifikat.csv');
  writeFileSync(certificates, `NIB;Nomor Sertifikat;Produk\n${NIBS[0]};ID63110000000000101;Dodol\n${NIBS[1]};ID63110000000000202;Amplang\n`);
  expect((await runCli(['certificates', 'import', '--data', dir, certificates])).code).toBe(0);
  return dir;
}

/** What a command printed for people, in Bahasa Indonesia (no --lang) and with --lang en. */
async function bothLanguages(args: (lang: 'id' | 'en') => string[], env: NodeJS.ProcessEnv = {}): Promise<{ id: string; en: string }> {
  const id = await runCli(args('id'), env);
  const en = await runCli([...args('en'), '--lang', 'en'], env);
  for (const run of [id, en]) expect(run.code, run.stderr).toBe(0);
  return { id: id.stdout.trimEnd(), en: en.stdout.trimEnd() };
}

describe('what every command prints for people', () => {
  beforeAll(requireBuild);

  it('is in Bahasa Indonesia, or in English with --lang en: desk set-up, check-in, handover, status, badges, invitations', async () => {
    const demo = await bothLanguages(() => ['init', '--data', tempDir(), '--demo']);
    expect(demo.id).toMatch(/\(DEMO\): 1\.000 peserta demo$/);
    expect(demo.en).toMatch(/\(DEMO\): 1,000 demo participants$/);
    const random = await bothLanguages(() => ['init', '--data', tempDir(), '--name', 'Fasilitasi Halal', '--date', '2024-05-21']);
    expect(random.id).toMatch(/^Fasilitasi Halal \(2024-05-21\)\nPIN panitia: \d{8}$/);
    expect(random.en).toMatch(/^Fasilitasi Halal \(2024-05-21\)\norganizer PIN: \d{8}$/);
    const workbook = await bothLanguages((lang) => ['demo-workbook', '--out', join(tempDir(), `${lang}.xlsx`), '--count', '5']);
    expect(workbook.id).toMatch(/id\.xlsx: 5 peserta$/);
    expect(workbook.en).toMatch(/en\.xlsx: 5 participants$/);

    const dir = await eventDesk();
    const first = await bothLanguages((lang) => ['checkin', '--data', dir, '--nib', lang === 'id' ? NIBS[0]! : NIBS[1]!]);
    expect(first.id).toMatch(new RegExp(`^HADIR: peserta ${ID}$`));
    expect(first.en).toMatch(new RegExp(`^CHECKED IN: participant ${ID}$`));
    const again = await bothLanguages((lang) => ['checkin', '--data', dir, '--nib', lang === 'id' ? NIBS[0]! : NIBS[1]!]);
    expect(again.id).toMatch(new RegExp(`^SUDAH HADIR: peserta ${ID}$`));
    expect(again.en).toMatch(new RegExp(`^ALREADY PRESENT: participant ${ID}$`));
    const handover = await bothLanguages((lang) => ['handover', '--data', dir, '--nib', lang === 'id' ? NIBS[0]! : NIBS[1]!, '--cert', lang === 'id' ? 'ID63110000000000101' : 'ID63110000000000202']);
    expect(handover.id).toMatch(new RegExp(`^DISERAHKAN: ID63110000000000101 → peserta ${ID}$`));
    expect(handover.en).toMatch(new RegExp(`^HANDED OVER: ID63110000000000202 → participant ${ID}$`));

    const status = await bothLanguages(() => ['status', '--data', dir]);
    // Between them, a line per regency: its code, its name and figures, the same in either language.
    expect(status.id).toMatch(/^2\/2 hadir\n63\.01 Kabupaten Tanah Laut: 1\/1 \(target 160\)\n[^]*\nsertifikat diserahkan 2, sisa 0; konflik 0$/);
    expect(status.en).toMatch(/^2\/2 present\n63\.01 Kabupaten Tanah Laut: 1\/1 \(target 160\)\n[^]*\ncertificates handed over 2, remaining 0; conflicts 0$/);
    const badges = await bothLanguages((lang) => ['badges', '--data', dir, '--out', join(tempDir(), `${lang}.pdf`)]);
    expect(badges.id).toMatch(/id\.pdf: 2 kartu peserta$/);
    expect(badges.en).toMatch(/en\.pdf: 2 badges$/);
    const invitations = await bothLanguages(() => ['invitations', '--data', dir, '--out', tempDir()]);
    expect(invitations.id).toMatch(/: 2 undangan$/);
    expect(invitations.en).toMatch(/: 2 invitations$/);
    // One of each is one, not "1 badges".
    const oneBadge = await bothLanguages((lang) => ['badges', '--data', dir, '--regency', '63.01', '--out', join(tempDir(), `${lang}-1.pdf`)]);
    expect(oneBadge.id).toMatch(/id-1\.pdf: 1 kartu peserta$/);
    expect(oneBadge.en).toMatch(/en-1\.pdf: 1 badge$/);
    const oneInvitation = await bothLanguages(() => ['invitations', '--data', dir, '--regency', '63.01', '--out', tempDir()]);
    expect(oneInvitation.en).toMatch(/: 1 invitation$/);
  }, 120_000);

  it('is in Bahasa Indonesia, or in English with --lang en: bundles, checks, exports, backups restored, purges', async () => {
    const dir = await eventDesk();
    const events = ((await runCli(['status', '--data', dir, '--json'])).json as { desks: { seq: number }[] }).desks[0]!.seq;
    const exported = await bothLanguages((lang) => ['bundle', 'export', '--data', dir, join(tempDir(), `${lang}.loketbundle`)]);
    expect(exported.id).toMatch(new RegExp(`^${events} data → .*id\\.loketbundle$`));
    expect(exported.en).toMatch(new RegExp(`^${events} events → .*en\\.loketbundle$`));
    const file = join(tempDir(), 'meja-1.loketbundle');
    await runCli(['bundle', 'export', '--data', dir, file]);
    const imported = await bothLanguages(() => ['bundle', 'import', '--data', dir, file]);
    expect(imported.id).toBe(`0 baru, ${events} sudah ada, peringatan integritas 0`);
    expect(imported.en).toBe(`0 new, ${events} already held, integrity alarms 0`);

    const check = await bothLanguages(() => ['check', '--data', dir]);
    expect(check).toEqual({ id: `OK: ${events} data`, en: `OK: ${events} events` });
    const full = await bothLanguages(() => ['check', '--data', dir, '--full']);
    expect(full).toEqual({ id: `OK: ${events} data, semuanya di-hash ulang`, en: `OK: ${events} events, every one re-hashed` });

    const report = await bothLanguages(() => ['export', '--data', dir, '--out', tempDir(), '--no-pdf']);
    expect(report.id).toMatch(/^LENGKAP: \d+ berkas di /);
    expect(report.en).toMatch(/^COMPLETE: \d+ files in /);
    const backup = (await runCli(['backup', '--data', dir, '--to', tempDir()])).stdout.trim();
    const restored = await bothLanguages(() => ['restore', '--data', tempDir(), '--from', backup]);
    expect(restored.id).toMatch(new RegExp(`^dipulihkan: \\d+ data; ID meja baru ${ID} \\(sebelumnya ${ID}\\)$`));
    expect(restored.en).toMatch(new RegExp(`^restored: \\d+ events; new desk ID ${ID} \\(was ${ID}\\)$`));
    const copies = [tempDir(), tempDir()];
    for (const copy of copies) await runCli(['restore', '--data', copy, '--from', backup]);
    const purged = await bothLanguages((lang) => ['purge', '--data', copies[lang === 'id' ? 0 : 1]!], { LOKET_PIN: PIN });
    expect(purged.id).toMatch(/^data pribadi dihapus; \d+ salinan dihapus \(cadangan, basis data yang disisihkan, bundel\)$/);
    expect(purged.en).toMatch(/^personal data purged; \d+ copies removed \(backups, set-aside databases, bundles\)$/);
  }, 120_000);

  it('is in Bahasa Indonesia, or in English with --lang en: joining and syncing', async () => {
    const dir = await eventDesk();
    const code = async (address: string) => ((await runCli(['invite', '--data', dir, '--address', address, '--json'])).json as { code: string }).code;
    const nobody = await code('http://127.0.0.1:9');
    const unreached = await bothLanguages(() => ['join', '--data', tempDir(), '--code', nobody]);
    expect(unreached.id).toMatch(/^bergabung dengan \w+; belum ada meja yang dapat dihubungi\n! Meja di http:\/\/127\.0\.0\.1:9 tidak dapat dihubungi\./);
    expect(unreached.en).toMatch(/^joined \w+; no desk reachable yet\n! The desk at http:\/\/127\.0\.0\.1:9 cannot be reached\./);

    const served = await serve(dir);
    running.push(served);
    const joiners = { id: tempDir(), en: tempDir() };
    const invited = await code(served.url);
    const joined = await bothLanguages((lang) => ['join', '--data', joiners[lang], '--code', invited]);
    const peer = `.+ \\(${ID}\\)`;
    expect(joined.id).toMatch(new RegExp(`^bergabung dengan Fasilitasi Halal: ${peer}: diterima \\d+ baru, 0 sudah ada, dikirim \\d+, peringatan integritas 0 \\(\\d+(,\\d)? dtk\\)$`));
    expect(joined.en).toMatch(new RegExp(`^joined Fasilitasi Halal: ${peer}: received \\d+ new, 0 already held, sent \\d+, integrity alarms 0 \\(\\d+(\\.\\d)? s\\)$`));
    const synced = await bothLanguages((lang) => ['sync', '--data', joiners[lang], '--peer', served.url, '--once']);
    expect(synced.id).toMatch(new RegExp(`^${peer}: diterima 0 baru, \\d+ sudah ada, dikirim \\d+, peringatan integritas 0 \\(\\d+(,\\d)? dtk\\)$`));
    expect(synced.en).toMatch(new RegExp(`^${peer}: received 0 new, \\d+ already held, sent \\d+, integrity alarms 0 \\(\\d+(\\.\\d)? s\\)$`));
  }, 120_000);
});
