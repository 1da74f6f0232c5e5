#!/bin/sh
# A newcomer's first minutes: the program run from its checkout without -c
# finds the checkout's conf/ and the demo database beside it; the mistakes
# one meets first (no database, a file that is not one, a configuration that
# cannot be read, an import of a missing file) are said in Russian, with no
# English word from the C library or SQLite.
. "$(dirname "$0")/harness"

# english FILE: words of four Latin letters or more in FILE, once the paths,
# the options, what it quotes «…» (the user's own words), the program's name
# and the verbs it was given are taken out.
english() {
	sed -e 's#/[^ :()«»,]*##g' -e 's/«[^»]*»//g' -e 's/^marshrut: //' -e 's/\(^\| \)--*[A-Za-z][A-Za-z0-9=-]*//g' \
	    -e 's/\b\(marshrut\|import\|persons\|check\|init\|make\|demo\)\b//g' "$1" |
		grep -oE '[A-Za-z]{4,}'
}
russian_only() { # russian_only WHAT: stderr in $WORK/err is Russian
	[ -s "$WORK/err" ] || fail "$1: nothing on stderr"
	grep -q 'а\|е\|и\|о' "$WORK/err" || { cat "$WORK/err"; fail "$1: no Russian message"; }
	if words=$(english "$WORK/err"); then
		cat "$WORK/err"; fail "$1: English on stderr: $words"
	fi
}
M="$BIN -c $CONF"
LC_ALL=C.UTF-8; export LC_ALL

# A database in a folder that does not exist.
$M --db /nonexistent/x.db check >/dev/null 2>"$WORK/err" && fail "check of a missing database succeeded"
russian_only "--db /nonexistent/x.db check"
grep -qF "нет такого файла или каталога" "$WORK/err" || { cat "$WORK/err"; fail "missing database: no reason"; }

# A file that is not a database, left as it was.
head -c 4096 /dev/urandom >"$WORK/junk.db"
sum=$(cksum <"$WORK/junk.db")
$M --db "$WORK/junk.db" check >/dev/null 2>"$WORK/err" && fail "check of a non-database succeeded"
russian_only "non-database --db"
grep -qF "файл не является базой данных" "$WORK/err" || { cat "$WORK/err"; fail "non-database: wrong message"; }
expect_eq "$(cksum <"$WORK/junk.db")" "$sum" "the non-database file is untouched"

# A configuration that cannot be read: a folder, and (as another user when
# root) a file without read permission.
mkdir "$WORK/conf.d"
$BIN -c "$WORK/conf.d" check >/dev/null 2>"$WORK/err" && fail "-c FOLDER succeeded"
russian_only "-c FOLDER"
grep -qF "это каталог, а не файл" "$WORK/err" || { cat "$WORK/err"; fail "-c FOLDER: wrong message"; }
cp "$CONF" "$WORK/locked.conf"
chmod 000 "$WORK/locked.conf"
if [ "$(id -u)" = 0 ]; then
	runuser -u nobody -- "$BIN" -c "$WORK/locked.conf" check >/dev/null 2>"$WORK/err" &&
		fail "an unreadable -c file was read"
else
	"$BIN" -c "$WORK/locked.conf" check >/dev/null 2>"$WORK/err" && fail "an unreadable -c file was read"
fi
russian_only "unreadable -c"
grep -qF "нет прав доступа" "$WORK/err" || { cat "$WORK/err"; fail "unreadable -c: wrong message"; }

# A mistake in the configuration, as libconfuse finds it.
printf 'colour = true\n' >"$WORK/typo.conf"
$BIN -c "$WORK/typo.conf" check >/dev/null 2>"$WORK/err" && fail "a configuration with a typo was accepted"
russian_only "-c with a typo"
grep -qF "неизвестный параметр «colour»" "$WORK/err" || { cat "$WORK/err"; fail "typo: wrong message"; }
printf 'auth = "unix\n' >"$WORK/quote.conf"
$BIN -c "$WORK/quote.conf" check >/dev/null 2>"$WORK/err" && fail "a configuration with an open quote was accepted"
russian_only "-c with an open quote"

# Options getopt refuses: the first line says which, in Russian.
for bad in -x --db --bogus=1; do
	"$BIN" $bad >/dev/null 2>"$WORK/err.all" && fail "marshrut $bad succeeded"
	head -1 "$WORK/err.all" >"$WORK/err"
	russian_only "marshrut $bad"
	grep -qF -- "${bad%=*}" "$WORK/err" || fail "marshrut $bad: the option is not named: $(cat "$WORK/err")"
done

