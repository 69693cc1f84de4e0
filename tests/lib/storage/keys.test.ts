import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertStorageKey, assertStoragePrefix, assertTenantKey, StorageKeyError, tenantKey, tenantPrefix } from '@/lib/storage';

const tenant = randomUUID();
const other = randomUUID();

describe('tenantKey', () => {
  it('builds <tenantId>/<part>/<part>, splitting parts that hold several segments', () => {
    expect(tenantKey(tenant, 'exports', 'privacy-2026-12-02.zip')).toBe(`${tenant}/exports/privacy-2026-12-02.zip`);
    expect(tenantKey(tenant, 'backups/2026', 'db.dump.gz')).toBe(`${tenant}/backups/2026/db.dump.gz`);
  });

  it('refuses a tenant id that is not a lowercase uuid, and unsafe or empty parts', () => {
    for (const [id, parts] of [
      ['workspace-1', ['exports']],
      [tenant.toUpperCase(), ['exports']],
      [tenant, []],
      [tenant, ['..', 'x']],
      [tenant, ['exports', '.env']],
      [tenant, ['exports/', 'x']],
      [tenant, ['/etc/passwd']],
      [tenant, ['exports', 'a\\b']],
      [tenant, ['exports', 'a%2e%2e']],
      [tenant, ['exports', 'naïve.txt']],
      [tenant, ['exports', 'x'.repeat(201)]],
    ] as Array<[string, string[]]>) {
      expect(() => tenantKey(id, ...parts), `${id} ${parts.join('|')}`).toThrow(StorageKeyError);
    }
  });
});

describe('assertTenantKey', () => {
  it("accepts the tenant's own keys and prefixes", () => {
    expect(assertTenantKey(tenant, `${tenant}/uploads/a.csv`)).toBe(`${tenant}/uploads/a.csv`);
    expect(assertTenantKey(tenant, tenantPrefix(tenant))).toBe(`${tenant}/`);
  });

  it("refuses another tenant's well-formed key, and a key that only looks like its own", () => {
    expect(() => assertTenantKey(tenant, `${other}/uploads/a.csv`)).toThrow(/another tenant/);
    expect(() => assertTenantKey(tenant, `${tenant}/../${other}/uploads/a.csv`)).toThrow(StorageKeyError);
    expect(() => assertTenantKey(tenant, `${tenant}x/uploads/a.csv`)).toThrow(StorageKeyError);
    expect(() => assertTenantKey('not-a-uuid', `${tenant}/uploads/a.csv`)).toThrow(StorageKeyError);
  });
});

describe('backend guards', () => {
  it('a key needs a tenant segment and at least one part after it', () => {
    expect(assertStorageKey(`${tenant}/a`)).toBe(`${tenant}/a`);
    for (const key of ['', tenant, `${tenant}/`, `a/${tenant}/b`, `${tenant}/a/`, 'x'.repeat(1025)]) {
      expect(() => assertStorageKey(key), key).toThrow(StorageKeyError);
    }
  });

  it('a prefix is the tenant folder, then whole segments, the last possibly partial', () => {
    for (const prefix of [`${tenant}/`, `${tenant}/exports/`, `${tenant}/exports/2026-`]) expect(assertStoragePrefix(prefix)).toBe(prefix);
    for (const prefix of ['', tenant, tenant.slice(0, 10), `${tenant}//`, `${tenant}/../`, `${tenant}/.`]) {
      expect(() => assertStoragePrefix(prefix), prefix).toThrow(StorageKeyError);
    }
  });
});
