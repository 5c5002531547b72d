#!/usr/bin/env bash
# Runs the tests whose outcome could hang on the hour or the weekday (interview slots and working hours,
# night-time, reminders, deadlines, concurrent deliveries) under faked clocks, with Debian's libfaketime:
# a test that passes only at some hours fails here at once, not at 00:30 on someone's clean clone.
#   bash test/support/faked-clocks.sh                       # next Saturday 23:55 and next Monday 00:30 UTC
#   bash test/support/faked-clocks.sh 'next monday 06:00'   # any `date -d` string, UTC
# The faked clock starts at that instant and runs on normally (libfaketime's "@" form), for the test
# processes and everything they start (DynamoDB Local's JVM included).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v faketime >/dev/null || { echo "faketime is not installed (Debian: apt-get install faketime)" >&2; exit 1; }

clocks=("$@")
[ ${#clocks[@]} -gt 0 ] || clocks=('next saturday 23:55' 'next monday 00:30')
files=(
  test/interview test/links test/email test/pages/format.test.ts
  test/records/records.test.ts test/integration/signals-webhooks.test.ts test/integration/webhook-outbox.test.ts
  test/e2e/onboarding.e2e.test.ts test/workflow/interview-loop.test.ts
)
for clock in "${clocks[@]}"; do
  at=$(TZ=UTC date -u -d "$clock" '+%Y-%m-%d %H:%M:%S')
  echo "== the time-sensitive tests with the clock at $at UTC ($(TZ=UTC date -u -d "$clock" +%A))"
  TZ=UTC faketime -f "@$at" npm test -- "${files[@]}"
done
