#!/bin/sh
# Seed 003's roadmap (conf/measures.conf) in the plan of support measures:
# a regional specialist opens the plan for 2024, puts the cursor on
# «Мониторинг прохождения курсов повышения квалификации…» (linked to УИ-3)
# and reads the indicator the year before (2023) and in the year (2024),
# the figures the course records give; the measure's form names the same
# indicator. Table 8 lists the 29 city associations of conf/associations.conf.
. "$(dirname "$0")/harness"
demo_db
expect_eq "$(sql "SELECT count(*) FROM support_measure")" "15" "the roadmap's 15 measures"
expect_eq "$(sql "SELECT count(*) FROM city_mo")" "29" "the 29 associations"
# УИ-3 for the region: teachers with a course that ended in the year, of all
# active teachers (of educational organisations, not external part-timers).
pct() { sql "SELECT replace(rtrim(rtrim(printf('%.2f', 100.0 * n / d), '0'), '.'), '.', ',') FROM
	     (SELECT count(*) AS d, sum(EXISTS (SELECT 1 FROM course c WHERE c.person_id = p.id AND c.archived = 0
	                 AND c.end_date BETWEEN '$1-01-01' AND '$1-12-31')) AS n
	      FROM person p JOIN organisation o ON o.id = p.org_id WHERE p.archived = 0
	      AND o.kind NOT IN ('authority', 'institute') AND p.employment IS NOT 'external')"; }
before=$(pct 2023); after=$(pct 2024)
[ -n "$before" ] && [ -n "$after" ] || fail "no figures for 2023/2024"
start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Меры"
keys Enter
wait_for "Меры поддержки и адресные рекомендации"
keys F5
wait_for "Год (0"
keys C-u
type_text "2024"
keys Enter
wait_for "Год: 2024"
wait_for "Мониторинга профессиональных дефици"
# Standing measures (no year of their own) are in 2024's plan in the
# programme's order; the fourth is the courses' monitoring.
keys Down Down Down
wait_for "Показатель УИ-3"
wait_for "До и после: УИ-3: 2023 — $before %, 2024 — $after %"
# The second measure is linked to nothing, and says so.
keys Up Up
wait_for "Мера не связана с показателем"
keys Down Down
wait_for "Показатель УИ-3"
keys Enter
wait_for "Мониторинг прохождения курсов"
wait_for "УИ-3"
screen | grep -q "май, ежегодно" && fail "the form shows another measure"
keys F10
wait_for "До и после: УИ-3"
# Printed: the measure as the plan has it and the same before and after.
id=$(sql "SELECT id FROM support_measure WHERE conf_key = 'm04'")
keys F9
wait_for "Сохранить меру для печати"
keys Enter
wait_for "Мера сохранена"
grep -qF "Мероприятие: Мониторинг прохождения курсов повышения квалификации" "$WORK/мера-$id.txt" ||
	fail "the print lacks the activity"
grep -qF "УИ-3: 2023 — $before %, 2024 — $after %" "$WORK/мера-$id.txt" || fail "the print lacks the effect"
keys F10
wait_for "главное меню"
keys F10
wait_for "Выйти из программы?"
keys l
wait_for "EXIT 0"
# Table 8 names every association of the catalogue, «учителей-логопедов» once.
"$BIN" -c "$CONF" --db "$DB" --as regional report city_mo --year 2024 --format csv >"$WORK/t8.csv" 2>"$WORK/t8.err" ||
	fail "report city_mo: $(cat "$WORK/t8.err")"
n=0
sql "SELECT name FROM city_mo" >"$WORK/names"
while IFS= read -r name; do
	grep -qF -- "$name" "$WORK/t8.csv" || fail "Table 8 lacks «$name»"
	n=$((n + 1))
done <"$WORK/names"
expect_eq "$n" "29" "29 associations checked"
expect_eq "$(grep -c 'учителей-логопедов' "$WORK/t8.csv")" "1" "«учителей-логопедов» once"
echo ok
