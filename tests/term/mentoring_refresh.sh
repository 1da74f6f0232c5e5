#!/bin/sh
# A pair made from «Молодые специалисты» is in the pairs list at once, under
# the cursor (issue 16), though the mentee's name puts it above the rows the
# list showed: the school head's school has twenty pairs, more than the
# screen holds, all of mentees named after the young specialist.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
year=$(date +%Y)
young=$(sql "SELECT id FROM person WHERE org_id = $org AND archived = 0 ORDER BY surname_key, id LIMIT 1")
mentor=$(sql "SELECT id FROM person WHERE org_id = $org AND archived = 0 ORDER BY surname_key DESC, id DESC LIMIT 1")
sql "UPDATE person SET experience_years = 1, experience_date = NULL WHERE id = $young;
     UPDATE person SET experience_years = 20 WHERE org_id = $org AND id <> $young;
     INSERT INTO mentoring_pair (mentor_id, mentee_id, org_id, programme, start_date, state)
     SELECT $mentor, id, org_id, 'Адаптация', '$year-01-15', 'active' FROM person
     WHERE org_id = $org AND archived = 0 AND id NOT IN ($young, $mentor) ORDER BY surname_key LIMIT 20"
expect_eq "$(sql "SELECT count(*) FROM mentoring_pair")" "20" "twenty pairs to begin with"
short() {
	sql "SELECT surname || ' ' || substr(name, 1, 1) || '. ' || substr(patronymic, 1, 1) || '.' FROM person WHERE id = $1"
}
yshort=$(short "$young")
first=$(sql "SELECT mentee_id FROM mentoring_pair mp JOIN person p ON p.id = mp.mentee_id ORDER BY p.surname_key, mp.id LIMIT 1")
fshort=$(short "$first")
yname=$(sql "SELECT surname || ' ' || name FROM person WHERE id = $young")
mname=$(sql "SELECT surname || ' ' || name FROM person WHERE id = $mentor")
full() {
	sql "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE id = $1"
}

start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Наставн"
keys Enter
wait_for "Пары наставничества, анкеты $year г."
wait_line 4 ">$fshort"
screen | grep -qF "$yshort" && fail "the young specialist is in the pairs list before his pair"
keys Tab
wait_for "Молодые специалисты $year г. без наставника"
wait_for "$yname"
keys Enter
wait_for "Новая запись: пара наставничества"
keys Down Enter
wait_for "Выбор педагога"
type_text "$mname"
wait_for "$mname"
keys Enter
wait_gone "Выбор педагога"
keys Tab Tab Tab
type_text "Адаптация молодого специалиста"
keys Tab
type_text "01.09.$year"; keys Tab Tab
type_text "действует"
keys F2
wait_for "Все молодые специалисты уже с наставниками"
pair=$(sql "SELECT id FROM mentoring_pair WHERE mentee_id = $young AND mentor_id = $mentor AND state = 'active'
            AND start_date = '$year-09-01'")
[ -n "$pair" ] || fail "the pair was not saved"
# Back to the pairs: the new one first (its mentee's name is first), the
# cursor on it, the row whole.
keys Tab
wait_for "Пары наставничества, анкеты $year г."
wait_line 4 ">$yshort"
wait_for "01.09.$year–…"
y=$($T display -p -t t '#{cursor_y}')
expect_eq "$y" "3" "the cursor on the new pair's row"
wait_line 5 "$fshort"
# Beneath the list, the pair under the cursor whole.
wait_line 21 "$(full "$young") — наставник $(full "$mentor")"
wait_line 22 "Состояние: действует"
# Enter opens the new pair.
keys Enter
wait_for "пара наставничества"
wait_for "$yname"
keys Escape
wait_for "Пары наставничества, анкеты $year г."
wait_line 4 ">$yshort"
keys C-q l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM mentoring_pair")" "21" "one pair added"
echo ok
