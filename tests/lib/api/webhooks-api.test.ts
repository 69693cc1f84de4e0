import { describe, expect, it } from 'vitest';
import { GET as getOne, PATCH as patch, DELETE as remove } from '@/app/api/v1/webhooks/[id]/route';
import { GET as deliveries } from '@/app/api/v1/webhooks/[id]/deliveries/route';
import { POST as redeliver } from '@/app/api/v1/webhooks/[id]/deliveries/[delivery_id]/redeliver/route';
import { POST as rotate } from '@/app/api/v1/webhooks/[id]/rotate-secret/route';
import { POST as test } from '@/app/api/v1/webhooks/[id]/test/route';
import { GET as list, POST as create } from '@/app/api/v1/webhooks/route';
import { createKey, createWorkspaceWithOwner, putOnPlan } from '../api-keys/support';
import { call, jsonOf } from './support';

async function teamWithKey(scopes: Parameters<typeof createKey>[1] = ['webhooks:read', 'webhooks:write']) {
  const made = await createWorkspaceWithOwner();
  await putOnPlan(made.workspace.id, 'team');
  return { ...made, token: (await createKey(made.ownerCtx, scopes)).token };
}

const body = (value: unknown) => JSON.stringify(value);

describe('/api/v1/webhooks', () => {
  it('creates (secret once, 201, ETag), lists, reads, changes with If-Match, and deletes', async () => {
    const { token } = await teamWithKey();
    const created = await call(create, { path: '/api/v1/webhooks', token, body: body({ url: 'https://hooks.example.com/t', event_types: ['member.joined'] }) });
    expect(created.status).toBe(201);
    const endpoint = await jsonOf(created);
    expect(endpoint).toMatchObject({ url: 'https://hooks.example.com/t', event_types: ['member.joined'], enabled: true, secret: expect.stringMatching(/^whsec_/) });
    const etag = created.headers.get('etag')!;
    expect(created.headers.get('location')).toBe(`/api/v1/webhooks/${endpoint.id}`);
    const params = { id: endpoint.id };

    const listed = await jsonOf(await call(list, { path: '/api/v1/webhooks', token }));
    expect(listed.data).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(endpoint.secret);
    const read = await call(getOne, { path: `/api/v1/webhooks/${endpoint.id}`, token, params });
    expect(read.headers.get('etag')).toBe(etag);
    expect((await jsonOf(read)).secret).toBeUndefined();

    const changed = await call(patch, { path: `/api/v1/webhooks/${endpoint.id}`, token, params, headers: { 'if-match': etag }, body: body({ enabled: false, description: 'Paused' }) });
    expect(changed.status).toBe(200);
    expect(await jsonOf(changed)).toMatchObject({ enabled: false, disabled_reason: 'manual', description: 'Paused' });
    const stale = await call(patch, { path: `/api/v1/webhooks/${endpoint.id}`, token, params, headers: { 'if-match': etag }, body: body({ enabled: true }) });
    expect(stale.status).toBe(412);
    expect((await jsonOf(stale)).error.code).toBe('precondition_failed');

    const rotated = await jsonOf(await call(rotate, { path: `/api/v1/webhooks/${endpoint.id}/rotate-secret`, token, params }));
    expect(rotated.secret).not.toBe(endpoint.secret);

    expect((await call(remove, { path: `/api/v1/webhooks/${endpoint.id}`, token, params, headers: { 'if-match': etag } })).status).toBe(412);
    const gone = await call(remove, { path: `/api/v1/webhooks/${endpoint.id}`, token, params });
    expect(gone.status).toBe(204);
    expect((await call(getOne, { path: `/api/v1/webhooks/${endpoint.id}`, token, params })).status).toBe(404);
  });

  it('sends a test event, shows it in the delivery log, and redelivers it', async () => {
    const { token } = await teamWithKey();
    const endpoint = await jsonOf(await call(create, { path: '/api/v1/webhooks', token, body: body({ url: 'https://hooks.example.com/t', event_types: ['export.ready'] }) }));
    const params = { id: endpoint.id };
    const queued = await call(test, { path: `/api/v1/webhooks/${endpoint.id}/test`, token, params });
    expect(queued.status).toBe(202);
    const delivery = await jsonOf(queued);
    expect(delivery).toMatchObject({ endpoint_id: endpoint.id, event_type: 'webhook.test', status: 'pending', payload: { type: 'webhook.test' } });
    const log = await jsonOf(await call(deliveries, { path: `/api/v1/webhooks/${endpoint.id}/deliveries?limit=10`, token, params }));
    expect(log).toMatchObject({ data: [{ id: delivery.id }], next_cursor: null });
    const again = await call(redeliver, {
      path: `/api/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`,
      token,
      params: { id: endpoint.id, delivery_id: delivery.id },
    });
    expect(again.status).toBe(202);
    expect(await jsonOf(again)).toMatchObject({ id: delivery.id, status: 'pending' });
    const wrongEndpoint = await call(redeliver, {
      path: `/api/v1/webhooks/${crypto.randomUUID()}/deliveries/${delivery.id}/redeliver`,
      token,
      params: { id: crypto.randomUUID(), delivery_id: delivery.id },
    });
    expect(wrongEndpoint.status).toBe(404);
  });

  it('refuses bad input: a private URL, an unknown event, an unknown field, a missing scope, another workspace’s id', async () => {
    const { token } = await teamWithKey();
    const refuse = async (value: unknown) => {
      const response = await call(create, { path: '/api/v1/webhooks', token, body: body(value) });
      return { status: response.status, error: (await jsonOf(response)).error };
    };
    expect(await refuse({ url: 'http://10.0.0.5/hook', event_types: ['member.joined'] })).toMatchObject({ status: 400, error: { details: { fields: { url: expect.stringMatching(/private/) } } } });
    expect(await refuse({ url: 'https://hooks.example.com/x', event_types: ['nope'] })).toMatchObject({ status: 400 });
    expect(await refuse({ url: 'https://hooks.example.com/x', event_types: ['member.joined'], secret: 'mine' })).toMatchObject({ status: 400, error: { details: { fields: { secret: expect.any(String) } } } });

    const reader = await teamWithKey(['webhooks:read']);
    const forbidden = await call(create, { path: '/api/v1/webhooks', token: reader.token, body: body({ url: 'https://hooks.example.com/x', event_types: ['member.joined'] }) });
    expect(forbidden.status).toBe(403);
    expect((await jsonOf(forbidden)).error.details.scope).toBe('webhooks:write');

    const other = await teamWithKey();
    const theirs = await jsonOf(await call(create, { path: '/api/v1/webhooks', token: other.token, body: body({ url: 'https://hooks.example.com/o', event_types: ['member.joined'] }) }));
    expect((await call(getOne, { path: `/api/v1/webhooks/${theirs.id}`, token, params: { id: theirs.id } })).status).toBe(404);
    expect((await call(remove, { path: `/api/v1/webhooks/${theirs.id}`, token, params: { id: theirs.id } })).status).toBe(404);
  });
});
