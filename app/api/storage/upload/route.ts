import { getLogger } from '@/lib/observability/logger';
import { measured } from '@/lib/observability/measured-route';
import { errorBody } from '@/lib/errors/app-error';
import { storage } from '@/lib/storage';
import { receiveSignedUpload } from '@/lib/storage/local-routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Signed uploads to the local storage backend, streamed to disk. middleware.ts skips this path
 * (its body copy would cut large uploads at 5 MiB); the signed byte limit is enforced here instead.
 */
export const PUT = measured('/api/storage/upload', async (request: Request) => {
  try {
    return await receiveSignedUpload(request, storage());
  } catch (error) {
    getLogger({ module: 'storage' }).error({ err: error }, 'signed upload failed');
    return Response.json(errorBody('internal', 'The upload could not be stored. Try again shortly.'), { status: 500 });
  }
});
