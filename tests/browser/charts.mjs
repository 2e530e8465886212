// node charts.mjs SITE_DIR PATH... — for every chart (svg.chart-svg) on each page,
// the drawn boxes of its texts that stray outside the picture's viewBox: a label
// cut off at the left edge is unreadable. Prints {"pages":[{"path","charts","outside":[...]}]}.
import { serve, launch, newPage } from "./lib.mjs";

const [dir, ...paths] = process.argv.slice(2);
const server = await serve(dir);
const browser = await launch();
const out = { pages: [] };
try {
  const { context, page } = await newPage(browser, {});
  for (const p of paths) {
    await page.goto(server.url + p, { waitUntil: "load" });
    const result = await page.evaluate(() => {
      const svgs = [...document.querySelectorAll("svg.chart-svg")];
      const outside = [];
      for (const svg of svgs) {
        const vb = svg.viewBox.baseVal;
        for (const t of svg.querySelectorAll("text")) {
          const b = t.getBBox();
          if (b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5) {
            outside.push({ text: t.textContent, x: b.x, right: b.x + b.width, width: vb.width });
          }
        }
      }
      return { charts: svgs.length, outside };
    });
    out.pages.push({ path: p, ...result });
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(out));
