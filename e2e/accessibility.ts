import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Request, TestInfo } from '@playwright/test';

/** WCAG 2.1 A and AA: what the product promises. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
const SCHEMES = ['light', 'dark'] as const;

type Snapshot = { path: string; url: string; html: string };

export type A11yViolation = {
  path: string;
  scheme: (typeof SCHEMES)[number];
  id: string;
  impact: string;
  help: string;
  targets: string[];
};

/**
 * Paths already copied in this run, per project and retry: the suite runs in one worker, so a
 * path many tests pass through (sign-in, the dashboard) is checked once per viewport, not once per
 * test — which had made the accessibility check a third of the e2e time. A retry checks anew, so
 * a test that failed on a violation can't pass on its retry by skipping the page.
 */
const takenThisRun = new Set<string>();

/** The page went away while we read it; its next visit is read instead. */
const GONE = /Execution context was destroyed|Target page, context or browser has been closed|Frame was detached/;

/**
 * Checks every distinct path of our origin that a watched page shows, once per run and viewport,
 * against WCAG 2.1 AA in light and dark mode.
 *
 * A page is copied when it is about to be left (as its next document, client-side route or
 * server action request goes out: the old DOM stays until the answer arrives) and when the test
 * ends; by then it has been through what the test did to it (field errors, opened panels), states
 * people see too. Checking at `load` would race the test, which goes on typing and clicking.
 *
 * axe runs when the test is over, on a copy of each DOM without its scripts, in a page of its
 * own: a run takes seconds on a busy machine, and holding the journey that long (or running beside
 * it) would time out its assertions. The copy loads the same stylesheets from the server, so it
 * renders the same colours and layout.
 */
export class AccessibilityWatch {
  private readonly contexts = new Set<BrowserContext>();
  private inspector: Promise<Page> | null = null;
  private readonly snapshots: Snapshot[] = [];
  private readonly pending = new Set<Promise<void>>();
  private snapshot: Snapshot | null = null;
  readonly violations: A11yViolation[] = [];
  readonly failures: string[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly origin: string,
    private readonly device: BrowserContextOptions,
    private readonly testInfo: TestInfo,
  ) {}

