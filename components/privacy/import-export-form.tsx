'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult, FormAction } from '@/lib/actions/form-state';

type Target = { key: string; url: string; method: 'PUT'; headers: Record<string, string> };

/**
 * "Import an export": the owner picks a Tessera export zip (from this or another installation);
 * the browser uploads it straight to storage through a signed target, then asks for the restore.
 */
export function ImportExportForm({
  workspace,
  targetAction,
  restoreAction,
}: {
  workspace: string;
  targetAction: FormAction<Target>;
  restoreAction: FormAction<{ restoreId: string }>;
}) {
  const router = useRouter();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();

  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    data.set('workspace', workspace);
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };
  const failed = (result: ActionResult<unknown>) => (result.ok ? null : (Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error.message));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (!file) return setError('Choose a Tessera export zip first.');
    startTransition(async () => {
      const target = await targetAction(null, form({ size: String(file.size) }));
      if (!target.ok) return setError(failed(target));
      const put = await fetch(target.data.url, { method: target.data.method, headers: target.data.headers, body: file }).catch(() => null);
      if (!put || !put.ok) return setError('The upload did not finish. Please try again.');
      const restore = await restoreAction(null, form({ key: target.data.key }));
      if (!restore.ok) return setError(failed(restore));
      setDone(true);
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col items-start gap-3" noValidate>
      <label htmlFor={inputId} className="text-sm font-medium">
        Export zip
      </label>
      <input
        id={inputId}
        name="file"
        type="file"
        accept=".zip,application/zip"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        className="text-sm"
      />
      <Button type="submit" loading={pending}>
        {pending ? 'Uploading…' : 'Upload and restore'}
      </Button>
      {done ? (
        <p role="status" className="text-sm text-muted">
          Uploaded. The restore has started: see Restores below.
        </p>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </form>
  );
}
