#!/bin/sh
# The .xlsx libraries are opened on first use (src/dynlib.c, issue 18): a
# session that never imports or exports a workbook does not map them (nor
# libcrypto, which they bring). When one is missing, an import of a .xlsx
# and an export to one fail with a Russian message naming the library and
# its package, and nothing is written; CSV keeps working. The library's
# name comes from MARSHRUT_LIBZIP / MARSHRUT_LIBEXPAT /
# MARSHRUT_LIBXLSXWRITER (a bare name; one with a slash is ignored).
. "$(dirname "$0")/harness"
demo_db
M="$BIN -c $CONF --db $DB"
run() { # run EXPECTED_CODE args...: stdout to $WORK/out, stderr to $WORK/err
	want=$1; shift
	$M "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	got=$?
	[ "$got" = "$want" ] || { cat "$WORK/out" "$WORK/err"; fail "marshrut $*: exit $got, expected $want"; }
}
has() { # has FILE TEXT
	grep -qF -- "$2" "$1" || { cat "$1"; fail "$(basename "$1") lacks: $2"; }
}

# Not linked: the binary needs none of them, nor libcrypto.
needed=$(objdump -p "$BIN" | awk '/NEEDED/ { print $2 }')
for l in libzip libexpat libxlsxwriter libcrypto; do
	echo "$needed" | grep -q "^$l\." && fail "$BIN is linked to $l"
done

digest() { sqlite3 "$DB" "SELECT * FROM person ORDER BY id" | md5sum; }
before=$(digest)

# Reading: libzip, then libexpat, missing.
MARSHRUT_LIBZIP=libmarshrut-absent.so.7 run 1 --as regional import persons "$TOP/conf/import/persons.xlsx"
cat "$WORK/out" >>"$WORK/err"
has "$WORK/err" "чтение файлов .xlsx недоступно: не загружается библиотека libmarshrut-absent.so.7"
has "$WORK/err" "установите пакет libmarshrut-absent7"
MARSHRUT_LIBEXPAT=libmarshrut-absent.so.1 run 1 --as regional import persons "$TOP/conf/import/persons.xlsx"
cat "$WORK/out" >>"$WORK/err"
has "$WORK/err" "не загружается библиотека libmarshrut-absent.so.1"
expect_eq "$(digest)" "$before" "nothing written by a failed .xlsx import"
# A CSV import does not need them.
MARSHRUT_LIBZIP=libmarshrut-absent.so.7 run 0 --as regional import persons "$TOP/conf/import/persons.csv" --dry-run
has "$WORK/out" "ничего не записано"

# Writing: libxlsxwriter missing; no file is left behind.
MARSHRUT_LIBXLSXWRITER=libmarshrut-absent.so.4 run 1 --as municipal report indicators --year 2024 \
	--scope mun:M01 --format xlsx -o "$WORK/ind.xlsx"
has "$WORK/err" "запись файлов .xlsx недоступно: не загружается библиотека libmarshrut-absent.so.4"
has "$WORK/err" "установите пакет libmarshrut-absent4"
[ -e "$WORK/ind.xlsx" ] && fail "a file written without the library"
run 0 --as municipal report indicators --year 2024 --scope mun:M01 --format csv -o "$WORK/ind.csv"

# A name with a slash is not a name the loader searches: ignored, the
# installed library is used.
MARSHRUT_LIBXLSXWRITER=/nonexistent/libxlsxwriter.so.4 run 0 --as municipal report indicators --year 2024 \
	--scope mun:M01 --format xlsx -o "$WORK/ind.xlsx"
[ -s "$WORK/ind.xlsx" ] || fail "no XLSX with the installed library"
MARSHRUT_LIBZIP=/nonexistent/libzip.so.4 run 0 --as regional import persons "$TOP/conf/import/persons.xlsx" --dry-run
has "$WORK/out" "книга Excel (.xlsx)"
# On the screen: the message wrapped at 80 columns, whole words.
start env HOME="$WORK" MARSHRUT_LIBZIP=libmarshrut-absent.so.7 "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
type_text "Загруз"
keys Enter
wait_for "Что загрузить"
keys Enter
wait_for "или книга Excel .xlsx"
keys C-u
type_text "$TOP/conf/import/persons.xlsx"
keys Enter
wait_for "чтение файлов .xlsx недоступно"
wait_for "libmarshrut-absent7"
screen >"$WORK/screen"
has "$WORK/screen" "не загружается библиотека"
keys F10 F10 l
wait_for "EXIT 0"
expect_eq "$(digest)" "$before" "nothing written from the screen"
echo "ok"
