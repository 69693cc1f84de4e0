import { Action, Details, EmailLayout, greeting, P, Small } from './layout';

export type MoneyBudgetAlertProps = {
  name: string | null;
  workspaceName: string;
  budgetName: string;
  /** The reference's line: "Budget warning: £85.00 / £100.00 (85%)". */
  line: string;
  rows: [string, string][];
  budgetsUrl: string;
  settingsUrl: string;
};

export const moneyBudgetAlertSubject = ({ budgetName, line }: MoneyBudgetAlertProps) => `${budgetName} — ${line}`;

export function MoneyBudgetAlertEmail({ name, workspaceName, budgetName, line, rows, budgetsUrl, settingsUrl }: MoneyBudgetAlertProps) {
  return (
    <EmailLayout preview={line} heading={`${budgetName}: ${line}`}>
      <P>{greeting(name)}</P>
      <P>
        The {budgetName} budget in {workspaceName} reached a threshold. {line}.
      </P>
      {rows.length ? <Details rows={rows} /> : null}
      <Action href={budgetsUrl} label="Open budgets" />
      <Small>
        Budget alerts go to the workspace’s owners and admins, once per threshold and period. Thresholds are set on each budget; your Money email preferences are at {settingsUrl}.
      </Small>
    </EmailLayout>
  );
}
