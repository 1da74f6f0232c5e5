#!/bin/sh
# The audit log browsed in the terminal: the regional specialist sees a
# teacher's edit with who, when, field, before and after; filters by
# person, record, period and who narrow the list; nothing on the screen
# edits the log. A municipal specialist is not offered it. Everything is
# worded as a form shows it: labels, names (of records, references and
# users), да/нет, ДД.ММ.ГГГГ; never a column name, a code or an id; a
# diagnostic's results stay masked from who may not see them.
. "$(dirname "$0")/harness"
demo_db
id=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 1")
fio=$(sql "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE id = $id")
# The record as the list names it («педагог Иванова И.И.») and the filter.
short=$(sql "SELECT surname || ' ' || substr(name, 1, 1) || '.' || substr(patronymic, 1, 1) || '.' FROM person WHERE id = $id")
short_sp=$(sql "SELECT surname || ' ' || substr(name, 1, 1) || '. ' || substr(patronymic, 1, 1) || '.' FROM person WHERE id = $id")
other=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 1 OFFSET 1")
# Two edits through the program: the admin changes the first teacher's
# position; the regional one changes another teacher.
edit_person admin "$fio"
keys Down Down Down Down Down Down Down C-u
type_text "учитель-логопед"
keys F2
wait_for "Сохранено"
keys F10
wait_for "Найдено: 1"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
before=$(sql "SELECT count(*) FROM audit WHERE action <> 'login_as'")

start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
wait_for "Журнал изменений"
keys F10 l
wait_for "EXIT 0"
start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
screen | grep -qF "Журнал изменений" && fail "a municipal specialist is offered the audit log"
keys F10 l
wait_for "EXIT 0"

start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "журн"
keys Enter
wait_for "Все изменения, новые сверху"
# The admin's edit is there, with his real identity.
wait_for "педагог $short "
screen | grep -q "Администрат.*педагог $short *Должность:" || fail "the admin's edit is not listed"
# One record: its entries only, the newest first.
keys F5
wait_for "Вид записи"
keys Enter
wait_for "Номер записи"
type_text "$id"
keys Enter
wait_for "Отбор: педагог $short_sp"
screen | sed -n 4p | grep -q "Должность: учитель-лого…" || fail "the newest change of the record is not on top"
# The whole entry.
keys Enter
wait_for "Запись журнала изменений"
wait_for "Стало: учитель-логопед"
wait_for "Кто: Администратор системы (admin), вход: $(id -un)"
wait_for "Запись: педагог $fio"
wait_for "Поле: Должность"
keys Space
wait_gone "Запись журнала изменений"
# Esc drops the filters (the screen stays); F8 deletes elsewhere, not here.
keys Escape
wait_for "Все изменения, новые сверху"
# Who: the regional user only logged in (as himself, through --as).
keys F3
wait_for "Логин пользователя"
type_text "regional"
keys Enter
wait_for "кто: Морозова Светлана Александровна (regional)"
wait_for "вход от имени: Морозова"
screen | grep -qF "Должность" && fail "another user's edit is listed for regional"
keys Escape
wait_for "Все изменения, новые сверху"
# Person: the other teacher has no change.
keys F4
wait_for "Выбор педагога"
ofio=$(sql "SELECT surname || ' ' || name FROM person WHERE id = $other")
type_text "$ofio"
wait_for "$ofio"
keys Enter
wait_for "Отбор:"
wait_for "Изменений с такими условиями нет"
keys Escape
wait_for "Все изменения, новые сверху"
# Record and period together: the first teacher's card.
keys F5
wait_for "Вид записи"
keys Enter
wait_for "Номер записи"
type_text "$id"
keys Enter
wait_for "Отбор: педагог $short_sp"
wait_for "Должность: учитель-лого"
# Period: tomorrow onwards has nothing; today has the edit.
keys F6
wait_for "Начало периода"
type_text "$(date -d tomorrow +%d.%m.%Y)"
keys Enter
wait_for "Конец периода"
keys Enter
wait_for "Изменений с такими условиями нет"
keys F6
wait_for "Начало периода"
type_text "$(date +%d.%m.%Y)"
keys Enter
wait_for "Конец периода"
type_text "$(date +%d.%m.%Y)"
keys Enter
wait_for "Должность: учитель-лого"
# A wrong date is said and changes nothing.
keys F6
wait_for "Начало периода"
type_text "31.02.2026"
keys Enter
wait_for "такой даты нет"
wait_for "Должность: учитель-лого"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action <> 'login_as'")" "$before" "browsing writes nothing to the log"

