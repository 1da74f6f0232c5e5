#!/bin/sh
# Indicators №7 and №9 from the organisation's card (issue 16): the
# founder (муниципальная / региональная / федеральная / частная) and the
# date the mentoring programme was adopted are fields of the organisation
# form. A school made private leaves №9's denominator (municipal
# organisations); a programme adopted this year adds to №7's numerator;
# a pair running this year in a municipal school adds to №9's numerator
# and not to №7's. The two indicators are computed by two formulas.
. "$(dirname "$0")/harness"
demo_db
M="$BIN -c $CONF --db $DB"
year=$(sql "SELECT strftime('%Y', 'now', 'localtime')")
# Two schools without a programme: one made private, one adopting one.
sql "SELECT code FROM organisation WHERE kind = 'school' AND mentoring_plan_date IS NULL
	AND founder = 'municipal' ORDER BY id LIMIT 2" > "$WORK/codes"
priv=$(sed -n 1p "$WORK/codes")
adopt=$(sed -n 2p "$WORK/codes")
[ -n "$priv" ] && [ -n "$adopt" ] || fail "no schools without a programme in the demo"
expect_eq "$(sql "SELECT formula FROM indicator WHERE code = 'УИ-7'") $(sql "SELECT formula FROM indicator WHERE code = 'УИ-9'")" \
	"orgs_mentoring_plan mun_orgs_mentoring" "two formulas"

figure() { # figure CODE LINE FILE: «Числитель» or «Знаменатель» of an indicator
	awk -v c="$1 " -v l="$2" 'index($0, c) == 1 { on = 1 } on && index($0, l) { print $NF; exit }' "$3"
}
$M --as regional report indicators --year "$year" --scope region > "$WORK/before.txt" || fail "report"

edit_org() { # edit_org CODE: the organisation's edit form
	wait_for "главное меню"
	type_text "Образовательные"
	keys Enter
	wait_for "Образовательные организации"
	type_text "$(sql "SELECT coalesce(short_name, name) FROM organisation WHERE code = '$1'")"
	wait_for "Найдено: 1"
	keys Enter
	wait_for "Учредитель"
	keys F4
	wait_for "Изменение: организация"
	i=0
	while [ $i -lt 10 ]; do keys Down; i=$((i + 1)); done
}

start $M --as regional
edit_org "$priv"
keys F3
wait_for "частная"
keys Down Down Down Enter
wait_for "Учредитель               частная"
keys F2
wait_gone "Изменение: организация"
keys F10
wait_for "Образовательные организации"
keys F10
edit_org "$adopt"
keys Down
type_text "01.02.$year"
keys F2
wait_gone "Изменение: организация"
keys F10
wait_for "Образовательные организации"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT founder FROM organisation WHERE code = '$priv'")" "private" "the founder saved"
expect_eq "$(sql "SELECT mentoring_plan_date FROM organisation WHERE code = '$adopt'")" "$year-02-01" "the date saved"

# A pair of this year in the school adopting the programme (municipal).
org=$(sql "SELECT id FROM organisation WHERE code = '$adopt'")
sql "INSERT INTO mentoring_pair (mentor_id, mentee_id, org_id, start_date, state)
	SELECT (SELECT min(id) FROM person WHERE org_id = $org), (SELECT max(id) FROM person WHERE org_id = $org),
	$org, '$year-01-15', 'active'"

$M --as regional report indicators --year "$year" --scope region > "$WORK/after.txt" || fail "report"
for x in "УИ-7 Числитель 1" "УИ-7 Знаменатель 0" "УИ-9 Числитель 1" "УИ-9 Знаменатель -1"; do
	set -- $x
	b=$(figure "$1" "$2" "$WORK/before.txt")
	a=$(figure "$1" "$2" "$WORK/after.txt")
	case "$b$a" in *[!0-9]*|"") fail "$1 $2 withheld or missing ($b → $a)" ;; esac
	expect_eq "$a" "$((b + $3))" "$1 $2"
done
echo ok
