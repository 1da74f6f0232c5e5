#!/bin/sh
# The verbs «route list» and «export card»: the real binary on a demo
# database with an entry diagnostic and a card written by SQL as the store
# writes them. The developer sees the per-block %, the school head only the
# deficits and recommendations; -o writes a new file and never overwrites
# it; exit codes 0 / 1 / 2; every text line fits 80 columns.
. "$(dirname "$0")/harness"
M="$BIN -c $CONF --db $DB"

run() { # run EXPECTED_CODE args...: stdout to $WORK/out, stderr to $WORK/err
	want=$1; shift
	$M "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	got=$?
	[ "$got" = "$want" ] || { cat "$WORK/err"; fail "marshrut $*: exit $got, expected $want"; }
}
out_has() { grep -qF -- "$1" "$WORK/out" || { cat "$WORK/out"; fail "stdout lacks: $1"; }; }
out_lacks() { ! grep -qF -- "$1" "$WORK/out" || fail "stdout should not hold: $1"; }
err_has() { grep -qF -- "$1" "$WORK/err" || { cat "$WORK/err"; fail "stderr lacks: $1"; }; }
fits_80() { # the widest line of stdout, in columns
	w=$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")
	[ "$w" -le 80 ] || fail "a line of $w columns"
}

demo_db
card_fixture

# route list: tab-separated number, teacher, organisation, status, start, end.
run 0 --as developer route list
out_has "$(printf '%s\t%s\t' "$number" "$name")"
out_has "$(printf '\tчерновик\t01.09.%s\t31.05.%s' "$year" "$((year + 1))")"
out_has "$number2"
run 0 --as teacher route list
out_has "$number"
out_lacks "$number2"
run 2 --as developer route
run 2 --as developer route list extra

# The developer's card: number, teacher, roadmap, per-block %.
run 0 --as developer export card "$number"
out_has "$number"
out_has "$name"
out_has "Дорожная карта"
out_has "4.1. Получение дополнительных знаний, опыта"
out_has "Общий процент освоения"
grep -q '^Предметные  *13  *27  *31  *47$' "$WORK/out" || { cat "$WORK/out"; fail "per-block % row"; }
out_has "М-3 — "
out_has "Освоить приёмы <формирования>"
fits_80

# The school head: the findings the statute hands him (App.3 §4.3.4, §5.4)
# — the deficit codes with their wordings in the diagnostic and in the
# roadmap rows, the recommendations — and no result.
run 0 --as school export card "$number"
out_has "$number"
out_has "К-2"
out_has "М-3 — "
out_has "ГАУ ДПО СОИРО"
out_has "конфиденциальны"
out_lacks "Общий процент"
out_lacks "задачи с параметром"
grep -q '^Предметные' "$WORK/out" && fail "the school sees the per-block %"
fits_80

# The municipality and the admin: neither codes nor recommendations.
run 0 --as admin export card "$number"
out_has "$number"
out_lacks "К-2"
out_lacks "М-3"
out_lacks "задачи с параметром"
out_lacks "Общий процент"

# HTML into a new file; never over an existing one.
run 0 --as developer export card "$number" --format html -o "$WORK/card.html"
[ -s "$WORK/card.html" ] || fail "no HTML file"
grep -qF '<meta charset="utf-8">' "$WORK/card.html" || fail "HTML charset"
grep -qF '@page' "$WORK/card.html" || fail "HTML @page"
grep -qF '&lt;формирования&gt; функциональной грамотности &amp; оценки' "$WORK/card.html" || fail "HTML escaping"
grep -qF '<формирования>' "$WORK/card.html" && fail "raw user text in HTML"
cp "$WORK/card.html" "$WORK/card.copy"
run 1 --as developer export card "$number" -o "$WORK/card.html"
err_has "уже существует"
cmp -s "$WORK/card.html" "$WORK/card.copy" || fail "the existing file was changed"

# Refusals and usage errors.
run 1 --as teacher export card "$number2" -o "$WORK/other.txt"
err_has "нет доступа"
[ -e "$WORK/other.txt" ] && fail "a refused card left a file"
run 1 --as developer export card "ИОМ-1999-999999"
err_has "нет ИОМ с номером ИОМ-1999-999999"
run 2 --as developer export card
run 2 --as developer export
run 2 --as developer export card "$number" --format pdf
run 1 --as nobody route list
err_has "не зарегистрирован"
echo ok
