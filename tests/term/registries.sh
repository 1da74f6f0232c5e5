#!/bin/sh
# The registries as a school head: a teacher hired this quarter is
# recorded in the staff movement (and counted by report 9), a teacher's
# contest result in participation; the events catalogue is searched.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
year=$(date +%Y)
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Реестры"
keys Enter
wait_for "Реестр"
wait_for "Движение кадров"
keys Down Down Down Enter
wait_for "Движение кадров: приняты и уволились"
wait_for "Записей нет"
keys F7
wait_for "Выбор организации"
type_text "OO001"
wait_for "СШ № 12"
keys Enter
wait_for "Новая запись: движение кадров"
keys Down
type_text "принят"; keys Tab
type_text "Новикова"; keys Tab
type_text "Дарья"; keys Tab Tab Tab
type_text "учитель"; keys Tab
type_text "$year"; keys Tab
type_text "3"
keys F2
wait_for "Сохранено"
wait_for "Новикова Дарья"
expect_eq "$(sql "SELECT org_id || ' ' || kind || ' ' || year || ' ' || quarter FROM staff_movement")" \
	"$org hired $year 3" "the move"
keys F10
wait_for "главное меню"
# Participation: a contest result of one of the school's teachers.
type_text "Реестры"
keys Enter
wait_for "Реестр"
keys Down Enter
wait_for "Участие педагогов"
keys F7
wait_for "Выбор педагога"
name=$(sql "SELECT surname || ' ' || name FROM person WHERE org_id = $org ORDER BY surname_key LIMIT 1")
type_text "$name"
wait_for "$name"
keys Enter
wait_for "Новая запись: участие"
keys Down Down Down
type_text "конкурс профессионального мастерства"; keys Tab
type_text "Учитель года"; keys Tab
type_text "муниципальный"; keys Tab
type_text "$year"; keys Tab Tab
type_text "призёр"
keys F2
wait_for "Сохранено"
wait_for "Учитель года"
wait_for "призёр"
expect_eq "$(sql "SELECT kind || ' ' || level || ' ' || result FROM participation")" "contest municipal prize" \
	"the participation"
keys F10
wait_for "главное меню"
# The rating counts it: municipal level 2 + prize 2.
type_text "Реестры"
keys Enter
wait_for "Реестр"
keys Down Down Down Down Down Down Down Down Down Enter
wait_for "Рейтинг методической активности за $year"
wait_for "$name"
screen | grep -F "$name" | grep -q " 4 " || fail "the rating lacks 4 points"
keys F10
wait_for "главное меню"
# The events catalogue, searched.
type_text "Реестры"
keys Enter
wait_for "Реестр"
keys Enter
wait_for "Каталог мероприятий"
type_text "выгоран"
wait_for "Тренинг «Профилактика"
wait_gone "Формирование функциональной"
# A deficit code it addresses (F6), shown in the list; a school may add events.
keys F6
wait_for "Кодификатор дефицитов"
type_text "М-1"
wait_for "М-1"
keys Enter
wait_for "Код добавлен к мероприятию"
wait_for "М-1"
expect_eq "$(sql "SELECT count(*) FROM event_deficit ed JOIN deficit_code c ON c.id = ed.deficit_code_id
		  JOIN event e ON e.id = ed.event_id WHERE c.code = 'М-1' AND e.title LIKE 'Тренинг%'")" "1" "linked"
keys F10 F10 l
wait_for "EXIT 0"
# Report 9 counts the hired teacher.
"$BIN" -c "$CONF" --db "$DB" --as school report staff_moves --year "$year" --scope org:OO001 --format csv > "$WORK/r9.csv" ||
	fail "report 9"
grep -q ";1;" "$WORK/r9.csv" || { cat "$WORK/r9.csv"; fail "report 9 lacks the hired teacher"; }
echo ok
