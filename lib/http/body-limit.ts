/**
 * Request body limits, counted in bytes as the body streams: `Content-Length` is only a hint (a
 * chunked body has none) and never the decision.
 */

/**
 * Server actions and form posts to pages. next.config.mjs sets Next's own
 * `serverActions.bodySizeLimit` above this, so middleware answers 413 first (Next's check answers 500).
 */
export const ACTION_BODY_LIMIT_BYTES = 1_048_576;

/**
 * Next hands middleware a copy of the body cut at `proxyClientMaxBodySize` (next.config.mjs):
 * every limit here stays below it, so a cut body always reads as too large, never as complete.
 */
export const PROXY_BODY_CLONE_BYTES = 5 * 1_048_576;

export type BodyCount = { withinLimit: boolean; bytes: number };

/**
 * Reads `body` to its end, or until it passes `limit` bytes (then stops reading and cancels).
 * Nothing is kept: Next buffers its own copy for the route handler or action.
 */
export async function countBodyBytes(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyCount> {
  if (!body) return { withinLimit: true, bytes: 0 };
  const reader = body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { withinLimit: true, bytes };
      bytes += value.byteLength;
      if (bytes > limit) {
        await reader.cancel().catch(() => {});
        return { withinLimit: false, bytes };
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/** The body limit for a request, or null when it carries no body to check. */
export function bodyLimitFor(
  { method, pathname }: { method: string; pathname: string },
  apiLimit: number,
): number | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  return pathname.startsWith('/api/') ? apiLimit : ACTION_BODY_LIMIT_BYTES;
}

export function declaredLengthExceeds(contentLength: string | null, limit: number): boolean {
  if (!contentLength) return false;
  const size = Number(contentLength);
  return Number.isFinite(size) && size > limit;
}

/**
 * Checks a request body against `limit`: the declared length first (refused without reading),
 * then the bytes themselves.
 */
export async function bodyExceedsLimit(request: Request, limit: number): Promise<boolean> {
  if (declaredLengthExceeds(request.headers.get('content-length'), limit)) return true;
  const { withinLimit } = await countBodyBytes(request.body, limit);
  return !withinLimit;
}
