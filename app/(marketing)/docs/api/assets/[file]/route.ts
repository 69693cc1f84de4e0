import { readFile } from 'node:fs/promises';
import path from 'node:path';

// The reference page's renderer (Swagger UI) is served from the installed package, so /docs/api
// works offline and under the app's CSP ('self' plus nonce): no CDN. Only these two files.
const FILES = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;

// Resolved from the working directory, as the migrations folder is: the bundler would turn a
// require.resolve into a module id.
const packageDir = path.join(process.cwd(), 'node_modules', 'swagger-ui-dist');
const cache = new Map<string, Buffer>();

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  if (!Object.hasOwn(FILES, file)) return new Response('Not found', { status: 404 });
  let body = cache.get(file);
  if (!body) {
    body = await readFile(path.join(packageDir, file));
    cache.set(file, body);
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': FILES[file as keyof typeof FILES],
      // The URL carries no version, so a day rather than immutable: an upgrade shows within a day.
      'Cache-Control': 'public, max-age=86400',
    },
  });
}
