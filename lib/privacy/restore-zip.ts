import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { z } from 'zod';
import type { FileStorage } from '@/lib/storage';
import type { ExportManifest } from './export-manifest';
import { RestoreRefused } from './restore-report';

/**
 * The zip a restore reads, opened from storage: copied to a scratch file first (a zip's
 * directory is at its end, so it needs random access), then read entry by entry as streams, as
 * often as needed — nothing holds a whole table in memory.
 */
const manifestSchema = z.object({
  format: z.literal('tessera-export'),
  version: z.literal(1),
  kind: z.literal('workspace'),
  exportedAt: z.string().min(1),
  schema: z.string().min(1),
  workspace: z.object({ id: z.string().min(1), name: z.string().min(1), slug: z.string().min(1) }),
  tables: z.array(
    z.object({
      name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
      rows: z.number().int().nonnegative(),
      columns: z.array(z.object({ name: z.string().min(1), type: z.string().min(1) })),
      excluded: z.array(z.string()),
      files: z.object({ ndjson: z.string().min(1), csv: z.string().min(1) }),
      sha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
      sums: z.record(z.string(), z.string().regex(/^-?\d+(\.\d+)?$/)),
    }),
  ),
});

export type RestoreZip = {
  manifest: ExportManifest;
  /** SHA-256 of the whole zip as stored. */
  sha256: string;
  bytes: number;
  has(name: string): boolean;
  /** The entry's bytes, decompressed. */
  open(name: string): Promise<Readable>;
  close(): Promise<void>;
};

function openZipFile(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))));
}

function readEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('error', reject);
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.readEntry();
  });
}

async function text(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Opens and checks the container and its manifest; refuses with not_a_zip, manifest_missing or manifest_invalid. */
export async function openRestoreZip(store: FileStorage, key: string): Promise<RestoreZip> {
  const object = await store.get(key);
  if (!object) throw new RestoreRefused([{ problem: 'source_missing', message: 'The zip to restore is no longer in storage.' }]);
  const scratch = await mkdtemp(path.join(tmpdir(), 'tessera-restore-'));
  const file = path.join(scratch, 'source.zip');
  const hash = createHash('sha256');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  let zip: yauzl.ZipFile | null = null;
  const close = async () => {
    zip?.close();
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    await pipeline(object.body, counter, createWriteStream(file));
    let entries: Map<string, yauzl.Entry>;
    try {
      zip = await openZipFile(file);
      entries = await readEntries(zip);
    } catch {
      throw new RestoreRefused([{ problem: 'not_a_zip', message: 'The file is not a zip archive (or it is damaged).' }]);
    }
    const opened = zip;
    const open = (name: string) =>
      new Promise<Readable>((resolve, reject) => {
        const entry = entries.get(name);
        if (!entry) return reject(new Error(`no entry ${name}`));
        opened.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
      });
    if (!entries.has('manifest.json')) {
      throw new RestoreRefused([{ file: 'manifest.json', problem: 'manifest_missing', message: 'The zip has no manifest.json: it is not a Tessera export.' }]);
    }
    let parsed: z.infer<typeof manifestSchema>;
    try {
      const result = manifestSchema.safeParse(JSON.parse(await text(await open('manifest.json'), 64 * 1024 * 1024)));
      if (!result.success) {
        const first = result.error.issues[0];
        throw new RestoreRefused([
          { file: 'manifest.json', problem: 'manifest_invalid', message: `manifest.json is not a Tessera workspace export manifest (${first?.path.join('.') || 'root'}: ${first?.message}).` },
        ]);
      }
      parsed = result.data;
    } catch (error) {
      if (error instanceof RestoreRefused) throw error;
      throw new RestoreRefused([{ file: 'manifest.json', problem: 'manifest_invalid', message: 'manifest.json is not valid JSON.' }]);
    }
    return { manifest: parsed as ExportManifest, sha256: hash.digest('hex'), bytes, has: (name) => entries.has(name), open, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Reads an entry line by line, hashing its bytes on the way: `onLine` sees each non-empty line;
 * the result is the SHA-256 of the raw bytes and the number of lines.
 */
export async function readLines(stream: Readable, onLine: (line: string, index: number) => Promise<void> | void): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  stream.on('data', (chunk: Buffer) => hash.update(chunk));
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let lines = 0;
  for await (const line of reader) {
    if (line === '') continue;
    await onLine(line, lines);
    lines++;
  }
  return { sha256: hash.digest('hex'), lines };
}

/** Hashes an entry without reading it as lines (the CSV twin of each table). */
export async function hashEntry(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
