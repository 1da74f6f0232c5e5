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
# An edit of the card in its journal (the fixture writes the card directly;
# the program chains the row when it opens the file).
sql "INSERT INTO audit (at, login, action, tbl, record_id, field, before, after)
	VALUES ('2000-06-01 10:00:00', 'curator', 'update', 'iom', $card, 'goal', 'прежняя цель', 'новая цель')"
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
# A key acted on: the housekeeping is behind it.
keys F1
wait_for "Любая другая клавиша — закрыть справку"
expect_eq "$(sql "SELECT archived FROM iom WHERE id = $card")" "1" "the card past its keeping period archived"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'login_as'")" "1" "the login under another name journalled"
# Its journal's content is redacted with it (a year after completion,
# App.3 §4.5.4), the chain still whole.
[ "$(sql "SELECT count(*) FROM audit_chain c JOIN audit a ON a.id = c.audit_id WHERE c.redacted = 1
	AND a.tbl = 'iom' AND a.record_id = $card")" -gt 0 ] || fail "the card's journal rows redacted"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'iom' AND record_id = $card AND action <> 'archive'
	AND (before IS NOT NULL OR after IS NOT NULL)")" "0" "no content left in the card's journal rows"
"$BIN" -c "$CONF" --db "$DB" check >"$WORK/check" 2>&1 || { cat "$WORK/check"; fail "check after the redaction"; }
grep -qF "цепочка цела" "$WORK/check" || { cat "$WORK/check"; fail "the chain after the redaction"; }
keys Escape
wait_gone "Любая другая клавиша — закрыть справку"
# The journal says why the values are gone, in the list and in the whole
# entry (the card's edit was written last, so it is near the top).
type_text "журн"
keys Enter
wait_for "Все изменения, новые сверху"
wait_line 6 "01.06.2000 10:00 Соколова М.В. ИОМ "
wait_line 6 ": стёрто по сроку х"
keys Down Down
wait_line 6 ">01.06.2000"
keys Enter
wait_for "Было: стёрто по сроку хранения"
wait_for "Стало: стёрто по сроку хранения"
keys Escape
wait_gone "Было: стёрто по сроку хранения"
keys F10
wait_for "главное меню"
keys F10
wait_for "Выйти из программы"
keys д
wait_for "EXIT 0"
echo ok
