import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';

export type AuditFilterValues = { action?: string; actor?: string; from?: string; to?: string };

/**
 * A plain GET form: the filters live in the URL, so a filtered view can be bookmarked or shared
 * with another admin, and it works before any JavaScript loads.
 */
export function AuditFilterForm({
  action,
  values,
  actions,
  actors,
}: {
  /** The page's own path; submitting drops the cursor so results start at the newest again. */
  action: string;
  values: AuditFilterValues;
  actions: Array<{ value: string; label: string }>;
  actors: Array<{ value: string; label: string }>;
}) {
  const filtered = Boolean(values.action || values.actor || values.from || values.to);
  return (
    <form method="get" action={action} role="search" aria-label="Filter the audit log" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_auto_auto] lg:items-end">
      <FormField id="audit-action" label="Action">
        <Select name="action" defaultValue={values.action ?? ''}>
          <option value="">All actions</option>
          {actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField id="audit-actor" label="Actor">
        <Select name="actor" defaultValue={values.actor ?? ''}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField id="audit-from" label="From">
        <Input type="date" name="from" defaultValue={values.from ?? ''} />
      </FormField>
      <FormField id="audit-to" label="To">
        <Input type="date" name="to" defaultValue={values.to ?? ''} />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit">Filter</Button>
        {filtered ? (
          <Button href={action} variant="ghost">
            Clear
          </Button>
        ) : null}
      </div>
    </form>
  );
}
