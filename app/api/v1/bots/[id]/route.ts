import { z } from 'zod';
import { assertIfMatch } from '@/lib/api/etag';
import { apiRoute } from '@/lib/api/route';
import { bot, botBody, botEtag, botJson, botParams, botPatchBody, withBotInput, withBotPatch } from '@/lib/api/bots';
import { deleteBot, getBotOrThrow, updateBot } from '@/lib/bots/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/{id}',
    summary: 'Get a bot',
    description: 'With its ETag (the configuration’s version), to send as If-Match when changing it.',
    tags: ['Bots'],
    scope: 'bots:read',
    params: botParams,
    response: bot,
  },
  async ({ tx, params, headers }) => {
    const item = await getBotOrThrow(tx, params.id);
    headers.set('ETag', botEtag(item));
    return botJson(item);
  },
);

const CHANGE_RULES =
  'A running bot uses the new configuration from its next run; its exchange, network and strategy change only while it is stopped (409). Credentials and the Telegram token left out stay on file. With If-Match, a change made by someone else since you read it is refused (412).';

export const PATCH = apiRoute(
  {
    method: 'PATCH',
    path: '/api/v1/bots/{id}',
    summary: 'Change a bot',
    description: `Send only what changes; \`pairs\`, when sent, replaces the list (a pair whose symbol stays keeps its open deal). ${CHANGE_RULES}`,
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    body: botPatchBody,
    response: bot,
  },
  async ({ tx, access, params, body, meta, request, headers }) => {
    const current = await getBotOrThrow(tx, params.id, { lock: true });
    assertIfMatch(request.headers, botEtag(current));
    const item = await withBotPatch(current, body, (input) => updateBot(tx, access.ctx, params.id, input, meta));
    headers.set('ETag', botEtag(item));
    return botJson(item);
  },
);

export const PUT = apiRoute(
  {
    method: 'PUT',
    path: '/api/v1/bots/{id}',
    summary: 'Replace a bot’s configuration',
    description: `The whole configuration, as for create. ${CHANGE_RULES}`,
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    body: botBody,
    response: bot,
  },
  async ({ tx, access, params, body, meta, request, headers }) => {
    const current = await getBotOrThrow(tx, params.id, { lock: true });
    assertIfMatch(request.headers, botEtag(current));
    const item = await withBotInput(body, (input) => updateBot(tx, access.ctx, params.id, input, meta));
    headers.set('ETag', botEtag(item));
    return botJson(item);
  },
);

export const DELETE = apiRoute(
  {
    method: 'DELETE',
    path: '/api/v1/bots/{id}',
    summary: 'Delete a bot',
    description: 'With its pairs, deals, orders, trades and run logs. A running live bot must be stopped first (409).',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    response: z.null(),
    status: 204,
  },
  async ({ tx, access, params, meta, request }) => {
    const current = await getBotOrThrow(tx, params.id, { lock: true });
    assertIfMatch(request.headers, botEtag(current));
    await deleteBot(tx, access.ctx, params.id, meta);
    return null;
  },
);
