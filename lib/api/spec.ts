import type { ApiRouteHandler } from './route';

/** The apiRoute handlers a route module exports (GET, POST, …). */
export function routeHandlersOf(modules: readonly Record<string, unknown>[]): ApiRouteHandler[] {
  return modules.flatMap((module) =>
    Object.values(module).filter((value): value is ApiRouteHandler => typeof value === 'function' && 'definition' in value),
  );
}