# An import of a file that does not exist, and of a folder.
demo_db
$M --db "$DB" --as admin import persons "$WORK/нет-такого.csv" >/dev/null 2>"$WORK/err" &&
	fail "import of a missing file succeeded"
russian_only "import of a missing file"
$M --db "$DB" --as admin import persons "$WORK/conf.d" >/dev/null 2>"$WORK/err" &&
	fail "import of a folder succeeded"
russian_only "import of a folder"

# The manual: every option --help shows, and the ones the verbs accept
# besides, are on the page, and it renders without a warning.
for o in $("$BIN" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u) --output --person --encoding --delimiter; do
	grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$TOP/src/marshrut.1" || fail "man page lacks $o"
done
grep -q '^\.SH ENVIRONMENT' "$TOP/src/marshrut.1" || fail "man page lacks ENVIRONMENT"
for v in TERM ESCDELAY TMPDIR HOME TZ SSH_ORIGINAL_COMMAND; do
	grep -q "^\.B.* $v\b" "$TOP/src/marshrut.1" || fail "ENVIRONMENT lacks $v"
done
if command -v groff >/dev/null 2>&1; then
	w=$(groff -k -Tutf8 -man -ww -z "$TOP/src/marshrut.1" 2>&1)
	[ -z "$w" ] || fail "groff warns: $w"
fi

# From a checkout: build/marshrut beside conf/, run from elsewhere with no -c.
if [ -e /etc/marshrut/marshrut.conf ]; then
	echo "SKIP: /etc/marshrut/marshrut.conf есть: программа установлена, каталог исходников не ищется"
	exit 77
fi
CO=$WORK/checkout
mkdir -p "$CO/build"
cp "$TOP/$BUILD/marshrut" "$CO/build/marshrut"
cp -R "$TOP/conf" "$CO/conf"
cd "$WORK" || fail "cd"
"$CO/build/marshrut" check >/dev/null 2>"$WORK/err" && fail "check without a database succeeded"
russian_only "checkout, no database yet"
grep -qF "$CO/build/demo.db" "$WORK/err" || { cat "$WORK/err"; fail "the checkout's database is not build/demo.db"; }
grep -q "codifier.conf\|calendar.conf" "$WORK/err" && { cat "$WORK/err"; fail "the checkout's conf/ was not found"; }
# `make demo`'s database, then every verb finds it with no option.
"$CO/build/marshrut" --db "$CO/build/demo.db" -c "$CO/conf/marshrut.conf" init --demo --no-activity >/dev/null 2>&1 ||
	fail "init --demo in the checkout"
"$CO/build/marshrut" check >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; fail "check from the checkout without -c"; }
grep -qF "база исправна" "$WORK/out" || fail "check: $(cat "$WORK/out")"
expect_eq "$("$CO/build/marshrut" user list 2>&1 | grep -c '^curator ')" "1" "user list from the checkout's demo database"
# The checkout's calendar, codifier and selfcheck files are the ones read:
# init on a new database adds the codifier from conf/codifier.conf.
"$CO/build/marshrut" --db "$WORK/fresh.db" init >"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; fail "init from the checkout"; }
grep -qF "Кодификатор дефицитов" "$WORK/out" || fail "init did not read the checkout's codifier: $(cat "$WORK/out")"

# Without --as, the demo database says how to enter it.
start "$CO/build/marshrut"
wait_for "marshrut --as curator"
wait_for "EXIT 1"

# A TERM the system has no description for (TERM=putty without
# ncurses-term): said in Russian, not ncurses' «Error opening terminal».
TERM_UNDER_TEST=no-such-term start "$CO/build/marshrut" --as curator
wait_for "EXIT 1"
wait_for "TERM=«no-such-term» системе не известен"
screen | grep -q "Error" && fail "ncurses' English message on the screen"

# The terminal interface opens on it too, with no option but --as.
start "$CO/build/marshrut" --as curator
wait_for "Выход" || fail "the interface did not open from the checkout"
keys F10
wait_for "Выйти из программы?"
keys д
wait_for "EXIT 0"

# Without conf/ beside it the built-in defaults apply (the installed paths).
mkdir "$WORK/elsewhere"
cp "$TOP/$BUILD/marshrut" "$WORK/elsewhere/marshrut"
"$WORK/elsewhere/marshrut" --db "$WORK/fresh2.db" init >/dev/null 2>"$WORK/err" && fail "init with the defaults found a codifier"
grep -qF "/marshrut/codifier.conf" "$WORK/err" || { cat "$WORK/err"; fail "defaults: $(cat "$WORK/err")"; }
echo "ok"
