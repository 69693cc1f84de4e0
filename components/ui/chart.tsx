import { useId } from 'react';
import { cn } from './cn';
import { formatValue, labelStep, niceScale, type ChartFormat } from './chart-scale';

export type ChartDatum = { label: string; value: number };

export type ChartProps = {
  data: ChartDatum[];
  kind: 'line' | 'bar';
  /** Visible caption and the accessible name of the graphic. */
  title: string;
  /** Longer description for screen readers; a summary is generated when omitted. */
  description?: string;
  format?: ChartFormat;
  /** ISO currency for format="currency". */
  currency?: string;
  /** Plot height in px; the width always follows the container. */
  height?: number;
  color?: 'accent' | 'bots' | 'journal' | 'money' | 'pricing';
  /** Line charts only: 'data' fits the axis to the values (balances, equity) instead of starting at 0. */
  baseline?: 'zero' | 'data';
  /** Hide the visible title when the surrounding card already shows it. */
  hideTitle?: boolean;
  className?: string;
};

const colours = {
  accent: 'var(--accent)',
  bots: 'var(--bots)',
  journal: 'var(--journal)',
  money: 'var(--money)',
  pricing: 'var(--pricing)',
} as const;

function summarise(data: ChartDatum[], kind: ChartProps['kind'], fmt: (n: number) => string): string {
  const first = data[0]!;
  const last = data[data.length - 1]!;
  const low = data.reduce((a, b) => (b.value < a.value ? b : a));
  const high = data.reduce((a, b) => (b.value > a.value ? b : a));
  return (
    `${kind === 'line' ? 'Line' : 'Bar'} chart with ${data.length} values from ${first.label} to ${last.label}. ` +
    `Lowest ${fmt(low.value)} (${low.label}), highest ${fmt(high.value)} (${high.label}). ` +
    `Starts at ${fmt(first.value)} and ends at ${fmt(last.value)}.`
  );
}

/**
 * Dependency-free responsive chart. The SVG plot stretches to its box (non-scaling strokes keep
 * lines crisp) while axis labels are HTML, so text never scales with the width.
 */
