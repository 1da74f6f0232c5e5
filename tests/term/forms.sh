#!/bin/sh
# Forms as people fill them: the school head's new teacher starts in his
# school; a birth date in the future is refused next to the field and
# nothing is written; a field's «!» and message go as soon as it is fixed
# (before F2), every bad field keeps its own; a date typed with commas is
# shown back and stored as that day; a pick leaves the cursor on its
# field. Then organisations found by a code typed in Cyrillic look-alikes
# and by a word inside the name.
. "$(dirname "$0")/harness"

# The row (0-based) the cursor is on.
cursor_y() {
	$T display -p -t t '#{cursor_y}'
}

# wait_cursor_y N: poll until the cursor is on row N.
wait_cursor_y() {
	local i=0 limit=$((TIMEOUT * 20))
	while [ $i -lt $limit ]; do
		[ "$(cursor_y)" = "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "cursor on row $(cursor_y), want $1"
}

demo_db
persons=$(sql "SELECT count(*) FROM person")
school=$(sql "SELECT org_id FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'school'")
expect_eq "$(sql "SELECT short_name FROM organisation WHERE id = $school")" "СШ № 12" "the head's school"

start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
wait_for "Педагоги — реестр"
keys Enter
wait_for "Найдено:"
keys F7
wait_for "Новая запись: педагог"
# His one organisation is there from the start, and the form is unchanged.
wait_line 8 "Организация *            СШ № 12"
keys F10
wait_gone "Новая запись: педагог"
wait_for "Найдено:"
keys F7
wait_for "Новая запись: педагог"
wait_line 8 "СШ № 12"

type_text "Тестова"; keys Tab
type_text "Мария"; keys Tab
keys Tab
# The hint says how a birth date may be typed.
wait_for "ГГ — последний прошедший"
type_text "01.02.2030"
keys Tab
# Checked as the cursor leaves it: the mark and the message, before F2.
wait_line 5 "! Дата рождения"
wait_for "Дата рождения: не может быть в будущем: 01.02.2030"
wait_cursor_y 5
# Another bad field keeps its own mark: Пед. стаж, лет (6 rows down).
keys Down Down Down Down Down Down
wait_cursor_y 11
type_text "500"
keys Tab
wait_line 12 "! Пед. стаж, лет"
wait_for "Пед. стаж, лет: число от 0 до 70"
wait_line 5 "! Дата рождения"
# F2 refuses, the cursor on the first bad field; nothing is written.
keys F2
wait_cursor_y 4
wait_line 5 "! Дата рождения"
expect_eq "$(sql "SELECT count(*) FROM person")" "$persons" "nothing written with a future birth date"
expect_eq "$(sql "SELECT count(*) FROM person WHERE surname = 'Тестова'")" "0" "no Тестова yet"
# Fixed: its mark and message go at once, the other's stay.
keys C-u
type_text "18,09,1988"
wait_gone "не может быть в будущем"
wait_gone "! Дата рождения"
wait_line 12 "! Пед. стаж, лет"
keys Tab
# Shown back as ДД.ММ.ГГГГ once left.
wait_line 5 "  Дата рождения            18.09.1988"
wait_for "Пед. стаж, лет: число от 0 до 70"
keys Down Down Down Down Down Down
wait_cursor_y 11
keys C-u
type_text "25"
keys Tab
wait_gone "! Пед. стаж"
wait_gone "число от 0 до 70"

# A pick leaves the cursor on its field, as typing does: Пол (row 5).
keys Up Up Up Up Up Up Up
wait_cursor_y 5
keys Enter
wait_for "женский"
keys Down Enter
wait_gone "мужской"
wait_line 6 "  Пол                      женский"
wait_cursor_y 5
# The organisation too (row 7): the list, then back on the same field.
keys Down Down
wait_cursor_y 7
keys F3
wait_for "Выбор организации"
keys Enter
wait_gone "Выбор организации"
wait_line 8 "СШ № 12"
wait_cursor_y 7

keys F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT birth_date || '|' || org_id || '|' || sex || '|' || experience_years FROM person WHERE surname = 'Тестова'")" \
	"1988-09-18|$school|f|25" "saved: the date typed with commas, his school, the pick"
expect_eq "$(sql "SELECT count(*) FROM person")" "$((persons + 1))" "one teacher added"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# Organisations: a code typed in Cyrillic look-alikes, a word inside the name.
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Образовательные"
keys Enter
wait_for "Найдено: 40"
type_text "ОО026"
wait_for "Найдено: 1"
wait_for "OO026"
wait_for "СШ № 23"
keys Escape
wait_for "Найдено: 40"
type_text "оо026"
wait_for "Найдено: 1"
wait_for "СШ № 23"
keys Escape
wait_for "Найдено: 40"
type_text "№ 23"
wait_for "Найдено: 1"
wait_for "СШ № 23"
keys Escape
wait_for "Найдено: 40"
type_text "23"
wait_for "СШ № 23"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
