#!/bin/sh
# An internship site from application to early termination: the school
# applies (refused on a day outside 1 September – 1 November whatever the
# date typed on the application, accepted on a day inside), the
# regional centre reviews it, grants the status (refused for more than
# three years), adds the site's event to the catalogue, and terminates the
# status with a reason. An ИОМ activity booked at the site takes one of
# its places; when they are taken, the next booking is refused.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")

# On 7 December the window of the year has closed: no application, even
# one that would be dated in October.
MARSHRUT_TODAY=2026-12-07
export MARSHRUT_TODAY
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Стажир"
keys Enter
wait_for "Площадок нет"
keys F7
wait_for "Заявка: приём заявок с 1 сентября по 1 ноября; в 2026 году он закрыт"
expect_eq "$(sql "SELECT count(*) FROM internship_site")" "0" "no application on 7 December"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# On 20 October it is open.
MARSHRUT_TODAY=2026-10-20
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Стажир"
keys Enter
wait_for "Площадок нет"
keys F7
wait_for "Новая запись: стажировочная площадка"
# Организация: Enter opens the list.
keys Enter
wait_for "Выбор организации"
type_text "OO001"
wait_for "СШ № 12"
keys Enter
wait_gone "Выбор организации"
# The cursor stays on Организация: Down to the date.
keys Down
type_text "22.11.2026"; keys Tab
type_text "функциональная грамотность"; keys Tab Tab
type_text "Читательская грамотность на уроках"; keys Tab Tab Tab Tab
type_text "организация"; keys Tab Tab Tab Tab Tab Tab Tab
type_text "2"; keys Tab
type_text "групповой"
keys F2
wait_for "дата заявки позже сегодняшнего дня (20.10.2026)"
expect_eq "$(sql "SELECT count(*) FROM internship_site")" "0" "nothing stored dated after the day"
# The cursor is at the date, with the message beside it.
wait_for "! Дата заявки"
keys C-u
type_text "15.10.2026"
keys F2
wait_for "Сохранено"
wait_for "заявка подана"
expect_eq "$(sql "SELECT org_id || ' ' || state || ' ' || applied_date || ' ' || max_places FROM internship_site")" \
	"$org applied 2026-10-15 2" "the application"
# The school may not decide on its own site.
keys F6
wait_for "решения о статусе"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# The regional centre: review, a grant for four years refused, three granted.
MARSHRUT_TODAY=2026-12-07
site=$(sql "SELECT id FROM internship_site")
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Стажир"
keys Enter
wait_for "заявка подана"
keys F6
wait_for "Новое состояние площадки"
keys Enter
wait_for "Дата решения"
keys Enter
wait_for "Площадка: на рассмотрении"
keys F6
wait_for "статус присвоен"
keys Enter
wait_for "Дата решения"
keys Enter
wait_for "Статус присвоен с"
keys C-u
type_text "01.12.2026"
keys Enter
wait_for "не более трёх лет"
wait_for "30.11.2029"
keys C-u
type_text "01.12.2030"
keys Enter
wait_for "не более чем на 3 года"
expect_eq "$(sql "SELECT state FROM internship_site")" "review" "a four-year term is refused"
keys F6
wait_for "статус присвоен"
keys Enter
wait_for "Дата решения"
keys Enter
wait_for "Статус присвоен с"
keys C-u
type_text "01.12.2026"
keys Enter
wait_for "не более трёх лет"
keys Enter
wait_for "статус присвоен до 30."
expect_eq "$(sql "SELECT state || ' ' || granted_from || ' ' || granted_to FROM internship_site")" \
	"granted 2026-12-01 2029-11-30" "granted for three years"
# The site's event goes to the catalogue.
keys F3
wait_for "Новая запись: мероприятие площадки"
keys Tab
type_text "Стажировка «Читательская грамотность»"; keys Tab Tab Tab
type_text "муниципальный"
keys F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT count(*) FROM event WHERE internship_site_id = $site AND level = 'municipal'")" "1" \
	"the event is in the catalogue"
# Terminated early, with a reason.
keys F6
wait_for "статус прекращён досрочно"
keys Enter
wait_for "Дата прекращения"
keys Enter
wait_for "Основание досрочного прекращения"
keys Down Down Enter
wait_for "Площадка: статус прекращён досрочно"
expect_eq "$(sql "SELECT state || ' ' || termination_reason FROM internship_site")" "terminated no_demand" \
	"terminated with its reason"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'internship_site' AND field = 'state'")" "3" \
	"each move audited"
keys F10 F10 l
wait_for "EXIT 0"
echo ok
