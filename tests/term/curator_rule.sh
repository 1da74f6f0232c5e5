#!/bin/sh
# The curator rule reads the diagnostic, not the viewer (seed 004 App.3
# §4.4.2): the developer, who may not see this teacher's results, is
# offered the same kind the regional centre is — for a medium deficit a
# lecturer of the institute whose profile matches the teacher's subject
# and weakest block, never himself — with the reason under the picker and
# no level or percentage on the screen; a diagnostic with no level gives a
# regional methodist, and says why. Whoever is the card's assigned curator,
# whatever his role, reaches it from his ИОМ list and keeps its notes.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT min(id) FROM organisation WHERE kind = 'school'")
inst=$(sql "SELECT min(id) FROM organisation WHERE kind = 'institute'")
dev=$(sql "SELECT person_id FROM app_user WHERE login = 'developer'")
sql "INSERT INTO person (surname, name, patronymic, surname_key, org_id, position, subjects)
     VALUES ('Кураторова', 'Вера', 'Ивановна', 'кураторова вера ивановна', $org, 'учитель', 'Математика');
     INSERT INTO person (surname, name, surname_key, org_id, position)
     VALUES ('Профильная', 'Анна', 'профильная анна', $inst, 'преподаватель');
     UPDATE person SET curator_profile = 'математика; методические' WHERE id = $dev;"
pid=$(sql "SELECT id FROM person WHERE surname = 'Кураторова'")
lect=$(sql "SELECT id FROM person WHERE surname = 'Профильная'")
sql "INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date, subject, pct_overall, level)
     VALUES ($pid, $org, 'standardized', 'entry', date('now', '-2 days'), 'Математика', 66, 'medium');
     INSERT INTO diagnostic_block (diagnostic_id, block_id, pct_overall, level)
     SELECT max(id), 1, 75, 'medium' FROM diagnostic;
     INSERT INTO diagnostic_block (diagnostic_id, block_id, pct_overall, level)
     SELECT max(id), 2, 55, 'medium' FROM diagnostic;"

# The lecturer's profile, typed in her person form (its last field).
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
type_text "профильная"
wait_for "Профильная Анна"
keys Enter
wait_for "Информационная справка: Профильная"
keys F4
wait_for "Изменение: педагог"
keys PageDown
wait_for "Профиль куратора"
keys Down Down Down Down Down
type_text "Математика, алгебра; методические, предметные"
keys F2
wait_for "Сохранено"
keys F10 F10 F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT curator_profile FROM person WHERE id = $lect")" \
	"Математика, алгебра; методические, предметные" "the profile kept"

open_diag() {
	start "$BIN" -c "$CONF" --db "$DB" --as "$1"
	wait_for "главное меню"
	keys Enter
	wait_for "Найдено:"
	type_text "кураторова"
	wait_for "Кураторова Вера Ивановна"
	keys Enter
	wait_for "Информационная справка: Кураторова"
	keys Tab Tab
	wait_for "входная"
	keys Enter
	wait_for "Диагностика: Кураторова Вера Ивановна"
}

for who in developer regional; do
	open_diag $who
	if [ $who = developer ]; then
		wait_for "Результаты по блокам конфиденциальны"
	else
		wait_for "средний дефицит"
	fi
	keys F7
	wait_for "Модель ИОМ"
	keys Enter
	wait_for "Шаблон карты"
	keys Enter
	wait_for "Куратор (преподаватель института"
	wait_line 23 "по диагностике от"
	wait_line 23 "профиль «Математика», блок «Методические»"
	s=$(screen)
	echo "$s" | grep -qF "Профильная Анна" || fail "$who: the lecturer of the profile not offered"
	if [ $who = developer ]; then
		echo "$s" | grep -qF "Григорьев" && fail "the developer offered as curator of his own card"
		echo "$s" | grep -qE "66|55|средн" && fail "the developer sees a level or a percentage"
	fi
	keys Escape
	wait_gone "Куратор ("
	keys F10 F10 F10 F10 l
	wait_for "EXIT 0"
done

# No level in the diagnostic: a regional methodist, and why.
sql "UPDATE diagnostic SET level = NULL, pct_overall = NULL WHERE person_id = $pid;
     DELETE FROM diagnostic_block WHERE diagnostic_id IN (SELECT id FROM diagnostic WHERE person_id = $pid);"
