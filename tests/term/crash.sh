#!/bin/sh
# Crashes: 200 rounds of two writers (tests/stress/stress.c) killed with
# SIGKILL after a random 2-40 ms, wherever they are: opening, in the middle
# of a save, between saves. A writer prints "ack ID VALUE" only after its
# save committed. Afterwards the file is healthy, every acknowledged save is
# in it, and every record is whole (its counter, version and audit agree).
. "$(dirname "$0")/harness"
STRESS="$TOP/$BUILD/stress"
[ -x "$STRESS" ] || fail "no $STRESS: make $BUILD/stress"
ROUNDS=${ROUNDS:-200}
demo_db
acks="$WORK/acks"
errs="$WORK/errors"
: >"$acks"
: >"$errs"
# How long a writer takes to its first save on this build (a sanitizer
# build starts several times slower): the kills fall anywhere from its
# opening to 38 ms of saving past that.
t=$(date +%s%N)
"$STRESS" writer "$DB" --saves 1 >>"$acks" 2>>"$errs" || fail "a single writer failed: $(cat "$errs")"
first=$(( ($(date +%s%N) - t) / 1000000 ))
: >"$errs"
# Delays in seconds, two per round (dash has no $RANDOM).
delays=$(awk -v seed="$$" -v n="$ROUNDS" -v first="$first" 'BEGIN { srand(seed);
	for (i = 0; i < n; i++) printf "%.3f %.3f\n", (2 + rand() * (first + 38)) / 1000, rand() * 10 / 1000 }')
echo "delays drawn with seed $$ (first save after $first ms)"
t0=$(date +%s)
echo "$delays" | while read -r d1 d2; do
	"$STRESS" writer "$DB" >>"$acks" 2>>"$errs" &
	a=$!
	"$STRESS" writer "$DB" >>"$acks" 2>>"$errs" &
	b=$!
	sleep "$d1"
	kill -KILL $a
	sleep "$d2"
	kill -KILL $b
	# (the shell's "Killed" notices are not worth a line each)
	{ wait $a; } 2>/dev/null; ra=$?
	{ wait $b; } 2>/dev/null; rb=$?
	# Killed is the only way a writer ends here; 1 is an error it reported.
	[ $ra = 137 ] && [ $rb = 137 ] || { echo "a writer ended by itself: $ra $rb"; exit 1; }
done || fail "writer failed: $(cat "$errs")"
t1=$(date +%s)
[ -s "$errs" ] && fail "writers reported errors: $(head -20 "$errs")"
n=$(wc -l <"$acks")
[ "$n" -gt "$ROUNDS" ] || fail "only $n saves acknowledged in $ROUNDS rounds: the writers hardly ran"
echo "$ROUNDS rounds in $((t1 - t0)) s, $n saves acknowledged, WAL $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) bytes"
out=$("$BIN" -c "$CONF" --db "$DB" check) || fail "check after the crashes: $out"
echo "$out"
echo "$out" | grep -qF "база исправна" || fail "check does not say healthy: $out"
"$STRESS" verify "$DB" "$acks" || fail "an acknowledged save is missing"
echo ok
