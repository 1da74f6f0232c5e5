#!/bin/sh
# The key bar of the cards offers an F-key only where it acts on the tab
# shown, and a key pressed where it is not offered says why (issue 13):
# the teacher's card tab by tab (Shift-Tab goes back a tab), a completed
# ИОМ (no edit, no curator change, no «F7 —» in an empty list), the
# archive view of the register («Вернуть» on F8, no «Новый», Esc back to
# the active list, the header «Архив: …»), and the empty list of
# internship sites.
. "$(dirname "$0")/harness"
demo_db
card_fixture

# The label of F-key N on the key bar (the last line, cells of 8 columns).
bar_cell() {
	screen | sed -n 24p | python3 -c '
import sys
n = int(sys.argv[1])
line = sys.stdin.readline().rstrip("\n").ljust(80)
print(line[(n - 1) * 8 + 1:n * 8].strip())' "$1"
}

# offered N LABEL / not_offered N: the bar's cell of F-key N.
offered() {
	[ "$(bar_cell "$1")" = "$2" ] || fail "F$1 should be offered as «$2», the bar has «$(bar_cell "$1")»"
}
not_offered() {
	[ -z "$(bar_cell "$1")" ] || fail "F$1 «$(bar_cell "$1")» is on the bar where it does not act ($2)"
}

# refuses KEY TEXT: the key, pressed anyway, says why on the status line
# and opens nothing.
refuses() {
	local title
	title=$(screen | sed -n 1p)
	keys "$1"
	wait_line 23 "$2"
	[ "$(screen | sed -n 1p)" = "$title" ] || fail "$1 opened something: $(screen | sed -n 1p)"
	screen | grep -q "Новая запись\|Изменение:\|┌" && fail "$1 opened a form or a dialog"
	return 0
}

# no_f7_text: an empty list does not name F7 when F7 is not offered.
no_f7_text() {
	if [ -z "$(bar_cell 7)" ] && screen | sed -n 2,22p | grep -q "F7"; then
		fail "the screen names F7, which is not on the bar"
	fi
	return 0
}

# --- 1. The teacher's card, as the regional centre -----------------------
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
type_text "$name"
wait_for "Найдено: 1"
keys Enter
wait_for "Информационная справка: $name"
wait_for "[*Справка*]"
offered 4 "Правка"
not_offered 7 "the sheet"
not_offered 8 "the sheet"
refuses F7 "На справке нечего добавлять"
refuses F8 "Убрать можно курс"
# Shift-Tab goes back a tab: from the sheet round to «Просмотры».
keys BTab
wait_for "[*Просмотры*]"
wait_for "Кто смотрел результаты"
not_offered 4 "the views"
not_offered 7 "the views"
not_offered 8 "the views"
refuses F4 "Список просмотров ведёт сама программа"
refuses F7 "Список просмотров ведёт сама программа"
# Back again: the interviews, none yet.
keys BTab
wait_for "[*Собеседования*]"
wait_for "Собеседований по итогам КПК нет (F7 — провести)"
offered 7 "Новый"
not_offered 4 "no interview to edit"
not_offered 8 "interviews are not removed"
refuses F4 "Собеседований нет: изменять нечего"
refuses F8 "Собеседование из истории не убирают"
keys F7
wait_for "Новая запись: собеседование по итогам КПК"
keys Escape
wait_for "[*Собеседования*]"
# The diagnostics: the operator records one; the one the developer
# recorded is open to the regional centre, so F4 corrects it.
keys BTab
wait_for "[*Диагностика*]"
offered 7 "Новый"
offered 4 "Правка"
not_offered 8 "diagnostics are not removed"
refuses F8 "Диагностику из истории не убирают"
keys F4
wait_for "Диагностика"
wait_gone "[*Диагностика*]"
keys Escape
wait_for "[*Диагностика*]"
# The courses: F4 and F8 act on the course highlighted.
keys BTab
wait_for "[*Курсы ПК*]"
wait_for "Разговоры о важном"
offered 7 "Новый"
offered 4 "Правка"
offered 8 "Удалить"
keys F4
wait_for "Изменение: курс"
keys Escape
wait_for "[*Курсы ПК*]"
keys F8
wait_for "Убрать курс «Разговоры о важном"
keys Escape
wait_gone "Убрать курс"
expect_eq "$(sql "SELECT count(*) FROM course WHERE person_id = $pid AND archived = 1")" "0" "no course removed"
keys Tab
wait_for "[*Диагностика*]"
keys F10
wait_for "Найдено: 1"

