import { z } from 'zod';
import { decodeCursor, encodeCursor } from '@/lib/api/pagination';

// Bot lists (deals, trades, run logs) page newest first on (time, id): a row arriving between two
// page loads never shifts what "older" means.

export const timeCursorSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });
export type TimeCursor = z.output<typeof timeCursorSchema>;

export type Page<T> = { items: T[]; nextCursor: TimeCursor | null };

export const MAX_BOT_PAGE = 100;

export function encodeTimeCursor(cursor: TimeCursor): string {
  return encodeCursor(cursor);
}

/** A cursor from a page's address: one this code didn't give out reads as the first page. */
export function decodeTimeCursor(value: string | string[] | undefined): TimeCursor | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return decodeCursor(value, timeCursorSchema);
  } catch {
    return undefined;
  }
}

/** The page's limit clamped to 1–100. */
export function pageLimit(limit: number): number {
  return Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_BOT_PAGE);
}

/** Rows fetched as limit + 1: the extra one says whether an older page exists. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? { at: at(last).toISOString(), id: last.id } : null };
}
