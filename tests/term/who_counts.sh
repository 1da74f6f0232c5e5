#!/bin/sh
# Who counts in an indicator (issue 16): from a school the school head and
# the municipal methodist open the drill-down of УИ-3 (teachers with a
# course that ended in 2024) and see the teachers of the numerator and
# those only in the denominator, as many as the figure says, by name and
# position; nobody outside the viewer's reach is listed; who was diagnosed
# is not listed to the municipal methodist (the disclosure rule); a share
# of organisations lists organisations.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
mun=$(sql "SELECT mun_id FROM organisation WHERE id = $org")
ped="p.archived = 0 AND o.kind NOT IN ('authority', 'institute') AND p.employment IS NOT 'external'"
course="EXISTS (SELECT 1 FROM course c WHERE c.person_id = p.id AND c.archived = 0
	AND c.end_date BETWEEN '2024-01-01' AND '2024-12-31')"
q() { sql "SELECT $1 FROM person p JOIN organisation o ON o.id = p.org_id WHERE $ped AND $2 ${3:-}"; }
fio="p.surname || ' ' || p.name || coalesce(' ' || nullif(p.patronymic, ''), '')"
sn=$(q "count(*)" "p.org_id = $org AND $course"); sd=$(q "count(*)" "p.org_id = $org")
mn=$(q "count(*)" "o.mun_id = $mun AND $course"); md=$(q "count(*)" "o.mun_id = $mun")
[ "$sn" -gt 0 ] && [ "$sd" -gt "$sn" ] || fail "the demo school has no one to list ($sn/$sd)"
# The first by name of each part, and the first of those counted anywhere
# else: of another school of the municipality, of another municipality.
first_num=$(q "$fio" "p.org_id = $org AND $course" "ORDER BY p.surname_key, p.id LIMIT 1")
first_den=$(q "$fio" "p.org_id = $org AND NOT $course" "ORDER BY p.surname_key, p.id LIMIT 1")
pos_num=$(q "p.position" "p.org_id = $org AND $course" "ORDER BY p.surname_key, p.id LIMIT 1")
other_school=$(q "$fio" "o.mun_id = $mun AND p.org_id <> $org AND $course" "ORDER BY p.surname_key, p.id LIMIT 1")
mun_first=$(q "$fio" "o.mun_id = $mun AND $course" "ORDER BY p.surname_key, p.id LIMIT 1")
other_mun=$(q "$fio" "o.mun_id <> $mun AND $course" "ORDER BY p.surname_key, p.id LIMIT 1")
[ -n "$other_school" ] && [ -n "$other_mun" ] || fail "no one outside to look for"

# The school head: Enter on УИ-3 at his school.
start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Монит"
keys Enter
wait_for "Мониторинг"
keys F5
wait_for "Год мониторинга"
keys C-u
type_text "2024"
keys Enter
wait_for "Мониторинг 2024: СШ № 12"
wait_for "УИ-3 "
keys Down
wait_for ">УИ-3 "
keys Enter
wait_for "Кто учтён: УИ-3, 2024, СШ № 12"
wait_for "Учитываются в числителе ($sn)"
wait_for "Только в знаменателе ($((sd - sn)))"
wait_for "$first_num"
wait_for "$first_den"
screen | grep -F "$first_num" | grep -qF "$pos_num" || fail "no position beside $first_num"
screen | grep -qF "$other_school" && fail "$other_school of another school is listed to the school head"
# One selection on the screen, in the part keys move, with the cursor on it
# (tmux counts rows from 0, the screen's lines from 1).
marked() { # marked NAME: the only row marked «>» is NAME's, the cursor on it
	[ "$(screen | grep -c '^>')" = 1 ] || { screen; fail "not one marked row"; }
	line=$(screen | grep -n "^>" | cut -d: -f1)
	screen | sed -n "${line}p" | grep -qF "$1" || { screen; fail "the marked row is not $1's"; }
	[ "$($T display -p -t t '#{cursor_y}')" = "$((line - 1))" ] || { screen; fail "the cursor is not on $1's row"; }
}
marked "$first_num"
# Tab moves to the other part; Enter opens the teacher's card.
keys Tab
wait_for "▶ Только в знаменателе"
marked "$first_den"
keys Enter
wait_for "Информационная справка: $first_den"
keys Escape
wait_for "▶ Только в знаменателе"
keys Escape
wait_for "Мониторинг 2024: СШ № 12"
keys F10 F10 l
wait_for "EXIT 0"

# The municipal methodist: F3 on his municipality's УИ-3, the refusal on
# УИ-1 (who was diagnosed), a share of organisations, then a school.
start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
type_text "Монит"
keys Enter
wait_for "Мониторинг"
keys F5
wait_for "Год мониторинга"
keys C-u
type_text "2024"
keys Enter
wait_for "Мониторинг 2024: г. Смоленск"
wait_for ">УИ-1 "
keys F3
wait_for "Показатель вам виден, а список — нет"
screen | grep -qF "Учитываются в числителе" && fail "who was diagnosed listed to the municipal methodist"
keys Enter
wait_gone "Показатель вам виден"
keys Down
wait_for ">УИ-3 "
keys F3
wait_for "Кто учтён: УИ-3, 2024, г. Смоленск"
wait_for "Учитываются в числителе ($mn)"
wait_for "Только в знаменателе ($((md - mn)))"
wait_for "$mun_first"
screen | grep -qF "$other_mun" && fail "$other_mun of another municipality is listed"
keys F10
wait_for "Мониторинг 2024: г. Смоленск"
# Back where the cursor was.
wait_for ">УИ-3 "
# УИ-6: organisations with a plan for supporting attestation by the year's end.
on=$(sql "SELECT count(*) FROM organisation o WHERE o.mun_id = $mun AND o.archived = 0
	AND o.kind NOT IN ('authority', 'institute') AND o.attestation_plan_date <= '2024-12-31'")
od=$(sql "SELECT count(*) FROM organisation o WHERE o.mun_id = $mun AND o.archived = 0
	AND o.kind NOT IN ('authority', 'institute')")
first_org=$(sql "SELECT coalesce(short_name, name) FROM organisation o WHERE o.mun_id = $mun AND o.archived = 0
	AND o.kind NOT IN ('authority', 'institute') AND o.attestation_plan_date <= '2024-12-31'
	ORDER BY lower(coalesce(short_name, name)), id LIMIT 1")
keys Down
wait_for ">УИ-4 "
keys Down
wait_for ">УИ-5 "
keys Down
wait_for ">УИ-6 "
keys F3
wait_for "Кто учтён: УИ-6, 2024, г. Смоленск"
wait_for "Учитываются в числителе ($on)"
wait_for "Только в знаменателе ($((od - on)))"
[ -z "$first_org" ] || wait_for "$first_org"
keys F10
wait_for "Мониторинг 2024: г. Смоленск"
# Down to the school and its УИ-3: the same lists as its head's.
keys Up
wait_for ">УИ-5 "
keys Up
wait_for ">УИ-4 "
keys Up
wait_for ">УИ-3 "
keys Enter
wait_for "Выбор организации"
type_text "OO001"
wait_for "СШ № 12"
keys Enter
wait_for "Мониторинг 2024: СШ № 12"
wait_for ">УИ-1 "
keys Down Enter
wait_for "Кто учтён: УИ-3, 2024, СШ № 12"
wait_for "Учитываются в числителе ($sn)"
wait_for "$first_num"
screen | grep -qF "$other_school" && fail "$other_school of another school is listed at the school"
keys F10
wait_for "Мониторинг 2024: СШ № 12"
keys F10 F10 F10 l
wait_for "EXIT 0"
echo ok
