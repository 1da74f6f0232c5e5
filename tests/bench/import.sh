#!/bin/sh
# make bench: a large import while the region works (issue 17). 200 000
# teachers (about 44 MB of CSV) imported into a copy of the demo region
# while another user saves a form every 100 ms (stress pace). Measured: the
# import's time and peak memory, the saves made meanwhile, how many failed
# and the longest. Goals: no save failing or waiting over 2 s, memory under
# 64 MB whatever the file's size.
# Usage: BUILD=build sh tests/bench/import.sh [ROWS]
set -u
BUILD=${BUILD:-build}
ROWS=${1:-200000}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$TOP/$BUILD/marshrut"
CONF="$TOP/conf/marshrut.conf"
WORK=$(mktemp -d)
trap 'touch "$WORK/done"; wait; rm -rf "$WORK"' EXIT
DB="$WORK/import.db"

"$BIN" -c "$CONF" --db "$DB" init --demo --no-activity >/dev/null || { echo "import bench: init failed"; exit 1; }
{
	printf 'Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Пол;Организация;Должность;Предмет(ы);Образование;Пед. стаж, лет;Стаж на дату;Категория;E-mail\n'
	awk -v n="$ROWS" 'BEGIN { for (i = 1; i <= n; i++)
		printf "ТН-Б%07d;Замерова;Анна%d;Сергеевна;%02d.%02d.19%02d;женский;OO001;учитель;математика;высшее педагогическое;%d;01.09.2025;первая;b%d@edu67.ru\n",
			i, i, 1 + i % 28, 1 + i % 12, 60 + i % 40, i % 30, i }'
} >"$WORK/big.csv"
mb=$(du -m "$WORK/big.csv" | cut -f1)

"$TOP/$BUILD/stress" pace "$DB" --every 100 --limit 2000 --until "$WORK/done" >"$WORK/pace.out" 2>"$WORK/pace.err" &
i=0
until grep -qF "pace: started" "$WORK/pace.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 400 ] || { echo "import bench: the saver did not start"; exit 1; }
	sleep 0.05
done
python3 -c 'import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[2:], stdout=open(sys.argv[1], "w"))
print("%.1f %d %d" % (time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc))' \
	"$WORK/out" "$BIN" -c "$CONF" --db "$DB" --as regional import persons "$WORK/big.csv" >"$WORK/res"
touch "$WORK/done"
wait
read -r secs rss rc <"$WORK/res"
added=$(sed -n 's/.*Добавлено \([0-9]*\),.*/\1/p' "$WORK/out")
line=$(grep "^pace: [0-9]" "$WORK/pace.out")
failed=$(echo "$line" | sed -n 's/.*: \([0-9]*\) failed.*/\1/p')
longest=$(echo "$line" | sed -n 's/.*longest \([0-9]*\) ms.*/\1/p')
saves=$(echo "$line" | sed -n 's/^pace: \([0-9]*\) saves.*/\1/p')
verdict() { [ "${1:-}" = 1 ] && echo ok || echo MISSES; }
echo "import: $ROWS rows ($mb MB) in $secs s, exit $rc, added ${added:-0}; peak RSS $((rss / 1024)) MB (goal < 64 MB):" \
	"$(verdict $([ "$rss" -lt 65536 ] && [ "${added:-0}" = "$ROWS" ] && echo 1))"
echo "import: meanwhile ${saves:-0} saves every 100 ms, ${failed:-?} failed, longest ${longest:-?} ms (goal: none failed, none over 2000 ms):" \
	"$(verdict $([ "${failed:-1}" = 0 ] && [ "${longest:-99999}" -le 2000 ] && echo 1))"

# The same import killed (SIGKILL) when a quarter of it is written, then
# taken back whole by the next open of the database (here `check`), with
# the saver still saving every 100 ms: the taking back goes in batches as
# short as the import's.
rm -f "$WORK/done"
sed 's/ТН-Б/ТН-У/' "$WORK/big.csv" >"$WORK/kill.csv"
"$TOP/$BUILD/stress" pace "$DB" --every 100 --limit 2000 --until "$WORK/done" >"$WORK/pace2.out" 2>"$WORK/pace2.err" &
pacer=$!
i=0
until grep -qF "pace: started" "$WORK/pace2.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 400 ] || { echo "import bench: the saver did not start"; exit 1; }
	sleep 0.05
done
"$BIN" -c "$CONF" --db "$DB" --as regional import persons "$WORK/kill.csv" >"$WORK/out2" 2>&1 &
importer=$!
count() { sqlite3 -batch -noheader "$DB" "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-У%'"; }
i=0
until [ "$(count)" -ge $((ROWS / 4)) ]; do
	i=$((i + 1))
	[ $i -lt 3000 ] || break
	sleep 0.1
done
kill -KILL $importer
wait $importer 2>/dev/null
written=$(count)
python3 -c 'import subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("%.1f %d" % (time.monotonic() - t, rc))' "$BIN" -c "$CONF" --db "$DB" check >"$WORK/res2"
touch "$WORK/done"
wait $pacer
read -r secs2 rc2 <"$WORK/res2"
left=$(count)
line=$(grep "^pace: [0-9]" "$WORK/pace2.out")
failed=$(echo "$line" | sed -n 's/.*: \([0-9]*\) failed.*/\1/p')
longest=$(echo "$line" | sed -n 's/.*longest \([0-9]*\) ms.*/\1/p')
saves=$(echo "$line" | sed -n 's/^pace: \([0-9]*\) saves.*/\1/p')
echo "import killed (SIGKILL) after $written rows: the next open took them back in $secs2 s, check exit $rc2, left $left (goal 0):" \
	"$(verdict $([ "$left" = 0 ] && [ "$written" -gt 0 ] && [ "$rc2" = 0 ] && echo 1))"
echo "import killed: meanwhile ${saves:-0} saves every 100 ms, ${failed:-?} failed, longest ${longest:-?} ms (goal: none failed, none over 2000 ms):" \
	"$(verdict $([ "${failed:-1}" = 0 ] && [ "${longest:-99999}" -le 2000 ] && echo 1))"
