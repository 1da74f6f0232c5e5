#!/bin/sh
# The Omsk ИППР (000) from the interface: the developer creates a card of
# the ИППР template from a diagnostic and fills a row of its table; the
# school head interviews the teacher after a course, picking the course
# from the teacher's course history, sees each stage's guiding questions
# and sets the levels of mastery per competency (the link drops before
# the save: the draft is offered back and saved); the database keeps them,
# the list and the print show them as the disclosure rule allows, and
# `export card` prints the Omsk table under the seed's title.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT person_id FROM app_user WHERE login = 'teacher'")
dev=$(sql "SELECT id FROM app_user WHERE login = 'developer'")
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level, author_id)
     SELECT id, org_id, 'standardized', 'entry', date('now', '-3 days'), 45, 'high', $dev FROM person WHERE id = $pid;
     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level)
     VALUES ((SELECT max(id) FROM diagnostic), 2, 40, 'high');
     INSERT INTO course(person_id, title, hours, provider, start_date, end_date)
     VALUES ($pid, 'Функциональная грамотность школьников', 36, 'ИРООО', date('now', '-40 days'), date('now', '-30 days')),
            ($pid, 'Цифровая образовательная среда', 16, 'ИРООО', date('now', '-12 days'), date('now', '-10 days'));"
course=$(sql "SELECT id FROM course WHERE person_id = $pid AND title = 'Функциональная грамотность школьников'")

open_teacher_card() {
	wait_for "главное меню"
	keys Enter
	type_text "петрова ольга"
	wait_for "Петрова Ольга Николаевна"
	keys Enter
	wait_for "Информационная справка: Петрова Ольга Николаевна"
}

# 1. The developer creates an ИППР card after a course (model 2).
start "$BIN" -c "$CONF" --db "$DB" --as developer
open_teacher_card
keys Tab Tab
wait_for "высокий дефицит"
keys Enter
wait_for "Диагностика: Петрова Ольга Николаевна"
keys F7
wait_for "Модель ИОМ"
keys Down Enter
wait_for "Шаблон карты"
wait_for "ИППР — программа профессионального развития педагога (Омск)"
keys Down Enter
wait_for "Куратор ("
keys Enter
wait_for "Статус: черновик"
wait_for "Шаблон: ИППР (Омск)"
number=$(sql "SELECT number FROM iom WHERE person_id = $pid ORDER BY id DESC LIMIT 1")
expect_eq "$(sql "SELECT template, model FROM iom WHERE number = '$number'")" "ippr|2" "the card's template"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'iom' AND field = 'template' AND after = 'ippr'")" "1" \
	"the template choice is logged"
# A row of the ИППР table.
keys Tab Tab Tab
wait_for "Таблица ИППР пуста"
keys F7
wait_for "Новая запись: строка ИППР"
keys Down Enter
wait_for "Предметные (педагоги)"
keys Enter
wait_for "Компетенция *            Предметные (педагоги)"
keys Down
type_text "Освоить задания на функциональную грамотность"
keys Down
type_text "А/01.6 Общепедагогическая функция. Обучение"
keys Down
type_text "Структура заданий PISA"
keys Down
type_text "Серия уроков с заданиями PISA"
keys Down
type_text "Рост читательской грамотности"
keys Down
type_text "май 2027"
keys F2
wait_for "Сохранено"
wait_for "Серия уроков с заданиями P"
keys F10 F10 F10 F10 F10 l
wait_for "EXIT 0"

