import { errors, type Requester, type UpstashRequest, type UpstashResponse } from '@upstash/redis';
import type { Redis as IORedis } from 'ioredis';
import { z } from 'zod';
import { ScriptShaMap } from './lua-compat';

const argSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const commandSchema = z.array(argSchema).min(1);
const batchSchema = z.array(commandSchema).min(1);

type RedisCommand = [name: string, ...args: Array<string | number>];
type Reply = UpstashResponse<unknown>;

export type IoredisRequester = Requester & {
  readonly client: IORedis;
  close(): Promise<void>;
};

/** ioredis rejects with ReplyError for Redis-side errors; anything else is a connection failure. */
function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}

/** ioredis turns HGETALL replies into objects even through call(); the REST API returns flat arrays. */
function flattenHash(reply: unknown): unknown {
  if (reply === null || typeof reply !== 'object' || Array.isArray(reply) || Buffer.isBuffer(reply)) return reply;
  return Object.entries(reply).flat();
}

/**
 * An Upstash `Requester` that speaks to a plain Redis through ioredis, so @upstash/redis and
 * @upstash/ratelimit run unchanged against REDIS_URL. It mirrors the REST API's shapes:
 * `{ result }`/`{ error }` for one command, an array of them for `pipeline` and `multi-exec`.
 */
export function createIoredisRequester(client: IORedis): IoredisRequester {
  const scripts = new ScriptShaMap();

  function translate(raw: z.infer<typeof commandSchema>): RedisCommand {
    const [head, ...rest] = raw.map((arg) => (typeof arg === 'string' || typeof arg === 'number' ? arg : String(arg)));
    const name = String(head).toLowerCase();
    const args = [...rest];
    const first = args[0];
    if ((name === 'eval' || name === 'eval_ro') && typeof first === 'string') {
      args[0] = scripts.remember(first);
    } else if ((name === 'evalsha' || name === 'evalsha_ro') && first !== undefined) {
      args[0] = scripts.serverSha(String(first));
    } else if (name === 'script') {
      const sub = String(first ?? '').toLowerCase();
      if (sub === 'load' && typeof args[1] === 'string') args[1] = scripts.remember(args[1]);
      if (sub === 'exists') for (let i = 1; i < args.length; i++) args[i] = scripts.serverSha(String(args[i]));
    }
    return [name, ...args];
  }

  function normalize([name, sub]: RedisCommand, reply: unknown): unknown {
    if (name === 'hgetall') return flattenHash(reply);
    if (name === 'script' && String(sub).toLowerCase() === 'load' && typeof reply === 'string') {
      return scripts.clientSha(reply);
    }
    return reply;
  }

  async function single(body: unknown): Promise<Reply> {
    const command = translate(commandSchema.parse(body));
    try {
      return { result: normalize(command, await client.call(...command)) };
    } catch (error) {
      if (isReplyError(error)) return { error: error.message };
      throw error;
    }
  }

  async function batch(kind: 'pipeline' | 'multi-exec', body: unknown): Promise<Reply[]> {
    const commands = batchSchema.parse(body).map(translate);
    let replies: Array<[Error | null, unknown]> | null;
    try {
      replies = kind === 'pipeline' ? await client.pipeline(commands).exec() : await client.multi(commands).exec();
    } catch (error) {
      // EXECABORT: a queued command was rejected, so the REST API fails the whole transaction.
      if (isReplyError(error)) throw new errors.UpstashError(error.message);
      throw error;
    }
    if (!replies) throw new errors.UpstashError(`${kind} was aborted`);
    return replies.map(([error, reply], i): Reply => {
      if (!error) return { result: normalize(commands[i]!, reply) };
      if (isReplyError(error)) return { error: error.message };
      throw error;
    });
  }

  return {
    client,
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const kind = req.path?.[0];
      if (kind === 'pipeline' || kind === 'multi-exec') {
        // The Requester type promises one response, but Pipeline.exec expects the REST API's array.
        return (await batch(kind, req.body)) as unknown as UpstashResponse<TResult>;
      }
      if (kind !== undefined) throw new errors.UpstashError(`Unsupported REST path: /${req.path?.join('/')}`);
      return (await single(req.body)) as UpstashResponse<TResult>;
    },
    async close() {
      // quit() on a never-connected lazy client would connect first just to say goodbye.
      if (client.status === 'wait' || client.status === 'end') {
        client.disconnect();
        return;
      }
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
