#!/bin/sh
# Backspace at the start of a field stays in it, in every form: the
# diagnostic form (where «60» once landed in «Предметные затруднения» as
# «60Геометрия» and the % field stayed empty), the record form, and the
# password login. Both fields keep what they hold; what is typed next goes
# into the field the cursor is on.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT id FROM person WHERE surname = 'Петрова' AND name = 'Ольга' AND patronymic = 'Николаевна'")

# The diagnostic form (screens/diag_form.c over src/ui/form.c).
start "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
type_text "петрова ольга"
wait_for "Петрова Ольга Николаевна"
keys Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys Tab Tab
wait_for "Диагностик нет"
keys F7
wait_for "Новая диагностика: Петрова Ольга Николаевна"
keys Down Down Down Down Down Down Down
type_text "Геометрия"
wait_line 9 "Предметные затруднения   Геометрия"
keys Down
# At the start of the empty % field: Backspace, Left, Backspace again.
keys BSpace Left BSpace
type_text "60"
wait_line 10 "Предметные % низк.ур.    60"
wait_line 9 "Предметные затруднения   Геометрия"
screen | grep -qF "60Геометрия" && fail "Backspace moved into the previous field"
# Ctrl-H (PuTTY's other Backspace) at the start of a filled field.
keys Home C-h
type_text "1"
wait_line 10 "Предметные % низк.ур.    160"
wait_line 9 "Предметные затруднения   Геометрия"
keys F10
wait_for "Есть несохранённые изменения"
type_text "д"
wait_for "Информационная справка: Петрова Ольга Николаевна"
expect_eq "$(sql "SELECT count(*) FROM diagnostic WHERE person_id = $pid")" 0 "nothing saved"
keys F10
wait_for "Найдено:"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# The record form (screens/record_form.c): a teacher's card.
edit_person regional "Петрова Ольга Николаевна"
wait_line 2 "Фамилия *                Петрова"
keys Down
wait_line 3 "Имя *                    Ольга"
keys Home BSpace BSpace
type_text "Х"
wait_line 3 "Имя *                    ХОльга"
wait_line 2 "Фамилия *                Петрова"
screen | grep -qF "ПетровХ" && fail "Backspace moved into Фамилия"
keys F10
wait_for "Есть несохранённые изменения"
type_text "д"
wait_gone "Изменение: педагог"
expect_eq "$(sql "SELECT surname || ' ' || name FROM person WHERE id = $pid")" "Петрова Ольга" "nothing saved"
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys F10
wait_for "Найдено:"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# The password login (screens/login.c): Backspace at the empty password's
# start leaves the login as typed.
sed -e 's/^auth = .*/auth = "password"/' -e "s#^calendar = .*#calendar = \"$TOP/conf/calendar.conf\"#" \
	"$CONF" > "$WORK/password.conf"
start "$BIN" -c "$WORK/password.conf" --db "$DB"
wait_for "Маршрут — вход"
type_text "teacher"; keys Tab
keys BSpace BSpace
type_text "teacher"; keys Enter
wait_for "главное меню"
wait_for "Петрова Ольга Николаевна (логин teacher)"
keys F10 l
wait_for "EXIT 0"
echo ok
