#!/bin/sh
# The Omsk templates: a row of the ИППР table on a card, the interview
# after a course on the teacher's sheet; and the card saved for printing
# from its screen into the user's home folder.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT person_id FROM app_user WHERE login = 'teacher'")
devp=$(sql "SELECT person_id FROM app_user WHERE login = 'developer'")
sql "INSERT INTO iom(number, model, person_id, org_id, status, developer_id, developed_date)
     SELECT 'ИОМ-2026-000077', 2, id, org_id, 'draft', $devp, date('now') FROM person WHERE id = $pid"
start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "главное меню"
type_text "Индив"
keys Enter
wait_for "ИОМ-2026-000077"
keys Enter
wait_for "Карта ИОМ ИОМ-2026-000077"
keys Tab Tab Tab
wait_for "Таблица ИППР пуста"
keys F7
wait_for "Новая запись: строка ИППР"
keys Down Enter
wait_for "Управление информацией (управленцы)"
keys Down Enter
wait_for "Компетенция *            Методические (педагоги)"
# The pick leaves the cursor on Компетенция: Down to the tasks.
keys Down
type_text "Освоить технологию смыслового чтения"
keys Down
type_text "А/01.6 Общепедагогическая функция. Обучение"
keys Down Down
type_text "Проведу серию уроков с заданиями на смысловое чтение"
keys Down
type_text "Рост читательской грамотности класса"
keys Down
type_text "декабрь 2026"
keys F2
wait_for "Сохранено"
wait_for "Проведу серию уроков"
# The card saved for printing, from its screen.
keys F9
wait_for "Сохранить карту для печати"
keys Enter
wait_for "Карта сохранена: $WORK/ИОМ-2026-000077.html"
grep -qF "ИОМ-2026-000077" "$WORK/ИОМ-2026-000077.html" || fail "the printed card lacks its number"
keys F9
wait_for "Сохранить карту для печати"
keys Enter
wait_for "файл уже существует"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT b.code, i.deadline FROM ippr_row i JOIN competency_block b ON b.id = i.block_id")" "metod|декабрь 2026" "the ИППР row"

# An interview recorded before, with levels per competency, reopened by
# the regional centre (who sees results): the levels are in the list and
# in the form, and a changed level is saved with the interview's version.
sql "INSERT INTO course_interview(person_id, course_title, interview_date, stage_setting)
     VALUES ($pid, 'Функциональная грамотность школьников', '2026-11-20', 'Цель курса понятна');
     INSERT INTO course_interview_level(interview_id, block_id, level_now, level_planned)
     VALUES ((SELECT max(id) FROM course_interview), 2, 'by_model', 'translation');"
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
keys Enter
type_text "петрова ольга"
wait_for "Петрова Ольга Николаевна"
keys Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys Tab Tab Tab
wait_for "Метод.: применение по образцу"
keys F4
wait_for "Собеседование по итогам КПК"
wait_for "Функциональная грамотность школьников"
wait_for "Цель курса понятна"
# Down to «Метод.: сейчас» (course, date, five stages, Предм. ×2).
keys Down Down Down Down Down Down Down Down Down
wait_for "Этап «Проектировочный» — обсуждаемые вопросы:"
keys Enter
wait_for "Метод.: сейчас"
keys Down Enter
keys F2
wait_for "Сохранено"
wait_for "Метод.: творческая деятельность"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT c.version, l.level_now, l.level_planned FROM course_interview c
		  JOIN course_interview_level l ON l.interview_id = c.id WHERE c.person_id = $pid")" \
	"2|creative|translation" "the interview"
echo ok
