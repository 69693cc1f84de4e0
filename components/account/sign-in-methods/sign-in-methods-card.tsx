import { FormMessage } from '@/components/account/two-factor/form-message';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { FormAction } from '@/lib/actions/form-state';
import { connectOutcomeMessage } from './connect-outcome';
import { ProviderForm } from './provider-form';

type Action = FormAction<unknown>;

export type SignInMethodsCardProps = {
  /** Providers this install offers, plus any still linked after one was switched off. */
  providers: Array<{ id: string; name: string; available: boolean }>;
  linked: string[];
  email: string;
  emailVerified: boolean;
  outcome: { connect?: string; provider?: string };
  actions: { connect: Action; disconnect: Action };
};

export function SignInMethodsCard({ providers, linked, email, emailVerified, outcome, actions }: SignInMethodsCardProps) {
  const outcomeName = providers.find((p) => p.id === outcome.provider)?.name ?? 'The provider';
  const message = connectOutcomeMessage(outcome.connect, outcomeName, email);
  return (
    <Card id="sign-in-methods">
      <CardHeader>
        <CardTitle as="h2">Connected sign-in</CardTitle>
        <CardDescription>
          Sign in with Google or GitHub as well as your password or an email link. You can connect an account whose verified email address is{' '}
          <strong className="text-foreground">{email}</strong>.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {message ? <FormMessage tone={message.tone}>{message.text}</FormMessage> : null}
        {!emailVerified ? <p className="text-sm text-muted">Confirm your email address to connect a provider.</p> : null}
        <ul className="divide-y divide-border rounded-lg border border-border">
          {providers.map((provider) => {
            const connected = linked.includes(provider.id);
            return (
              <li key={provider.id} className="flex items-center justify-between gap-3 px-4 py-3">
                <div className="flex items-center gap-2">
                  <span className="font-medium">{provider.name}</span>
                  <Badge tone={connected ? 'success' : 'neutral'} dot>
                    {connected ? 'Connected' : 'Not connected'}
                  </Badge>
                </div>
                {connected || (provider.available && emailVerified) ? (
                  <ProviderForm provider={provider.id} name={provider.name} connected={connected} action={connected ? actions.disconnect : actions.connect} />
                ) : null}
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
