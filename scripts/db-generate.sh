#!/usr/bin/env bash
# Adds the next migration for what changed in db/schema (drizzle-kit diff against the last snapshot).
# Committed migrations are never edited: a database created by an earlier release upgrades in order.
set -euo pipefail
cd "$(dirname "$0")/.."
npx drizzle-kit generate "$@"
