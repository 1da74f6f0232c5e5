#!/bin/sh
# Monitoring shares of persons cannot be subtracted (issue 12): on the demo
# region and on a second one of another size, every figure each demo user
# can obtain through `marshrut report indicators` (every group he may ask
# for, every year, CSV) is attacked by differencing (indicators_attack.py):
# no figure, no parent minus its shown children, nothing computable from the
# figures covers 1 to k-1 persons. Then the monitoring screen shows the same
# decision as the report, figure by figure, for the year and the trend's
# earlier years, though one is read as municipal and the other as regional.
. "$(dirname "$0")/harness"
M="$BIN -c $CONF --db $DB"

"$BIN" -c "$CONF" --db "$DB" init --demo >/dev/null || fail "init --demo failed"
python3 -B "$TOP/tests/term/indicators_attack.py" "$BIN" "$CONF" "$DB" || fail "the demo region leaks"

second="$WORK/second.db"
"$BIN" -c "$CONF" --db "$second" init --demo --scale 300 >/dev/null || fail "init --demo --scale 300 failed"
python3 -B "$TOP/tests/term/indicators_attack.py" "$BIN" "$CONF" "$second" || fail "the second region leaks"

# The screen of the municipal specialist: his municipality, this year.
year=$(date +%Y)
mun=$(sql "SELECT m.code FROM user_role r JOIN app_user u ON u.id = r.user_id
	JOIN municipality m ON m.id = r.mun_id WHERE u.login = 'municipal'")
for y in $((year - 3)) $((year - 2)) $((year - 1)) $year; do
	$M --as regional report indicators --scope "mun:$mun" --year $y --format csv >"$WORK/r$y.csv" ||
		fail "report indicators --year $y failed"
done
start "$BIN" -c "$CONF" --db "$DB" --as municipal
wait_for "главное меню"
type_text "Монит"
keys Enter
wait_for "Мониторинг $year:"
wait_for "УИ-1 "
wait_gone "…→"
screen >"$WORK/screen"
python3 - "$WORK" "$year" <<'EOF' || fail "the screen and the report disagree"
import csv, re, sys

work, year = sys.argv[1], int(sys.argv[2])
PERSONS = {"УИ-1", "УИ-3", "УИ-4", "УИ-8", "УИ-10", "УИ-11", "УИ-16", "УИ-18", "УИ-19", "ОМ-1", "ОМ-2"}


def rows(y):
    out, inside = {}, False
    with open(f"{work}/r{y}.csv", encoding="utf-8-sig", newline="") as f:
        for r in csv.reader(f, delimiter=";"):
            if not inside:
                inside = bool(r) and r[0] == "№ пп"
                continue
            if not r:
                break
            out[r[0]] = r
    return out


def shown(r):
    """The screen's value for a report row."""
    code, unit, value, num, den = r[0], r[2], r[3], r[4], r[5]
    if value == "скрыто":
        return f"скрыто (…/{den})" if den != "скрыто" else "скрыто"
    if value.startswith("скрыто"):
        return value
    if value == "—":
        return "нет данных"
    v = 100 * int(num) / int(den) if unit == "%" else float(num)
    text = ("%.1f" % v).replace(".", ",")
    return f"{text}% ({num}/{den})" if unit == "%" else text


def trend(y, r):
    value, num, den = r[3], r[4], r[5]
    if value.startswith("скрыто") or value == "—":
        return "—"
    v = 100 * int(num) / int(den) if r[2] == "%" else float(num)
    return "%.0f" % v


reports = {y: rows(y) for y in range(year - 3, year + 1)}
screen = open(f"{work}/screen", encoding="utf-8").read()
if "«скрыто» — цифра касалась бы меньше чем 5 педагогов" not in screen:
    sys.exit("no explanation of withheld figures under the list:\n" + screen)
seen = withheld = 0
for line in screen.splitlines():
    m = re.match(r"^ (УИ-\d+|ОМ-\d+) +(.+?)  +.*?  +(\S+→\S+→\S+→\S+)\s*$", line)
    if not m:
        continue
    code, value, dyn = m.groups()
    want = shown(reports[year][code])
    if value != want:
        sys.exit(f"{code}: the screen shows «{value}», the report «{want}»")
    want_dyn = "→".join(trend(y, reports[y][code]) for y in range(year - 3, year + 1))
    if dyn != want_dyn:
        sys.exit(f"{code}: the screen's trend «{dyn}», the reports' «{want_dyn}»")
    seen += 1
    withheld += code in PERSONS and value.startswith("скрыто")
if seen < 10 or withheld == 0:
    sys.exit(f"{seen} rows read, {withheld} of persons withheld: the check proves nothing\n" + screen)
print(f"screen: {seen} rows as in the reports, {withheld} shares of persons withheld")
EOF
keys F10
wait_for "главное меню"
echo ok
