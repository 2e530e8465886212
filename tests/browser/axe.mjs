// node axe.mjs SITE_DIR SETTINGS_JSON PATH...
// Runs axe-core (all WCAG 2.0/2.1 A and AA rules, plus best practices) on each
// page in headless Chromium; prints {"pages":[{"path","violations":[...]}]}.
// SETTINGS_JSON is the visually-impaired choice to preset ("null" for none).
// NO_SCRIPTS=1 blocks the site's own scripts, so a page is checked as a visitor
// without JavaScript sees it (axe itself is injected as page content, not fetched).
import fs from "node:fs";
import { createRequire } from "node:module";
import { serve, launch, newPage } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [dir, settingsJson, ...paths] = process.argv.slice(2);
const settings = JSON.parse(settingsJson || "null");

const server = await serve(dir, process.env.SITE_PREFIX || "");
const browser = await launch();
const out = { pages: [] };
try {
  const { context, page } = await newPage(browser, { settings });
  if (process.env.NO_SCRIPTS === "1") await page.route("**/*.js", (route) => route.abort());
  for (const p of paths) {
    const resp = await page.goto(server.url + p, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        resultTypes: ["violations"],
      });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
      }));
    });
    out.pages.push({ path: p, status: resp ? resp.status() : 0, violations: result,
      html_attrs: await page.evaluate(() => ({ font: document.documentElement.getAttribute("data-font"),
        scheme: document.documentElement.getAttribute("data-scheme") })) });
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(out));
