import { createHash } from 'node:crypto';

/**
 * @upstash/ratelimit 2.x scripts open with `#!lua flags=allow-key-locking`; Redis 7.0 rejects
 * that flag ("Unexpected flag in script shebang"). Only the unknown flag is removed; the line
 * itself stays (empty) so Lua error line numbers still match the original script.
 */
const UNSUPPORTED_FLAGS = new Set(['allow-key-locking']);
const SHEBANG = /^#!lua(?:[ \t]+flags=([^\s]*))?[ \t]*(?=\r?\n|$)/;

export function stripUnsupportedScriptFlags(script: string): string {
  const match = SHEBANG.exec(script);
  if (!match) return script;
  const flags = (match[1] ?? '').split(',').filter(Boolean);
  const kept = flags.filter((flag) => !UNSUPPORTED_FLAGS.has(flag));
  if (kept.length === flags.length) return script;
  const shebang = kept.length ? `#!lua flags=${kept.join(',')}` : '';
  return shebang + script.slice(match[0].length);
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Clients call EVALSHA with the hash of the script they know (with the flag). Redis only knows
 * the stripped script, so the hash is translated; an unknown hash passes through and gets
 * NOSCRIPT, which makes the client fall back to EVAL, which teaches us the mapping.
 */
export class ScriptShaMap {
  private readonly toServer = new Map<string, string>();
  private readonly toClient = new Map<string, string>();

  /** Returns the script to send to Redis. */
  remember(script: string): string {
    const stripped = stripUnsupportedScriptFlags(script);
    if (stripped !== script) {
      const clientSha = sha1Hex(script);
      const serverSha = sha1Hex(stripped);
      this.toServer.set(clientSha, serverSha);
      this.toClient.set(serverSha, clientSha);
    }
    return stripped;
  }

  serverSha(clientSha: string): string {
    return this.toServer.get(clientSha.toLowerCase()) ?? clientSha;
  }

  clientSha(serverSha: string): string {
    return this.toClient.get(serverSha.toLowerCase()) ?? serverSha;
  }
}
