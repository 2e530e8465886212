// node stem.mjs WORDS_JSON: {"word": "stem from rust-stemmers", ...}; prints
// the words where static/search.js stems differently, as JSON.
import fs from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const js = require(process.env.SEARCH_JS);
const expected = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const mismatches = [];
for (const [word, stem] of Object.entries(expected)) {
  const got = js.stemWord(word);
  if (got !== stem) mismatches.push({ word, rust: stem, js: got });
}
process.stdout.write(JSON.stringify({ checked: Object.keys(expected).length, mismatches }));
