#!/bin/sh
# A confirmation whose «да» destroys: «Перенести в архив?» (F8 on a teacher
# in «Педагоги», as the admin, who may archive). Enter, Esc, F10, Latin y
# and «н» (the same key in the other layout) leave the teacher where he
# was; a key that means nothing leaves the question open; Latin l (the
# «Д» key) archives him, and so does «Д» itself (returning him). Ctrl-Q,
# leaving the program from any screen, asks too.
. "$(dirname "$0")/harness"
demo_db
id=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY surname_key, id LIMIT 1")
fio=$(sql "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE id = $id")
v0=$(sql "SELECT version FROM person WHERE id = $id")

start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
keys Enter
wait_for "Найдено: 600"
wait_for "$fio"

# ask: F8 on the first teacher, and the question with its hint.
ask() {
	keys F8
	wait_for "Перенести в архив «$fio»?"
	wait_for "Д — да     Н, Enter, Esc — нет"
}

for answer in Enter Escape F10 y Y н Н; do
	ask
	case $answer in
	Enter|Escape|F10) keys "$answer" ;;
	*) type_text "$answer" ;;
	esac
	wait_gone "Перенести в архив"
	wait_for "Найдено: 600"
	expect_eq "$(sql "SELECT archived || ' ' || version FROM person WHERE id = $id")" "0 $v0" \
		"the teacher after «$answer»"
done

# Keys that are no answer leave the question open: had one closed it, the
# keys after it would have reached the list's search.
ask
type_text "x"
type_text "n"
keys Space Down
type_text "d"
type_text "н"
wait_gone "Перенести в архив"
wait_for "Поиск: (начните"
wait_for "Найдено: 600"
expect_eq "$(sql "SELECT archived || ' ' || version FROM person WHERE id = $id")" "0 $v0" "no answer, no change"

# l (the «Д» key in Latin layout) archives him.
ask
type_text "l"
wait_gone "Перенести в архив"
wait_for "Найдено: 599"
expect_eq "$(sql "SELECT archived FROM person WHERE id = $id")" "1" "archived by l"

# «Д» returns him from the archive (the same dialog, another question).
keys F3
wait_for "В архиве: 1"
keys F8
wait_for "Вернуть из архива «$fio»?"
type_text "Д"
wait_gone "Вернуть из архива"
wait_for "В архиве: 0"
expect_eq "$(sql "SELECT archived FROM person WHERE id = $id")" "0" "returned by «Д»"
# Ctrl-C (copy, by Windows habit) in a form with a change neither quits
# nor loses it; Ctrl-S does not freeze the terminal.
keys F3
wait_for "Найдено: 600"
keys F4
wait_for "Изменение: педагог"
keys Down Down Down Down Down Down Down C-u
type_text "проверка Ctrl-C"
keys C-c C-s
wait_for "Выход — F10. Скопировать текст"
[ -n "$(pid_of_program)" ] || fail "Ctrl-C ended the program"
type_text " и дальше"
wait_for "проверка Ctrl-C и дальше"
keys F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT position FROM person WHERE id = $id")" "проверка Ctrl-C и дальше" "the form kept and saved"
keys F10
wait_for "главное меню"

# Ctrl-Q leaves the program from any screen: its one question first («н»
# keeps the user where he was, the change in the form too), then the
# form's own question about what is not saved (Enter: back to the form).
keys Enter
wait_for "Найдено: 600"
keys F4
wait_for "Изменение: педагог"
keys Down Down Down Down Down Down Down C-u
type_text "не сохранено"
keys C-q
wait_for "Выйти из программы?"
type_text "н"
wait_gone "Выйти из программы?"
wait_for "не сохранено"
keys C-q
wait_for "Выйти из программы?"
type_text "l"
wait_for "Закрыть форму без"
keys Enter
wait_gone "Закрыть форму без"
wait_for "не сохранено"
[ -n "$(pid_of_program)" ] || fail "Ctrl-Q left the program with the form unsaved"
keys C-q
wait_for "Выйти из программы?"
type_text "l"
wait_for "Закрыть форму без"
type_text "l"
wait_for "EXIT 0"
expect_eq "$(sql "SELECT position FROM person WHERE id = $id")" "проверка Ctrl-C и дальше" "Ctrl-Q saved nothing"
echo ok
