#!/bin/sh
# The roadmap's catalogue picker finds events by the words of their titles
# (issue 16): the developer of a draft card, F7 «Из каталога», types words
# in any order and case, «е» for «ё»; the list narrows page by page from
# the database, the chosen row's title shows whole beneath it, Esc clears
# the search and then leaves with the card unchanged; Enter on a found
# event puts it in the roadmap.
. "$(dirname "$0")/harness"
demo_db
card_fixture
card=$(sql "SELECT id FROM iom WHERE number = '$number'")
contest=$(sql "SELECT id FROM event WHERE title = 'Конкурс методических разработок «Цифровой урок»'")
[ -n "$contest" ] || fail "the demo catalogue has no «Цифровой урок» contest"

start "$BIN" -c "$CONF" --db "$DB" --as developer
open_iom
keys Tab
wait_for "[*Дорожная карта*]"
wait_for "Курс повышения квалификации"

picker() {
	keys F7
	wait_for "Новая строка дорожной карты"
	keys Enter
	wait_for "Каталог: сначала предложения по дефицитам"
	wait_for "Поиск: _   Enter — выбрать, Esc — отмена"
	wait_for "Школа молодого педагога"
}
# The selected row: the cursor on it, and its line holds TEXT.
on_row() {
	local y line
	y=$($T display -p -t t '#{cursor_y}')
	line=$(screen | sed -n "$((y + 1))p")
	case "$line" in
	*">"*"$1"*) ;;
	*) fail "the cursor (line $((y + 1)): $line) is not on the selected row «$1»" ;;
	esac
}

picker
# Two words, the second a beginning: the titles with a word starting with
# each («урока», «Цифровая»; «урок», «Цифровой»), nothing else.
type_text "урок цифр"
wait_for "Поиск: урок цифр_   Enter — выбрать, Esc — сбросить поиск"
wait_for "Конкурс методических раз"
wait_for "Цифровая образовательная"
wait_gone "Школа молодого педагога"
wait_gone "Открытые уроки"
expect_eq "$(screen | grep -c '^   x[> ][1-5]\. .*[0-9][0-9]\.[0-9][0-9]\.20[0-9][0-9]')" "2" "two events found"
# The period whole at 80 columns, and the chosen title whole beneath.
wait_for "18.01.2027–29.01.2027"
wait_for "1. Знания: Цифровая образовательная среда: ресурсы и платформы для"
on_row "1. Знания   Цифровая образовательная"
# A third word narrows to one.
type_text "овой"
wait_for "Поиск: урок цифровой_"
wait_gone "Цифровая образовательная"
wait_for "3. Свой опыт: Конкурс методических разработок «Цифровой урок»"
on_row "Конкурс методических раз"
# A word no title has: a clear message; Esc clears the search, Esc leaves.
type_text "ж"
wait_for "Нет мероприятий, в названии которых есть эти слова"
keys Escape
wait_for "Поиск: _   Enter — выбрать, Esc — отмена"
wait_for "Школа молодого педагога"
keys Escape
wait_gone "Каталог: сначала предложения"
wait_for "[*Дорожная карта*]"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE iom_id = $card")" "1" "nothing added after Esc"

# «ё» typed as «е», in capitals.
picker
type_text "ПРИЕМЫ"
wait_for "Поиск: ПРИЕМЫ_"
wait_gone "Школа молодого педагога"
wait_for "Семинар «Мотивация учебн"
expect_eq "$(screen | grep -c '^   x[> ][1-5]\. .*[0-9][0-9]\.[0-9][0-9]\.20[0-9][0-9]')" "1" "one event with «приёмы»"
keys Escape
wait_for "Школа молодого педагога"
keys Escape
wait_gone "Каталог: сначала предложения"

# The words in the other order; Enter takes the one found.
picker
type_text "цифровой урок"
wait_for "Поиск: цифровой урок_"
wait_for "3. Свой опыт: Конкурс методических разработок «Цифровой урок»"
wait_gone "Школа молодого педагога"
keys Enter
wait_for "Мероприятие добавлено"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE iom_id = $card AND event_id = $contest
                  AND activity = 'Конкурс методических разработок «Цифровой урок»'")" "1" "the contest in the roadmap"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE iom_id = $card")" "2" "one row added"
# The event in the roadmap is offered no more.
picker
type_text "цифровой урок"
wait_for "Поиск: цифровой урок_"
wait_for "Нет мероприятий, в названии которых есть эти слова"
keys Escape Escape
wait_gone "Каталог: сначала предложения"
keys C-q l
wait_for "EXIT 0"
echo ok
