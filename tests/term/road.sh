#!/bin/sh
# The whole road of one ИОМ as the four roles walk it (issue 15), counting
# keys: the developer creates the card from the diagnostic and sends it for
# review; the teacher, the head and the curator each propose a correction;
# the developer answers each and gives the card its final form; the head
# approves it (a question, the paper order); the curator starts it and
# keeps a note; the teacher marks the rows; the curator changes a row;
# curator, head and teacher each confirm the changes after seeing them; the
# teacher writes his self-analysis; the final diagnostic; the curator
# concludes. Then the database and the printed card hold it all, and the
# whole road took at most 150 keys: each sitting counted from the home menu
# (--as stands for the login) to leaving the program (Ctrl-Q, «д»); typed
# text is counted apart, in characters.
. "$(dirname "$0")/harness"
MARSHRUT_TODAY=2026-10-01
export MARSHRUT_TODAY

# Every key given to k is one press; every text given to t, its length in
# characters. The waits in between cost nothing.
nkeys=0
nchars=0
k() {
	nkeys=$((nkeys + $#))
	keys "$@"
}
t() {
	nchars=$((nchars + $(printf %s "$1" | LC_ALL=C.UTF-8 wc -m)))
	type_text "$1"
}
# Leaving the program: Ctrl-Q from whatever screen the sitting ended on,
# and «д» (Latin l) to «Выйти из программы?». Counted as every other key.
leave() {
	k C-q l
	wait_for "EXIT 0"
	step "leaves the program"
}
step() {
	echo "  $1: $((nkeys - mark_k)) keys, $((nchars - mark_c)) typed"
	mark_k=$nkeys
	mark_c=$nchars
}
mark_k=0
mark_c=0

demo_db
pid=$(sql "SELECT id FROM person WHERE surname = 'Петрова' AND name = 'Ольга' AND patronymic = 'Николаевна'")
dev=$(sql "SELECT id FROM app_user WHERE login = 'developer'")
# The entry diagnostic, handed to the developer (recording one through the
# form is diagnostics.sh): two deficits the roadmap must cover.
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level, author_id, recommendations)
     SELECT id, org_id, 'standardized', 'entry', '2026-09-28', 45, 'high', $dev, 'Функциональная грамотность'
     FROM person WHERE id = $pid;
     INSERT INTO diagnostic_deficit(diagnostic_id, deficit_code_id)
     SELECT (SELECT max(id) FROM diagnostic), id FROM deficit_code WHERE code IN ('М-3', 'К-2');
     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level)
     VALUES ((SELECT max(id) FROM diagnostic), 2, 40, 'high'), ((SELECT max(id) FROM diagnostic), 4, 50, 'medium');"
number="ИОМ-2026-000001"

# 1. The developer: from the diagnostic to a card sent for review.
start "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "главное меню"
k 1 Enter
wait_for "Найдено:"
t "петрова ольга"
wait_for "Найдено: 1"
k Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
k Tab Tab
wait_for "высокий дефицит"
k Enter
wait_for "Диагностика: Петрова Ольга Николаевна"
k F7
wait_for "Модель ИОМ"
k Enter
wait_for "Шаблон карты"
k Enter
wait_for "Соколова Марина Викторовна"
k Enter
wait_for "Карта ИОМ $number"
wait_for "Статус: черновик"
step "developer opens the diagnostic and creates the card"
k F4
wait_for "Изменение: ИОМ"
t "Освоить приёмы формирования функциональной грамотности"
k Down
t "01.10.2026"
k Down
t "01.05.2027"
k F2
wait_for "Освоить приёмы формирования"
step "developer fills tasks and period"
k Tab
wait_for "Дорожная карта пуста"
k F7
wait_for "Новая строка дорожной карты"
k Enter
wait_for "Каталог: сначала предложения по дефицитам"
k Enter
wait_for "Мероприятие добавлено"
k F7
wait_for "Новая строка дорожной карты"
k Enter
wait_for "Каталог: сначала предложения по дефицитам"
k Enter
# The first row's «Мероприятие добавлено» may still be on the status line:
# the second row is known added when the database holds it.
wait_sql "SELECT count(*) FROM iom_activity" "2"
step "developer adds two catalogue events (М-3, К-2)"
k F6
wait_for "направить на согласование"
k Enter
wait_for "на согласовании"
step "developer sends the card for review"
leave

