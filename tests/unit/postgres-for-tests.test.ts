import { describe, expect, it } from 'vitest';
import { postgresForTests } from '../helpers/postgres-cluster';

describe('the PostgreSQL tests without PostgreSQL', () => {
  const nowhere = '/nonexistent/postgresql';

  it('are skipped on a developer machine', () => {
    expect(postgresForTests({}, nowhere)).toBeNull();
  });

  it('fail under CI, saying what to install', () => {
    expect(() => postgresForTests({ CI: 'true' }, nowhere)).toThrow(/install Debian's postgresql/);
  });
});
