import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountForm, ACCOUNT_TYPE_LABELS } from '@/components/money/accounts/account-form';
import { MoneyTabs } from '@/components/money/money-tabs';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { currencyCode, formatMoney } from '@/lib/currency';
import { listAccountsWithBalances } from '@/lib/money/accounts';
import { zonedDay } from '@/lib/time';
import { createAccountAction } from './actions';

export const metadata: Metadata = { title: 'Accounts · Money' };

export default async function MoneyAccountsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace, can, read } = await requireWorkspacePage((await params).workspace);
  const today = zonedDay(new Date(), workspace.timezone);
  const accounts = await read((tx) => listAccountsWithBalances(tx, { today }));
  const base = `/w/${workspace.slug}/money`;
  const money = (minor: bigint, currency: string) => formatMoney(minor, currencyCode(currency));

  return (
    <div className="space-y-8">
      <PageHeader
        title="Accounts"
        description="The household's bank accounts, cards and cash. Balances are the opening balance plus every cleared transaction; a statement's closing balance that disagrees is shown, never silently accepted."
        tabs={<MoneyTabs workspace={workspace.slug} />}
      />
      {accounts.length ? (
        <Table scrollRegionLabel="Accounts">
          <TableHeader>
            <TableRow>
              <TableHead>Account</TableHead>
              <TableHead>Kind</TableHead>
              <TableHead numeric>Balance</TableHead>
              <TableHead numeric>Available credit</TableHead>
              <TableHead>Statement check</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {accounts.map((account) => (
              <TableRow key={account.id}>
                <TableCell>
                  <Link className="font-medium hover:underline" href={`${base}/transactions?account=${account.id}`}>
                    {account.name}
                  </Link>
                  {account.institution ? <span className="block text-xs text-muted">{account.institution}</span> : null}
                </TableCell>
                <TableCell>
                  {ACCOUNT_TYPE_LABELS[account.type as keyof typeof ACCOUNT_TYPE_LABELS]} · {account.currency}
                  {account.nextDueOn ? <span className="block text-xs text-muted">Payment due {account.nextDueOn}</span> : null}
                </TableCell>
                <TableCell numeric className={account.balanceMinor < 0n ? 'text-danger' : undefined}>
                  {money(account.balanceMinor, account.currency)}
                </TableCell>
                <TableCell numeric>{account.availableCreditMinor !== null ? money(account.availableCreditMinor, account.currency) : '—'}</TableCell>
                <TableCell>
                  {account.mismatch ? (
                    <span>
                      <Badge tone="danger">Mismatch</Badge>{' '}
                      <span className="text-xs text-muted">
                        the statement says {money(account.mismatch.statedMinor, account.currency)}
                        {account.mismatch.on ? ` on ${account.mismatch.on}` : ''}, the transactions come to {money(account.mismatch.computedMinor, account.currency)}
                      </span>
                    </span>
                  ) : (
                    <span className="text-sm text-muted">—</span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <p className="text-sm text-muted">No accounts yet. Add the first one below, then import its bank export on the Imports tab.</p>
      )}
      {can('products.write') ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Add an account</CardTitle>
          </CardHeader>
          <CardContent>
            <AccountForm workspace={workspace.slug} action={createAccountAction} defaultCurrency={workspace.currency} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
