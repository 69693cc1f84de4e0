import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { errorBody, type AppErrorCode } from '@/lib/errors/app-error';
import { contentDisposition } from './content-disposition';
import { LocalFileStorage, UploadSizeMismatchError, UploadTooLargeError } from './local';
import { verifyDownloadLink, verifyUploadLink } from './signed-links';
import type { FileStorage } from './types';

/**
 * The local backend's two signed routes (app/api/storage/{download,upload}). No session: the
 * signature is the authorisation, and it names one key, one expiry and, for uploads, the size
 * limit and content type. With S3 configured both answer 404: presigned URLs go to the bucket.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

function refuse(status: number, code: AppErrorCode, message: string): Response {
  return Response.json(errorBody(code, message), { status, headers: NO_STORE });
}

// By the backend's name, not instanceof: the store is a process-wide singleton on globalThis,
// and a production build can load this module and the one that made the store in different
// chunks, each with its own copy of the class.
function localStore(store: FileStorage): LocalFileStorage | null {
  return store.backend === 'local' ? (store as LocalFileStorage) : null;
}

export async function serveSignedDownload(request: Request, store: FileStorage): Promise<Response> {
  const local = localStore(store);
  if (!local) return refuse(404, 'not_found', 'Downloads are served by the storage bucket.');
  const verdict = verifyDownloadLink(new URL(request.url));
  if (!verdict.ok) return refuse(verdict.status, verdict.code, verdict.message);
  const { key, filename } = verdict.grant;
  const found = await local.headWithMeta(key);
  const opened = found ? await local.get(key) : null;
  if (!found || !opened) return refuse(404, 'not_found', 'This file no longer exists.');
  const name = filename ?? found.filename ?? key.slice(key.lastIndexOf('/') + 1);
  return new Response(Readable.toWeb(opened.body) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      ...NO_STORE,
      'Content-Type': found.contentType ?? 'application/octet-stream',
      // Next 16's sendResponse drops Content-Length from route handler responses under `next start`
      // (it answers chunked); set anyway for every other way this handler is served or called.
      'Content-Length': String(opened.object.size),
      'Content-Disposition': contentDisposition(name),
    },
  });
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** `type/subtype` without parameters, or undefined for a missing or malformed header. */
function mediaType(header: string | null): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type && MEDIA_TYPE.test(type) ? type : undefined;
}

export async function receiveSignedUpload(request: Request, store: FileStorage): Promise<Response> {
  const local = localStore(store);
  if (!local) return refuse(404, 'not_found', 'Uploads go straight to the storage bucket.');
  const verdict = verifyUploadLink(new URL(request.url));
  if (!verdict.ok) return refuse(verdict.status, verdict.code, verdict.message);
  const { key, maxBytes, contentType, size } = verdict.grant;

  const sentType = mediaType(request.headers.get('content-type'));
  if (contentType !== undefined && sentType !== mediaType(contentType)) {
    return refuse(400, 'bad_request', `This upload must be sent as ${contentType}.`);
  }
  // The announced length only refuses early; the bytes themselves are counted as they stream.
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    return refuse(413, 'payload_too_large', `Uploads here are limited to ${maxBytes} bytes.`);
  }
  if (size !== undefined && declared !== null && Number(declared) !== size) {
    return refuse(400, 'bad_request', `This upload must be exactly ${size} bytes.`);
  }
  if (!request.body) return refuse(400, 'bad_request', 'The upload has no body.');

  try {
    const stored = await local.write(
      key,
      Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>),
      { ...((contentType ?? sentType) ? { contentType: contentType ?? sentType } : {}) },
      { maxBytes, ...(size !== undefined ? { exactBytes: size } : {}) },
    );
    return Response.json({ key: stored.key, size: stored.size }, { status: 201, headers: NO_STORE });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return refuse(413, 'payload_too_large', `Uploads here are limited to ${maxBytes} bytes.`);
    if (error instanceof UploadSizeMismatchError) return refuse(400, 'bad_request', error.message);
    throw error;
  }
}
