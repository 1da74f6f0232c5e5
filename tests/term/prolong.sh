#!/bin/sh
# Prolongation (004 App.3 §4.5.3): the curator prolongs a card in progress
# after its final diagnostic; a continuation card starts, linked to the
# first, and each names the other.
. "$(dirname "$0")/harness"
demo_db
card_fixture
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level, author_id)
     SELECT id, org_id, 'standardized', 'final', date('now', '-1 day'), 70, 'medium', $devu
     FROM person WHERE id = $pid;
     UPDATE iom SET status = 'in_progress', approved_date = date('now'), review_sent_date = date('now'),
            final_diagnostic_id = (SELECT max(id) FROM diagnostic) WHERE number = '$number';"
final=$(sql "SELECT max(id) FROM diagnostic")
number3="ИОМ-$year-000003"
end=$(date -d '+8 months' +%d.%m.%Y)

start "$BIN" -c "$CONF" --db "$DB" --as curator
open_iom
wait_for "Статус: реализуется"
keys F6
wait_for "пролонгировать"
keys Down Enter
wait_for "Продолжение ИОМ: дата окончания"
type_text "$end"
keys Enter
wait_for "пролонгирован: продолжение — $number3"
wait_for "Статус: пролонгирован"
wait_for "Пролонгирован: продолжение — ИОМ $number3"
keys F10 F10 F10 l
wait_for "EXIT 0"

row=$(sql "SELECT c.status, c.prolonged_from_id = f.id, c.entry_diagnostic_id, c.curator_id, c.start_date = date('now'),
           c.tasks = f.tasks, f.outcome FROM iom c JOIN iom f ON f.number = '$number' WHERE c.number = '$number3'")
expect_eq "$row" "draft|1|$final|$curp|1|1|prolongation" "the continuation card"
"$BIN" -c "$CONF" --db "$DB" --as curator export card "$number3" > "$WORK/card.txt" || fail "export card"
grep -qF "Продолжение ИОМ (пролонгация): $number" "$WORK/card.txt" || { cat "$WORK/card.txt"; fail "the continuation's print names the first"; }
echo ok
