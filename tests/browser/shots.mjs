// node shots.mjs SITE_DIR OUT_DIR NAME=PATH ... — full-page PNGs of the given
// pages (SITE_PREFIX: the path the site is served under). A NAME ending in
// "-nojs" is taken with JavaScript off.
import path from "node:path";
import fs from "node:fs";
import { serve, launch, newPage } from "./lib.mjs";

const [dir, outDir, ...pairs] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const server = await serve(dir, process.env.SITE_PREFIX || "");
const browser = await launch();
try {
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const name = pair.slice(0, at);
    const { context, page } = await newPage(browser, { javaScriptEnabled: !name.endsWith("-nojs") });
    await page.goto(server.url + pair.slice(at + 1), { waitUntil: "load" });
    const file = path.join(outDir, name + ".png");
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
