#!/bin/sh
# One ИОМ through its whole life, switching users with --as: the developer
# creates it from a diagnostic and sends it for review, the school head
# approves it, the teacher marks two activities, the curator records a
# result, confirms the changes and concludes. Then the database holds it all.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT id FROM person WHERE surname = 'Петрова' AND name = 'Ольга' AND patronymic = 'Николаевна'")
dev=$(sql "SELECT id FROM app_user WHERE login = 'developer'")
# The entry diagnostic (recording one through the form is diagnostics.sh).
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level, author_id, recommendations)
     SELECT id, org_id, 'standardized', 'entry', date('now', '-3 days'), 45, 'high', $dev, 'Функциональная грамотность'
     FROM person WHERE id = $pid;
     INSERT INTO diagnostic_deficit(diagnostic_id, deficit_code_id)
     SELECT (SELECT max(id) FROM diagnostic), id FROM deficit_code WHERE code IN ('М-3', 'К-2');
     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level)
     VALUES ((SELECT max(id) FROM diagnostic), 2, 40, 'high'), ((SELECT max(id) FROM diagnostic), 4, 50, 'medium');"
year=$(date +%Y)
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
# Tasks and the period.
keys F4
wait_for "Изменение: ИОМ"
type_text "Освоить приёмы формирования функциональной грамотности"
keys Down
type_text "$(date +01.%m.%Y)"
keys Down
type_text "$(date -d '+7 months' +01.%m.%Y)"
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
keys F6
wait_for "направить на согласование"
keys Enter
wait_for "на согласовании"
keys F6
wait_for "оформить итоговую форму"
keys Down Enter
wait_for "итоговая форма"
# The developer may not approve: that is the head's.
keys F6
wait_for "Из статуса «итоговая форма» вы не можете"
keys F10
wait_for "Диагностика:"
keys F10 F10 F10 F10 l
wait_for "EXIT 0"

# 2. The school head approves.
start "$BIN" -c "$CONF" --db "$DB" --as school
open_iom
keys F6
wait_for "утвердить"
keys Enter
wait_for "Статус: утверждён"
keys F10 F10 F10 l
wait_for "EXIT 0"

# 3. The curator starts the implementation.
start "$BIN" -c "$CONF" --db "$DB" --as curator
open_iom
keys F6
wait_for "начать реализацию"
keys Enter
wait_for "Статус: реализуется"
keys F10 F10 F10 l
wait_for "EXIT 0"

# 4. The teacher marks two activities (only the mark fields are open).
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
keys Enter
wait_for "$number"
keys Enter
wait_for "Карта ИОМ $number"
keys F4
wait_for "карту ИОМ изменяют разработчик, куратор и региональный центр"
keys Tab
wait_for "Направление"
for row in 1 2; do
	[ $row = 2 ] && keys Down
	keys Enter
	wait_for "Изменение: мероприятие ИОМ"
	# «Отметка о выполнении» is the 10th field.
	keys Down Down Down Down Down Down Down Down Down Enter
	wait_for "не выполнено"
	keys Enter
	# The pick leaves the cursor on the mark: two down to «Результат».
	keys Down Down
	type_text "Применила на уроках в 7 классе ($row)"
	keys F2
	wait_for "Сохранено"
done
wait_for "выполнено"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE done = 1 AND result LIKE 'Применила на уроках%'")" "2" "teacher's marks"
expect_eq "$(sql "SELECT count(*) FROM iom_change WHERE curator_confirmed_at IS NULL")" "4" "marks await confirmation"

# 5. The final diagnostic; the curator compares, confirms, concludes.
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level, author_id)
     SELECT id, org_id, 'standardized', 'final', date('now'), 80, 'low', $dev FROM person WHERE id = $pid;
     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level)
     VALUES ((SELECT max(id) FROM diagnostic), 2, 75, 'medium'), ((SELECT max(id) FROM diagnostic), 4, 85, 'low');"
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
keys F2
wait_for "Подтверждено изменений: 4"
keys F4
wait_for "Изменение: ИОМ"
# «Выводы куратора» is the 9th field.
keys Down Down Down Down Down Down Down Down
type_text "Дефициты М-3 и К-2 преодолены; рекомендована трансляция опыта"
keys F2
wait_for "Сохранено"
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
	    "Дефициты М-3 и К-2" "успешное завершение" "Соколова Марина Викторовна"; do
	grep -qF -- "$text" "$WORK/card.txt" || { cat "$WORK/card.txt"; fail "the printed card lacks: $text"; }
done
echo ok
