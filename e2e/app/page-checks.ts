// Checks every page must pass, shared by the quality and mobile specs: nothing wider than the screen,
// no axe-core violations, no console errors; and screenshots kept with the test's results.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** WCAG 2.0–2.2 A and AA, plus axe's best practices (one h1, content inside landmarks, …). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** The page scrolls only downwards: `document.scrollingElement` is no wider than the screen. */
export async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const viewport = root.clientWidth;
    // The elements that stick out, named, so a failure says what to fix.
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > viewport + 1)
      // Content clipped by a box of its own does not widen the page; the box does, if anything.
      .filter((el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
          if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(p).overflowX)) return false;
        return true;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
    return { scrollWidth: root.scrollWidth, viewport, culprits };
  });
  expect
    .soft(widths.scrollWidth, `${page.url()} is wider than the screen: ${widths.culprits.join(" | ")}`)
    .toBeLessThanOrEqual(widths.viewport);
}

/** No axe-core violations; a failure lists each rule with the elements it found. */
export async function expectNoAxeViolations(page: Page) {
  // A sandboxed frame without scripts (the development mailbox's email preview) cannot run axe, and
  // waiting for it never ends; it is the email's document, not the page's.
  const { violations } = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .exclude("iframe[sandbox]")
    .analyze();
  const found = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 4)
        .map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`)
        .join("\n    ")}`,
  );
  expect.soft(found, `axe-core on ${page.url()}`).toEqual([]);
}

/**
 * Collects what the page reports as errors: console errors (a failed request, a 404 favicon, a React
 * warning in production) and uncaught exceptions. Assert the list is empty after the visit.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** A full-page screenshot written to the test's output folder and attached to its result. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name.replace(/[^A-Za-z0-9-]+/g, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** React has hydrated the page (components/hydration-marker.tsx): client components are in place. */
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
