#!/bin/sh
# Runs every unit test binary given as arguments, then every terminal test in
# tests/term/, and prints one summary line: "N passed, N failed".
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
	if BUILD=$BUILD sh "$t" >"$log" 2>&1; then
		pass=$((pass + 1)); echo "term $(basename "$t"): ok"
	else
		fail=$((fail + 1)); echo "term $(basename "$t"): FAILED"; cat "$log"
	fi
done
rm -f "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
