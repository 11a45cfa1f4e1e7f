#!/usr/bin/env bash
# Two builds of vidin (two binaries, or two commands) in compare-hugo.sh's own loop: before each
# pair, both outputs are deleted; then the vidin build, then Hugo's. The two commands take turns
# (A B B A A B B A …), so that both meet the same state of the file system: over ext4 without a
# journal, making files right after a deletion costs the kernel more the more was deleted in the
# last minute (docs/PERFORMANCE.md, Round 7), and the ratio drifts from one iteration to the next.
# Usage: scripts/bench/ab-hugo.sh PAGES_PER_LANGUAGE "COMMAND A" "COMMAND B" [ITERATIONS]
#   e.g. scripts/bench/ab-hugo.sh 2000 "/tmp/vidin-before build --content {content} --output {out}" \
#                                       ".build/release/vidin build --content {content} --output {out}" 12
# Prints each iteration (which command, vidin's seconds, Hugo's seconds, the ratio) and, per
# command, the medians. Needs: python3, hugo (Debian package). Run from the project's root.
set -euo pipefail
pages=${1:?pages per language}; a=${2:?command A}; b=${3:?command B}; iterations=${4:-12}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/content"
[ -d content ] && cp -r content/. "$work/content/"
python3 "$here/make-corpus.py" "$work/content" "$pages" >/dev/null
mkdir -p "$work/hugo/content"; cp -r "$here/hugo/." "$work/hugo/"
cp -r "$work/content/guide" "$work/hugo/content/guide"
printf -- '---\ntitle: "Print"\ntype: print\n---\n' > "$work/hugo/content/print.bg.md"
printf -- '---\ntitle: "Print"\ntype: print\n---\n' > "$work/hugo/content/print.en.md"
command_for() { local c=${1//\{content\}/$work/content}; echo "${c//\{out\}/$work/out-project}"; }
hugo_cmd="hugo --quiet --source $work/hugo --destination $work/out-hugo"
seconds() { local s e; s=$(date +%s.%N); bash -c "$1" >/dev/null 2>&1 || { echo "failed: $1" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
bash -c "$(command_for "$a")" >/dev/null 2>&1 && bash -c "$(command_for "$b")" >/dev/null 2>&1 && bash -c "$hugo_cmd" >/dev/null 2>&1
results=$work/results
for i in $(seq "$iterations"); do
  case $((i % 4)) in 1|0) which=A; cmd=$a;; *) which=B; cmd=$b;; esac
  rm -rf "$work/out-project" "$work/out-hugo"
  v=$(seconds "$(command_for "$cmd")"); h=$(seconds "$hugo_cmd")
  echo "$which $v $h" | tee -a "$results" | awk '{printf "%s  vidin %.2f s  hugo %.2f s  ratio %.3f\n", $1, $2, $3, $2 / $3}'
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for which in "AB":
    mine = [(float(v), float(h)) for w, v, h in rows if w == which]
    print(f"{which}: vidin median {statistics.median(v for v, _ in mine):.2f} s, hugo median {statistics.median(h for _, h in mine):.2f} s, "
          f"ratio median {statistics.median(v / h for v, h in mine):.3f} ({len(mine)} pairs)")
PY
