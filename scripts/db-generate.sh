#!/usr/bin/env bash
# Until the first release the schema lives in one initial migration, regenerated from db/schema.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf db/migrations
npx drizzle-kit generate --name init
