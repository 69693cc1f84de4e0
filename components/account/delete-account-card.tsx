import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

/** The profile page points to where deletion lives, so nobody has to hunt for it. */
export function DeleteAccountCard() {
  return (
    <Card className="border-danger-border">
      <CardHeader>
        <CardTitle as="h2">Delete account</CardTitle>
        <CardDescription>
          Export your data first if you want a copy. Deleting your account erases your profile after 30 days, during which you can cancel; for each
          workspace you alone own, you choose who takes it over or whether it is deleted.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Link href="/account/privacy#delete-account" className={buttonClasses({ variant: 'danger' })}>
          Delete account…
        </Link>
      </CardContent>
    </Card>
  );
}
