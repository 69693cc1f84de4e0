import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { FileStorage } from '@/lib/storage';

export type StoredZip = { bytes: number; sha256: string };

/**
 * A zip streamed straight into storage as it is built: nothing holds the whole file. The bytes
 * are counted and hashed on the way, so the stored object's size and SHA-256 come for free.
 */
export class ZipSink {
  readonly zip = new ZipFile();
  private readonly counter: Transform;
  private readonly stored: Promise<StoredZip>;
  /** Rejects when storage gives up; every wait on backpressure races it, so a failed put never hangs the writer. */
  readonly failure: Promise<never>;

  constructor(store: FileStorage, key: string, filename: string) {
    const hash = createHash('sha256');
    let bytes = 0;
    this.counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const output = this.zip.outputStream as Readable;
    // Any failure reaches the writer through `stored` (storage rejects once its body errors);
    // these listeners only keep an error event from becoming an uncaught exception.
    this.zip.on('error', (error: Error) => this.counter.destroy(error));
    output.on('error', (error) => this.counter.destroy(error));
    this.counter.on('error', () => {});
    output.pipe(this.counter);
    this.stored = store.put(key, this.counter, { contentType: 'application/zip', filename }).then(() => ({ bytes, sha256: hash.digest('hex') }));
    this.failure = this.stored.then(() => new Promise<never>(() => {}));
    // Observed here so an abort before anyone awaits isn't an unhandled rejection.
    this.failure.catch(() => {});
  }

  /** Waits for `stream` to drain, unless storage fails first. */
  async drained(stream: Writable): Promise<void> {
    await Promise.race([once(stream, 'drain'), this.failure]);
  }

  /** Writes with backpressure. */
  async write(stream: Writable, chunk: Buffer | string): Promise<void> {
    if (!stream.write(chunk)) await this.drained(stream);
  }

  /** Ends the zip and waits until storage has the whole object. */
  async finish(): Promise<StoredZip> {
    this.zip.end();
    return this.stored;
  }

  /** Stops the upload: storage discards the partial object. */
  abort(error: Error): void {
    this.counter.destroy(error);
  }
}

/**
 * Builds one zip into storage at `key`: `fill` adds the entries, given the sink and a scratch
 * directory (removed afterwards). The upload is aborted if `fill` throws, so storage never keeps
 * a partial object; the stored size and SHA-256 come back with what `fill` returned.
 */
export async function writeZip<T>(
  store: FileStorage,
  key: string,
  filename: string,
  fill: (sink: ZipSink, scratch: string) => Promise<T>,
): Promise<StoredZip & { result: T }> {
  const sink = new ZipSink(store, key, filename);
  const scratch = await mkdtemp(path.join(tmpdir(), 'tessera-export-'));
  try {
    const result = await fill(sink, scratch);
    return { ...(await sink.finish()), result };
  } catch (error) {
    sink.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
