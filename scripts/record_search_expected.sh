#!/usr/bin/env bash
# Records tests/browser/search-expected.json again after the example site's content
# changed: the 130 queries' result counts and first 50 pages as found by search.js of
# commit 3991b26, the last one that downloaded the whole index as one file, over the
# example site as it now is. The test split_search_index_finds_what_the_whole_index_found
# then proves that today's split index finds the same.
#
#   scripts/record_search_expected.sh        (needs git, cargo and node; minutes the first time)
set -euo pipefail
WHOLE_INDEX_COMMIT=3991b26
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$repo" worktree add --detach -q "$work/tree" "$WHOLE_INDEX_COMMIT"
rm -rf "$work/tree/content"
cp -r "$repo/content" "$repo/site.toml" "$work/tree/"
# The old binary is kept under target/ so that recording again takes seconds.
old_target="$repo/target/whole-index-$WHOLE_INDEX_COMMIT"
(cd "$work/tree" && CARGO_TARGET_DIR="$old_target" cargo build --release -q &&
  "$old_target/release/vitrina" build > /dev/null)

node - "$work/tree" "$repo/tests/browser/search-expected.json" > "$work/expected.json" <<'JS'
const fs = require("fs");
const [tree, expectedFile] = process.argv.slice(2);
const js = require(tree + "/themes/default/static/search.js");
const index = JSON.parse(fs.readFileSync(tree + "/public/search-index.json", "utf8"));
const queries = Object.keys(JSON.parse(fs.readFileSync(expectedFile, "utf8")));
// One query a line, as the file has always been written, so a diff shows what changed.
const line = (q) => {
  const found = js.search(index, q);
  const entry = { count: found.length, top: found.slice(0, 50).map((r) => r.doc.url) };
  return JSON.stringify(q) + ": " +
    JSON.stringify(entry).replace(/,"/g, ', "').replace(/":/g, '": ');
};
process.stdout.write("{\n" + queries.map(line).join(",\n") + "\n}\n");
JS
cp "$work/expected.json" "$repo/tests/browser/search-expected.json"
git -C "$repo" diff --stat -- tests/browser/search-expected.json
