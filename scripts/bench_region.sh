#!/usr/bin/env bash
# `vitrina region` on a generated region: N municipalities of R records each
# (examples/gen_corpus.rs, a different seed each), given as local folders, and the
# same region given as published sites (each built once, served by python's
# http.server on 127.0.0.1). Prints wall time (median of RUNS), CPU time and peak
# memory. Issue 17's target: 50 × 500 under 5 s on two cores.
#
#   scripts/bench_region.sh [--municipalities N] [--records R] [--runs K] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N=50 R=500 RUNS=5 WORK="${TMPDIR:-/tmp}/vitrina-bench-region" TODAY=2026-11-24
while [ $# -gt 0 ]; do
  case "$1" in
    --municipalities) N=$2; shift ;;
    --records) R=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --work) WORK=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "bench_region.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
cargo build --release --locked --quiet --bin vitrina --example gen_corpus
VITRINA="$(pwd)/target/release/vitrina"
GEN="$(pwd)/target/release/examples/gen_corpus"
mkdir -p "$WORK"
echo "generating $N municipalities × $R records in $WORK …"
for i in $(seq 1 "$N"); do
  d="$WORK/m$i"
  [ -f "$d/site.toml" ] || "$GEN" --records "$R" --out "$d" --seed "$i" --today "$TODAY" >/dev/null 2>&1
done

local_toml="$WORK/REGION.toml"
{
  echo 'title = "Генерированный край"'
  for i in $(seq 1 "$N"); do printf '[[municipality]]\nname = "Район %s"\nroot = "m%s"\n' "$i" "$i"; done
} > "$local_toml"

# Published: build each site once into www/m$i and serve the whole folder.
mkdir -p "$WORK/www"
for i in $(seq 1 "$N"); do
  [ -f "$WORK/www/m$i/status.json" ] ||
    "$VITRINA" --root "$WORK/m$i" build --today "$TODAY" --out "$WORK/www/m$i" 2>/dev/null
done
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/www" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
sleep 1
remote_toml="$WORK/REGION-remote.toml"
{
  echo 'title = "Генерированный край (сайты)"'
  for i in $(seq 1 "$N"); do printf '[[municipality]]\nname = "Район %s"\nurl = "http://127.0.0.1:%s/m%s/"\n' "$i" "$PORT" "$i"; done
} > "$remote_toml"

measure() { # label, REGION file
  local times=() t
  for _ in $(seq 0 "$RUNS"); do
    /usr/bin/time -o "$WORK/time.txt" -f "%e %U %S %M" \
      "$VITRINA" region "$2" --today "$TODAY" --format json >/dev/null 2>&1 || true
    times+=("$(tail -1 "$WORK/time.txt")")
  done
  # The first round warms the page cache and is not counted.
  printf '%s\n' "${times[@]:1}" | sort -n | awk -v label="$1" -v n="$RUNS" '
    { wall[NR]=$1; cpu[NR]=$2+$3; mem[NR]=$4 }
    END { m=int((n+1)/2); printf "%-40s median wall %.2f s (min %.2f, max %.2f), CPU %.2f s, peak RSS %d MB\n",
          label, wall[m], wall[1], wall[n], cpu[m], mem[m]/1024 }'
}
echo "cores: $(nproc); runs: $RUNS (+1 warm-up)"
measure "local: $N × $R records" "$local_toml"
measure "published: $N status.json over HTTP" "$remote_toml"
