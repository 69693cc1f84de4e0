import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspacePagePermission } from '@/lib/tenancy/workspace-page-gate';

const ROOT = path.join(process.cwd(), 'app/(app)/w/[workspace]');

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pages(full);
    return name === 'page.tsx' ? [full] : [];
  });
}

/** The URL below `/w/<slug>/` of a page file: route groups `(x)` don't appear in URLs. */
function subPathOf(file: string): string {
  return path
    .relative(ROOT, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .join('/');
}

function askedPermission(source: string): string | null {
  const call = /requireWorkspacePage\(([^;]*)\);/.exec(source);
  if (!call) return null;
  return /,\s*'([a-z_.]+)'\s*\)?\s*$/.exec(call[1]!)?.[1] ?? 'workspace.read';
}

// The request gate refuses pages from WORKSPACE_PAGE_PERMISSIONS before they render; a page that
// asked requireWorkspacePage for a stricter permission without being listed would again answer
// its refusal as a 200 with the not-found screen.
describe('workspace page permissions', () => {
  const files = pages(ROOT);

  it('finds the workspace pages', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('every page asks requireWorkspacePage for the permission the request gate enforces for its path', () => {
    const mismatches = files.flatMap((file) => {
      const asked = askedPermission(readFileSync(file, 'utf8'));
      const gate = workspacePagePermission(subPathOf(file));
      return asked === gate ? [] : [`${path.relative(process.cwd(), file)} asks ${asked ?? 'nothing'}, the gate checks ${gate}`];
    });
    expect(mismatches).toEqual([]);
  });
});