# Edits of another teacher as the regional centre, through the program: a
# participation (enums, a reference to an organisation), the birth date
# and the organisation on the card, then the archive.
t=$(sql "SELECT id FROM person WHERE archived = 0 AND birth_date IS NOT NULL
         AND id NOT IN (SELECT person_id FROM app_user WHERE person_id IS NOT NULL) ORDER BY id LIMIT 1")
tfio=$(sql "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE id = $t")
tshort=$(sql "SELECT surname || ' ' || substr(name, 1, 1) || '.' || substr(patronymic, 1, 1) || '.' FROM person WHERE id = $t")
tshort_sp=$(sql "SELECT surname || ' ' || substr(name, 1, 1) || '. ' || substr(patronymic, 1, 1) || '.' FROM person WHERE id = $t")
born=$(sql "SELECT strftime('%d.%m.%Y', birth_date) FROM person WHERE id = $t")
oldorg=$(sql "SELECT o.short_name FROM person p JOIN organisation o ON o.id = p.org_id WHERE p.id = $t")
newcode=$(sql "SELECT code FROM organisation WHERE code IN ('OO001', 'OO002')
               AND id <> (SELECT org_id FROM person WHERE id = $t) ORDER BY code LIMIT 1")
neworg=$(sql "SELECT short_name FROM organisation WHERE code = '$newcode'")
year=$(date +%Y)
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Реестры"
keys Enter
wait_for "Реестр"
keys Down Enter
wait_for "Участие педагогов"
keys F7
wait_for "Выбор педагога"
type_text "$tfio"
wait_for "$tfio"
keys Enter
wait_for "Новая запись: участие"
keys Down Enter
wait_for "Выбор организации"
type_text "$newcode"
wait_for "$neworg"
keys Enter
wait_gone "Выбор организации"
keys Down Down
type_text "научно-методическое мероприятие"; keys Tab
type_text "Педагогические чтения"; keys Tab
type_text "муниципальный"; keys Tab
type_text "$year"; keys Tab
type_text "12.04.$year"; keys Tab Tab
type_text "участник"
keys F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT kind || ' ' || level || ' ' || role FROM participation WHERE person_id = $t")" \
	"scimethod municipal participant" "the participation"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
edit_person regional "$tfio"
keys Down Down Down C-u
type_text "18.09.1988"
keys Down Down Down Enter
wait_for "Выбор организации"
type_text "$newcode"
wait_line 6 ">$newcode"
keys Enter
wait_gone "Выбор организации"
keys F2
wait_for "Сохранено"
keys F10
wait_for "Найдено: 1"
keys F8
wait_for "Перенести в архив"
type_text l
wait_for "Найдено: 0"
keys F10
wait_for "главное меню"
expect_eq "$(sql "SELECT birth_date || ' ' || o.code || ' ' || p.archived FROM person p JOIN organisation o ON o.id = p.org_id
                  WHERE p.id = $t")" "1988-09-18 $newcode 1" "the card's edits"

# nothing_raw: no ISO date, no English code or column, no record by its id.
nothing_raw() {
	# A user's login is said in brackets after his name, and only so.
	screen | sed 's/ (regional)//g; s/ (admin)//g' >"$WORK/screen.txt"
	! grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$WORK/screen.txt" || fail "an ISO date on the journal"
	! grep -Eqw 'archived|scimethod|municipal|participant|regional|admin|standardized|medium|high|org_id|birth_date|person_id|kind|level|role' \
		"$WORK/screen.txt" || fail "an English code or column on the journal"
	! grep -Eq "(педагог|участие|диагностика|запись) № [0-9]" "$WORK/screen.txt" ||
		fail "a record by its number on the journal"
	! grep -Eq "(Педагог|Организация|организация|Мероприятие): [0-9]" "$WORK/screen.txt" ||
		fail "a reference by its id on the journal"
	! grep -Eq ": ($t|[0-9]+) \\(было: [0-9]+\\)" "$WORK/screen.txt" || fail "ids for names on the journal"
}
type_text "журн"
keys Enter
wait_for "Все изменения, новые сверху"
# Newest first: the archive, the organisation, the birth date, the
# regional login, then the participation, field by field.
wait_line 4 "педагог $tshort В архиве: да (было: нет)"
wait_line 5 "педагог $tshort Организация: $neworg"
wait_line 6 "педагог $tshort Дата рождения: 18.09.19"
screen | sed -n 4p | grep -q "^>[0-9.]* [0-9:]* Морозова С.А. " || fail "the user is not named"
wait_for "участие $tshort Педагог: $tshort_sp"
wait_for "Вид участия: научно-мет"
wait_for "Уровень: муниципальный"
wait_for "Роль: участник"
wait_for "Дата: 12.04.$year"
nothing_raw
# The entries in full: names, labels, dates as a form shows them.
keys Enter
wait_for "Запись: педагог $tfio"
wait_for "Поле: В архиве"
wait_for "Было: нет"
wait_for "Стало: да"
wait_for "Кто: Морозова Светлана Александровна (regional)"
nothing_raw
keys Space
wait_gone "Запись журнала изменений"
keys Down Enter
wait_for "Поле: Организация"
wait_for "Было: $oldorg"
wait_for "Стало: $neworg"
nothing_raw
keys Space
wait_gone "Запись журнала изменений"
keys Down Enter
wait_for "Поле: Дата рождения"
wait_for "Было: $born"
wait_for "Стало: 18.09.1988"
nothing_raw
keys Space
wait_gone "Запись журнала изменений"
# The participation's organisation and its kind, by name and label.
keys Down Down Down Down Down Down Down Down Enter
tsurname=$(sql "SELECT surname FROM person WHERE id = $t")
wait_for "Запись: участие «Педагогические чтения», педагог $tsurname"
wait_for "Поле: Направившая организация"
wait_for "Стало: $neworg"
keys Space
wait_gone "Запись журнала изменений"
keys Up Enter
wait_for "Поле: Вид участия"
wait_for "Стало: научно-методическое мероприятие"
keys Space
wait_gone "Запись журнала изменений"
# The record filter names the record.
keys F5
wait_for "Вид записи"
keys Enter
wait_for "Номер записи"
type_text "$t"
keys Enter
wait_for "Отбор: педагог $tshort_sp"
nothing_raw
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# A diagnostic's results in the journal: worded for the regional centre,
# masked for the administrator (who may not see them), as before.
pid=$(sql "SELECT person_id FROM app_user WHERE login = 'teacher'")
sql "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, pct_overall, level)
     SELECT id, org_id, 'standardized', 'entry', date('now', '-5 days'), 64, 'high' FROM person WHERE id = $pid;
     INSERT INTO audit(at, login, action, tbl, record_id, field, before, after)
     VALUES (datetime('now'), 'regional', 'update', 'diagnostic', (SELECT max(id) FROM diagnostic), 'level', 'medium', 'high'),
            (datetime('now'), 'regional', 'update', 'diagnostic', (SELECT max(id) FROM diagnostic), 'form', 'self', 'standardized');"
for who in regional admin; do
	start "$BIN" -c "$CONF" --db "$DB" --as $who
	wait_for "главное меню"
	type_text "журн"
	keys Enter
	wait_for "Все изменения, новые сверху"
	# Named by what it is and whose (the surname where initials do not fit).
	wait_for "диагностика $(sql "SELECT surname FROM person WHERE id = $pid")   Уровень дефицита:"
	# The diagnostic's entries: its form, then its level.
	keys F5
	wait_for "Вид записи"
	keys Down Enter
	wait_for "Номер записи"
	type_text "$(sql "SELECT max(id) FROM diagnostic")"
	keys Enter
	wait_for "Отбор: диагностика $(sql "SELECT surname || ' ' || substr(name, 1, 1) || '. ' || substr(patronymic, 1, 1) || '.' FROM person WHERE id = $pid")"
	wait_line 5 "Уровень дефицита: "
	if [ $who = regional ]; then
		wait_for "Уровень дефицита: высок"
		keys Down Enter
		wait_for "Запись: диагностика «от "
		wait_for "Было: средний дефицит"
		wait_for "Стало: высокий дефицит"
		keys Space
		wait_gone "Запись журнала изменений"
	else
		wait_for "Уровень дефицита: конфи"
		screen | grep -q "дефицита: высок\|средний деф" && fail "a masked level shows to the admin"
		keys Down Enter
		wait_for "Было: конфиденциально"
		wait_for "Стало: конфиденциально"
		keys Space
		wait_gone "Запись журнала изменений"
	fi
	# The form of the diagnostic is not a result: worded for both.
	wait_for "Форма: стандартизирован"
	nothing_raw
	keys F10
	wait_for "главное меню"
	keys F10 l
	wait_for "EXIT 0"
done
# A role granted through the command line: the role by its Russian name
# and its organisation by name, the user by his.
"$BIN" -c "$CONF" --db "$DB" --as admin user grant teacher school:org:OO001 >/dev/null 2>&1 ||
	fail "user grant"
tname=$(sql "SELECT full_name FROM app_user WHERE login = 'teacher'")
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "журн"
keys Enter
wait_for "Все изменения, новые сверху"
# Below this session's own login: the grant.
wait_line 5 "Роль: руководитель ОО"
keys Down Enter
wait_for "Запись: пользователь «$tname»"
wait_for "Действие: роль выдана"
wait_for "Стало: руководитель ОО, $(sql "SELECT short_name FROM organisation WHERE code = 'OO001'")"
nothing_raw
keys Space
wait_gone "Запись журнала изменений"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# Who opened results (F2), filtered by a user: named, the login in brackets.
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "журн"
keys Enter
wait_for "Все изменения, новые сверху"
keys F2
wait_for "Все открытия результатов диагностики"
keys F3
wait_for "Логин пользователя"
type_text "regional"
keys Enter
wait_for "Отбор: кто: Морозова Светлана Александровна (regional)"
keys F10
wait_for "Все изменения, новые сверху"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
