import { z } from 'zod';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BotActions } from '@/components/bots/bot-actions';
import { BotStatusBadge } from '@/components/bots/bot-status-badge';
import { DealTable, OlderLink, RunLogTable, TradeTable } from '@/components/bots/detail/history-tables';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Chart } from '@/components/ui/chart';
import { PageHeader } from '@/components/ui/page-header';
import { Stat } from '@/components/ui/stat';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { EXCHANGE_LABELS } from '@/lib/bots/bot-input';
import { getBotOrThrow, isLive, type BotItem } from '@/lib/bots/bots';
import { formatPnl, formatQuote, formatRate, intervalLabel, nextRunText, pnlTone } from '@/lib/bots/present/format';
import { decodeTimeCursor, encodeTimeCursor, type TimeCursor } from '@/lib/bots/read/cursor';
import { listDeals } from '@/lib/bots/read/deals';
import { balanceSeries, botPerformance } from '@/lib/bots/read/performance';
import { listRunLogs } from '@/lib/bots/read/run-logs';
import { listTrades } from '@/lib/bots/read/trades';
import { STRATEGIES } from '@/lib/bots/strategies';
import { AppError } from '@/lib/errors/app-error';
import { formatInZone } from '@/lib/time';
import { deleteBotAction, pauseBotAction, resumeBotAction, runBotNowAction, startBotAction, stopBotAction } from '../actions';


const PAGE = 25;
const LISTS = ['trades', 'deals', 'runs'] as const;
type Search = Partial<Record<(typeof LISTS)[number], string | string[]>>;

export async function generateMetadata({ params }: { params: Promise<{ workspace: string; bot: string }> }): Promise<Metadata> {
  const { workspace, bot } = await params;
  if (!z.uuid().safeParse(bot).success) return { title: 'Bot' };
  const page = await requireWorkspacePage(workspace);
  const item = await page.read((tx) => getBotOrThrow(tx, bot)).catch(() => null);
  return { title: item?.name ?? 'Bot' };
}

function exchangeLine(bot: BotItem): string {
  if (bot.exchange === 'paper') return `Paper, starting from ${bot.paperStartingBalance ?? '10000'} ${bot.quoteCurrency}`;
  return `${EXCHANGE_LABELS[bot.exchange]} · ${isLive(bot) ? 'live' : 'testnet'} · keys ${bot.credentialsHint ?? 'missing'}`;
}

