import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiKeys, auditLog, memberships } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { setPlanOverride } from '@/lib/billing/plan-override';
import { limitApiForPlan } from '@/lib/ratelimit/limits';
import { GET as audit } from '@/app/api/v1/audit/route';
import { GET as me } from '@/app/api/v1/me/route';
import { GET as usage } from '@/app/api/v1/usage/route';
import { addMember, createKey, createWorkspaceWithOwner, putOnPlan } from '../api-keys/support';
import { call, jsonOf, noteRoute } from './support';

async function paidWorkspace(plan: 'pro' | 'team' = 'team') {
  const made = await createWorkspaceWithOwner();
  await putOnPlan(made.workspace.id, plan);
  return made;
}

async function noteEffects(tenantId: string, text: string) {
  const rows = await withSystem('test: read audit', (tx) =>
    tx.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.targetType, 'note'), eq(auditLog.targetId, text))),
  );
  return rows.length;
}

describe('apiRoute', () => {
  it('answers /me for a key with its workspace, plan and scopes, with the request id and rate-limit headers', async () => {
    const { workspace, ownerCtx } = await paidWorkspace();
    const { token, key } = await createKey(ownerCtx, ['usage:read', 'audit:read']);
    const response = await call(me, { path: '/api/v1/me', token });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(Number(response.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit-remaining')).not.toBeNull();
    const body = await jsonOf(response);
    expect(body).toMatchObject({
      workspace: { id: workspace.id, slug: workspace.slug },
      plan: { id: 'team' },
      auth: { type: 'api_key', key: { id: key.id, prefix: key.prefix }, role: 'owner', scopes: ['usage:read', 'audit:read'] },
    });
  });

  it('gives 401 with one message for a missing, malformed, unknown or revoked key', async () => {
    const { ownerCtx } = await paidWorkspace();
    const { token, key } = await createKey(ownerCtx, ['usage:read']);
    await withSystem('test: revoke', (tx) => tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, key.id)));
    const answers = await Promise.all([
      call(me, { path: '/api/v1/me', headers: { authorization: 'Basic abc' } }),
      call(me, { path: '/api/v1/me', token: 'tsr_short' }),
      call(me, { path: '/api/v1/me', token: `tsr_${'A'.repeat(43)}` }),
      call(me, { path: '/api/v1/me', token }),
    ]);
    const bodies = await Promise.all(answers.map(jsonOf));
    for (const [i, response] of answers.entries()) {
      expect(response.status).toBe(401);
      expect(bodies[i]).toEqual(bodies[0]);
    }
    expect(bodies[0].error.code).toBe('unauthorized');
  });

  it('names a missing scope (403), and narrows a key to its creator’s current role', async () => {
    const { workspace, ownerCtx } = await paidWorkspace();
    const { token } = await createKey(ownerCtx, ['usage:read']);
    const refused = await call(audit, { path: '/api/v1/audit', token });
    expect(refused.status).toBe(403);
    expect(await jsonOf(refused)).toMatchObject({ error: { code: 'insufficient_scope', details: { scope: 'audit:read' } } });

    const admin = await addMember(workspace.id, 'admin');
    const adminKey = await createKey(admin.ctx, ['audit:read']);
    expect((await call(audit, { path: '/api/v1/audit', token: adminKey.token })).status).toBe(200);
    await withSystem('test: demote', (tx) => tx.update(memberships).set({ role: 'member' }).where(eq(memberships.userId, admin.user.id)));
    const demoted = await call(audit, { path: '/api/v1/audit', token: adminKey.token });
    expect(demoted.status).toBe(403);
  });

  it('maps bad input: malformed JSON 400, unknown field 400 naming it, wrong type 400, wrong method', async () => {
    const { workspace, ownerCtx } = await paidWorkspace();
    const { token } = await createKey(ownerCtx, ['journal:write', 'usage:read']);
    const post = (body: string) => call(noteRoute, { path: '/api/v1/test-notes', token, body });
    const malformed = await post('{"text": ');
    expect(malformed.status).toBe(400);
    expect((await jsonOf(malformed)).error.code).toBe('invalid_json');
    const unknown = await post(JSON.stringify({ text: 'x', colour: 'red' }));
    expect(unknown.status).toBe(400);
    expect(await jsonOf(unknown)).toMatchObject({ error: { code: 'bad_request', details: { in: 'body', fields: { colour: 'Unknown field.' } } } });
    const wrongType = await post(JSON.stringify({ text: 5 }));
    expect(wrongType.status).toBe(400);
    expect((await jsonOf(wrongType)).error.details.fields.text).toBeTruthy();
    const badQuery = await call(usage, { path: '/api/v1/usage?period=2026-13', token });
    expect(badQuery.status).toBe(400);
    const extraQuery = await call(usage, { path: '/api/v1/usage?perod=2026-01', token });
    expect(await jsonOf(extraQuery)).toMatchObject({ error: { details: { in: 'query', fields: { perod: 'Unknown field.' } } } });
    expect(await noteEffects(workspace.id, 'x')).toBe(0);
  });

  it('replays an Idempotency-Key: two identical POSTs at once give one effect and identical responses; another body is 422', async () => {
    const { workspace, ownerCtx } = await paidWorkspace();
    const { token } = await createKey(ownerCtx, ['journal:write']);
    const body = JSON.stringify({ text: 'once' });
    const headers = { 'idempotency-key': 'order-42' };
    const [a, b] = await Promise.all([
      call(noteRoute, { path: '/api/v1/test-notes', token, body, headers }),
      call(noteRoute, { path: '/api/v1/test-notes', token, body, headers }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await a.text()).toBe(await b.text());
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].filter(Boolean)).toEqual(['true']);
    expect(await noteEffects(workspace.id, 'once')).toBe(1);

    const again = await call(noteRoute, { path: '/api/v1/test-notes', token, body, headers });
    expect(again.status).toBe(201);
    const other = await call(noteRoute, { path: '/api/v1/test-notes', token, body: JSON.stringify({ text: 'twice' }), headers });
    expect(other.status).toBe(422);
    expect((await jsonOf(other)).error.code).toBe('idempotency_key_reused');
    expect(await noteEffects(workspace.id, 'once')).toBe(1);
    expect(await noteEffects(workspace.id, 'twice')).toBe(0);
  });

  it('keeps another workspace’s keys apart: the same Idempotency-Key in two workspaces is two requests', async () => {
    const first = await paidWorkspace();
    const second = await paidWorkspace();
    const a = await createKey(first.ownerCtx, ['journal:write']);
    const b = await createKey(second.ownerCtx, ['journal:write']);
    const body = JSON.stringify({ text: 'shared' });
    const headers = { 'idempotency-key': 'same' };
    expect((await call(noteRoute, { path: '/api/v1/test-notes', token: a.token, body, headers })).headers.get('idempotent-replayed')).toBeNull();
    expect((await call(noteRoute, { path: '/api/v1/test-notes', token: b.token, body, headers })).headers.get('idempotent-replayed')).toBeNull();
    expect(await noteEffects(first.workspace.id, 'shared')).toBe(1);
    expect(await noteEffects(second.workspace.id, 'shared')).toBe(1);
  });

  it('gives 402 plan_required once the plan no longer includes the API, and lets the key work again when it does', async () => {
    const { workspace, owner, ownerCtx } = await paidWorkspace('team');
    const { token } = await createKey(ownerCtx, ['usage:read']);
    expect((await call(me, { path: '/api/v1/me', token })).status).toBe(200);
    const override = (plan: 'free' | 'team') =>
      withSystem('test: plan override', (tx) => setPlanOverride(tx, { workspace: workspace.slug, plan, note: 'test', by: owner.email }));
    await override('free');
    const refused = await call(me, { path: '/api/v1/me', token });
    expect(refused.status).toBe(402);
    expect((await jsonOf(refused)).error).toMatchObject({ code: 'plan_required' });
    await override('team');
    expect((await call(me, { path: '/api/v1/me', token })).status).toBe(200);
  });

  it('gives 429 with Retry-After and RateLimit-* once the plan’s minute is spent', async () => {
    const { workspace, ownerCtx } = await paidWorkspace('pro');
    const { token } = await createKey(ownerCtx, ['usage:read']);
    const now = Date.now();
    for (let sent = 0; sent < 1_000; sent += 100) await Promise.all(Array.from({ length: 100 }, () => limitApiForPlan(workspace.id, 1_000, now)));
    const response = await call(usage, { path: '/api/v1/usage', token });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect((await jsonOf(response)).error.code).toBe('rate_limited');
  });

  it('pages the audit log with an opaque, stable cursor and refuses a forged one', async () => {
    const { workspace, ownerCtx } = await paidWorkspace();
    const { token } = await createKey(ownerCtx, ['audit:read', 'journal:write']);
    for (const text of ['n1', 'n2', 'n3']) await call(noteRoute, { path: '/api/v1/test-notes', token, body: JSON.stringify({ text }) });
    const first = await jsonOf(await call(audit, { path: '/api/v1/audit?limit=2', token }));
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await jsonOf(await call(audit, { path: `/api/v1/audit?limit=2&cursor=${first.next_cursor}`, token }));
    const ids = [...first.data, ...second.data].map((entry: { id: number }) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const forged = await call(audit, { path: '/api/v1/audit?cursor=not-a-cursor', token });
    expect(forged.status).toBe(400);
    expect(workspace.id).toBeTruthy();
  });

  it('reports usage against quotas, counting API calls', async () => {
    const { ownerCtx } = await paidWorkspace();
    const { token } = await createKey(ownerCtx, ['usage:read']);
    await call(usage, { path: '/api/v1/usage', token });
    const body = await jsonOf(await call(usage, { path: '/api/v1/usage', token }));
    const calls = body.metrics.find((m: { metric: string }) => m.metric === 'api.calls');
    expect(calls.used).toBeGreaterThanOrEqual(1);
    expect(body.period).toMatch(/^\d{4}-\d{2}$/);
  });
});