# 2. The teacher, the head and the curator each propose a correction on
# the card's last tab, «Обсуждение» (BTab from the first).
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
k Enter
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k BTab
wait_for "[*Обсуждение*]"
k F7
wait_for "К чему предложение"
k Down Enter
wait_for "Строка дорожной карты"
k Enter
wait_for "Предложение по корректировке ИОМ"
t "Курс в октябре совпадает с ВПР: перенести на ноябрь"
k Enter
wait_for "Предложение внесено"
# Dated by the program's «today», as everything else on the card.
wait_for "01.10.2026   педагог Пет"
step "teacher proposes (about a roadmap row)"
leave

# The school head: about the card as a whole; he sees the teacher's.
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
k 2
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k BTab
wait_for "педагог Пет"
k F7
wait_for "К чему предложение"
k Enter
wait_for "Предложение по корректировке ИОМ"
t "Учесть нагрузку: 27 часов в неделю"
k Enter
wait_for "Предложение внесено"
step "head proposes (about the card)"
leave

# The curator: about the tasks.
start "$BIN" -c "$CONF" --db "$DB" --as curator
wait_for "главное меню"
k 2
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k BTab
wait_for "Учесть нагрузку"
k F7
wait_for "К чему предложение"
k Down Down Enter
wait_for "Предложение по корректировке ИОМ"
t "Добавить задачу по формирующему оцениванию"
k Enter
wait_for "Предложение внесено"
step "curator proposes (about the tasks)"
leave
expect_eq "$(sql "SELECT group_concat(party || ':' || stage || ':' || (activity_id IS NOT NULL) || ':' || coalesce(field, ''), ' ')
                  FROM (SELECT * FROM iom_proposal ORDER BY id)")" \
	"teacher:review:1: school:review:0: curator:review:0:tasks" "three proposals"

# 3. The developer answers each, makes the change the curator asked for,
# and gives the card its final form.
start "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "главное меню"
k 2
wait_for "$number"
k Enter
# The card opens where his answers are awaited.
wait_for "[*Обсуждение*]"
wait_for "Предложений без ответа: 3"
wait_for "Учесть нагрузку"
k Enter
wait_for "Принять"
k Enter
wait_for "Что изменено"
t "Сроки курса согласованы с ВПР"
k Enter
wait_for "Без ответа: 2"
k Enter
wait_for "Отклонить"
k j
wait_for "Причина отказа"
t "Нагрузка учтена в сроках"
k Enter
wait_for "Без ответа: 1"
k Enter
wait_for "Принять"
k Enter
wait_for "Что изменено"
t "Задача добавлена"
k Enter
wait_for "Без ответа: 0"
step "developer answers the three proposals"
k Tab F4
wait_for "Изменение: ИОМ"
t "; применять формирующее оценивание"
k F2
wait_for "формирующее оценивание"
step "developer adds the task the curator asked for"
k F6
wait_for "оформить итоговую форму"
# Offered first: the move on along the road, not back to the draft.
k Enter
wait_for "итоговая форма"
step "developer gives the final form"
leave
expect_eq "$(sql "SELECT group_concat(party || '=' || answer, ' ') FROM (SELECT * FROM iom_proposal ORDER BY id)")" \
	"teacher=accepted school=declined curator=accepted" "the answers"

