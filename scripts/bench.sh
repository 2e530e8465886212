#!/usr/bin/env bash
# vitrina vs Hugo on the same generated site: wall time, CPU time and peak memory.
#
#   scripts/bench.sh [--full] [--runs R] [--work DIR] [--sizes "1000 10000"] [--disk]
#
#   --full      also N = 100,000 (0.8 GB of sources per generator, ~5 GB free space);
#               at this size Hugo runs only with --hugo-100k (it needs ~14 GB of RAM)
#   --hugo-100k with --full: build the 100,000-record site with Hugo too
#   --runs R    timed rounds per size (default 5; one warm-up round more is not counted)
#   --work DIR  where corpora are generated (default ${TMPDIR:-/tmp}/vitrina-bench);
#               corpora are reused when already there for the same N
#   --sizes     the sizes to run instead of the default "1000 10000"
#   --disk      write build outputs under DIR too (default: /dev/shm when it exists,
#               so a shared disk's write-back and discard do not swamp the numbers;
#               the sources are read from DIR either way)
#
# Each round builds the same site with vitrina and with Hugo into fresh output
# directories, alternating which goes first (interleaved: load from other users of the
# machine hits both alike). Medians are printed with the ratio vitrina/Hugo, CPU time
# (user+sys) and peak resident memory from /usr/bin/time -v. Then hyperfine runs both
# commands in one invocation as a cross-check. On 10,000 records also: loading and
# resolving alone (examples/bench_load.rs, the floor under `vitrina check`), `vitrina
# check` when available, and a one-file incremental rebuild through serve's code
# (examples/bench_incremental.rs). Per size, what a visitor's first search downloads
# (scripts/search_download.mjs, needs node); on 10,000 records, a rebuild over an
# existing output on disk against a clean build (hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

FULL=0 HUGO_BIG=0 RUNS=5 WORK="${TMPDIR:-/tmp}/vitrina-bench" SIZES="1000 10000" DISK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --full) FULL=1 ;;
    --hugo-100k) HUGO_BIG=1 ;;
    --runs) RUNS=$2; shift ;;
    --work) WORK=$2; shift ;;
    --sizes) SIZES=$2; shift ;;
    --disk) DISK=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ "$FULL" = 1 ] && SIZES="$SIZES 100000"
TODAY=2026-11-24   # the corpus's "today": which events are past and need reports

# ---- tools: Hugo, hyperfine and GNU time from Debian when missing ----
need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "installing ${need[*]} from Debian…"
  $SUDO apt-get install -y "${need[@]}" >/dev/null 2>&1 ||
    { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y "${need[@]}" >/dev/null; }
fi

cargo build --release --locked --quiet --bin vitrina --example gen_corpus
VITRINA="$REPO/target/release/vitrina"
GEN="$REPO/target/release/examples/gen_corpus"
# A corpus is reused while the generator's source is the same (the binary changes
# with every change to the library it links).
GEN_ID=$(sha1sum "$REPO/examples/gen_corpus.rs" | cut -c1-40)

