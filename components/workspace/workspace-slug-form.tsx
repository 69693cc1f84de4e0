'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';
import { fieldError, FormAlert, submitted } from './form-alert';

export function WorkspaceSlugForm({ workspace, action }: { workspace: string; action: FormAction<unknown> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="workspace" value={workspace} />
      <FormAlert state={state} />
      <FormField
        id="ws-slug"
        label="Workspace address"
        hint="Lowercase letters, digits and hyphens. Links to the old address keep working for members."
        error={fieldError(state, 'slug')}
        required
      >
        {(control) => (
          <div className="flex items-stretch">
            <span className="inline-flex items-center rounded-l-lg border border-r-0 border-border-strong bg-surface-muted px-3 text-sm text-muted">
              /w/
            </span>
            <Input {...control} name="slug" defaultValue={submitted(state, 'slug') ?? workspace} className="rounded-l-none" autoCapitalize="none" spellCheck={false} />
          </div>
        )}
      </FormField>
      <SubmitButton variant="secondary" pendingText="Changing…">
        Change address
      </SubmitButton>
    </form>
  );
}
