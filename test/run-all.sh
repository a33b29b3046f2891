#!/usr/bin/env bash
# `npm test`: everything the tests need, then every suite — unit, integration over HTTP/1.1 and
# HTTP/2, the scale-out tests against real redis-server processes, and the browser tests in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
mkdir -p .build
bash test/ensure-tools.sh
bash test/ensure-redis.sh
npm run --silent lint
npm run --silent typecheck
npm run --silent build > .build/build-log.txt 2>&1 || { cat .build/build-log.txt; exit 1; }

status=0
npx jest --json --outputFile=.build/jest-results.json "$@" || status=$?
# A plain closing line that any CI reader understands.
node -e '
  const r = require("./.build/jest-results.json");
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
'
exit $status
