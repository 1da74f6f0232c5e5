#!/bin/sh
# Meeting mode writes what the event is (issue 16): five teachers of five
# schools are marked, in the real program, at a course, a contest and a
# seminar of the municipality. The course lands in each one's course
# record (hours, provider, form of study and dates from the catalogue
# event) — Table 3 and УИ-3 count them, Table 11 does not; the contest is
# a contest participation with the chosen result (Table 4, УИ-5); the
# seminar a scientific-methodological participation with the chosen role
# (Table 11, УИ-17). A roadmap row of the course and one of the seminar
# are marked done on the event's day, the course row linked to the record.
# A course with no hours in the catalogue is refused with a message, and
# nothing is written.
. "$(dirname "$0")/harness"
demo_db
M="$BIN -c $CONF --db $DB"
mun=$(sql "SELECT mun_id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.login = 'municipal'")
year=$(sql "SELECT strftime('%Y', 'now', 'localtime')")
day=$(sql "SELECT date('now', 'localtime')")
sql "INSERT INTO event (title, kind, level, start_date, end_date, hours, organiser, format) VALUES
	('Курс «Проверка записи»', 'course', 'regional', '$day', '$day', 36, 'СОИРО', 'online'),
	('Конкурс «Проверка итога»', 'contest', 'municipal', '$day', '$day', NULL, NULL, NULL),
	('Семинар «Проверка роли»', 'seminar', 'municipal', '$day', '$day', 4, NULL, 'offline'),
	('Курс «Без часов»', 'course', 'regional', '$day', '$day', NULL, NULL, NULL)"
course=$(sql "SELECT id FROM event WHERE title = 'Курс «Проверка записи»'")
contest=$(sql "SELECT id FROM event WHERE title = 'Конкурс «Проверка итога»'")
seminar=$(sql "SELECT id FROM event WHERE title = 'Семинар «Проверка роли»'")
nohours=$(sql "SELECT id FROM event WHERE title = 'Курс «Без часов»'")

# One teacher of each of five schools of the municipality: a name no one
# else's starts with, no course finished this year.
sql "SELECT min(p.id) FROM person p JOIN organisation o ON o.id = p.org_id
	WHERE o.mun_id = $mun AND o.kind = 'school' AND p.archived = 0
	AND (SELECT count(*) FROM person q WHERE substr(q.surname_key, 1, length(p.surname_key)) = p.surname_key) = 1
	AND NOT EXISTS (SELECT 1 FROM course c WHERE c.person_id = p.id AND c.end_date >= '$year-01-01')
	GROUP BY o.id ORDER BY o.id LIMIT 5" > "$WORK/ids"
expect_eq "$(wc -l < "$WORK/ids")" "5" "five teachers of five schools"
ids=$(paste -sd, "$WORK/ids")
sql "SELECT surname || ' ' || name || ' ' || coalesce(patronymic, '') FROM person WHERE id IN ($ids) ORDER BY id" \
	> "$WORK/names"
first=$(head -1 "$WORK/ids")
sql "INSERT INTO iom (person_id, status, start_date, end_date) VALUES ($first, 'in_progress', '$year-01-01', '$year-12-31');
     INSERT INTO iom_activity (iom_id, category, event_id, activity) VALUES (last_insert_rowid(), 1, $course, 'Курс');
     INSERT INTO iom_activity (iom_id, category, event_id, activity)
	SELECT id, 2, $seminar, 'Семинар' FROM iom WHERE person_id = $first"

# Indicator figures before: «Числитель» of a code, region scope.
numerator() { # numerator CODE FILE
	awk -v c="$1 " 'index($0, c) == 1 { on = 1 } on && /Числитель/ { print $NF; exit }' "$2"
}
$M --as regional report indicators --year "$year" --scope region > "$WORK/before.txt" || fail "report indicators"

open_meeting() { # open_meeting TITLE-PREFIX VISIBLE-TITLE HEADER-TEXT
	wait_for "главное меню"
	type_text "Отметка"
	keys Enter
	wait_for "Мероприятие (начните печатать название)"
	type_text "$1"
	wait_for "$2"
	keys Enter
	wait_for "$3"
}
tick_all() {
	i=0
	while IFS= read -r name; do
		i=$((i + 1))
		type_text "$name"
		wait_for "найдено: 1 "
		keys Enter
		wait_for "Отмечено: $i "
	done < "$WORK/names"
}

