#!/bin/sh
# As the demo teacher: the home offers only his own card; the card opens and
# he cannot edit it or reach anyone else (the unit tests of the policy show
# the refusal for any other person).
. "$(dirname "$0")/harness"
demo_db
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
wait_for "Моя информационная справка"
s=$(screen)
echo "$s" | grep -qF "Педагоги — реестр" && fail "teacher is offered the register"
echo "$s" | grep -qF "Образовательные организации" && fail "teacher is offered the organisations"
[ "$(echo "$s" | grep -cE '^ +(> *)?[0-9]\. ')" = 5 ] || fail "teacher home should have exactly five items (his ИОМ, deadlines, own card, self-diagnosis, exit)"
type_text "Моя"
keys Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
wait_for "СШ № 12"
keys F4
wait_for "изменять справку может"
keys F10
wait_for "главное меню"
# Esc 0 is F10, for terminals that do not pass F-keys.
keys Escape 0 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" "0" "nothing changed"
echo ok
