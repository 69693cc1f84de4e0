import { auditIntegrity } from './audit-integrity';
import { outboxSweep } from './outbox-sweep';
import { platformHello } from './platform-hello';

/** Everything app/api/inngest serves. A workflow added to lib/jobs/catalog.ts needs its function here. */
export const functions = [platformHello, outboxSweep, auditIntegrity];
