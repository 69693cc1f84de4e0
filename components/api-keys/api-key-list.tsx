import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { KeyIcon } from '@/components/ui/icons';
import type { FormAction } from '@/lib/actions/form-state';
import type { ApiKeyListItem } from '@/lib/api-keys/keys';
import type { ApiKeyStatus } from '@/lib/api-keys/status';
import { formatInZone } from '@/lib/time';
import { RevokeApiKeyForm } from './revoke-api-key-form';
import { RotateApiKeyForm } from './rotate-api-key-form';

const STATUS: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  rotating: { label: 'Rotating', tone: 'warning' },
  rotated: { label: 'Rotated', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

function statusLine(key: ApiKeyListItem, timeZone: string): string {
  const at = (date: Date) => formatInZone(date, timeZone, 'date-time');
  switch (key.status) {
    case 'rotating':
      return `Replaced; keeps working until ${at(key.graceUntil!)}`;
    case 'rotated':
      return `Replaced; stopped ${at(key.graceUntil!)}`;
    case 'revoked':
      return `Revoked ${at(key.revokedAt!)}`;
    case 'expired':
      return `Expired ${at(key.expiresAt!)}`;
    case 'active':
      return key.expiresAt ? `Expires ${at(key.expiresAt)}` : 'Never expires';
  }
}

export function ApiKeyList({
  workspace,
  keys,
  timeZone,
  canManage,
  canRotate,
  rotateAction,
  revokeAction,
}: {
  workspace: string;
  keys: ApiKeyListItem[];
  timeZone: string;
  canManage: boolean;
  /** The plan still has the API: rotation makes a new key, so it needs what creation needs. */
  canRotate: boolean;
  rotateAction: FormAction<{ token: string; name: string; prefix: string }>;
  revokeAction: FormAction<unknown>;
}) {
  if (!keys.length) {
    return (
      <EmptyState
        variant="compact"
        icon={<KeyIcon />}
        title="No API keys yet"
        text="Create a key below to let a script or another service use this workspace through the Tessera API."
      />
    );
  }
  return (
    <ul className="divide-y divide-border border-t border-border" data-testid="api-key-list">
      {keys.map((key) => {
        const status = STATUS[key.status];
        const working = key.status === 'active' || key.status === 'rotating';
        return (
          <li key={key.id} data-testid="api-key-row" className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:px-6">
            <div className="min-w-0 flex-1 space-y-1">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                <span className="truncate">{key.name}</span>
                <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs text-muted">{key.prefix}…</code>
                <Badge tone={status.tone} dot={working}>
                  {status.label}
                </Badge>
              </p>
              <p className="flex flex-wrap gap-1" aria-label="Scopes">
                {key.scopes.map((scope) => (
                  <Badge key={scope} tone="info">
                    {scope}
                  </Badge>
                ))}
              </p>
              <p className="text-xs text-muted">{statusLine(key, timeZone)}</p>
              <p className="text-xs text-muted">
                Created {formatInZone(key.createdAt, timeZone, 'date')} by {key.createdBy ? (key.createdBy.name ?? key.createdBy.email) : 'a deleted account'}
                {' · '}
                {key.lastUsedAt ? `Last used ${formatInZone(key.lastUsedAt, timeZone, 'date-time')}${key.lastUsedIp ? ` from ${key.lastUsedIp}` : ''}` : 'Never used'}
              </p>
            </div>
            {canManage ? (
              <div className="flex flex-wrap gap-2">
                <RotateApiKeyForm workspace={workspace} keyId={key.id} name={key.name} available={canRotate && key.status === 'active'} action={rotateAction} />
                {key.status === 'revoked' || key.status === 'expired' || key.status === 'rotated' ? null : (
                  <RevokeApiKeyForm workspace={workspace} keyId={key.id} name={key.name} action={revokeAction} />
                )}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
