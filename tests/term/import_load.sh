#!/bin/sh
# A large import does not stop the region (issue 17): while 20 000 teachers
# are imported from the command line, another user saves a form every
# 100 ms (stress pace); no save fails and none waits over 2 s, because the
# file is checked whole without the write lock and then written in batches
# of about 0.1 s. Every row is then in the register, the journal's chain is
# whole, and the import's peak memory stays small (the file is read a piece
# at a time). A second import stopped (Ctrl-C) while it writes leaves none
# of its rows, with the saver still saving throughout. Before, the same import held the write lock for its whole
# length (about 20 s here), and every save meanwhile failed after 5 s.
. "$(dirname "$0")/harness"
demo_db
M="$BIN -c $CONF --db $DB"
TIMEOUT=60
ROWS=20000

# teachers_csv PREFIX: ROWS new teachers, табельные номера ТН-PREFIX000001…
teachers_csv() {
	printf 'Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Пол;Организация;Должность;Предмет(ы);Образование;Пед. стаж, лет;Стаж на дату;Категория;E-mail\n'
	awk -v n=$ROWS -v p="$1" 'BEGIN { for (i = 1; i <= n; i++)
		printf "ТН-%s%06d;Нагрузкина;Анна%d;Сергеевна;%02d.%02d.19%02d;женский;OO001;учитель;математика;высшее педагогическое;%d;01.09.2025;первая;n%d@edu67.ru\n",
			p, i, i, 1 + i % 28, 1 + i % 12, 60 + i % 40, i % 30, i }'
}
teachers_csv Н >"$WORK/big.csv"
teachers_csv П >"$WORK/stop.csv"
persons=$(sql "SELECT count(*) FROM person")

# The saver starts, and has saved once, before the import begins.
"$TOP/$BUILD/stress" pace "$DB" --every 100 --limit 2000 --until "$WORK/done" >"$WORK/pace.out" 2>"$WORK/pace.err" &
pacer=$!
i=0
until grep -qF "pace: started" "$WORK/pace.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 200 ] || { cat "$WORK/pace.err"; fail "the saver did not start"; }
	sleep 0.05
done

# The import, its peak resident memory measured by its parent.
python3 -c 'import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:], stdout=open(sys.argv[1], "w"))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(rc)' "$WORK/out" $M --as regional import persons "$WORK/big.csv" >"$WORK/rss" ||
	{ touch "$WORK/done"; cat "$WORK/out"; fail "the import failed"; }
# The second import, stopped once its first batches are in the register:
# what it wrote is taken back, batch by batch too.
$M --as regional import persons "$WORK/stop.csv" >"$WORK/out2" 2>&1 &
importer=$!
i=0
until [ "$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-П%'")" -gt 0 ]; do
	i=$((i + 1))
	[ $i -lt 1200 ] || { touch "$WORK/done"; fail "the second import wrote nothing in 60 s"; }
	sleep 0.05
done
kill -INT $importer
wait $importer
stop_rc=$?
touch "$WORK/done"
wait $pacer
pace_rc=$?
[ "$stop_rc" = 1 ] || { cat "$WORK/out2"; fail "the stopped import exited $stop_rc"; }
grep -qF "Импорт прерван, ничего не записано." "$WORK/out2" || { cat "$WORK/out2"; fail "the stop is not said"; }
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-П%'")" "0" "a stopped import leaves none of its rows"
cat "$WORK/pace.out" | grep -v started
[ "$pace_rc" = 0 ] || { cat "$WORK/pace.err"; fail "a save failed or waited over 2 s during the import"; }
saves=$(sed -n 's/^pace: \([0-9]*\) saves.*/\1/p' "$WORK/pace.out")
[ "${saves:-0}" -ge 10 ] || fail "the saver made only ${saves:-0} saves during the import"

grep -qF "Добавлено $ROWS, изменено 0, без изменений 0." "$WORK/out" || { cat "$WORK/out"; fail "import report"; }
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-Н%'")" "$ROWS" "every row imported"
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id NOT LIKE 'stress-%' OR external_id IS NULL")" \
	"$((persons + ROWS))" "nothing but the rows and the saver's records"
$M check >"$WORK/check" 2>&1 || { cat "$WORK/check"; fail "check after the import"; }
grep -qF "цепочка цела" "$WORK/check" || { cat "$WORK/check"; fail "the journal's chain"; }
rss=$(cat "$WORK/rss")
echo "import of $ROWS rows: peak RSS ${rss} KB"
# (A sanitised build keeps shadow memory and a quarantine of freed blocks:
# its RSS says nothing of the program's; the plain build's run holds the
# bound, and this one the rest.)
if grep -qa __asan_init "$BIN"; then
	echo "peak memory not bounded under AddressSanitizer (shadow and quarantine)"
else
	[ "$rss" -lt 65536 ] || fail "the import's peak memory ${rss} KB is over 64 MB"
fi
echo ok
