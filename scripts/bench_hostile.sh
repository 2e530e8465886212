#!/usr/bin/env bash
# Hostile record bodies: how long `vitrina build` (release) takes on a site of one
# event whose body is a pathological input of 1 MB and of 4.9 MB (just under the
# 5 MB limit of a record file), against a plain body of the same size. Bodies over
# 512 KB are refused (limits::MAX_BODY_BYTES): these sizes show that the refusal
# is quick; `--sizes "128000 500000"` shows the rendering just inside the bound.
#
#   scripts/bench_hostile.sh [--runs R] [--work DIR] [--sizes "1000000 4900000"]
#
# Per input and size: the median wall time and CPU time (user+sys) of R builds
# (default 3), peak memory, the ratio to the plain body of the same size (the
# reference, measured in the same run), and the growth from the first size to the
# last: linear work grows like the size (×4.9), quadratic like its square (×24).
# A build refused with a finding (exit 1) is shown as such: that is a bound.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=3 WORK="${TMPDIR:-/tmp}/vitrina-bench-hostile" SIZES="1000000 4900000"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift ;;
    --work) WORK=$2; shift ;;
    --sizes) SIZES=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "bench_hostile.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x /usr/bin/time ] || { echo "bench_hostile.sh needs GNU time (apt-get install time)" >&2; exit 2; }
cargo build --release --locked --quiet --bin vitrina
VITRINA="$(pwd)/target/release/vitrina"
mkdir -p "$WORK"

# One site per input and size: content/events/x.md with the body below. Lines
# stay under the 256 KB line bound (a longer line is refused, see limits.rs).
gen() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, sys
case, size, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
units = {
    "plain": "Обычный абзац о семинаре для учителей школы.\n\n",
    "ampersands": "& « ",
    "entities": "&amp; ",
    "quotes": '"a ',
    "unclosed-div": "<div>x\n",
    "link-openings": "[a](\n",
    "brackets": "[",
    "emphasis": "*a **b\n",
    "footnote-refs": "[^a] ",
}
wrap = {
    "code-block": ("```\n", "& « ", "```\n"),
    "raw-html-text": ("<div>\n", "& « ", "</div>\n"),
    "image-alt": ("![", "& « ", "](x.png)\n"),
}
room = size - 200
if case == "wide-table":
    row = "|" + "a|" * 2000 + "\n"
    body = row + "|" + "-|" * 2000 + "\n" + row * (room // len(row) - 1)
else:
    head, unit, tail = wrap.get(case, ("", units.get(case), ""))
    text = unit * ((room - len(head) - len(tail)) // len(unit.encode()))
    if "\n" not in unit:  # break into lines of ~100 KB
        step = 100_000 // len(unit) * len(unit)
        text = "\n".join(text[i:i + step] for i in range(0, len(text), step)) + "\n"
    body = head + text + tail
os.makedirs(f"{root}/content/events", exist_ok=True)
with open(f"{root}/site.toml", "w") as f:
    f.write('title = "Замер"\n')
with open(f"{root}/content/events/x.md", "w") as f:
    f.write("---\ntitle: Семинар\ndate: 2026-10-15\n---\n" + body)
PY
}

# Median of numbers on stdin.
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

CASES="plain ampersands entities quotes code-block raw-html-text image-alt unclosed-div link-openings brackets emphasis footnote-refs wide-table"
declare -A WALL CPU MEM RC
for size in $SIZES; do
  for case in $CASES; do
    site="$WORK/$case-$size"
    [ -f "$site/content/events/x.md" ] || gen "$case" "$size" "$site"
    walls=() cpus=() mem=0 rc=0
    for _ in $(seq "$RUNS"); do
      rm -rf "$site/public"
      rc=0
      /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$VITRINA" build --root "$site" --out "$site/public" >/dev/null 2>&1 || rc=$?
      read -r e u s m < "$WORK/time"
      walls+=("$e") cpus+=("$(echo "$u + $s" | bc)")
      [ "$m" -gt "$mem" ] && mem=$m
    done
    WALL[$case,$size]=$(printf '%s\n' "${walls[@]}" | median)
    CPU[$case,$size]=$(printf '%s\n' "${cpus[@]}" | median)
    MEM[$case,$size]=$((mem / 1024))
    RC[$case,$size]=$rc
    rm -rf "$site/public"
  done
done

first=${SIZES%% *} last=${SIZES##* }
printf '%-15s' "body"
for size in $SIZES; do printf ' | %-32s' "$((size / 1000)) KB: wall s, CPU s, MB, ×plain"; done
printf ' | growth (CPU)\n'
for case in $CASES; do
  printf '%-15s' "$case"
  for size in $SIZES; do
    if [ "${RC[$case,$size]}" != 0 ]; then
      printf ' | %-32s' "refused (exit ${RC[$case,$size]}), ${WALL[$case,$size]} s"
    else
      ratio=$(echo "scale=1; ${CPU[$case,$size]} / (${CPU[plain,$size]} + 0.01)" | bc)
      printf ' | %-32s' "${WALL[$case,$size]}, ${CPU[$case,$size]}, ${MEM[$case,$size]}, ×$ratio"
    fi
  done
  printf ' | ×%s\n' "$(echo "scale=1; ${CPU[$case,$last]} / (${CPU[$case,$first]} + 0.01)" | bc)"
done
echo "growth for linear work: ×$(echo "scale=1; $last / $first" | bc); quadratic: ×$(echo "scale=1; ($last / $first)^2" | bc -l)"
