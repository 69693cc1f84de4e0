/** manifest.json of a workspace export: what is in the zip and how to check it. */
export type ManifestTable = {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
  /** Columns left out on purpose (keys, token hashes, sealed secrets). */
  excluded: string[];
  files: { ndjson: string; csv: string };
  /** SHA-256 (hex) of each file's bytes, by path in the zip. */
  sha256: Record<string, string>;
  /** The sum of each integer and numeric column over the exported rows, as a decimal string. */
  sums: Record<string, string>;
};

export type ExportManifest = {
  format: 'tessera-export';
  version: 1;
  kind: 'workspace';
  exportedAt: string;
  /** The database migration the data was read under. */
  schema: string;
  workspace: { id: string; name: string; slug: string };
  tables: ManifestTable[];
};

export function tableFiles(table: string): { ndjson: string; csv: string } {
  return { ndjson: `tables/${table}.ndjson`, csv: `tables/${table}.csv` };
}

export function exportReadme(manifest: Pick<ExportManifest, 'exportedAt' | 'schema' | 'workspace'>): string {
  return `# Tessera workspace export

Workspace: ${manifest.workspace.name} (${manifest.workspace.slug}, id ${manifest.workspace.id})
Exported at: ${manifest.exportedAt} (UTC)
Schema: ${manifest.schema}

This archive holds every row Tessera stores for the workspace, one table per pair of files.

## Files

- \`manifest.json\` lists every table with its row count, its columns and their SQL types, the
  columns left out, the SHA-256 of each file and the sum of each integer and numeric column.
- \`tables/<table>.ndjson\` has one JSON object per line, one line per row. This is the exact form:
  - bigint and numeric values are strings (\`"12345678901234567890"\`, \`"0.00000001"\`), so no
    precision is lost to floating point;
  - timestamps are ISO-8601 in UTC (\`2026-01-31T09:30:00.123456+00:00\`), dates \`YYYY-MM-DD\`;
  - json columns are JSON values, arrays are JSON arrays, missing values are \`null\`.
- \`tables/<table>.csv\` has the same rows for spreadsheets: a header row, then one line per row
  (RFC 4180 quoting). Arrays and json columns are JSON text. An empty field is a missing value
  (CSV cannot tell an empty string from a missing one; the NDJSON file can).
- \`tables/workspaces.*\` is the workspace itself; every other table's \`tenant_id\` is its id.
  Rows reference each other by id; the tables are listed parents first.

Money is stored as integer minor units (e.g. cents) beside a three-letter currency code.

Some columns are never exported because they would let the holder act as the workspace: API key
hashes, invitation token hashes and sealed webhook signing secrets. Each table's \`excluded\`
entry in the manifest names them. The audit log's \`hash\` and \`prev_hash\` are included: each
row's hash covers the row and the previous row's hash, so the chain shows whether any entry was
changed or removed.

## Verifying

1. Check each file against \`sha256\` in the manifest, e.g. \`sha256sum tables/*\`.
2. Count the lines of each \`.ndjson\` file (\`wc -l\`): it equals the table's \`rows\`. The CSV file
   has the same rows plus its header (a value may span lines inside quotes).
3. Sum a column (parsing the strings as decimals, not floats) and compare it with \`sums\`.

The rows were read in short batches while the workspace stayed in use, so a row changed during
the export may appear as it was before or after the change. The files and the manifest always
agree with each other.
`;
}
