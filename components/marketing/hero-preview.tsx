import { cn } from '@/components/ui/cn';
import { BotIcon, DashboardIcon, JournalIcon, MoneyIcon, PricingIcon, SettingsIcon, TesseraMark } from '@/components/ui/icons';
import { Sparkline } from './sparkline';

const nav = [
  { label: 'Dashboard', Icon: DashboardIcon, active: true },
  { label: 'Bots', Icon: BotIcon },
  { label: 'Journal', Icon: JournalIcon },
  { label: 'Money', Icon: MoneyIcon },
  { label: 'Pricing', Icon: PricingIcon },
  { label: 'Settings', Icon: SettingsIcon },
];

const tiles = [
  { name: 'Bots', Icon: BotIcon, tone: 'text-bots bg-bots/12', kpi: '+$1,284', label: 'Paper P&L, 30 days', color: 'var(--bots)', points: [4, 6, 5, 8, 7, 10, 9, 12, 14, 13, 16] },
  { name: 'Journal', Icon: JournalIcon, tone: 'text-journal bg-journal/12', kpi: '58%', label: 'Win rate, 112 trades', color: 'var(--journal)', points: [50, 52, 49, 55, 54, 57, 56, 58, 57, 59, 58] },
  { name: 'Money', Icon: MoneyIcon, tone: 'text-money bg-money/12', kpi: '$3,420', label: 'Spent of $4,000 budget', color: 'var(--money)', points: [2, 5, 7, 9, 12, 15, 17, 19, 22, 24, 26] },
  { name: 'Pricing', Icon: PricingIcon, tone: 'text-pricing bg-pricing/12', kpi: '31.4%', label: 'Gross margin, 840 SKUs', color: 'var(--pricing)', points: [28, 28, 29, 28, 30, 29, 30, 31, 30, 31, 31.4] },
];

const bars = [38, 52, 44, 61, 57, 70, 66, 82, 75, 88, 84, 96];

/** A static picture of a workspace dashboard, drawn in HTML so it stays sharp and theme-aware. */
export function HeroPreview() {
  return (
    <div
      role="img"
      aria-label="Illustration of a planned Tessera workspace dashboard with one summary card per product and a net-worth chart"
      className="overflow-hidden rounded-2xl border border-border bg-surface shadow-[0_30px_80px_-20px_rgb(15_23_42/0.35)] ring-1 ring-black/5"
    >
      <div className="flex items-center gap-2 border-b border-border bg-surface-muted px-4 py-2.5">
        <span className="size-2.5 rounded-full bg-[#ff5f57]" />
        <span className="size-2.5 rounded-full bg-[#febc2e]" />
        <span className="size-2.5 rounded-full bg-[#28c840]" />
        <span className="mx-auto rounded-md border border-border bg-surface px-3 py-0.5 text-[0.6875rem] text-muted">app.tessera.dev/w/okafor-household</span>
      </div>
      <div className="flex">
        <div className="hidden w-48 shrink-0 flex-col gap-0.5 border-r border-border bg-surface-muted/50 p-3 md:flex">
          <div className="mb-3 flex items-center gap-2 rounded-lg border border-border bg-surface px-2 py-1.5">
            <TesseraMark className="size-5" />
            <span className="truncate text-xs font-semibold">Okafor household</span>
          </div>
          {nav.map(({ label, Icon, active }) => (
            <div
              key={label}
              className={cn(
                'flex items-center gap-2 rounded-md px-2 py-1.5 text-xs',
                active ? 'bg-surface font-medium text-foreground shadow-card' : 'text-muted',
              )}
            >
              <Icon className="size-3.5" />
              {label}
            </div>
          ))}
        </div>
        <div className="min-w-0 flex-1 p-4 sm:p-5">
          <div className="flex items-end justify-between gap-3">
            <div>
              <p className="text-[0.6875rem] text-muted">Tuesday, 14 October</p>
              <p className="text-sm font-semibold sm:text-base">Good morning, Ada</p>
            </div>
            <span className="hidden rounded-full border border-success-border bg-success-soft px-2 py-0.5 text-[0.6875rem] font-medium text-success sm:inline">
              3 bots running
            </span>
          </div>
          <div className="mt-4 grid grid-cols-2 gap-2.5 lg:grid-cols-4">
            {tiles.map((tile) => (
              <div key={tile.name} className="rounded-xl border border-border bg-surface p-3 shadow-card">
                <div className="flex items-center gap-1.5">
                  <span className={cn('flex size-5 items-center justify-center rounded-md', tile.tone)}>
                    <tile.Icon className="size-3" />
                  </span>
                  <span className="text-[0.6875rem] font-medium text-muted">{tile.name}</span>
                </div>
                <p className="mt-2 text-base font-semibold tracking-tight tabular sm:text-lg">{tile.kpi}</p>
                <p className="truncate text-[0.625rem] text-muted">{tile.label}</p>
                <Sparkline points={tile.points} color={tile.color} className="mt-2 h-7 w-full" />
              </div>
            ))}
          </div>
          <div className="mt-2.5 hidden grid-cols-5 gap-2.5 sm:grid">
            <div className="col-span-3 rounded-xl border border-border bg-surface p-3 shadow-card">
              <div className="flex items-baseline justify-between">
                <p className="text-xs font-medium">Net worth</p>
                <p className="text-[0.6875rem] font-medium text-success">+8.2% this year</p>
              </div>
              <div className="mt-3 flex h-20 items-end gap-1.5">
                {bars.map((h, i) => (
                  <span key={i} className="flex-1 rounded-sm bg-accent/80" style={{ height: `${h}%`, opacity: 0.45 + (i / bars.length) * 0.55 }} />
                ))}
              </div>
            </div>
            <div className="col-span-2 rounded-xl border border-border bg-surface p-3 shadow-card">
              <p className="text-xs font-medium">Recent activity</p>
              <ul className="mt-2 flex flex-col gap-2 text-[0.6875rem] text-muted">
                <li className="flex gap-1.5"><span className="mt-1 size-1.5 shrink-0 rounded-full bg-bots" />BTC ladder filled safety order 2</li>
                <li className="flex gap-1.5"><span className="mt-1 size-1.5 shrink-0 rounded-full bg-pricing" />12 price changes approved</li>
                <li className="flex gap-1.5"><span className="mt-1 size-1.5 shrink-0 rounded-full bg-money" />October statement imported</li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
