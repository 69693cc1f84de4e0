import { envSchema } from '@/lib/env/schema';
import { isProductionEnv } from '@/lib/env';

export type WorkflowBackend = 'inngest' | 'inngest-dev' | 'inline';

const inngestEnv = envSchema.pick({ INNGEST_EVENT_KEY: true, INNGEST_SIGNING_KEY: true, INNGEST_DEV: true });

export type InngestSettings = {
  backend: WorkflowBackend;
  eventKey: string | undefined;
  signingKey: string | undefined;
};

/**
 * Read straight from the environment rather than env(): the Inngest client is built at module
 * load (also during `next build`), where env() would create local secrets as a side effect.
 */
export function inngestSettings(source: NodeJS.ProcessEnv = process.env): InngestSettings {
  const parsed = inngestEnv.parse(source);
  const keyed = Boolean(parsed.INNGEST_EVENT_KEY && parsed.INNGEST_SIGNING_KEY);
  // The dev server never stands in for Inngest Cloud in production, even if the flag leaked in.
  const backend: WorkflowBackend =
    parsed.INNGEST_DEV && !isProductionEnv(source) ? 'inngest-dev' : keyed ? 'inngest' : 'inline';
  return { backend, eventKey: parsed.INNGEST_EVENT_KEY, signingKey: parsed.INNGEST_SIGNING_KEY };
}

export function workflowBackend(source: NodeJS.ProcessEnv = process.env): WorkflowBackend {
  return inngestSettings(source).backend;
}

/** One line for the start-up log and /admin/system. */
export function describeWorkflowBackend(source: NodeJS.ProcessEnv = process.env): string {
  const parsed = inngestEnv.parse(source);
  switch (workflowBackend(source)) {
    case 'inngest':
      return 'workflows: Inngest Cloud (INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY), served at /api/inngest';
    case 'inngest-dev':
      return 'workflows: Inngest dev server (INNGEST_DEV=1), served at /api/inngest';
    case 'inline': {
      const partial = parsed.INNGEST_EVENT_KEY || parsed.INNGEST_SIGNING_KEY;
      return `workflows: inline runner in-process with cron ticker${partial ? ' (Inngest needs both INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY; one is missing)' : ''}`;
    }
  }
}
