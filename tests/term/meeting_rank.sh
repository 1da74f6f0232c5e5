#!/bin/sh
# Meeting mode ranks the people found by the first letters of a surname:
# those whose surname the letters start come first, then those the letters
# found by name or patronymic. Ten teachers whose patronymic is
# «Савельевна» sort before «Савельева» by surname; three letters «Сав» and
# Enter list the two Савельевы first, the cursor on the first; a digit
# ticks one. Initials after a space narrow to one («Сав И»), ticked by
# Enter. Only the two are recorded, once each.
. "$(dirname "$0")/harness"
demo_db
mun=$(sql "SELECT mun_id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.login = 'municipal'")
event=$(sql "SELECT id FROM event WHERE title LIKE 'Семинар «Мотивация%'")
expect_eq "$(sql "SELECT count(*) FROM person_name_part WHERE part LIKE 'сав%'")" "0" "no «Сав…» in the demo"

# Two Савельевы and ten teachers whose patronymic is «Савельевна», in the
# municipality's schools, by the CLI import as a region's file brings them.
printf 'Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Организация;Должность\n' > "$WORK/people.csv"
set -- Абрамова Анна Белова Вера Быкова Галина Васильева Дарья Воронина Елена \
	Гаврилова Жанна Горбунова Зоя Денисова Людмила Ефремова Мария Жарова Нина
i=0
for org in $(sql "SELECT code FROM organisation WHERE mun_id = $mun AND code LIKE 'OO%' ORDER BY code LIMIT 12"); do
	i=$((i + 1))
	if [ $i -le 10 ]; then
		printf 'ТН-7710%02d;%s;%s;Савельевна;0%d.04.197%d;%s;учитель\n' $i "$1" "$2" $((i % 9 + 1)) $((i % 10)) "$org"
		shift 2
	elif [ $i -eq 11 ]; then
		printf 'ТН-771011;Савельева;Ирина;Андреевна;11.05.1985;%s;учитель\n' "$org"
	else
		printf 'ТН-771012;Савельева;Ольга;Петровна;12.06.1990;%s;учитель\n' "$org"
	fi
done >> "$WORK/people.csv"
"$BIN" -c "$CONF" --db "$DB" --as regional import persons "$WORK/people.csv" >"$WORK/import.out" 2>&1 ||
	{ cat "$WORK/import.out"; fail "the people were not imported"; }
expect_eq "$(sql "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id
		  WHERE o.mun_id = $mun AND (p.surname = 'Савельева' OR p.patronymic = 'Савельевна')")" "12" "twelve imported"
irina=$(sql "SELECT id FROM person WHERE surname = 'Савельева' AND name = 'Ирина'")
olga=$(sql "SELECT id FROM person WHERE surname = 'Савельева' AND name = 'Ольга'")

start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
type_text "Отметка"
keys Enter
wait_for "Мероприятие (начните печатать название)"
type_text "Мотивац"
wait_for "Мотивация учебной"
keys Enter
wait_for "Роль: участник"

# F1 tells the order and the initials, wrapped in whole words.
keys F1
wait_for "x первыми — те, чья фамилия начинается с набранного, за ними найденные по  x"
wait_for "x имени или отчеству; инициалы через пробел сужают поиск: «Сав И»          x"
keys Escape
wait_gone "первыми — те, чья фамилия"

# Three letters: the list under the search begins with the surnames.
type_text "Сав"
wait_for "Поиск: Сав_   найдено: 12 (Enter — выбрать из них)"
list=$(screen | grep -A3 "^ Педагог " | tail -n +2)
echo "$list" | sed -n 1p | grep -qE "^>  Савельева Ирина Андреевна +[^ ].* 1985 *$" ||
	fail "Савельева Ирина is not first in the list, selected: $list"
echo "$list" | sed -n 2p | grep -qE "^   Савельева Ольга Петровна +[^ ].* 1990 *$" ||
	fail "Савельева Ольга is not second in the list: $list"
echo "$list" | sed -n 3p | grep -q " Савельевна " || fail "the third row is not one found by patronymic: $list"
expect_eq "$($T display -p -t t '#{cursor_y}')" "$(($(screen | grep -n "^>  Савельева Ирина" | cut -d: -f1) - 1))" \
	"the cursor on the selected row of the list"

# Enter: the choice, the two Савельевы numbered 1 and 2, the cursor on 1.
keys Enter
wait_for "«Сав»: найдено 12 — кого отметить?"
wait_for "PgDn, PgUp — следующие и предыдущие девять"
row1=$(screen | grep -n "x 1 >  Савельева Ирина Андреевна " | cut -d: -f1)
[ -n "$row1" ] || fail "Савельева Ирина is not row 1, highlighted"
screen | grep -qE "x 2    Савельева Ольга Петровна +[^ ].* 1990 +x *$" || fail "Савельева Ольга is not row 2"
expect_eq "$(screen | grep -cE "x [3-9]    [^ ]+ [^ ]+ Савельевна ")" "7" "rows 3-9: found by patronymic"
expect_eq "$($T display -p -t t '#{cursor_y}')" "$((row1 - 1))" "the cursor on the highlighted row"
# Nothing cut mid-word: each name whole or shortened with «…».
screen | grep -E "x [1-9] " | grep -vE "x [1-9] [> ]  [^ ]+ [^ ]+ [^ ]*(ич|на|…) " &&
	fail "a name cut without «…»"
# The rest, by patronymic, further down: PgDn shows the last nine.
keys PgDn
wait_for "x 9    Жарова Нина Савельевна"
keys PgUp
wait_for "x 1 >  Савельева Ирина Андреевна"
keys 2
wait_for "Отмечен педагог: Савельева Ольга Петровна"
wait_for "Отмечено: 1 "
wait_for "Поиск: (начните"

# An initial after a space narrows to one: Enter ticks her at once.
type_text "Сав И"
wait_for "Поиск: Сав И_   найдено: 1 (Enter — отметить под курсором)"
keys Enter
wait_for "Отмечен педагог: Савельева Ирина Андреевна"
wait_for "Отмечено: 2 "
expect_eq "$(sql "SELECT count(*) FROM participation WHERE event_id = $event")" "0" "nothing written before asked"

keys Escape
wait_for "Записать отмеченных (2)?"
keys Enter
wait_for "главное меню"
expect_eq "$(sql "SELECT group_concat(person_id) FROM (SELECT person_id FROM participation
		  WHERE event_id = $event AND kind = 'scimethod' AND role = 'participant' ORDER BY person_id)")" \
	"$(sql "SELECT group_concat(id) FROM (SELECT id FROM person WHERE id IN ($irina, $olga) ORDER BY id)")" \
	"the two Савельевы recorded, no one else"
keys F10 l
wait_for "EXIT 0"
echo ok
