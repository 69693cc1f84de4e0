'use client';

import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

export function ToastDemo() {
  const { toast } = useToast();
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => toast({ title: 'Bot saved', description: 'BTC ladder will start on the next candle.', tone: 'success' })}>
        Success toast
      </Button>
      <Button variant="secondary" onClick={() => toast({ title: 'Import queued', description: '1,204 rows from October.csv', tone: 'info' })}>
        Info toast
      </Button>
      <Button variant="secondary" onClick={() => toast({ title: 'Plan limit reached', description: '2 of 2 paper bots in use.', tone: 'warning' })}>
        Warning toast
      </Button>
      <Button variant="secondary" onClick={() => toast({ title: 'Exchange rejected the key', description: 'Check that the key has trading permission.', tone: 'danger' })}>
        Error toast
      </Button>
    </div>
  );
}
