import { getLogger } from '@/lib/observability/logger';
import { measured } from '@/lib/observability/measured-route';
import { errorBody } from '@/lib/errors/app-error';
import { storage } from '@/lib/storage';
import { serveSignedDownload } from '@/lib/storage/local-routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Signed, expiring downloads from the local storage backend (lib/storage/local-routes.ts). */
export const GET = measured('/api/storage/download', async (request: Request) => {
  try {
    return await serveSignedDownload(request, storage());
  } catch (error) {
    getLogger({ module: 'storage' }).error({ err: error }, 'signed download failed');
    return Response.json(errorBody('internal', 'The file could not be read. Try again shortly.'), { status: 500 });
  }
});
