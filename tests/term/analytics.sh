#!/bin/sh
# Typical deficits of a school and of the region for this year, entry
# against final, each column checked against its own group; a group smaller
# than the minimum (5) and the figures that would give it away by
# subtraction show «скр.»; the breakdown is chosen from a closed list (F3),
# the year from the years on record (F5), the group by F6 as on the
# monitoring; the verb prints the same lines.
. "$(dirname "$0")/harness"
demo_db
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
# The other two: М-1 for three of eight, two of three.
entries() { # org teachers with-М-1
	i=0
	for p in $(teachers "$1" "$2"); do
		i=$((i + 1))
		codes="'М-2'"; [ $i -le "$3" ] && codes="'М-1'"
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
wait_for "М-1            5      скр."
wait_for "Методические               10 → скр."
s=$(screen)
echo "$s" | grep -qF "М-3 " && fail "a code of all ten is shown"
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
wait_for "М-1           10      скр."
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
grep -qF "  М-1            5      скр." "$WORK/out" || fail "the verb differs: М-1"
echo ok
