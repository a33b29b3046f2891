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
# The fault suite times a well-behaved client beside its attacks: it runs after the rest, alone,
# so the browser suites' load on the same cores is not counted against the server.
npx jest --json --outputFile=.build/jest-results.json --testPathIgnorePatterns=test/faults/hostile-clients "$@" || status=$?
npx jest --json --outputFile=.build/fault-results.json test/faults/hostile-clients || status=$?
# A plain closing line that any CI reader understands.
node -e '
  const r = [require("./.build/jest-results.json"), require("./.build/fault-results.json")];
  const sum = (key) => r.reduce((total, one) => total + one[key], 0);
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (sum("numPendingTests") ? `, ${sum("numPendingTests")} skipped` : ""));
'
exit $status
