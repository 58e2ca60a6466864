#!/usr/bin/env bash
# `npm test`: typecheck, lint, formatting, unit tests, then the Playwright click paths.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
step() { printf '\n== %s\n' "$1"; }
step "typecheck"; npx tsc --noEmit
step "lint"; npx eslint --max-warnings=0 .
step "format"; npx prettier --check . --log-level warn
step "unit tests"; npx vitest run
step "end-to-end tests"; bash scripts/ensure-chromium.sh; npx playwright test
