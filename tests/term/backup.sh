#!/bin/sh
# A backup under continuous writes (issue 17): four writers save without a
# pause (tests/stress/stress.c, long memos so each save dirties pages) while
# root copies the database. The copy finishes, passes --verify, holds every
# save acknowledged before the backup began, and the WAL stays under twice
# the database's size (or 256 MB) throughout. In steps of a few pages the
# copy started over at every write and never finished.
. "$(dirname "$0")/harness"
STRESS="$TOP/$BUILD/stress"
[ -x "$STRESS" ] || fail "no $STRESS: make $BUILD/stress"
[ "$(id -u)" = 0 ] || { echo "ok (backup is root's: run as root to test it)"; exit 0; }
mkdir "$WORK/data" "$WORK/bak"
DB=$WORK/data/test.db
# A larger file than the demo's: many more pages than one short step copies.
"$BIN" -c "$CONF" --db "$DB" init --demo --scale 3000 --no-activity >/dev/null 2>&1 ||
	fail "init --demo --scale 3000 failed"
pids=
for i in 1 2 3 4; do
	"$STRESS" writer "$DB" --pad 3000 >"$WORK/acks$i" 2>"$WORK/err$i" &
	pids="$pids $!"
done
stop_writers() { for p in $pids; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap 'stop_writers' EXIT
# Writers under way: wait for a few acknowledged saves from each.
i=0
until [ "$(cat "$WORK"/acks* | wc -l)" -ge 40 ]; do
	i=$((i + 1)); [ $i -lt 600 ] || fail "the writers saved nothing: $(cat "$WORK"/err*)"
	sleep 0.05
done
size=$(stat -c %s "$DB")
limit=$((size * 2)); [ $limit -gt 268435456 ] || limit=268435456
cat "$WORK"/acks* >"$WORK/acked-before"
before=$(wc -l <"$WORK/acked-before")
timeout 120 "$BIN" -c "$CONF" --db "$DB" backup "$WORK/bak/copy.db" --verify >"$WORK/out" 2>"$WORK/err" &
bk=$!
peak=0
while kill -0 "$bk" 2>/dev/null; do
	w=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
	[ "$w" -gt "$peak" ] && peak=$w
	sleep 0.02
done
wait "$bk"; rc=$?
[ $rc = 0 ] || fail "backup under writers: exit $rc $(cat "$WORK/err")"
grep -qF "проверена" "$WORK/out" || fail "backup --verify did not say it verified: $(cat "$WORK/out")"
# The writers went on all the while.
after=$(cat "$WORK"/acks* | wc -l)
[ "$after" -gt "$before" ] || fail "the writers stopped during the backup"
stop_writers
trap - EXIT
echo "database $size B, WAL peak $peak B during the backup (limit $limit), saves $before -> $after"
[ "$peak" -le "$limit" ] || fail "WAL grew to $peak B during the backup"
[ "$(sqlite3 "$WORK/bak/copy.db" "PRAGMA integrity_check")" = ok ] || fail "the copy is damaged"
# Every save acknowledged before the backup began is in the copy, whole.
"$STRESS" verify "$WORK/bak/copy.db" "$WORK/acked-before" || fail "the copy lacks an acknowledged save"
echo ok
