import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots of each screen, kept as test artifacts (the README shows copies from docs/screenshots). */
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'screens');
const AXE = require.resolve('axe-core/axe.min.js');

/** Debian's Chromium (which .ci/run installs), driven by playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Signs in through the form and waits for the page people land on. */
export async function signIn(page: Page, baseUrl: string, person: { email: string; password: string }, landing = '**/search'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(landing);
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now; returns the violations, each with its nodes. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; nodes: unknown[] }>> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // Runs in the page (no DOM types in this project's compiler settings, hence the loose typing).
    const scope = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ html: string }> }> }> }; document: unknown };
    const result = await scope.axe.run(scope.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.html) }));
  });
}

/** No axe violations on the screen, and a full-page screenshot of it saved as a test artifact. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Pixels the page scrolls sideways (0 when it fits the viewport). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
}
