// node search-under-prefix.mjs SITE_DIR PREFIX QUERY — a site whose base_url has a
// path (https://host/shnor/) served under that path: the header form leads to the
// search page, which loads the index and lists results; prints what it saw.
import { serve, launch, newPage } from "./lib.mjs";

const [dir, prefix, query] = process.argv.slice(2);
const server = await serve(dir, prefix);
const browser = await launch();
let out;
try {
  const { context, page } = await newPage(browser);
  await page.goto(server.url + "/");
  await page.fill("#header-q", query);
  await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press("#header-q", "Enter")]);
  await page.waitForFunction(() => /найден|ничего|Не удалось/.test(document.getElementById("search-status").textContent));
  out = await page.evaluate(() => ({
    location: window.location.pathname,
    status: document.getElementById("search-status").textContent,
    links: [...document.querySelectorAll("#search-list a")].map((a) => a.getAttribute("href")),
  }));
  // Each result opens.
  out.statuses = [];
  const searchPage = page.url();
  for (const href of out.links.slice(0, 5)) {
    const resp = await page.goto(new URL(href, searchPage).toString());
    out.statuses.push(resp.status());
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(out));
