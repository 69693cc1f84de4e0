import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '@/lib/api/openapi';
import { apiRouteFiles, openApiPathOf, registrySource, REGISTRY_FILE } from '@/lib/api/route-files';
import { routeHandlersOf } from '@/lib/api/spec';
import { API_ROUTE_MODULES } from '@/app/api/v1/routes.generated';

describe('OpenAPI spec', () => {
  const files = apiRouteFiles();
  const spec = buildOpenApi(routeHandlersOf(API_ROUTE_MODULES), 'http://localhost:3000');

  it('has a registry that imports every route file under app/api/v1', () => {
    expect(readFileSync(REGISTRY_FILE, 'utf8')).toBe(registrySource(files));
  });

  it('names every route file, and only those, each under the path its file sits at', () => {
    const fromFiles = files.map(openApiPathOf).sort();
    expect(Object.keys(spec.paths).sort()).toEqual(fromFiles);
    for (const routeModule of API_ROUTE_MODULES) {
      const handlers = routeHandlersOf([routeModule]);
      // A route file exporting a handler not built with apiRoute would be missing from the spec.
      expect(handlers.length).toBe(Object.keys(routeModule).filter((name) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name)).length);
    }
  });

  it('is OpenAPI 3.1 with the error schema, security and no dangling references', () => {
    expect(spec.openapi).toBe('3.1.0');
    const text = JSON.stringify(spec);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(spec.components.schemas).toHaveProperty(name!);
    expect(text).not.toContain('#/$defs/');
    expect(spec.paths['/api/v1/audit']!.get).toMatchObject({ 'x-scope': 'audit:read' });
    expect(spec.components.schemas).toHaveProperty('Error');
  });
});
