#!/bin/sh
# The demo as a working region on the day it is built: after `init --demo`
# with «today» fixed, `route list` as the curator, the teacher, the school
# head and the developer lists cards in the states each has work in; every
# card prints with roadmap rows; the developer has diagnostics awaiting a
# card, one past its 10 working days; every indicator has a target for
# every year through this one; `make demo` opens the interface on the
# curator, whose ИОМ list holds that work. A calendar that lacks a year of
# the demo is said on stderr during init, and on the interface's status
# line.
. "$(dirname "$0")/harness"
MARSHRUT_TODAY=2026-12-07
export MARSHRUT_TODAY
M="$BIN -c $CONF --db $DB"

$M init --demo >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; fail "init --demo"; }
[ -s "$WORK/err" ] && { cat "$WORK/err"; fail "init --demo with the shipped calendar warned"; }

# list LOGIN: the statuses of his route list, one a line, sorted.
list() {
	$M --as "$1" route list >"$WORK/$1.txt" || fail "route list as $1"
}
has() { # has LOGIN STATUS [COUNT]: the list holds STATUS (at least COUNT times)
	n=$(cut -f4 "$WORK/$1.txt" | grep -cxF "$2")
	[ "$n" -ge "${3:-1}" ] || { cat "$WORK/$1.txt"; fail "$1: «$2» $n times"; }
}

# The curator: five or more cards, at every stage.
list curator
[ "$(wc -l <"$WORK/curator.txt")" -ge 5 ] || { cat "$WORK/curator.txt"; fail "the curator has fewer than 5 cards"; }
has curator "на согласовании"
has curator "утверждён"
has curator "реализуется" 2
has curator "завершён"
curp=$(sql "SELECT person_id FROM app_user WHERE login = 'curator'")
expect_eq "$(sql "SELECT count(*) FROM iom WHERE curator_id = $curp AND status IN ('review', 'approved', 'in_progress', 'completed', 'final_form')")" \
	"$(wc -l <"$WORK/curator.txt" | tr -d ' ')" "every card of the curator's list is curated by him"
# Some rows done on a card in progress, and a change awaiting confirmation.
expect_eq "$(sql "SELECT count(*) FROM iom i WHERE i.curator_id = $curp AND i.status = 'in_progress'
	AND EXISTS (SELECT 1 FROM iom_activity a WHERE a.iom_id = i.id AND a.done = 1)
	AND EXISTS (SELECT 1 FROM iom_activity a WHERE a.iom_id = i.id AND a.done IS NULL)
	AND EXISTS (SELECT 1 FROM iom_change c WHERE c.iom_id = i.id AND (c.head_confirmed_at IS NULL OR c.teacher_confirmed_at IS NULL))")" \
	"2" "cards in progress with rows done, rows open and a change awaiting"

# The teacher: his card in progress, a row past its end to mark, a change to confirm.
list teacher
expect_eq "$(wc -l <"$WORK/teacher.txt" | tr -d ' ')" "1" "the teacher's cards"
has teacher "реализуется"
tp=$(sql "SELECT person_id FROM app_user WHERE login = 'teacher'")
expect_eq "$(sql "SELECT count(*) FROM iom_activity a JOIN iom i ON i.id = a.iom_id
	WHERE i.person_id = $tp AND a.done IS NULL AND a.end_date < '$MARSHRUT_TODAY'")" "1" "a row to mark"
expect_eq "$(sql "SELECT count(*) FROM iom_change c JOIN iom i ON i.id = c.iom_id
	WHERE i.person_id = $tp AND c.teacher_confirmed_at IS NULL AND c.curator_confirmed_at IS NOT NULL")" "1" \
	"a change for the teacher to confirm"

# The school head: a card of his school awaiting his approval.
list school
has school "итоговая форма"
has school "реализуется"

# The developer: the region's cards, and two diagnostics handed to him with
# no card: one from 3 working days ago, one past its 10. (Cards completed
# over a year ago are in the archive already: init does the first login's
# housekeeping.)
list developer
has developer "на согласовании"
has developer "завершён" 50
expect_eq "$(sql "SELECT count(*) FROM iom WHERE archived = 0 AND status = 'completed'
	AND completed_date <= date('$MARSHRUT_TODAY', '-12 months')")" "0" "completed cards past a year archived by init"
devp=$(sql "SELECT person_id FROM app_user WHERE login = 'developer'")
expect_eq "$(sql "SELECT group_concat(diag_date, ' ') FROM (SELECT diag_date FROM diagnostic d
	WHERE developer_id = $devp AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.entry_diagnostic_id = d.id)
	ORDER BY diag_date)")" "2026-11-17 2026-12-02" "diagnostics awaiting a card (14 and 3 working days old)"

