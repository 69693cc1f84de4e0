import { z } from 'zod';
import { auditActions } from './actions';
import { endOfZonedDay, startOfZonedDay } from '@/lib/time';

type SearchParamValue = string | string[] | undefined;

/** Query strings can repeat a key or leave it blank; both mean "no filter" except the first value. */
const firstValue = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return first === '' ? undefined : first;
};

const isoDate = z.iso.date();

/**
 * Settings → Audit log filters from the URL. A hand-edited, stale or hostile value drops that
 * filter instead of failing the page.
 */
export const auditFilterSchema = z.object({
  action: z.preprocess(firstValue, z.enum(auditActions).optional()).catch(undefined),
  actor: z.preprocess(firstValue, z.uuid().optional()).catch(undefined),
  from: z.preprocess(firstValue, isoDate.optional()).catch(undefined),
  to: z.preprocess(firstValue, isoDate.optional()).catch(undefined),
  cursor: z.preprocess(firstValue, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()).catch(undefined),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function parseAuditFilter(searchParams: Record<string, SearchParamValue>): AuditFilter {
  return auditFilterSchema.parse(searchParams);
}

/** Turns the form's calendar days, read in the workspace time zone, into a half-open instant range. */
export function auditFilterRange(filter: AuditFilter, timeZone: string): { from?: Date; to?: Date } {
  return {
    from: filter.from ? startOfZonedDay(filter.from, timeZone) : undefined,
    to: filter.to ? endOfZonedDay(filter.to, timeZone) : undefined,
  };
}

/** The query string for a filter, e.g. for the "Older" link; empty filters are left out. */
export function auditFilterQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
