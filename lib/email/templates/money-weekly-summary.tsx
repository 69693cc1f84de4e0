import { Action, Details, EmailLayout, greeting, P, Small } from './layout';

export type MoneyWeeklySummaryProps = {
  name: string | null;
  workspaceName: string;
  /** "2 – 8 Mar 2026" */
  weekLabel: string;
  /** Income, spending, net — formatted. */
  totals: [string, string][];
  topCategories: [string, string][];
  topBuckets: [string, string][];
  /** "Groceries: £92.00 / £100.00 (92%)" */
  budgetsAtRisk: string[];
  /** "Netflix · 12 Mar · £10.99" */
  upcoming: string[];
  moneyUrl: string;
  settingsUrl: string;
};

export const moneyWeeklySummarySubject = ({ workspaceName, weekLabel }: MoneyWeeklySummaryProps) => `Your week in ${workspaceName}: ${weekLabel}`;

function List({ title, items }: { title: string; items: string[] }) {
  if (!items.length) return null;
  return (
    <>
      <P>
        <strong>{title}</strong>
      </P>
      {items.map((item) => (
        <P key={item}>• {item}</P>
      ))}
    </>
  );
}

export function MoneyWeeklySummaryEmail(props: MoneyWeeklySummaryProps) {
  const { name, workspaceName, weekLabel, totals, topCategories, topBuckets, budgetsAtRisk, upcoming, moneyUrl, settingsUrl } = props;
  return (
    <EmailLayout preview={`${weekLabel}: ${totals.map(([k, v]) => `${k} ${v}`).join(', ')}`} heading={`Last week in ${workspaceName}`}>
      <P>{greeting(name)}</P>
      <P>Here is {weekLabel} (transfers between your own accounts left out).</P>
      <Details rows={totals} />
      {topCategories.length ? (
        <>
          <P>
            <strong>Top categories</strong>
          </P>
          <Details rows={topCategories} />
        </>
      ) : null}
      {topBuckets.length ? (
        <>
          <P>
            <strong>Top buckets</strong>
          </P>
          <Details rows={topBuckets} />
        </>
      ) : null}
      <List title="Budgets at risk" items={budgetsAtRisk} />
      <List title="Coming up this week" items={upcoming} />
      <Action href={moneyUrl} label="Open Money" />
      <Small>You get this because you turned on the weekly summary. Turn it off at {settingsUrl}.</Small>
    </EmailLayout>
  );
}
