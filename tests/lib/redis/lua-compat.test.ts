import { describe, expect, it } from 'vitest';
import { ScriptShaMap, sha1Hex, stripUnsupportedScriptFlags } from '@/lib/redis/lua-compat';

describe('stripUnsupportedScriptFlags', () => {
  it('removes the allow-key-locking shebang but keeps line numbers', () => {
    const script = '#!lua flags=allow-key-locking\nreturn 1\n';
    expect(stripUnsupportedScriptFlags(script)).toBe('\nreturn 1\n');
  });

  it('keeps flags Redis 7 understands', () => {
    expect(stripUnsupportedScriptFlags('#!lua flags=no-writes,allow-key-locking\nreturn 1')).toBe(
      '#!lua flags=no-writes\nreturn 1',
    );
  });

  it('leaves scripts without the flag untouched', () => {
    for (const script of ['return 1', '#!lua\nreturn 1', '#!lua flags=no-writes\nreturn 1', '  -- comment\nreturn 1']) {
      expect(stripUnsupportedScriptFlags(script)).toBe(script);
    }
  });
});

describe('ScriptShaMap', () => {
  it('maps the client hash of a flagged script to the hash of what Redis stores, and back', () => {
    const map = new ScriptShaMap();
    const original = '#!lua flags=allow-key-locking\nreturn 1';
    const sent = map.remember(original);
    expect(map.serverSha(sha1Hex(original))).toBe(sha1Hex(sent));
    expect(map.clientSha(sha1Hex(sent))).toBe(sha1Hex(original));
  });

  it('passes unknown hashes through so Redis can answer NOSCRIPT', () => {
    const map = new ScriptShaMap();
    expect(map.serverSha('abc')).toBe('abc');
    expect(map.clientSha('def')).toBe('def');
  });
});
