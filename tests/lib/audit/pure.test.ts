import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditActions, auditActionLabels } from '@/lib/audit/actions';
import { auditFilterQuery, auditFilterRange, parseAuditFilter } from '@/lib/audit/filters';
import { auditRowHash, canonicalJson } from '@/lib/audit/hash';
import { describeUserAgent } from '@/lib/audit/user-agent';
import { endOfZonedDay, safeTimeZone, startOfZonedDay } from '@/lib/time';

describe('canonical hashing', () => {
  it('ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('changes when any covered field changes', () => {
    const row = {
      chain: 'w:1',
      seq: 1,
      prevHash: null,
      tenantId: '1',
      actorUserId: null,
      actorLabel: null,
      action: 'workspace.created',
      targetType: null,
      targetId: null,
      ip: null,
      userAgent: null,
      metadata: { a: 1 },
      createdAt: new Date('2026-01-01T00:00:00.123Z'),
    };
    const base = auditRowHash(row);
    expect(auditRowHash({ ...row, metadata: { a: 1 } })).toBe(base);
    expect(auditRowHash({ ...row, metadata: { a: 2 } })).not.toBe(base);
    expect(auditRowHash({ ...row, createdAt: new Date('2026-01-01T00:00:00.124Z') })).not.toBe(base);
    expect(auditRowHash({ ...row, prevHash: 'x' })).not.toBe(base);
    expect(auditRowHash({ ...row, seq: 2 })).not.toBe(base);
  });
});

describe('action labels', () => {
  it('labels every action and falls back to the code for unknown ones', () => {
    expect(auditActions.length).toBe(Object.keys(auditActionLabels).length);
    expect(auditActionLabel('member.role_changed')).toBe('Member role changed');
    expect(auditActionLabel('legacy.thing')).toBe('legacy.thing');
  });
});

describe('audit filters from the query string', () => {
  it('keeps valid values and drops invalid ones', () => {
    expect(
      parseAuditFilter({
        action: 'member.invited',
        actor: '2b0c4b8e-5d7e-4a53-9d3c-1f0b6f0b9a11',
        from: '2026-03-01',
        to: ['2026-03-31', '2026-04-01'],
        cursor: '42',
      }),
    ).toEqual({ action: 'member.invited', actor: '2b0c4b8e-5d7e-4a53-9d3c-1f0b6f0b9a11', from: '2026-03-01', to: '2026-03-31', cursor: 42 });
    expect(parseAuditFilter({ action: 'drop table', actor: 'nope', from: '2026-13-40', to: '', cursor: '-1' })).toEqual({});
  });

  it('reads calendar days in the workspace time zone, the end day included', () => {
    const range = auditFilterRange({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Berlin');
    // Berlin switches to summer time that night: the day is 23 hours long.
    expect(range.from?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(range.to?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('builds the query string for the next page', () => {
    expect(auditFilterQuery({ action: 'member.invited', cursor: 7 })).toBe('?action=member.invited&cursor=7');
    expect(auditFilterQuery({})).toBe('');
  });
});

describe('zoned days', () => {
  it('handles zones east and west of UTC', () => {
    expect(startOfZonedDay('2026-01-15', 'UTC').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfZonedDay('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(startOfZonedDay('2026-01-15', 'Asia/Kolkata').toISOString()).toBe('2026-01-14T18:30:00.000Z');
    expect(endOfZonedDay('2026-12-31', 'UTC').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(startOfZonedDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(endOfZonedDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(safeTimeZone('Asia/Riyadh')).toBe('Asia/Riyadh');
  });
});

describe('user agents', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1', 'Chrome on iOS'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'Firefox on Linux'],
    ['Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['curl/8.5.0', 'curl'],
    [null, 'Unknown device'],
    ['something odd', 'Unknown device'],
  ])('%s → %s', (ua, expected) => {
    expect(describeUserAgent(ua)).toBe(expected);
  });
});
