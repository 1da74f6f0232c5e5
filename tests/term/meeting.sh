#!/bin/sh
# Meeting mode: a municipal methodist records thirty participants of a
# seminar in one pass, seven of whom share a surname (made through the
# CLI import, as a region's file would). One match of the typed prefix is
# ticked by Enter; several are listed with organisation and year of birth
# and one is chosen by its digit — never the first one silently. Leaving
# with ticks asks «Записать отмеченных (N)?», Enter records them all; Esc
# (Остаться) keeps them, and so do «Н» and y (the safe «нет» everywhere
# else); «Сбросить отметки» (С, c) writes nothing; Esc with a search only
# clears it. Insert and Space tick the person under the cursor; a hang-up
# keeps the ticks, offered back on the next start. Each participation is
# stored once; those recorded already are marked «записан» in the list and
# are not ticked again; a participant's ИОМ roadmap row for the seminar is
# marked done. The event picker shows whole dates; the meeting shows the
# event's date first, and says when it is weeks ahead or long past. F4 is
# «Роль» for a seminar and «Итог» for a contest, as its dialog is named.
. "$(dirname "$0")/harness"
demo_db
mun=$(sql "SELECT mun_id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.login = 'municipal'")
event=$(sql "SELECT id FROM event WHERE title LIKE 'Семинар «Мотивация%'")
expect_eq "$(sql "SELECT count(*) FROM person WHERE surname_key LIKE 'кра%'")" "0" "no Кра… in the demo"

# Seven namesakes in seven schools of the municipality, by the CLI import.
printf 'Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Организация;Должность\n' > "$WORK/namesakes.csv"
i=0
for org in $(sql "SELECT code FROM organisation WHERE mun_id = $mun AND code LIKE 'OO%' ORDER BY code LIMIT 7"); do
	i=$((i + 1))
	printf 'ТН-7700%d;Кравцова;%s;Петровна;0%d.03.198%d;%s;учитель\n' $i \
		"$(echo "Анна Вера Галина Дарья Елена Жанна Зоя" | cut -d' ' -f$i)" $i $i "$org" >> "$WORK/namesakes.csv"
done
"$BIN" -c "$CONF" --db "$DB" --as regional import persons "$WORK/namesakes.csv" >"$WORK/import.out" 2>&1 ||
	{ cat "$WORK/import.out"; fail "the namesakes were not imported"; }
expect_eq "$(sql "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id
		  WHERE p.surname = 'Кравцова' AND o.mun_id = $mun")" "7" "seven namesakes"

# Twenty-three teachers of the municipality whose full names are unique.
unique="FROM person p JOIN organisation o ON o.id = p.org_id WHERE o.mun_id = $mun AND p.archived = 0
	AND (SELECT count(*) FROM person q WHERE substr(q.surname_key, 1, length(p.surname_key)) = p.surname_key) = 1"
sql "SELECT p.surname || ' ' || p.name || ' ' || coalesce(p.patronymic, '') $unique ORDER BY p.id LIMIT 23" > "$WORK/names"
expect_eq "$(wc -l < "$WORK/names")" "23" "twenty-three names"
first=$(sql "SELECT p.id $unique ORDER BY p.id LIMIT 1")
# The first one has the seminar on the roadmap of his running ИОМ.
sql "INSERT INTO iom (person_id, status, start_date, end_date) VALUES ($first, 'in_progress', '2026-09-01', '2027-05-31');
     INSERT INTO iom_activity (iom_id, category, event_id, activity) VALUES (last_insert_rowid(), 2, $event, 'Семинар');"

open_meeting() { # open_meeting TITLE-PREFIX VISIBLE-TITLE
	wait_for "главное меню"
	type_text "Отметка"
	keys Enter
	wait_for "Мероприятие (начните печатать название)"
	type_text "$1"
	wait_for "$2"
	keys Enter
	wait_for "Отмечено: 0 "
}

# The first N rows of the people list.
rows() { screen | grep -A"$1" "^ Педагог " | tail -n +2; }

