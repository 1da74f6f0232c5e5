#!/bin/sh
# An import is all or nothing even when its process dies while it writes
# (issue 17). Its batches are committed one by one (others' saves go in
# between), and each batch keeps what it did in the database under the
# import's run (import_run, import_undo). The file updates three teachers
# and adds 20 000; an open while the importer lives leaves it alone. Then
# the importer is killed with SIGKILL once its first batches are in the
# register, while another user saves every 100 ms; the next open of the
# database (a command, here `check`) finds the run still 'writing' with
# its process gone and takes back every row it wrote (the three teachers
# get their values back). The other user's saves made meanwhile stay, and
# the journal's chain is whole.
. "$(dirname "$0")/harness"
demo_db
M="$BIN -c $CONF --db $DB"
TIMEOUT=60
ROWS=20000

# The file first updates three teachers of the register (their e-mail and
# more), then adds ROWS new ones.
COLS="surname, name, patronymic, birth_date, sex, org_id, position, subjects, education, experience_years,
	experience_date, category, email, archived"
before=$(sql "SELECT $COLS FROM person WHERE external_id IN ('ТН-000001', 'ТН-000002', 'ТН-000003') ORDER BY id")
{
	printf 'Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Пол;Организация;Должность;Предмет(ы);Образование;Пед. стаж, лет;Стаж на дату;Категория;E-mail\n'
	printf '%s;учитель;физика;высшее педагогическое;31;01.09.2025;высшая;obryv%d@edu67.ru\n' \
		'ТН-000001;Морозова;Светлана;Александровна;18.04.1972;женский;OO001' 1 \
		'ТН-000002;Кузнецова;Елена;Игоревна;02.11.1979;женский;OO001' 2 \
		'ТН-000003;Фёдорова;Ирина;Владимировна;25.06.1970;женский;OO001' 3
	awk -v n=$ROWS 'BEGIN { for (i = 1; i <= n; i++)
		printf "ТН-К%06d;Обрывова;Анна%d;Сергеевна;%02d.%02d.19%02d;женский;OO001;учитель;математика;высшее педагогическое;%d;01.09.2025;первая;k%d@edu67.ru\n",
			i, i, 1 + i % 28, 1 + i % 12, 60 + i % 40, i % 30, i }'
} >"$WORK/kill.csv"
persons=$(sql "SELECT count(*) FROM person")

"$TOP/$BUILD/stress" pace "$DB" --every 100 --limit 2000 --until "$WORK/done" >"$WORK/pace.out" 2>"$WORK/pace.err" &
pacer=$!
i=0
until grep -qF "pace: started" "$WORK/pace.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 200 ] || { cat "$WORK/pace.err"; fail "the saver did not start"; }
	sleep 0.05
done

$M --as regional import persons "$WORK/kill.csv" >"$WORK/out" 2>&1 &
importer=$!
# Polled, never slept for: the first batch is committed.
i=0
until [ "$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-К%'")" -gt 0 ]; do
	i=$((i + 1))
	[ $i -lt 1200 ] || { touch "$WORK/done"; cat "$WORK/out"; fail "the import wrote nothing in 60 s"; }
	sleep 0.05
done
# While the importer lives, another open leaves its run alone.
$M user list >"$WORK/check0" 2>"$WORK/check0.err" || { cat "$WORK/check0" "$WORK/check0.err"; fail "an open during the import"; }
grep -qF "отменён" "$WORK/check0.err" && { cat "$WORK/check0.err"; fail "an open took back an import that was still running"; }
expect_eq "$(sql "SELECT count(*) FROM person WHERE email LIKE 'obryv%'")" "3" "the updates are written in the first batch"
kill -KILL $importer
wait $importer 2>/dev/null
written=$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-К%'")
[ "$written" -lt "$ROWS" ] || fail "the import finished before it was killed"
written=$((written + 3))
expect_eq "$(sql "SELECT state FROM import_run ORDER BY id DESC LIMIT 1")" "writing" "the killed run is left writing"
expect_eq "$(sql "SELECT count(*) FROM import_undo")" "$written" "every row written is kept for taking back"
# The saver's record after the kill: its saves made during the import.
pace_version=$(sql "SELECT version FROM person WHERE external_id = 'stress-pace'")
pace_audit=$(sql "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = (SELECT id FROM person WHERE external_id = 'stress-pace')")
[ "$pace_version" -gt 1 ] || fail "the saver saved nothing while the import wrote"