# Every card: tasks, a curator who is neither the teacher nor the
# developer, a roadmap in all five categories inside its period; the entry
# diagnostic's codes on its rows; a completed card with every row done and
# its final diagnostic on or before today; start not before development.
expect_eq "$(sql "SELECT count(*) FROM iom i WHERE i.tasks IS NULL OR i.curator_id IS NULL
	OR i.curator_id IN (i.person_id, coalesce(i.developer_id, 0))
	OR (SELECT count(DISTINCT category) FROM iom_activity a WHERE a.iom_id = i.id) <> 5
	OR EXISTS (SELECT 1 FROM iom_activity a WHERE a.iom_id = i.id AND (a.start_date < i.start_date OR a.end_date > i.end_date))
	OR i.start_date < i.developed_date
	OR EXISTS (SELECT 1 FROM diagnostic_deficit dd JOIN deficit_code c ON c.id = dd.deficit_code_id
	           WHERE dd.diagnostic_id = i.entry_diagnostic_id AND NOT EXISTS (SELECT 1 FROM iom_activity a
	           WHERE a.iom_id = i.id AND instr(', ' || a.deficit_codes || ',', ' ' || c.code || ',') > 0))
	OR (i.status = 'completed' AND (EXISTS (SELECT 1 FROM iom_activity a WHERE a.iom_id = i.id AND a.done IS NOT 1)
	    OR coalesce((SELECT diag_date FROM diagnostic WHERE id = i.final_diagnostic_id), '9') > '$MARSHRUT_TODAY'))")" \
	"0" "cards that break the statute's checks"

# Cards print with their roadmap: every card of the curator's, the
# teacher's and the school head's lists, and every tenth of the region's
# (a print costs a journalled view; the query above holds for them all).
n=0
for num in $(cat "$WORK/curator.txt" "$WORK/teacher.txt" "$WORK/school.txt" | cut -f1;
	     awk -F'\t' 'NR % 10 == 1 { print $1 }' "$WORK/developer.txt"); do
	$M --as developer export card "$num" >"$WORK/card.txt" || fail "export card $num"
	n=$((n + 1))
	if [ "$(sql "SELECT template FROM iom WHERE number = '$num'")" = ippr ]; then
		# The Omsk ИППР prints its own table: a line per competency.
		grep -qF "Программа профессионального развития педагога" "$WORK/card.txt" ||
			fail "card $num: the ИППР is not printed as the Omsk table"
		grep -q "Срок реализации задач: [0-9]" "$WORK/card.txt" || fail "card $num: the ИППР table is empty"
		continue
	fi
	grep -qF "мероприятия не запланированы" "$WORK/card.txt" && fail "card $num: no roadmap in the print"
	grep -qF "Курс повышения квалификации «" "$WORK/card.txt" || fail "card $num: the course row is not printed"
	grep -qF "Профилактика профессионального выгорания" "$WORK/card.txt" ||
		grep -qF "Ресурсное состояние педагога" "$WORK/card.txt" || fail "card $num: no category 5 row printed"
done
[ "$n" -ge 20 ] || fail "only $n cards printed"

# Targets for every indicator the seeds give one, every year 2021 through
# this one; the Omsk ones (no target in their seed) have none.
expect_eq "$(sql "SELECT count(*) FROM indicator i, (SELECT 2021 AS y UNION SELECT 2022 UNION SELECT 2023
	UNION SELECT 2024 UNION SELECT 2025 UNION SELECT 2026) y WHERE i.source <> 'omsk' AND NOT EXISTS
	(SELECT 1 FROM indicator_target t WHERE t.indicator_id = i.id AND t.year = y.y AND t.mun_id IS NULL)")" \
	"0" "indicator years without a target"
expect_eq "$(sql "SELECT count(*) FROM indicator_target t JOIN indicator i ON i.id = t.indicator_id
	WHERE i.source = 'omsk'")" "0" "a made-up target for an Omsk indicator"

# A calendar that lacks 2026: init says so on stderr, once.
mkdir "$WORK/conf"
cp "$TOP"/conf/*.conf "$WORK/conf/"
awk '/^year 2026/ { skip = 1 } skip && /^}/ { skip = 0; next } !skip' "$TOP/conf/calendar.conf" >"$WORK/conf/calendar.conf"
"$BIN" -c "$WORK/conf/marshrut.conf" --db "$WORK/nocal.db" init --demo --scale 60 >/dev/null 2>"$WORK/err" ||
	{ cat "$WORK/err"; fail "init --demo with a calendar lacking 2026"; }
expect_eq "$(grep -c "нет 2026 года" "$WORK/err")" "1" "the missing year said once: $(cat "$WORK/err")"
grep -q "нет 202[1-57] года" "$WORK/err" && fail "a year the calendar has was warned about"
# In the interface the first screen's status line says it.
start "$BIN" -c "$WORK/conf/marshrut.conf" --db "$WORK/nocal.db" --as curator
wait_for "главное меню"
wait_for "нет 2026 года"
keys F10
wait_for "Выйти из программы?"
keys д
wait_for "EXIT 0"

# `make demo`'s user: the curator, whose ИОМ list holds the work.
grep -q -- '--as curator$' "$TOP/Makefile" || fail "make demo does not open as the curator"
start "$BIN" -c "$CONF" --db "$DB" --as curator
wait_for "главное меню"
type_text "Индив"
keys Enter
wait_for "Индивидуальные образовательные маршруты"
wait_for "на согласовании"
wait_for "реализуется"
keys F10
wait_for "главное меню"
keys F10
wait_for "Выйти из программы?"
keys д
wait_for "EXIT 0"
echo "ok"
