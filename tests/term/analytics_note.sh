#!/bin/sh
# The analytic note (seed 004 App.2 §6.4) on the screen of typical deficits
# (F4) as the regional centre: participants, % solved by assessed element
# with whole wordings wrapped to 80 columns, the level by block; F9 saves
# it for printing (HTML; .txt as text); the verb gives the same figures and
# writes it as HTML and XLSX; no figure of it, nor anything worked out by
# subtracting them, covers 1 to k-1 teachers (note_attack.py), on the demo
# region and on a smaller one.
. "$(dirname "$0")/harness"
"$BIN" -c "$CONF" --db "$DB" init --demo >/dev/null || fail "init --demo failed"
y=$(date +%Y)
M="$BIN -c $CONF --db $DB"

# The verb's text: the note after the deficits, for the region.
$M --as regional analytics --year "$y" >"$WORK/out" || fail "analytics failed"
part=$(grep -F "Участники (педагоги с результатами по элементам)" "$WORK/out" | head -1)
[ -n "$part" ] || { cat "$WORK/out"; fail "no participants line"; }
# The participants are those of the region whose latest entry diagnostic of
# the year has element results (counted here from the tables).
n=$(sql "SELECT count(DISTINCT l.person_id) FROM diag_latest l JOIN person p ON p.id = l.person_id AND p.archived = 0
	 JOIN diagnostic_element e ON e.diagnostic_id = l.diag_id WHERE l.year = $y AND l.kind = 'entry'")
[ "$n" -ge 5 ] || fail "the demo has too few participants this year ($n)"
echo "$part" | grep -qF "входная диагностика — $n," || fail "participants differ: $part (expected $n)"
# П-1's % solved for the region, entry: the sum of scores over the sum of maxima.
p1=$(sql "SELECT ((200 * sum(e.score) + sum(e.max_score)) / (2 * sum(e.max_score))) || ' % (' || count(*) || ' чел.)'
	  FROM diag_latest l JOIN person p ON p.id = l.person_id AND p.archived = 0
	  JOIN diagnostic_element e ON e.diagnostic_id = l.diag_id
	  JOIN deficit_code c ON c.id = e.deficit_code_id AND c.code = 'П-1' WHERE l.year = $y AND l.kind = 'entry'")
grep -qF "  П-1: $p1 → " "$WORK/out" || { cat "$WORK/out"; fail "П-1 differs from $p1"; }

HOME=$WORK
export HOME
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Типичные"
keys Enter
wait_for "Типичные дефициты: "
keys F4
wait_for "Аналитическая справка: "
wait_for "входная диагностика — $n,"
wait_for "Результаты по оцениваемым элементам"
wait_for "П-1: $p1 → "
wait_for "Знание содержания учебного предмета в рамках школьной программы"
# A wording longer than the line is wrapped on a space, the rest below.
keys NPage
wait_for "Индивидуализация обучения с учётом образовательных потребностей"
s=$(screen)
echo "$s" | grep -qE "^ +обучающихся *$" || fail "the wording is not wrapped whole"
keys NPage
wait_for "Общий уровень по блокам компетенций"
wait_for "уровень дефицита:"
# Printing: HTML for A4 in the home folder by default.
keys F9
wait_for "Сохранить аналитическую справку"
keys Enter
wait_for "Справка сохранена: "
f=$(ls "$WORK"/справка-region-"$y".html 2>/dev/null)
[ -n "$f" ] || fail "the HTML file was not saved"
grep -qF "<h2>Результаты по оцениваемым элементам</h2>" "$f" || fail "the HTML lacks the elements"
grep -qF "Знание содержания учебного предмета в рамках школьной программы" "$f" || fail "the HTML lacks a wording"
# …and as text, when the name ends in .txt.
keys F9
wait_for "Сохранить аналитическую справку"
keys C-u
type_text "$WORK/note.txt"
wait_for "$WORK/note.txt"
keys Enter
wait_for "Справка сохранена: $WORK/note.txt"
grep -qF "П-1: $p1 → " "$WORK/note.txt" || fail "the text print differs"
python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' \
	"$WORK/note.txt" || fail "a printed line wider than 80"
keys F10 F10 l
wait_for "EXIT 0"

# The verb: HTML and XLSX files; XLSX never to a terminal.
$M --as regional analytics --year "$y" --format html -o "$WORK/cli.html" >/dev/null || fail "analytics html failed"
grep -qF "<h1>Аналитическая справка: " "$WORK/cli.html" || fail "no HTML note"
grep -qF "$p1" "$WORK/cli.html" || fail "the HTML figure differs"
$M --as regional analytics --year "$y" --group all --format xlsx -o "$WORK/cli.xlsx" >/dev/null || fail "analytics xlsx failed"
python3 - "$WORK/cli.xlsx" <<'EOF' || fail "the XLSX is not the note"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
for want in ("Аналитическая справка", "Оцениваемый элемент", "Блок компетенций", "Типичный дефицит", "П-1"):
    if want not in text:
        sys.exit("missing: " + want)
EOF
# A school's own group as the school sees it: no figure of a group under 5.
$M --as school analytics --year "$y" --format html -o "$WORK/school.html" >/dev/null || fail "school html failed"
grep -qF "<h1>Аналитическая справка: " "$WORK/school.html" || fail "no school note"
# The differencing attack on every group each role reaches, every year.
python3 -B "$TOP/tests/term/note_attack.py" "$BIN" "$CONF" "$DB" "$WORK" || fail "the note leaks (demo region)"
second="$WORK/second.db"
"$BIN" -c "$CONF" --db "$second" init --demo --scale 300 >/dev/null || fail "init --demo --scale 300 failed"
python3 -B "$TOP/tests/term/note_attack.py" "$BIN" "$CONF" "$second" "$WORK" || fail "the note leaks (second region)"
echo ok
