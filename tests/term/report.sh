#!/bin/sh
# The verb «report»: the real binary on a demo database. The list of
# reports; the indicators of a municipality as text, CSV and XLSX hold the
# same figures (the XLSX read with python3's zipfile and xml); the default
# scope is the widest the user reaches, a scope he does not reach is
# refused; -o writes a new file and never overwrites one; exit codes 0 / 1 /
# 2; every text line fits 80 columns.
. "$(dirname "$0")/harness"
M="$BIN -c $CONF --db $DB"

run() { # run EXPECTED_CODE args...: stdout to $WORK/out, stderr to $WORK/err
	want=$1; shift
	$M "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	got=$?
	[ "$got" = "$want" ] || { cat "$WORK/err"; fail "marshrut $*: exit $got, expected $want"; }
}
out_has() { grep -qF -- "$1" "$WORK/out" || { cat "$WORK/out"; fail "stdout lacks: $1"; }; }
err_has() { grep -qF -- "$1" "$WORK/err" || { cat "$WORK/err"; fail "stderr lacks: $1"; }; }
fits_80() { # the widest line of stdout, in columns
	w=$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")
	[ "$w" -le 80 ] || fail "a line of $w columns"
}

demo_db

# Until the verb is wired into src/cli/cli.c this test fails, and says why.
$M report list >"$WORK/out" 2>"$WORK/err" </dev/null
if grep -qF "неизвестная команда" "$WORK/err"; then
	echo "FAIL: the verb «report» is not wired: add { \"report\", verb_report } to the verbs of src/cli/cli.c"
	exit 1
fi

run 0 report list
for name in courses contests mentors city_mo staff_moves staff needs events routes indicators; do
	grep -q "^$name " "$WORK/out" || { cat "$WORK/out"; fail "report list lacks $name"; }
done
out_has "Таблица 3."
fits_80

# The indicators of M01 in the three formats.
run 0 --as municipal report indicators --year 2024 --scope mun:M01 --format txt
out_has "Целевые показатели"
out_has "г. Смоленск (M01), 2024 год"
fits_80
cp "$WORK/out" "$WORK/ind.txt"
run 0 --as municipal report indicators --year 2024 --scope mun:M01 --format csv -o "$WORK/ind.csv"
out_has "ind.csv"
run 0 --as municipal report indicators --year 2024 --scope mun:M01 --format xlsx -o "$WORK/ind.xlsx"
[ -s "$WORK/ind.csv" ] && [ -s "$WORK/ind.xlsx" ] || fail "no CSV or XLSX file"
head -c 3 "$WORK/ind.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "CSV without a BOM"
grep -q "$(printf '\r')\$" "$WORK/ind.csv" || fail "CSV without CRLF line ends"
python3 - "$WORK/ind.csv" "$WORK/ind.xlsx" "$WORK/ind.txt" <<'EOF' || fail "the formats disagree"
import csv, re, sys, zipfile
import xml.etree.ElementTree as ET

csv_path, xlsx_path, txt_path = sys.argv[1:4]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
COLS = ["Значение", "Числитель", "Знаменатель", "Целевое значение", "Отметка"]

def num(s):
    """A figure as a number when it is one (a comma or a dot), else the text."""
    s = s.strip()
    try:
        return round(float(s.replace(",", ".")), 2)
    except ValueError:
        return s

def table(rows):
    """{code: [figures]} from the rows after the header line."""
    head = next(i for i, r in enumerate(rows) if r and r[0] == "№ пп")
    idx = [rows[head].index(c) for c in COLS]
    out = {}
    for r in rows[head + 1:]:
        if len(r) < len(rows[head]) or not r[0]:
            continue
        out[r[0]] = [num(r[i]) for i in idx]
    return out

raw = open(csv_path, "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "BOM"
assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "CRLF only"
text = raw[3:].decode("utf-8")
from_csv = table(list(csv.reader(text.splitlines(), delimiter=";")))

z = zipfile.ZipFile(xlsx_path)
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
assert sheets == ["xl/worksheets/sheet1.xml"], sheets
shared = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
          for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
grid, texts = {}, set()
for c in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}c" % NS["m"]):
    col, row = re.match(r"([A-Z]+)(\d+)", c.get("r")).groups()
    v = c.find("m:v", NS)
    if v is None:
        continue
    val = shared[int(v.text)] if c.get("t") == "s" else v.text
    ci = 0
    for ch in col:
        ci = ci * 26 + ord(ch) - 64
    grid.setdefault(int(row), {})[ci - 1] = val
    if c.get("t") == "s":
        texts.add((int(row), ci - 1))
