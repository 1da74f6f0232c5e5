#!/bin/sh
# Every indicator of seeds 003 and 000 from recorded data (issue 16).
# On the full demo each has a value. On the organisation form the dates of
# the plan supporting attestation (003 №6) and of the ИППР in the ВСОКО
# (000, ОМ-5) are set for a school, on the teacher's form the date since
# which he uses modern educational technologies (003 №18): each moves its
# indicator's numerator by one, the denominators stay. The monitoring
# screen says «цель не задана» where the seed gives no target (Omsk) until
# one is set, and marks the vacancy indicator, where less is better, «≤».
# From the organisation's card its municipality's date of the ИППР in the
# МСОКО (000, ОМ-7) is set: ОМ-7's numerator moves by one, and who counts
# in it lists the municipalities with their dates.
. "$(dirname "$0")/harness"
M="$BIN -c $CONF --db $DB"
year=$(date +%Y)
figure() { # figure CODE LINE FILE: a line of an indicator in the text report
	awk -v c="$1 " -v l="$2" 'index($0, c) == 1 { on = 1 } on && index($0, l) { print $NF; exit }' "$3"
}
codes="УИ-1 УИ-3 УИ-4 УИ-5 УИ-6 УИ-7 УИ-8 УИ-9 УИ-10 УИ-11 УИ-13 УИ-14 УИ-15 УИ-16 УИ-17 УИ-18 УИ-19
	ОМ-1 ОМ-2 ОМ-3 ОМ-4 ОМ-5 ОМ-6 ОМ-7"

# The full demo (with its history): a value for each, or one withheld by
# the disclosure rule («скрыто») over a group that has data.
"$BIN" -c "$CONF" --db "$WORK/full.db" init --demo >/dev/null || fail "init --demo failed"
"$BIN" -c "$CONF" --db "$WORK/full.db" --as regional report indicators --year "$year" --scope region \
	> "$WORK/full.txt" || fail "report of the full demo"
for c in $codes; do
	v=$(figure "$c" "Значение" "$WORK/full.txt")
	case "$v" in
	скрыто) d=$(figure "$c" "Знаменатель" "$WORK/full.txt")
		[ "${d:-0}" -gt 0 ] 2>/dev/null || fail "$c withheld with no data ($d)" ;;
	""|*[!0-9,]*) fail "$c has no value on the demo ($v)" ;;
	esac
done

demo_db
sql "SELECT code FROM organisation WHERE kind = 'school' AND founder = 'municipal'
	AND attestation_plan_date IS NULL AND vsoko_ippr_date IS NULL
	AND mun_id IN (SELECT id FROM municipality WHERE msoko_ippr_date IS NULL) ORDER BY id LIMIT 1" > "$WORK/org"
