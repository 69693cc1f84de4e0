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
  const { startPlatform } = await import('./lib/platform/startup');
  await startPlatform();
}