export default async function BotPage({ params, searchParams }: { params: Promise<{ workspace: string; bot: string }>; searchParams: Promise<Search> }) {
  const { workspace: slug, bot: botId } = await params;
  if (!z.uuid().safeParse(botId).success) notFound();
  const { workspace, can, read } = await requireWorkspacePage(slug);
  const search = await searchParams;
  const before = (name: (typeof LISTS)[number]): TimeCursor | undefined => decodeTimeCursor(search[name]);

  const data = await read(async (tx) => {
    const bot = await getBotOrThrow(tx, botId);
    return {
      bot,
      performance: await botPerformance(tx, botId),
      balance: await balanceSeries(tx, botId),
      trades: await listTrades(tx, botId, { limit: PAGE, before: before('trades') }),
      deals: await listDeals(tx, botId, { limit: PAGE, before: before('deals') }),
      runs: await listRunLogs(tx, botId, { limit: PAGE, before: before('runs') }),
    };
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const { bot, performance, balance, trades, deals, runs } = data;
  const base = `/w/${workspace.slug}/bots`;
  const tz = workspace.timezone;
  const olderHref = (name: (typeof LISTS)[number], cursor: TimeCursor | null) => {
    if (!cursor) return null;
    const query = new URLSearchParams();
    for (const list of LISTS) if (list !== name && typeof search[list] === 'string') query.set(list, search[list] as string);
    query.set(name, encodeTimeCursor(cursor));
    return `${base}/${bot.id}?${query.toString()}`;
  };
  // A paper bot's line starts from its starting balance, so the first fill's fee already shows.
  const balanceLine = bot.exchange === 'paper' && bot.paperStartingBalance ? [{ at: bot.createdAt, balance: bot.paperStartingBalance }, ...balance] : balance;
  const tone = { positive: 'up', negative: 'down', neutral: 'flat' } as const;
  const net = pnlTone(performance.netPnl);

  return (
    <div className="space-y-8">
      <RefreshWhileActive active={bot.status === 'active'} intervalMs={5_000} />
      <PageHeader
        label={
          <Link href={base} className="hover:underline">
            Bots
          </Link>
        }
        title={bot.name}
        description={`${STRATEGIES[bot.strategy].label} · ${exchangeLine(bot)}`}
        actions={
          can('products.write') ? (
            <>
              <BotActions
                workspace={workspace.slug}
                botId={bot.id}
                botName={bot.name}
                status={bot.status}
                live={isLive(bot)}
                actions={{ start: startBotAction, pause: pauseBotAction, resume: resumeBotAction, runNow: runBotNowAction, stop: stopBotAction, remove: deleteBotAction }}
              />
              <Button href={`${base}/${bot.id}/edit`} variant="secondary" size="sm">
                Edit
              </Button>
            </>
          ) : null
        }
      />

      <Card>
        <CardContent className="grid gap-6 pt-6 sm:grid-cols-2 lg:grid-cols-4">
          <dl className="space-y-1 text-sm">
            <dt className="text-muted">Status</dt>
            <dd>
              <BotStatusBadge status={bot.status} everRan={bot.lastRunAt !== null} />
            </dd>
            {bot.status === 'error' && bot.errorReason ? <dd className="pt-1 text-danger">{bot.errorReason}</dd> : null}
            {bot.consecutiveFailures > 0 && bot.status !== 'error' ? <dd className="pt-1 text-warning">{bot.consecutiveFailures} failed run(s) in a row</dd> : null}
          </dl>
          <dl className="space-y-1 text-sm">
            <dt className="text-muted">Last run</dt>
            <dd data-testid="bot-last-run">{bot.lastRunAt ? formatInZone(bot.lastRunAt, tz, 'date-time-seconds') : 'Not yet'}</dd>
          </dl>
          <dl className="space-y-1 text-sm">
            <dt className="text-muted">Next run</dt>
            <dd>{nextRunText(bot, tz)}</dd>
          </dl>
          <dl className="space-y-1 text-sm">
            <dt className="text-muted">Schedule</dt>
            <dd>{intervalLabel(bot.runIntervalMinutes)}</dd>
          </dl>
        </CardContent>
      </Card>

      <section aria-labelledby="performance" className="space-y-4">
        <h2 id="performance" className="text-lg font-semibold">
          Performance
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Card>
            <CardContent className="pt-5">
              <Stat label="Net P&L" value={formatPnl(performance.netPnl, bot.quoteCurrency)} delta={net === 'neutral' ? undefined : { value: net === 'positive' ? 'profit' : 'loss', trend: tone[net] }} hint={`after ${formatQuote(performance.fees, bot.quoteCurrency)} in fees`} />
            </CardContent>
          </Card>
          <Card>
            <CardContent className="pt-5">
              <Stat label="Total trades" value={performance.totalTrades} hint={`${performance.openDeals} open deal(s)`} />
            </CardContent>
          </Card>
          <Card>
            <CardContent className="pt-5">
              <Stat label="Win rate" value={formatRate(performance.winRate)} hint={`${performance.winningDeals} of ${performance.closedDeals} closed deals`} />
            </CardContent>
          </Card>
          <Card>
            <CardContent className="pt-5">
              <Stat label="Realised before fees" value={formatPnl(performance.realisedPnl, bot.quoteCurrency)} />
            </CardContent>
          </Card>
        </div>
        <Card>
          <CardContent className="pt-5" data-testid="bot-balance-chart">
            <Chart
              kind="line"
              color="bots"
              title={`Balance (${bot.quoteCurrency})`}
              baseline="data"
              data={balanceLine.map((point) => ({ label: formatInZone(point.at, tz, 'date-time'), value: Number(point.balance) }))}
            />
          </CardContent>
        </Card>
      </section>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Pairs</CardTitle>
          <CardDescription>Edits take effect on the next run.</CardDescription>
        </CardHeader>
        <CardContent className="px-0 py-0 sm:px-0">
          <Table scrollRegionLabel="Pairs" wrapperClassName="rounded-none border-0 shadow-none">
            <TableHeader>
              <TableRow>
                <TableHead>Symbol</TableHead>
                <TableHead>Side</TableHead>
                <TableHead numeric>Leverage</TableHead>
                <TableHead>Mode</TableHead>
                <TableHead>Active</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {bot.pairs.map((pair) => (
                <TableRow key={pair.id}>
                  <TableCell className="font-medium">{pair.symbol}</TableCell>
                  <TableCell>{pair.side}</TableCell>
                  <TableCell numeric>{pair.leverage}×</TableCell>
                  <TableCell>{pair.automatic ? 'Opens deals by itself' : 'Manages open positions only'}</TableCell>
                  <TableCell>{pair.active ? 'Yes' : 'No'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      <section aria-labelledby="trades" className="space-y-3">
        <h2 id="trades" className="text-lg font-semibold">
          Trades
        </h2>
        <TradeTable trades={trades.items} currency={bot.quoteCurrency} timeZone={tz} />
        <OlderLink href={olderHref('trades', trades.nextCursor)} />
      </section>

      <section aria-labelledby="deals" className="space-y-3">
        <h2 id="deals" className="text-lg font-semibold">
          Deals
        </h2>
        <DealTable deals={deals.items} currency={bot.quoteCurrency} timeZone={tz} />
        <OlderLink href={olderHref('deals', deals.nextCursor)} />
      </section>

      <section aria-labelledby="runs" className="space-y-3">
        <h2 id="runs" className="text-lg font-semibold">
          Run log
        </h2>
        <RunLogTable runs={runs.items} timeZone={tz} />
        <OlderLink href={olderHref('runs', runs.nextCursor)} />
      </section>
    </div>
  );
}