  /** Watches every page the context opens. */
  async watch(context: BrowserContext): Promise<void> {
    this.contexts.add(context);
    context.on('close', () => this.contexts.delete(context));
    // Request events, not routing: a route would disable the browser cache and pass every request
    // through the test process, which made journeys half as slow again.
    context.on('request', (request) => {
      const leaving = this.leavingPage(request);
      if (leaving) this.track(this.take(leaving.page, !leaving.document));
    });
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Copies what every watched page shows now (before its context closes). */
  async takeAll(): Promise<void> {
    await Promise.all([...this.pending]);
    await Promise.all([...this.contexts].flatMap((context) => context.pages().map((page) => this.settleAndTake(page))));
  }

  /** Copies what every watched page shows now, then checks every copy taken. */
  async finish(): Promise<void> {
    await this.takeAll();
    for (let next = this.snapshots.shift(); next; next = this.snapshots.shift()) await this.check(next);
  }

  /**
   * A test may end right after a client-side navigation, before the new route's content and title
   * have streamed in; give it a few seconds, then read what is there (a page that never gets a
   * title is reported).
   */
  private async settleAndTake(page: Page): Promise<void> {
    if (page.isClosed()) return;
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    await page.waitForFunction(() => document.title !== '', undefined, { timeout: 5_000 }).catch(() => undefined);
    await this.take(page);
  }

  async close(): Promise<void> {
    if (this.inspector) await (await this.inspector).context().close();
  }

  report(): string | null {
    if (this.violations.length === 0 && this.failures.length === 0) return null;
    const lines = this.violations.map((v) => `${v.path} [${v.scheme}] ${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`);
    return [`WCAG 2.1 AA: ${this.violations.length} serious or critical violation(s)`, ...lines, ...this.failures].join('\n');
  }

  /** The page a request is about to change, and whether it leaves the document or only the route. */
  private leavingPage(request: Request): { page: Page; document: boolean } | null {
    let frame;
    try {
      frame = request.frame();
    } catch {
      return null; // a service worker's request
    }
    const page = frame.page();
    if (frame !== page.mainFrame()) return null;
    if (request.isNavigationRequest()) return { page, document: true };
    const headers = request.headers();
    const changes = (headers['rsc'] === '1' && !headers['next-router-prefetch']) || headers['next-action'] !== undefined;
    return changes ? { page, document: false } : null;
  }

  /**
   * Copies the page's DOM (first visit of its path in the run only) for the check at the end of the test.
   * Between a client-side redirect and the page it leads to, the URL can name a route whose
   * content (and title) hasn't arrived: such an in-between state is passed over, not checked.
   */
  private async take(page: Page, settledOnly = false): Promise<void> {
    if (page.isClosed()) return;
    const url = new URL(page.url());
    const key = `${this.testInfo.project.name}#${this.testInfo.retry} ${url.pathname}`;
    if (url.origin !== this.origin || takenThisRun.has(key)) return;
    takenThisRun.add(key);
    let copy: { html: string | null; settled: boolean } | 'timeout';
    try {
      // A document being torn down may not answer at all.
      copy = await Promise.race([
        page.evaluate(() => {
          if (document.contentType !== 'text/html' || !document.body) return { html: null, settled: true };
          const clone = document.documentElement.cloneNode(true) as HTMLElement;
          for (const script of clone.querySelectorAll('script')) script.remove();
          return { html: `<!DOCTYPE html>${clone.outerHTML}`, settled: document.readyState === 'complete' && document.title !== '' };
        }),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 3_000)),
      ]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!page.isClosed() && !GONE.test(message)) this.failures.push(`${url.pathname}: could not read the page: ${message}`);
      copy = 'timeout';
    }
    if (copy === 'timeout' || (settledOnly && !copy.settled)) {
      takenThisRun.delete(key);
      return;
    }
    if (copy.html !== null) this.snapshots.push({ path: url.pathname, url: url.href, html: copy.html });
  }

  private async check(snapshot: Snapshot): Promise<void> {
    try {
      const inspector = await this.openInspector();
      this.snapshot = snapshot;
      await inspector.goto(snapshot.url, { waitUntil: 'load' });
      for (const scheme of SCHEMES) {
        await inspector.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        const results = await new AxeBuilder({ page: inspector }).options({ iframes: false }).withTags(WCAG_21_AA).setLegacyMode().analyze();
        if (results.violations.length > 0) {
          // Every impact, for review; only serious and critical ones fail the test.
          const body = JSON.stringify(results.violations, null, 2);
          await this.testInfo.attach(`axe ${snapshot.path} ${scheme}`, { body, contentType: 'application/json' });
        }
        for (const violation of results.violations) {
          if (!BLOCKING_IMPACTS.has(violation.impact ?? '')) continue;
          this.violations.push({
            path: snapshot.path,
            scheme,
            id: violation.id,
            impact: violation.impact ?? '',
            help: violation.help,
            targets: violation.nodes.map((node) => node.target.join(' ')),
          });
        }
      }
    } catch (error) {
      this.failures.push(`${snapshot.path}: the accessibility check could not run: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** One page per test that serves each copy at its own URL; everything else (CSS, images) comes from the server. */
  private openInspector(): Promise<Page> {
    this.inspector ??= (async () => {
      const { viewport, userAgent, isMobile, hasTouch, deviceScaleFactor } = this.device;
      const context = await this.browser.newContext({ viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.route('**/*', async (route) => {
        const request = route.request();
        if (request.isNavigationRequest() && this.snapshot && request.url() === this.snapshot.url) {
          await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: this.snapshot.html });
        } else if (request.isNavigationRequest()) {
          await route.abort();
        } else {
          await route.fallback();
        }
      });
      return page;
    })();
    return this.inspector;
  }
}
