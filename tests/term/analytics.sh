#!/bin/sh
# Typical deficits of a school and of the region for this year, entry
# against final, each code as the share of the teachers with a diagnostic
# of the kind («N из M (P %)») and the change in п.п., each column checked
# against its own group (a withheld side withholds the change); the arrows
# select a code, the cursor on its row, its whole wording wrapped beneath
# the list (every line of the screen read at 80x24, no word cut); a group smaller
# than the minimum (5) and the figures that would give it away by
# subtraction show «скр.»; the breakdown is chosen from a closed list (F3),
# the year from the years on record (F5), the group by F6 as on the
# monitoring; the verb prints the same lines.
. "$(dirname "$0")/harness"
demo_db
# The screen, read until two looks 30 ms apart agree.
settled() {
	local a b i=0
	a=$(screen)
	while [ $i -lt $((TIMEOUT * 30)) ]; do
		sleep 0.03
		b=$(screen)
		[ "$a" = "$b" ] && { printf '%s\n' "$a"; return 0; }
		a=$b
		i=$((i + 1))
	done
	fail "the screen never settled"
}
# cursor_on ROW: the terminal's cursor on screen row ROW (0: the title).
cursor_on() {
	local i=0
	until [ "$($T display -p -t t '#{cursor_y}')" = "$1" ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "cursor at $($T display -p -t t '#{cursor_y}'), not on row $1"
		sleep 0.05
	done
}
# scan NAME FILE: no word cut, nothing at the edge (scan80.py).
scan() {
	{ echo "@@ $1: typical deficits"; cat "$2"; } >"$WORK/cap-$1"
	python3 -B "$TOP/tests/term/scan80.py" "$TOP" "$DB" "$WORK/cap-$1" || fail "$1: a word cut"
}
y=$(date +%Y)
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
mun=$(sql "SELECT mun_id FROM organisation WHERE id = $org")
# Two more organisations of the same municipality: a school of eight and
# one of three teachers (the latter withheld, and so the former with it).
b=$(sql "SELECT o.id FROM organisation o WHERE o.mun_id = $mun AND o.id <> $org
	 AND (SELECT count(*) FROM person WHERE org_id = o.id AND archived = 0 AND position = 'учитель') >= 8
	 ORDER BY o.id LIMIT 1")
k=$(sql "SELECT o.id FROM organisation o WHERE o.mun_id = $mun AND o.id NOT IN ($org, $b)
	 AND (SELECT count(*) FROM person WHERE org_id = o.id AND archived = 0 AND position = 'учитель') >= 3
	 ORDER BY o.id LIMIT 1")
[ -n "$b" ] && [ -n "$k" ] || fail "the demo region has no schools for the test"
add_diag() { # person kind codes level
	sql "INSERT INTO diagnostic(person_id, form, kind, diag_date) VALUES ($1, 'standardized', '$2', '$y-0$([ $2 = entry ] && echo 3 || echo 9)-01');
	     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level) SELECT (SELECT max(id) FROM diagnostic), 2, 50, '$4' WHERE '$4' <> '';
	     INSERT INTO diagnostic_deficit(diagnostic_id, deficit_code_id) SELECT (SELECT max(id) FROM diagnostic), id FROM deficit_code WHERE code IN ($3);"
}
teachers() { # org count
	sql "SELECT id FROM person WHERE org_id = $1 AND archived = 0 AND position = 'учитель' ORDER BY id LIMIT $2"
}
# OO001: ten teachers, М-1 for five, М-3 for all (so it is never shown),
# methodical block five high and five medium; two of them have a final.
i=0
for p in $(teachers "$org" 10); do
	i=$((i + 1))
	codes="'М-3'"; [ $i -le 5 ] && codes="'М-1','М-3'"
	level=high; [ $i -gt 5 ] && level=medium
	add_diag "$p" entry "$codes" $level
	[ $i -le 2 ] && add_diag "$p" final "'М-3'" low
done
# The other two: М-1 for three of eight, two of three; ПП-3 (the longest
# wording) for the rest.
entries() { # org teachers with-М-1
	i=0
	for p in $(teachers "$1" "$2"); do
		i=$((i + 1))
		codes="'ПП-3'"; [ $i -le "$3" ] && codes="'М-1'"
		add_diag "$p" entry "$codes" ""
	done
}
entries "$b" 8 3
entries "$k" 3 2

# One diagnostic two years ago: the years on record run from then.
sql "INSERT INTO diagnostic(person_id, form, kind, diag_date) SELECT id, 'self', 'entry', '$((y - 2))-05-05'
     FROM person WHERE org_id = $k AND archived = 0 ORDER BY id LIMIT 1"

start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
wait_for "Типичные дефициты"
type_text "Типичные"
keys Enter
wait_for "Типичные дефициты: СШ № 12, $y год"
wait_for "С входной диагностикой за год: 10; с итоговой: скр."
wait_for "Методические               10 → скр."
# Every line: 5 of 10 teachers with an entry diagnostic have М-1 (50 %);
# the final's two teachers are withheld, so are its share and the change.
# М-1 is selected: its wording whole beneath the list, the cursor on it.
settled >"$WORK/school"
cat >"$WORK/expect" <<EOT
 Типичные дефициты: СШ № 12, $y год                                   Маршрут
 Все педагоги группы
   С входной диагностикой за год: 10; с итоговой: скр.
   Педагогов с дефицитом из педагогов с диагностикой (доля, %):
   Код       Входная              Итоговая              Изм., п.п.
   М-1       5 из 10 (50 %)       скр.                        скр.
   Остальные коды: у меньше чем 5 педагогов или скрыты.
   Уровень дефицита по блокам, педагогов (входная → итоговая):
   Блок                     оценено     высокий     средний     низкий
   Методические               10 → скр. скр. → скр.    5 → скр. скр. → скр.

 «скр.» — цифра скрыта: она касалась бы меньше чем 5 педагогов или говорила бы
 обо всех в группе (или обо всех, кроме меньше чем 5), либо её можно было бы
 вычислить вычитанием из показанных цифр — из группы её части, из
 муниципалитета его организаций, из числа педагогов тех, у кого есть дефицит.
 Тогда скрыта и ещё одна цифра, наименьшая из соседних. Группы и разрезы только
 постоянные: регион, муниципалитет, организация; должность, предмет, форма
 диагностики. У каждого педагога — последняя входная и последняя итоговая
 диагностика за год. Доля — педагогов с дефицитом из педагогов с диагностикой

 М-1: Владение методикой преподавания предмета


1Помощь 2       3Разрез 4Справка5Год    6Уровень7       8       9Печать 10Выход
EOT
diff "$WORK/expect" "$WORK/school" >&2 || fail "the school's screen differs"
cursor_on 5
scan school "$WORK/school"
# The breakdown comes from a closed list: nothing to type.
keys F3
wait_for "по формам диагностики"
wait_for "по предметам"
keys Down Enter
wait_for "Типичные дефициты: СШ № 12, $y год, по должностям"
wait_for "Должность: учителя"
keys F10 F10 l
wait_for "EXIT 0"

# The regional centre: the region, then the school of three (withheld),
# then an earlier year (nobody), then by position.
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Типичные"
keys Enter
wait_for "С входной диагностикой за год: 21; с итоговой: скр."
# 10 of 21 is 47.6 %: 48; ПП-3 (6 of 21, 28.6 %: 29) is second.
wait_for "  М-1       10 из 21 (48 %)      скр.                        скр."
wait_for "  ПП-3      6 из 21 (29 %)       скр.                        скр."
wait_for "М-1: Владение методикой преподавания предмета"
cursor_on 5
# Down: ПП-3, its wording wider than the line, wrapped at a space.
keys Down
wait_for "ПП-3: Индивидуализация обучения"
settled >"$WORK/region"
sed -n 7p "$WORK/region" | grep -qF "ПП-3      6 из 21" || fail "ПП-3 is not the second row"
cursor_on 6
tail -n 5 "$WORK/region" >"$WORK/wording"
cat >"$WORK/expect" <<EOT

 ПП-3: Индивидуализация обучения с учётом образовательных потребностей
 обучающихся

1Помощь 2       3Разрез 4Справка5Год    6Уровень7       8       9Печать 10Выход
EOT
diff "$WORK/expect" "$WORK/wording" >&2 || fail "the wording is not whole beneath the list"
scan region "$WORK/region"
# Down past the last code scrolls on (the selection stays, in view);
# Up selects the code above, the cursor with it.
keys Down Down Down
wait_for "входной, в процентных пунктах (п.п.)"
wait_for "ПП-3: Индивидуализация обучения"
keys Up
wait_for "М-1: Владение методикой преподавания предмета"
cursor_on 2
keys F6
wait_for "Организация…"
keys Down Down Down Down Down Down Enter
wait_for "Выбор организации"
code=$(sql "SELECT code FROM organisation WHERE id = $k")
type_text "$code"
wait_for "$code"
keys Enter
wait_for "С входной диагностикой за год: скр.; с итоговой: 0"
s=$(screen)
echo "$s" | grep -qF "М-1 " && fail "figures shown for a group of three"
# …and the school of eight, which would give the three away by subtraction.
keys F6
wait_for "Организация…"
keys Down Down Down Down Down Down Enter
wait_for "Выбор организации"
code=$(sql "SELECT code FROM organisation WHERE id = $b")
type_text "$code"
wait_for "$code"
keys Enter
wait_for "С входной диагностикой за год: скр.; с итоговой: 0"
keys F5
wait_for "Год диагностики"
keys Up Enter
wait_for "$((y - 1)) год"
wait_for "С входной диагностикой за год: 0; с итоговой: 0"
keys F10 F10 l
wait_for "EXIT 0"

# The verb prints the screen's lines.
"$BIN" -c "$CONF" --db "$DB" --as school analytics >"$WORK/out" || fail "analytics failed"
grep -qF "С входной диагностикой за год: 10; с итоговой: скр." "$WORK/out" || fail "the verb differs"
grep -qF "  М-1       5 из 10 (50 %)       скр.                        скр." "$WORK/out" ||
	fail "the verb differs: М-1"
grep -qxF "            Владение методикой преподавания предмета" "$WORK/out" || fail "the verb lacks the wording"
# CSV: the columns as before, the share and the change after them (numbers;
# «скрыто» where withheld).
"$BIN" -c "$CONF" --db "$DB" --as school analytics --format csv >"$WORK/csv" || fail "analytics csv failed"
grep -qF "Группа;Код группы;Часть группы;Диагностика;Показатель;Код или блок;Значение;Размер группы;Доля, %;Изменение, п.п." \
	"$WORK/csv" || { cat "$WORK/csv"; fail "the CSV's header differs"; }
grep -qF ";Все педагоги группы;входная;с дефицитом;М-1;5;10;50;" "$WORK/csv" || fail "the CSV's share of М-1"
grep -qF ";Все педагоги группы;итоговая;с дефицитом;М-1;скр.;скр.;скрыто;скрыто" "$WORK/csv" || fail "the CSV's change of М-1"

# The whole demo region (its codes more than the screen's rows): Down to
# the last code keeps the columns' header on the top line, the cursor on
# the code's row, its wording (the verb's, under its row) whole beneath.
DB="$WORK/full.db"
"$BIN" -c "$CONF" --db "$DB" init --demo >/dev/null || fail "init --demo failed"
"$BIN" -c "$CONF" --db "$DB" --as regional analytics >"$WORK/full" || fail "analytics failed"
python3 - "$WORK/full" >"$WORK/last" <<'PY' || fail "no codes in the demo region"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("  Код       Входная"))
codes = []
for l in lines[start + 1:]:
    if l.startswith("            "):
        codes[-1][1].append(l.strip())
    elif l.startswith("  ") and not l.startswith("  Остальные"):
        codes.append((l, []))
    else:
        break
assert len(codes) > 15
row, wording = codes[-1]
print(len(codes))
print(row)
print(row.split()[0] + ": " + " ".join(wording))
PY
n=$(sed -n 1p "$WORK/last")
row=$(sed -n 2p "$WORK/last")
whole=$(sed -n 3p "$WORK/last")
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Типичные"
keys Enter
wait_for "Все педагоги группы"
i=1
while [ $i -lt "$n" ]; do
	keys Down
	i=$((i + 1))
done
wait_for "$row"
wait_for "${whole%% *}"
settled >"$WORK/last-screen"
sed -n 2p "$WORK/last-screen" | grep -qF "  Код       Входная              Итоговая              Изм., п.п." ||
	fail "the columns' header is not on the top line: $(sed -n 2p "$WORK/last-screen")"
sed -n 19p "$WORK/last-screen" | grep -qF "$row" || fail "the last code is not on the list's last row"
cursor_on 18
got=$(sed -n 21,22p "$WORK/last-screen" | sed 's/^ //; s/ *$//' | tr '\n' ' ' | sed 's/ *$//')
[ "$got" = "$whole" ] || fail "the wording beneath: «$got», the verb's: «$whole»"
scan region-last "$WORK/last-screen"
keys F10 F10 l
wait_for "EXIT 0"
echo ok
