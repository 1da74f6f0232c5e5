#!/bin/sh
# A diagnostic recorded by the developer (the operator) with per-block
# results and deficit codes; then who sees what: the teacher and his
# curator see the results, the school head only the recommendations (the
# codes are results too). First the link drops in the middle of the form:
# the next start offers it back with every value typed.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT id FROM person WHERE surname = 'Петрова' AND name = 'Ольга' AND patronymic = 'Николаевна'")
start "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
type_text "петрова ольга"
wait_for "Петрова Ольга Николаевна"
keys Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys Tab Tab
wait_for "Диагностик нет"
keys F7
wait_for "Новая диагностика: Петрова Ольга Николаевна"
# A label fits its column: a long block name gives way to its short name.
wait_for "Псих.-пед. затруднения"
wait_for "Методические % средн.ур."
screen | grep -qF "Психолого-п…" && fail "a block label cut"
keys Down Down Down
type_text "Литература (оборвалось)"
wait_for "Литература (оборвалось)"
kill -HUP "$(pid_of_program)"
wait_for "EXIT"
expect_eq "$(sql "SELECT count(*) FROM diagnostic WHERE person_id = $pid")" 0 "nothing half-typed stored"
start "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "Удалить черновик"
wait_for "Новая диагностика: Петрова"
keys Enter
wait_for "Форма восстановлена из черновика"
wait_for "Литература (оборвалось)"
# Closed on purpose: the draft goes, and the form starts afresh.
keys F10
wait_for "Есть несохранённые изменения"
type_text "д"
wait_for "главное меню"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" 0 "a closed restored form leaves no draft"
keys Enter
wait_for "Найдено:"
type_text "петрова ольга"
wait_for "Петрова Ольга Николаевна"
keys Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys Tab Tab
wait_for "Диагностик нет"
keys F7
wait_for "Новая диагностика: Петрова Ольга Николаевна"
# Форма and Вид from their lists (Enter opens, Enter takes the first; the
# cursor stays on the field picked, Down goes on).
keys Down Enter
wait_for "стандартизированная процедура"
keys Enter
wait_for "Форма *                  стандартизированная процедура"
keys Down Enter
wait_for "входная в рамках ДПП"
keys Enter
wait_for "Вид *                    входная"
# A pick leaves the cursor on «Вид» (field 2): from there to the first
# block's «% общий» (field 11).
keys Down Down Down Down Down Down Down Down Down
type_text "45"
for v in 50 79 80 100; do
	keys Down Down Down Down Down
	type_text "$v"
done
keys PageDown
wait_for "Коды дефицитов"
keys Up
type_text "м-1, ПП-2, Ж-9"
keys Down
type_text "Курс по методике преподавания; посещение уроков ведущих учителей"
keys F2
wait_for "нет кода «Ж-9» в кодификаторе"
keys C-u
type_text "М-1, пп-2"
keys F2
wait_for "Диагностика сохранена"
wait_for "средний дефицит"
keys Enter
wait_for "Общий процент освоения: 71 % — средний дефицит"
wait_for "высокий дефицит"
wait_for "М-1 — Владение методикой преподавания предмета"
keys F10 F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT pct_overall, level, form, kind FROM diagnostic WHERE person_id = $pid")" "71|medium|standardized|entry" "diagnostic stored"
expect_eq "$(sql "SELECT group_concat(level, ',') FROM (SELECT b.level FROM diagnostic_block b JOIN diagnostic d ON d.id = b.diagnostic_id WHERE d.person_id = $pid ORDER BY b.block_id)")" "high,medium,medium,low,low" "levels by the thresholds"

# The school head: the findings the card carries — the deficit codes with
# their wordings and the recommendations — and no results anywhere: neither
# the levels nor the per-block % nor the difficulties (issue 12's rule).
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
keys Enter
type_text "петрова ольга"
wait_for "Петрова Ольга Николаевна"
keys Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys Tab Tab
wait_for "конфиденциально"
screen | grep -qF "дефицит" && screen | grep -qF "средний" && fail "the school sees the level"
keys Enter
wait_for "Результаты по блокам конфиденциальны"
wait_for "М-1 — Владение методикой преподавания предмета"
wait_for "Курс по методике"
s=$(screen)
echo "$s" | grep -qE "Общий процент|71|45 |высокий дефицит|средний дефицит" && fail "the school sees results"
keys F4
wait_for "результаты диагностики вносит региональный оператор"
keys F10 F10 F10 F10 l
wait_for "EXIT 0"

# The teacher sees his own results; so does his curator.
for who in teacher curator; do
	start "$BIN" -c "$CONF" --db "$DB" --as $who
	wait_for "главное меню"
	if [ $who = teacher ]; then type_text "Моя"; keys Enter; else keys Enter; type_text "петрова ольга"; wait_for "Петрова Ольга"; keys Enter; fi
	wait_for "Информационная справка: Петрова Ольга Николаевна"
	keys Tab Tab
	wait_for "средний дефицит"
	keys Enter
	wait_for "Общий процент освоения: 71 %"
	# Back to the home menu (the curator came through the register), then out.
	if [ $who = teacher ]; then keys F10 F10; else keys F10 F10 F10; fi
	wait_for "главное меню"
	keys F10 l
	wait_for "EXIT 0"
done

# The administrator browses the audit log: he sees that the diagnostic was
# recorded, by whom and when, but its results only as «конфиденциально».
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
type_text "журн"
keys Enter
wait_for "Все изменения, новые сверху"
keys F4
wait_for "Выбор педагога"
type_text "петрова ольга"
wait_for "Петрова Ольга"
keys Enter
wait_for "Отбор: педагог"
wait_for "диагностика Петрова"
wait_for "% освоения: конфиденциа"
s=$(screen)
echo "$s" | grep -qE "М-1|ПП-2|: 45|: 71|medium|high" && fail "the audit shows results to the admin"
keys F10 F10 l
wait_for "EXIT 0"
echo ok
