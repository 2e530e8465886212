// Shared helpers: a tiny static file server for the built site and the
// Chromium launch that works on this machine (Debian chromium, no downloads).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json",
  ".xml": "application/xml", ".atom": "application/atom+xml", ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf", ".png": "image/png", ".svg": "image/svg+xml",
};

/** Serves `dir` on 127.0.0.1 at a free port, like a static host: `/x/` → `/x/index.html`, 404.html for misses.
 *  With `prefix` (e.g. "/shnor"), the site is served under that path, as when base_url has one. */
export function serve(dir, prefix = "") {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (prefix) {
      if (!p.startsWith(prefix + "/")) { res.writeHead(404); res.end("outside the site"); return; }
      p = p.slice(prefix.length);
    }
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, p);
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) {
        fs.readFile(path.join(root, "404.html"), (e2, nf) => {
          res.writeHead(404, { "content-type": TYPES[".html"] });
          res.end(e2 ? "not found" : nf);
        });
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** Sets the visually-impaired settings before any page script runs. */
export async function newPage(browser, { settings = null, width = 1280, javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled, locale: "ru-RU" });
  if (settings) {
    await context.addInitScript((s) => { window.localStorage.setItem("vitrina-a11y", JSON.stringify(s)); }, settings);
  }
  return { context, page: await context.newPage() };
}
