import { Button } from '@/components/ui/button';

/** One form per configured provider; the server action starts the OAuth redirect. */
export function OAuthButtons({
  providers,
  action,
  callbackUrl,
}: {
  providers: Array<{ id: string; name: string }>;
  callbackUrl?: string;
  action: (formData: FormData) => Promise<void>;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="grid gap-2">
      {providers.map((provider) => (
        <form key={provider.id} action={action}>
          <input type="hidden" name="provider" value={provider.id} />
          {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
          <Button type="submit" variant="secondary" className="w-full">
            Continue with {provider.name}
          </Button>
        </form>
      ))}
    </div>
  );
}
