#!/bin/sh
# What a login does besides showing the home screen waits for it, but is
# done before the first key acts: completed cards past their keeping
# period go to the archive (as the system's work), and a login under
# another name (--as) is journalled.
. "$(dirname "$0")/harness"
demo_db
card_fixture
card=$(sql "SELECT id FROM iom WHERE archived = 0 ORDER BY id LIMIT 1")
sql "UPDATE iom SET status = 'completed', completed_date = '2001-01-01' WHERE id = $card"
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
# A key acted on: the housekeeping is behind it.
keys F1
wait_for "Любая другая клавиша — закрыть справку"
expect_eq "$(sql "SELECT archived FROM iom WHERE id = $card")" "1" "the card past its keeping period archived"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'login_as'")" "1" "the login under another name journalled"
keys Escape
wait_gone "Любая другая клавиша — закрыть справку"
keys F10
wait_for "Выйти из программы"
keys д
wait_for "EXIT 0"
echo ok
