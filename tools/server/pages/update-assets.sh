#!/usr/bin/env bash
# Copies the pinned htmx (package.json, package-lock.json) into assets/,
# where it is committed (vendored) and compiled into the binary: the build
# and the pages never need the network. Run after changing the pin.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
npm ci --no-audit --no-fund
cp node_modules/htmx.org/dist/htmx.min.js assets/htmx.min.js
cp node_modules/htmx.org/LICENSE assets/htmx.LICENSE
echo "assets/htmx.min.js: htmx.org $(node -p 'require("./node_modules/htmx.org/package.json").version')"
