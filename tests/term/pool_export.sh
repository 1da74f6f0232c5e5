#!/bin/sh
# The pool's annual list saved from the pool screen (F9) as CSV and XLSX
# into the user's home folder, and by «marshrut report pool»: the CSV holds
# the members by surname with their requirements checked; the XLSX (read
# with python3's zipfile) holds the same rows; the text fits 80 columns;
# only the regional centre and the administrator get the list.
. "$(dirname "$0")/harness"
demo_db
year=$(date +%Y)
sql "UPDATE person SET category = 'highest', education = 'higher_ped', experience_years = 12,
     experience_date = NULL WHERE surname = 'Морозова' AND name = 'Светлана';
     INSERT INTO methodist_pool (year, person_id, state)
       SELECT $year, id, 'member' FROM person WHERE surname = 'Морозова' AND name = 'Светлана';
     INSERT INTO methodist_pool (year, person_id, state)
       SELECT $year, id, 'candidate' FROM person WHERE surname = 'Григорьев' AND name = 'Алексей';
     INSERT INTO methodist_pool (year, person_id, state)
       SELECT $year - 1, id, 'member' FROM person WHERE surname = 'Соколова' AND name = 'Марина'"
expect_eq "$(sql "SELECT count(*) FROM methodist_pool WHERE year = $year")" "2" "two in the year's pool"
g=$(sql "SELECT (category = 'highest') || (education = 'higher_ped') || (coalesce(experience_years, 0) >= 5)
	 FROM person WHERE surname = 'Григорьев' AND name = 'Алексей'")
[ "$g" = "111" ] && fail "the fixture needs an unmet requirement"

start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Методический"
keys Enter
wait_for "Методический актив $year г.: 1 чел."
wait_for "9Список"
keys Tab
wait_for "Морозова Светлана"
keys F9
wait_for "Список актива: формат"
wait_for "CSV (Excel)"
keys Enter
wait_for "Сохранить список актива в файл"
wait_for "pool-$year.csv"
keys Enter
wait_for "Список актива сохранён"
wait_for "(2 чел.)"
[ -s "$WORK/pool-$year.csv" ] || fail "no CSV file"
keys F9
wait_for "Список актива: формат"
keys Down Enter
wait_for "pool-$year.xlsx"
keys Enter
wait_for "pool-$year.xlsx (2 чел.)"
[ -s "$WORK/pool-$year.xlsx" ] || fail "no XLSX file"
# A second save to the same name never overwrites the first.
keys F9
wait_for "Список актива: формат"
keys Enter
wait_for "pool-$year.csv"
keys Enter
wait_for "существует"
keys F10 F10 l
wait_for "EXIT 0"

python3 - "$WORK/pool-$year.csv" "$WORK/pool-$year.xlsx" <<'PY' || fail "the list is wrong"
import csv, re, sys, zipfile
import xml.etree.ElementTree as ET
csv_path, xlsx_path = sys.argv[1:3]
raw = open(csv_path, "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "BOM"
rows = list(csv.reader(raw[3:].decode("utf-8").splitlines(), delimiter=";"))
head = next(i for i, r in enumerate(rows) if r and r[0] == "№")
assert rows[head][:3] == ["№", "ФИО", "Организация"], rows[head]
req = rows[head].index("Требования к методисту")
st = rows[head].index("Статус")
body = [r for r in rows[head + 1:] if r and r[0].isdigit()]
assert [r[0] for r in body] == ["1", "2"], body
# By surname: Григорьев before Морозова; the past year's Соколова is not listed.
assert body[0][1].startswith("Григорьев Алексей"), body
assert body[1][1].startswith("Морозова Светлана"), body
assert body[0][req].startswith("нет: "), body[0]
assert body[1][req] == "соответствует", body[1]
assert body[0][st] == "кандидат" or body[0][st].startswith("кандидат"), body[0]
assert "Соколова" not in raw.decode("utf-8")
assert any("Всего в списке: 2, из них членов актива: 1." in c for r in rows for c in r), rows

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(xlsx_path)
shared = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
          for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
grid = {}
for c in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}c" % NS["m"]):
    col, row = re.match(r"([A-Z]+)(\d+)", c.get("r")).groups()
    v = c.find("m:v", NS)
    if v is None:
        continue
    ci = 0
    for ch in col:
        ci = ci * 26 + ord(ch) - 64
    grid.setdefault(int(row), {})[ci - 1] = shared[int(v.text)] if c.get("t") == "s" else v.text
xrows = [[grid[r].get(i, "") for i in range(max(grid[r]) + 1)] for r in sorted(grid)]
xhead = next(i for i, r in enumerate(xrows) if r and r[0] == "№")
xbody = [r for r in xrows[xhead + 1:] if r and r[0].isdigit()]
assert [r[1] for r in xbody] == [r[1] for r in body], (xbody, body)
assert [r[req] for r in xbody] == [r[req] for r in body], xbody
PY

# The same list from the command line; text fits 80 columns.
M="$BIN -c $CONF --db $DB"
$M --as regional report pool --year "$year" --format csv -o "$WORK/cli.csv" >"$WORK/out" 2>"$WORK/err" ||
	{ cat "$WORK/err"; fail "report pool --format csv"; }
cmp -s "$WORK/cli.csv" "$WORK/pool-$year.csv" || fail "the CLI's CSV differs from the screen's"
$M --as admin report pool --year "$year" >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; fail "report pool txt"; }
grep -qF "Морозова Светлана" "$WORK/out" || { cat "$WORK/out"; fail "txt lacks a member"; }
w=$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")
[ "$w" -le 80 ] || { cat "$WORK/out"; fail "a line of $w columns"; }
$M report list >"$WORK/out" 2>"$WORK/err" </dev/null
grep -q "^pool " "$WORK/out" || fail "report list lacks pool"
# Nobody else: a school head or a municipal specialist is refused, no file.
$M --as school report pool --format csv -o "$WORK/refused.csv" >"$WORK/out" 2>"$WORK/err"
expect_eq "$?" "1" "school refused"
grep -qF "региональному центру" "$WORK/err" || { cat "$WORK/err"; fail "no reason given"; }
[ -e "$WORK/refused.csv" ] && fail "a refused list left a file"
$M --as regional report pool --scope mun:M01 >"$WORK/out" 2>"$WORK/err"
expect_eq "$?" "2" "no --scope for the pool"
exit 0
