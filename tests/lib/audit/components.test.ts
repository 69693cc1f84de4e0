import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditLogTable } from '@/components/audit/audit-log-table';
import { ChainIntegrityBadge } from '@/components/audit/chain-integrity-badge';
import { SecurityEventsList } from '@/components/audit/security-events-list';

// Component tests live beside the audit tests because this issue owns only tests/lib/audit.
describe('audit components', () => {
  it('shows an intact chain, how much was checked now, and the entry where tampering starts', () => {
    const at = new Date('2026-11-22T06:00:00Z');
    const badge = (result: Parameters<typeof ChainIntegrityBadge>[0]['result']) =>
      renderToStaticMarkup(createElement(ChainIntegrityBadge, { result, timeZone: 'Asia/Riyadh' }));

    const full = badge({ ok: true, rows: 12, fullyCheckedAt: at, checkedNow: 12 });
    expect(full).toContain('Chain intact · 12 entries');
    expect(full).toContain('recomputed just now');
    const resumed = badge({ ok: true, rows: 12, fullyCheckedAt: at, checkedNow: 2 });
    expect(resumed).toContain('recomputed at 22 Nov 2026, 09:00 and matched; the 2 newer entries were checked just now');

    const broken = badge({ ok: false, rows: 3, brokenAtSeq: 3, reason: 'hash_mismatch', fullyCheckedAt: at, checkedNow: 3 });
    expect(broken).toContain('Tampering detected at entry #3');
    expect(broken).toContain('role="alert"');
  });

  it('renders times in the given zone with device and IP', () => {
    const html = renderToStaticMarkup(
      createElement(SecurityEventsList, {
        timeZone: 'Asia/Riyadh',
        events: [
          {
            id: 1,
            action: 'auth.sign_in.failed',
            actionLabel: 'Sign-in failed',
            createdAt: new Date('2026-03-01T21:30:00Z'),
            ip: '203.0.113.9',
            userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
          },
        ],
      }),
    );
    expect(html).toContain('Sign-in failed');
    expect(html).toContain('Firefox on Linux · 203.0.113.9');
    expect(html).toContain('2 Mar 2026, 00:30');
    expect(html).toContain('Attention');
  });

  it('says what to do when a list is empty', () => {
    expect(renderToStaticMarkup(createElement(SecurityEventsList, { events: [], timeZone: 'UTC' }))).toContain('No security events yet');
    expect(renderToStaticMarkup(createElement(AuditLogTable, { entries: [], timeZone: 'UTC', filtered: true }))).toContain(
      'No events match these filters',
    );
  });

  it('renders an audit row with actor, system fallback and metadata details', () => {
    const base = {
      seq: 1,
      createdAt: new Date('2026-01-01T12:00:00Z'),
      actionLabel: 'Member role changed',
      targetType: 'membership',
      targetId: 'm1',
      ip: '198.51.100.4',
      userAgent: null,
      metadata: { from: 'member', to: 'admin' },
    };
    const html = renderToStaticMarkup(
      createElement(AuditLogTable, {
        timeZone: 'Europe/London',
        filtered: false,
        entries: [
          { ...base, id: 2, actorUserId: 'u1', actorLabel: 'dana@example.test', actorName: 'Dana' },
          { ...base, id: 1, actorUserId: null, actorLabel: null, actorName: null },
        ],
      }),
    );
    expect(html).toContain('Dana');
    expect(html).toContain('dana@example.test');
    expect(html).toContain('System');
    expect(html).toContain('&quot;to&quot;: &quot;admin&quot;');
    expect(html).toContain('1 Jan 2026, 12:00:00');
  });
});
