#!/bin/sh
# Keys whatever TERM says: the raw bytes PuTTY, rxvt, the linux console,
# xterm and vt100 send for F1..F10, Home and End, under TERM xterm,
# xterm-256color, putty, linux, screen and vt100, each checked by what the
# screen does (help opened, a form saved in the database, the list moved).
# Then the numeric keypad in application mode stays digits, Esc loses no
# key that follows it (at 0, 200, 400 and 800 ms), Esc and a digit within
# the window is the F-key, and the mouse on the key bar and in a pick list.
. "$(dirname "$0")/harness"
demo_db

# raw BYTES: the bytes as the terminal sends them (printf escapes).
raw() {
	$T send-keys -t t -H $(printf "$1" | od -An -tx1)
}

# help_by BYTES: the bytes open the help (F1), a key closes it.
help_by() {
	raw "$1"
	wait_for "Любая другая клавиша — закрыть справку"
	keys Space
	wait_gone "Любая другая клавиша — закрыть справку"
}

first=$(sql "SELECT surname || ' ' || name FROM person WHERE archived = 0 ORDER BY surname_key, id LIMIT 1")
last=$(sql "SELECT surname || ' ' || name FROM person WHERE archived = 0 ORDER BY surname_key DESC, id DESC LIMIT 1")
first_id=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY surname_key, id LIMIT 1")

for term in xterm xterm-256color putty linux screen vt100; do
	infocmp "$term" >/dev/null 2>&1 || fail "no terminfo entry for $term (package ncurses-term)"
	TERM_UNDER_TEST=$term start "$BIN" -c "$CONF" --db "$DB" --as admin
	wait_for "главное меню"
	# The program really runs under this TERM.
	pid=$(pid_of_program)
	[ -n "$pid" ] || fail "no program process"
	tr '\0' '\n' <"/proc/$pid/environ" | grep -qx "TERM=$term" || fail "the program does not see TERM=$term"
	keys Enter
	wait_for "Найдено: 600"
	wait_for "$first"

	# F1: PuTTY/rxvt, the linux console, xterm.
	help_by '\033[11~'
	help_by '\033[[A'
	help_by '\033OP'

	# End and Home in every variant.
	for pair in '\033[4~ \033[1~' '\033[F \033[H' '\033OF \033OH' '\033[8~ \033[7~'; do
		set -- $pair
		raw "$1"
		wait_for "$last"
		wait_gone "$first"
		raw "$2"
		wait_for "$first"
		wait_gone "$last"
	done

	# F3 (the archive and back), F5, F6 (filters), F7 (a new form),
	# F8 (archive? — no).
	for f3 in '\033[13~' '\033[[C' '\033OR'; do
		raw "$f3"
		wait_for "В архиве: 0"
		raw "$f3"
		wait_for "Найдено: 600"
	done
	for f5 in '\033[15~' '\033[[E'; do
		raw "$f5"
		wait_for "Выбор организации"
		keys Escape
		wait_gone "Выбор организации"
	done
	raw '\033[17~'
	wait_for "Предмет (часть названия"
	keys Escape
	wait_gone "Предмет (часть названия"
	raw '\033[18~'
	wait_for "Новая запись: педагог"
	raw '\033[21~'
	wait_for "Найдено: 600"
	raw '\033[19~'
	wait_for "Перенести в архив"
	keys Escape
	wait_gone "Перенести в архив"

	# F4 opens the first teacher's form, F2 saves it: each family.
	n=0
	for pair in '\033[14~ \033[12~' '\033[[D \033[[B' '\033OS \033OQ'; do
		set -- $pair
		n=$((n + 1))
		raw "$1"
		wait_for "Изменение: педагог"
		# Должность is the 8th field.
		keys Down Down Down Down Down Down Down C-u
		type_text "проверка $term $n"
		wait_for "проверка $term $n"
		raw "$2"
		wait_sql "SELECT position FROM person WHERE id = $first_id" "проверка $term $n"
		wait_gone "Изменение: педагог"
	done

	if [ "$term" = vt100 ]; then
		# vt100's own F5..F10 (ESC O t..x, ESC O l).
		raw '\033Ot'
		wait_for "Выбор организации"
		keys Escape
		wait_gone "Выбор организации"
		raw '\033Ou'
		wait_for "Предмет (часть названия"
		keys Escape
		wait_gone "Предмет (часть названия"
		raw '\033Ov'
		wait_for "Новая запись: педагог"
		raw '\033Ox'
		wait_for "Найдено: 600"
		raw '\033Ol'
		wait_for "Перенести в архив"
		keys Escape
		wait_gone "Перенести в архив"
		raw '\033Ox'
	else
		# The numeric keypad in application mode: digits and signs,
		# typed into the search (xterm calls some KEY_A1, KEY_B2...).
		raw '\033Op\033Oq\033Or\033Os\033Ot\033Ou\033Ov\033Ow\033Ox\033Oy'
		wait_for "Поиск: 0123456789"
		raw '\033On\033Ok\033Om\033Oj'
		wait_for "Поиск: 0123456789.+-*"
		# Keypad / is «/», the search prompt of this screen.
		raw '\033Oo'
		wait_for "Поиск по фамилии"
		keys Escape
		wait_gone "Поиск по фамилии"
		keys Escape
		wait_gone "Поиск: 0123456789"
		raw '\033[21~'
	fi
	wait_for "главное меню"

	# F9 (PuTTY's ESC[20~; vt100's ESC O w, which elsewhere is keypad 7):
	# the monitoring's report, as the regional centre.
	TERM_UNDER_TEST=$term start "$BIN" -c "$CONF" --db "$DB" --as regional
	wait_for "главное меню"
	type_text "Мониторинг"
	keys Enter
	wait_for "Показателей:"
	f9s='\033[20~'
	[ "$term" = vt100 ] && f9s="$f9s \\033Ow"
	for f9 in $f9s; do
		raw "$f9"
		wait_for "Отчётная таблица"
		keys Escape
		wait_gone "Отчётная таблица"
	done
