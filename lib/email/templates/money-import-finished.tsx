import { Action, Details, EmailLayout, greeting, P, Small } from './layout';

export type MoneyImportFinishedProps = {
  name: string | null;
  workspaceName: string;
  fileName: string;
  accountName: string;
  outcome: 'ready' | 'needs_mapping' | 'failed';
  /** Why it failed, in words a person can act on. */
  reason: string | null;
  rows: [string, string][];
  importUrl: string;
};

const HEADINGS = {
  ready: (file: string) => `${file} is ready to review`,
  needs_mapping: (file: string) => `${file} needs a mapping`,
  failed: (file: string) => `${file} could not be imported`,
} as const;

export const moneyImportFinishedSubject = ({ fileName, outcome }: MoneyImportFinishedProps) => HEADINGS[outcome](fileName);

export function MoneyImportFinishedEmail({ name, workspaceName, fileName, accountName, outcome, reason, rows, importUrl }: MoneyImportFinishedProps) {
  const heading = HEADINGS[outcome](fileName);
  return (
    <EmailLayout preview={heading} heading={heading}>
      <P>{greeting(name)}</P>
      {outcome === 'ready' ? (
        <P>
          Tessera read {fileName} for {accountName} in {workspaceName}. Nothing is written until you look at the preview and commit it.
        </P>
      ) : outcome === 'needs_mapping' ? (
        <P>
          {fileName} for {accountName} in {workspaceName} is a CSV layout Tessera doesn’t know yet. Say once which column is what; the layout is kept for the next file.
        </P>
      ) : (
        <P>
          {fileName} for {accountName} in {workspaceName} could not be read{reason ? `: ${reason}` : '.'}
        </P>
      )}
      {rows.length ? <Details rows={rows} /> : null}
      <Action href={importUrl} label={outcome === 'ready' ? 'Review the import' : outcome === 'needs_mapping' ? 'Map the columns' : 'Open the import'} />
      <Small>You get this email for the bank files you upload to Money.</Small>
    </EmailLayout>
  );
}
