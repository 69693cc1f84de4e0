'use client';

import { useEffect, useRef } from 'react';
import { Select, type SelectProps } from '@/components/ui/select';

/**
 * A native select of IANA zones. With `detect`, the browser's own zone replaces the default once
 * mounted (the server can't know it), unless the user already picked one.
 */
export function TimeZoneSelect({
  zones,
  defaultValue,
  detect = false,
  ...props
}: Omit<SelectProps, 'children' | 'defaultValue'> & { zones: readonly string[]; defaultValue: string; detect?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const select = ref.current?.querySelector('select');
    if (!detect || !select || select.value !== defaultValue) return;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browserZone && zones.includes(browserZone)) select.value = browserZone;
  }, [detect, defaultValue, zones]);
  return (
    <div ref={ref}>
      <Select defaultValue={defaultValue} {...props}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, ' ')}
          </option>
        ))}
      </Select>
    </div>
  );
}
