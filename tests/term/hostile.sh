#!/bin/sh
# Bad input on the screen and in the database: a hostile row written straight
# into the database is drawn harmlessly; control characters, U+202E, \r, \b and
# 10 000 characters pasted into a form field leave clean storage; a wrong
# date and an empty required field get a message beside the field.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
# ESC [2J clears a screen, ESC ]0;... sets a window title, U+202E reverses text.
sql "INSERT INTO person(surname, name, surname_key, org_id)
     VALUES ('Злой' || char(27) || '[2J' || char(27) || ']0;HACKED' || char(7) || char(13) || 'Х' || char(8282) || char(8238) || 'ьлок',
             'Хакер', 'злой хакер', $org)"
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
keys Enter
type_text "злой"
wait_for "Найдено: 1"
wait_for "Злой"
s=$(screen)
echo "$s" | grep -qF "Педагоги" || fail "the title line was wiped"
echo "$s" | grep -qF "Найдено: 1" || fail "the screen was cleared by the row"
echo "$s" | grep -qF "HACKED" || fail "sanitised text should still show the harmless letters"
[ "$($T display -p -t t '#{pane_title}')" != "HACKED" ] || fail "the row changed the terminal title"
keys Enter
wait_for "Информационная справка: Злой"
keys F10
wait_for "Найдено: 1"
keys Escape
wait_for "Найдено: 601"

# A new person: the pasted junk never reaches the database.
keys F7
wait_for "Новая запись: педагог"
keys F2
wait_for "Фамилия: обязательное поле"
wait_for "! Фамилия"
# Control characters, a bidi override, \r and \b typed into the surname.
type_text "Жу$(printf '\342\200\256')ков"
keys C-h
type_text "в"
keys Tab
type_text "Иван"
keys Tab
# 10 000 characters pasted: the field takes at most 100.
chunk=$(printf 'я%.0s' $(seq 1 500))
for i in $(seq 1 20); do type_text "$chunk"; done
keys Down Down Down
# An escape sequence and a carriage return pasted into «Табельный номер»:
# the \r moves on to «Организация», where Enter opens the list.
type_text "$(printf '\033[2JТН-7\r')"
keys Enter
wait_for "Выбор организации"
type_text "OO001"
wait_for "СШ № 12"
keys Enter
wait_gone "Выбор организации"
keys F2
wait_for "Сохранено"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
last="(SELECT max(id) FROM person)"
row=$(sql "SELECT surname, name, length(patronymic) FROM person WHERE id = $last")
expect_eq "$row" "Жуков|Иван|100" "clean storage of pasted input"
expect_eq "$(sql "SELECT external_id FROM person WHERE id = $last")" "ТН-7" "pasted escape sequence dropped"
# Nothing stored anywhere holds a control or bidi character from the screens.
bad=$(sql "SELECT count(*) FROM person WHERE id = $last AND (surname GLOB '*[[:cntrl:]]*'
	   OR instr(surname, char(8238)) OR instr(patronymic, char(27)) OR instr(external_id, char(27))
	   OR instr(external_id, char(13)))")
expect_eq "$bad" "0" "no control characters stored"
echo ok
