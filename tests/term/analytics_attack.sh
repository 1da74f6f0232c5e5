#!/bin/sh
# Typical deficits cannot be subtracted (issue 12): on the demo region and
# on a second one of another size, every figure each demo user can obtain
# through `marshrut analytics` (every group he may ask for, every breakdown,
# every year, CSV) is attacked by differencing (analytics_attack.py): no
# figure and nothing computable from the figures covers 1 to k-1 people or
# is true of all of a group. Then the verb's calling convention: exit 2 for
# a wrong call, text within 80 columns, the same text as the screen shows.
. "$(dirname "$0")/harness"
M="$BIN -c $CONF --db $DB"

"$BIN" -c "$CONF" --db "$DB" init --demo >/dev/null || fail "init --demo failed"
python3 -B "$TOP/tests/term/analytics_attack.py" "$BIN" "$CONF" "$DB" || fail "the demo region leaks"

second="$WORK/second.db"
"$BIN" -c "$CONF" --db "$second" init --demo --scale 300 >/dev/null || fail "init --demo --scale 300 failed"
python3 -B "$TOP/tests/term/analytics_attack.py" "$BIN" "$CONF" "$second" || fail "the second region leaks"

# A wrong call: exit 2, nothing on stdout.
for args in "--by subjectt" "--group kindergarten" "--format xlsx" "--year 1999" "--subject к" \
	"--by position --by form" "--group"; do
	# shellcheck disable=SC2086
	$M --as regional analytics $args >"$WORK/out" 2>"$WORK/err"
	rc=$?
	[ "$rc" = 2 ] || fail "analytics $args: exit $rc, expected 2"
	[ -s "$WORK/out" ] && fail "analytics $args printed something"
done
# Refused: a teacher reaches no group, a school no other school.
$M --as teacher analytics >"$WORK/out" 2>"$WORK/err" && fail "a teacher got typical deficits"
grep -qF "нет доступа ни к одной организации" "$WORK/err" || fail "no reason given to the teacher"
other=$(sql "SELECT code FROM organisation WHERE id <> (SELECT org_id FROM user_role r JOIN app_user u ON u.id = r.user_id
	WHERE u.login = 'school' AND r.org_id IS NOT NULL) ORDER BY code LIMIT 1")
$M --as school analytics --group "org:$other" >"$WORK/out" 2>"$WORK/err"
[ $? = 1 ] || fail "a school head got another school's figures"

# Finding 5: a school's own share of schools (1 of 1) is withheld by the
# report as by the monitoring screen — one rule (indicator_withheld).
$M --as school report indicators --format csv >"$WORK/out" || fail "report indicators failed"
for code in УИ-5 УИ-7; do
	line=$(grep "^$code;" "$WORK/out") || fail "no $code in the report"
	echo "$line" | grep -qF ";%;скрыто (<5);скрыто (<5);1;" || fail "$code not withheld: $line"
done

# Text: the title, then the lines of the screen; within 80 columns.
$M --as regional analytics --by position --year 2026 >"$WORK/out" || fail "analytics --by position failed"
head -1 "$WORK/out" | grep -qF "Типичные дефициты: Смоленская область, 2026 год, по должностям" ||
	fail "no title: $(head -1 "$WORK/out")"
grep -qF "Должность: учителя" "$WORK/out" || fail "no class of the breakdown"
grep -qF "«скр.» — цифра скрыта" "$WORK/out" || fail "no explanation of withheld figures"
w=$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")
[ "$w" -le 80 ] || fail "a line of $w columns"
echo ok
