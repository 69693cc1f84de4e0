export { describeEmailBackend, devMailboxEnabled, emailBackend, type EmailBackend } from './backend';
export { REDACTED_BODY, type EmailMessage } from './message';
export { queueEmail, startEmailDelivery, type QueuedEmail } from './queue-email';
export { deliverEmail, EmailDeliveryError, sweepQueuedEmails, type DeliveryOutcome, type SweepResult } from './deliver-email';
export { getMailboxMessage, listMailbox, type MailboxEntry, type MailboxMessage } from './mailbox';
export { extractLinks, type EmailLink } from './links';
