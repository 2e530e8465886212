// node practices.mjs SITE_DIR — the bank of practices filtered in place: which
// practices are shown for a filtered address and after choosing in the form,
// and whether the form is there with and without JavaScript.
// Prints {"from_address":[...],"after_choice":[...],"count":"...","form_without_js":bool}.
import { serve, launch, newPage } from "./lib.mjs";

const [dir] = process.argv.slice(2);
const server = await serve(dir, process.env.SITE_PREFIX || "");
const browser = await launch();
const visible = (page) => page.$$eval("ul.practice-list > li", (lis) =>
  lis.filter((li) => !li.hidden).map((li) => li.querySelector("a").textContent));
const out = {};
try {
  {
    const { context, page } = await newPage(browser);
    await page.goto(server.url + "/practices/?risk=r9", { waitUntil: "load" });
    out.from_address = await visible(page);
    await page.selectOption("#filter-risk", "");
    await page.selectOption("#filter-subject", "matematika");
    await page.selectOption("#filter-level", "noo");
    out.after_choice = await visible(page);
    out.count = await page.textContent(".practice-count");
    out.address = new URL(page.url()).search;
    await context.close();
  }
  {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(server.url + "/practices/", { waitUntil: "load" });
    out.form_without_js = await page.isVisible("form.practice-filter");
    out.shown_without_js = (await visible(page)).length;
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(out));
