// node scripts/search_download.mjs OUT [QUERY…]: what a visitor's first search
// downloads from the site built in OUT: for each query, a fresh page fetching
// search-index/manifest.json, the postings files the query's stems need and the
// document files of the first 50 results, through static/search.js itself. Prints
// files and bytes per query (raw and gzip -6, as a web server would send JSON),
// then the largest and the median, and the size of the whole index for reference.
// Without queries: a fixed list of everyday words plus the five stems with the
// most documents (the worst case).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const js = require(path.join(here, "../themes/default/static/search.js"));
const out = process.argv[2];
const dir = path.join(out, "search-index");
const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));

let queries = process.argv.slice(3);
if (queries.length === 0) {
  queries = ["наставник", "школа", "отчёт о мероприятии", "математика", "ВПР 2026", "дорожная карта", "обр",
    "учитель", "родительское собрание", "педагогов"];
  // The stems with the most documents, spelled as a query finds them.
  const counts = [];
  for (let n = 0; n < manifest.shards.length; n++) {
    const shard = JSON.parse(fs.readFileSync(path.join(dir, "p", n + ".json"), "utf8"));
    for (const [stem, flat] of Object.entries(shard)) counts.push([flat.length / 2, stem]);
  }
  counts.sort((a, b) => b[0] - a[0]);
  queries.push(...counts.slice(0, 5).map((c) => c[1]));
}

const sizes = new Map();
function size(file) {
  if (!sizes.has(file)) {
    const bytes = fs.readFileSync(file);
    sizes.set(file, [bytes.length, zlib.gzipSync(bytes, { level: 6 }).length]);
  }
  return sizes.get(file);
}

const rows = [];
for (const q of queries) {
  const fetched = new Set();
  const fetchJson = async (file) => {
    fetched.add(file);
    return JSON.parse(fs.readFileSync(file, "utf8"));
  };
  const find = await js.open(path.join(dir, "manifest.json"), fetchJson);
  const found = await find(q, 50);
  let raw = 0, gz = 0;
  for (const f of fetched) { const [r, g] = size(f); raw += r; gz += g; }
  rows.push({ q, count: found.count, files: fetched.size, raw, gz });
}
const kb = (b) => (b / 1024).toFixed(0).padStart(6) + " KB";
console.log(`  first search, ${manifest.docs} documents, ${manifest.shards.length} postings files; manifest ${kb(size(path.join(dir, "manifest.json"))[0]).trim()}`);
for (const r of rows) {
  console.log(`    ${JSON.stringify(r.q).padEnd(26)} ${String(r.count).padStart(7)} results  ${String(r.files).padStart(3)} files ${kb(r.raw)} (gzip ${kb(r.gz).trim()})`);
}
const sorted = (k) => rows.map((r) => r[k]).sort((a, b) => a - b);
const median = (xs) => xs[Math.floor((xs.length - 1) / 2)];
console.log(`  first search download: median ${kb(median(sorted("raw"))).trim()} (gzip ${kb(median(sorted("gz"))).trim()}), largest ${kb(sorted("raw").at(-1)).trim()} (gzip ${kb(sorted("gz").at(-1)).trim()})`);
let total = 0, files = 0;
for (const sub of ["p", "d"]) {
  for (const f of fs.readdirSync(path.join(dir, sub))) { total += fs.statSync(path.join(dir, sub, f)).size; files++; }
}
console.log(`  whole index: ${(total / 1048576).toFixed(1)} MB in ${files} files (what every first search downloaded before the split)`);