done
expect_eq "$(sql "SELECT count(*) FROM person WHERE archived = 1")" "0" "nobody archived by the Esc answers"

# Esc then letters: nothing is lost. «Бел», Esc (clears the search, the
# screen's rule), then «Ков» after a pause: the search reads «Ков».
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
keys Enter
wait_for "Найдено: 600"
for gap in 0 0.2 0.4 0.8; do
	type_text "Бел"
	wait_for "Поиск: Бел"
	keys Escape
	[ "$gap" = 0 ] || sleep "$gap"   # the input under test: a pause between keys
	type_text "Ков"
	wait_for "Поиск: Ков"
	screen | grep -qF "БелКов" && fail "Esc lost at a $gap s gap"
	keys BSpace BSpace BSpace
	wait_for "Поиск: (начните"
done
# Ctrl-U clears a typed search at once, as in a form.
type_text "Бел"
wait_for "Поиск: Бел"
keys C-u
wait_for "Поиск: (начните"
# Esc then a digit within the window is the F-key; after it, a digit.
keys Escape
sleep 0.2
type_text "1"
wait_for "Любая другая клавиша — закрыть справку"
keys Space
wait_gone "Любая другая клавиша — закрыть справку"
type_text "Бел"
wait_for "Поиск: Бел"
keys Escape
sleep 0.8
type_text "1"
wait_for "Поиск: 1"
# Alt+digit as one chord.
keys M-1
wait_for "Любая другая клавиша — закрыть справку"
keys Space
wait_gone "Любая другая клавиша — закрыть справку"
keys BSpace
wait_for "Поиск: (начните"

# The mouse (xterm's SGR reports): a click on the key bar's «1Помощь» is
# F1; in a pick list a click selects, a double click picks.
printf '\033[<0;3;24M\033[<0;3;24m' >"$WORK/click"
$T send-keys -t t -H $(od -An -tx1 <"$WORK/click")
wait_for "Любая другая клавиша — закрыть справку"
keys Space
wait_gone "Любая другая клавиша — закрыть справку"
keys F2
wait_for "все категории"
# The cursor on the selected item (the first), and the wheel moves it.
top=$(screen | grep -nE "(│|x)все категории" | head -1 | cut -d: -f1)
[ -n "$top" ] || fail "no «все категории» in the pick list"
cursor_at() {
	local i=0
	until [ "$($T display -p -t t '#{cursor_y}')" = "$1" ]; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "cursor at $($T display -p -t t '#{cursor_y}'), not $1 ($2)"
		sleep 0.05
	done
}
cursor_at $((top - 1)) "the first item"
raw "\033[<65;40;${top}M"
cursor_at "$top" "the wheel down"
raw "\033[<64;40;${top}M"
cursor_at $((top - 1)) "the wheel up"
row=$(screen | grep -nE "(│|x)высшая" | head -1 | cut -d: -f1)
[ -n "$row" ] || fail "no «высшая» in the pick list"
col=$(screen | sed -n "${row}p" | sed 's/высшая.*//' | wc -m)
raw "\033[<0;$col;${row}M\033[<0;$col;${row}m"
# The cursor is parked on the selected item (screen readers follow it).
cursor_at $((row - 1)) "the clicked item"
screen | grep -qF "Категория: высшая" && fail "a single click picked"
raw "\033[<0;$col;${row}M\033[<0;$col;${row}m\033[<0;$col;${row}M\033[<0;$col;${row}m"
wait_for "Категория: высшая"
wait_gone "все категории"

# With escape_window = 0: Esc acts at once and a digit after it is a digit;
# Alt+digit is still the F-key. With mouse = false a click does nothing.
sed -e 's/^escape_window = .*/escape_window = 0/' -e 's/^mouse = .*/mouse = false/' "$CONF" >"$WORK/nowin.conf"
grep -qx "escape_window = 0" "$WORK/nowin.conf" || fail "no escape_window in the shipped configuration"
grep -qx "mouse = false" "$WORK/nowin.conf" || fail "no mouse in the shipped configuration"
for f in calendar.conf codifier.conf selfcheck.conf indicators.conf; do
	ln -s "$TOP/conf/$f" "$WORK/$f"
done
start "$BIN" -c "$WORK/nowin.conf" --db "$DB" --as admin
wait_for "главное меню"
keys Enter
wait_for "Найдено: 600"
type_text "Бел"
wait_for "Поиск: Бел"
keys Escape
wait_for "Поиск: (начните"
sleep 0.2
type_text "1"
wait_for "Поиск: 1"
keys M-1
wait_for "Любая другая клавиша — закрыть справку"
keys Space
wait_gone "Любая другая клавиша — закрыть справку"
$T send-keys -t t -H $(od -An -tx1 <"$WORK/click")
type_text "2"
wait_for "Поиск: 12"
screen | grep -qF "закрыть справку" && fail "a click with mouse = false"

# A window out of range is refused with the line and a Russian message.
sed 's/^escape_window = .*/escape_window = 5000/' "$CONF" >"$WORK/bad.conf"
"$BIN" -c "$WORK/bad.conf" --db "$DB" --as admin >"$WORK/out" 2>&1 && fail "escape_window = 5000 accepted"
grep -qF "escape_window: нужно число миллисекунд от 0 до 3000, а не 5000" "$WORK/out" ||
	fail "no message for escape_window = 5000: $(cat "$WORK/out")"
echo ok
