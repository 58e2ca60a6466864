#!/usr/bin/env bash
# The server Playwright tests run against: a fresh database file every run, its own build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-e2e}"
export DATABASE_URL="${DATABASE_URL:-file:data/e2e.db}"
export SIM_SPEED="${SIM_SPEED:-600}"
export PORT="${PORT:-3100}"
# Many specs sign in within a minute from one address; unit tests cover the strict default (5/60).
export PORTAL_SIGNIN_RATE_LIMIT="${PORTAL_SIGNIN_RATE_LIMIT:-100/60}"
db="${DATABASE_URL#file:}"
rm -f "$db" "$db-wal" "$db-shm"
exec node_modules/.bin/tsx scripts/start.ts