rows, numbers = [], 0
for r in sorted(grid):
    rows.append([grid[r].get(i, "") for i in range(max(grid[r]) + 1)])
# Figures are numbers in the workbook, not texts: «—» and a figure withheld
# by the disclosure rule («скрыто») are the only texts there.
keys = sorted(grid)
head = next(i for i, r in enumerate(rows) if r and r[0] == "№ пп")
vcol = rows[head].index("Значение")
for i in range(head + 1, len(rows)):
    if len(rows[i]) > vcol and rows[i][0]:
        if (keys[i], vcol) in texts:
            assert rows[i][vcol] == "—" or rows[i][vcol].startswith("скрыто"), rows[i]
        else:
            numbers += 1
assert numbers > 0, "no figure is a number"
from_xlsx = table(rows)

assert from_csv and from_csv == from_xlsx, (from_csv, from_xlsx)

# The text: a block per indicator, from its code to the next one.
lines = open(txt_path, encoding="utf-8").read().split("\n")
codes = list(from_csv)
blocks, cur = {}, None
for ln in lines:
    first = ln.split(" ", 1)[0]
    if first in codes:
        cur = first
        blocks[cur] = []
    if cur:
        blocks[cur].append(ln)
for code, figs in from_csv.items():
    assert code in blocks, code
    found = {}
    for ln in blocks[code]:
        m = re.match(r"\s*(.+?) \.+ (\S.*)$", ln)
        if m:
            found[m.group(1)] = num(m.group(2))
    for c, f in zip(COLS, figs):
        assert found.get(c, "") == f, (code, c, found.get(c), f)   # a blank cell is not listed
assert any(isinstance(f[0], float) and f[0] > 0 for f in from_csv.values()), "all zero"
print("same figures:", len(from_csv), "indicators")
EOF

# Default scope: the widest the user reaches; the year defaults to this one.
run 0 --as school report staff
out_has "(OO001)"
out_has "$(date +%Y) год"
fits_80
run 0 --as regional report courses --year 2024
out_has "Смоленская область, 2024 год"
out_has "Всего"
fits_80
run 0 --as municipal report contests --year 2024 --scope org:OO001
out_has "(OO001)"
run 0 --as municipal report routes --year 2024 --scope mun:1
out_has "(M01)"

# Refusals: a scope the user does not reach, no scope at all, no such record.
run 1 --as school report staff --year 2024 --scope region
err_has "регион"
run 1 --as school report staff --year 2024 --scope mun:M01
err_has "нет доступа"
run 1 --as municipal report staff --year 2024 --scope mun:M02
err_has "нет доступа"
run 1 --as teacher report staff --year 2024
err_has "нет доступа ни к одной организации"
run 1 --as municipal report staff --year 2024 --scope mun:NOPE
err_has "нет муниципалитета с кодом NOPE"
run 1 --as school report staff --year 2024 --scope region -o "$WORK/refused.txt"
[ -e "$WORK/refused.txt" ] && fail "a refused report left a file"
run 1 --as nobody report staff
err_has "не зарегистрирован"

# -o never overwrites.
echo keep >"$WORK/exists.csv"
run 1 --as municipal report staff --year 2024 --format csv -o "$WORK/exists.csv"
err_has "уже существует"
[ "$(cat "$WORK/exists.csv")" = keep ] || fail "the existing file was changed"

# Usage errors.
run 2 --as municipal report staff --year 1999
err_has "--year"
run 2 --as municipal report staff --year 20x4
run 2 --as municipal report staff --year
run 2 --as municipal report staff --format pdf
run 2 --as municipal report staff --format xlsx
err_has "-o"
run 2 --as municipal report staff --scope town:X
run 2 --as municipal report staff --scope mun:
run 2 --as municipal report astrology
run 2 --as municipal report
run 2 --as municipal report list extra
run 2 --as municipal report staff --year 2024 --year 2025
run 2 --as municipal report staff --bogus
echo ok
