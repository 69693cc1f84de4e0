import type { ProblemList } from './restore-report';
import { hashEntry, readLines, type RestoreZip } from './restore-zip';

/**
 * Every check that needs no database write, before the restore's transaction opens: the schema is
 * one this installation knows (checkSchema), every listed file is there with the SHA-256 the manifest gives,
 * each NDJSON file has the manifest's row count and only JSON objects with the manifest's columns.
 * Streams each file once.
 */
export function checkSchema(zip: RestoreZip, knownSchemas: readonly string[], problems: ProblemList): void {
  if (!knownSchemas.includes(zip.manifest.schema)) {
    problems.add({
      problem: 'schema_newer',
      message: `The export was written by a newer version of Tessera (schema ${zip.manifest.schema}); update this installation first. Newest known here: ${knownSchemas.at(-1)}.`,
    });
  }
}

/** The files: present, with their SHA-256, row counts and row shapes. */
export async function validateFiles(zip: RestoreZip, problems: ProblemList): Promise<void> {
  const { manifest } = zip;
  for (const table of manifest.tables) {
    if (problems.full) return;
    for (const file of [table.files.ndjson, table.files.csv]) {
      if (!zip.has(file)) {
        problems.add({ file, table: table.name, problem: 'file_missing', message: `${file} is listed in the manifest but not in the zip.` });
        continue;
      }
      if (!table.sha256[file]) problems.add({ file, table: table.name, problem: 'manifest_invalid', message: `The manifest gives no SHA-256 for ${file}.` });
    }
    if (!zip.has(table.files.ndjson)) continue;
    const columns = table.columns.map((c) => c.name);
    let bad = 0;
    const read = await readLines(await zip.open(table.files.ndjson), (line, index) => {
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        row = undefined;
      }
      const ok = row !== null && typeof row === 'object' && !Array.isArray(row);
      const keys = ok ? Object.keys(row as object) : [];
      if (!ok || keys.length !== columns.length || !columns.every((c) => Object.hasOwn(row as object, c))) {
        if (bad++ === 0) {
          problems.add({ file: table.files.ndjson, table: table.name, problem: 'bad_value', message: `Line ${index + 1} of ${table.files.ndjson} is not a row with the manifest's columns.` });
        }
      }
    });
    if (table.sha256[table.files.ndjson] && read.sha256 !== table.sha256[table.files.ndjson]) {
      problems.add({ file: table.files.ndjson, table: table.name, problem: 'sha256_mismatch', message: `${table.files.ndjson} does not match its SHA-256 in the manifest: it was changed or damaged.` });
    }
    if (read.lines !== table.rows) {
      problems.add({ file: table.files.ndjson, table: table.name, problem: 'row_count_mismatch', message: `${table.files.ndjson} has ${read.lines} rows; the manifest says ${table.rows}.` });
    }
    if (zip.has(table.files.csv) && table.sha256[table.files.csv]) {
      const csv = await hashEntry(await zip.open(table.files.csv));
      if (csv !== table.sha256[table.files.csv]) {
        problems.add({ file: table.files.csv, table: table.name, problem: 'sha256_mismatch', message: `${table.files.csv} does not match its SHA-256 in the manifest: it was changed or damaged.` });
      }
    }
  }
}
