// Next's start-up hook. Not during `next build`: no database access while building (STACK-NOTES).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // First, before start-up work: the client IP of `next start` is the socket address (lib/http/client-ip).
  const { installPeerAddressStamp } = await import('./lib/http/peer-stamp');
  installPeerAddressStamp();
  // In front of the stamp: past the process's capacity a request is refused before any work.
  const { installLoadShedding } = await import('./lib/http/load-shed');
  installLoadShedding();
  // Outermost, so refused requests get their line too.
  const { installRequestLog } = await import('./lib/observability/request-log');
  installRequestLog();
  const { startPlatform } = await import('./lib/platform/startup');
  await startPlatform();
}

/** Errors Next catches while rendering or in a route handler, as JSON lines with the request id and cause chain. */
export async function onRequestError(
  error: unknown,
  request: Readonly<{ path: string; method: string; headers: NodeJS.Dict<string | string[]> }>,
  context: Readonly<{ routePath: string; routeType: string }>,
) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logRequestError } = await import('./lib/observability/request-error');
  logRequestError(error, request, context);
}