# 4. The school head approves: a question, then the paper order.
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
k 2
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k F6
wait_for "утвердить"
k Enter
wait_for "Утвердить ИОМ $number"
k l
wait_for "Приказ об утверждении"
t "17-о"
k Enter
wait_for "Дата приказа"
wait_for "01.10.2026"
k Enter
wait_for "Статус: утверждён"
wait_for "утверждён приказом № 17-о от 01.10.2026"
step "head approves with the order"
leave

# 5. The curator starts the implementation and keeps a note.
start "$BIN" -c "$CONF" --db "$DB" --as curator
wait_for "главное меню"
k 2
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k F6
wait_for "начать реализацию"
k Enter
wait_for "Статус: реализуется"
step "curator starts the implementation"
k BTab
wait_for "[*Обсуждение*]"
k F7
wait_for "Заметка куратора"
k Enter
wait_for "Дата (ДД.ММ.ГГГГ)"
k Enter
wait_for "консультация"
t "Разобрали план открытого урока"
k Enter
wait_for "Заметка сохранена"
step "curator keeps a note"
leave

# 6. The teacher marks both rows done from the form that opens on the mark.
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
k Enter
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
wait_for "консультация"
k Tab
wait_for "Направление"
k Enter
wait_for "Изменение: мероприятие ИОМ"
k Enter
wait_for "не выполнено"
# «выполнено» leads on to «Результат».
k Enter
t "Применила приёмы на уроках в 7 классе"
k F2
wait_for "Сохранено"
k Down Enter
wait_for "Изменение: мероприятие ИОМ"
k Enter
wait_for "не выполнено"
k Enter F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT count(*) FROM iom_activity WHERE done = 1")" "2" "teacher's marks"
step "teacher marks both rows"
leave

# 7. The curator changes a row, then confirms the teacher's marks after
# seeing them.
start "$BIN" -c "$CONF" --db "$DB" --as curator
wait_for "главное меню"
k 2
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k Tab
wait_for "Направление"
k Down Enter
wait_for "Изменение: мероприятие ИОМ"
# The event began before the card: the curator moves its start to the
# card's (the sixth field; Ctrl-U clears it).
k Down Down Down Down Down Down C-u
t "01.10.2026"
k F2
wait_for "01.10.2026–20.0"
step "curator changes a row"
k F2
wait_for "Ждут вашего подтверждения"
wait_for "Отметка о выполнении: — → выполнено"
k Enter
wait_for "Подтвердить все показанные изменения (3)?"
k l
wait_for "Подтверждено изменений: 3"
step "curator confirms the teacher's marks"
leave

# 8. The head confirms the four changes after seeing them.
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
k 2
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k F2
wait_for "Ждут вашего подтверждения"
wait_for "24.09.2026 → 01.10.2026"
k Enter
wait_for "Подтвердить все показанные изменения (4)?"
k l
wait_for "Подтверждено изменений: 4"
step "head confirms the changes"
leave

# 9. The teacher confirms the curator's change and writes his self-analysis.
start "$BIN" -c "$CONF" --db "$DB" --as teacher
wait_for "главное меню"
k Enter
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k F2
wait_for "Ждут вашего подтверждения"
wait_for "24.09.2026 → 01.10.2026"
k Enter
wait_for "Подтвердить все показанные изменения"
k l
wait_for "Подтверждено изменений:"
step "teacher confirms the change"
k F4
wait_for "Самоанализ: что удалось"
t "Освоила приёмы формирующего оценивания; работу с родителями продолжу"
k Enter
wait_for "Самоанализ сохранён"
step "teacher writes his self-analysis"
leave

# 10. The final diagnostic (recorded through the form in diagnostics.sh),
# dated today; the curator picks it, compares, and concludes.
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level, author_id)
     SELECT id, org_id, 'standardized', 'final', '2026-10-01', 80, 'low', $dev FROM person WHERE id = $pid;
     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level)
     VALUES ((SELECT max(id) FROM diagnostic), 2, 75, 'medium'), ((SELECT max(id) FROM diagnostic), 4, 85, 'low');"
