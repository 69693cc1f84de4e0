import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

/** The entry point stays visible so people know where it will be; the flow ships with the privacy tools. */
export function DeleteAccountCard() {
  return (
    <Card className="border-danger-border">
      <CardHeader>
        <CardTitle as="h2">Delete account</CardTitle>
        <CardDescription>
          Deleting your account will remove your profile and sign you out everywhere. Workspaces you own must be transferred or deleted
          first.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p id="delete-account-note" className="text-sm text-muted">
          Self-service deletion and a full data export arrive with the privacy tools. Until then, email support to close your account.
        </p>
        <Button variant="danger" disabled aria-describedby="delete-account-note">
          Delete account
        </Button>
      </CardContent>
    </Card>
  );
}
