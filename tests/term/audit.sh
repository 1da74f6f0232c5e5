#!/bin/sh
# The audit log browsed in the terminal: the regional specialist sees a
# teacher's edit with who, when, field, before and after; filters by
# person, record, period and who narrow the list; nothing on the screen
# edits the log. A municipal specialist is not offered it.
. "$(dirname "$0")/harness"
demo_db
id=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 1")
fio=$(sql "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE id = $id")
other=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 1 OFFSET 1")
# Two edits through the program: the admin changes the first teacher's
# position; the regional one changes another teacher.
edit_person admin "$fio"
keys Down Down Down Down Down Down Down C-u
type_text "учитель-логопед"
keys F2
wait_for "Сохранено"
keys F10
wait_for "Найдено: 1"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
before=$(sql "SELECT count(*) FROM audit WHERE action <> 'login_as'")

start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
wait_for "Журнал изменений"
keys F10 l
wait_for "EXIT 0"
start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
screen | grep -qF "Журнал изменений" && fail "a municipal specialist is offered the audit log"
keys F10 l
wait_for "EXIT 0"

start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "журн"
keys Enter
wait_for "Все изменения, новые сверху"
# The admin's edit is there, with his real identity.
wait_for "педагог № $id"
screen | grep -q "admin (r.*педагог № $id *Должность:" || fail "the admin's edit is not listed"
# One record: its entries only, the newest first.
keys F5
wait_for "Вид записи"
keys Enter
wait_for "Номер записи"
type_text "$id"
keys Enter
wait_for "Отбор: педагог № $id"
screen | sed -n 4p | grep -q "Должность: учитель-логопед (было" || fail "the newest change of the record is not on top"
# The whole entry.
keys Enter
wait_for "Запись журнала изменений"
wait_for "Стало: учитель-логопед"
wait_for "Кто: admin (вход $(id -un))"
wait_for "Поле: Должность"
keys Space
wait_gone "Запись журнала изменений"
# Esc drops the filters (the screen stays); F8 deletes elsewhere, not here.
keys Escape
wait_for "Все изменения, новые сверху"
# Who: the regional user only logged in (as himself, through --as).
keys F3
wait_for "Логин пользователя"
type_text "regional"
keys Enter
wait_for "кто: regional"
wait_for "вход от имени: regional"
screen | grep -qF "Должность" && fail "another user's edit is listed for regional"
keys Escape
wait_for "Все изменения, новые сверху"
# Person: the other teacher has no change.
keys F4
wait_for "Выбор педагога"
ofio=$(sql "SELECT surname || ' ' || name FROM person WHERE id = $other")
type_text "$ofio"
wait_for "$ofio"
keys Enter
wait_for "Отбор:"
wait_for "Изменений с такими условиями нет"
keys Escape
wait_for "Все изменения, новые сверху"
# Record and period together: the first teacher's card.
keys F5
wait_for "Вид записи"
keys Enter
wait_for "Номер записи"
type_text "$id"
keys Enter
wait_for "Отбор: педагог № $id"
wait_for "учитель-логопед"
# Period: tomorrow onwards has nothing; today has the edit.
keys F6
wait_for "Начало периода"
type_text "$(date -d tomorrow +%d.%m.%Y)"
keys Enter
wait_for "Конец периода"
keys Enter
wait_for "Изменений с такими условиями нет"
keys F6
wait_for "Начало периода"
type_text "$(date +%d.%m.%Y)"
keys Enter
wait_for "Конец периода"
type_text "$(date +%d.%m.%Y)"
keys Enter
wait_for "учитель-логопед"
# A wrong date is said and changes nothing.
keys F6
wait_for "Начало периода"
type_text "31.02.2026"
keys Enter
wait_for "такой даты нет"
wait_for "учитель-логопед"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action <> 'login_as'")" "$before" "browsing writes nothing to the log"
echo ok
