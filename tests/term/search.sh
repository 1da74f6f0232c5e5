#!/bin/sh
# Names found as people write them (issue 14). Four teachers come in by the
# CLI import, as a region's file would bring them: a double surname
# (Петрова-Водкина), another (Иванов-Сибиряк), a Tatar one in capitals
# (ӘЛИЕВА) and «Зуйкова» pasted with «и» + U+0306 COMBINING BREVE. In the
# register (as the admin) «водкина», «сибиряк», «петрова о.н.», «петрова о н»,
# «ӘЛИЕВА» for «Әлиева», a decomposed «й» for a stored «й» and the reverse
# each find their person, and a query that matches nobody finds nobody;
# the school head's teacher picker finds by the same rule.
. "$(dirname "$0")/harness"
demo_db
total=$(sql "SELECT count(*) FROM person WHERE archived = 0")
expect_eq "$(sql "SELECT count(*) FROM person WHERE surname_key LIKE '%водкин%' OR surname_key LIKE '%сибиряк%'
		  OR surname LIKE 'Әлиева%' OR surname_key LIKE 'зуйков%'")" "0" "nobody so named in the demo"

BREVE=$(printf '\314\206')     # U+0306 COMBINING BREVE
printf 'Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Организация;Должность\n' > "$WORK/people.csv"
printf 'ТН-9901;Петрова-Водкина;Ольга;Николаевна;01.02.1980;OO001;учитель\n' >> "$WORK/people.csv"
printf 'ТН-9902;Иванов-Сибиряк;Пётр;Ильич;02.03.1981;OO001;учитель\n' >> "$WORK/people.csv"
printf 'ТН-9903;ӘЛИЕВА;Гүзәл;Ринатовна;03.04.1982;OO001;учитель\n' >> "$WORK/people.csv"
printf 'ТН-9904;Зуи%sкова;Майя;Юрьевна;04.05.1983;OO001;учитель\n' "$BREVE" >> "$WORK/people.csv"
"$BIN" -c "$CONF" --db "$DB" --as regional import persons "$WORK/people.csv" >"$WORK/import.out" 2>&1 ||
	{ cat "$WORK/import.out"; fail "the four were not imported"; }
total=$((total + 4))
expect_eq "$(sql "SELECT surname_key FROM person WHERE external_id = 'ТН-9903'")" "әлиева гүзәл ринатовна" \
	"the Tatar key folded"
expect_eq "$(sql "SELECT surname_key FROM person WHERE external_id = 'ТН-9904'")" "зуйкова майя юрьевна" \
	"the decomposed й composed in the key"
expect_eq "$(sql "SELECT group_concat(part, ' ') FROM (SELECT part FROM person_name_part
		  WHERE person_id = (SELECT id FROM person WHERE external_id = 'ТН-9901') ORDER BY part)")" \
	"водкина николаевна ольга петрова петрова-водкина" "the parts of a double surname"

start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
wait_for "Педагоги — реестр"
keys Enter
wait_for "Найдено: $total"

# search QUERY NAME: the query finds NAME (and, with a third argument N,
# exactly N persons); Ctrl-U clears the search.
search() {
	type_text "$1"
	wait_for "Поиск: $1"
	if [ $# -ge 3 ]; then
		wait_for "Найдено: $3"
	fi
	wait_for "$2"
	keys C-u
	wait_for "Найдено: $total"
}
search "водкина" "Петрова-Водкина Ольга" 1
search "сибиряк" "Иванов-Сибиряк Пётр Ильич" 1
search "петрова-водкина" "Петрова-Водкина Ольга" 1
# Surname and initials, as people write them; others may share them.
search "петрова о.н." "Петрова-Водкина Ольга"
search "петрова о н" "Петрова-Водкина Ольга"
search "о.н. водкина" "Петрова-Водкина Ольга" 1
search "ӘЛИЕВА" "ӘЛИЕВА Гүзәл Ринатовна" 1
search "әлиева г.р." "ӘЛИЕВА Гүзәл Ринатовна" 1
search "зуйкова" "Зуи${BREVE}кова Майя Юрьевна" 1
search "зуи${BREVE}к" "Зуи${BREVE}кова Майя Юрьевна" 1
# A decomposed «й» typed finds a stored «й» (the demo's «…ий» names).
n=$(sql "SELECT count(*) FROM person WHERE archived = 0 AND (' ' || replace(surname_key, '-', ' ')) LIKE '% сергей%'")
[ "$n" -gt 0 ] || fail "no Сергей in the demo"
first=$(sql "SELECT surname || ' ' || name FROM person WHERE archived = 0 AND name = 'Сергей' ORDER BY surname_key, id LIMIT 1")
search "сергеи${BREVE}" "$first" "$n"
# Nobody: a part that nobody's name starts with, an inner piece, a second
# token with no part of its own.
type_text "водкинаа"
wait_for "Найдено: 0"
wait_for "Никого не найдено"
keys C-u
wait_for "Найдено: $total"
type_text "одкина"
wait_for "Найдено: 0"
keys C-u
type_text "водкина о.п.р"
wait_for "Найдено: 0"
keys C-u
wait_for "Найдено: $total"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# The school head's teacher picker (a participation record) finds by the
# same rule.
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Реестры"
keys Enter
wait_for "Реестр"
keys Down Enter
wait_for "Участие педагогов"
keys F7
wait_for "Выбор педагога"
type_text "сибиряк"
wait_for "Иванов-Сибиряк Пётр Ильич"
keys C-u
type_text "ӘЛИЕВА Г."
wait_for "ӘЛИЕВА Гүзәл Ринатовна"
keys C-u
type_text "водкина о н"
wait_for "Петрова-Водкина Ольга"
keys Enter
wait_for "Новая запись: участие"
wait_for "Петрова-Водкина"
keys F10
wait_gone "Новая запись: участие"
wait_for "Участие педагогов"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM participation x JOIN person p ON p.id = x.person_id
		  WHERE p.external_id = 'ТН-9901'")" "0" "the form left unsaved writes nothing"
echo "search: ok"