# 2. The school head interviews the teacher after the course.
start "$BIN" -c "$CONF" --db "$DB" --as school
open_teacher_card
keys Tab Tab Tab
wait_for "Собеседований по итогам КПК нет"
keys F7
wait_for "Новая запись: собеседование по итогам КПК"
wait_for "Обсуждаемые вопросы этапа — здесь"
# The course from the teacher's history, the newest first.
keys Enter
wait_for "Курс из истории курсов педагога"
wait_for "Цифровая образовательная среда"
wait_for "Разговоры о важном"
keys Down Enter
wait_for "Функциональная грамотность школьников ("
keys Down
# The date is today's; each stage shows its questions from conf/interview.conf.
keys Down
wait_for "Этап «Установочный» — обсуждаемые вопросы:"
wait_for "Тема КПК, её актуальность для педагога"
type_text "Дефициты по заявке: функциональная грамотность"
keys Down
wait_for "Этап «Рефлексивный» — обсуждаемые вопросы:"
wait_for "Что изменилось? В чём приращение?"
type_text "Теперь понимаю структуру заданий"
keys Down
wait_for "Этап «Мотивационный»"
keys Down
wait_for "Этап «Проектировочный»"
wait_for "Какие задачи планируете решать в течение ближайших трёх лет?"
keys Down
wait_for "Этап «Прогностический»"
wait_for "Способы решения возможных проблем?"
keys Down
# The levels per competency: the design stage's questions stay in view.
wait_for "На каком уровне освоения находитесь сейчас"
keys Enter
wait_for "осмысленное воспроизведение"
keys Down Down Enter
wait_for "применение по образцу"
keys Down Enter
wait_for "трансляция опыта"
keys Down Down Down Down Enter
wait_for "Предм.: план             трансляция опыта"
# The link drops before F2: nothing is stored, the form is kept as a draft.
kill -HUP "$(pid_of_program)"
wait_for "EXIT"
expect_eq "$(sql "SELECT count(*) FROM course_interview")" "0" "nothing half-typed is stored"
expect_eq "$(sql "SELECT count(*) FROM form_draft WHERE screen = 'interview'")" "1" "the interview's draft"
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "Удалить черновик"
keys Enter
wait_for "Форма восстановлена из черновика"
wait_for "Функциональная грамотность школьников ("
wait_for "Предм.: сейчас           применение по образцу"
keys F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" "0" "a saved form's draft is discarded"
# The levels are results: the head of a school not set to see them gets them masked.
open_teacher_card
keys Tab Tab Tab
wait_for "  Функциональная грамотн"
wait_for "конфиденциально"
keys F10 F10 F10 l
wait_for "EXIT 0"

expect_eq "$(sql "SELECT course_id, iom_id = (SELECT id FROM iom WHERE number = '$number'), stage_setting, stage_reflective
		  FROM course_interview WHERE person_id = $pid")" \
	"$course|1|Дефициты по заявке: функциональная грамотность|Теперь понимаю структуру заданий" "the interview"
expect_eq "$(sql "SELECT b.code, l.level_now, l.level_planned FROM course_interview_level l
		  JOIN competency_block b ON b.id = l.block_id")" "predmet|by_model|translation" "the levels per competency"
# The journal keeps the level under the interview, masked for the head.
expect_eq "$(sql "SELECT after FROM audit WHERE tbl = 'course_interview' AND field = 'level_now'")" \
	"Предметные: by_model" "the level in the journal"

# 3. The print: the Omsk table under the seed's title, the levels for the developer.
out="$WORK/ippr.txt"
"$BIN" -c "$CONF" --db "$DB" --as developer export card "$number" --format txt -o - >"$out" || fail "export card failed"
for t in "Программа профессионального развития педагога в межкурсовой период" \
	 "1. Предметные" "Ведущие задачи по развитию профессиональной компетентности: Освоить задания" \
	 "ТФ*: А/01.6" "Необходимые знания и умения: Структура заданий PISA" \
	 "Что предполагается для этого сделать: Серия уроков с заданиями PISA" \
	 "Ожидаемый результат: Рост читательской грамотности" "Срок реализации задач: май 2027" \
	 "2. Методические" "Курс (КПК): Функциональная грамотность школьников (" \
	 "Предметные: применение по образцу → трансляция опыта"; do
	grep -qF "$t" "$out" || { cat "$out"; fail "the print lacks «$t»"; }
done
grep -qF "КАРТА ИНДИВИДУАЛЬНОГО" "$out" && fail "the ИППР is printed as «Карта ИОМ»"
"$BIN" -c "$CONF" --db "$DB" --as school export card "$number" --format txt -o - >"$out" || fail "export as school failed"
grep -qF "Уровни освоения: сейчас → планируется: конфиденциально" "$out" || { cat "$out"; fail "the head's print shows the levels"; }
grep -qF "трансляция опыта" "$out" && fail "the head's print shows a level"
echo ok
