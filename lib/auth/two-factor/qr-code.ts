import QRCode from 'qrcode';

/** The enrolment QR code as an SVG data URL: crisp at any size, allowed by the CSP's `img-src data:`. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** "ABCD EFGH …": easier to copy by hand into an authenticator app. */
export function groupSecret(secret: string, size = 4): string {
  return secret.match(new RegExp(`.{1,${size}}`, 'g'))?.join(' ') ?? secret;
}
