#!/bin/sh
# The deadline radar of a school head: an unanswered application and a card
# whose corrections are late; the teachers whose last course is over three
# years old, counted as the database counts them; Enter opens the record.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
pid=$(sql "SELECT person_id FROM app_user WHERE login = 'teacher'")
sql "INSERT INTO diagnostic_application(kind, channel, org_id, applicant_name, received_date, state)
     VALUES ('collective', 'written', $org, 'Фёдорова И. В.', '2026-10-01', 'received');
     INSERT INTO iom(number, model, person_id, org_id, status, developed_date, review_sent_date)
     VALUES ('ИОМ-2026-000088', 2, $pid, $org, 'review', '2026-09-20', '2026-10-01');"
old=$(sql "SELECT count(*) FROM person p JOIN (SELECT person_id, max(end_date) AS last FROM course
	   WHERE archived = 0 GROUP BY person_id) c ON c.person_id = p.id
	   WHERE p.archived = 0 AND p.org_id = $org AND c.last <= date('now', '-3 years')")
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
wait_for "Контроль сроков"
type_text "Контроль"
keys Enter
wait_for "Просрочено или срок в ближайшие 10 рабочих дн."
wait_for "заявка: связаться"
wait_for "Фёдорова И. В."
keys F6
wait_for "Вид сроков"
keys Down Down Down Down Down Enter
wait_for "ИОМ: корректировки"
# The name first: a narrow cell keeps it and shortens the number.
wait_for "Петрова Ольга Николаевна"
wait_for "просрочено"
keys Enter
wait_for "Карта ИОМ ИОМ-2026-000088"
keys F10
wait_for "Контроль сроков"
# Only what is overdue today, and only the old courses.
keys F5
wait_for "Горизонт"
keys C-u
type_text "0"
keys Enter
wait_for "ближайшие 0 рабочих дн."
keys Escape
wait_gone "— ИОМ: корректировки"
keys F6
wait_for "Вид сроков"
keys Down Down Down Down Down Down Down Down Enter
wait_for "ближайшие 0 рабочих дн.: $old — курсы > 3 лет назад"
keys F10 F10 l
wait_for "EXIT 0"
echo ok
