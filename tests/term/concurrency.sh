#!/bin/sh
# Many writers at once through the one save path (tests/stress/stress.c):
# 20 processes x 200 saves, half of them on one shared record. No update is
# lost, every conflict is detected and retried, no save fails with "database
# is locked", and the file is healthy afterwards.
. "$(dirname "$0")/harness"
STRESS="$TOP/$BUILD/stress"
[ -x "$STRESS" ] || fail "no $STRESS: make $BUILD/stress"
demo_db
"$STRESS" hammer "$DB" --procs 20 --saves 200 || fail "stress hammer found a violation"
out=$("$BIN" -c "$CONF" --db "$DB" check) || fail "check after the hammer: $out"
echo "$out"
echo "$out" | grep -qF "база исправна" || fail "check does not say healthy: $out"
echo ok
