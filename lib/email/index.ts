export { describeEmailBackend, devMailboxEnabled, emailBackend, type EmailBackend } from './backend';
export { EmailDeliveryError, sendEmail, type EmailInput, type SentEmail } from './send-email';
export { getMailboxMessage, listMailbox, type MailboxEntry, type MailboxMessage } from './mailbox';
export { extractLinks, type EmailLink } from './links';
