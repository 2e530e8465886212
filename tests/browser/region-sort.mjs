// node region-sort.mjs DIR COLUMN_TITLE
// Opens DIR/region.html, clicks the header button COLUMN_TITLE twice and prints
// {"orders": [[first column after click 1], [after click 2]], "aria": [...]}.
import { serve, launch, newPage } from "./lib.mjs";

const [dir, title] = process.argv.slice(2);
const server = await serve(dir);
const browser = await launch();
const out = { orders: [], aria: [] };
try {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + "/region.html", { waitUntil: "load" });
  const button = page.getByRole("button", { name: title, exact: true });
  for (let i = 0; i < 2; i++) {
    await button.click();
    out.orders.push(await page.$$eval("tbody tr th", (ths) => ths.map((t) => t.textContent.trim())));
    out.aria.push(await button.evaluate((b) => b.parentElement.getAttribute("aria-sort")));
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(out));
