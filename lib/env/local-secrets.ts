import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

type LocalSecrets = { AUTH_SECRET: string; ENCRYPTION_KEY: string };

const FILE = path.join(process.cwd(), '.data', 'secrets.json');

/** Generates the zero-config secrets once; later starts reuse them. Never used in production. */
export function loadLocalSecrets(): LocalSecrets {
  if (existsSync(FILE)) {
    const saved = JSON.parse(readFileSync(FILE, 'utf8')) as Partial<LocalSecrets>;
    if (saved.AUTH_SECRET && saved.ENCRYPTION_KEY) return saved as LocalSecrets;
  }
  const secrets: LocalSecrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
  mkdirSync(path.dirname(FILE), { recursive: true });
  writeFileSync(FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
