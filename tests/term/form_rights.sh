#!/bin/sh
# The record form gets its rights from the card that opens it: the teacher's
# mark form on his roadmap row opens on «Отметка о выполнении» and leads on
# to what the mark asks for (the result, or the reason); the link
# drops in it, and the draft (kept under the card's own form name) comes
# back with the same rights: the teacher saves his mark, the change awaits
# confirmation, and the columns he may not touch stay shut. A curator's
# full-row draft reopens as full.
. "$(dirname "$0")/harness"
demo_db
card_fixture
sql "UPDATE iom SET status = 'in_progress' WHERE number = '$number'"
row=$(sql "SELECT min(id) FROM iom_activity WHERE iom_id = (SELECT id FROM iom WHERE number = '$number')")
sql "UPDATE iom_activity SET done = NULL, result = NULL, result_form = NULL,
     activity = 'Курс «Функциональная грамотность»' WHERE id = $row"

start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
keys Enter
wait_for "$number"
keys Enter
wait_for "Карта ИОМ $number"
keys Tab
wait_for "Направление"
keys Enter
wait_for "Изменение: мероприятие ИОМ"
wait_line 11 "Отметка о выполнении"
expect_eq "$($T display -p -t t '#{cursor_y}')" 10 "the mark form opens on the mark"
# «не выполнено» leads on to «Причина невыполнения».
keys Enter
wait_for "не выполнено"
keys Down Enter
wait_line 11 "Отметка о выполнении     не выполнено"
expect_eq "$($T display -p -t t '#{cursor_y}')" 11 "the mark leads on to the reason"
keys Up Enter
wait_for "не выполнено"
keys Up Enter
wait_line 11 "Отметка о выполнении     выполнено"
# «выполнено» leads on to «Результат» (the reason is for «не выполнено»).
expect_eq "$($T display -p -t t '#{cursor_y}')" 12 "the mark leads on to the result"
type_text "Открытый урок в 7 классе"
wait_for "Открытый урок в 7 классе"
kill -HUP "$(pid_of_program)"
wait_for "EXIT"
expect_eq "$(sql "SELECT screen || '|' || tbl FROM form_draft")" "iom_form|iom_activity" "kept under the card's form"
expect_eq "$(sql "SELECT coalesce(done, 'NULL') FROM iom_activity WHERE id = $row")" "NULL" "nothing half-typed stored"

start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "Удалить черновик"
keys Enter
wait_for "Форма восстановлена из черновика"
wait_for "Открытый урок в 7 классе"
# Still only the marks: the activity's name is shut.
keys Up Up Up Up Up Up Up Up Up
type_text "ЧУЖОЕ"
keys F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT done || '|' || result FROM iom_activity WHERE id = $row")" "1|Открытый урок в 7 классе" "the restored mark saved"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE activity LIKE '%ЧУЖОЕ%'")" 0 "the shut column untouched"
expect_eq "$(sql "SELECT count(*) FROM iom_change WHERE record_id = $row AND field IN ('done', 'result')")" 2 "the marks await confirmation"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" 0 "the draft is done with"
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# The curator's full form on a draft card: its draft reopens as full.
sql "UPDATE iom SET status = 'draft' WHERE number = '$number'"
start "$BIN" -c "$CONF" --db "$DB" --as curator
open_iom
keys Tab
wait_for "Направление"
keys F4
wait_for "Изменение: мероприятие ИОМ"
keys Down Down Down Down Down C-u
type_text "ГАУ ДПО СОИРО (кафедра)"
wait_for "ГАУ ДПО СОИРО (кафедра)"
kill -HUP "$(pid_of_program)"
wait_for "EXIT"
start "$BIN" -c "$CONF" --db "$DB" --as curator
wait_for "Удалить черновик"
keys Enter
wait_for "Форма восстановлена из черновика"
keys F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT organiser FROM iom_activity WHERE id = $row")" "ГАУ ДПО СОИРО (кафедра)" "the curator's restored row saved"
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
