#!/bin/sh
# The mentoring registry as a school head: a young specialist without a
# mentor is offered, a pair is made with him, the mentor answers the
# satisfaction survey; the database holds the pair, the answer and their
# audit, and the young specialist is no longer offered.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
year=$(date +%Y)
# The first of the school's teachers by name is made a young specialist.
young=$(sql "SELECT id FROM person WHERE org_id = $org AND archived = 0 ORDER BY surname_key LIMIT 1")
sql "UPDATE person SET experience_years = 1, experience_date = NULL WHERE id = $young;
     UPDATE person SET experience_years = 20 WHERE org_id = $org AND id <> $young"
yname=$(sql "SELECT surname || ' ' || name FROM person WHERE id = $young")
mentor=$(sql "SELECT id FROM person WHERE org_id = $org AND id <> $young ORDER BY id LIMIT 1")
mname=$(sql "SELECT surname || ' ' || name FROM person WHERE id = $mentor")

start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Наставн"
keys Enter
wait_for "Пар наставничества нет"
keys Tab
wait_for "$yname"
keys Enter
wait_for "Новая запись: пара наставничества"
wait_for "$yname"
# Наставник: Enter opens the list of the school's teachers.
keys Down Enter
wait_for "Выбор педагога"
type_text "$mname"
wait_for "$mname"
keys Enter
wait_gone "Выбор педагога"
# The cursor stays on Наставник: three fields on to the programme.
keys Tab Tab Tab
type_text "Адаптация молодого специалиста"
# A label of the full 24 columns keeps a column of air before its value.
wait_for "Программа наставничества Адаптация молодого специалиста"
keys Tab
type_text "01.09.$year"; keys Tab Tab
type_text "действует"
keys F2
wait_for "Сохранено"
wait_for "Все молодые специалисты уже с наставниками"
keys Tab
wait_for "01.09.$year"
keys F6
wait_for "Кто отвечает"
keys Enter
wait_for "Удовлетворён ли наставник"
keys Enter
wait_for "Анкета записана: наставник — да"
wait_for "наставник: да"
# The mentee's ИОМ of the third model, carried by the pair.
keys F4
wait_for "нет действующей карты ИОМ"
sql "INSERT INTO iom (person_id, status) VALUES ($young, 'draft')"
keys F4
# A draft card has no number yet: the question names the mentee's ИОМ.
wait_for "ИОМ наставляемого (черновик; модель 1 — на основе"
wait_for "Перевести ИОМ в третью модель?"
screen | grep -qF "войдёт в историю" && fail "a draft's change said to wait for confirmations"
type_text "д"
wait_for "ИОМ наставляемого — третьей модели, в рамках этой пары"
expect_eq "$(sql "SELECT model || ' ' || (mentoring_pair_id = (SELECT id FROM mentoring_pair)) FROM iom")" "3 1" \
	"the card is of model 3, carried by the pair"
keys F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT mentor_id || ' ' || state FROM mentoring_pair WHERE mentee_id = $young")" \
	"$mentor active" "the pair"
expect_eq "$(sql "SELECT year || ' ' || respondent || ' ' || satisfied FROM mentoring_survey")" \
	"$year mentor 1" "the answer"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'mentoring_pair' AND field = 'mentor_id'")" "1" "audited"
# A teacher is not offered the registry.
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
screen | grep -qF "Наставничество:" && fail "the registry offered to a teacher"
keys F10 l
wait_for "EXIT 0"
echo ok
