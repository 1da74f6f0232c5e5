#!/bin/sh
# marshrut import: the example files of conf/import/ load into the demo
# region and a second run changes nothing; a CP1251 file from Excel is
# read; a bad row refuses the whole file (nothing written) and is named
# with its row and column; --skip-bad writes the rest; only the regional
# centre and the admin may import.
. "$(dirname "$0")/harness"
demo_db
M="$BIN -c $CONF --db $DB"
run() { # run EXPECTED_CODE args...: stdout to $WORK/out, stderr to $WORK/err
	want=$1; shift
	$M "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	got=$?
	[ "$got" = "$want" ] || { cat "$WORK/out" "$WORK/err"; fail "marshrut $*: exit $got, expected $want"; }
}
out_has() { grep -qF -- "$1" "$WORK/out" || { cat "$WORK/out"; fail "stdout lacks: $1"; }; }

persons=$(sql "SELECT count(*) FROM person")
for k in orgs persons courses diagnostics events; do
	run 0 --as regional import $k "conf/import/$k.csv"
	out_has "Добавлено 2, изменено 0, без изменений 0."
done
for k in orgs persons courses diagnostics events; do
	run 0 --as regional import $k "conf/import/$k.csv"
	out_has "Добавлено 0, изменено 0, без изменений 2."
done
# The same examples as workbooks (written by openpyxl: tests/xlsx/make_xlsx.py)
# hold the same records: loading them changes nothing.
for k in orgs persons courses diagnostics events; do
	run 0 --as regional import $k "conf/import/$k.xlsx"
	out_has "книга Excel (.xlsx)"
	out_has "Добавлено 0, изменено 0, без изменений 2."
done
expect_eq "$(sql "SELECT count(*) FROM person")" "$((persons + 2))" "two persons imported once"
expect_eq "$(sql "SELECT org_id = (SELECT id FROM organisation WHERE code = 'OO001') FROM person WHERE external_id = 'ТН-900002'")" \
	"1" "a school named by its short name"
expect_eq "$(sql "SELECT count(*) FROM diagnostic WHERE diag_date = '2026-03-16' AND level = 'medium'")" "1" \
	"a diagnostic by its labels"

# From Excel in Russian Windows: CP1251 with ';' and CRLF.
printf 'Табельный номер;Фамилия;Имя;Организация;Должность\r\nТН-900003;Ёлкина;Анна;OO001;учитель\r\n' |
	iconv -f UTF-8 -t CP1251 > "$WORK/cp1251.csv"
run 0 --as regional import persons "$WORK/cp1251.csv"
out_has "кодировка cp1251"
expect_eq "$(sql "SELECT surname FROM person WHERE external_id = 'ТН-900003'")" "Ёлкина" "CP1251 converted"

# A wrong date on row 3: nothing is written, the row and column are named.
printf 'Табельный номер;Фамилия;Имя;Организация;Дата рождения\nТН-900004;Ивин;Иван;OO001;01.01.1990\nТН-900005;Петин;Пётр;OO001;30.02.1991\n' > "$WORK/bad.csv"
before=$(sql "SELECT count(*) FROM audit")
run 1 --as regional import persons "$WORK/bad.csv"
out_has "строка 3, «Дата рождения» = «30.02.1991»"
out_has "Ничего не записано"
expect_eq "$(sql "SELECT count(*) FROM audit")" "$before" "nothing written"
run 0 --as regional import persons "$WORK/bad.csv" --dry-run --skip-bad
out_has "ничего не записано"
run 0 --as regional import persons "$WORK/bad.csv" --skip-bad
out_has "Добавлено 1"
out_has "пропущено с ошибками 1"
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id IN ('ТН-900004', 'ТН-900005')")" "1" "the good row only"

# Who may, and usage.
run 1 --as school import persons "conf/import/persons.csv"
grep -qF "региональный центр и администратор" "$WORK/err" || fail "refusal message"
run 2 --as regional import people "conf/import/persons.csv"
run 2 --as regional import persons
run 2 --as regional import persons x.csv --encoding koi8
run 1 --as regional import persons "$WORK/none.csv"
grep -qF "не удаётся открыть" "$WORK/err" || fail "missing file message"

# The same from the terminal: the regional centre checks a file (nothing
# written), sees the bad row, and writes the others.
printf 'Табельный номер;Фамилия;Имя;Организация\nТН-900006;Зимин;Олег;OO001\nТН-900007;Летова;Нина;Школа № 999\n' > "$WORK/ui.csv"
start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Загруз"
keys Enter
wait_for "Что загрузить"
keys Enter
wait_for "Файл CSV"
keys C-u
type_text "$WORK/ui.csv"
keys Enter
wait_for "Будет добавлено 1"
wait_for "строка 3, «Организация» = «Школа № 999»"
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id IN ('ТН-900006', 'ТН-900007')")" "0" \
	"the check writes nothing"
keys F2
wait_for "Строк с ошибками: 1"
# Esc cancels; Enter takes «Записать».
keys Escape
wait_gone "Строк с ошибками: 1"
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id = 'ТН-900006'")" "0" "Esc writes nothing"
keys F2
wait_for "Строк с ошибками: 1"
keys Enter
wait_for "Добавлено 1"
wait_for "пропущено с"
expect_eq "$(sql "SELECT count(*) FROM person WHERE external_id = 'ТН-900006'")" "1" "written from the screen"
keys F10 F10 l
wait_for "EXIT 0"
# A workbook from the screen: the example, already loaded, changes nothing.
start env HOME="$WORK" "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Загруз"
keys Enter
wait_for "Что загрузить"
keys Enter
wait_for "или книга Excel .xlsx"
keys C-u
type_text "$TOP/conf/import/persons.xlsx"
keys Enter
wait_for "Прочитано: книга Excel (.xlsx), первый лист."
wait_for "без изменений 2"
keys F10 F10 l
wait_for "EXIT 0"
# A school head has no such menu item.
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
screen | grep -qF "Загрузка таблиц" && fail "import offered to a school"
keys F10 l
wait_for "EXIT 0"
echo ok
