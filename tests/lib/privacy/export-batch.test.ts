import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { readExportBatch, type ExportBatch } from '@/db/export-batch';
import type { ExportColumn, ExportTable } from '@/db/export-catalog';
import { withSystem } from '@/db/tenant';

// A temporary table (pg_temp, not public), so no other test file's catalog ever sees it: the
// types no tenant table has yet (numeric, numeric[], bigint[]), awkward text, and a two-column key.
const columns: ExportColumn[] = [
  { name: 'tenant_id', type: 'uuid', kind: 'other' },
  { name: 'part', type: 'integer', kind: 'integer' },
  { name: 'seq', type: 'bigint', kind: 'bigint' },
  { name: 'price', type: 'numeric(38,18)', kind: 'numeric' },
  { name: 'prices', type: 'numeric[]', kind: 'numeric[]' },
  { name: 'counts', type: 'bigint[]', kind: 'bigint[]' },
  { name: 'tags', type: 'text[]', kind: 'array' },
  { name: 'doc', type: 'jsonb', kind: 'json' },
  { name: 'day', type: 'date', kind: 'other' },
  { name: 'at', type: 'timestamp with time zone', kind: 'timestamptz' },
  { name: 'note', type: 'text', kind: 'other' },
];
const table: ExportTable = { name: 'export_batch_probe', tenantColumn: 'tenant_id', primaryKey: ['part', 'seq'], columns };

describe('readExportBatch', () => {
  it('encodes every value in SQL, pages on a composite key and sums numeric exactly', async () => {
    const tenant = randomUUID();
    const other = randomUUID();
    const pages = await withSystem('test: export batch probe', async (tx) => {
      await tx.execute(sql.raw(`create temp table export_batch_probe (
        tenant_id uuid not null, part integer not null, seq bigint not null, price numeric(38,18), prices numeric[],
        counts bigint[], tags text[], doc jsonb, day date, at timestamptz, note text, primary key (part, seq)) on commit drop`));
      // A session zone other than UTC: the page must still write UTC.
      await tx.execute(sql`select set_config('TimeZone', 'Asia/Riyadh', true)`);
      await tx.execute(sql`
        insert into export_batch_probe values
          (${tenant}, 1, 9007199254740993, 12345678901234567890.123456789012345678, '{0.1,0.2}', '{9007199254740993,1}', '{a,"b,c"}',
           '{"n": 1, "s": "x"}', '2026-02-28', '2026-03-01 02:30:00+03', 'said "hi"' || chr(10) || 'twice'),
          (${tenant}, 1, 2, 0.000000000000000001, null, null, '{}', 'null', null, null, null),
          (${tenant}, 2, 1, -1, null, null, null, '[1,2]', null, null, ''),
          (${other}, 1, 3, 1000, null, null, null, null, null, null, 'theirs')`);
      const read: ExportBatch[] = [];
      let after: string[] | null = null;
      let sums = [{ column: 'part', total: '0' }, { column: 'seq', total: '0' }, { column: 'price', total: '0' }];
      for (;;) {
        const page = await readExportBatch(tx, { table, columns, sums, tenantId: tenant, after, limit: 2 });
        if (!page.lines.length) break;
        read.push(page);
        after = page.last;
        sums = sums.map((s, i) => ({ ...s, total: page.sums[i]! }));
      }
      return read;
    });

    expect(pages.map((p) => p.lines.length)).toEqual([2, 1]);
    expect(pages[0]!.last).toEqual(['1', '9007199254740993']);
    const rows = pages.flatMap((p) => p.lines).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => [r.part, r.seq])).toEqual([
      [1, '2'],
      [1, '9007199254740993'],
      [2, '1'],
    ]);
    expect(rows[1]).toEqual({
      tenant_id: tenant,
      part: 1,
      seq: '9007199254740993',
      price: '12345678901234567890.123456789012345678',
      prices: ['0.1', '0.2'],
      counts: ['9007199254740993', '1'],
      tags: ['a', 'b,c'],
      doc: { n: 1, s: 'x' },
      day: '2026-02-28',
      at: '2026-02-28T23:30:00+00:00',
      note: 'said "hi"\ntwice',
    });
    expect(rows[0]).toMatchObject({ price: '0.000000000000000001', prices: null, doc: null, at: null });
    expect(rows[2]).toMatchObject({ price: '-1.000000000000000000', doc: [1, 2], note: '' });

    // Running sums carried across pages, as decimal strings; the other tenant's row is not in them.
    expect(pages.at(-1)!.sums).toEqual(['4', '9007199254740996', '12345678901234567889.123456789012345679']);

    // CSV fields are text (arrays and json as JSON text); NULL stays null for the writer to leave empty.
    expect(pages[0]!.csv[1]).toEqual([
      tenant,
      '1',
      '9007199254740993',
      '12345678901234567890.123456789012345678',
      '["0.1","0.2"]',
      '["9007199254740993","1"]',
      '["a","b,c"]',
      '{"n": 1, "s": "x"}',
      '2026-02-28',
      '2026-02-28T23:30:00+00:00',
      'said "hi"\ntwice',
    ]);
    expect(pages[0]!.csv[0]![5]).toBeNull();
  });
});
