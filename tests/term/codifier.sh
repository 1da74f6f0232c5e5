#!/bin/sh
# The deficit codifier: shipped codes loaded by init, looked up by staff,
# edited by the regional centre, refused to a school.
. "$(dirname "$0")/harness"
demo_db
shipped=$(grep -c '^deficit ' "$TOP/conf/codifier.conf")
expect_eq "$(sql "SELECT count(*) FROM deficit_code")" "$shipped" "shipped codes loaded by init"
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Кодиф"
keys Enter
wait_for "Кодификатор профессиональных дефицитов"
wait_for "Кодов: $shipped"
type_text "функциональн"
wait_for "Кодов: 1"
wait_for "М-3"
keys Escape
wait_for "Кодов: $shipped"
keys F7
wait_for "Новая запись: код дефицита"
type_text "М-5"; keys Tab Enter
wait_for "Блок компетенций"
keys Down Enter
wait_gone "педагоги)  "
# The pick leaves the cursor on the block: Down to the wording.
keys Down
type_text "Оценивание образовательных результатов: критерии и формы обратной связи"
keys F2
wait_for "Сохранено"
wait_for "Кодов: $((shipped + 1))"
# The same code twice is refused with a clear message.
keys F7
wait_for "Новая запись: код дефицита"
type_text "М-5"; keys Tab Enter
wait_for "Блок компетенций"
keys Down Enter
keys Down
type_text "Дубль"
keys F2
wait_for "такая запись уже есть"
keys F10
wait_for "несохранённые изменения"
type_text "д"
wait_for "Кодов: $((shipped + 1))"
keys F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT b.code FROM deficit_code d JOIN competency_block b ON b.id = d.block_id WHERE d.code = 'М-5'")" "metod" "new code in its block"

# A school may look codes up but not edit them.
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Кодиф"
keys Enter
wait_for "Кодификатор профессиональных дефицитов"
keys F7
wait_for "справочники ведут региональный центр и администратор"
keys F10 F10 l
wait_for "EXIT 0"
# A second init adds nothing and keeps the edit.
"$BIN" -c "$CONF" --db "$DB" init >/dev/null || fail "init on an existing database"
expect_eq "$(sql "SELECT count(*) FROM deficit_code")" "$((shipped + 1))" "init is idempotent"
echo ok
