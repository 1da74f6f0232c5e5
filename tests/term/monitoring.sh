#!/bin/sh
# A municipal specialist opens monitoring for a year, sees value, target and
# mark with numerator and denominator, and drills down to a school and who
# counts in its figure; the figures are the ones the records give.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
mun=$(sql "SELECT mun_id FROM organisation WHERE id = $org")
# УИ-3: teachers with a course that ended in 2024, of all active teachers
# (of educational organisations: not the authority nor the institute, not
# external part-timers; README).
num() { sql "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id WHERE p.archived = 0 AND $1
	     AND o.kind NOT IN ('authority', 'institute') AND p.employment IS NOT 'external'
	     AND EXISTS (SELECT 1 FROM course c WHERE c.person_id = p.id AND c.archived = 0
	                 AND c.end_date BETWEEN '2024-01-01' AND '2024-12-31')"; }
den() { sql "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id WHERE p.archived = 0 AND $1
	     AND o.kind NOT IN ('authority', 'institute') AND p.employment IS NOT 'external'"; }
mn=$(num "o.mun_id = $mun"); md=$(den "o.mun_id = $mun")
sn=$(num "p.org_id = $org"); sd=$(den "p.org_id = $org")
start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
type_text "Монит"
keys Enter
wait_for "Мониторинг"
wait_for "УИ-3"
keys F5
wait_for "Год мониторинга"
keys C-u
type_text "2024"
keys Enter
wait_for "Мониторинг 2024: г. Смоленск"
wait_for "($mn/$md)"
gap=$(awk -v n="$mn" -v d="$md" 'BEGIN { printf "%+.0f", 100 * n / d - 42 }')
wait_for "42% $gap"
# The same figure in the report saved from this screen.
keys F9
wait_for "Отчётная таблица"
keys Down Down Down Down Down Down Down Down Down Enter
wait_for "Формат"
keys Enter
wait_for "Сохранить отчёт в файл"
keys Enter
wait_for "Отчёт сохранён: $WORK/indicators-2024.csv"
grep "^УИ-3;" "$WORK/indicators-2024.csv" | grep -q ";$mn;$md;" ||
	{ cat "$WORK/indicators-2024.csv"; fail "the CSV report differs from the screen for УИ-3"; }
# The municipality's own target for УИ-3 (F4): it replaces the region's 42 %
# here, is stored for this municipality only, and an empty answer returns
# to the region's target.
ui3=$(sql "SELECT id FROM indicator WHERE code = 'УИ-3'")
keys Down F4
wait_for "Цель УИ-3 муниципалитета на 2024 год"
type_text "55"
keys Enter
gap55=$(awk -v n="$mn" -v d="$md" 'BEGIN { printf "%+.0f", 100 * n / d - 55 }')
wait_for "55% $gap55"
expect_eq "$(sql "SELECT target FROM indicator_target WHERE indicator_id = $ui3 AND year = 2024 AND mun_id = $mun")" \
	"55.0" "the municipality's own target"
expect_eq "$(sql "SELECT target FROM indicator_target WHERE indicator_id = $ui3 AND year = 2024 AND mun_id IS NULL")" \
	"42.0" "the region's target is kept"
# The municipality's report holds its own target; another's the region's.
"$BIN" -c "$CONF" --db "$DB" --as regional report indicators --year 2024 --scope "mun:$mun" --format csv |
	grep "^УИ-3;" | grep -q ";$mn;$md;55;" || fail "the report lacks the municipality's target"
other=$(sql "SELECT min(id) FROM municipality WHERE id <> $mun")
"$BIN" -c "$CONF" --db "$DB" --as regional report indicators --year 2024 --scope "mun:$other" --format csv |
	grep "^УИ-3;" | grep -q ";42;" || fail "another municipality's report lost the region's target"
keys Down
wait_for "[цель муниципалитета]"
keys F4
wait_for "Цель УИ-3 муниципалитета на 2024 год"
wait_for "55"
keys C-u Enter
wait_for "42% $gap"
expect_eq "$(sql "SELECT count(*) FROM indicator_target WHERE mun_id IS NOT NULL")" "0" "own target removed"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'indicator_target' AND action = 'delete'")" "1" \
	"the removal is audited"
# Down to the school: Enter on УИ-3, then the school from the list.
keys Down Enter
wait_for "Выбор организации"
type_text "OO001"
wait_for "СШ № 12"
keys Enter
wait_for "Мониторинг 2024: СШ № 12"
wait_for "($sn/$sd)"
# And down to who counts in its УИ-3: the teachers of the numerator and
# those only in the denominator (tests/term/who_counts.sh).
wait_for ">УИ-1 "
keys Down
wait_for ">УИ-3 "
keys Enter
wait_for "Кто учтён: УИ-3, 2024, СШ № 12"
wait_for "Учитываются в числителе ($sn)"
wait_for "Только в знаменателе ($((sd - sn)))"
keys F10 F10 F10 F10 l
wait_for "EXIT 0"
echo ok
