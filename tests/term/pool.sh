#!/bin/sh
# The methodist pool against the norm and the curators' load, most loaded first.
. "$(dirname "$0")/harness"
demo_db
teachers=$(sql "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id
		WHERE p.archived = 0 AND o.kind NOT IN ('institute', 'authority')")
methodists=$(sql "SELECT count(*) FROM person WHERE archived = 0 AND is_methodist = 1")
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Методический"
keys Enter
wait_for "Педагогов в регионе: $teachers. Методический актив"
wait_for "г.: $methodists чел."
wait_for "Списка актива на этот год нет"
wait_for "нужно от $(( (teachers + 249) / 250 )) до $(( (teachers + 199) / 200 ))"
wait_for "Соколова Марина Викторовна"
keys Enter
wait_for "Информационная справка: Соколова Марина Викторовна"
keys F10 F10 F10
wait_for "EXIT 0"
# A school head is not offered the region's pool.
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
screen | grep -qF "Методический актив" && fail "the pool offered to a school"
keys F10
wait_for "EXIT 0"
echo ok
