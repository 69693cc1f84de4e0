import type { ReactNode } from 'react';
import { Card, CardContent } from '@/components/ui/card';

/** A result inside the auth layout (link confirmed, link expired, email sent): what happened, then what to do. */
export function AuthResultCard({ icon, title, children, actions }: { icon?: ReactNode; title: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <Card>
      <CardContent className="py-8 text-center sm:py-10">
        {icon ? (
          <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-xl border border-border bg-surface-muted text-muted [&_svg]:size-6">
            {icon}
          </div>
        ) : null}
        <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
        <div className="mt-3 space-y-2 text-sm leading-relaxed text-pretty text-muted">{children}</div>
        {actions ? <div className="mt-7 flex flex-col items-stretch justify-center gap-2 sm:flex-row sm:items-center">{actions}</div> : null}
      </CardContent>
    </Card>
  );
}
