#!/usr/bin/env bash
# Builds the site with each of the large inputs of issue 9 point 8 added to a copy of content/,
# and prints the time of each build and the size of the site for 500, 1000 and 2000 extra pages.
# Every stage must be linear: each input builds in under 10 s, and the site grows in proportion
# to the number of pages (bytes per page about the same at every size).
#   scripts/bench-hostile.sh            release build (swift build -c release first)
#   VIDIN=.build/debug/vidin scripts/bench-hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${VIDIN:-}" ]]; then
  swift build -c release --product vidin >/dev/null
  VIDIN="$(swift build -c release --show-bin-path)/vidin"
fi
VIDIN="$(cd "$(dirname "$VIDIN")" && pwd)/$(basename "$VIDIN")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fresh() {  # a copy of the project's content and themes in $work/$1
  rm -rf "$work/$1"; mkdir -p "$work/$1"
  cp -r content themes "$work/$1/"
}

timed() {  # name, folder: builds and prints the wall time and the exit code
  local start end code=0
  start=$(date +%s.%N)
  (cd "$work/$2" && "$VIDIN" build >"$work/$2.log" 2>&1) || code=$?
  end=$(date +%s.%N)
  printf '%-34s %6.2f s  exit %s\n' "$1" "$(echo "$end - $start" | bc)" "$code"
}

chapter() {  # folder, python expression for the body
  python3 - "$work/$1/content/guide/90-bench.bg.md" "$2" <<'PY'
import sys
path, expression = sys.argv[1], sys.argv[2]
body = eval(expression)
open(path, "w").write("---\ntitle: Проба\n---\n\n" + body)
PY
}

fresh base;      timed "the site as it is" base
fresh notes;     chapter notes "''.join(f'Текст[^{i}].\n' for i in range(10000)) + '\n' + ''.join(f'[^{i}]: Източник, https://example.eu/a/b/c?d={i}&e=f\n' for i in range(10000))"
timed "10,000 footnotes with URLs" notes
fresh tasks;     chapter tasks "''.join(f'- [ ] задача {i}\n' for i in range(20000))"
timed "20,000 task-list items" tasks
fresh links;     chapter links "' '.join(f'[връзка {i}](https://example.eu/{i})' for i in range(40000)) + '\n'"
timed "40,000 links on one line" links
fresh big;       chapter big "''.join(f'## Раздел {i}\n\n' + 'Дълъг текст на ръководството, който се повтаря. ' * 55 + '\n\n' for i in range(10000))"
printf '  (chapter of %s MB)\n' "$(( $(stat -c %s "$work/big/content/guide/90-bench.bg.md") / 1000000 ))"
timed "50 MB chapter, 10,000 headings" big

for pages in 500 1000 2000; do
  fresh "pages$pages"
  python3 - "$work/pages$pages/content/pages" "$pages" <<'PY'
import sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    open(f"{folder}/bench-{i:05d}.bg.md", "w").write(f"---\ntitle: Страница {i}\n---\n\nТекст на страница {i}.\n")
PY
  timed "$pages extra pages" "pages$pages"
  bytes=$(du -sb "$work/pages$pages/site" | cut -f1)
  printf '  site %s MB, %s bytes per extra page over the base site\n' "$(( bytes / 1000000 ))" \
    "$(( (bytes - $(du -sb "$work/base/site" | cut -f1)) / pages ))"
done
