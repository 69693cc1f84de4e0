import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { UsersIcon } from '@/components/ui/icons';
import type { AccountSession } from '@/lib/auth/account-sessions';
import type { ActionResult } from '@/lib/actions/form-state';
import { RevokeSessionButton } from './revoke-session-button';
import { dateFormatter } from '@/lib/time';

export type SessionItem = AccountSession;

const METHODS: Record<string, string> = {
  password: 'Password',
  'password+2fa': 'Password and 2FA',
  'magic-link': 'Email link',
  'magic-link+2fa': 'Email link and 2FA',
  oauth: 'Single sign-on',
  'oauth+2fa': 'Single sign-on and 2FA',
};

/** The user's signed-in devices; the current one can't be revoked here (signing out ends it). */
export function SessionsList({
  sessions,
  timeZone,
  revokeAction,
  signOut,
}: {
  sessions: SessionItem[];
  timeZone: string;
  revokeAction: (state: ActionResult<{ done: true }> | null, formData: FormData) => Promise<ActionResult<{ done: true }>>;
  /** The sign-out control shown on this device's row. */
  signOut?: ReactNode;
}) {
  if (sessions.length === 0) {
    return <EmptyState variant="compact" icon={<UsersIcon />} title="No active sessions" text="Sign in on a device and it will appear here." />;
  }
  const time = dateFormatter(timeZone, 'date-time');
  return (
    <ul className="divide-y divide-border" aria-label="Signed-in devices" data-testid="sessions-list">
      {sessions.map((session) => (
        <li key={session.id} data-session-id={session.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0 space-y-0.5">
            <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
              {session.device}
              {session.isCurrent ? <Badge tone="info">This device</Badge> : null}
            </p>
            <p className="text-xs text-muted">
              {[session.ip, METHODS[session.method] ?? session.method].filter(Boolean).join(' · ')}
            </p>
            <p className="text-xs text-muted">
              Signed in {time.format(session.createdAt)} · Last active{' '}
              <time dateTime={session.lastSeenAt.toISOString()}>{time.format(session.lastSeenAt)}</time>
            </p>
          </div>
          {session.isCurrent ? (signOut ?? null) : <RevokeSessionButton sessionId={session.id} device={session.device} action={revokeAction} />}
        </li>
      ))}
    </ul>
  );
}
