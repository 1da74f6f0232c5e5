#!/bin/sh
# The final diagnostic is held at the school (seed 004 App.3 §4.5.1): the
# school's responsible, its expert, records it for a teacher of his school
# — the form opens on «итоговая» — and sees what he recorded, while the
# entry diagnostic stays the regional operator's and confidential to him.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT id FROM person WHERE surname = 'Петрова' AND name = 'Ольга' AND patronymic = 'Николаевна'")
uid=$(sql "SELECT id FROM app_user WHERE login = 'school'")
expect_eq "$(sql "SELECT org_id FROM person WHERE id = $pid")" \
	"$(sql "SELECT org_id FROM user_role WHERE user_id = $uid AND role = 'school'")" "a teacher of his school"
entries=$(sql "SELECT count(*) FROM diagnostic WHERE person_id = $pid AND kind = 'entry'")
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
type_text "петрова ольга"
wait_for "Петрова Ольга Николаевна"
keys Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys Tab Tab
wait_for "7Новый"
keys F7
wait_for "Новая диагностика: Петрова Ольга Николаевна"
wait_for "Вид *                    итоговая"
keys Down Enter
wait_for "стандартизированная процедура"
keys Enter
wait_for "Форма *                  стандартизированная процедура"
# From «Форма» (field 1) to the first block's «% общий» (field 11).
keys Down Down Down Down Down Down Down Down Down Down
type_text "85"
for v in 70 60 90 95; do
	keys Down Down Down Down Down
	type_text "$v"
done
keys F2
wait_for "Диагностика сохранена"
expect_eq "$(sql "SELECT kind, pct_overall, level, author_id FROM diagnostic WHERE person_id = $pid AND kind = 'final'")" \
	"final|80|low|$uid" "the final diagnostic, recorded by the school"
# He sees what he recorded: the level in the list, the % on its card.
wait_for "итоговая"
wait_for "низкий дефицит"
keys Enter
wait_for "Общий процент освоения: 80 %"
wait_for "Предметные"
keys F4
wait_for "Диагностика: Петрова Ольга Николаевна"
keys F10
wait_for "Общий процент освоения: 80 %"
keys F10
wait_for "Информационная справка: Петрова Ольга Николаевна"
# Not an entry diagnostic: that is the regional operator's.
keys F7
wait_for "Новая диагностика: Петрова Ольга Николаевна"
keys Down Enter
wait_for "стандартизированная процедура"
keys Enter
keys Down Enter
wait_for "входная в рамках ДПП"
keys Enter
wait_for "Вид *                    входная"
keys F2
wait_for "школа — только итоговую"
expect_eq "$(screen | grep -c '^! Вид')" "1" "the refusal marked at «Вид»"
keys F10
wait_for "Есть несохранённые изменения"
type_text "д"
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM diagnostic WHERE person_id = $pid AND kind = 'entry'")" "$entries" "no entry diagnostic by the school"
echo ok
