#!/bin/sh
# Review and implementation between the moves (004 App.3 §4.3.6–4.3.7,
# §4.4.5–4.4.6, §5.11): while the card is in review the teacher, the head
# and the curator each propose a correction on the «Обсуждение» tab and see
# each other's; the developer answers each (two accepted, one declined with
# a reason) and the card then has none open. Once it is in progress the
# curator keeps a note the teacher reads, and a change of the end date is
# confirmed by the head and by the teacher one by one, each seeing the
# field, the old and the new value.
. "$(dirname "$0")/harness"
demo_db
card_fixture
sql "UPDATE iom SET status = 'review', review_sent_date = date('now') WHERE number = '$number'"

# Back on the card's last tab: «Обсуждение».
to_discussion() {
	keys BTab
	wait_for "[*Обсуждение*]"
}

# 1. The teacher: about the roadmap row.
start "$BIN" -c "$CONF" --db "$DB" --as teacher
open_iom
to_discussion
wait_for "Предложений и заметок нет. F7 — добавить"
keys F7
wait_for "К чему предложение"
keys Down Enter
wait_for "Строка дорожной карты"
keys Enter
wait_for "Предложение по корректировке ИОМ"
type_text "Перенести курс на весну: осенью выпускные классы"
keys Enter
wait_for "Предложение внесено"
wait_for "ждёт ответа"
keys F10 F10 F10 l
wait_for "EXIT 0"

# 2. The school head: about the card as a whole; he sees the teacher's.
start "$BIN" -c "$CONF" --db "$DB" --as school
open_iom
to_discussion
wait_for "Перенести курс на весну"
keys F7
wait_for "К чему предложение"
keys Enter
type_text "Учесть нагрузку: 27 часов в неделю"
keys Enter
wait_for "Предложение внесено"
keys F10 F10 F10 l
wait_for "EXIT 0"

# 3. The curator: about the tasks.
start "$BIN" -c "$CONF" --db "$DB" --as curator
open_iom
to_discussion
keys F7
wait_for "К чему предложение"
keys Down Down Enter
type_text "Добавить задачу по формирующему оцениванию"
keys Enter
wait_for "Предложение внесено"
wait_for "Добавить задачу по формир"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT group_concat(party || ':' || stage || ':' || (activity_id IS NOT NULL) || ':' || coalesce(field, ''), ' ')
                  FROM (SELECT * FROM iom_proposal ORDER BY id)")" \
	"teacher:review:1: school:review:0: curator:review:0:tasks" "three proposals"

# 4. The developer sees three open, answers each.
start "$BIN" -c "$CONF" --db "$DB" --as developer
# The card opens on «Обсуждение», where his answers are awaited.
open_iom
wait_for "[*Обсуждение*]"
wait_for "Предложений без ответа: 3. Enter — прочитать и ответить"
wait_for "Учесть нагрузку"
keys Enter
wait_for "Принять"
keys Enter
wait_for "Что изменено"
type_text "Курс перенесён на март"
keys Enter
wait_for "Без ответа: 2"
# An answer takes the cursor on to the next proposal awaiting one.
keys Enter
wait_for "Отклонить"
keys j
wait_for "Причина отказа"
keys Enter
wait_for "Ответ не сохранён: Отклоняя предложение, укажите причину"
keys Enter
wait_for "Отклонить"
keys j
wait_for "Причина отказа"
type_text "Нагрузка учтена в сроках"
keys Enter
wait_for "Без ответа: 1"
keys Enter
wait_for "Принять"
keys Enter
wait_for "Что изменено"
keys Enter
wait_for "Без ответа: 0"
wait_for "отклонено: Нагруз"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT group_concat(party || '=' || answer, ' ') FROM (SELECT * FROM iom_proposal ORDER BY id)")" \
	"teacher=accepted school=declined curator=accepted" "the answers"

# 5. In progress: the curator's note, and a change of the end date that he
# made (signed for his part), awaiting the head and the teacher.
curu=$(sql "SELECT id FROM app_user WHERE login = 'curator'")
sql "UPDATE iom SET status = 'in_progress', approved_date = date('now') WHERE number = '$number';
     INSERT INTO iom_change (iom_id, user_id, tbl, record_id, field, before, after, curator_confirmed_at, curator_user_id)
     SELECT id, $curu, 'iom', id, 'end_date', end_date, '$((year + 1))-06-30', datetime('now'), $curu
     FROM iom WHERE number = '$number';
     UPDATE iom SET end_date = '$((year + 1))-06-30' WHERE number = '$number';"
start "$BIN" -c "$CONF" --db "$DB" --as curator
open_iom
to_discussion
keys F7
wait_for "Заметка куратора"
keys Enter
wait_for "Дата (ДД.ММ.ГГГГ)"
keys Enter
wait_for "консультация"
type_text "Разобрали план открытого урока"
keys Enter
wait_for "Заметка сохранена"
keys F10 F10 F10 l
wait_for "EXIT 0"

# The radar shows the head the card whose change awaits signatures, and
# opens it.
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Контроль"
keys Enter
wait_for "Просрочено или срок"
keys F6
wait_for "Вид сроков"
keys Down Down Down Down Down Down Down Down Down Down Down Enter
wait_for "ИОМ: подписи"
wait_for "осталось 5 д."
wait_for "$name"
keys Enter
wait_for "Карта ИОМ $number"
wait_for "ждёт подтверждения: руководитель ОО — 1 изм., с"
keys F10 F10 F10 l
wait_for "EXIT 0"

# 6. The head and the teacher each open the change and sign it.
for who in school teacher; do
	start "$BIN" -c "$CONF" --db "$DB" --as $who
	open_iom
	wait_for "Заметки куратора"
	wait_for "консультация"
	keys Tab Tab
	wait_for "[*Изменения*]"
	wait_for "Окончание: 31.05.$((year + 1)) → 30.06.$((year + 1))"
	keys Enter
	wait_for "Окончание. Было: 31.05.$((year + 1)). Стало: 30.06.$((year + 1))."
	wait_for "Подтвердить это изменение?"
	keys l
	wait_for "Изменение подтверждено"
	keys Tab Tab
	wait_for "[*Обсуждение*]"
	wait_for "Разобрали план открытого урока"
	wait_for "консультация"
	keys F10 F10 F10 l
	wait_for "EXIT 0"
done
expect_eq "$(sql "SELECT curator_confirmed_at IS NOT NULL, head_confirmed_at IS NOT NULL, teacher_confirmed_at IS NOT NULL
                  FROM iom_change")" "1|1|1" "signed by all three"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'iom_change' AND action = 'confirm'")" "2" "two signatures logged"
expect_eq "$(sql "SELECT kind || ':' || text FROM iom_note")" "consultation:Разобрали план открытого урока" "the note"
# The note is printed with the card, for the teacher and the head alike.
for who in teacher school; do
	"$BIN" -c "$CONF" --db "$DB" --as $who export card "$number" --format txt >"$WORK/card.txt" 2>&1 ||
		fail "export card as $who: $(cat "$WORK/card.txt")"
	grep -q "Промежуточные результаты и консультации куратора" "$WORK/card.txt" || fail "no notes section ($who)"
	grep -q "консультация (.*): Разобрали план" "$WORK/card.txt" || fail "the note is not printed ($who)"
done
echo ok
