#!/bin/sh
# The demo's internship sites: on the day it is built (7 December) two
# sites hold their status, each with events that have places, some taken
# by bookings from ИОМ cards in work (the demo teacher's among them), none
# beyond its places; and an application dated in this year's window
# (1 September – 1 November) awaits the regional centre. As the regional
# centre at 80x24: the list shows the three, the places of a site's
# events, and the application can be taken into review.
. "$(dirname "$0")/harness"
MARSHRUT_TODAY=2026-12-07
export MARSHRUT_TODAY
M="$BIN -c $CONF --db $DB"
$M init --demo >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; fail "init --demo"; }

expect_eq "$(sql "SELECT count(*) FROM internship_site WHERE state = 'granted'
	AND granted_from <= '$MARSHRUT_TODAY' AND granted_to >= '$MARSHRUT_TODAY'
	AND granted_to <= date(granted_from, '+3 years', '-1 day')
	AND applied_date BETWEEN substr(applied_date, 1, 4) || '-09-01' AND substr(applied_date, 1, 4) || '-11-01'")" \
	"2" "two sites with their status, applied in a window, for at most three years"
expect_eq "$(sql "SELECT count(*) FROM internship_site WHERE state = 'applied'
	AND applied_date BETWEEN '2026-09-01' AND '2026-11-01'")" "1" "an application of this year's window"
expect_eq "$(sql "SELECT count(DISTINCT internship_site_id) FROM event WHERE internship_site_id IS NOT NULL
	AND start_date > '$MARSHRUT_TODAY'")" "2" "each granted site holds events ahead"
# No event beyond its places (its own, else the site's maximum), some taken.
expect_eq "$(sql "SELECT count(*) FROM event e JOIN internship_site i ON i.id = e.internship_site_id
	WHERE (SELECT count(*) FROM iom_activity a WHERE a.event_id = e.id) > coalesce(e.places, i.max_places)
	OR e.end_date > i.granted_to")" "0" "no event overbooked or beyond the term"
n=$(sql "SELECT count(*) FROM iom_activity a JOIN iom c ON c.id = a.iom_id JOIN event e ON e.id = a.event_id
	WHERE e.internship_site_id IS NOT NULL AND a.internship_site_id = e.internship_site_id
	AND c.status IN ('approved', 'in_progress') AND c.start_date <= e.start_date AND c.end_date >= e.end_date")
[ "$n" -ge 4 ] || fail "only $n bookings from cards in work"
expect_eq "$(sql "SELECT count(*) FROM iom_activity a JOIN iom c ON c.id = a.iom_id
	JOIN app_user u ON u.person_id = c.person_id AND u.login = 'teacher'
	WHERE a.internship_site_id IS NOT NULL")" "1" "the demo teacher's booking"
full=$(sql "SELECT id FROM event WHERE places = 8")
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE event_id = $full")" "3" "three of eight places taken"

capture() { # capture NAME: the screen, scanned for cut words and the edge (scan80.py)
	{ echo "@@ regional: $1"; screen; } >"$WORK/cap-$1"
	python3 -B "$TOP/tests/term/scan80.py" "$TOP" "$DB" "$WORK/cap-$1" || fail "$1: a word cut"
}

start $M --as regional
wait_for "главное меню"
type_text "Стажир"
keys Enter
wait_for "заявка подана"
wait_for "статус присвоен до 30.11.2028"
wait_for "статус присвоен до 30.11.2027"
capture sites
# The events of the first site with their places (the list is by
# organisation: the cursor goes to the site of 2028).
keys Home
i=0
while ! screen | grep -q ">.*до 30.11.2028"; do
	keys Down; i=$((i + 1)); [ $i -lt 5 ] || fail "no cursor on the site of 2028"
done
keys F4
wait_for "занято 3 из 8"
wait_for "занято 1 из 10"
capture events
keys F10
wait_for "заявка подана"
# The application: taken into review by the regional centre.
keys Home
i=0
while ! screen | grep -q ">.*заявка подана"; do
	keys Down; i=$((i + 1)); [ $i -lt 5 ] || fail "no cursor on the application"
done
keys F6
wait_for "Новое состояние площадки"
keys Enter
wait_for "Дата решения"
keys Enter
wait_for "Площадка: на рассмотрении"
expect_eq "$(sql "SELECT count(*) FROM internship_site WHERE state = 'review'")" "1" "taken into review"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
