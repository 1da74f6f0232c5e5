#!/bin/sh
# A school registers a collective application for diagnostics with a
# teacher's consent per subject and block; the deadline to contact the
# applicant is counted in working days from the production calendar.
. "$(dirname "$0")/harness"
demo_db
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
wait_for "Заявки на диагностику"
type_text "Заявки"
keys Enter
wait_for "Заявки на диагностику профессиональных дефицитов"
wait_for "Заявок нет"
keys F7
wait_for "Новая запись: заявка на диагностику"
# A pick leaves the cursor on its field: Down goes on to the next.
keys Enter
wait_for "коллективная"
keys Down Enter
wait_for "Вид заявки *             коллективная"
keys Down Enter
wait_for "устная"
keys Enter
keys Down Enter
wait_for "экспертная оценка"
keys Enter
keys Down Enter
wait_for "Выбор организации"
wait_for "OO001"
keys Enter
wait_gone "Выбор организации"
keys Down
type_text "Фёдорова И. В., директор"
keys Down
type_text "математика"
keys Down
type_text "2"
keys Down
type_text "01.11.2026"
keys Down Down Down Down Down Down Enter
wait_for "заявитель уведомлён"
keys Enter
keys F2
wait_for "Сохранено"
# 01.11.2026 is a Sunday, 04.11 a holiday: three working days end on 05.11.
wait_for "уведомить до 05.11.2026: просрочено"
keys Enter
wait_for "Согласий нет"
keys F7
wait_for "Новая запись: согласие педагога"
keys Down Enter
wait_for "Выбор педагога"
# Only the application's school is offered (the card names it to the form).
outsider=$(sql "SELECT p.surname || ' ' || p.name || ' ' || p.patronymic FROM person p JOIN organisation o ON o.id = p.org_id
               WHERE o.code <> 'OO001' AND p.archived = 0 ORDER BY p.id LIMIT 1")
type_text "$outsider"
wait_for "Никого не найдено"
# Esc clears the search: the school's people only.
keys Escape
wait_for "Поиск: _"
wait_for "Петрова Ольга Николаевна"
[ "$(screen | grep -c 'СШ № 12')" -ge 10 ] || fail "the application's school"
type_text "петрова ольга"
wait_for "Петрова Ольга Николаевна"
keys Enter
wait_gone "Выбор педагога"
keys Down
type_text "математика"
keys Down Enter
wait_for "Методические (педагоги)"
keys Down Enter
keys Down Enter
wait_for "не согласен"
keys Enter
keys F2
wait_for "Сохранено"
wait_for "согласен"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT a.kind, a.state, o.code, a.received_date FROM diagnostic_application a JOIN organisation o ON o.id = a.org_id")" "collective|received|OO001|2026-11-01" "the application"
expect_eq "$(sql "SELECT p.surname, c.subject, b.code, c.consent FROM application_consent c JOIN person p ON p.id = c.person_id JOIN competency_block b ON b.id = c.block_id")" "Петрова|математика|metod|1" "the consent"

# A teacher keeps no applications.
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
screen | grep -qF "Заявки на диагностику" && fail "a teacher is offered applications"
keys F10 l
wait_for "EXIT 0"
echo ok
