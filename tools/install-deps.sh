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
  clang libclang-rt-14-dev
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
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
