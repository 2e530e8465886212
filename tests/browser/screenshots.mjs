// node screenshots.mjs SITE_DIR OUT_DIR ROADMAP_PATH — full-page PNGs of the
// home page, a roadmap (with its measures' statuses), the progress, indicator,
// monitoring and school pages, each scheme of the version for the visually
// impaired, a 360-pixel phone, and the print layout.
import path from "node:path";
import fs from "node:fs";
import { serve, launch, newPage } from "./lib.mjs";

const [dir, outDir, roadmap] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const server = await serve(dir);
const browser = await launch();
const shots = [
  { name: "home", path: "/" },
  { name: "roadmap", path: roadmap },
  { name: "search", path: "/search/?q=" + encodeURIComponent("наставник") },
  { name: "events", path: "/events/" },
  // Monitoring and execution (contract section 7).
  { name: "progress", path: "/progress/" },
  { name: "indicator", path: "/indicators/dolya-2-vpr/" },
  { name: "monitoring", path: "/monitoring/vpr-2026-dolya-2/" },
  { name: "school-series", path: "/schools/sosh-10/" },
  { name: "indicator-vi-wb", path: "/indicators/dolya-2-vpr/", settings: { font: "2", scheme: "wb", spacing: "normal", images: "on" } },
  { name: "indicator-print", path: "/indicators/dolya-2-vpr/", print: true },
  { name: "home-vi-bw", path: "/", settings: { font: "2", scheme: "bw", spacing: "normal", images: "on" } },
  { name: "home-vi-wb", path: "/", settings: { font: "2", scheme: "wb", spacing: "normal", images: "on" } },
  { name: "home-vi-blue", path: "/", settings: { font: "2", scheme: "blue", spacing: "normal", images: "on" } },
  { name: "roadmap-vi-wb-large-wide", path: roadmap, settings: { font: "3", scheme: "wb", spacing: "wide", images: "off" } },
  { name: "roadmap-vi-blue", path: roadmap, settings: { font: "2", scheme: "blue", spacing: "normal", images: "on" } },
  { name: "home-phone-360", path: "/", width: 360 },
  { name: "roadmap-phone-360", path: roadmap, width: 360 },
  { name: "roadmap-nojs", path: roadmap, javaScriptEnabled: false, openPanel: true },
  { name: "roadmap-print", path: roadmap, print: true },
];
try {
  for (const s of shots) {
    const { context, page } = await newPage(browser, s);
    await page.goto(server.url + s.path, { waitUntil: "load" });
    if (s.path.startsWith("/search/")) {
      await page.waitForFunction(() => /найден|ничего/.test(document.getElementById("search-status").textContent));
    }
    if (s.openPanel) await page.click("#a11y summary");
    if (s.print) await page.emulateMedia({ media: "print" });
    const file = path.join(outDir, s.name + ".png");
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
