#!/usr/bin/env bash
# The browser test of `kgx serve` (scripts/browser-test.py): installs Debian's Chromium and its
# driver, and Selenium, when missing, then drives the page. Says SKIPPED, visibly, when they
# cannot be had. Usage: scripts/browser-test.sh [--kgx PATH] [--readme-shot docs/serve.png]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium and chromium-driver for the browser test" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver fonts-liberation >/dev/null) \
      || echo "warning: could not install chromium and chromium-driver" >&2
  fi
fi
if ! python3 -c "import selenium" >/dev/null 2>&1; then
  echo "installing selenium for the browser test" >&2
  python3 -m pip install --quiet selenium >&2 || echo "warning: could not install selenium" >&2
fi
exec python3 scripts/browser-test.py "$@"
