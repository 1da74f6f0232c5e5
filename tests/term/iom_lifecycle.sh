#!/bin/sh
# One ИОМ through its whole life, switching users with --as: the developer
# creates it from a diagnostic and sends it for review, the school head
# approves it, the teacher marks two activities, the curator records a
# result, confirms the changes and concludes. Then the database holds it all.
# Every move is guarded: the card needs its period, tasks and a roadmap for
# each deficit before review; approval asks the head and records his order;
# completion waits for every party's confirmation. «Today» is fixed so that
# the catalogue's events fall in the card's period.
. "$(dirname "$0")/harness"
MARSHRUT_TODAY=2026-10-01
export MARSHRUT_TODAY
demo_db
pid=$(sql "SELECT id FROM person WHERE surname = 'Петрова' AND name = 'Ольга' AND patronymic = 'Николаевна'")
dev=$(sql "SELECT id FROM app_user WHERE login = 'developer'")
# The entry diagnostic (recording one through the form is diagnostics.sh).
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level, author_id, recommendations)
     SELECT id, org_id, 'standardized', 'entry', '2026-09-28', 45, 'high', $dev, 'Функциональная грамотность'
     FROM person WHERE id = $pid;
     INSERT INTO diagnostic_deficit(diagnostic_id, deficit_code_id)
     SELECT (SELECT max(id) FROM diagnostic), id FROM deficit_code WHERE code IN ('М-3', 'К-2');
     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level)
     VALUES ((SELECT max(id) FROM diagnostic), 2, 40, 'high'), ((SELECT max(id) FROM diagnostic), 4, 50, 'medium');"
year=2026
number="ИОМ-$year-000001"

open_teacher_card() {
	wait_for "главное меню"
	keys Enter
	type_text "петрова ольга"
	wait_for "Петрова Ольга Николаевна"
	keys Enter
	wait_for "Информационная справка: Петрова Ольга Николаевна"
}
# 1. The developer creates the card from the diagnostic.
start "$BIN" -c "$CONF" --db "$DB" --as developer
open_teacher_card
keys Tab Tab
wait_for "высокий дефицит"
keys Enter
wait_for "Диагностика: Петрова Ольга Николаевна"
keys F7
wait_for "Модель ИОМ"
keys Enter
# The template: «Карта ИОМ» (the ИППР is tests/term/ippr.sh).
wait_for "Шаблон карты"
keys Enter
wait_for "Куратор (региональный методист"
# His present curator is proposed first.
wait_for "Соколова Марина Викторовна"
keys Enter
wait_for "Карта ИОМ $number"
wait_for "Статус: черновик"
wait_for "Куратор: Соколова Марина Викторовна"
wait_for "Срок разработки ИОМ: до"
# A blank draft goes nowhere: the move says what the card lacks.
keys F6
wait_for "направить на согласование"
keys Enter
wait_for "Нельзя направить на согласование"
wait_for "не указан срок реализации"
wait_for "не сформулированы задачи ИОМ"
wait_for "дорожная карта пуста"
wait_for "нет мероприятий дорожной карты для дефицитов: К-2, М-3"
keys Enter
wait_gone "Нельзя направить"
expect_eq "$(sql "SELECT status FROM iom")" "draft" "a blank draft stays a draft"
# Tasks and the period.
keys F4
wait_for "Изменение: ИОМ"
type_text "Освоить приёмы формирования функциональной грамотности"
keys Down
type_text "01.10.2026"
keys Down
type_text "01.05.2027"
keys F2
wait_for "Освоить приёмы формирования"
# Two activities proposed by the catalogue for М-3 and К-2.
keys Tab
wait_for "Дорожная карта пуста"
keys F7
wait_for "Новая строка дорожной карты"
keys Enter
wait_for "Каталог: сначала предложения по дефицитам"
keys Enter
wait_for "Мероприятие добавлено"
keys F7
wait_for "Новая строка дорожной карты"
keys Enter
wait_for "Каталог: сначала предложения по дефицитам"
keys Enter
wait_for "Мероприятие добавлено"
[ "$(sql "SELECT count(*) FROM iom_activity")" = 2 ] || fail "two roadmap rows"
# A third, then removed with F8 after a question (no approval yet: no log).
keys F7
wait_for "Новая строка дорожной карты"
keys Enter
wait_for "Каталог: сначала предложения по дефицитам"
keys Enter
wait_for "Мероприятие добавлено"
keys End
keys F8
wait_for "Убрать «"
wait_for "из дорожной карты?"
keys Enter
wait_gone "Подтверждение"
[ "$(sql "SELECT count(*) FROM iom_activity WHERE archived = 0")" = 3 ] || fail "Enter keeps the row"
keys F8
wait_for "из дорожной карты?"
keys l
wait_for "Строка убрана из дорожной карты"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE archived = 0")" "2" "F8 removed the row"
expect_eq "$(sql "SELECT count(*) FROM iom_change")" "0" "before approval a removal is no change to confirm"
keys F6
wait_for "направить на согласование"
keys Enter
wait_for "на согласовании"
keys F6
wait_for "оформить итоговую форму"
# Offered first: the move on along the road, not back to the draft.
keys Enter
wait_for "итоговая форма"
# The developer may not approve: that is the head's.
keys F6
wait_for "Из статуса «итоговая форма» вы не можете"
keys F10
wait_for "Диагностика:"
keys F10 F10 F10 F10 l
wait_for "EXIT 0"

