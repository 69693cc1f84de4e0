import type { Candle, MarketRules } from '../engine/types';

// A made-up but plausible market for the paper exchange and backtests. Every number is a pure
// function of (seed, symbol, minute), so any candle can be computed on its own without replaying
// history, and two machines with the same seed see the same market. Hashing is integer-only, and
// the only transcendental functions, Math.exp and Math.log, are software (fdlibm) in V8, so
// results do not depend on the CPU.

interface SymbolSpec {
  rules: Omit<MarketRules, 'symbol'>;
  base: number;
  /** Volatility relative to BTC; alts also fall harder in a crash. */
  vol: number;
  /** Typical volume per minute in base units. */
  volume: number;
}

const SPECS: Readonly<Record<string, SymbolSpec>> = {
  BTCUSDT: spec(60_000, 1, 12, [0.001, 0.1, 0.001, 100, 5, 100, 0.005]),
  ETHUSDT: spec(3_000, 1.15, 180, [0.01, 0.01, 0.01, 1_000, 5, 100, 0.005]),
  SOLUSDT: spec(150, 1.5, 3_000, [0.1, 0.01, 0.1, 50_000, 5, 75, 0.01]),
  XRPUSDT: spec(0.6, 1.3, 600_000, [1, 0.0001, 1, 2_000_000, 5, 75, 0.01]),
  DOGEUSDT: spec(0.15, 1.6, 2_500_000, [1, 0.00001, 1, 10_000_000, 5, 75, 0.01]),
  BNBUSDT: spec(550, 1, 300, [0.01, 0.01, 0.01, 5_000, 5, 75, 0.01]),
  ADAUSDT: spec(0.45, 1.4, 800_000, [1, 0.0001, 1, 2_000_000, 5, 75, 0.01]),
  LINKUSDT: spec(15, 1.45, 20_000, [0.1, 0.001, 0.1, 100_000, 5, 75, 0.01]),
};

function spec(base: number, vol: number, volume: number, r: readonly number[]): SymbolSpec {
  const [lotStep, tickSize, minQty, maxQty, minNotional, maxLeverage, maintMarginRate] = r as [number, number, number, number, number, number, number];
  return { base, vol, volume, rules: { lotStep, tickSize, minQty, maxQty, minNotional, maxLeverage, maintMarginRate } };
}

const MINUTE_MS = 60_000;
const DAY = 1440;
/** 1-minute log-return scale of a normal day for BTC. */
const SIGMA = 0.0008;
// Octave amplitudes grow with √scale, so the sum behaves like a random walk from minutes to weeks
// while staying bounded over years (the price never drifts off to zero or infinity).
const FINE_SCALES = [1, 4, 16, 64, 256, 1024];
const COARSE_SCALES = [4096, 16384, 65536];
const FINE_AMPS = FINE_SCALES.map(Math.sqrt);
const COARSE_AMPS = COARSE_SCALES.map(Math.sqrt);
/** Coarse moves are part market-wide, part the coin's own: alts follow BTC but not exactly. */
const MARKET_SHARE = 0.7;
const OWN_SHARE = 0.7;
const REGIMES = [0.55, 1, 1.9]; // calm, normal, volatile
const REGIME_BLEND = 180; // minutes at the start of a day over which the previous regime fades out
// One crash chance per 20-day window at 1/3 odds: about one crash in 60 days. A crash ends before
// the window after next begins, so only the current and the previous window can touch a minute.
const CRASH_WINDOW = 20 * DAY;
const CRASH_ODDS = 1 / 3;
/** At most this many minutes are looked at for a candle's high, low and volume. */
const MAX_SAMPLES = 60;

const Stream = { Regime: 1, Crash: 2, Phase: 3, Wick: 4, Volume: 5, MarketNoise: 16, OwnNoise: 32 } as const;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix(h);
}

function streamKey(key: number, stream: number): number {
  return fmix(key ^ Math.imul(stream, 0x9e3779b9));
}

/** 32 random bits: a bijection of the index for a fixed stream key. */
function bits(stream: number, index: number): number {
  return fmix(Math.imul(index, 0x9e3779b1) ^ stream);
}

