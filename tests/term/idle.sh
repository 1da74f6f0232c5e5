#!/bin/sh
# An idle session holds nothing: a form open with a half-typed change, the
# program stopped (SIGSTOP, as a user who walked away or a frozen link), and
# meanwhile writers save the same record 500 times without an error; the
# -wal file stays small (the idle program keeps no read transaction, so the
# writers' checkpoints reset it) and a full checkpoint is not blocked. After
# SIGCONT the program answers: saving reports the conflict, nothing of the
# stale form is written, and the form closes without saving.
. "$(dirname "$0")/harness"
STRESS="$TOP/$BUILD/stress"
[ -x "$STRESS" ] || fail "no $STRESS: make $BUILD/stress"
LIMIT=$((8 * 1024 * 1024))
demo_db
id=$(sql "SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 1")
fio=$(sql "SELECT surname || ' ' || name || coalesce(' ' || nullif(patronymic, ''), '') FROM person WHERE id = $id")
before=$(sql "SELECT coalesce(position, '') || '|' || version FROM person WHERE id = $id")
v0=${before##*|}
edit_person admin "$fio"
# Должность is the 8th field.
keys Down Down Down Down Down Down Down C-u
type_text "ночной сторож"
wait_for "ночной сторож"
pid=$(pid_of_program)
[ -n "$pid" ] || fail "no program process"
kill -STOP "$pid"
# The signal takes effect asynchronously: wait for the stopped state.
i=0
until [ "$(sed 's/.*) \([A-Za-z]\) .*/\1/' "/proc/$pid/stat")" = T ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the program did not stop"
	sleep 0.02
done

# Two writers, one after the other, 250 saves each of the same record, a
# long memo each time (about 2 500 WAL pages, 10 MB, were the WAL never reset).
t0=$(date +%s)
for w in 1 2; do
	"$STRESS" writer "$DB" --saves 250 --id "$id" --pad 1000 >"$WORK/acks$w" 2>"$WORK/err$w" ||
		{ kill -CONT "$pid"; fail "writer $w failed while the program was stopped: $(cat "$WORK/err$w")"; }
	expect_eq "$(wc -l <"$WORK/acks$w")" "250" "saves of writer $w"
done
t1=$(date +%s)
wal=$(stat -c %s "$DB-wal")
ckpt=$(sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)")
echo "500 saves in $((t1 - t0)) s while the program was stopped; WAL $wal bytes; checkpoint (busy|log|done): $ckpt"
kill -CONT "$pid"
[ "$wal" -lt "$LIMIT" ] || fail "the WAL grew to $wal bytes (limit $LIMIT): the idle program pins it"
expect_eq "${ckpt%%|*}" "0" "a full checkpoint is not blocked by the idle program ($ckpt)"
expect_eq "$(sql "SELECT CAST(notes AS INTEGER) || '|' || version FROM person WHERE id = $id")" \
	"500|$((v0 + 500))" "every save of the writers stored"

# The program answers: saving its stale form reports the conflict (the
# choice per field, left with Esc: nothing is saved), then the form closes
# unsaved.
keys F2
wait_for "изменил другой пользователь"
if screen | grep -qF "Esc — к форме"; then
	keys Escape
	wait_gone "Esc — к форме"
fi
wait_for "Изменение: педагог"
keys F10
wait_for "Есть несохранённые изменения"
type_text "д"
wait_gone "Изменение: педагог"
keys F10
wait_for "Найдено: 1"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT coalesce(position, '') || '|' || version FROM person WHERE id = $id")" \
	"${before%%|*}|$((v0 + 500))" "the stale form wrote nothing"
echo ok
