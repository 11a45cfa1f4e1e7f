#!/usr/bin/env bash
# Build benchmark: vidin (release build) against Hugo on the same synthetic corpus, side by side.
#
# Usage: scripts/bench-build.sh [--runs N] [--timings] [PAGES_PER_LANGUAGE ...]
#        (default: --runs 3, sizes 500 2000 5000)
#        VIDIN=path/to/vidin scripts/bench-build.sh …   measures that binary instead of a fresh release build
#
# For each size it writes the project's own content plus PAGES_PER_LANGUAGE chapters per
# language from scripts/bench/make-corpus.py, builds it once with each tool as a warm-up, then
# N times alternating vidin and Hugo (so a burst of load on a shared machine hits both), each
# run under GNU time. It prints a Markdown table of medians: wall time, CPU time (user +
# system), peak resident memory, and the median of the per-pair wall-time ratios vidin/Hugo.
# --timings also prints vidin's stage times (`vidin build --timings`) of one extra run per size.
#
# scripts/bench/hugo is the Hugo site used as the yardstick (same pages, language switcher,
# table of contents, prev/next, a JSON search index per language, a print page per language).
# Installs Hugo (Debian's `hugo`), GNU time and the cmark-gfm library if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/install.sh
install_cmark
apt_install hugo time python3 bc

runs=3; timings=""; sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --timings) timings=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -eq 0 ] && sizes=(500 2000 5000)

if [ -n "${VIDIN:-}" ]; then
  vidin=$(cd "$(dirname "$VIDIN")" && pwd)/$(basename "$VIDIN")   # a given binary, e.g. an older build to compare
else
  if ! swift build -c release --product vidin >.build-release.log 2>&1; then cat .build-release.log; exit 1; fi
  vidin=$(pwd)/.build/release/vidin
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# measure OUT_FILE COMMAND...: runs the command under GNU time; appends "wall cpu peak_kB".
measure() {
  local out=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" \
    || { echo "failed: $*" >&2; tail -5 "$work/stderr" >&2; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
column_median() { awk -v c="$2" '{ print $c }' "$1" | median; }

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "hugo: $(hugo version | cut -d' ' -f1-2); vidin: ${VIDIN:-$(git describe --always --dirty 2>/dev/null || echo '?')}; runs per tool: $runs"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| pages | vidin wall s | Hugo wall s | vidin/Hugo wall | vidin CPU s | Hugo CPU s | vidin peak MB | Hugo peak MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
stage_report=""
for pages in "${sizes[@]}"; do
  site="$work/$pages"
  mkdir -p "$site/content" "$site/hugo"
  cp -r content/. "$site/content/"
  python3 scripts/bench/make-corpus.py "$site/content" "$pages" >/dev/null
  cp -r scripts/bench/hugo/. "$site/hugo/"
  mkdir -p "$site/hugo/content"
  cp -r "$site/content/guide" "$site/hugo/content/guide"
  printf -- '---\ntitle: "Print"\ntype: print\n---\n' >"$site/hugo/content/print.bg.md"
  printf -- '---\ntitle: "Print"\ntype: print\n---\n' >"$site/hugo/content/print.en.md"
  run_vidin() { rm -rf "$site/out-vidin"; measure "$site/vidin.txt" "$vidin" build --content "$site/content" --themes themes --output "$site/out-vidin"; }
  run_hugo() { rm -rf "$site/out-hugo"; measure "$site/hugo.txt" hugo --quiet --source "$site/hugo" --destination "$site/out-hugo"; }
  run_vidin; run_hugo                        # warm-up (file cache), not counted
  : >"$site/vidin.txt"; : >"$site/hugo.txt"
  for _ in $(seq "$runs"); do run_vidin; run_hugo; done
  ratio=$(paste -d' ' "$site/vidin.txt" "$site/hugo.txt" | awk '{ printf "%.3f\n", ($4 > 0 ? $1 / $4 : 0) }' | median)
  mb() { awk '{ printf "%.0f", $1 / 1024 }'; }
  echo "| 2 × $pages | $(column_median "$site/vidin.txt" 1) | $(column_median "$site/hugo.txt" 1) | $ratio" \
       "| $(column_median "$site/vidin.txt" 2) | $(column_median "$site/hugo.txt" 2)" \
       "| $(column_median "$site/vidin.txt" 3 | mb) | $(column_median "$site/hugo.txt" 3 | mb) |"
  if [ -n "$timings" ]; then
    rm -rf "$site/out-vidin"
    stage_report+=$'\n'"vidin build --timings, 2 × $pages:"$'\n'
    stage_report+=$("$vidin" build --timings --content "$site/content" --themes themes --output "$site/out-vidin" | grep -v '^built ')
  fi
  rm -rf "$site"
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$stage_report" ] && echo "$stage_report"
exit 0
