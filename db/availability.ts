import { getLogger } from '@/lib/observability/logger';

/**
 * The database could not be reached in time (or is known to be down). Entry points answer 503
 * (`unavailable`) for it: never a redirect to sign-in, never a bare 500.
 */
// A registered symbol, not `instanceof`: middleware and the app are separate bundles, each with
// its own copy of this class, while the pool (and its deadline timer) is one per process. An error
// made by one copy failed the other's instanceof, and the gate answered 500 instead of 503.
const BRAND = Symbol.for('tessera.database-unavailable');

export class DatabaseUnavailableError extends Error {
  readonly code = 'unavailable';
  readonly [BRAND] = true;
  constructor(message = 'The database is unavailable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export function isDatabaseUnavailable(error: unknown): error is DatabaseUnavailableError {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e === 'object' && (e as { [BRAND]?: unknown })[BRAND] === true) return true;
  }
  return false;
}

// postgres.js and Node socket codes that mean "no usable connection".
const CONNECTION_ERROR_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATEs of a server that is shutting down, starting, or full.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const STATEMENT_TIMEOUT_SQLSTATE = '57014';

/** 'outage': the database is away; 'slow': a statement hit the statement timeout; null: a real error. */
export function classifyDatabaseError(error: unknown): 'outage' | 'slow' | null {
  // drizzle wraps driver errors ("Failed query: …") with the driver's error as the cause.
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) return 'outage';
    if (code === STATEMENT_TIMEOUT_SQLSTATE) return 'slow';
  }
  return null;
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) parts.push(e.message);
  }
  return parts.join(' <- ') || String(error);
}

export type AvailabilityOptions = {
  /** How long the first answer of a transaction may take (DATABASE_REQUEST_DEADLINE_MS). */
  deadlineMs: number;
  /** While down, one call per interval goes through to see whether the database is back. */
  probeEveryMs?: number;
  now?: () => number;
};

type State = { downSince: number | null; nextProbeAt: number; refused: number };

/**
 * Fail fast while the database is away: a call waits at most `deadlineMs` for the database's
 * first answer; the first failure logs the outage once; while it lasts calls fail at once except
 * one probe a second; the first success logs the recovery. Only Postgres goes through here
 * (PGlite is in-process and has no outage to wait out).
 */
export class DatabaseAvailability {
  private readonly state: State = { downSince: null, nextProbeAt: 0, refused: 0 };
  private readonly now: () => number;
  private probing: Promise<boolean> | null = null;

  constructor(private readonly options: AvailabilityOptions) {
    this.now = options.now ?? Date.now;
  }

  get down(): boolean {
    return this.state.downSince !== null;
  }

  /**
   * For a gate that answers 503 without calling the database: true while it is up; while it is
   * down, false, except that once per probe interval one caller runs `ping` and gets its outcome,
   * so the gate notices the recovery without any request waiting for a dead server.
   */
  async availableOrProbe(ping: (answered: () => void) => Promise<unknown>): Promise<boolean> {
    if (!this.down) return true;
    if (this.probing || this.now() < this.state.nextProbeAt) {
      this.state.refused += 1;
      return false;
    }
    this.probing = this.run(ping)
      .then(() => true, () => false)
      .finally(() => {
        this.probing = null;
      });
    return this.probing;
  }

  /**
   * `work(answered)` must call `answered()` once the database has replied (inside the
   * transaction, after its first statement): the deadline stops there, and a call whose caller
   * already gave up throws at that point, so its transaction rolls back instead of committing.
   */
  async run<T>(work: (answered: () => void) => Promise<T>): Promise<T> {
    const { state } = this;
    if (state.downSince !== null) {
      const now = this.now();
      if (now < state.nextProbeAt) {
        state.refused += 1;
        throw new DatabaseUnavailableError();
      }
      state.nextProbeAt = now + (this.options.probeEveryMs ?? 1_000);
    }
    let gaveUp = false;
    let replied = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (replied) return;
        gaveUp = true;
        reject(new DatabaseUnavailableError(`The database did not answer within ${this.options.deadlineMs} ms`));
      }, this.options.deadlineMs);
    });
    const answered = () => {
      if (gaveUp) throw new DatabaseUnavailableError('Abandoned: the caller stopped waiting before the database answered');
      replied = true;
      clearTimeout(timer);
      this.markUp();
    };
    const attempt = work(answered);
    try {
      return await Promise.race([attempt, deadline]);
    } catch (error) {
      if (gaveUp && !replied) {
        // The abandoned attempt settles later (rolled back by answered()); nobody awaits it.
        attempt.catch(() => {});
        this.markDown(error);
        throw error;
      }
      const kind = classifyDatabaseError(error);
      if (kind === 'outage') {
        this.markDown(error);
        throw new DatabaseUnavailableError('The database is unreachable', { cause: error });
      }
      if (kind === 'slow') throw new DatabaseUnavailableError('A database statement timed out', { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private markDown(error: unknown): void {
    const { state } = this;
    state.nextProbeAt = this.now() + (this.options.probeEveryMs ?? 1_000);
    if (state.downSince !== null) return;
    state.downSince = this.now();
    state.refused = 0;
    // Once per outage, with the driver's detail (host:port): for the log, never for a response.
    getLogger({ component: 'database' }).error({ err: describe(error) }, 'database unavailable: requests answer 503 until it is back');
  }

  private markUp(): void {
    const { state } = this;
    if (state.downSince === null) return;
    const downForMs = this.now() - state.downSince;
    getLogger({ component: 'database' }).info({ downForMs, refusedWhileDown: state.refused }, 'database recovered');
    state.downSince = null;
    state.nextProbeAt = 0;
    state.refused = 0;
  }
}
