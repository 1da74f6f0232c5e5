#!/bin/sh
# Runs every unit test binary given as arguments, then every terminal test in
# tests/term/, and prints one summary line: "N passed, N failed".
# A terminal test that cannot run here (no root, a missing package) exits 77
# after printing "SKIP: reason": it is reported as skipped and counted in
# neither number.
BUILD=${BUILD:-build}
pass=0; fail=0
log=$(mktemp)
for t in "$@"; do
	"$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -ne 0 ]; then cat "$log"; fi
	echo "unit $(basename "$t"): $p passed, $f failed"
	pass=$((pass + p)); fail=$((fail + f))
done
for t in tests/term/*.sh; do
	[ -e "$t" ] || continue
	BUILD=$BUILD sh "$t" >"$log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1)); echo "term $(basename "$t"): ok"
	elif [ "$rc" -eq 77 ] && why=$(sed -n 's/^SKIP: //p' "$log" | tail -1) && [ -n "$why" ]; then
		echo "term $(basename "$t"): skipped ($why)"
	else
		fail=$((fail + 1)); echo "term $(basename "$t"): FAILED"; cat "$log"
	fi
done
rm -f "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