open_diag developer
keys F7
wait_for "Модель ИОМ"
keys Enter
wait_for "Шаблон карты"
keys Enter
wait_for "Куратор (региональный методист)"
wait_line 23 "уровень дефицитов в диагностике от"
wait_line 23 "не указан"
keys Enter
wait_for "Карта ИОМ"
expect_eq "$(sql "SELECT count(*) FROM iom WHERE person_id = $pid AND curator_id IS NOT NULL AND curator_id <> $dev")" "1" "a curator, not the developer"
keys F10 F10 F10 F10 F10 l
wait_for "EXIT 0"

# The assigned curator's rights come from the assignment, whatever his
# role: the lecturer, whose login has only the teacher's role, is made the
# card's curator; once it is approved she finds it in her ИОМ list, opens
# it and keeps a note. Unassigned, the list has it no more.
iom=$(sql "SELECT id FROM iom WHERE person_id = $pid")
sql "INSERT INTO app_user (login, full_name, person_id) VALUES ('lecturer', 'Профильная Анна', $lect);
     INSERT INTO user_role (user_id, role) SELECT id, 'teacher' FROM app_user WHERE login = 'lecturer';
     UPDATE iom SET curator_id = $lect, status = 'in_progress', start_date = date('now'),
            end_date = date('now', '+8 months') WHERE id = $iom;"
start "$BIN" -c "$CONF" --db "$DB" --as lecturer
wait_for "главное меню"
type_text "Индив"
keys Enter
wait_for "Индивидуальные образовательные маршруты"
wait_for "Кураторова Вера"
keys Enter
wait_for "Карта ИОМ"
wait_for "Куратор: Профильная Анна"
keys BTab
wait_for "[*Обсуждение*]"
keys F7
wait_for "Заметка куратора"
keys Enter
wait_for "Дата (ДД.ММ.ГГГГ)"
keys Enter
type_text "Первая консультация по плану"
keys Enter
wait_for "Заметка сохранена"
keys C-q
wait_for "Выйти из программы?"
type_text "l"
wait_for "EXIT 0"
expect_eq "$(sql "SELECT kind || ':' || text || ':' || (author_id = $lect) FROM iom_note WHERE iom_id = $iom")" \
	"consultation:Первая консультация по плану:1" "the assigned curator's note"
sql "UPDATE iom SET curator_id = $dev WHERE id = $iom"
expect_eq "$("$BIN" -c "$CONF" --db "$DB" --as lecturer route list 2>&1)" "" "unassigned, no card listed"
sql "UPDATE iom SET curator_id = $lect WHERE id = $iom"
"$BIN" -c "$CONF" --db "$DB" --as lecturer route list | grep -qF "Кураторова Вера" ||
	fail "route list as the assigned curator lacks the card"
# So does the head of the school's МО (a methodist of the teacher's school)
# by his tie, with only the teacher's role.
sql "INSERT INTO person (surname, name, surname_key, org_id, position)
     VALUES ('Методистова', 'Нина', 'методистова нина', $org, 'учитель');
     INSERT INTO app_user (login, full_name, person_id)
     SELECT 'mohead', 'Методистова Нина', id FROM person WHERE surname = 'Методистова';
     INSERT INTO user_role (user_id, role) SELECT id, 'teacher' FROM app_user WHERE login = 'mohead';"
"$BIN" -c "$CONF" --db "$DB" --as mohead route list | grep -qF "Кураторова Вера" &&
	fail "a teacher of the school who heads no МО lists the card"
sql "UPDATE person SET is_methodist = 1 WHERE surname = 'Методистова'"
"$BIN" -c "$CONF" --db "$DB" --as mohead route list | grep -qF "Кураторова Вера" ||
	fail "route list as the school's МО head lacks the card"
num=$(sql "SELECT number FROM iom WHERE id = $iom")
"$BIN" -c "$CONF" --db "$DB" --as mohead export card "$num" | grep -qF "Кураторова Вера" ||
	fail "the school's МО head cannot print the card he lists"
"$BIN" -c "$CONF" --db "$DB" --as lecturer export card "$num" | grep -qF "Первая консультация по плану" ||
	fail "the assigned curator's print lacks her note"
echo ok