mkdir -p "$WORK"
if [ "$DISK" = 0 ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  OUTS=$(mktemp -d /dev/shm/vitrina-bench-out.XXXXXX)
else
  OUTS=$(mktemp -d "$WORK/out.XXXXXX")
fi
trap 'rm -rf "$OUTS"' EXIT

echo "== machine"
echo "nproc: $(nproc); $(lscpu | grep -m1 'Model name' | sed 's/  */ /g')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(hugo version | cut -d' ' -f1-2); $("$VITRINA" --version); $(hyperfine --version)"
echo "outputs in $OUTS; runs per size: $RUNS (+1 warm-up)"

# time_one NAME OUT CMD...: runs CMD into a fresh OUT; appends "name wall user sys maxrss_kb".
time_one() {
  local name=$1 out=$2; shift 2
  rm -rf "$out"
  local log; log=$(mktemp)
  if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$log.err"; then
    echo "$name failed:" >&2; tail -5 "$log.err" >&2; rm -f "$log" "$log.err"; exit 1
  fi
  awk -v n="$name" '
    /Elapsed \(wall clock\)/ { t=$NF; k=split(t, a, ":"); w = (k==3) ? a[1]*3600+a[2]*60+a[3] : a[1]*60+a[2] }
    /User time/ { u=$NF } /System time/ { s=$NF } /Maximum resident/ { m=$NF }
    END { printf "%s %.3f %.3f %.3f %d\n", n, w, u, s, m }' "$log"
  rm -f "$log" "$log.err"
}

# medians JSON A B [NOTE]: from a hyperfine --export-json of commands named A and B,
# their medians and the ratio A/B.
medians() {
  python3 - "$@" <<'EOF'
import json, sys
path, a, b = sys.argv[1:4]
note = " " + sys.argv[4] if len(sys.argv) > 4 else ""
r = {x["command"]: x for x in json.load(open(path))["results"]}
x, y = r[a]["median"], r[b]["median"]
print(f"    medians: {a} {x:.3f} s, {b} {y:.3f} s, ratio {a}/{b} {x/y:.3f}{note}")
EOF
}

# summary FILE: medians per tool and the ratios.
summary() {
  python3 - "$1" <<'EOF'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
by = {}
for name, w, u, s, m in rows:
    by.setdefault(name, []).append((float(w), float(u) + float(s), int(m)))
med = {}
for name, xs in by.items():
    med[name] = (st.median(x[0] for x in xs), st.median(x[1] for x in xs), max(x[2] for x in xs))
    w, c, m = med[name]
    print(f"  {name:8} median wall {w:7.2f} s   CPU (user+sys) {c:7.2f} s   peak RSS {m/1024:8.1f} MB   ({len(xs)} runs: {' '.join(f'{x[0]:.2f}' for x in xs)})")
if "vitrina" in med and "hugo" in med:
    v, h = med["vitrina"], med["hugo"]
    print(f"  ratio vitrina/Hugo: wall {v[0]/h[0]:.3f} (Hugo {h[0]/v[0]:.1f}x slower), CPU {v[1]/h[1]:.3f} ({h[1]/v[1]:.1f}x), peak memory {v[2]/h[2]:.3f} ({h[2]/v[2]:.1f}x)")
EOF
}

for N in $SIZES; do
  SRC_V="$WORK/v$N" SRC_H="$WORK/h$N"
  if [ "$(cat "$WORK/.gen-$N" 2>/dev/null)" != "$GEN_ID" ]; then
    echo "== generating $N records"
    "$GEN" --records "$N" --out "$SRC_V" --hugo "$SRC_H" --today "$TODAY"
    echo "$GEN_ID" > "$WORK/.gen-$N"
  fi
  echo "== full build, $N records ($(du -sh "$SRC_V/content" | cut -f1) of sources)"
  OUT_V="$OUTS/v$N" OUT_H="$OUTS/h$N"
  V_CMD=("$VITRINA" build --root "$SRC_V" --out "$OUT_V" --today "$TODAY")
  H_CMD=(hugo --quiet --source "$SRC_H" --destination "$OUT_H")
  RES="$WORK/results-$N.txt"; : > "$RES"
  WITH_HUGO=1; [ "$N" -ge 100000 ] && [ "$HUGO_BIG" = 0 ] && WITH_HUGO=0
  for round in $(seq 0 "$RUNS"); do
    if [ $((round % 2)) = 0 ]; then order="v h"; else order="h v"; fi
    [ "$WITH_HUGO" = 1 ] || order="v"
    for t in $order; do
      if [ $t = v ]; then line=$(time_one vitrina "$OUT_V" "${V_CMD[@]}")
      else line=$(time_one hugo "$OUT_H" "${H_CMD[@]}"); fi
      [ "$round" = 0 ] || echo "$line" >> "$RES"   # round 0 is the warm-up
    done
  done
  if [ "$WITH_HUGO" = 1 ]; then
    echo "  pages: vitrina $(find "$OUT_V" -name '*.html' | wc -l), Hugo $(find "$OUT_H" -name '*.html' | wc -l); output: vitrina $(du -sh "$OUT_V" | cut -f1), Hugo $(du -sh "$OUT_H" | cut -f1)"
  else
    echo "  pages: vitrina $(find "$OUT_V" -name '*.html' | wc -l), output $(du -sh "$OUT_V" | cut -f1); Hugo not run at this size (--hugo-100k)"
  fi
  summary "$RES"
  # What a visitor's first search downloads (issue 18: under 1 MB at 100,000).
  if command -v node >/dev/null; then
    node "$REPO/scripts/search_download.mjs" "$OUT_V"
  else
    echo "  first search download: skipped (no node)"
  fi
  if [ "$N" -le 10000 ]; then
    echo "  hyperfine cross-check (both commands in one invocation):"
    hyperfine --style basic --warmup 1 --runs "$RUNS" \
      --prepare "rm -rf '$OUT_V' '$OUT_H'" \
      --export-json "$WORK/hyperfine-$N.json" \
      -n vitrina "${V_CMD[*]}" -n hugo "${H_CMD[*]}" 2>&1 | sed 's/^/    /'
    medians "$WORK/hyperfine-$N.json" vitrina hugo "(target: at most 0.2)"
  fi
  rm -rf "$OUT_V" "$OUT_H"
done

# ---- a rebuild over an existing output, on disk ----
# The output on disk (not /dev/shm): there, deleting the previous 10,000 pages
# costs more than writing them. The previous output is removed in the background
# after the swap (src/output/discard.rs); each run first waits for the previous
# run's remover and flushes the disk, so runs do not overlap.
if echo " $SIZES " | grep -q " 10000 "; then
  echo "== rebuild over an existing output vs clean build, 10000 records, output on disk ($WORK)"
  DISK_OUT="$WORK/disk-out"
  SETTLE="while ls -d '$WORK'/.disk-out.vitrina-trash-* >/dev/null 2>&1; do sleep 0.2; done; sync"
  B_CMD="$VITRINA build --root $WORK/v10000 --out $DISK_OUT --today $TODAY"
  hyperfine --style basic --warmup 1 --runs "$RUNS" \
    --prepare "$SETTLE; rm -rf '$DISK_OUT'; sync" -n clean "$B_CMD" \
    --prepare "$SETTLE" -n rebuild "$B_CMD" \
    --export-json "$WORK/hyperfine-rebuild.json" 2>&1 | sed 's/^/    /'
  medians "$WORK/hyperfine-rebuild.json" rebuild clean "(target: at most 1)"
  eval "$SETTLE"; rm -rf "$DISK_OUT"
fi

# ---- vitrina check on 10,000 records ----
if echo " $SIZES " | grep -q " 10000 "; then
  # What check pays before checking anything: reading and resolving the site.
  cargo build --release --locked --quiet --example bench_load
  echo "== $("$REPO/target/release/examples/bench_load" "$WORK/v10000" 10)"
  if "$VITRINA" check --help 2>&1 | grep -q -- "--today"; then
    echo "== vitrina check, 10000 records, against reading every content file (cat)"
    CHECK_CMD="$VITRINA check --root $WORK/v10000 --today $TODAY --format json"
    CAT_CMD="find $WORK/v10000/content -type f -exec cat {} +"
    hyperfine -N --style basic --warmup 2 --runs 20 -i \
      --export-json "$WORK/hyperfine-check.json" \
      -n check "$CHECK_CMD" -n cat "$CAT_CMD" 2>&1 | sed 's/^/    /'
    medians "$WORK/hyperfine-check.json" check cat "(target: at most 1.5)"
    /usr/bin/time -f "    peak RSS %M KB" $CHECK_CMD > /dev/null || true
  else
    echo "== vitrina check: skipped — this vitrina has no working check command yet"
  fi
fi

# ---- one-file incremental rebuild ----
# Through the code `vitrina serve` runs (examples/bench_incremental.rs): from the
# write of one record to its page being served (serve's file watcher and debounce
# included), and the builder's stages; serve's log goes to $WORK/incremental.log.
if echo " $SIZES " | grep -q " 10000 "; then
  cargo build --release --locked --quiet --example bench_incremental
  "$REPO/target/release/examples/bench_incremental" "$WORK/v10000" "$OUTS/inc" 2>"$WORK/incremental.log" | sed '1s/^/== /'
fi
