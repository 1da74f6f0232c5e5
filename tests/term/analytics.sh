#!/bin/sh
# Typical deficits of a school and of a municipality, entry against final;
# a group smaller than the minimum (5) shows no figures at all.
. "$(dirname "$0")/harness"
demo_db
org=$(sql "SELECT id FROM organisation WHERE code = 'OO001'")
other=$(sql "SELECT o.id FROM organisation o WHERE o.mun_id <> (SELECT mun_id FROM organisation WHERE id = $org)
	     AND o.kind = 'school' AND (SELECT count(*) FROM person WHERE org_id = o.id) >= 3 ORDER BY o.id LIMIT 1")
# Six teachers of OO001 and three of another school: an entry diagnostic each
# (М-1 for all, М-3 for four; methodical block: three high, three medium);
# a final one for two of OO001, without М-1.
add_diag() { # person kind codes level
	sql "INSERT INTO diagnostic(person_id, form, kind, diag_date) VALUES ($1, 'standardized', '$2', '2026-0$([ $2 = entry ] && echo 3 || echo 9)-01');
	     INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level) VALUES ((SELECT max(id) FROM diagnostic), 2, 50, '$4');
	     INSERT INTO diagnostic_deficit(diagnostic_id, deficit_code_id) SELECT (SELECT max(id) FROM diagnostic), id FROM deficit_code WHERE code IN ($3);"
}
i=0
for p in $(sql "SELECT id FROM person WHERE org_id = $org AND archived = 0 ORDER BY id LIMIT 6"); do
	i=$((i + 1))
	codes="'М-1'"; [ $i -le 4 ] && codes="'М-1','М-3'"
	level=high; [ $i -gt 3 ] && level=medium
	add_diag "$p" entry "$codes" $level
	[ $i -le 2 ] && add_diag "$p" final "'М-3'" low
done
for p in $(sql "SELECT id FROM person WHERE org_id = $other AND archived = 0 ORDER BY id LIMIT 3"); do
	add_diag "$p" entry "'М-1'" high
done

start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
wait_for "Типичные дефициты"
type_text "Типичные"
keys Enter
wait_for "Типичные дефициты: СШ № 12"
wait_for "Педагогов с входной диагностикой: 6"
wait_for "М-1            6         0         -6"
wait_for "М-3            4         2         -2"
wait_for "Методические                      3 → 0       3 → 0       0 → 2"
keys F10 F10
wait_for "EXIT 0"

# The regional centre: the region, then a school of three — withheld.
start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Типичные"
keys Enter
wait_for "Педагогов с входной диагностикой: 9"
wait_for "М-1            9         0         -9"
keys F5
wait_for "Организация…"
keys Down Down Down Down Down Down Enter
wait_for "Выбор организации"
type_text "$(sql "SELECT code FROM organisation WHERE id = $other")"
wait_for "$(sql "SELECT code FROM organisation WHERE id = $other")"
keys Enter
wait_for "в группе 3 чел. — меньше 5: цифры не показываются"
s=$(screen)
echo "$s" | grep -qF "М-1 " && fail "figures shown for a group of three"
keys F10 F10
wait_for "EXIT 0"
echo ok
