import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

/**
 * A request scope as Next runs a server action, built from Next's own machinery so `after()` from
 * next/server is the real one. Import this module before anything that loads next/server: the
 * Next server installs `globalThis.AsyncLocalStorage` at start-up (node-environment), and Next's
 * stores are created from it when first loaded; without it they are fakes that throw.
 */
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;

// Loaded the way next/server loads them (CommonJS, one shared instance).
const require = createRequire(import.meta.url);
type Store<T> = { run<R>(store: T, fn: () => R): R };
const { workAsyncStorage } = require('next/dist/server/app-render/work-async-storage.external.js') as { workAsyncStorage: Store<object> };
const { workUnitAsyncStorage } = require('next/dist/server/app-render/work-unit-async-storage.external.js') as {
  workUnitAsyncStorage: Store<object>;
};
const { AfterContext } = require('next/dist/server/after/after-context.js') as {
  AfterContext: new (options: { waitUntil: (p: Promise<unknown>) => void; onClose: (cb: () => void) => void; onTaskError?: (e: unknown) => void }) => object;
};

export type FakeRequest = {
  /** Runs fn inside the request (as the server action's body). */
  run<R>(fn: () => R): R;
  /** Ends the response: Next then runs the after() callbacks; resolves once they (waitUntil) are done. */
  close(): Promise<void>;
};

export function fakeRequest(): FakeRequest {
  const closeListeners: Array<() => void> = [];
  const waited: Promise<unknown>[] = [];
  const afterContext = new AfterContext({ waitUntil: (p) => waited.push(p), onClose: (cb) => closeListeners.push(cb) });
  const workStore = { afterContext, route: '/test', isStaticGeneration: false, pendingRevalidates: {}, pendingRevalidatedTags: [] };
  const workUnitStore = { type: 'request', phase: 'action' };
  return {
    run: (fn) => workAsyncStorage.run(workStore, () => workUnitAsyncStorage.run(workUnitStore, fn)),
    close: async () => {
      for (const listener of closeListeners) listener();
      await Promise.all(waited);
    },
  };
}
