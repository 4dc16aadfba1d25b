#!/usr/bin/env bash
# Installs the Debian packages skillmatch needs to build and test.
# Idempotent: installs only what is missing; runs apt-get update only then.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libeigen3-dev libsqlite3-dev sqlite3 libspdlog-dev libfmt-dev
  nlohmann-json3-dev libcli11-dev libutf8proc-dev libstemmer-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libfaiss-dev libopenblas-dev chromium
  libcpp-httplib-dev libsodium-dev liboath-dev oathtool nginx openssl
  libqrencode-dev zbar-tools
  clang libclang-rt-14-dev
  libxlsxwriter-dev unzip
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

# node and npm for the browser tests: Debian's nodejs and npm, unless the
# machine has them already (a nodejs package that bundles npm, say, which
# Debian's npm package would conflict with).
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

# The browser tests' npm packages (playwright-core, axe-core), pinned by
# tests/browser/package-lock.json; installed after the Debian packages.
browser_modules() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/browser"
  if [ ! -d "$dir/node_modules/playwright-core" ] || [ ! -d "$dir/node_modules/axe-core" ] \
     || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "install-deps: npm ci in tests/browser" >&2
    (cd "$dir" && npm ci --no-audit --no-fund >&2)
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  browser_modules
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
browser_modules
