import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

// Inline styles only: mail clients drop <style> blocks and class names unpredictably.
const colors = { text: '#0f172a', muted: '#64748b', border: '#e2e8f0', accent: '#4f46e5', page: '#f8fafc' };

const styles = {
  body: { backgroundColor: colors.page, fontFamily: 'ui-sans-serif, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', border: `1px solid ${colors.border}`, borderRadius: '12px', margin: '0 auto', maxWidth: '520px', padding: '32px 28px' },
  wordmark: { color: colors.text, fontSize: '18px', fontWeight: 700, letterSpacing: '-0.01em', margin: '0 0 24px' },
  heading: { color: colors.text, fontSize: '22px', fontWeight: 600, lineHeight: '1.3', margin: '0 0 16px' },
  paragraph: { color: colors.text, fontSize: '15px', lineHeight: '1.6', margin: '0 0 16px' },
  button: { backgroundColor: colors.accent, borderRadius: '8px', color: '#ffffff', display: 'inline-block', fontSize: '15px', fontWeight: 600, padding: '12px 20px', textDecoration: 'none' },
  small: { color: colors.muted, fontSize: '13px', lineHeight: '1.6', margin: '0 0 12px' },
  fallback: { color: colors.accent, fontSize: '13px', wordBreak: 'break-all' as const },
  hr: { borderColor: colors.border, margin: '28px 0 16px' },
  footer: { color: colors.muted, fontSize: '12px', lineHeight: '1.6', margin: 0 },
  detailLabel: { color: colors.muted, fontSize: '13px', margin: '0' },
  detailValue: { color: colors.text, fontSize: '15px', margin: '0 0 10px' },
};

export function EmailLayout({ preview, heading, children }: { preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          {/* Plain text, not a link: the first link of every email is its action (the dev mailbox and e2e rely on it). */}
          <Text style={styles.wordmark}>Tessera</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={styles.hr} />
          <Text style={styles.footer}>
            Tessera — bots, journal, money and pricing in one workspace. You received this email because of activity on your
            Tessera account.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

export function Small({ children }: { children: ReactNode }) {
  return <Text style={styles.small}>{children}</Text>;
}

/** The action, plus the raw URL for clients that block buttons. */
export function Action({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Section style={{ margin: '8px 0 24px' }}>
        <Button href={href} style={styles.button}>
          {label}
        </Button>
      </Section>
      <Text style={styles.small}>
        If the button doesn’t work, paste this link into your browser:
        <br />
        <Link href={href} style={styles.fallback}>
          {href}
        </Link>
      </Text>
    </>
  );
}

export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={{ color: colors.accent }}>
      {children}
    </Link>
  );
}

export function Details({ rows }: { rows: Array<[string, string]> }) {
  return (
    <Section style={{ backgroundColor: colors.page, border: `1px solid ${colors.border}`, borderRadius: '8px', margin: '0 0 20px', padding: '14px 16px 4px' }}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text style={styles.detailLabel}>{label}</Text>
          <Text style={styles.detailValue}>{value}</Text>
        </div>
      ))}
    </Section>
  );
}

export function greeting(name: string | null | undefined): string {
  const first = name?.trim().split(/\s+/)[0];
  return first ? `Hi ${first},` : 'Hi,';
}
