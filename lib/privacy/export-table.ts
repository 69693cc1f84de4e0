import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { isSummable, readExportBatch } from '@/db/export-batch';
import type { ExportTable } from '@/db/export-catalog';
import { withTenant, type TenantContext } from '@/db/tenant';
import { tableFiles, type ManifestTable } from './export-manifest';
import { isSecretColumn } from './secret-columns';
import type { ZipSink } from './zip-sink';

export const DEFAULT_BATCH_ROWS = 2_000;

export type TableExportOptions = {
  ctx: TenantContext;
  sink: ZipSink;
  /** A directory for this export's scratch files (one CSV at a time). */
  scratch: string;
  mtime: Date;
  batchRows: number;
  /** A folder in the zip the files go under (an account export nests each owned workspace); the manifest's paths stay relative to it. */
  folder?: string;
};

/**
 * One table into the zip: the NDJSON entry streams into the zip as pages arrive; the CSV, built
 * from the same pages in the same pass, waits in a scratch file until the NDJSON entry is done
 * (a zip's entries follow one another), so both files hold exactly the same rows. Each page is
 * its own short transaction; nothing holds more than a page in memory.
 */
export async function exportTable(table: ExportTable, options: TableExportOptions): Promise<ManifestTable> {
  const { ctx, sink, scratch, mtime, batchRows } = options;
  const files = tableFiles(table.name);
  const folder = options.folder ?? '';
  const columns = table.columns.filter((c) => !isSecretColumn(table.name, c.name));
  const excluded = table.columns.filter((c) => isSecretColumn(table.name, c.name)).map((c) => c.name);
  let sums = columns.filter(isSummable).map((c) => ({ column: c.name, total: '0' }));

  const ndjson = new PassThrough({ highWaterMark: 1024 * 1024 });
  sink.zip.addReadStream(ndjson, folder + files.ndjson, { mtime });
  const csvPath = path.join(scratch, `${folder.replace(/\W/g, '_')}${table.name}.csv`);
  const csv = createWriteStream(csvPath);
  // A scratch-disk failure (full, gone) surfaces at the next wait instead of as an uncaught error.
  let csvError: Error | null = null;
  csv.on('error', (error) => {
    csvError = error;
  });
  const csvFailed = new Promise<never>((_, reject) => csv.once('error', reject));
  csvFailed.catch(() => {});
  const ndjsonHash = createHash('sha256');
  const csvHash = createHash('sha256');
  const header = stringify([columns.map((c) => c.name)]);
  csvHash.update(header);
  csv.write(header);

  let rows = 0;
  let after: string[] | null = null;
  try {
    for (;;) {
      const batch = await withTenant(ctx, (tx) => readExportBatch(tx, { table, columns, sums, tenantId: ctx.tenantId, after, limit: batchRows }), {
        readOnly: true,
      });
      if (!batch.lines.length) break;
      rows += batch.lines.length;
      sums = sums.map((s, i) => ({ column: s.column, total: batch.sums[i]! }));
      after = batch.last;
      const lines = Buffer.from(batch.lines.join('\n') + '\n');
      ndjsonHash.update(lines);
      const csvText = Buffer.from(stringify(batch.csv));
      csvHash.update(csvText);
      await Promise.all([sink.write(ndjson, lines), csv.write(csvText) ? undefined : Promise.race([once(csv, 'drain'), csvFailed, sink.failure])]);
      if (batch.lines.length < batchRows) break;
    }
  } catch (error) {
    csv.destroy();
    ndjson.destroy(error as Error);
    throw error;
  }
  csv.end();
  await once(csv, 'close');
  if (csvError) {
    ndjson.destroy(csvError);
    throw csvError;
  }
  ndjson.end();
  const reader = createReadStream(csvPath);
  reader.once('close', () => void rm(csvPath, { force: true }));
  sink.zip.addReadStream(reader, folder + files.csv, { mtime });

  return {
    name: table.name,
    rows,
    columns: columns.map(({ name, type }) => ({ name, type })),
    excluded,
    files,
    sha256: { [files.ndjson]: ndjsonHash.digest('hex'), [files.csv]: csvHash.digest('hex') },
    sums: Object.fromEntries(sums.map((s) => [s.column, s.total])),
  };
}