# The next open takes it back; the saver still saves meanwhile.
$M check >"$WORK/check" 2>"$WORK/check.err" || { cat "$WORK/check" "$WORK/check.err"; fail "check after the kill"; }
touch "$WORK/done"
wait $pacer
pace_rc=$?
grep -qF "импорт, прерванный без завершения (процесс остановлен или сбой питания), отменён: строк $written" \
	"$WORK/check.err" || { cat "$WORK/check.err"; fail "the taking back is not said"; }
grep -qF "цепочка цела" "$WORK/check" || { cat "$WORK/check"; fail "the journal's chain"; }
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-К%'")" "0" "none of the killed import's rows remain"
expect_eq "$(sql "SELECT $COLS FROM person WHERE external_id IN ('ТН-000001', 'ТН-000002', 'ТН-000003') ORDER BY id")" \
	"$before" "the teachers it updated have their values back"
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id NOT LIKE 'stress-%' OR external_id IS NULL")" \
	"$persons" "the register as before the import"
expect_eq "$(sql "SELECT state FROM import_run ORDER BY id DESC LIMIT 1")" "undone" "the run is undone"
expect_eq "$(sql "SELECT count(*) FROM import_undo")" "0" "nothing left to take back"
[ "$(sql "SELECT version FROM person WHERE external_id = 'stress-pace'")" -ge "$pace_version" ] ||
	fail "the other user's saves made during the import were lost"
[ "$(sql "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = (SELECT id FROM person WHERE external_id = 'stress-pace')")" -ge "$pace_audit" ] ||
	fail "the other user's journal rows were lost"
cat "$WORK/pace.out" | grep -v started
[ "$pace_rc" = 0 ] || { cat "$WORK/pace.err"; fail "a save failed or waited over 2 s"; }

# A second open finds nothing to do and says nothing.
$M check >"$WORK/check2" 2>"$WORK/check2.err" || { cat "$WORK/check2.err"; fail "second check"; }
[ -s "$WORK/check2.err" ] && { cat "$WORK/check2.err"; fail "the second open took something back again"; }

# A login takes a killed import back too (the housekeeping after the
# first frame), and says so on the status line.
sed -e 's/ТН-К/ТН-Л/' -e 's/obryv/lomka/' "$WORK/kill.csv" >"$WORK/kill2.csv"
$M --as regional import persons "$WORK/kill2.csv" >"$WORK/out4" 2>&1 &
importer=$!
i=0
until [ "$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-Л%'")" -gt 0 ]; do
	i=$((i + 1))
	[ $i -lt 1200 ] || { cat "$WORK/out4"; fail "the second import wrote nothing in 60 s"; }
	sleep 0.05
done
kill -KILL $importer
wait $importer 2>/dev/null
written=$(( $(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-Л%'") + 3 ))
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
wait_for "Отменён импорт, прерванный без завершения: строк $written"
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-Л%' OR email LIKE 'lomka%'")" "0" \
	"a login took the killed import back"
expect_eq "$(sql "SELECT $COLS FROM person WHERE external_id IN ('ТН-000001', 'ТН-000002', 'ТН-000003') ORDER BY id")" \
	"$before" "the teachers it updated have their values back after the login"
keys F10
wait_for "Выйти из программы"
keys д
wait_for "EXIT 0"

# An import that ends is not taken back by the next open.
{ head -1 "$WORK/kill.csv"; sed -n '5,104p' "$WORK/kill.csv"; } >"$WORK/small.csv"
$M --as regional import persons "$WORK/small.csv" >"$WORK/out3" 2>&1 || { cat "$WORK/out3"; fail "small import"; }
expect_eq "$(sql "SELECT state FROM import_run ORDER BY id DESC LIMIT 1")" "done" "a finished run is done"
expect_eq "$(sql "SELECT count(*) FROM import_undo")" "0" "a finished run keeps nothing"
$M check >"$WORK/check3" 2>&1 || { cat "$WORK/check3"; fail "check after the small import"; }
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-К%'")" "100" "a finished import stays"
echo ok
