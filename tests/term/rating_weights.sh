#!/bin/sh
# The rating's weights come from the configuration (section rating): with
# a product worth 10 and a municipal prize worth nothing, the rating screen
# at 80x24 states those weights whole and ranks by them; a bad weight stops
# the program with the file, line and key on stderr.
. "$(dirname "$0")/harness"
demo_db
year=$(date +%Y)
# The shipped file with its relative paths made absolute, two weights changed.
sed -E -e "s#= \"([a-z_]+\\.conf)\"#= \"$TOP/conf/\\1\"#" \
	-e 's/^(\tmunicipal =) 2/\1 0/' -e 's/^(\tprize =) 2/\1 0/' -e 's/^(\tproduct =) 2/\1 10/' \
	"$CONF" >"$WORK/w.conf"
grep -q "product = 10" "$WORK/w.conf" || fail "the weights were not changed"
a=$(sql "SELECT id FROM person WHERE surname = 'Морозова' AND name = 'Светлана'")
b=$(sql "SELECT id FROM person WHERE surname = 'Григорьев' AND name = 'Алексей'")
sql "INSERT INTO participation (person_id, kind, title, level, year, result) VALUES ($a, 'contest', 'К1', 'municipal', $year, 'prize');
     INSERT INTO participation (person_id, kind, title, level, year, result) VALUES ($a, 'contest', 'К2', 'municipal', $year, 'prize');
     INSERT INTO innovation (person_id, title, year, level, result) VALUES ($b, 'П', $year, 'school', 'positive')"
start "$BIN" -c "$WORK/w.conf" --db "$DB" --as regional
wait_for "главное меню"
type_text "Реестры"
keys Enter
wait_for "Рейтинг методической активности педагогов"
keys End Enter
wait_for "Рейтинг методической активности за $year г."
wait_for "муниципальный"
wait_for "уровень +10."
screen >"$WORK/s"
grep -q "муниципальный 0\|муниципальный$" "$WORK/s" || fail "the municipal weight is not shown"
# Григорьев (1 + 10 = 11) above Морозова (0 + 0, twice = 0).
python3 - "$WORK/s" <<'PY' || fail "the order does not follow the weights"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert all(len(l) <= 80 for l in lines)
g = next(i for i, l in enumerate(lines) if "Григорьев Алексей" in l)
m = next(i for i, l in enumerate(lines) if "Морозова Светлана" in l)
assert g < m, (g, m)
assert lines[g].split()[-2] == "11", lines[g]
assert lines[m].split()[-2] == "0", lines[m]
PY
keys F10 F10 l
wait_for "EXIT 0"
# A negative weight: refused, naming the file, the line and the key.
sed -E 's/^(\tfederal =) 4/\1 -4/' "$WORK/w.conf" >"$WORK/bad.conf"
"$BIN" -c "$WORK/bad.conf" --db "$DB" report list >"$WORK/out" 2>"$WORK/err"
expect_eq "$?" "1" "a bad weight stops the program"
line=$(grep -n "federal = -4" "$WORK/bad.conf" | cut -d: -f1)
grep -qF "bad.conf:$line: rating: federal: нужно целое число баллов от 0 до 1000, а не -4" "$WORK/err" ||
	{ cat "$WORK/err"; fail "the message does not name the key"; }
[ -s "$WORK/out" ] && fail "a refused configuration printed a report list"
exit 0
