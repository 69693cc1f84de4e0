import { ExchangeError, type ExchangeErrorCode } from './types';

// ccxt's error classes → the exchange interface's codes. The message is what the run log and the
// owner's email show, so it carries the exchange's own words where it has some, and never the API
// key, the secret, a signed URL or a response page.

type Ccxt = typeof import('ccxt');

/** Words in an exchange's refusal that mean "that client order id was used already". */
const DUPLICATE = /duplicat/i;
/** Bybit "Request is duplicate" and "OrderLinkedID is duplicate", Binance -4116, Phemex 11085. */
const DUPLICATE_CODES = new Set(['10014', '110072', '-4116', '11085']);
const POST_ONLY = /post[ -]?only|as maker|would immediately match/i;

const FALLBACK: Record<ExchangeErrorCode, string> = {
  duplicate_client_order_id: 'An order with this client order id exists already.',
  insufficient_balance: 'Not enough balance for this order.',
  invalid_order: 'The order was refused.',
  post_only_rejected: 'The post-only order would have taken liquidity, so it was refused.',
  not_found: 'No such open order.',
  auth_failed: 'The API key was refused: check the key, the secret, its permissions and its IP allow-list.',
  rate_limited: 'Too many requests to the exchange; the next run will try again.',
  unavailable: 'The exchange did not answer; the next run will try again.',
  unsupported: 'The exchange does not support this.',
};

export type ErrorContext = {
  /** For messages, e.g. "Bybit". */
  venue: string;
  /** Scrubbed from every message, whatever the exchange echoed back. */
  secrets: readonly string[];
};

export function toExchangeError(ccxt: Ccxt, error: unknown, context: ErrorContext): ExchangeError {
  if (error instanceof ExchangeError) return new ExchangeError(error.code, scrub(error.message, context.secrets));
  const code = codeOf(ccxt, error);
  // Transport failures and HTTP status errors carry the request URL and whatever page came back:
  // neither is fit to show, and neither says more than the code does.
  const transport = error instanceof ccxt.NetworkError;
  const words = transport ? null : exchangeWords(error);
  return new ExchangeError(code, `${context.venue}: ${scrub(words ?? FALLBACK[code], context.secrets)}`);
}

function codeOf(ccxt: Ccxt, error: unknown): ExchangeErrorCode {
  if (!(error instanceof ccxt.BaseError)) return 'unavailable';
  const detail = exchangeDetail(error.message);
  if (error instanceof ccxt.AuthenticationError || error instanceof ccxt.AccountSuspended) return 'auth_failed';
  if (error instanceof ccxt.InsufficientFunds) return 'insufficient_balance';
  if (error instanceof ccxt.DuplicateOrderId) return 'duplicate_client_order_id';
  if (error instanceof ccxt.InvalidOrder || error instanceof ccxt.BadRequest) {
    if ((detail.code && DUPLICATE_CODES.has(detail.code)) || DUPLICATE.test(detail.text ?? error.message)) return 'duplicate_client_order_id';
  }
  if (error instanceof ccxt.OrderNotFound) return 'not_found';
  if (error instanceof ccxt.OrderImmediatelyFillable) return 'post_only_rejected';
  if (error instanceof ccxt.InvalidOrder) return POST_ONLY.test(error.message) ? 'post_only_rejected' : 'invalid_order';
  // A malformed request (bad quantity, unknown symbol…) fails the same way every time: it's the
  // order that's wrong, not the exchange that's down.
  if (error instanceof ccxt.BadRequest) return 'invalid_order';
  if (error instanceof ccxt.NotSupported) return 'unsupported';
  // Before NetworkError: both are subclasses of it.
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) return 'rate_limited';
  return 'unavailable';
}

/** The refusal text and code from the response body ccxt puts in its messages (`bybit {"retCode":…}`). */
function exchangeDetail(message: string): { code: string | null; text: string | null } {
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (start < 0 || end <= start) return { code: null, text: null };
  try {
    const body = JSON.parse(message.slice(start, end + 1)) as Record<string, unknown>;
    const text = [body.retMsg, body.ret_msg, body.msg, body.message].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    const code = [body.retCode, body.ret_code, body.code].find((v) => typeof v === 'number' || typeof v === 'string');
    return { code: code === undefined ? null : String(code), text: text ?? null };
  } catch {
    return { code: null, text: null };
  }
}

function exchangeWords(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const detail = exchangeDetail(error.message);
  if (detail.text) return detail.code ? `${detail.text} (code ${detail.code})` : detail.text;
  // ccxt's own checks ("amount must be greater than minimum amount precision…") are plain
  // sentences; anything with a URL or markup in it is a transport dump.
  if (/https?:\/\/|<[a-z!]/i.test(error.message)) return null;
  const text = error.message.replace(/^(bybit|phemex|binanceusdm|binance)\s+/i, '').trim();
  return text ? text.slice(0, 300) : null;
}

export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}
