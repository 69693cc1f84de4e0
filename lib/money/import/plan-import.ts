import { and, between, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { moneyImportBatches, moneyImports, moneyTransactions } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { getAccount, type MoneyAccount } from '../accounts';
import type { Mapping } from './csv';
import { contentHash, fileHash, globalHash } from './fingerprint';
import { applyImportRules, loadImportRules, type ImportRules, type RuledFields } from './import-rules';
import { readBankFile } from './read-bank-file';
import type { ImportFormat, ParsedRow, ParsedStatement, RowProblem } from './statement';

// The preview of an import, and what its commit writes: the file read, each row judged against
// what the account already holds. Run again inside the commit's transaction, so what is written
// never rests on a preview the client kept.
//
// De-duplication, the original app's rules: a row whose content hash the account already holds
// is a duplicate — counted, so two identical coffees on one day in the file stay two when only
// one was imported before; the bank's own id (FITID) already on the account is a duplicate
// whatever the text; the global hash alone on another account imports with a cross-account
// warning; the same date and amount with other text is a possible duplicate for the person.
// Files uploaded together (one group) also treat the same date, amount and bank id as one
// transaction across the group's files, whichever account each went into (the reference's batch
// rule). Every row then goes through the workspace's aliases and rules (import-rules.ts).

export type RowVerdict = 'new' | 'duplicate' | 'possible_duplicate';

export type PlannedRow = ParsedRow & {
  contentHash: string;
  globalHash: string;
  verdict: RowVerdict;
  /** Why a duplicate: the same content already imported, the bank's id already seen, or another file of the same upload. */
  duplicateBy: 'content' | 'reference' | 'batch' | null;
  /** The same transaction (by its global hash) is on another account. */
  crossAccount: boolean;
  /** What the aliases and rules made of it. */
  rules: RuledFields;
};

export type BalanceCheck = {
  stated: { amountMinor: bigint; on: string };
  /** What the file's opening balance plus its rows come to, or else the account's balance after the import. */
  computedMinor: bigint;
  basis: 'file' | 'account';
  matches: boolean;
};

export type ImportPlan = {
  format: ImportFormat;
  preset: string | null;
  fileName: string;
  fileHash: string;
  sizeBytes: number;
  account: Pick<MoneyAccount, 'id' | 'name' | 'currency'>;
  /** A batch of these same bytes already standing on the account: committing adds nothing. */
  alreadyImportedBatchId: string | null;
  statementCount: number;
  statementIndex: number;
  rows: PlannedRow[];
  problems: RowProblem[];
  notes: string[];
  counts: {
    rows: number;
    new: number;
    duplicate: number;
    possibleDuplicate: number;
    crossAccount: number;
    problems: number;
    /** Rows a rule said not to import. */
    skippedByRule: number;
    /** Rows an alias or a rule matched. */
    ruled: number;
  };
  /** Names of the rules and aliases that matched, by id. */
  ruleNames: Record<string, string>;
  balance: BalanceCheck | null;
};

export type PlanInput = {
  accountId: string;
  fileName: string;
  bytes: Uint8Array;
  mapping?: Mapping;
  /** Which statement of a multi-account file (OFX, QIF, CAMT, MT940) goes into this account. */
  statementIndex?: number;
  qifDateOrder?: 'mdy' | 'dmy';
  /** The upload this file came with (money_imports.group_id): the batch de-duplication looks at its other files. */
  groupId?: string | null;
  /** Rules already loaded for a whole import (the commit reuses the preview's). */
  rules?: ImportRules;
};

export async function planImport(tx: Tx, input: PlanInput): Promise<ImportPlan> {
  const account = await getAccount(tx, input.accountId);
  const parsed = readBankFile(input.bytes, { mapping: input.mapping, currency: account.currency, qifDateOrder: input.qifDateOrder });
  const { statement, index } = pickStatement(parsed.statements, account, input.statementIndex);
  if (statement.currency !== account.currency) {
    throw new AppError('validation_failed', `This statement is in ${statement.currency}, the account ${account.name} in ${account.currency}. Import it into an account in ${statement.currency}.`);
  }
  const hash = fileHash(input.bytes);
  const [standing] = await tx
    .select({ id: moneyImportBatches.id })
    .from(moneyImportBatches)
    .where(and(eq(moneyImportBatches.accountId, account.id), eq(moneyImportBatches.fileHash, hash), ne(moneyImportBatches.status, 'rolled_back')));

  const rules = input.rules ?? (await loadImportRules(tx));
  const rows = await judgeRows(tx, account, statement.rows, rules, await groupKeys(tx, input.groupId ?? null, statement.rows));
  const count = (verdict: RowVerdict) => rows.filter((row) => row.verdict === verdict).length;
  const ruleNames: Record<string, string> = {};
  for (const row of rows) for (const id of [...row.rules.ruleIds, ...(row.rules.aliasId ? [row.rules.aliasId] : [])]) ruleNames[id] ??= rules.names.get(id) ?? id;
  return {
    format: parsed.format,
    preset: parsed.preset,
    fileName: input.fileName,
    fileHash: hash,
    sizeBytes: input.bytes.byteLength,
    account: { id: account.id, name: account.name, currency: account.currency },
    alreadyImportedBatchId: standing?.id ?? null,
    statementCount: parsed.statements.length,
    statementIndex: index,
    rows,
    problems: parsed.problems,
    notes: parsed.notes,
    counts: {
      rows: rows.length,
      new: count('new'),
      duplicate: count('duplicate'),
      possibleDuplicate: count('possible_duplicate'),
      crossAccount: rows.filter((row) => row.crossAccount).length,
      problems: parsed.problems.length,
      skippedByRule: rows.filter((row) => row.rules.skip && row.verdict !== 'duplicate').length,
      ruled: rows.filter((row) => row.rules.ruleIds.length > 0 || row.rules.aliasId !== null).length,
    },
    ruleNames,
    balance: await checkBalance(tx, account, statement, rows),
  };
}

function pickStatement(statements: readonly ParsedStatement[], account: MoneyAccount, wanted: number | undefined) {
  if (!statements.length) throw new AppError('validation_failed', 'The file holds no statement to import.');
  if (wanted !== undefined) {
    const statement = statements[wanted];
    if (!statement) throw new AppError('validation_failed', `The file holds ${statements.length} statements; there is no statement ${wanted + 1}.`);
    return { statement, index: wanted };
  }
  if (statements.length === 1) return { statement: statements[0]!, index: 0 };
  // Several accounts in one file: the one the account is known by, else the person picks.
  const byId = account.externalId ? statements.findIndex((s) => s.accountId === account.externalId) : -1;
  if (byId >= 0) return { statement: statements[byId]!, index: byId };
  const names = statements.map((s, i) => `${i + 1}: ${s.accountName ?? s.accountId ?? 'unnamed'}`).join(', ');
  throw new AppError('validation_failed', `The file holds ${statements.length} accounts (${names}): pick the one to import into ${account.name}.`, { statements: statements.length });
}

const batchKey = (row: { bookedOn: string; amountMinor: bigint; reference: string | null }) => `${row.bookedOn}|${row.amountMinor}|${row.reference}`;

/**
 * The (date, amount, bank id) of the transactions the group's other files already committed. A
 * row without a bank id can't be matched this way (the content hash covers it).
 */
async function groupKeys(tx: Tx, groupId: string | null, parsed: readonly ParsedRow[]): Promise<Set<string>> {
  const withReference = parsed.filter((row) => row.reference);
  if (!groupId || !withReference.length) return new Set();
  const batches = tx.select({ id: moneyImports.batchId }).from(moneyImports).where(and(eq(moneyImports.groupId, groupId), isNotNull(moneyImports.batchId)));
  const references = JSON.stringify([...new Set(withReference.map((row) => row.reference!))]);
  const held = await tx
    .select({ bookedOn: moneyTransactions.bookedOn, amountMinor: moneyTransactions.amountMinor, reference: moneyTransactions.reference })
    .from(moneyTransactions)
    .where(and(inArray(moneyTransactions.batchId, batches), sql`${moneyTransactions.reference} in (select jsonb_array_elements_text(${references}::jsonb))`));
  return new Set(held.map(batchKey));
}

async function judgeRows(tx: Tx, account: MoneyAccount, parsed: readonly ParsedRow[], rules: ImportRules, inGroup: ReadonlySet<string>): Promise<PlannedRow[]> {
  if (!parsed.length) return [];
  const dates = parsed.map((row) => row.bookedOn).sort();
  const [from, to] = [dates[0]!, dates.at(-1)!];
  // Everything the account holds over the file's dates: one read, compared in memory.
  const held = await tx
    .select({ contentHash: moneyTransactions.contentHash, reference: moneyTransactions.reference, bookedOn: moneyTransactions.bookedOn, amountMinor: moneyTransactions.amountMinor })
    .from(moneyTransactions)
    .where(and(eq(moneyTransactions.accountId, account.id), between(moneyTransactions.bookedOn, from, to)));
  const references = new Set(held.flatMap((row) => (row.reference ? [row.reference] : [])));
  const byContent = new Map<string, number>();
  for (const row of held) byContent.set(row.contentHash, (byContent.get(row.contentHash) ?? 0) + 1);
  const byDayAmount = new Set(held.map((row) => `${row.bookedOn}|${row.amountMinor}`));

  const hashed = parsed.map((row) => ({ row, content: contentHash(row, account.id), global: globalHash(row) }));
  // The file's hashes as one JSON parameter: an IN list of 100,000 parameters costs more to
  // send and plan than the lookup itself.
  const globals = JSON.stringify([...new Set(hashed.map((h) => h.global))]);
  const elsewhere = new Set(
    (
      await tx
        .select({ globalHash: moneyTransactions.globalHash })
        .from(moneyTransactions)
        .where(
          and(
            ne(moneyTransactions.accountId, account.id),
            between(moneyTransactions.bookedOn, from, to),
            sql`${moneyTransactions.globalHash} in (select jsonb_array_elements_text(${globals}::jsonb))`,
          ),
        )
    ).map((row) => row.globalHash),
  );

  return hashed.map(({ row, content, global }) => {
    let duplicateBy: PlannedRow['duplicateBy'] = null;
    if (row.reference && references.has(row.reference)) duplicateBy = 'reference';
    else if (row.reference && inGroup.has(batchKey(row))) duplicateBy = 'batch';
    else if ((byContent.get(content) ?? 0) > 0) {
      byContent.set(content, byContent.get(content)! - 1);
      duplicateBy = 'content';
    }
    const verdict: RowVerdict = duplicateBy ? 'duplicate' : byDayAmount.has(`${row.bookedOn}|${row.amountMinor}`) ? 'possible_duplicate' : 'new';
    return {
      ...row,
      contentHash: content,
      globalHash: global,
      verdict,
      duplicateBy,
      crossAccount: !duplicateBy && elsewhere.has(global),
      rules: applyImportRules(row, account.id, rules),
    };
  });
}

async function checkBalance(tx: Tx, account: MoneyAccount, statement: ParsedStatement, rows: readonly PlannedRow[]): Promise<BalanceCheck | null> {
  const stated = statement.closingBalance;
  if (!stated) return null;
  const fileSum = statement.rows.reduce((sum, row) => sum + row.amountMinor, 0n);
  if (statement.openingBalance) {
    const computedMinor = statement.openingBalance.amountMinor + fileSum;
    return { stated, computedMinor, basis: 'file', matches: computedMinor === stated.amountMinor };
  }
  const [held] = await tx
    .select({ total: sql<string>`coalesce(sum(${moneyTransactions.amountMinor}), 0)` })
    .from(moneyTransactions)
    .where(and(eq(moneyTransactions.accountId, account.id), sql`${moneyTransactions.bookedOn} <= ${stated.on}`));
  const added = rows.filter((row) => row.verdict !== 'duplicate' && row.bookedOn <= stated.on).reduce((sum, row) => sum + row.amountMinor, 0n);
  const computedMinor = account.openingBalanceMinor + BigInt(held?.total ?? '0') + added;
  return { stated, computedMinor, basis: 'account', matches: computedMinor === stated.amountMinor };
}
