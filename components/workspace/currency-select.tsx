import { Select, type SelectProps } from '@/components/ui/select';
import type { CurrencyChoice } from '@/lib/tenancy/workspace-fields';

export function CurrencySelect({ choices, ...props }: Omit<SelectProps, 'children'> & { choices: readonly CurrencyChoice[] }) {
  return (
    <Select {...props}>
      {choices.map((choice) => (
        <option key={choice.code} value={choice.code}>
          {choice.label}
        </option>
      ))}
    </Select>
  );
}