# 2. The school head approves: a question, then the paper order.
start "$BIN" -c "$CONF" --db "$DB" --as school
open_iom
keys F6
wait_for "утвердить"
keys Enter
wait_for "Утвердить ИОМ $number"
keys Enter
wait_gone "Подтверждение"
expect_eq "$(sql "SELECT status FROM iom")" "final_form" "Enter is no approval"
keys F6
wait_for "утвердить"
keys Enter
wait_for "Утвердить ИОМ $number"
keys l
wait_for "Приказ об утверждении"
type_text "17-о"
keys Enter
wait_for "Дата приказа"
wait_for "01.10.2026"
keys Enter
wait_for "Статус: утверждён"
wait_for "утверждён приказом № 17-о от 01.10.2026"
keys F10 F10 F10 l
wait_for "EXIT 0"

# 3. The curator starts the implementation; a row added and removed after
# approval are changes the others confirm.
start "$BIN" -c "$CONF" --db "$DB" --as curator
open_iom
keys F6
wait_for "начать реализацию"
keys Enter
wait_for "Статус: реализуется"
keys Tab
wait_for "Направление"
keys F7
wait_for "Новая строка дорожной карты"
keys Enter
wait_for "Каталог: сначала предложения по дефицитам"
keys Enter
wait_for "Мероприятие добавлено"
keys End
keys F8
wait_for "из утверждённой дорожной карты?"
keys l
wait_for "Строка убрана из дорожной карты"
keys Tab Tab Tab
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM iom_change WHERE tbl = 'iom_activity' AND after IS NULL AND before IS NOT NULL")" \
	"1" "the removal after approval is a logged change"

# 4. The teacher marks two activities (only the mark fields are open).
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
keys Enter
wait_for "$number"
keys Enter
wait_for "Карта ИОМ $number"
# F4 on the card is his own self-analysis (§4.5.2), not the card's fields.
keys F4
wait_for "Самоанализ: что удалось"
keys Escape
wait_gone "Самоанализ: что удалось"
keys Tab
wait_for "Направление"
for row in 1 2; do
	[ $row = 2 ] && keys Down
	keys Enter
	wait_for "Изменение: мероприятие ИОМ"
	# The form opens on «Отметка о выполнении» (the 10th field, row 10).
	wait_line 11 "Отметка о выполнении"
	expect_eq "$($T display -p -t t '#{cursor_y}')" 10 "the form opens on the mark"
	keys Enter
	wait_for "не выполнено"
	keys Enter
	# «выполнено» leads on to «Результат».
	wait_line 11 "Отметка о выполнении     выполнено"
	expect_eq "$($T display -p -t t '#{cursor_y}')" 12 "the mark leads on to the result"
	type_text "Применила на уроках в 7 классе ($row)"
	# The reporting form (001 §4.6) from its list: «открытый урок».
	keys Down Enter
	wait_for "мастерская учителя"
	keys Down Enter
	wait_for "Форма представления      открытый урок"
	keys F2
	wait_for "Сохранено"
done
wait_for "выполнено"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE done = 1 AND result LIKE 'Применила на уроках%'")" "2" "teacher's marks"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE result_form = 'open_lesson' AND result LIKE 'Применила на уроках%'")" "2" "the reporting form chosen"
expect_eq "$(sql "SELECT count(*) FROM iom_change WHERE curator_confirmed_at IS NULL")" "6" "marks and reporting forms await confirmation"
expect_eq "$(sql "SELECT count(*) FROM iom_change WHERE head_confirmed_at IS NULL")" "8" "the row added and removed too"

