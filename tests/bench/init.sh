#!/bin/sh
# make bench: `init --demo --scale 100000` from the outside (issue 18: under
# 30 s): the wall clock from launch to exit of the real program into a new
# file, and its peak memory when /usr/bin/time is there.
# Usage: BUILD=build sh tests/bench/init.sh [SCALE]
set -u
BUILD=${BUILD:-build}
SCALE=${1:-100000}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$TOP/$BUILD/marshrut"
CONF="$TOP/conf/marshrut.conf"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/init.db"

now() { date +%s%N; }
t0=$(now)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%M' -o "$WORK/rss" "$BIN" -c "$CONF" --db "$DB" init --demo --scale "$SCALE" >/dev/null
else
	"$BIN" -c "$CONF" --db "$DB" init --demo --scale "$SCALE" >/dev/null
fi
rc=$?
t1=$(now)
[ $rc -eq 0 ] || { echo "init bench: init --demo --scale $SCALE failed ($rc)"; exit 1; }
ms=$(( (t1 - t0) / 1000000 ))
rss=""
[ -s "$WORK/rss" ] && rss=", peak RSS $(( $(tail -1 "$WORK/rss") / 1024 )) MB"
ok=ok
[ "$ms" -le 30000 ] || ok=MISSES
printf 'init --demo --scale %s: %d.%03d s wall%s (goal: under 30 s): %s\n' "$SCALE" $((ms / 1000)) $((ms % 1000)) "$rss" "$ok"
