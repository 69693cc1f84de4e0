import { CheckIcon, MinusIcon } from '@/components/ui/icons';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { comparison, plans, type PlanId } from './plans';

function Value({ value }: { value: string | boolean }) {
  if (value === true) return <CheckIcon className="mx-auto size-5 text-success" title="Included" />;
  if (value === false) return <MinusIcon className="mx-auto size-5 text-subtle" title="Not included" />;
  return <span>{value}</span>;
}

export function PlanComparison() {
  const ids: PlanId[] = plans.map((p) => p.id);
  return (
    // Wider than a phone: the feature column stays put while the plans scroll past it, and the
    // right edge is shaded while more plans lie beyond it (globals.css .scroll-shade-x).
    <Table
      className="min-w-[36rem] table-fixed"
      aria-labelledby="compare-title"
      scrollRegionLabel="Compare plans, scrolls sideways"
      wrapperClassName="scroll-shade-x"
    >
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className="sticky left-0 z-10 w-[28%] bg-surface-muted sm:w-[34%]">Feature</TableHead>
          {plans.map((plan) => (
            <TableHead key={plan.id} className="w-[24%] text-center sm:w-[22%]">
              {plan.name}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      {comparison.map((group) => (
        <TableBody key={group.title}>
          <tr className="bg-surface-muted/70">
            <th scope="rowgroup" colSpan={ids.length + 1} className="px-4 py-2.5 text-left text-sm font-semibold">
              {/* Sticky inner span: the label stays in view while the table scrolls sideways on phones. */}
              <span className="sticky left-4">
                {group.title}
              </span>
            </th>
          </tr>
          {group.rows.map((row) => (
            <TableRow key={row.feature}>
              <th scope="row" className="sticky left-0 z-10 bg-surface px-4 py-3 text-left font-normal text-muted">
                {row.feature}
              </th>
              {ids.map((id) => (
                <td key={id} className="px-4 py-3 text-center text-foreground">
                  <Value value={row.values[id]} />
                </td>
              ))}
            </TableRow>
          ))}
        </TableBody>
      ))}
    </Table>
  );
}
