import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ProductCardGrid } from '@/components/dashboard/product-card';
import { RecentActivity } from '@/components/dashboard/recent-activity';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { Chart } from '@/components/ui/chart';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField } from '@/components/ui/form-field';
import * as Icons from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Select } from '@/components/ui/select';
import { Separator } from '@/components/ui/separator';
import { Skeleton } from '@/components/ui/skeleton';
import { Stat } from '@/components/ui/stat';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { activity, dailyPnl, equity, productCards } from './demo-data';
import { GallerySection } from './gallery-section';
import { ToastDemo } from './toast-demo';

export const metadata: Metadata = { title: 'Design system', robots: { index: false } };

const iconEntries = Object.entries(Icons).filter(([name]) => name.endsWith('Icon') || name === 'TesseraMark') as [
  string,
  (props: Icons.IconProps) => ReactNode,
][];

export default async function DesignSystemPage() {
  // Development servers only: a production build (`next start`, staging included) answers 404,
  // whatever APP_ENV says. NODE_ENV is fixed at build time, so this holds for every request.
  if (process.env.NODE_ENV !== 'development') notFound();

  return (
    <div className="min-h-dvh bg-background">
      <main className="mx-auto max-w-6xl px-5 py-10 sm:px-8">
        <PageHeader
          label={
            <span className="inline-flex items-center gap-2">
              <Icons.TesseraMark className="size-4" /> Tessera · development only
            </span>
          }
          title="Design system"
          description="Every primitive in components/ui, in its states. Check both 1280px and 390px widths after a change."
          actions={
            <Button href="/dev/ui/shell" variant="secondary">
              App shell preview
            </Button>
          }
        />

        <div className="mt-8" />
        <GallerySection id="buttons" title="Button">
          <div className="flex flex-col gap-5">
            <div className="flex flex-wrap items-center gap-3">
              <Button>Primary</Button>
              <Button variant="secondary">Secondary</Button>
              <Button variant="ghost">Ghost</Button>
              <Button variant="danger">Delete bot</Button>
              <Button href="/pricing" variant="secondary">
                As a link <Icons.ArrowRightIcon className="size-4" />
              </Button>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <Button size="sm">Small</Button>
              <Button size="md">Medium</Button>
              <Button size="lg">Large</Button>
              <Button size="icon" variant="secondary" aria-label="Add">
                <Icons.PlusIcon />
              </Button>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <Button loading loadingText="Saving…">
                Save
              </Button>
              <Button variant="secondary" loading>
                Importing
              </Button>
              <Button disabled>Disabled</Button>
              <Button variant="danger" disabled>
                Disabled danger
              </Button>
            </div>
          </div>
        </GallerySection>

        <GallerySection id="forms" title="Form field · Input · Textarea · Select · Label">
          <form className="grid max-w-3xl gap-5 sm:grid-cols-2">
            <FormField id="bot-name" label="Bot name" hint="Shown in alerts and the audit trail." required>
              <Input name="name" placeholder="BTC ladder" />
            </FormField>
            <FormField id="base-order" label="Base order (USDT)" error="Must be at least 10 USDT, the exchange minimum.">
              <Input name="baseOrder" type="number" defaultValue="5" inputMode="decimal" />
            </FormField>
            <FormField id="exchange" label="Exchange">
              <Select name="exchange" defaultValue="bybit">
                <option value="bybit">Bybit</option>
                <option value="phemex">Phemex</option>
                <option value="paper">Paper only</option>
              </Select>
            </FormField>
            <FormField id="disabled-field" label="Workspace slug" hint="Can’t be changed after creation.">
              <Input name="slug" defaultValue="okafor-household" disabled />
            </FormField>
            <FormField id="notes" label="Notes" optional className="sm:col-span-2">
              <Textarea name="notes" placeholder="Why this setup? What would make you stop it?" />
            </FormField>
            <div className="flex gap-2 sm:col-span-2">
              <Button type="button">Create bot</Button>
              <Button type="button" variant="ghost">
                Cancel
              </Button>
            </div>
          </form>
        </GallerySection>

        <GallerySection id="cards" title="Card">
          <div className="grid gap-5 md:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>Exchange connection</CardTitle>
                <CardDescription>Trade-only API key for Bybit. Keys are encrypted and never shown again.</CardDescription>
              </CardHeader>
              <CardContent>
                <div className="flex items-center gap-2 text-sm">
                  <Badge tone="success" dot>
                    Connected
                  </Badge>
                  <span className="text-muted">Last checked 2 minutes ago</span>
                </div>
              </CardContent>
              <CardFooter>
                <Button size="sm" variant="secondary">
                  Rotate key
                </Button>
                <Button size="sm" variant="ghost">
                  Disconnect
                </Button>
              </CardFooter>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Import progress</CardTitle>
                <CardDescription>October.csv · Barclays template</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                <ProgressBar label="Parsing rows" value={812} max={1204} valueText="812 of 1,204 rows" />
                <ProgressBar label="Categorising" value={null} />
              </CardContent>
            </Card>
          </div>
        </GallerySection>

        <GallerySection id="stats" title="Stat">
          <Card>
            <CardContent className="grid grid-cols-2 gap-6 lg:grid-cols-4">
              <Stat label="Equity" value="$17,450" delta={{ value: '+2.8%', trend: 'up', label: 'this month' }} />
              <Stat label="Max drawdown" value="−6.1%" delta={{ value: '+1.2 pts', trend: 'up', sentiment: 'negative', label: 'vs last month' }} />
              <Stat label="Open bots" value="3" delta={{ value: '0', trend: 'flat' }} />
              <Stat label="Gross margin" value="31.4%" hint="840 products tracked" />
            </CardContent>
          </Card>
        </GallerySection>

        <GallerySection id="charts" title="Chart">
          <div className="grid gap-5 lg:grid-cols-2">
            <Card>
              <CardContent>
                <Chart kind="line" title="Account equity, 2026" data={equity} format="currency" color="bots" />
              </CardContent>
            </Card>
            <Card>
              <CardContent>
                <Chart kind="bar" title="Daily P&L, last week" data={dailyPnl} format="currency" color="money" />
              </CardContent>
            </Card>
            <Card>
              <CardContent>
                <Chart kind="bar" title="Win rate by month" data={equity.map((d, i) => ({ label: d.label, value: 0.42 + ((i * 7) % 11) / 50 }))} format="percent" color="journal" height={160} />
              </CardContent>
            </Card>
            <Card>
              <CardContent>
                <Chart kind="line" title="Competitor price index" data={[]} />
              </CardContent>
            </Card>
          </div>
        </GallerySection>

        <GallerySection id="table" title="Table">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Date</TableHead>
                <TableHead>Description</TableHead>
                <TableHead>Category</TableHead>
                <TableHead numeric>Amount</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {[
                ['3 Nov 2026', 'Tesco Superstore', 'Groceries', '−$84.20', 'neutral'],
                ['2 Nov 2026', 'Salary — Acme Ltd', 'Income', '$4,250.00', 'success'],
                ['1 Nov 2026', 'Octopus Energy', 'Utilities', '−$112.60', 'neutral'],
                ['1 Nov 2026', 'Unknown merchant 8812', 'Uncategorised', '−$19.99', 'warning'],
              ].map(([date, desc, cat, amount, tone]) => (
                <TableRow key={desc}>
                  <TableCell className="whitespace-nowrap text-muted">{date}</TableCell>
                  <TableCell className="font-medium">{desc}</TableCell>
                  <TableCell>
                    <Badge tone={tone as 'neutral' | 'success' | 'warning'}>{cat}</Badge>
                  </TableCell>
                  <TableCell numeric className={amount!.startsWith('−') ? '' : 'text-success'}>
                    {amount}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </GallerySection>

        <GallerySection id="overlays" title="Dialog · Toast">
          <div className="flex flex-col gap-5">
            <div className="flex flex-wrap gap-3">
              <Dialog
                trigger="Delete bot…"
                triggerVariant="danger"
                title="Delete “BTC ladder”?"
                description="Open paper positions are closed. Its backtests and trade history stay in the journal."
                footer={
                  <>
                    <DialogClose />
                    <Button variant="danger">Delete bot</Button>
                  </>
                }
              >
                <FormField id="confirm-name" label="Type the bot name to confirm">
                  <Input name="confirm" autoComplete="off" />
                </FormField>
              </Dialog>
              <Dialog trigger="Keyboard shortcuts" title="Keyboard shortcuts" size="sm" footer={<DialogClose variant="primary">Done</DialogClose>}>
                <p className="text-muted">Escape closes this dialog, Tab stays inside it, and focus returns to the button afterwards.</p>
              </Dialog>
            </div>
            <ToastDemo />
          </div>
        </GallerySection>

        <GallerySection id="badges" title="Badge · Avatar · Separator · Skeleton">
          <div className="flex flex-col gap-6">
            <div className="flex flex-wrap gap-2">
              <Badge>Draft</Badge>
              <Badge tone="success" dot>
                Running
              </Badge>
              <Badge tone="warning">Needs review</Badge>
              <Badge tone="danger" dot>
                Stopped
              </Badge>
              <Badge tone="info">Paper</Badge>
            </div>
            <div className="flex items-center gap-3">
              <Avatar name="Ada Okafor" size="lg" />
              <Avatar name="Tunde Okafor" />
              <Avatar name={null} email="sam.lee@example.com" size="sm" />
              <div className="mx-2 h-8">
                <Separator orientation="vertical" />
              </div>
              <span className="text-sm text-muted">Initials from the name, else from the email</span>
            </div>
            <Separator />
            <div className="flex max-w-md items-center gap-4" role="status" aria-label="Loading example">
              <Skeleton className="size-12 rounded-full" />
              <div className="flex flex-1 flex-col gap-2">
                <Skeleton className="h-4 w-3/4" />
                <Skeleton className="h-3 w-1/2" />
              </div>
            </div>
          </div>
        </GallerySection>

        <GallerySection id="progress" title="Progress bar">
          <div className="grid max-w-2xl gap-5">
            <ProgressBar label="Backtest BTC/USDT · 2024–2026" value={64} />
            <ProgressBar label="Monthly bot quota" value={9} max={10} valueText="9 of 10 live bots" tone="warning" />
            <ProgressBar label="Budget: Eating out" value={100} tone="danger" valueText="$412 of $400" />
            <ProgressBar label="Syncing competitor prices" value={null} size="sm" />
          </div>
        </GallerySection>

        <GallerySection id="empty" title="Empty state">
          <div className="grid gap-5 md:grid-cols-2">
            <EmptyState
              icon={<Icons.BotIcon />}
              title="No bots yet"
              text="Create a DCA bot and run it on paper first. Nothing trades for real until you switch it to live."
              action={
                <>
                  <Button size="sm">
                    <Icons.PlusIcon className="size-4" /> Create a bot
                  </Button>
                  <Button size="sm" variant="ghost">
                    Read the guide
                  </Button>
                </>
              }
            />
            <EmptyState title="No matching transactions" text="Try a wider date range or clear the category filter." action={<Button size="sm" variant="secondary">Clear filters</Button>} />
          </div>
        </GallerySection>

        <GallerySection id="dashboard" title="Dashboard widgets (components/dashboard)">
          <div className="flex flex-col gap-5 rounded-2xl bg-surface-muted p-4 sm:p-6">
            <ProductCardGrid workspaceSlug="okafor-household" cards={productCards} />
            <div className="grid gap-5 lg:grid-cols-2">
              <RecentActivity items={activity} timeZone="Europe/London" viewAllHref="/w/okafor-household/settings/audit" />
              <RecentActivity items={[]} />
            </div>
          </div>
        </GallerySection>

        <GallerySection id="icons" title="Icons (components/ui/icons.tsx)">
          <ul className="grid grid-cols-3 gap-3 sm:grid-cols-6 lg:grid-cols-8">
            {iconEntries.map(([name, Icon]) => (
              <li key={name} className="flex flex-col items-center gap-2 rounded-lg border border-border p-3 text-center">
                <Icon className="size-6" />
                <span className="w-full truncate text-[0.625rem] text-muted">{name.replace('Icon', '')}</span>
              </li>
            ))}
          </ul>
        </GallerySection>

        <p className="border-t border-border pt-6 text-sm text-muted">
          Also see <Link href="/offline" className="font-medium text-accent hover:underline">/offline</Link> and the{' '}
          <Link href="/dev/ui/does-not-exist" className="font-medium text-accent hover:underline">404 page</Link>.
        </p>
      </main>
    </div>
  );
}
