#!/usr/bin/env bash
# Builds the site from content/ into site/ with a release build of vidin.
# Installs the cmark-gfm C library (Debian packages) first if it is missing.
# Extra arguments go to `vidin build`, e.g. --base-url https://preview.example/ or --drafts.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/install.sh
install_cmark
if ! swift build -c release --product vidin >.build-release.log 2>&1; then cat .build-release.log; exit 1; fi
.build/release/vidin build "$@"
