import { describe, expect, it } from 'vitest';
import { renderEmail, TEMPLATE_NAMES, type TemplateName, type TemplateProps } from '@/lib/email/templates';
import { extractLinks } from '@/lib/email/links';

const when = new Date('2030-05-04T12:30:00Z');
const link = (path: string) => `https://app.test${path}?token=tok_${path.replace(/\W/g, '')}`;

const samples: { [K in TemplateName]: { props: TemplateProps[K]; link: string } } = {
  welcome: { props: { name: 'Ada Lovelace', url: link('/w/ada') }, link: link('/w/ada') },
  'verify-email': { props: { name: 'Ada', url: link('/verify-email'), expiresInHours: 24 }, link: link('/verify-email') },
  'magic-link': { props: { url: link('/api/auth/callback/email'), expiresInMinutes: 15 }, link: link('/api/auth/callback/email') },
  'password-reset': { props: { name: null, url: link('/reset-password'), expiresInMinutes: 60 }, link: link('/reset-password') },
  'password-changed': { props: { name: 'Ada', when, ip: '203.0.113.9', resetUrl: link('/forgot-password') }, link: link('/forgot-password') },
  'new-sign-in': {
    props: { name: 'Ada', device: 'Chrome on macOS', ip: '203.0.113.9', when, resetUrl: link('/forgot-password') },
    link: link('/forgot-password'),
  },
  invitation: {
    props: { workspaceName: 'Acme', inviterName: 'Grace', role: 'Admin', url: link('/invite/abc'), expiresAt: when },
    link: link('/invite/abc'),
  },
  'email-change-verify': {
    props: { name: 'Ada', newEmail: 'new@example.test', url: link('/account/email/confirm'), expiresInHours: 24 },
    link: link('/account/email/confirm'),
  },
  'email-changed-notice': {
    props: { name: 'Ada', oldEmail: 'old@example.test', newEmail: 'new@example.test', when, resetUrl: link('/forgot-password') },
    link: link('/forgot-password'),
  },
  'account-exists': { props: { name: 'Ada', signInUrl: link('/sign-in'), resetUrl: link('/forgot-password') }, link: link('/sign-in') },
  'store-sign-up': { props: { name: 'Ada', planName: 'Pro', email: 'ada@example.test', url: link('/sign-up') }, link: link('/sign-up') },
  'billing-payment-failed': {
    props: { name: 'Ada', workspaceName: 'Acme', planName: 'Pro', graceUntil: when, day: 0, url: link('/w/acme/settings/billing') },
    link: link('/w/acme/settings/billing'),
  },
  'billing-subscription-canceled': {
    props: { name: 'Ada', workspaceName: 'Acme', planName: 'Team', url: link('/w/acme/settings/billing') },
    link: link('/w/acme/settings/billing'),
  },
  'billing-receipt': {
    props: { name: 'Ada', workspaceName: 'Acme', amount: '$19.00', number: 'INV-0001', paidAt: when, url: link('/invoice') },
    link: link('/invoice'),
  },
  'billing-trial-ending': {
    props: { name: 'Ada', workspaceName: 'Acme', planName: 'Pro', endsAt: when, url: link('/w/acme/settings/billing') },
    link: link('/w/acme/settings/billing'),
  },
  'webhook-disabled': {
    props: {
      name: 'Ada',
      workspaceName: 'Acme',
      endpointUrl: 'https://hooks.example.test/tessera',
      failingSince: when,
      lastError: 'HTTP 500',
      settingsUrl: link('/w/acme/settings'),
    },
    link: link('/w/acme/settings'),
  },
  'bot-alert': {
    props: {
      name: 'Ada',
      workspaceName: 'Acme',
      botName: 'BTC ladder',
      headline: 'stopped after 3 failed runs',
      message: 'The bot failed three runs in a row, so Tessera stopped it.',
      rows: [['Last error', 'The exchange refused the API key.']],
      botUrl: link('/w/acme/bots/123'),
    },
    link: link('/w/acme/bots/123'),
  },
  'money-budget-alert': {
    props: {
      name: 'Ada',
      workspaceName: 'Acme',
      budgetName: 'Groceries',
      line: 'Budget warning: £85.00 / £100.00 (85%)',
      rows: [['Spent', '£85.00']],
      budgetsUrl: link('/w/acme/money/budgets'),
      settingsUrl: 'https://app.test/w/acme/money/settings',
    },
    link: link('/w/acme/money/budgets'),
  },
  'money-import-finished': {
    props: {
      name: 'Ada',
      workspaceName: 'Acme',
      fileName: 'bofa.csv',
      accountName: 'Joint checking',
      outcome: 'ready',
      reason: null,
      rows: [['New', '346']],
      importUrl: link('/w/acme/money/imports/123'),
    },
    link: link('/w/acme/money/imports/123'),
  },
  'money-weekly-summary': {
    props: {
      name: 'Ada',
      workspaceName: 'Acme',
      weekLabel: '23 Nov 2026 – 29 Nov 2026',
      totals: [['Income', '£2,400.00'], ['Spending', '£310.50'], ['Net', '£2,089.50']],
      topCategories: [['Groceries', '£120.00']],
      topBuckets: [['groceries', '£120.00']],
      budgetsAtRisk: ['Groceries: £92.00 / £100.00 (92%)'],
      upcoming: ['Netflix · 3 Dec 2026 · £10.99'],
      moneyUrl: link('/w/acme/money'),
      settingsUrl: 'https://app.test/w/acme/money/settings',
    },
    link: link('/w/acme/money'),
  },
  'workspace-deletion': {
    props: { name: 'Ada', workspaceName: 'Acme', stage: 'scheduled', when, requestedBy: 'Grace', settingsUrl: link('/w/acme/settings') },
    link: link('/w/acme/settings'),
  },
  'export-ready': {
    props: {
      name: 'Ada',
      workspaceName: 'Acme',
      downloadUrl: link('/api/storage/download/export.zip'),
      expiresAt: when,
      bytes: 2_500_000,
      sha256: 'ab'.repeat(32),
    },
    link: link('/api/storage/download/export.zip'),
  },
  'account-deletion': {
    props: { name: 'Ada', stage: 'confirm', when, url: link('/account/privacy/delete?token=abc'), workspaces: ['Acme: handed to Grace'] },
    link: link('/account/privacy/delete?token=abc'),
  },
};

describe('email templates', () => {
  it.each(TEMPLATE_NAMES)('%s renders HTML and plain text that both carry its link', async (name) => {
    const sample = samples[name];
    const email = await renderEmail(name, sample.props as never);
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.html).toContain('Tessera');
    expect(email.text).toContain(sample.link);
    expect(email.text).not.toContain('<');
    // The action is the first link, which is what the dev mailbox and e2e tests follow.
    expect(extractLinks(email.html, email.text)[0]?.href).toBe(sample.link);
  });

  it('shows the sign-in details and the invitation facts', async () => {
    const signIn = await renderEmail('new-sign-in', samples['new-sign-in'].props);
    expect(signIn.text).toContain('Chrome on macOS');
    expect(signIn.text).toContain('203.0.113.9');
    expect(signIn.text).toMatch(/Wasn.t you\?/);
    const invite = await renderEmail('invitation', samples.invitation.props);
    expect(invite.subject).toBe('Grace invited you to Acme on Tessera');
    expect(invite.text).toContain('Admin');
    expect(invite.text).toContain('2030');
  });

  it('escapes what users typed', async () => {
    const email = await renderEmail('welcome', { name: '<script>alert(1)</script>', url: 'https://app.test/w' });
    expect(email.html).not.toContain('<script>alert(1)');
  });
});
