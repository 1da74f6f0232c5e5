#!/bin/sh
# The link drops in the middle of a form: SIGHUP keeps the form's contents
# as a draft; the next start of the same user offers it at the same form
# and every field comes back; saving it discards the draft. SIGTERM on a
# new record's form keeps a draft too; refusing it at the next start
# deletes it. Nothing half-typed ever reaches the records.
. "$(dirname "$0")/harness"
demo_db
id=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 1")
fio=$(sql "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE id = $id")
sql "UPDATE person SET position = 'учитель', subjects = 'Математика', sex = 'f' WHERE id = $id"
v0=$(sql "SELECT version FROM person WHERE id = $id")
edit_person admin "$fio"
# Пол (5th, a list; the cursor stays on it after the pick), Должность
# (8th), Предмет(ы) (9th; left half-typed).
keys Down Down Down Down Enter
wait_for "мужской"
keys Up Enter
wait_for " Пол                      мужской"
keys Down Down Down C-u
type_text "учитель физики"
keys Down C-u
type_text "Физика и астрон"
wait_for "Физика и астрон"
pid=$(pid_of_program)
[ -n "$pid" ] || fail "no program process"
kill -HUP "$pid"
wait_for "EXIT"
expect_eq "$(sql "SELECT position || '|' || subjects || '|' || sex || '|' || version FROM person WHERE id = $id")" \
	"учитель|Математика|f|$v0" "nothing half-typed is stored"
expect_eq "$(sql "SELECT count(*) FROM form_draft WHERE tbl = 'person' AND record_id = $id")" 1 "the draft is kept"

# The next start offers it back.
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "Сеанс прервался"
wait_for "Удалить черновик"
# Esc decides later: the draft stays for the next start.
keys Escape
wait_for "главное меню"
expect_eq "$(sql "SELECT count(*) FROM form_draft WHERE tbl = 'person' AND record_id = $id")" 1 "Esc keeps the draft"
keys F10 l
wait_for "EXIT"
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "Удалить черновик"
# Enter restores: the answer that keeps the typed work.
keys Enter
wait_for "Форма восстановлена из черновика"
s=$(screen)
echo "$s" | grep -q "Должность.*учитель физики" || fail "position not restored"
echo "$s" | grep -q "Предмет(ы).*Физика и астрон" || fail "subjects not restored"
echo "$s" | grep -q "Пол.*мужской" || fail "sex not restored"
echo "$s" | grep -q "Фамилия.*$(echo "$fio" | cut -d' ' -f1)" || fail "untouched fields not shown"
keys End
type_text "омия"
keys F2
wait_for "Сохранено"
wait_for "главное меню"
expect_eq "$(sql "SELECT position || '|' || subjects || '|' || sex || '|' || version FROM person WHERE id = $id")" \
	"учитель физики|Физика и астрономия|m|$((v0 + 1))" "the restored form saved"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" 0 "a saved form's draft is discarded"

# SIGTERM on a new record's form; the next start refuses the draft.
keys Enter
wait_for "Найдено: 600"
keys F7
wait_for "Новая запись: педагог"
type_text "Черновикова"
keys Tab
type_text "Вера"
wait_for "Вера"
kill -TERM "$(pid_of_program)"
wait_for "EXIT"
expect_eq "$(sql "SELECT count(*) FROM form_draft WHERE tbl = 'person' AND record_id = 0")" 1 "a new record's draft"
expect_eq "$(sql "SELECT count(*) FROM person WHERE surname = 'Черновикова'")" 0 "no half-made person"
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "Новая запись: педагог"
# «У» — delete the draft.
type_text "У"
wait_for "главное меню"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" 0 "a refused draft is deleted"
keys F10 l
wait_for "EXIT 0"

# The terminal itself goes away (the window is closed): the program ends
# by itself, keeping the form as a draft.
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
keys Enter
wait_for "Найдено: 600"
keys F7
wait_for "Новая запись: педагог"
type_text "Закрытова"
wait_for "Закрытова"
pid=$(pid_of_program)
$T kill-server
i=0
while kill -0 "$pid" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "the program outlived its terminal"
	sleep 0.05
done
expect_eq "$(sql "SELECT count(*) FROM form_draft WHERE data LIKE '%Закрытова%'")" 1 "the draft of a closed terminal"
echo ok
