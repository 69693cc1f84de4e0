import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Separator } from '@/components/ui/separator';
import type { ActionResult } from '@/lib/actions/form-state';
import { DisableTwoFactorForm } from './disable-form';
import { EnrolmentPanel } from './enrolment-panel';
import { RegenerateCodesForm } from './regenerate-codes-form';
import { StartEnrolmentForm } from './start-enrolment-form';

type Action<T> = (state: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
type Done = { done: true };

export type TwoFactorCardProps = {
  status: { state: 'off' } | { state: 'pending' } | { state: 'on'; enabledAt: Date; recoveryCodesLeft: number };
  /** Present only while set-up is pending. */
  setup: { qrDataUrl: string; groupedSecret: string } | null;
  enabledOn: string | null;
  actions: {
    start: Action<Done>;
    cancel: Action<Done>;
    confirm: Action<{ recoveryCodes: string[] }>;
    regenerate: Action<{ recoveryCodes: string[] }>;
    disable: Action<Done>;
  };
};

export function TwoFactorCard({ status, setup, enabledOn, actions }: TwoFactorCardProps) {
  const on = status.state === 'on';
  return (
    <Card id="two-factor">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle as="h2">Two-factor authentication</CardTitle>
          <Badge tone={on ? 'success' : 'neutral'} dot>
            {on ? 'On' : status.state === 'pending' ? 'Setting up' : 'Off'}
          </Badge>
        </div>
        <CardDescription>
          {on
            ? `Signing in asks for a code from your authenticator app${enabledOn ? ` (on since ${enabledOn})` : ''}.`
            : 'Add a code from an authenticator app to your password, so a stolen password alone can’t open your account.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {status.state === 'off' ? <StartEnrolmentForm action={actions.start} /> : null}
        {status.state === 'pending' && setup ? (
          <EnrolmentPanel {...setup} confirmAction={actions.confirm} cancelAction={actions.cancel} />
        ) : null}
        {status.state === 'on' ? (
          <>
            <section aria-labelledby="recovery-heading" className="space-y-3">
              <h3 id="recovery-heading" className="text-sm font-semibold">
                Recovery codes
              </h3>
              <p className="text-sm text-muted">
                {status.recoveryCodesLeft === 0
                  ? 'You have no unused recovery codes left. Generate new ones.'
                  : `${status.recoveryCodesLeft} unused recovery code${status.recoveryCodesLeft === 1 ? '' : 's'} left.`}
              </p>
              <RegenerateCodesForm action={actions.regenerate} />
            </section>
            <Separator />
            <section aria-labelledby="disable-heading" className="space-y-3">
              <h3 id="disable-heading" className="text-sm font-semibold">
                Turn off two-factor
              </h3>
              <DisableTwoFactorForm action={actions.disable} />
            </section>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
