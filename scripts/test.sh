#!/usr/bin/env bash
# Runs the test suite. Installs what the tests need on a fresh machine (PostgreSQL server
# binaries, Chromium); the tests themselves start and stop the servers they use.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Lint and types first (seconds): the rules are in pyproject.toml.
.venv/bin/ruff check src tests bench scripts
.venv/bin/mypy src/pledgetrack
exec .venv/bin/python -m pytest "$@"
