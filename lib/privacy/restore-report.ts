/**
 * What a restore says when it refuses or fails: a typed list of problems, each naming the file or
 * table it is about, kept on the workspace_restores row and shown on Settings → Privacy.
 */
export type RestoreProblemCode =
  | 'not_a_zip'
  | 'manifest_missing'
  | 'manifest_invalid'
  | 'file_missing'
  | 'sha256_mismatch'
  | 'row_count_mismatch'
  | 'unknown_table'
  | 'unknown_column'
  | 'missing_column'
  | 'schema_newer'
  | 'bad_value'
  | 'dangling_reference'
  | 'insert_failed'
  | 'sum_mismatch'
  | 'source_missing'
  | 'not_permitted';

export type RestoreProblem = { file?: string; table?: string; problem: RestoreProblemCode; message: string };

export type RestoreReport =
  | { ok: true; workspace: { id: string; slug: string; name: string }; rows: Record<string, number>; skipped: string[] }
  | { ok: false; problems: RestoreProblem[] };

/** Thrown inside the restore to stop it (and roll its transaction back) with the problems found. */
export class RestoreRefused extends Error {
  constructor(readonly problems: RestoreProblem[]) {
    super(`restore refused: ${problems.map((p) => p.problem).join(', ')}`);
    this.name = 'RestoreRefused';
  }
}

/** Stops at this many problems: a wholly wrong zip would otherwise list every line. */
export const MAX_PROBLEMS = 50;

export class ProblemList {
  readonly items: RestoreProblem[] = [];
  add(problem: RestoreProblem): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push(problem);
  }
  get full(): boolean {
    return this.items.length >= MAX_PROBLEMS;
  }
  throwIfAny(): void {
    if (this.items.length) throw new RestoreRefused(this.items);
  }
}
