#!/bin/sh
# F4 «ИОМ-3» on a pair asks before it changes the mentee's card (issue 16):
# the question names the card, its status and model and what it becomes;
# «н», Esc and F10 leave the card as it was (model, pair, version, no
# audit, no change in its history); «д» makes it a card of the third
# model carried by the pair, logged as a change of an approved card; F4
# again says so and asks nothing.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
year=$(date +%Y)
mentee=$(sql "SELECT id FROM person WHERE org_id = $org AND archived = 0 ORDER BY surname_key, id LIMIT 1")
mentor=$(sql "SELECT id FROM person WHERE org_id = $org AND archived = 0 ORDER BY surname_key DESC, id DESC LIMIT 1")
num="ИОМ-$year-000077"
sql "INSERT INTO mentoring_pair (mentor_id, mentee_id, org_id, programme, start_date, state)
     VALUES ($mentor, $mentee, $org, 'Адаптация', '$year-01-15', 'active');
     INSERT INTO iom (number, model, person_id, org_id, status, start_date, end_date, developed_date, approved_date)
     VALUES ('$num', 1, $mentee, $org, 'approved', '$year-01-20', '$((year + 1))-01-19', '$year-01-10', '$year-01-18')"
pair=$(sql "SELECT id FROM mentoring_pair")
card=$(sql "SELECT id FROM iom WHERE number = '$num'")
state() {
	sql "SELECT model || ' ' || coalesce(mentoring_pair_id, '-') || ' ' || version
	     || ' ' || (SELECT count(*) FROM audit WHERE tbl = 'iom' AND record_id = $card)
	     || ' ' || (SELECT count(*) FROM iom_change WHERE iom_id = $card) FROM iom WHERE id = $card"
}
before=$(state)
expect_eq "$before" "1 - 1 0 0" "the card before"

start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Наставн"
keys Enter
wait_for "Пары наставничества, анкеты $year г."
wait_for "15.01.$year–…"
ask() {
	keys F4
	wait_for "ИОМ $num (утверждён; модель 1 — на основе"
	wait_for "Перевести ИОМ в третью модель?"
	wait_for "Д — да     Н, Enter, Esc — нет"
}
for answer in н Escape F10 Enter; do
	ask
	case $answer in
	Escape|F10|Enter) keys "$answer" ;;
	*) type_text "$answer" ;;
	esac
	wait_gone "Перевести ИОМ в третью модель?"
	wait_for "Модель ИОМ не изменена"
	expect_eq "$(state)" "$before" "the card after «$answer»"
done
ask
# The question at 80x24: whole, in Russian, under the pair it is about.
wait_line 9 "ИОМ $num (утверждён; модель 1 — на основе"
wait_line 13 "подтверждений. Перевести ИОМ в третью модель?"
type_text "д"
wait_for "ИОМ $num — третьей модели, в рамках этой пары"
expect_eq "$(state)" "3 $pair 2 2 1" "the card after «д»: model 3, the pair, audited, in its history"
expect_eq "$(sql "SELECT field || ' ' || before || ' ' || after FROM iom_change WHERE iom_id = $card")" \
	"model 1 3" "the change of the approved card"
keys F4
wait_for "ИОМ $num уже третьей модели, в рамках этой пары"
screen | grep -qF "Перевести ИОМ" && fail "asked again for a card already so"
expect_eq "$(state)" "3 $pair 2 2 1" "nothing changed the second time"
keys C-q l
wait_for "EXIT 0"
echo ok
