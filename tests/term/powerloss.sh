#!/bin/sh
# Power loss (issue 17): rounds of a writer whose file operations go through
# a VFS shim that, at a random operation, loses a random part of the writes
# not yet synced — whole, or torn at a sector — and ends the process
# (tests/stress/powercut.c, in the manner of SQLite's crash tests). Then a
# "reboot": the -shm file is removed. After every cut the database passes
# `marshrut check`, and every save the writer acknowledged (printed only
# after its commit returned) is in it.
. "$(dirname "$0")/harness"
STRESS="$TOP/$BUILD/stress"
[ -x "$STRESS" ] || fail "no $STRESS: make $BUILD/stress"
ROUNDS=${ROUNDS:-200}
demo_db
acks="$WORK/acks"
: >"$acks"
# Operations and seeds drawn here (dash has no $RANDOM); the seed is shown
# so a failure can be replayed.
plan=$(awk -v seed="$$" -v n="$ROUNDS" 'BEGIN { srand(seed);
	for (i = 0; i < n; i++) printf "%d %d\n", 1 + int(rand() * 300), 1 + int(rand() * 2147483646) }')
echo "cuts drawn with seed $$"
round=0
echo "$plan" | while read -r ops seed; do
	round=$((round + 1))
	"$STRESS" writer "$DB" --pad 500 --powercut "$ops" "$seed" >>"$acks" 2>"$WORK/err" ||
		fail "round $round (cut after $ops, seed $seed): the writer failed: $(cat "$WORK/err")"
	rm -f "$DB-shm"
	"$BIN" -c "$CONF" --db "$DB" check >"$WORK/check" 2>&1 ||
		fail "round $round (cut after $ops, seed $seed): check: $(cat "$WORK/check")"
	"$STRESS" verify "$DB" "$acks" >"$WORK/verify" 2>&1 ||
		fail "round $round (cut after $ops, seed $seed): $(cat "$WORK/verify")"
done || exit 1
n=$(wc -l <"$acks")
[ "$n" -ge "$ROUNDS" ] || fail "only $n saves acknowledged over $ROUNDS cuts: the cuts fell too early"

echo "$ROUNDS cuts, $n acknowledged saves, all present; check healthy after each"
echo ok
