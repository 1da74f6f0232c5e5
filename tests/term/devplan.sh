#!/bin/sh
# The school's development plan as the seed's 3 × 3 grid, as a school
# head at 80x24: the forms of education by the levels with the seed's
# words, each cell its item's texts (a long one ends with «…» after a whole
# word), the chosen cell in full below; arrows move, Enter on an empty cell
# adds its item with that form and level; F9 saves the plan for print.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
year=$(date +%Y)
ins() { # form level goal content forms
	sql "INSERT INTO school_dev_plan (org_id, year, education, audience, goal, content, forms)
	     VALUES ($org, $year, '$1', '$2', '$3', '$4', '$5')"
}
ins formal staff "Курсы по ФГОС для всех" "Обновлённые ФГОС НОО и ООО" "КПК 36 ч"
ins formal groups "Переподготовка учителей начальных классов по программе логопедической направленности с углублённым изучением коррекционных методик" "Логопедия" "переподготовка"
ins nonformal individual "Наставничество молодых" "Посещение уроков" "Пары наставников"
ins informal groups "Самообразование МО" "Чтение профессиональной литературы" "Клуб"
# Another year: not in this year's grid.
sql "INSERT INTO school_dev_plan (org_id, year, education, audience, goal) VALUES ($org, $year - 1, 'informal', 'staff', 'Прошлогодняя цель')"

start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
type_text "Реестры"
keys Enter
wait_for "Планы непрерывного"
keys Down Down Down Down Down Enter
wait_for "Планы непрерывного профессионального развития ОО"
# The list names forms and levels whole in their columns.
wait_for "неформальное  отдельные педагоги"
wait_for "объединения (группы)"
screen | grep -q "…" && fail "a cut word in the list of plans"
wait_for "5Сетка"
keys F5
wait_for "заполнено клеток 4 из 9"
# The seed's words for the levels and the forms.
wait_for "Весь педагогический"
wait_for "Профессиональные"
wait_for "объединения"
wait_for "Отдельные педагоги"
wait_for "Формальное"
wait_for "Неформальное"
wait_for "Информальное"
wait_for "Курсы по ФГОС для"
# The chosen cell (formal × staff) in full below the grid.
wait_for "Формальное образование — Весь педагогический коллектив"
wait_for "Цель: Курсы по ФГОС для всех"
wait_for "Содержание: Обновлённые ФГОС НОО и ООО"
wait_for "Формы: КПК 36 ч"
screen >"$WORK/s1"
grep -q "Прошлогодняя" "$WORK/s1" && fail "another year's item in the grid"
# A long cell ends with «…» after a whole word, within its column.
grep -q "…" "$WORK/s1" || fail "no ellipsis on a long cell"
sql "SELECT group_concat(goal || ' ' || content || ' ' || forms, ' ') FROM school_dev_plan" >"$WORK/words"
python3 - "$WORK/s1" "$WORK/words" <<'PY' || fail "a line is wider than 80 columns or a word is cut"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert len(lines) >= 24, len(lines)
for l in lines:
    assert len(l) <= 80, l
words = set(open(sys.argv[2], encoding="utf-8").read().replace(";", " ").split())
# Each shown word of the long goal is whole (no word cut before «…»).
for l in lines:
    if "…" in l:
        for seg in l.replace("│", "|").split("|"):
            if "…" in seg:
                last = seg.split("…")[0].split()[-1].rstrip(";")
                assert last in words, ("cut word", last, l)
PY
# Move to nonformal × individual: its texts below.
keys Down Right Right
wait_for "Неформальное образование — Отдельные педагоги"
wait_for "Цель: Наставничество молодых"
# An empty cell (informal × staff): Enter adds the item with that form and level.
keys Down Left Left
wait_for "Информальное образование — Весь педагогический коллектив"
wait_for "Клетка не заполнена"
keys Enter
wait_for "Цель"
expect_eq "$(sql "SELECT education || ' ' || audience || ' ' || year FROM school_dev_plan WHERE org_id = $org AND year = $year ORDER BY id DESC LIMIT 1")" \
	"informal staff $year" "the new item's form and level"
keys Tab Tab Tab Tab
type_text "Обмен опытом"
keys F2
wait_for "Сохранено"
wait_for "заполнено клеток 5 из 9"
wait_for "Обмен опытом"
screen >"$WORK/s2"
# F9: the plan for print, HTML (A4) and text.
keys F9
wait_for "План для печати: формат"
keys Enter
wait_for "plan-OO001-$year.html"
keys Enter
wait_for "План сохранён"
keys F9
wait_for "План для печати: формат"
keys Down Enter
wait_for "plan-OO001-$year.txt"
keys Enter
wait_for "plan-OO001-$year.txt"
keys F10
wait_for "Планы непрерывного профессионального развития ОО"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
f="$WORK/plan-OO001-$year"
grep -qF "Формальное образование" "$f.html" || fail "HTML lacks a form"
grep -qF "Профессиональные объединения (группы)" "$f.html" || fail "HTML lacks a level"
grep -qF "Обмен опытом" "$f.html" || fail "HTML lacks the new item"
grep -qF "Прошлогодняя" "$f.html" && fail "HTML holds another year"
for t in "Пары наставников" "Самообразование МО" "Обмен опытом" "Информальное образование" "Отдельные педагоги"; do
	grep -qF "$t" "$f.txt" || { cat "$f.txt"; fail "txt lacks $t"; }
done
grep -qF "Прошлогодняя" "$f.txt" && fail "txt holds another year"
# The same plan from the command line, byte for byte; another school's is refused.
M="$BIN -c $CONF --db $DB"
$M --as school export plan OO001 --year "$year" --format html -o - >"$WORK/cli.html" 2>"$WORK/err" ||
	{ cat "$WORK/err"; fail "export plan"; }
cmp -s "$WORK/cli.html" "$f.html" || fail "the CLI's HTML differs from the screen's"
$M --as school export plan OO001 --year "$year" >"$WORK/cli.txt" 2>"$WORK/err" || { cat "$WORK/err"; fail "export plan txt"; }
cmp -s "$WORK/cli.txt" "$f.txt" || fail "the CLI's text differs from the screen's"
other=$(sql "SELECT code FROM organisation WHERE kind = 'school' AND code <> 'OO001' LIMIT 1")
$M --as school export plan "$other" --year "$year" >"$WORK/out" 2>"$WORK/err"
expect_eq "$?" "1" "another school's plan refused"
[ -s "$WORK/out" ] && fail "a refused plan printed something"
$M --as school export plan OO001 --format pdf >"$WORK/out" 2>"$WORK/err"
expect_eq "$?" "2" "a bad format is a usage error"
w=$(LC_ALL=C.UTF-8 wc -L <"$f.txt")
[ "$w" -le 80 ] || { cat "$f.txt"; fail "a text line of $w columns"; }
exit 0
