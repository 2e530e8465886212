// node search-same.mjs OUT EXPECTED_JSON: runs every query of EXPECTED_JSON
// ({"query": {"count": n, "top": [url, …]}}, the first 50 results) through
// static/search.js (SEARCH_JS) over the index files under OUT, read from disk;
// prints the queries whose results differ, as JSON.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const js = require(process.env.SEARCH_JS);
const [out, expectedFile] = process.argv.slice(2);
const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8"));
const fetched = new Set();
const fetchJson = async (file) => {
  fetched.add(file);
  return JSON.parse(fs.readFileSync(file, "utf8"));
};
const find = await js.open(path.join(out, "search-index/manifest.json"), fetchJson);
const mismatches = [];
for (const [query, want] of Object.entries(expected)) {
  const found = await find(query, 50);
  const got = { count: found.count, top: found.results.map((r) => r.doc.url) };
  if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push({ query, want, got });
}

// shardsFor on made-up files (the example site's index has few): every stem
// beginning with a prefix is in a file it marks.
let seed = 7;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const letters = "аабвгкчо";
const word = () => Array.from({ length: 1 + rnd(5) }, () => letters[rnd(letters.length)]).join("");
const shardErrors = [];
for (let round = 0; round < 200; round++) {
  const keys = [...new Set(Array.from({ length: 1 + rnd(60) }, word))].sort();
  const starts = keys.filter((_, i) => i === 0 || rnd(3) === 0);
  const fileOf = (k) => starts.filter((s) => s <= k).length - 1;
  for (let t = 0; t < 20; t++) {
    const prefix = word();
    const marked = {};
    js.shardsFor(starts, prefix, marked);
    for (const k of keys) {
      if (k.startsWith(prefix) && !marked[fileOf(k)]) shardErrors.push({ starts, prefix, k });
    }
  }
}
process.stdout.write(JSON.stringify({ checked: Object.keys(expected).length, files: fetched.size, mismatches, shardErrors: shardErrors.slice(0, 5) }));
