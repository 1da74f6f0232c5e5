#!/bin/sh
# Two people edit one teacher: while the admin's form is open, someone else
# saves the record. The admin's save does not overwrite: he sees his values
# beside the stored ones, Esc keeps his form (nothing written), and on the
# second try he chooses per field; fields only one side changed keep that
# side's value.
. "$(dirname "$0")/harness"
demo_db
id=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 1")
fio=$(sql "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE id = $id")
sql "UPDATE person SET position = 'учитель', subjects = 'Математика', phone = NULL WHERE id = $id"
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
keys Enter
wait_for "Найдено: 600"
type_text "$fio"
wait_for "Найдено: 1"
# Someone renames the teacher while the list is shown: nothing is polled
# while idle, and the next key shows the stored name.
sql "UPDATE person SET position = 'завуч', version = version + 1 WHERE id = $id"
keys Down
wait_for "завуч"
sql "UPDATE person SET position = 'учитель', version = version + 1 WHERE id = $id"
keys Down
wait_gone "завуч"
keys Enter
wait_for "Информационная справка: $fio"
keys F4
wait_for "Изменение: педагог"
v0=$(sql "SELECT version FROM person WHERE id = $id")
# Должность (8th field) and Предмет(ы) (9th).
keys Down Down Down Down Down Down Down C-u
type_text "учитель физики"
keys Down C-u
type_text "Химия"
# Meanwhile another methodist saves the same teacher (subjects and phone).
sql "UPDATE person SET subjects = 'Физика', phone = '+7 (4812) 11-22-33', version = version + 1 WHERE id = $id"
keys F2
wait_for "Запись изменил другой пользователь"
wait_for "Сейчас в базе"
s=$(screen)
echo "$s" | grep -q "Должность.*\[x\] учитель физики.*\[ \] учитель" || fail "position: mine proposed"
echo "$s" | grep -q "!Предмет.*\[x\] Химия.*\[ \] Физика" || fail "subjects: changed on both sides, mine proposed"
echo "$s" | grep -q "Телефон.*\[ \] .*\[x\] +7 (4812) 11-22-33" || fail "phone: only theirs changed, theirs proposed"
# Esc: back to the form with the admin's values; nothing written.
keys Escape
wait_for "Не сохранено: запись изменил другой пользователь"
wait_for "Химия"
expect_eq "$(sql "SELECT subjects, position, version FROM person WHERE id = $id")" "Физика|учитель|$((v0 + 1))" "Esc writes nothing"
# Second try: keep the stored subjects, his position; the phone stays theirs.
keys F2
wait_for "Сейчас в базе"
keys Down Right
wait_for "[x] Физика"
# The cursor is on the selected row (screen readers follow it).
row=$(screen | grep -n "\[x\] Физика" | head -1 | cut -d: -f1)
i=0
until [ "$($T display -p -t t '#{cursor_y}')" = "$((row - 1))" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "cursor at $($T display -p -t t '#{cursor_y}'), not on row $((row - 1))"
	sleep 0.05
done
keys F2
wait_for "Сохранено"
wait_for "Информационная справка: $fio"
keys F10
wait_for "Найдено: 1"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT position, subjects, phone, version FROM person WHERE id = $id")" \
	"учитель физики|Физика|+7 (4812) 11-22-33|$((v0 + 2))" "merged per field"
expect_eq "$(sql "SELECT group_concat(field, ',') FROM (SELECT field FROM audit WHERE tbl = 'person'
	AND record_id = $id AND action = 'update' AND login = 'admin' ORDER BY id)")" "position" \
	"only the admin's own choice is his change in the audit"
echo ok
