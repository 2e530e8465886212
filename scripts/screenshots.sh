#!/usr/bin/env bash
# Builds the example site and takes headless-Chromium screenshots of the home
# page, a roadmap, the search page, the progress, indicator, monitoring and
# school pages, the version for the visually impaired in each colour scheme,
# a 360-pixel phone, no-JavaScript and print layouts into screenshots/
# (gitignored). Needs what .ci/run installs: chromium and
# `npm ci` in tests/browser.
#   scripts/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-screenshots}"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
[ -d tests/browser/node_modules ] || (cd tests/browser && npm ci --silent --no-audit --no-fund)
cargo run --quiet -- build --out "$site/public" --today 2026-11-24 >/dev/null
mkdir -p "$out"
node tests/browser/screenshots.mjs "$site/public" "$(cd "$out" && pwd)" /roadmaps/sosh-3-2026-2027/
