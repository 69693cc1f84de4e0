// npm run billing:override -- --workspace acme --plan enterprise --price-minor 19900 --until 2027-12-31 \
//   --note "Contract #42" --by ops@tessera.dev        (set or replace)
// npm run billing:override -- --workspace acme --clear --note "Contract ended" --by ops@tessera.dev
// The admin override (Enterprise contracts, courtesy plans) from the operator's command line; every
// change is an audit event in the workspace's trail. Uses DATABASE_URL (or the local PGlite).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { clearPlanOverride, planOverrideSchema, setPlanOverride } from '@/lib/billing/plan-override';

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    plan: { type: 'string' },
    'price-minor': { type: 'string' },
    until: { type: 'string' },
    note: { type: 'string' },
    by: { type: 'string' },
    clear: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

try {
  if (values.clear) {
    const input = z.object({ workspace: z.string().min(1), by: z.email(), note: z.string().min(1) }).safeParse(values);
    if (!input.success) fail(z.prettifyError(input.error));
    await withSystem('admin: clear plan override', (tx) => clearPlanOverride(tx, input.data));
    process.stdout.write(`Override cleared for ${input.data.workspace}.\n`);
  } else {
    const input = planOverrideSchema.safeParse({ ...values, priceMinor: values['price-minor'] });
    if (!input.success) fail(z.prettifyError(input.error));
    await withSystem('admin: set plan override', (tx) => setPlanOverride(tx, input.data));
    process.stdout.write(`${input.data.workspace} is on ${input.data.plan}${input.data.until ? ` until ${input.data.until.toISOString()}` : ''}.\n`);
  }
  process.exit(0);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