# The school head on a teacher of his school: the final diagnostic is
# held at the school (§4.5.1), so F7 is there and opens on «итоговая».
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
keys Enter
wait_for "[*Справка*]"
keys Tab Tab
wait_for "[*Диагностика*]"
offered 7 "Новый"
keys F7
wait_for "Вид *                    итоговая"
keys F10
wait_for "[*Диагностика*]"
keys F10
wait_for "Найдено:"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# --- 2. A completed ИОМ, and a draft one ---------------------------------
sql "UPDATE iom SET status = 'completed', curator_id = $curp, completed_date = date('now')
     WHERE number = '$number2'"
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Индив"
keys Enter
wait_for "Индивидуальные образовательные маршруты"
type_text "000002"
wait_for "$number2"
wait_gone "$number "
keys Enter
wait_for "Карта ИОМ $number2"
wait_for "Статус: завершён"
not_offered 4 "a completed card"
not_offered 5 "a completed card's curator"
not_offered 7 "the card tab"
refuses F4 "ИОМ завершён или отменён"
refuses F5 "куратора больше не меняют"
refuses F7 "Строку добавляют на вкладке"
keys Tab
wait_for "[*Дорожная карта*]"
wait_for "Дорожная карта пуста"
not_offered 7 "a completed roadmap"
not_offered 4 "an empty roadmap"
no_f7_text
refuses F7 "ИОМ завершён или отменён"
keys Tab
wait_for "[*Изменения*]"
not_offered 4 "the changes"
not_offered 7 "the changes"
refuses F4 "Изменения карты — её журнал"
keys Tab
wait_for "[*ИППР*]"
wait_for "Таблица ИППР пуста"
not_offered 7 "a completed ИППР"
no_f7_text
refuses F7 "ИОМ завершён или отменён"
keys BTab
wait_for "[*Изменения*]"
keys F10
wait_for "Индивидуальные образовательные маршруты"
# The draft: F7 on the roadmap and the ИППР table, not on the card or
# the changes; F4 on the card and on a roadmap row.
keys Escape
wait_for "Найдено: 2"
type_text "000001"
wait_for "Найдено: 1"
keys Enter
wait_for "Карта ИОМ $number"
offered 4 "Правка"
offered 5 "Куратор"
not_offered 7 "the card tab"
keys Tab
wait_for "[*Дорожная карта*]"
wait_for "Курс повышения квалификации"
offered 4 "Правка"
offered 7 "Строка"
keys Tab
wait_for "[*Изменения*]"
not_offered 4 "the changes"
not_offered 7 "the changes"
keys Tab
wait_for "[*ИППР*]"
wait_for "Таблица ИППР пуста. F7 — строка"
offered 7 "Строка"
keys F10
wait_for "Индивидуальные образовательные маршруты"
keys F10
wait_for "главное меню"

# --- 3. The archive view of the register ---------------------------------
sql "UPDATE person SET archived = 1 WHERE id = $other"
oname=$(sql "SELECT surname FROM person WHERE id = $other")
type_text "Педаг"
keys Enter
wait_for "Найдено:"
wait_line 1 "Педагоги"
offered 3 "Архив"
offered 7 "Новый"
offered 8 "В архив"
keys F3
wait_for "В архиве: 1"
wait_line 1 "Архив: педагоги"
wait_for "$oname"
offered 3 "Действ."
offered 8 "Вернуть"
not_offered 7 "the archive view"
refuses F7 "В архиве новых педагогов не добавляют"
keys F8
wait_for "Вернуть из архива"
keys Escape
wait_gone "Вернуть из архива"
# Esc: the search first, then the active list, then back.
type_text "Яяя"
wait_for "В архиве: 0"
not_offered 8 "nobody in the archive found"
refuses F8 "В архиве никого не найдено"
keys Escape
wait_for "В архиве: 1"
wait_line 1 "Архив: педагоги"
keys Escape
wait_for "Найдено:"
wait_line 1 "Педагоги"
screen | sed -n 1p | grep -q "Архив" && fail "the active list still says «Архив»"
offered 8 "В архив"
offered 7 "Новый"
offered 3 "Архив"
keys Escape
wait_for "главное меню"
expect_eq "$(sql "SELECT archived FROM person WHERE id = $other")" "1" "nothing returned from the archive"

# --- 4. Internship sites: the empty list ---------------------------------
type_text "Стажир"
keys Enter
wait_for "Площадок нет"
not_offered 3 "no site for an event"
not_offered 6 "no site to decide on"
no_f7_text
refuses F3 "Площадок нет: мероприятие добавляют к площадке"
refuses F6 "Площадок нет: решать не о чем"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM event WHERE internship_site_id IS NOT NULL")" "0" "no event added"
echo ok
