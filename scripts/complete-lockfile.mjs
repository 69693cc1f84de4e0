// The npm registry mirror these machines use has no manifests for other platforms' native
// packages (e.g. @tailwindcss/oxide-darwin-arm64), so npm 11 leaves them out of the lockfile and
// `npm ci` then refuses the lock as "Missing: … from lock file". This adds a version-only optional
// entry for each one; npm skips them at install (wrong platform or not found), as it does for any
// optional dependency. Run after `npm install` changes package-lock.json: `npm run lock:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [location, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    packages[hoisted] = { version, optional: true, ...(meta.dev ? { dev: true } : {}) };
    added += 1;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: ${added} optional platform entr${added === 1 ? 'y' : 'ies'} added\n`);
