#!/bin/sh
# Ending an internship site early (004 App.4 §3.12) when ИОМ activities are
# booked on its events after the end: the regional centre, which decides on
# sites, first sees each site event's places (F4: «занято N из M»), then
# the list of the bookings the end leaves without a place — teacher,
# event, date — and cancels (nothing changes) or confirms (the site ends,
# the bookings stay in the cards, each card gets a note to replace them).
. "$(dirname "$0")/harness"
demo_db
MARSHRUT_TODAY=2027-01-15
export MARSHRUT_TODAY

# A granted site of СШ № 12 with two events and four bookings: three after
# 31 January 2027 (two on the first event, one on the second), one before.
sql "INSERT INTO internship_site (org_id, direction, topic, max_places, applied_date, state,
	decision_date, granted_from, granted_to)
	VALUES ((SELECT id FROM organisation WHERE code = 'OO001'), 'fgos', 'Урок по обновлённым ФГОС', 3,
	'2026-10-15', 'granted', '2026-11-20', '2026-12-01', '2029-11-30');
INSERT INTO event (title, level, start_date, places, internship_site_id)
	VALUES ('Стажировка «Смысловое чтение»', 'regional', '2027-02-10', 2, (SELECT max(id) FROM internship_site));
INSERT INTO event (title, level, start_date, internship_site_id)
	VALUES ('Практикум «Проектные задачи»', 'regional', '2027-03-03', (SELECT max(id) FROM internship_site));
INSERT INTO event (title, level, start_date, internship_site_id)
	VALUES ('Семинар «Рабочие программы»', 'regional', '2027-01-20', (SELECT max(id) FROM internship_site));
INSERT INTO iom (person_id, status) SELECT id, 'in_progress' FROM person
	WHERE org_id = (SELECT id FROM organisation WHERE code = 'OO001') ORDER BY id LIMIT 3;
UPDATE iom SET number = 'ИОМ-2027-' || printf('%06d', id) WHERE number IS NULL;"
site=$(sql "SELECT max(id) FROM internship_site")
# The cards, and their teachers as the list shows them.
f=$(sql "SELECT min(id) FROM iom"); p=$((f + 1)); k=$((f + 2))
fio() { sql "SELECT p.surname || ' ' || substr(p.name, 1, 1) || '.' FROM iom i JOIN person p ON p.id = i.person_id WHERE i.id = $1"; }
book() {
	sql "INSERT INTO iom_activity (iom_id, category, event_id, internship_site_id, activity, start_date)
		SELECT $1, 1, id, internship_site_id, title, start_date FROM event WHERE title LIKE '$2%'"
}
book "$f" "Стажировка"; book "$p" "Стажировка"; book "$k" "Практикум"; book "$f" "Семинар"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE internship_site_id = $site")" "4" "four bookings"

start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Стажир"
keys Enter
wait_for "статус присвоен до 30.11.2029"
# Each event its own places: two of two, one of the site's three, none yet.
keys F4
wait_for "Мероприятия площадки"
wait_for "занято 2 из 2"
wait_for "занято 1 из 3"
wait_for "Максимальное количество стажировочных мест: 3"
keys Escape
wait_for "Площадки: состояние"

# Ended on 31.01.2027: the three bookings after it are listed.
keys F6
wait_for "Новое состояние площадки"
wait_for "статус прекращён досрочно"
keys Enter
wait_for "Дата прекращения"
keys C-u
type_text "31.01.2027"
keys Enter
wait_for "Основание досрочного прекращения"
keys Down Down Enter
wait_for "Статус кончается 31.01.2027: записей ИОМ после этого дня — 3."
wait_for "$(fio "$f")"
wait_for "$(fio "$p")"
wait_for "$(fio "$k")"
wait_for "10.02.2027"
wait_for "03.03.2027"
wait_for "Практикум «Проектные задачи»"
wait_for "$(sql "SELECT number FROM iom WHERE id = $k")"
screen | grep -qF "Семинар" && fail "a booking before the end is listed"
screen | grep -qF "20.01.2027" && fail "a booking before the end is listed"
# Cancelled: nothing changes.
keys Escape
wait_for "Статус не прекращён: площадка и записи ИОМ без изменений"
expect_eq "$(sql "SELECT state || ' ' || coalesce(termination_date, '-') FROM internship_site WHERE id = $site")" \
	"granted -" "cancelled: the site keeps its status"
expect_eq "$(sql "SELECT count(*) FROM iom_note")" "0" "cancelled: no notes"

# Confirmed with F2: the site ends, the bookings stay, each card has a note.
keys F6
wait_for "Новое состояние площадки"
keys Enter
wait_for "Дата прекращения"
keys C-u
type_text "31.01.2027"
keys Enter
wait_for "Основание досрочного прекращения"
keys Down Down Enter
wait_for "записей ИОМ после этого дня — 3."
keys F2
wait_for "Площадка: статус прекращён досрочно; заметок в картах ИОМ: 3"
wait_for "статус прекращён досрочно 31.01.2027"
expect_eq "$(sql "SELECT state || ' ' || termination_date || ' ' || termination_reason FROM internship_site WHERE id = $site")" \
	"terminated 2027-01-31 no_demand" "terminated on the day chosen"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE internship_site_id = $site")" "4" "no booking lost"
expect_eq "$(sql "SELECT group_concat(iom_id, ' ') FROM (SELECT iom_id FROM iom_note
	WHERE kind = 'correction' AND text LIKE '%только по 31.01.2027%' ORDER BY iom_id)")" \
	"$(sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM iom WHERE id IN ($f, $p, $k) ORDER BY id)")" \
	"a note on each card with a booking after the end"
expect_eq "$(sql "SELECT count(*) FROM iom_note WHERE text LIKE '%Семинар%'")" "0" "none for the booking before"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'iom_note' AND action = 'create'")" "3" "the notes audited"
keys F10 F10 l
wait_for "EXIT 0"
echo ok
