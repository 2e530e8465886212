// node relative-links.mjs SITE_DIR OTHER_PREFIX — the built site works off its
// final address: opened from disk (file://…/index.html) and served from a folder
// other than its base_url's path. On each, follows every menu link, then a record
// of a section and its breadcrumbs home, noting whether each page came styled;
// from disk, also tries the search. Prints what it saw as JSON.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve, launch, newPage } from "./lib.mjs";

const [dir, otherPrefix] = process.argv.slice(2);

/** What a reader sees: the address, the heading, and whether style.css applied. */
async function look(page) {
  return page.evaluate(() => {
    const skip = document.querySelector(".skip-link");
    return {
      url: window.location.href,
      h1: (document.querySelector("main h1") || { textContent: null }).textContent,
      styled: !!skip && getComputedStyle(skip).position === "absolute",
    };
  });
}

async function walk(page, start) {
  const seen = [];
  await page.goto(start);
  seen.push(await look(page));
  const nav = await page.$$eval(".site-nav a", (as) => as.map((a) => a.href));
  for (const href of nav) {
    const resp = await page.goto(href);
    seen.push({ ...(await look(page)), status: resp ? resp.status() : null });
  }
  // A section page → its first record → home through the breadcrumbs, by clicks.
  await page.goto(start);
  await Promise.all([page.waitForNavigation(), page.click(".site-nav a >> nth=6")]);
  seen.push(await look(page));
  await Promise.all([page.waitForNavigation(), page.click("main a[href]:not([href^='http']) >> nth=0")]);
  seen.push(await look(page));
  await Promise.all([page.waitForNavigation(), page.click(".breadcrumbs a >> nth=0")]);
  seen.push(await look(page));
  return seen;
}

const browser = await launch();
const out = {};
try {
  const { context, page } = await newPage(browser);
  const home = pathToFileURL(path.resolve(dir, "index.html")).toString();
  out.file = await walk(page, home);
  // The search from disk: the header form leads to the search page, which says why
  // it cannot search there.
  await page.goto(home);
  await Promise.all([page.waitForNavigation(), (async () => {
    await page.fill("#header-q", "школа");
    await page.press("#header-q", "Enter");
  })()]);
  await page.waitForFunction(() => document.getElementById("search-status").textContent.length > 20);
  out.fileSearch = {
    url: page.url(),
    status: await page.textContent("#search-status"),
  };
  await context.close();

  const server = await serve(dir, otherPrefix);
  try {
    const { context: c2, page: p2 } = await newPage(browser);
    out.served = await walk(p2, server.url + "/");
    await c2.close();
  } finally {
    await server.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
