import { describe, expect, it } from 'vitest';
import { LoketError } from '../../shared/errors';
import { isLoopback, parseUplinkUrl, tlsOptions } from '../../electron/core/uplink/uplink-url';

function refusal(url: string, insecure = false): string | null {
  try {
    parseUplinkUrl(url, insecure);
    return null;
  } catch (error) {
    return error instanceof LoketError ? error.code : String(error);
  }
}

describe('the province server URL', () => {
  it('reads user, password, host, port and database, and labels it without the password', () => {
    const t = parseUplinkUrl('postgresql://loket_uplink:s%40cret@db.kalselprov.go.id:6543/dinas?sslmode=verify-full');
    expect(t).toMatchObject({ user: 'loket_uplink', password: 's@cret', host: 'db.kalselprov.go.id', port: 6543, database: 'dinas', sslMode: 'verify-full' });
    expect(t.label).toBe('loket_uplink@db.kalselprov.go.id:6543/dinas');
    expect(JSON.stringify(t.label)).not.toContain('cret');
    expect(parseUplinkUrl('postgres://u@[::1]/d').label).toBe('u@[::1]:5432/d');
    expect(parseUplinkUrl('postgres://u@localhost').database).toBe('u');
  });

  it('refuses a plain or unverified connection off this machine unless told --insecure', () => {
    for (const url of ['postgres://u@10.0.0.5/d', 'postgres://u@db.example.org/d?sslmode=require', 'postgres://u@db.example.org/d?sslmode=prefer']) {
      expect(refusal(url), url).toBe('uplink_insecure');
      expect(refusal(url, true), url).toBeNull();
    }
    for (const url of ['postgres://u@db.example.org/d?sslmode=verify-full', 'postgres://u@db.example.org/d?sslmode=verify-ca', 'postgres://u@127.0.0.1/d', 'postgres://u@localhost/d', 'postgres://u@[::1]/d']) {
      expect(refusal(url), url).toBeNull();
    }
    expect(['127.0.0.1', '127.8.9.10', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['128.0.0.1', '::2', 'localhost.example.org', '0.0.0.0'].some(isLoopback)).toBe(false);
  });

  it('says what is wrong with a URL it cannot use', () => {
    for (const url of ['http://u@h/d', 'postgres://h/d', 'postgres://u@h/d?sslmode=sometimes', 'postgres://u@h/d?options=-csearch_path%3Dx', 'not a url']) {
      expect(refusal(url), url).toBe('uplink_url_invalid');
    }
  });

  it('says so when the CA file named by sslrootcert cannot be read, instead of an unexpected error', () => {
    const target = parseUplinkUrl('postgres://u@db.example.org/d?sslmode=verify-full&sslrootcert=/nonexistent/province-ca.pem');
    expect(() => tlsOptions(target)).toThrow(expect.objectContaining({ code: 'uplink_url_invalid', params: { detail: 'sslrootcert: ENOENT' } }));
  });

  it('checks the certificate and the host name under verify-full, only the chain under verify-ca, nothing under require', () => {
    const full = tlsOptions(parseUplinkUrl('postgres://u@db.example.org/d?sslmode=verify-full'));
    expect(full).toMatchObject({ rejectUnauthorized: true, servername: 'db.example.org' });
    expect(full && full.checkServerIdentity).toBeUndefined();
    const ca = tlsOptions(parseUplinkUrl('postgres://u@db.example.org/d?sslmode=verify-ca'));
    expect(ca && ca.rejectUnauthorized).toBe(true);
    expect(ca && ca.checkServerIdentity?.('db.example.org', {} as never)).toBeUndefined();
    expect(tlsOptions(parseUplinkUrl('postgres://u@localhost/d?sslmode=require'))).toEqual({ rejectUnauthorized: false });
    expect(tlsOptions(parseUplinkUrl('postgres://u@localhost/d'))).toBe(false);
  });
});
