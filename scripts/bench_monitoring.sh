#!/usr/bin/env bash
# Monitoring data's cost (issue 12): a build of the 10,000-record corpus of
# scripts/gen_site.py, then of the same corpus with 300 monitoring records of
# 2,000 CSV rows each (schools named by short name, decimal commas, Windows-1251
# in every third file, as Excel saves them). Prints both medians and the ratio;
# the target is under 1.5×. A benchmark, not a test: nothing is asserted.
#
#   scripts/bench_monitoring.sh [--runs R] [--work DIR]
set -euo pipefail
RUNS=5
WORK=${TMPDIR:-/tmp}/vitrina-bench-monitoring
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift ;;
    --work) WORK=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet --bin vitrina
VITRINA=$PWD/target/release/vitrina
mkdir -p "$WORK"
python3 scripts/gen_site.py "$WORK/plain" --records 10000 >/dev/null
rm -rf "$WORK/with"
cp -r "$WORK/plain" "$WORK/with"
python3 - "$WORK/with/content/monitoring" <<'PY'
import os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
subjects = ["Математика", "Русский язык"]
for r in range(300):
    series, year = f"series-{r // 3}", 2023 + r % 3
    name = f"m-{r}"
    rows = ["Школа;Предмет;Класс;Значение;Участников"]
    for i in range(2000):
        school, subject = i // 2, subjects[i % 2]
        value = f"{(school * 7 + r) % 40},{(school + r) % 10}"
        rows.append(f"МБОУ СОШ № {school};{subject};5;{value};{20 + school % 30}")
    enc = "cp1251" if r % 3 == 0 else "utf-8-sig"
    with open(f"{out}/{name}.csv", "wb") as f:
        f.write(("\r\n".join(rows) + "\r\n").encode(enc))
    with open(f"{out}/{name}.yaml", "w", encoding="utf-8") as f:
        f.write(f'title: Серия {r // 3}, {year + 1}\nseries: {series}\nacademic_year: "{year}/{year + 1}"\n'
                f'unit: "%"\nbetter: lower\nthreshold: 30\ndata: {name}.csv\n')
PY
TIME() {
  local dir=$1 best=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out"
    local s e
    s=$(date +%s%N)
    "$VITRINA" build --root "$dir" --out "$WORK/out" --today 2026-12-02 >/dev/null 2>&1 || true
    e=$(date +%s%N)
    best+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${best[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}
PLAIN=$(TIME "$WORK/plain")
WITH=$(TIME "$WORK/with")
echo "vitrina build, median of $RUNS runs:"
echo "  10,000 records:                                  $PLAIN ms"
echo "  the same + 300 monitoring records × 2,000 rows:  $WITH ms"
awk -v a="$PLAIN" -v b="$WITH" 'BEGIN { printf "  ratio: %.2f× (target: under 1.5×)\n", b / a }'
