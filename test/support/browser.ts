import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots of each screen, kept as test artifacts (the README shows copies from docs/screenshots). */
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'screens');
const AXE = require.resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

/** Debian's Chromium (which .ci/run installs), driven by playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Signs in through the form and waits for the page people land on. */
export async function signIn(
  page: Page,
  baseUrl: string,
  person: { email: string; password: string },
  landing = '**/search',
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(landing);
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now; returns the violations, each with its nodes. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; nodes: unknown[] }>> {
  // Evaluated through the debugging protocol: a <script> tag of its own would be refused by the pages' CSP.
  await page.evaluate(
    (source) => {
      (0, eval)(source);
    },
    (axeSource ??= readFileSync(AXE, 'utf8')),
  );
  return page.evaluate(async () => {
    // Runs in the page (no DOM types in this project's compiler settings, hence the loose typing).
    const scope = globalThis as unknown as {
      axe: {
        run(
          context: unknown,
          options: object,
        ): Promise<{ violations: Array<{ id: string; nodes: Array<{ html: string }> }> }>;
      };
      document: unknown;
    };
    const result = await scope.axe.run(scope.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      nodes: violation.nodes.map((node) => node.html),
    }));
  });
}

/** No axe violations on the screen, every control reachable by keyboard with a visible focus, and a screenshot. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await checkKeyboard(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Pixels the page scrolls sideways (0 when it fits the viewport). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** Marks every visible control (one per radio group) and returns how many there are. */
const MARK_CONTROLS = `(() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const groups = new Set();
  let count = 0;
  for (const element of document.querySelectorAll(selector)) {
    if (element.disabled || element.getClientRects().length === 0 || getComputedStyle(element).visibility === 'hidden') continue;
    if (element.closest('details:not([open])') && element.tagName !== 'SUMMARY') continue;
    const key = element.type === 'radio' ? 'radio:' + element.name : 'control:' + count;
    element.setAttribute('data-keyboard-key', key);
    if (element.type === 'radio') { if (groups.has(key)) continue; groups.add(key); }
    count += 1;
  }
  if (document.activeElement) document.activeElement.blur();
  return count;
})()`;

/** The focused control's mark, and whether a visible focus ring (an outline of 2px or more) shows on it. */
const FOCUSED = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  return { key: element.getAttribute('data-keyboard-key'), ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, tag: element.outerHTML.slice(0, 120) };
})()`;

/**
 * Keyboard-only use: Tab, from the top of the page, reaches every visible control (each radio group once) and
 * each shows a visible focus ring when it does.
 */
export async function checkKeyboard(page: Page): Promise<void> {
  const controls = await page.evaluate<number>(MARK_CONTROLS);
  const reached = new Set<string>();
  const withoutRing: string[] = [];
  // Date fields take a Tab per part (month, day, year, time), hence the room.
  for (let press = 0; press < controls * 3 + 10 && reached.size < controls; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<{ key: string | null; ring: boolean; tag: string } | null>(FOCUSED);
    if (!focused?.key) continue;
    reached.add(focused.key);
    if (!focused.ring) withoutRing.push(focused.tag);
  }
  expect(withoutRing).toEqual([]);
  expect(reached.size).toBe(controls);
}
