import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from './queries';

const COLUMNS = ['time_utc', 'action', 'action_label', 'actor', 'actor_user_id', 'target_type', 'target_id', 'ip', 'user_agent', 'metadata'] as const;

/**
 * The audit trail as CSV, for spreadsheets: one row per entry, times in UTC (ISO 8601). Cells a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR — an actor's name, a
 * metadata value) are prefixed with a quote by csv-stringify's `escape_formulas`.
 */
export function auditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) => [
    e.createdAt.toISOString(),
    e.action,
    e.actionLabel,
    e.actorName ?? e.actorLabel ?? '',
    e.actorUserId ?? '',
    e.targetType ?? '',
    e.targetId ?? '',
    e.ip ?? '',
    e.userAgent ?? '',
    Object.keys(e.metadata).length ? JSON.stringify(e.metadata) : '',
  ]);
  // A byte-order mark so Excel reads the file as UTF-8 (names with accents, the ’ in labels).
  return `\uFEFF${stringify([[...COLUMNS], ...rows], { escape_formulas: true, record_delimiter: 'windows' })}`;
}

/** The oldest instant a plan shows of the audit trail: null for all of it. */
export function auditVisibleSince(retentionDays: number | null, now = new Date()): Date | null {
  return retentionDays === null ? null : new Date(now.getTime() - retentionDays * 86_400_000);
}