org=$(cat "$WORK/org")
[ -n "$org" ] || fail "no school without the plans in the demo"
oid=$(sql "SELECT id FROM organisation WHERE code = '$org'")
mid=$(sql "SELECT mun_id FROM organisation WHERE id = $oid")
# A teacher without it, his surname the only one of its kind in the school.
pid=$(sql "SELECT min(p.id) FROM person p WHERE p.org_id = $oid AND p.archived = 0 AND p.modern_tech_date IS NULL
	AND p.is_manager = 0 AND p.employment IS NOT 'external' AND (SELECT count(*) FROM person q
	WHERE q.org_id = $oid AND q.surname = p.surname) = 1")
[ -n "$pid" ] || fail "no teacher without the technologies in the school"
sur=$(sql "SELECT surname FROM person WHERE id = $pid")
$M --as regional report indicators --year "$year" --scope region > "$WORK/before.txt" || fail "report"
expect_eq "$(figure "ОМ-5" "Целевое значение" "$WORK/before.txt")" "—" "no target for Omsk"
expect_eq "$(figure "УИ-18" "Целевое значение" "$WORK/before.txt")" "100" "№18's target"

start $M --as regional
wait_for "главное меню"
type_text "Образовательные"
keys Enter
wait_for "Образовательные организации"
type_text "$(sql "SELECT coalesce(short_name, name) FROM organisation WHERE code = '$org'")"
wait_for "Найдено: 1"
keys Enter
wait_for "ИППР во ВСОКО"
keys F4
wait_for "Изменение: организация"
# Founder is the 11th field; the plan supporting attestation the 13th, the
# ВСОКО the 15th.
i=0
while [ $i -lt 12 ]; do keys Down; i=$((i + 1)); done
type_text "01.02.$year"
keys Down Down
type_text "15.03.$year"
keys F2
wait_gone "Изменение: организация"
wait_for "15.03.$year"
# Its municipality's МСОКО (ОМ-7), from the card: only the date is open.
wait_for "— (F6 — изменить)"
keys F6
wait_for "Изменение: муниципалитет"
type_text "20.04.$year"
keys F2
wait_gone "Изменение: муниципалитет"
wait_for "20.04.$year (F6 — изменить)"
{ echo "@@ regional: the organisation's card"; screen; } > "$WORK/cap-card"
python3 -B "$TOP/tests/term/scan80.py" "$TOP" "$DB" "$WORK/cap-card" || fail "the card: a word cut"
# His teacher, from the school's card.
keys F5
wait_for "Педагоги:"
type_text "$sur"
wait_for "Найдено: 1"
keys Enter
wait_for "Информационная справка: $sur"
keys F4
wait_for "Изменение: педагог"
i=0
while [ $i -lt 26 ]; do keys Down; i=$((i + 1)); done
wait_for "Соврем. технологии с"
type_text "01.09.$year"
keys F2
wait_gone "Изменение: педагог"
keys F10
wait_for "Найдено:"
keys F10
wait_for "Организация:"
keys F10
wait_for "Образовательные организации"
keys F10
wait_for "главное меню"
expect_eq "$(sql "SELECT attestation_plan_date || ' ' || vsoko_ippr_date FROM organisation WHERE id = $oid")" \
	"$year-02-01 $year-03-15" "the plans saved"
expect_eq "$(sql "SELECT modern_tech_date FROM person WHERE id = $pid")" "$year-09-01" "the technologies saved"
expect_eq "$(sql "SELECT msoko_ippr_date FROM municipality WHERE id = $mid")" "$year-04-20" "the МСОКО saved"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'municipality' AND record_id = $mid
	AND field = 'msoko_ippr_date' AND after = '$year-04-20'")" "1" "the МСОКО audited"

# The monitoring screen: no target for the Omsk ones, «≤» for the vacancies.
type_text "Монит"
keys Enter
wait_for "Мониторинг $year"
wait_for "УИ-1 "
keys End
wait_for ">ОМ-7 "
screen | grep "ОМ-5 " | grep -qF "цель не задана" || fail "ОМ-5 without «цель не задана»"
screen | grep "ОМ-6 " | grep -qF "цель не задана" || fail "ОМ-6 without «цель не задана»"
screen | grep "ОМ-7 " | grep -qF "цель не задана" || fail "ОМ-7 without «цель не задана»"
screen | grep "УИ-15 " | grep -qF "≤" || fail "УИ-15 not marked less-is-better"
keys Up Up
wait_for ">ОМ-5 "
keys F4
wait_for "Целевое значение ОМ-5"
type_text "40"
keys Enter
wait_gone "Целевое значение ОМ-5"
keys End
wait_for ">ОМ-7 "
wait_for " 40% "
screen | grep "ОМ-5 " | grep -qF "цель не задана" && fail "ОМ-5 still without a target"
# Who counts in ОМ-7: municipalities, with their dates; the one typed above
# among them (four of five by the year's end, the demo's three and it).
keys F3
wait_for "Кто учтён: ОМ-7"
wait_for "Учитываются в числителе (4)"
wait_for "Только в знаменателе (1)"
wait_for "20.04.$year"
{ echo "@@ regional: who counts in ОМ-7"; screen; } > "$WORK/cap-who"
python3 -B "$TOP/tests/term/scan80.py" "$TOP" "$DB" "$WORK/cap-who" || fail "who counts: a word cut"
keys Enter
wait_for "в карточке его организации, F6"
keys F10
wait_for ">ОМ-7 "
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

$M --as regional report indicators --year "$year" --scope region > "$WORK/after.txt" || fail "report"
for x in "УИ-6 Числитель 1" "УИ-6 Знаменатель 0" "ОМ-5 Числитель 1" "ОМ-5 Знаменатель 0" \
	 "УИ-18 Числитель 1" "УИ-18 Знаменатель 0" "ОМ-4 Числитель 0" \
	 "ОМ-7 Числитель 1" "ОМ-7 Знаменатель 0"; do
	set -- $x
	b=$(figure "$1" "$2" "$WORK/before.txt")
	a=$(figure "$1" "$2" "$WORK/after.txt")
	case "$b$a" in *[!0-9]*|"") fail "$1 $2 withheld or missing ($b → $a)" ;; esac
	expect_eq "$a" "$((b + $3))" "$1 $2"
done
expect_eq "$(figure "ОМ-5" "Целевое значение" "$WORK/after.txt")" "40" "the region's target for ОМ-5"
echo ok
