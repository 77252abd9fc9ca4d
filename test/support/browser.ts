import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_TEST_ARGS, resolveChromium } from '../../infra/dev/chromium';

/** The registry-shipped headless Chromium (infra/dev/chromium.ts), as the browser tests launch it. */
export async function launchTestBrowser(): Promise<Browser> {
  const executable = await resolveChromium();
  return chromium.launch({
    executablePath: executable.path,
    env: { ...process.env, ...executable.env },
    args: [...CHROMIUM_TEST_ARGS],
  });
}

/** Errors a page reported (uncaught exceptions, console errors such as CSP violations), collected as they happen. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The engine is evaluated through the
 * DevTools protocol, which the page's CSP does not govern, so the policy under test stays as served.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(`${source}\n;undefined`);
  // A string: the page's code, which this project's TypeScript (no DOM types) does not check.
  const violations = await page.evaluate<AxeViolation[]>(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
    );
}

/** Resolves once nothing on the page is animating any more (an antd dialog's opening zoom, a table's fade). */
export async function animationsSettled(page: Page): Promise<void> {
  // A function, not a string: the console's CSP forbids the eval a string predicate needs.
  await page.waitForFunction(
    () => {
      type Timing = { iterations: number | null };
      const { document } = globalThis as unknown as {
        document: { getAnimations(): { effect: { getComputedTiming(): Timing } | null }[] };
      };
      return document
        .getAnimations()
        .every((a) => a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY);
    },
    undefined,
    { timeout: 15_000 },
  );
}

/**
 * Fills a text field of a dialog that has just opened, and makes sure the value held. On a loaded machine an antd
 * dialog can still be mounting its form when the first fill lands, and the form's initial values then replace what
 * was typed (suspected of a CI run whose assignment never showed); so wait until the dialog stopped moving, then fill until
 * the field reads back what was filled.
 */
export async function fillDialogField(field: Locator, value: string): Promise<void> {
  await animationsSettled(field.page());
  for (let attempt = 1; attempt <= 5; attempt++) {
    await field.fill(value);
    // A beat for a late re-render to undo it; a value that holds across it is the form's.
    await field.page().waitForTimeout(150);
    if ((await field.inputValue()) === value) return;
  }
  throw new Error(`the dialog field kept losing the value ${JSON.stringify(value)}`);
}
