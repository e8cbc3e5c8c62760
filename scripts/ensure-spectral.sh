#!/usr/bin/env bash
# Spectral (pinned in scripts/openapi-lint/package-lock.json) for SpectralLintIT, installed from the npm
# registry with the machine's Node.js when it is missing.
set -euo pipefail
cd "$(dirname "$0")/openapi-lint"
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [ ! -x node_modules/.bin/spectral ]; then
  npm ci --no-audit --no-fund --ignore-scripts >/dev/null
fi
node_modules/.bin/spectral --version >/dev/null
