import type { Metadata } from 'next';
import Link from 'next/link';
import { LegalPage, LegalSection } from '@/components/marketing/legal-page';

export const metadata: Metadata = {
  title: 'Privacy policy',
  description: 'What Tessera collects, why, who processes it, and how to export or delete your data.',
};

export default function PrivacyPage() {
  return (
    <LegalPage
      title="Privacy policy"
      updated="1 November 2026"
      intro="Tessera holds some of the most sensitive data people have: bank transactions, trading history and business margins. This policy says what we collect, why, and how you stay in control of it."
    >
      <LegalSection id="controller" title="1. Who we are">
        <p>
          Tessera (“we”, “us”) provides the Tessera service. For account data we are the data controller. For the content you put
          into a workspace — transactions, trades, bots, products and prices — we act as a processor on behalf of the workspace
          owner. Questions go to <a href="mailto:privacy@tessera.dev">privacy@tessera.dev</a>.
        </p>
      </LegalSection>
      <LegalSection id="collect" title="2. What we collect">
        <ul>
          <li>Account data: name, email address, password hash, two-factor settings, time zone.</li>
          <li>Workspace content: what you and your members import or enter, such as bank CSV files, trades, bot settings and store catalogues.</li>
          <li>Connection secrets: exchange API keys and store credentials, encrypted at rest and never displayed again.</li>
          <li>Billing data: plan, invoices and the payment reference from our payment processor. We never see full card numbers.</li>
          <li>Security and usage logs: sign-ins, IP addresses, device information and the audit trail of changes in a workspace.</li>
        </ul>
      </LegalSection>
      <LegalSection id="use" title="3. How we use it">
        <ul>
          <li>To run the service you asked for: execute bots, compute analytics, categorise transactions and propose prices.</li>
          <li>To keep accounts secure: detect abuse, rate-limit sign-in attempts and keep the audit trail.</li>
          <li>To bill you and to meet legal obligations such as tax records.</li>
          <li>To send service email: sign-in links, invitations, receipts and alerts you enabled.</li>
        </ul>
        <p>We do not sell personal data, show ads, or use your workspace content to train models.</p>
      </LegalSection>
      <LegalSection id="legal-bases" title="4. Legal bases">
        <p>
          We process data to perform our contract with you, to comply with legal obligations, and for our legitimate interest in
          keeping the service secure. Where we rely on consent, for example for optional product email, you can withdraw it at any
          time.
        </p>
      </LegalSection>
      <LegalSection id="processors" title="5. Who processes data for us">
        <p>We use a small number of sub-processors, each bound by a data processing agreement:</p>
        <ul>
          <li>Hosting and database infrastructure, in the European Union.</li>
          <li>Stripe, for payments and invoices, once paid plans open.</li>
          <li>Resend, for transactional email.</li>
        </ul>
        <p>Trading bots send orders to the exchanges you connect; those exchanges handle that data under their own terms.</p>
      </LegalSection>
      <LegalSection id="security" title="6. How we protect it">
        <p>
          Every record belongs to exactly one workspace and the database enforces that with row-level security. Connections are
          encrypted in transit, secrets are encrypted at rest, two-factor authentication is available to every user, and changes
          are recorded in an audit trail that workspace owners can review.
        </p>
      </LegalSection>
      <LegalSection id="rights" title="7. Your rights">
        <p>
          You can access, correct, export and delete your data. Owners can export a whole workspace (JSON and CSV) from its
          privacy settings, restore an export into a new workspace, and schedule a workspace’s deletion from its settings: it is
          deleted 30 days later unless an owner cancels. In Account → Privacy you can export everything about you (with every
          workspace you own) and delete your account: it is erased 30 days later unless you cancel, and audit trails then show a
          pseudonym instead of you. For anything else write to <a href="mailto:privacy@tessera.dev">privacy@tessera.dev</a>. You
          may also object to or restrict processing, and complain to your data protection authority. We answer within 30 days.
        </p>
      </LegalSection>
      <LegalSection id="retention" title="8. How long we keep it">
        <p>
          Workspace content is kept until you delete it or the workspace. Nightly snapshots of a workspace are kept for 30 days. Billing
          records are kept as long as tax law requires. Security logs are kept for up to one year.
        </p>
      </LegalSection>
      <LegalSection id="changes" title="9. Changes">
        <p>
          If we change this policy in a way that matters, we will email workspace owners at least 14 days before it takes effect.
          See also our <Link href="/legal/terms">terms of service</Link>.
        </p>
      </LegalSection>
    </LegalPage>
  );
}