start "$BIN" -c "$CONF" --db "$DB" --as curator
wait_for "главное меню"
k 2
wait_for "$number"
k Enter
wait_for "Карта ИОМ $number"
k F3
wait_for "Итоговая диагностика"
k Enter
wait_for "Итоговая диагностика выбрана"
step "curator picks the final diagnostic"
k F6
wait_for "завершить"
k Enter
wait_for "]  завершён"
step "curator completes the card"
leave

# The database holds the whole road.
row=$(sql "SELECT status, outcome, developed_date, review_sent_date, corrected_date, approved_date,
	   approval_order_no, approval_order_date, completed_date, tasks LIKE '%формирующее оценивание',
	   start_date, end_date, self_analysis LIKE 'Освоила приёмы%',
	   final_diagnostic_id = (SELECT max(id) FROM diagnostic WHERE kind = 'final') FROM iom")
expect_eq "$row" "completed|success|2026-10-01|2026-10-01|2026-10-01|2026-10-01|17-о|2026-10-01|2026-10-01|1|2026-10-01|2027-05-01|1|1" \
	"the completed card"
expect_eq "$(sql "SELECT group_concat(party || '=' || answer || ':' || coalesce(answer_text, ''), ' | ')
                  FROM (SELECT * FROM iom_proposal ORDER BY id)")" \
	"teacher=accepted:Сроки курса согласованы с ВПР | school=declined:Нагрузка учтена в сроках | curator=accepted:Задача добавлена" \
	"every proposal answered"
expect_eq "$(sql "SELECT kind || ':' || note_date || ':' || text FROM iom_note")" \
	"consultation:2026-10-01:Разобрали план открытого урока" "the curator's note"
expect_eq "$(sql "SELECT done || ':' || coalesce(result, '') FROM iom_activity WHERE archived = 0 ORDER BY id")" \
	"1:Применила приёмы на уроках в 7 классе
1:" "both rows marked"
# The curator's change of the row, confirmed by all three (his own part on
# making it), and so every other change.
expect_eq "$(sql "SELECT before || '→' || after || ':' || (curator_confirmed_at IS NOT NULL)
                  || (head_confirmed_at IS NOT NULL) || (teacher_confirmed_at IS NOT NULL)
                  FROM iom_change WHERE tbl = 'iom_activity' AND field = 'start_date'")" \
	"2026-09-24→2026-10-01:111" "the curator's change confirmed by all three"
expect_eq "$(sql "SELECT count(*) FROM iom_change WHERE curator_confirmed_at IS NULL OR head_confirmed_at IS NULL
                  OR teacher_confirmed_at IS NULL")" "0" "no change awaits a confirmation"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'iom' AND action = 'status' AND field = 'status'")" \
	"5" "five moves audited"

# The printed card holds what was entered along the way.
"$BIN" -c "$CONF" --db "$DB" --as curator export card "$number" >"$WORK/card.txt" 2>&1 ||
	fail "export card: $(cat "$WORK/card.txt")"
for text in "$number" "Петрова Ольга Николаевна" "Соколова Марина Викторовна" \
	    "применять формирующее" "Сроки проведения: 01.10.2026–20.05.2027" \
	    "Результат: Применила приёмы на уроках в 7 классе" \
	    "консультация (Соколова Марина Викторовна): Разобрали план открытого" \
	    "Самоанализ педагога: Освоила приёмы формирующего оценивания" \
	    "Дата диагностики: 01.10.2026" "Итог: успешное завершение" \
	    "ИОМ утверждён: приказом № 17-о от 01.10.2026" "ИОМ завершён: 01.10.2026"; do
	grep -qF -- "$text" "$WORK/card.txt" || { cat "$WORK/card.txt"; fail "the printed card lacks: $text"; }
done

echo "road: $nkeys keys (every key but typed text, the 12 sittings' exits included), $nchars typed characters"
[ "$nkeys" -le 150 ] || fail "the road took $nkeys keys, more than 150"
echo ok
