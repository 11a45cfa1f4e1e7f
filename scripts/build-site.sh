#!/usr/bin/env bash
# Builds the site from content/ into site/ with a release build of vidin.
# Installs the cmark-gfm C library (Debian packages) first if it is missing.
# Extra arguments go to `vidin build`, e.g. --base-url https://preview.example/ or --drafts.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/install.sh
install_cmark
swift build -c release --product vidin 2>&1 | grep -Ev '^(\[[0-9]+/[0-9]+\]|Building|Build of product|Compiling|Write|Linking|Fetching|Computing|Creating|Working copy|Planning)' || true
.build/release/vidin build "$@"
