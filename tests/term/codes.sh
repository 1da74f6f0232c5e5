#!/bin/sh
# Codes typed with Cyrillic look-alikes (issue 13). As the demo admin:
# a new organisation with «ОО014» typed in the Russian layout is refused —
# OO014 is Вадинская СШ — and nothing is written; «ОО090» is saved as the
# Latin OO090; «сш 23» finds «СШ № 23». A teacher imported with his
# organisation written «ОО001» in Cyrillic lands in OO001. A plain sqlite3
# shell cannot add a second «ОО014» either (schema step 10).
. "$(dirname "$0")/harness"
demo_db
M="$BIN -c $CONF --db $DB"

orgs=$(sql "SELECT count(*) FROM organisation")
vadino=$(sql "SELECT id || '|' || name || '|' || version FROM organisation WHERE code = 'OO014'")
expect_eq "$(sql "SELECT short_name FROM organisation WHERE code = 'OO014'")" "Вадинская СШ" "the demo's OO014"

start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
type_text "9"
wait_for "Найдено: $orgs"
wait_for "Образовательные организации"
audits=$(sql "SELECT count(*) FROM audit")   # after the login's own entry

# A code taken by key: refused, the form stays, nothing written.
keys F7
wait_for "Новая запись: организация"
type_text "ОО014"
keys Down
# Said as the field is left, next to it: the code is taken.
wait_for "! Код"
wait_for "такая запись уже есть: код OO014"
type_text "Двойник Вадинской школы"
keys Down Down Enter
wait_for "детский сад (ДОО)"
keys Enter
wait_for "школа"
keys F2
wait_for "такая запись уже есть: код OO014 у организации «Вадинская СШ»"
screen | grep -qF "Сохранено" && fail "a taken code reported saved"
wait_for "Новая запись: организация"
expect_eq "$(sql "SELECT count(*) FROM organisation")" "$orgs" "no organisation added"
expect_eq "$(sql "SELECT count(*) FROM audit")" "$audits" "nothing audited"
expect_eq "$(sql "SELECT count(*) FROM organisation WHERE code_cmp = 'oo014'")" "1" "one OO014 by key"
expect_eq "$(sql "SELECT id || '|' || name || '|' || version FROM organisation WHERE code = 'OO014'")" \
	"$vadino" "Вадинская СШ untouched"
keys F10
wait_for "Есть несохранённые изменения"
type_text "д"
wait_for "Найдено: $orgs"

# A free code in Cyrillic letters is saved in Latin ones.
keys F7
wait_for "Новая запись: организация"
type_text "ОО090"
keys Down
# Shown back in the code's own (Latin) alphabet once left.
wait_for "OO090"
type_text "МБОУ «Средняя школа № 90»"
keys Down
type_text "СШ № 90"
keys Down Enter
wait_for "детский сад (ДОО)"
keys Enter
wait_for "школа"
keys F2
wait_for "Сохранено"
expect_eq "$(sql "SELECT code FROM organisation WHERE short_name = 'СШ № 90'")" "OO090" "saved in Latin letters"
expect_eq "$(sql "SELECT count(*) FROM organisation")" "$((orgs + 1))" "one organisation added"
orgs=$((orgs + 1))
wait_for "Найдено: $orgs"

# Search word by word: «сш 23» is «СШ № 23» (OO026).
type_text "сш 23"
wait_for "Найдено: 1"
wait_for "OO026"
wait_for "СШ № 23"
keys Escape
wait_for "Найдено: $orgs"
type_text "23 сш"
wait_for "Найдено: 1"
wait_for "СШ № 23"
keys Escape
wait_for "Найдено: $orgs"
type_text "ОО090 сш"
wait_for "Найдено: 1"
wait_for "СШ № 90"
keys Escape
wait_for "Найдено: $orgs"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

# Import: a teacher's organisation «ОО001» in Cyrillic letters.
printf 'Табельный номер;Фамилия;Имя;Организация\nКОД-1;Кодова;Анна;ОО001\nКОД-2;Кодов;Борис;ОО999\n' >"$WORK/p.csv"
$M --as regional import persons "$WORK/p.csv" >"$WORK/out" 2>&1 </dev/null
expect_eq "$?" "1" "a file with a code that names nothing is refused"
grep -qF "строка 3" "$WORK/out" || { cat "$WORK/out"; fail "the bad row is not named"; }
grep -q "строка 2" "$WORK/out" && { cat "$WORK/out"; fail "the «ОО001» row was refused"; }
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id GLOB 'КОД-*'")" "0" "nothing written"
printf 'Табельный номер;Фамилия;Имя;Организация\nКОД-1;Кодова;Анна;ОО001\n' >"$WORK/p.csv"
$M --as regional import persons "$WORK/p.csv" >"$WORK/out" 2>&1 </dev/null || { cat "$WORK/out"; fail "import refused «ОО001»"; }
expect_eq "$(sql "SELECT o.code FROM person p JOIN organisation o ON o.id = p.org_id WHERE p.external_id = 'КОД-1'")" \
	"OO001" "imported into OO001"

# The database refuses a second code with one key, whoever writes.
sqlite3 -batch "$DB" "INSERT INTO organisation(region_id, code, name, kind) VALUES (1, 'ОО014', 'Мимо программы', 'school')" \
	>"$WORK/out" 2>&1 && fail "sqlite3 added a second «ОО014»"
grep -qF "код уже занят" "$WORK/out" || { cat "$WORK/out"; fail "the database's refusal"; }
expect_eq "$(sql "SELECT count(*) FROM organisation")" "$orgs" "the shell added nothing"
echo ok