/** Uniform in [0, 1). */
function unit(stream: number, index: number): number {
  return bits(stream, index) / 4294967296;
}

function smooth(u: number): number {
  return u * u * (3 - 2 * u);
}

/** Value noise in [-1, 1]: random knots every `scale` minutes, smoothly interpolated. */
class Noise {
  // Neighbouring minutes share knots; keeping the last pair saves most of the hashing when
  // candles are read in order, and costs nothing otherwise.
  #knot = NaN;
  #v0 = 0;
  #v1 = 0;

  constructor(
    readonly stream: number,
    readonly scale: number,
    readonly phase: number,
  ) {}

  at(m: number): number {
    if (this.scale === 1) return 2 * unit(this.stream, m) - 1;
    const x = m + this.phase;
    const knot = Math.floor(x / this.scale);
    if (knot !== this.#knot) {
      this.#knot = knot;
      this.#v0 = 2 * unit(this.stream, knot) - 1;
      this.#v1 = 2 * unit(this.stream, knot + 1) - 1;
    }
    return this.#v0 + (this.#v1 - this.#v0) * smooth((x - knot * this.scale) / this.scale);
  }
}

interface Crash {
  start: number;
  drop: number;
  recover: number;
  fade: number;
  /** Log depth for BTC; other coins scale it by their volatility. */
  depth: number;
  /** Share of the drop still there when the recovery ends; it then fades out. */
  kept: number;
}

/** Crash drawn for a window, or null. A crash lasts under 13 days, so it fits any window it starts in plus the next. */
function crashIn(key: number, window: number): Crash | null {
  const base = window * 8;
  if (unit(key, base) >= CRASH_ODDS) return null;
  return {
    start: window * CRASH_WINDOW + Math.floor(unit(key, base + 1) * CRASH_WINDOW),
    drop: 120 + Math.floor(unit(key, base + 2) * 240),
    recover: DAY * (1 + 3 * unit(key, base + 3)),
    fade: DAY * (4 + 4 * unit(key, base + 4)),
    depth: -Math.log(1 - (0.1 + 0.15 * unit(key, base + 5))),
    kept: 1 - (0.3 + 0.35 * unit(key, base + 6)),
  };
}

class Path {
  readonly priceScale: number;
  readonly volumeScale: number;
  /** Volatility multiplier at the minute last passed to log(): regime × crash turbulence. */
  mult = 1;
  readonly #fine: Noise[];
  readonly #market: Noise[];
  readonly #own: Noise[];
  readonly #regimeKey: number;
  readonly #crashKey: number;
  readonly #wickKey: number;
  readonly #volumeKey: number;
  #lastMinute = NaN;
  #lastLog = 0;
  #lastMult = 1;
  #day = NaN;
  #today = 1;
  #yesterday = 1;
  #window = NaN;
  #crashes: [Crash | null, Crash | null] = [null, null];

  constructor(
    readonly spec: SymbolSpec,
    marketKey: number,
    symbol: string,
  ) {
    const own = hashString(symbol, marketKey);
    const phaseKey = streamKey(marketKey, Stream.Phase);
    // Offsets keep the octaves' knots from lining up at the same minutes; shared by all coins so
    // the market-wide part is the same everywhere.
    const phase = (i: number, scale: number) => Math.floor(unit(phaseKey, i) * scale);
    this.#fine = FINE_SCALES.map((scale, i) => new Noise(streamKey(own, Stream.OwnNoise + i), scale, phase(i, scale)));
    const coarse = (key: number, stream: number) =>
      COARSE_SCALES.map((scale, i) => new Noise(streamKey(key, stream + i), scale, phase(FINE_SCALES.length + i, scale)));
    this.#market = coarse(marketKey, Stream.MarketNoise);
    this.#own = coarse(own, Stream.OwnNoise + FINE_SCALES.length);
    this.#regimeKey = streamKey(marketKey, Stream.Regime);
    this.#crashKey = streamKey(marketKey, Stream.Crash);
    this.#wickKey = streamKey(own, Stream.Wick);
    this.#volumeKey = streamKey(own, Stream.Volume);
    this.priceScale = Math.round(1 / spec.rules.tickSize);
    this.volumeScale = Math.round(1 / spec.rules.lotStep);
  }

