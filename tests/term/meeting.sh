#!/bin/sh
# Meeting mode: a municipal methodist records thirty participants of a
# seminar in one pass. The keys beyond the letters of the names are
# counted (not the seconds): at most four per person. Each participation
# is stored once, a participant's ИОМ roadmap row for the seminar is marked
# done, and a second pass over the same people adds nothing.
. "$(dirname "$0")/harness"
demo_db
mun=$(sql "SELECT mun_id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.login = 'municipal'")
event=$(sql "SELECT id FROM event WHERE title LIKE 'Семинар «Мотивация%'")
# Thirty teachers of the municipality whose full names are unique.
sql "SELECT p.surname || ' ' || p.name || ' ' || coalesce(p.patronymic, '') FROM person p
     JOIN organisation o ON o.id = p.org_id WHERE o.mun_id = $mun AND p.archived = 0
     AND (SELECT count(*) FROM person q WHERE substr(q.surname_key, 1, length(p.surname_key)) = p.surname_key) = 1
     ORDER BY p.id LIMIT 30" > "$WORK/names"
expect_eq "$(wc -l < "$WORK/names")" "30" "thirty names"
first=$(sql "SELECT p.id FROM person p JOIN organisation o ON o.id = p.org_id WHERE o.mun_id = $mun AND p.archived = 0
	     AND (SELECT count(*) FROM person q WHERE substr(q.surname_key, 1, length(p.surname_key)) = p.surname_key) = 1
	     ORDER BY p.id LIMIT 1")
# The first one has the seminar on the roadmap of his running ИОМ.
sql "INSERT INTO iom (person_id, status, start_date, end_date) VALUES ($first, 'in_progress', '2026-09-01', '2027-05-31');
     INSERT INTO iom_activity (iom_id, category, event_id, activity) VALUES (last_insert_rowid(), 2, $event, 'Семинар');"

NKEYS=0
counted() { NKEYS=$((NKEYS + $#)); keys "$@"; }

start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
type_text "Отметка"
keys Enter
wait_for "Мероприятие (начните печатать название)"
type_text "Мотивац"
wait_for "Мотивация учебной"
keys Enter
wait_for "Роль: участник"
i=0
while IFS= read -r name; do
	i=$((i + 1))
	type_text "$name"
	counted Enter
	wait_for "Отмечено: $i "
done < "$WORK/names"
counted F2
wait_for "Записано участие: 30; уже было записано: 0; отмечено в ИОМ: 1"
[ "$NKEYS" -le $((4 * 30)) ] || fail "$NKEYS keys beyond the letters for 30 people"
echo "keys beyond the letters: $NKEYS for 30 people"
expect_eq "$(sql "SELECT count(*) FROM participation WHERE event_id = $event AND kind = 'scimethod' AND role = 'participant'")" \
	"30" "thirty participations"
expect_eq "$(sql "SELECT count(DISTINCT person_id) FROM participation WHERE event_id = $event")" "30" "each once"
expect_eq "$(sql "SELECT done FROM iom_activity WHERE event_id = $event")" "1" "the roadmap row is marked"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'participation' AND field = 'person_id'")" "30" "audited"

# The same people again, as speakers: nothing is added twice.
head -3 "$WORK/names" > "$WORK/three"
keys F4
wait_for "Роль участника"
keys Down Enter
wait_for "Роль: выступающий"
i=0
while IFS= read -r name; do
	i=$((i + 1))
	type_text "$name"
	keys Enter
	wait_for "Отмечено: $i "
done < "$WORK/three"
keys F2
wait_for "Записано участие: 0; уже было записано: 3"
# Ticked but not written: leaving asks first.
type_text "$(head -1 "$WORK/names")"
keys Enter
wait_for "Отмечено: 1 "
keys F10
wait_for "Отмеченные педагоги не записаны"
keys Escape
wait_gone "Отмеченные педагоги не записаны"
keys F10
wait_for "Отмеченные педагоги не записаны"
keys Enter
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM participation WHERE event_id = $event")" "30" "nothing added twice"

# The link drops with two people ticked for another event: the next start
# offers them back, and F2 records them.
sql "SELECT p.surname || ' ' || p.name || ' ' || coalesce(p.patronymic, '') FROM person p
     JOIN organisation o ON o.id = p.org_id WHERE o.mun_id = $mun AND p.archived = 0
     AND (SELECT count(*) FROM person q WHERE substr(q.surname_key, 1, length(p.surname_key)) = p.surname_key) = 1
     ORDER BY p.id LIMIT 2 OFFSET 30" > "$WORK/two"
expect_eq "$(wc -l < "$WORK/two")" "2" "two more names"
start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
type_text "Отметка"
keys Enter
wait_for "Мероприятие (начните печатать название)"
type_text "Мотивац"
wait_for "Мотивация учебной"
keys Enter
wait_for "Роль: участник"
keys F4
wait_for "Роль участника"
keys Down Enter
wait_for "Роль: выступающий"
i=0
while IFS= read -r name; do
	i=$((i + 1))
	type_text "$name"
	keys Enter
	wait_for "Отмечено: $i "
done < "$WORK/two"
kill -HUP "$(pid_of_program)"
wait_for "EXIT"
start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "Отметка участия (режим совещания)"
wait_for "черновик будет удалён"
keys Enter
wait_for "Отмечено: 2 "
wait_for "Роль: выступающий"
keys F2
wait_for "Записано участие: 2; уже было записано: 0"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM form_draft")" "0" "the draft is gone"
expect_eq "$(sql "SELECT count(*) FROM participation WHERE event_id = $event AND role = 'speaker'")" "2" "recorded as speakers"
echo ok