export function Chart({
  data,
  kind,
  title,
  description,
  format = 'number',
  currency,
  height = 200,
  color = 'accent',
  hideTitle,
  className,
  baseline = 'zero',
}: ChartProps) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const fmt = (n: number) => formatValue(n, format, currency);
  const stroke = colours[color];

  if (data.length === 0) {
    return (
      <figure className={cn('flex flex-col gap-3', className)}>
        <figcaption className={cn('text-sm font-medium text-foreground', hideTitle && 'sr-only')}>{title}</figcaption>
        <div
          className="flex items-center justify-center rounded-lg border border-dashed border-border-strong text-sm text-muted"
          style={{ height }}
        >
          No data for this period yet.
        </div>
      </figure>
    );
  }

  const { min, max, ticks } = niceScale(data.map((d) => d.value), 4, kind === 'bar' || baseline === 'zero');
  const y = (value: number) => 100 - ((value - min) / (max - min)) * 100;
  const n = data.length;
  const xLine = (i: number) => (n === 1 ? 50 : (i / (n - 1)) * 100);
  const xBar = (i: number) => ((i + 0.5) / n) * 100;
  const xOf = kind === 'line' ? xLine : xBar;
  // Bars and the area fill grow from 0, or from the axis's foot when 0 is off the scale.
  const zeroY = y(Math.min(Math.max(0, min), max));

  const linePath = data.map((d, i) => `${i === 0 ? 'M' : 'L'}${xLine(i).toFixed(3)},${y(d.value).toFixed(3)}`).join(' ');
  const areaPath = `${linePath} L${xLine(n - 1).toFixed(3)},${zeroY.toFixed(3)} L${xLine(0).toFixed(3)},${zeroY.toFixed(3)} Z`;
  const slot = 100 / n;
  const barWidth = Math.min(slot * 0.62, 14);

  const stepWide = labelStep(n, 8);
  const stepNarrow = labelStep(n, 4);
  const last = data[n - 1]!;

  return (
    <figure className={cn('flex min-w-0 flex-col gap-3', className)}>
      <figcaption className={cn('text-sm font-medium text-foreground', hideTitle && 'sr-only')}>{title}</figcaption>
      <div className="flex gap-2">
        <div aria-hidden="true" className="relative w-11 shrink-0 text-right text-[0.6875rem] text-muted tabular" style={{ height }}>
          {ticks.map((t) => (
            <span key={t} className="absolute right-0 -translate-y-1/2 leading-none whitespace-nowrap" style={{ top: `${y(t)}%` }}>
              {fmt(t)}
            </span>
          ))}
        </div>
        <div className="relative min-w-0 flex-1" style={{ height }}>
          <svg
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
            viewBox="0 0 100 100"
            preserveAspectRatio="none"
            className="absolute inset-0 size-full overflow-visible"
          >
            <title id={titleId}>{title}</title>
            <desc id={descId}>{description ?? summarise(data, kind, fmt)}</desc>
            <defs>
              <linearGradient id={`${uid}-fill`} x1="0" x2="0" y1="0" y2="1">
                <stop offset="0%" stopColor={stroke} stopOpacity="0.22" />
                <stop offset="100%" stopColor={stroke} stopOpacity="0" />
              </linearGradient>
            </defs>
            {ticks.map((t) => (
              <line
                key={t}
                x1="0"
                x2="100"
                y1={y(t)}
                y2={y(t)}
                stroke="var(--border)"
                strokeWidth={1}
                strokeDasharray={t === 0 ? undefined : '3 3'}
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {kind === 'line' ? (
              <>
                <path d={areaPath} fill={`url(#${uid}-fill)`} stroke="none" />
                <path
                  d={linePath}
                  fill="none"
                  stroke={stroke}
                  strokeWidth={2}
                  strokeLinejoin="round"
                  strokeLinecap="round"
                  vectorEffect="non-scaling-stroke"
                />
              </>
            ) : (
              data.map((d, i) => {
                const top = Math.min(y(d.value), zeroY);
                return (
                  <rect
                    key={`${d.label}-${i}`}
                    x={xBar(i) - barWidth / 2}
                    y={top}
                    width={barWidth}
                    height={Math.max(Math.abs(zeroY - y(d.value)), 0.4)}
                    fill={d.value < 0 ? 'var(--danger)' : stroke}
                    rx={0.6}
                  >
                    <title>{`${d.label}: ${fmt(d.value)}`}</title>
                  </rect>
                );
              })
            )}
          </svg>
          {kind === 'line' ? (
            // An HTML dot stays round while the SVG stretches.
            <span
              aria-hidden="true"
              className="absolute size-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-surface shadow-card"
              style={{ left: `${xLine(n - 1)}%`, top: `${y(last.value)}%`, background: stroke }}
            />
          ) : null}
        </div>
      </div>
      <div aria-hidden="true" className="relative ml-13 h-4 text-[0.6875rem] text-muted">
        {data.map((d, i) => {
          const wide = i % stepWide === 0;
          const narrow = i % stepNarrow === 0;
          if (!wide && !narrow) return null;
          const edge = kind === 'line' && n > 1 ? (i === 0 ? 'translate-x-0' : i === n - 1 ? '-translate-x-full' : '-translate-x-1/2') : '-translate-x-1/2';
          return (
            <span
              key={`${d.label}-${i}`}
              className={cn('absolute top-0 whitespace-nowrap', edge, narrow ? 'block' : 'hidden sm:block', !wide && 'sm:hidden')}
              style={{ left: `${xOf(i)}%` }}
            >
              {d.label}
            </span>
          );
        })}
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d, i) => (
            <tr key={`${d.label}-${i}`}>
              <th scope="row">{d.label}</th>
              <td>{fmt(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