start $M --as municipal
# A course: no role, no result; F2 writes the course records.
open_meeting "Курс «Провер" "Курс «Проверка записи»" "Курс: запишется в курсы педагога."
screen | tail -1 | grep -q "4Роль \|4Итог " && fail "F4 offered for a course"
tick_all
keys F2
wait_for "Записан курс: 5; уже было записано: 0; отмечено в ИОМ: 1"
# A contest: the result «лауреат».
keys F5
wait_for "Мероприятие (начните печатать название)"
type_text "Конкурс «Провер"
wait_for "Конкурс «Проверка итога»"
keys Enter
wait_for "Итог: участник."
keys F4
wait_for "Итог конкурса"
keys Down Enter
wait_for "Итог: лауреат."
tick_all
keys F2
wait_for "Записано участие: 5; уже было записано: 0; отмечено в ИОМ: 0"
# A seminar: the role «эксперт».
keys F5
wait_for "Мероприятие (начните печатать название)"
type_text "Семинар «Провер"
wait_for "Семинар «Проверка роли»"
keys Enter
wait_for "Роль: участник."
keys F4
wait_for "Роль участника"
keys Down Down Enter
wait_for "Роль: эксперт."
tick_all
keys F2
wait_for "Записано участие: 5; уже было записано: 0; отмечено в ИОМ: 1"
# The course again: each is «записан» already.
keys F5
wait_for "Мероприятие (начните печатать название)"
type_text "Курс «Провер"
wait_for "Курс «Проверка записи»"
keys Enter
wait_for "Курс: запишется в курсы педагога."
type_text "$(head -1 "$WORK/names")"
wait_for "участие уже записано"
keys Escape
# A course without hours: refused, said why, nothing written.
keys F5
wait_for "Мероприятие (начните печатать название)"
type_text "Курс «Без"
wait_for "Курс «Без часов»"
keys Enter
wait_for "Курс: запишется в курсы педагога."
type_text "$(head -1 "$WORK/names")"
wait_for "найдено: 1 "
keys Enter
wait_for "Отмечено: 1 "
keys F2
wait_for "не указано количество часов"
expect_eq "$(sql "SELECT count(*) FROM course WHERE event_id = $nohours")" "0" "no course without hours"
keys F10
wait_for "Записать отмеченных (1)?"
keys Right Enter
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# The database: what each event is.
expect_eq "$(sql "SELECT count(*) FROM course WHERE event_id = $course AND person_id IN ($ids) AND hours = 36
	AND provider = 'СОИРО' AND form = 'advanced' AND study_mode = 'distance' AND end_date = '$day'
	AND title = 'Курс «Проверка записи»'")" "5" "five course records"
expect_eq "$(sql "SELECT count(*) FROM participation WHERE event_id = $course")" "0" "a course is no participation"
expect_eq "$(sql "SELECT count(*) FROM participation WHERE event_id = $contest AND kind = 'contest'
	AND result = 'laureate' AND level = 'municipal' AND year = $year")" "5" "five contest participations"
expect_eq "$(sql "SELECT count(*) FROM participation WHERE event_id = $seminar AND kind = 'scimethod'
	AND role = 'expert' AND result IS NULL")" "5" "five seminar participations"
expect_eq "$(sql "SELECT done || ' ' || done_date || ' ' || (course_id = (SELECT id FROM course
	WHERE event_id = $course AND person_id = $first)) FROM iom_activity WHERE event_id = $course")" \
	"1 $day 1" "the course row done on the day, linked to the record"
expect_eq "$(sql "SELECT done || ' ' || done_date || ' ' || coalesce(course_id, '-') FROM iom_activity
	WHERE event_id = $seminar")" "1 $day -" "the seminar row done on the day"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'course' AND field = 'event_id'")" "5" "links audited"

# The reports: Table 3 counts the course under «до 72 часов», by its form
# of study; Table 11 has the seminar and not the course; Table 4 the contest.
$M --as regional report courses --year "$year" --scope region --format csv -o "$WORK/t3.csv" || fail "report courses"
grep -q "^Краткосрочные курсы повышения квалификации (в объеме до 72 часов);с применением дистанционных технологий;[0-9]*;СОИРО;" "$WORK/t3.csv" ||
	{ head -20 "$WORK/t3.csv"; fail "Table 3 lacks the distance course of СОИРО"; }
$M --as regional report events --year "$year" --scope region > "$WORK/t11.txt" || fail "report events"
grep -q "Семинар «Проверка" "$WORK/t11.txt" || { cat "$WORK/t11.txt"; fail "Table 11 lacks the seminar"; }
grep -q "Курс «Проверка" "$WORK/t11.txt" && fail "Table 11 counts the course"
grep -q "эксперт" "$WORK/t11.txt" || fail "Table 11 lacks the role"
$M --as regional report contests --year "$year" --scope region > "$WORK/t4.txt" || fail "report contests"
grep -q "Конкурс «Проверка" "$WORK/t4.txt" || { cat "$WORK/t4.txt"; fail "Table 4 lacks the contest"; }
grep -q "лауреат" "$WORK/t4.txt" || fail "Table 4 lacks the result"

# The indicators: УИ-3 gains the five, УИ-5 and УИ-17 the five schools.
$M --as regional report indicators --year "$year" --scope region > "$WORK/after.txt" || fail "report indicators"
for code in УИ-3 УИ-5 УИ-17; do
	b=$(numerator "$code" "$WORK/before.txt")
	a=$(numerator "$code" "$WORK/after.txt")
	case "$b$a" in *[!0-9]*) fail "$code: the numerator is withheld ($b → $a)" ;; esac
	expect_eq "$a" "$((b + 5))" "$code numerator"
done
echo ok