# 5. The final diagnostic; the curator compares, confirms, concludes.
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level, author_id)
     SELECT id, org_id, 'standardized', 'final', '2026-10-01', 80, 'low', $dev FROM person WHERE id = $pid;
     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level)
     VALUES ((SELECT max(id) FROM diagnostic), 2, 75, 'medium'), ((SELECT max(id) FROM diagnostic), 4, 85, 'low'),
            ((SELECT max(id) FROM diagnostic), 1, 60, 'medium');"
start "$BIN" -c "$CONF" --db "$DB" --as curator
open_iom
wait_for "Изменения ждут подтверждения"
keys F3
wait_for "Итоговая диагностика"
wait_for "итоговая"
keys Enter
wait_for "Итоговая диагностика выбрана"
# The comparison follows the card's findings: a page down.
keys NPage
wait_for "Сравнение входной"
wait_for "Методические       ████░░░░░░  40% → ████████░░  75%  +35"
wait_for "Коммуникативные    █████░░░░░  50% → █████████░  85%  +35"
# A block the entry diagnostic never assessed is named so, not drawn as 0 %.
wait_for "во входной диагностике не оценивался"
# F2 shows what is signed (field, was, became), then asks.
keys F2
wait_for "Ждут вашего подтверждения"
wait_for "Отметка о выполнении: — → выполнено"
keys Enter
wait_for "Подтвердить все показанные изменения (6)?"
keys l
wait_for "Подтверждено изменений: 6"
keys F4
wait_for "Изменение: ИОМ"
# «Выводы куратора» is the 9th field (the 8th, the self-analysis, is the teacher's: read-only here).
keys Down Down Down Down Down Down Down Down
type_text "Дефициты М-3 и К-2 преодолены; рекомендована трансляция опыта"
keys F2
wait_for "Сохранено"
# Completion waits for the head's and the teacher's confirmations.
keys F6
wait_for "завершить"
keys Enter
wait_for "Нельзя завершить"
wait_for "не подтверждены изменения карты после утверждения"
keys Enter
wait_gone "Нельзя завершить"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT status FROM iom")" "in_progress" "not completed while changes await"
start "$BIN" -c "$CONF" --db "$DB" --as school
open_iom
keys F2
wait_for "Ждут вашего подтверждения"
keys Enter
# The marks, the row added and the row removed; the final diagnostic and the
# curator's conclusions conclude the route and are no change to sign.
wait_for "Подтвердить все показанные изменения (8)?"
keys l
wait_for "Подтверждено изменений: 8"
# The head (his school not set to see results) reads how each block moved,
# never a percentage.
keys NPage
wait_for "Сравнение входной и итоговой диагностики (проценты конфиденциальны)"
wait_for "дефицит снизился"
screen | grep -q "[0-9]%" && fail "the head's comparison shows a percentage"
keys F10 F10 F10 l
wait_for "EXIT 0"
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
keys Enter
wait_for "$number"
keys Enter
wait_for "Карта ИОМ $number"
keys F2
wait_for "Ждут вашего подтверждения"
keys Enter
wait_for "Подтвердить все показанные изменения"
keys l
wait_for "Подтверждено изменений:"
keys F10 F10 F10 l
wait_for "EXIT 0"
start "$BIN" -c "$CONF" --db "$DB" --as curator
open_iom
keys F6
wait_for "завершить"
keys Enter
# The status on the tab line (the card stays scrolled where it was).
wait_for "]  завершён"
keys PageDown
wait_for "Итог: успешное завершение"
keys F10 F10 F10 l
wait_for "EXIT 0"

row=$(sql "SELECT number, status, outcome, completed_date IS NOT NULL, approved_date IS NOT NULL,
	   review_sent_date IS NOT NULL, conclusions LIKE 'Дефициты М-3%' FROM iom")
expect_eq "$row" "$number|completed|success|1|1|1|1" "the completed card"
expect_eq "$(sql "SELECT count(*) FROM iom_change WHERE curator_confirmed_at IS NULL")" "0" "curator confirmed his"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'iom' AND action = 'status' AND field = 'status'")" "5" "five moves audited"

# The printed card holds what was entered along the way.
"$BIN" -c "$CONF" --db "$DB" --as curator export card "$number" > "$WORK/card.txt" || fail "export card"
for text in "$number" "Петрова Ольга Николаевна" "Освоить приёмы формирования" \
	    "Применила на уроках в 7 классе (1)" "Применила на уроках в 7 классе (2)" \
	    "Дефициты М-3 и К-2" "успешное завершение" "Соколова Марина Викторовна" \
	    "приказом № 17-о от 01.10.2026"; do
	grep -qF -- "$text" "$WORK/card.txt" || { cat "$WORK/card.txt"; fail "the printed card lacks: $text"; }
done
echo ok
