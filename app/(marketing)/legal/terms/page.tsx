import type { Metadata } from 'next';
import Link from 'next/link';
import { LegalPage, LegalSection } from '@/components/marketing/legal-page';

export const metadata: Metadata = {
  title: 'Terms of service',
  description: 'The agreement between you and Tessera for using Bots, Journal, Money and Pricing.',
};

export default function TermsPage() {
  return (
    <LegalPage
      title="Terms of service"
      updated="1 November 2026"
      intro="These terms are the agreement between you and Tessera. The short version: it’s your data and your decisions, we run the software carefully, and trading is risky."
    >
      <LegalSection id="accounts" title="1. Accounts and workspaces">
        <p>
          You need an account to use Tessera and must keep your credentials safe. A workspace belongs to its owner, who decides who
          else can access it and in which role. Owners are responsible for the people they invite.
        </p>
      </LegalSection>
      <LegalSection id="plans" title="2. Plans and billing">
        <ul>
          <li>Paid plans are billed monthly per workspace in advance and renew until cancelled.</li>
          <li>Upgrades take effect immediately and are prorated; downgrades and cancellations take effect at the end of the period.</li>
          <li>If a payment fails we retry and notify the owner; after 14 days the workspace moves to the Free plan. No data is deleted.</li>
          <li>Prices may change with at least 30 days’ notice by email.</li>
        </ul>
      </LegalSection>
      <LegalSection id="trading" title="3. Trading bots are your decisions">
        <p>
          Tessera is software, not a broker, exchange or financial adviser, and nothing in it is investment advice. Bots execute the
          rules you configure on the exchange accounts you connect. Backtests and paper trading are simulations and do not
          guarantee future results. Markets can move faster than any bot; you can lose money, including more than you expected. You
          are responsible for your bots’ settings, your exchange account and any taxes.
        </p>
      </LegalSection>
      <LegalSection id="pricing" title="4. Automated store pricing">
        <p>
          In semi-auto and full-auto modes Tessera changes prices in your store within the rules you set. Check your floors, ceilings
          and margin guards. You remain the seller and are responsible for the prices you offer and for complying with consumer and
          competition law.
        </p>
      </LegalSection>
      <LegalSection id="use" title="5. Acceptable use">
        <ul>
          <li>Don’t use Tessera for market manipulation, wash trading or anything unlawful.</li>
          <li>Don’t try to access other workspaces, probe the service’s security without permission, or overload it.</li>
          <li>Respect the terms of the exchanges, banks and websites you connect.</li>
        </ul>
      </LegalSection>
      <LegalSection id="data" title="6. Your data">
        <p>
          You keep all rights to the content you put into Tessera and grant us only what we need to run the service. You can have
          it exported or deleted at any time, as described in our <Link href="/legal/privacy">privacy policy</Link>.
        </p>
      </LegalSection>
      <LegalSection id="availability" title="7. Availability and changes">
        <p>
          We work to keep Tessera available and will announce planned maintenance in advance. We may improve or change features;
          if we remove something material from a paid plan, we will tell you first and you may cancel with a prorated refund.
        </p>
      </LegalSection>
      <LegalSection id="liability" title="8. Liability">
        <p>
          To the extent the law allows, Tessera is not liable for trading losses, lost profits or indirect damages, and our total
          liability is limited to the amount you paid us in the twelve months before the claim. Nothing in these terms limits
          liability that cannot be limited by law.
        </p>
      </LegalSection>
      <LegalSection id="ending" title="9. Ending the agreement">
        <p>
          You can delete your account at any time. We may suspend or close accounts that break these terms, with notice unless the
          breach puts others at risk. After closure you can ask for an export of your data for 30 days.
        </p>
      </LegalSection>
      <LegalSection id="contact" title="10. Contact">
        <p>
          Questions about these terms: <a href="mailto:legal@tessera.dev">legal@tessera.dev</a>.
        </p>
      </LegalSection>
    </LegalPage>
  );
}
