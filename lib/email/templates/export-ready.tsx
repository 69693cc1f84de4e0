import { Action, Details, EmailLayout, greeting, P, Small } from './layout';
import { formatWhen } from './urls';

export type ExportReadyProps = {
  name: string | null;
  workspaceName: string;
  downloadUrl: string;
  expiresAt: Date;
  /** The zip's size in bytes. */
  bytes: number;
  sha256: string;
  timeZone?: string;
};

export const exportReadySubject = ({ workspaceName }: ExportReadyProps) => `Your data export of ${workspaceName} is ready`;

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function ExportReadyEmail({ name, workspaceName, downloadUrl, expiresAt, bytes, sha256, timeZone }: ExportReadyProps) {
  return (
    <EmailLayout preview="Download the zip with every row of your workspace." heading="Your data export is ready">
      <P>{greeting(name)}</P>
      <P>
        The export of {workspaceName} you asked for is ready: a zip with every table as JSON lines and CSV, a manifest and a README that explains how
        to check it.
      </P>
      <Action href={downloadUrl} label="Download the export" />
      <Details
        rows={[
          ['Size', size(bytes)],
          ['SHA-256', sha256],
          ['Link works until', formatWhen(expiresAt, timeZone)],
        ]}
      />
      <Small>Anyone with this link can download the export until it expires, so don&apos;t forward this email.</Small>
    </EmailLayout>
  );
}
