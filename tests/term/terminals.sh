#!/bin/sh
# The same walk on every terminal type users have (xterm, xterm-256color,
# screen, tmux, linux, vt100; vt100 has no colour and no F-keys beyond F4,
# so Esc+digit is used throughout), then: nothing is written while idle.
. "$(dirname "$0")/harness"
demo_db
for term in xterm xterm-256color screen tmux linux vt100; do
	infocmp "$term" >/dev/null 2>&1 || fail "no terminfo entry for $term"
	TERM_UNDER_TEST=$term start "$BIN" -c "$CONF" --db "$DB" --as school
	wait_for "главное меню"
	keys Enter
	wait_for "Найдено:"
	keys Escape 0
	wait_for "главное меню"
	keys Escape 0 l
	wait_for "EXIT 0"

done

# Paging by key through the whole register (tmux's own keys for Home/End).
first=$(sql "SELECT surname || ' ' || name FROM person p WHERE archived = 0 ORDER BY surname_key, id LIMIT 1")
last=$(sql "SELECT surname || ' ' || name FROM person p WHERE archived = 0 ORDER BY surname_key DESC, id DESC LIMIT 1")
row40=$(sql "SELECT surname || ' ' || name FROM person p WHERE archived = 0 ORDER BY surname_key, id LIMIT 1 OFFSET 39")
TERM_UNDER_TEST=tmux start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
keys Enter
wait_for "$first"
keys End
wait_for "$last"
keys Home
wait_for "$first"
# Two pages down (the list shows 18 rows; each PgDn moves one page).
keys PageDown PageDown PageDown
wait_for "$row40"
keys Up PageUp PageUp PageUp PageUp
wait_for "$first"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# Over SSH the locale is often unset or POSIX: the program switches its
# character type to C.UTF-8 itself, and Cyrillic still reads right.
start env -u LANG LC_ALL=POSIX "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
wait_for "Фёдорова Ирина Владимировна"
keys Enter
wait_for "Найдено:"
type_text "ёж"
wait_for "Поиск: ёж"
keys Escape 0
wait_for "главное меню"
keys Escape 0 l
wait_for "EXIT 0"

# Idle: after the screen settles, not one byte reaches the terminal while
# the program waits for a key (it sleeps in the read; nothing is polled).
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
$T pipe-pane -t t -o "cat > $WORK/out.bin"
sleep 4
size=$(stat -c %s "$WORK/out.bin")
expect_eq "$size" "0" "bytes written while idle"
# Another user's commit is noticed at the next key and redrawn.
sql "UPDATE person SET position = 'завуч' WHERE id = (SELECT id FROM person WHERE org_id =
	(SELECT id FROM organisation WHERE code = 'OO001') ORDER BY surname_key, id LIMIT 1)"
keys Down
wait_for "завуч"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