NKEYS=0
counted() { NKEYS=$((NKEYS + $#)); keys "$@"; }

start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
type_text "Отметка"
keys Enter
wait_for "Мероприятие (начните печатать название)"
# Whole dates in the picker; the title is shortened with «…».
screen | grep -E "^ +x [0-3][0-9]\.[01][0-9]\.20[0-9][0-9] +Семинар «Мотивация учебной [^ ]*… +региональный" >/dev/null ||
	fail "the picker cuts the date or the title without «…»"
# Esc clears the picker's search; the picker stays.
type_text "Мотивац"
wait_for "Поиск: Мотивац_"
keys Escape
wait_for "Поиск: _"
wait_for "Мероприятие (начните печатать название)"
type_text "Мотивац"
wait_for "Мотивация учебной"
keys Enter
wait_for "Роль: участник"
# The date first on the header line; F4 named for what it sets here.
seminar_date=$(sql "SELECT strftime('%d.%m.%Y', start_date) FROM event WHERE id = $event")
wait_for "Мероприятие $seminar_date"
screen | tail -1 | grep -q "4Роль " || fail "F4 is not «Роль» for a seminar"
keys F4
wait_for "Роль участника"
keys Escape
wait_gone "Роль участника"

i=0
while IFS= read -r name; do
	i=$((i + 1))
	type_text "$name"
	wait_for "найдено: 1 "
	counted Enter
	wait_for "Отмечено: $i "
done < "$WORK/names"
# Three letters of the shared surname and Enter: the seven are listed with
# their schools and years of birth; a digit ticks one.
for d in 1 2 3 4 5 6 7; do
	type_text "Кра"
	wait_for "найдено: 7 "
	counted Enter
	wait_for "«Кра»: найдено 7 — кого отметить?"
	wait_for "198$d"
	expect_eq "$(screen | grep -cE "x [1-7] .*Кравцова")" "7" "the seven listed, numbered"
	screen | grep -q "Кравцова .*Петровна .*198$d" || fail "namesake $d without his year of birth"
	counted "$d"
	i=$((i + 1))
	wait_for "Отмечено: $i "
done
[ "$NKEYS" -le $((7 * 2 + 23)) ] || fail "$NKEYS keys beyond the letters for 30 people"
echo "keys beyond the letters: $NKEYS for 30 people"
expect_eq "$(sql "SELECT count(*) FROM participation")" "0" "nothing written before asked"
# Esc with the search empty: leave — the question, and Enter records.
keys Escape
wait_for "Записать отмеченных (30)?"
wait_for "[ Записать ]"
keys Enter
wait_for "главное меню"
expect_eq "$(sql "SELECT count(*) FROM participation WHERE event_id = $event AND kind = 'scimethod' AND role = 'participant'")" \
	"30" "thirty participations"
expect_eq "$(sql "SELECT count(DISTINCT person_id) FROM participation WHERE event_id = $event")" "30" "each once"
expect_eq "$(sql "SELECT count(*) FROM participation x JOIN person p ON p.id = x.person_id
		  WHERE x.event_id = $event AND p.surname = 'Кравцова'")" "7" "the seven namesakes"
expect_eq "$(sql "SELECT done FROM iom_activity WHERE event_id = $event")" "1" "the roadmap row is marked"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'participation' AND field = 'person_id'")" "30" "audited"

# The same people again, as speakers: each is shown as recorded already,
# said so when his name is typed, and not ticked a second time.
head -3 "$WORK/names" > "$WORK/three"
open_meeting "Мотивац" "Мотивация учебной"
keys F4
wait_for "Роль участника"
keys Down Enter
wait_for "Роль: докладчик"
while IFS= read -r name; do
	surname=${name%% *}
	type_text "$name"
	wait_for "найдено: 1 — участие уже записано"
	screen | grep -qE "^.  $surname .* записан *$" || fail "$name is not marked «записан» in the list"
	keys Enter
	wait_for "Участие уже записано: $surname"
	wait_for "Поиск: (начните"
	wait_for "Отмечено: 0 "
done < "$WORK/three"
keys F2
wait_for "Никто не отмечен"
expect_eq "$(sql "SELECT count(*) FROM participation")" "30" "nothing added twice"
# The first rows of the list (no search) are people not recorded yet.
top=$(sql "SELECT count(*) FROM participation WHERE event_id = $event AND person_id IN
	  (SELECT p.id FROM person p JOIN organisation o ON o.id = p.org_id WHERE o.mun_id = $mun AND p.archived = 0
	   ORDER BY p.surname_key, p.id LIMIT 2)")
expect_eq "$top" "0" "the two first rows not recorded yet"

# Ticks not written: Esc on a search clears only the search; leaving asks,
# and Esc, «О» (j in the Latin layout) and Enter on «Остаться» stay with the
# ticks; «Н» and its Latin y (the safe «нет» elsewhere) answer nothing;
# «Сбросить отметки» (С by its Latin c) writes nothing.
keys Space
wait_for "Отмечено: 1 "
keys IC
wait_for "Отмечено: 2 "
type_text "Кра"
wait_for "Поиск: Кра_"
keys Escape
wait_for "Поиск: (начните"
keys Escape
wait_for "Записать отмеченных (2)?"
keys Escape
wait_gone "Записать отмеченных"
wait_for "Отмечено: 2 "
keys F10
wait_for "Записать отмеченных (2)?"
keys j
wait_gone "Записать отмеченных"
wait_for "Отмечено: 2 "
keys F10
wait_for "Записать отмеченных (2)?"
keys Right Right
wait_for "[ Остаться ]"
keys Enter
wait_gone "Записать отмеченных"
wait_for "Отмечено: 2 "
keys F10
wait_for "Записать отмеченных (2)?"
wait_for "[ Записать ]    Сбросить отметки      Остаться"
wait_for "З, С, О или ←/→ и Enter;  Esc — «Остаться»"
keys y
type_text "Н"
type_text "н"
keys Y d D
# Still asking, nothing chosen (a key sent after shows the dialog alive).
keys Right
wait_for "[ Сбросить отметки ]"
keys Left
wait_for "[ Записать ]"
wait_for "Записать отмеченных (2)?"
expect_eq "$(sql "SELECT count(*) FROM participation")" "30" "«Н» and y recorded nothing"
keys c
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM participation")" "30" "«Сбросить отметки» wrote nothing"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" "0" "and kept no draft"

# The link drops while the question is on the screen: the ticks are kept
# as a draft all the same (here declined on the next start: «н»).
start "$BIN" -c "$CONF" --db "$DB" --as municipal
open_meeting "Мотивац" "Мотивация учебной"
keys Space
wait_for "Отмечено: 1 "
keys F10
wait_for "Записать отмеченных (1)?"
kill -HUP "$(pid_of_program)"
wait_for "EXIT"
expect_eq "$(sql "SELECT count(*) FROM form_draft WHERE screen = 'meeting'")" "1" "kept while asking"
expect_eq "$(sql "SELECT count(*) FROM participation")" "30" "and not written"
start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "Удалить черновик"
# «У» by its key in the Latin layout: delete.
keys e
wait_for "главное меню"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" "0" "the declined draft is gone"
keys F10 l
wait_for "EXIT 0"

# The link drops with two people ticked by Space and Insert for another
# event: the next start offers them back, and they are recorded.
other=$(sql "SELECT id FROM event WHERE title = 'Школа молодого педагога'")
firsttwo=$(sql "SELECT group_concat(id) FROM (SELECT p.id FROM person p JOIN organisation o ON o.id = p.org_id
		WHERE o.mun_id = $mun AND p.archived = 0 ORDER BY p.surname_key, p.id LIMIT 2)")
start "$BIN" -c "$CONF" --db "$DB" --as municipal
open_meeting "Школа молод" "Школа молодого педагога"
keys F4
wait_for "Роль участника"
keys Down Enter
wait_for "Роль: докладчик"
keys Space
wait_for "Отмечено: 1 "
keys IC
wait_for "Отмечено: 2 "
kill -HUP "$(pid_of_program)"
wait_for "EXIT"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" "1" "the ticks kept as a draft"
start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "Отметка участия (режим совещания)"
wait_for "Удалить черновик"
keys Enter
wait_for "Отмечено: 2 "
wait_for "Роль: докладчик"
wait_for "Школа молодого педагога"
screen | grep -qE "^ Мероприятие [0-3][0-9]\.[01][0-9]\.20[0-9][0-9](–[0-3][0-9]\.[01][0-9]\.20[0-9][0-9])?: Школа молодого педагога" ||
	fail "the restored meeting does not show the event's date first"
# Leaving: «З» (the Cyrillic letter itself this time) records.
keys F10
wait_for "Записать отмеченных (2)?"
type_text "З"
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" "0" "the draft is gone"
expect_eq "$(sql "SELECT group_concat(person_id) FROM (SELECT person_id FROM participation
		  WHERE event_id = $other AND role = 'speaker' ORDER BY person_id)")" \
	"$(sql "SELECT group_concat(id) FROM (SELECT id FROM person WHERE id IN ($firsttwo) ORDER BY id)")" \
	"the two under the cursor recorded as speakers"

# Back to that event: the two recorded are marked in the list, not ticked;
# F2 in the screen leaves its own recorded marked the same way.
start "$BIN" -c "$CONF" --db "$DB" --as municipal
open_meeting "Школа молод" "Школа молодого педагога"
wait_for " записан"
expect_eq "$(rows 2 | grep -cE " записан *$")" "2" "the two recorded marked in the list"
rows 2 | grep -q "✓" && fail "the recorded are shown ticked"
keys Space
wait_for "Участие уже записано: "
wait_for "Отмечено: 0 "
# Insert moves down whether or not it ticked, as in Midnight Commander.
keys Down IC
wait_for "Отмечено: 1 "
wait_for "✓ "
keys F2
wait_for "Записано участие: 1; уже было записано: 0"
wait_for "Отмечено: 0 "
expect_eq "$(rows 3 | grep -cE " записан *$")" "3" "the one recorded by F2 marked too"
screen | grep -q "✓" && fail "a tick left after F2"
keys F10
wait_for "главное меню"

# The event's date: one weeks ahead and one long past are said so on the
# header line (and on the status line when chosen); one of today is not.
# F4 on a contest is «Итог», as its dialog and the header line name it.
sql "INSERT INTO event (title, kind, level, start_date, end_date) VALUES
	('Будущий семинар', 'seminar', 'regional', date('now', 'localtime', '+40 days'), date('now', 'localtime', '+41 days')),
	('Давний семинар', 'seminar', 'regional', date('now', 'localtime', '-200 days'), date('now', 'localtime', '-200 days')),
	('Сегодняшний семинар', 'seminar', 'regional', date('now', 'localtime'), NULL),
	('Конкурс будущего', 'contest', 'regional', date('now', 'localtime', '-1 days'), date('now', 'localtime', '+1 days'))"
ahead=$(sql "SELECT strftime('%d.%m.%Y', 'now', 'localtime', '+40 days')")
past=$(sql "SELECT strftime('%d.%m.%Y', 'now', 'localtime', '-200 days')")
today=$(sql "SELECT strftime('%d.%m.%Y', 'now', 'localtime')")
start "$BIN" -c "$CONF" --db "$DB" --as regional
open_meeting "Будущий сем" "Будущий семинар"
wait_for "Мероприятие состоится $ahead (через 40 дн.) — F5, если не оно"
screen | grep -q "^ Мероприятие $ahead–" || fail "the future event's date is not first"
keys F5
wait_for "Мероприятие (начните печатать название)"
type_text "Давний сем"
wait_for "Давний семинар"
keys Enter
wait_for "Мероприятие прошло $past (200 дн. назад) — F5, если не оно"
wait_line 23 "Мероприятие прошло $past"
keys F5
wait_for "Мероприятие (начните печатать название)"
type_text "Сегодняшний сем"
wait_for "Сегодняшний семинар"
keys Enter
wait_for "Мероприятие $today: Сегодняшний семинар"
screen | grep -qE "состоится|прошло" && fail "a warning for an event of today"
screen | tail -1 | grep -q "4Роль " || fail "F4 is not «Роль» for a seminar"
keys F5
wait_for "Мероприятие (начните печатать название)"
type_text "Конкурс будущ"
wait_for "Конкурс будущего"
keys Enter
wait_for "Итог: участник."
screen | grep -qE "состоится|прошло" && fail "a warning for a contest running now"
screen | tail -1 | grep -q "4Итог " || fail "F4 is not «Итог» for a contest"
keys F4
wait_for "Итог конкурса"
keys Down Enter
wait_for "Итог: лауреат."
keys F1
wait_for "итог конкурса для отмечаемых"
keys Escape
wait_for "Итог: лауреат."
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
