import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProductCardGrid } from '@/components/dashboard/product-card';
import { RecentActivity } from '@/components/dashboard/recent-activity';
import { PlanBanner } from '@/components/billing/plan-banner';
import { AppShell } from '@/components/shell/app-shell';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Chart } from '@/components/ui/chart';
import { PageHeader } from '@/components/ui/page-header';
import { activity, equity, productCards } from '../demo-data';

export const metadata: Metadata = { title: 'App shell preview', robots: { index: false } };

// Stand-in for the real sign-out action, which the (app) layout passes in.
async function previewSignOut() {
  'use server';
}

export default async function ShellPreviewPage() {
  // Development servers only: a production build (`next start`, staging included) answers 404,
  // whatever APP_ENV says. NODE_ENV is fixed at build time, so this holds for every request.
  if (process.env.NODE_ENV !== 'development') notFound();
  const current = { slug: 'okafor-household', name: 'Okafor household' };
  return (
    <AppShell
      user={{ name: 'Ada Okafor', email: 'ada@example.com' }}
      workspaces={[current, { slug: 'ada-trading', name: 'Ada’s trading desk' }, { slug: 'lagos-threads', name: 'Lagos Threads store' }]}
      current={current}
      signOutAction={previewSignOut}
      banner={
        <PlanBanner
          alert={{ kind: 'quota', metric: 'money.imported_rows', label: 'imported rows', used: 460, quota: 500, percent: 92, level: 'critical', planName: 'Free' }}
          billingHref="#"
          usageHref="#"
          canManageBilling
        />
      }
    >
      <div className="flex flex-col gap-6">
        <PageHeader title="Good morning, Ada" description="Here is what changed in Okafor household since yesterday." actions={<Button variant="secondary">Invite member</Button>} />
        <ProductCardGrid workspaceSlug={current.slug} cards={productCards} />
        <div className="grid gap-6 lg:grid-cols-[1.6fr_1fr]">
          <Card>
            <CardContent>
              <Chart kind="line" title="Net worth" data={equity} format="currency" />
            </CardContent>
          </Card>
          <RecentActivity items={activity} timeZone="Europe/London" viewAllHref={`/w/${current.slug}/settings/audit`} />
        </div>
      </div>
    </AppShell>
  );
}
