import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { ExportManifest } from '@/lib/privacy/export-manifest';
import type { FileStorage } from '@/lib/storage';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every entry of a zip, by name (fine for test-sized exports). */
export async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    archive.on('error', reject);
    archive.on('end', resolve);
    archive.on('entry', (entry: yauzl.Entry) => {
      archive.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        bytesOf(stream).then((bytes) => {
          entries.set(entry.fileName, bytes);
          archive.readEntry();
        }, reject);
      });
    });
    archive.readEntry();
  });
  return entries;
}

export type ReadExport = { zip: Buffer; entries: Map<string, Buffer>; manifest: ExportManifest; ndjson(table: string): Record<string, unknown>[] };

export async function readExport(store: FileStorage, key: string): Promise<ReadExport> {
  const object = await store.get(key);
  if (!object) throw new Error(`no export at ${key}`);
  const zip = await bytesOf(object.body);
  const entries = await unzip(zip);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as ExportManifest;
  return {
    zip,
    entries,
    manifest,
    ndjson: (table) =>
      entries
        .get(`tables/${table}.ndjson`)!
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