  /** Log of price / base at minute m. */
  log(m: number): number {
    // One candle's close is the next one's open; remembering it halves the work of a series.
    if (m === this.#lastMinute) {
      this.mult = this.#lastMult;
      return this.#lastLog;
    }
    let fine = 0;
    for (let i = 0; i < this.#fine.length; i++) fine += FINE_AMPS[i]! * this.#fine[i]!.at(m);
    let coarse = 0;
    for (let i = 0; i < this.#market.length; i++) {
      coarse += COARSE_AMPS[i]! * (MARKET_SHARE * this.#market[i]!.at(m) + OWN_SHARE * this.#own[i]!.at(m));
    }
    const { offset, turbulence } = this.#crash(m);
    this.mult = this.#regime(m) * (1 + 1.5 * turbulence);
    this.#lastMinute = m;
    this.#lastMult = this.mult;
    this.#lastLog = this.spec.vol * (SIGMA * (this.mult * fine + coarse) + offset);
    return this.#lastLog;
  }

  price(log: number): number {
    return round(this.spec.base * Math.exp(log), this.priceScale);
  }

  candle(m0: number, n: number): Candle {
    const sigma = SIGMA * this.spec.vol;
    // Consecutive minutes share a mark, so a short candle costs one path evaluation per minute.
    let next = m0;
    let nextLog = this.log(m0);
    let nextMult = this.mult;
    const open = this.price(nextLog);
    let high = open;
    let low = open;
    let volume = 0;
    const samples = Math.min(n, MAX_SAMPLES);
    for (let j = 0; j < samples; j++) {
      const k = samples === n ? m0 + j : m0 + Math.round((j * (n - 1)) / (samples - 1));
      const a = k === next ? nextLog : this.log(k);
      const mult = k === next ? nextMult : this.mult;
      const b = this.log(k + 1);
      next = k + 1;
      nextLog = b;
      nextMult = this.mult;
      // Wicks reach a little beyond the minute's open and close, more so in a wild market.
      const h = bits(this.#wickKey, k);
      const up = sigma * mult * 0.8 * ((h & 0xffff) / 65536 + 0.02);
      const down = sigma * mult * 0.8 * ((h >>> 16) / 65536 + 0.02);
      high = Math.max(high, this.price(Math.max(a, b) + up));
      low = Math.min(low, this.price(Math.min(a, b) - down));
      // Volume follows the regime and the size of the move, as real volume does.
      volume += this.spec.volume * (mult * (0.3 + 1.4 * unit(this.#volumeKey, k)) + (0.5 * Math.abs(b - a)) / sigma);
    }
    const close = this.price(next === m0 + n ? nextLog : this.log(m0 + n));
    volume = Math.max(1 / this.volumeScale, round((volume * n) / samples, this.volumeScale));
    return { time: m0 * MINUTE_MS, open, high: Math.max(high, close), low: Math.min(low, close), close, volume };
  }

  #regime(m: number): number {
    const day = Math.floor(m / DAY);
    if (day !== this.#day) {
      this.#day = day;
      this.#today = regimeOf(this.#regimeKey, day);
      this.#yesterday = regimeOf(this.#regimeKey, day - 1);
    }
    const into = m - day * DAY;
    if (into >= REGIME_BLEND) return this.#today;
    return this.#yesterday + (this.#today - this.#yesterday) * smooth(into / REGIME_BLEND);
  }

  #crash(m: number): { offset: number; turbulence: number } {
    const window = Math.floor(m / CRASH_WINDOW);
    if (window !== this.#window) {
      this.#window = window;
      this.#crashes = [crashIn(this.#crashKey, window - 1), crashIn(this.#crashKey, window)];
    }
    let offset = 0;
    let turbulence = 0;
    for (const crash of this.#crashes) {
      if (!crash) continue;
      const a = m - crash.start;
      if (a < 0 || a >= crash.drop + crash.recover + crash.fade) continue;
      const { drop, recover, fade, depth, kept } = crash;
      if (a < drop) {
        // Fastest at first, as liquidations cascade.
        const u = a / drop;
        offset -= depth * (1 - (1 - u) * (1 - u));
        turbulence = Math.max(turbulence, Math.min(1, a / 30));
      } else if (a < drop + recover) {
        offset -= depth * (1 - (1 - kept) * smooth((a - drop) / recover));
        if (a < drop + DAY) turbulence = Math.max(turbulence, 1 - smooth((a - drop) / DAY));
      } else {
        offset -= depth * kept * (1 - smooth((a - drop - recover) / fade));
      }
    }
    return { offset, turbulence };
  }
}

/** Ranges kept: a few per symbol and interval is all one minute's runs need. */
const RANGE_CACHE_SIZE = 64;

export class SimulatedMarket {
  static readonly SYMBOLS: readonly string[] = Object.freeze(Object.keys(SPECS));

  readonly #marketKey: number;
  readonly #paths = new Map<string, Path>();
  // The path is a pure function of time, so a range asked for again (every bot on a symbol asks for
  // the same warm-up window in the same minute) is served from here instead of regenerated.
  readonly #ranges = new Map<string, readonly Candle[]>();

  constructor(readonly seed = 'tessera') {
    this.#marketKey = hashString(seed, 0);
  }

  rules(symbol: string): MarketRules | null {
    const found = SPECS[symbol];
    return found ? { symbol, ...found.rules } : null;
  }

  basePrice(symbol: string): number {
    return this.#path(symbol).spec.base;
  }

  /** The candle of `intervalMinutes` that contains `openTime` (floored to the interval). */
  candleAt(symbol: string, intervalMinutes: number, openTime: number): Candle {
    checkInterval(intervalMinutes);
    checkTime(openTime);
    const start = Math.floor(openTime / (intervalMinutes * MINUTE_MS)) * intervalMinutes;
    return this.#path(symbol).candle(start, intervalMinutes);
  }

  /**
   * Candles whose open time is aligned to the interval and lies in [since, until), oldest first;
   * only closed ones (close time ≤ until), so a caller passing `until = now` never sees the future.
   */
  candles(symbol: string, intervalMinutes: number, range: { since: number; until: number }): Candle[] {
    checkInterval(intervalMinutes);
    checkTime(range.since);
    checkTime(range.until);
    const key = `${symbol}|${intervalMinutes}|${range.since}|${range.until}`;
    const cached = this.#ranges.get(key);
    if (cached) return cached.slice();
    const path = this.#path(symbol);
    const step = intervalMinutes * MINUTE_MS;
    const out: Candle[] = [];
    for (let t = Math.ceil(range.since / step) * step; t + step <= range.until; t += step) {
      out.push(path.candle(t / MINUTE_MS, intervalMinutes));
    }
    if (this.#ranges.size >= RANGE_CACHE_SIZE) this.#ranges.delete(this.#ranges.keys().next().value!);
    this.#ranges.set(key, out);
    return out.slice();
  }

  /** The 1-minute path at `time`, interpolated (in log space) between minute marks. */
  price(symbol: string, time: number): number {
    checkTime(time);
    const path = this.#path(symbol);
    const m = Math.floor(time / MINUTE_MS);
    const f = time / MINUTE_MS - m;
    return path.price(f === 0 ? path.log(m) : path.log(m) * (1 - f) + path.log(m + 1) * f);
  }

  #path(symbol: string): Path {
    let path = this.#paths.get(symbol);
    if (!path) {
      const found = SPECS[symbol];
      if (!found) throw new RangeError(`SimulatedMarket has no symbol ${symbol}`);
      path = new Path(found, this.#marketKey, symbol);
      this.#paths.set(symbol, path);
    }
    return path;
  }
}

function regimeOf(key: number, day: number): number {
  const u = unit(key, day);
  return REGIMES[u < 0.3 ? 0 : u < 0.8 ? 1 : 2]!;
}

/** Round to a power-of-ten step given as its inverse; dividing an integer keeps decimals clean. */
function round(value: number, inverseStep: number): number {
  return Math.round(value * inverseStep) / inverseStep;
}

function checkInterval(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes <= 0) throw new RangeError(`interval must be a positive whole number of minutes, got ${minutes}`);
}

function checkTime(time: number): void {
  if (!Number.isFinite(time)) throw new RangeError(`time must be a finite number of ms, got ${time}`);
}
