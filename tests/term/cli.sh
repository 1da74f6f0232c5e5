#!/bin/sh
# The command-line verbs: exit codes (0 done, 1 refused, 2 usage), messages
# on stderr, nothing half-written, and hostile arguments.
. "$(dirname "$0")/harness"
# The database in a data directory of its own: backups go beside it.
mkdir "$WORK/data"
DB=$WORK/data/test.db
M="$BIN -c $CONF --db $DB"

run() { # run EXPECTED_CODE args...: stdout to $WORK/out, stderr to $WORK/err
	want=$1; shift
	$M "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	got=$?
	[ "$got" = "$want" ] || { cat "$WORK/err"; fail "marshrut $*: exit $got, expected $want"; }
}
err_has() { grep -qF -- "$1" "$WORK/err" || { cat "$WORK/err"; fail "stderr lacks: $1"; }; }
no_ctl() { # stderr must not carry raw escape, CR, BS or U+202E
	if LC_ALL=C grep -q "$(printf '[\033\r\010]')" "$WORK/err" || grep -q "$(printf '\342\200\256')" "$WORK/err"; then
		fail "stderr carries control characters"
	fi
}

run 0 --version
grep -q '^marshrut ' "$WORK/out" || fail "--version"
run 0 --help
grep -qF "user add" "$WORK/out" || fail "--help lists the verbs"
run 2 frobnicate
err_has "неизвестная команда"
run 2 "$(printf 'x\033]0;HACK\007')"
no_ctl

# A fresh database (not a demo): init, then users.
run 0 init
run 0 check
grep -qF "база исправна" "$WORK/out" || fail "check output"
run 2 init --scale 10
run 2 init --demo --scale abc
run 0 user list
sql "INSERT INTO region(code, name) VALUES ('R', 'Регион');
     INSERT INTO municipality(region_id, code, name) VALUES (1, 'M1', 'Город');
     INSERT INTO organisation(region_id, mun_id, code, name, kind) VALUES (1, 1, 'S1', 'Школа № 1', 'school');"
run 1 init --demo
err_has "уже содержит данные"
run 0 init
run 0 user add ivanova --name "Иванова Мария Петровна" --role school:org:S1 --role teacher
run 0 user list
grep -q "^ivanova .*school:org:S1 teacher" "$WORK/out" || fail "user list shows roles"
run 1 user add ivanova --name "Иванова" --role teacher
err_has "уже есть"
run 2 user add petrov --name "Петров" --role school
err_has "org:"
run 1 user add petrov --name "Петров" --role school:org:NOPE
err_has "нет организации с кодом NOPE"
run 2 user add petrov --name "Петров" --role boss
run 2 user add Petrov --name "Петров" --role teacher
run 2 user add petrov --role teacher
# A display name with an invisible character would look like another's.
run 2 user add admin2 --name "$(printf 'Адми\342\200\213нистратор системы')" --role teacher
err_has "невидимый символ"
expect_eq "$(sql "SELECT count(*) FROM app_user WHERE login = 'admin2'")" "0" "no user with an invisible name"
# A configuration value quoted in a message cannot move the terminal.
printf 'auth = "\033]0;X\007"\n' >"$WORK/esc.conf"
$BIN -c "$WORK/esc.conf" report list >/dev/null 2>"$WORK/err" </dev/null
[ $? = 1 ] || fail "a bad configuration was accepted"
no_ctl
LC_ALL=C grep -q "$(printf '\007')" "$WORK/err" && fail "BEL from the configuration reached stderr"
err_has "auth"
# Hostile names on the command line are refused, and echoed back clean.
run 2 user add petrov --name "$(printf 'Пет\033[2Jров')" --role teacher
err_has "недопустимый управляющий символ"
no_ctl
run 2 user add petrov --name "$(printf 'Пет\342\200\256ров')" --role teacher
run 2 user add petrov --name "$(printf 'Пет\rров\b')" --role teacher
run 2 user add petrov --name "$(printf '\377\376')" --role teacher
err_has "UTF-8"
run 2 user add petrov --name "$(printf 'я%.0s' $(seq 1 10000))" --role teacher
err_has "не более 100"
expect_eq "$(sql "SELECT count(*) FROM app_user WHERE login = 'petrov'")" "0" "refused users not stored"
# The second grant fails (the same role twice): the user is not left behind.
run 1 user add petrov --name "Петров" --role teacher --role teacher
err_has "такая запись уже есть"
expect_eq "$(sql "SELECT count(*) FROM app_user WHERE login = 'petrov'")" "0" "all or nothing"
# Passwords from standard input: at least 8 characters.
echo "short" | $M user add petrov --name "Петров Пётр" --role teacher --password >/dev/null 2>"$WORK/err"
[ $? = 1 ] || fail "short password accepted"
err_has "не короче 8"
expect_eq "$(sql "SELECT count(*) FROM app_user WHERE login = 'petrov'")" "0" "nothing half-written"
echo "длинный-пароль" | $M user add petrov --name "Петров Пётр" --role teacher --password >/dev/null 2>&1 || fail "user add --password"
sql "SELECT pw_hash FROM app_user WHERE login = 'petrov'" | grep -q '^\$y\$' || fail "password not hashed with yescrypt"
run 0 user grant petrov municipal:mun:M1
run 1 user grant petrov municipal:mun:M1
err_has "уже есть роль"
run 0 user revoke petrov municipal:mun:M1
run 1 user revoke petrov municipal:mun:M1
run 1 user grant nobody teacher
run 0 user disable petrov
expect_eq "$(sql "SELECT disabled FROM app_user WHERE login = 'petrov'")" "1" "disabled"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action IN ('user_add','role_grant','role_revoke','user_disable')")" "8" "audit of user changes (3 for ivanova, 2 for petrov, grant, revoke, disable)"
# --as is root's, or anyone's on a demo database (a registered admin who is
# not root: tests/term/grants.sh); as ivanova the policy still decides.
run 1 --as ivanova user list
if [ "$(id -u)" = 0 ]; then err_has "только для администратора"; else err_has "--as"; fi
# Backups are root's: a consistent copy, mode 0600, never over an existing
# file, never into the data directory.
mkdir "$WORK/bak"
if [ "$(id -u)" = 0 ]; then
	run 0 backup "$WORK/bak/copy.db"
	[ "$(stat -c %a "$WORK/bak/copy.db")" = 600 ] || fail "backup mode"
	expect_eq "$(sqlite3 "$WORK/bak/copy.db" "SELECT count(*) FROM app_user")" "$(sql "SELECT count(*) FROM app_user")" "backup content"
	run 1 backup "$WORK/bak/copy.db"
	err_has "уже существует"
	run 1 backup "$WORK/data/copy.db"
	err_has "папку данных"
	[ -e "$WORK/data/copy.db" ] && fail "a backup into the data directory"
else
	run 1 backup "$WORK/bak/copy.db"
	err_has "только root"
fi
run 2 backup
# check notices a broken foreign key and exits non-zero.
sqlite3 "$DB" "PRAGMA foreign_keys=OFF; INSERT INTO course(person_id, title, hours, end_date) VALUES (4242, 'x', 10, '2025-01-01');"
run 1 check
err_has "внешний ключ"
# A broken configuration is refused with file and line before anything starts.
printf 'database = "x.db"\n\nauth = "ldap"\n' > "$WORK/bad.conf"
$BIN -c "$WORK/bad.conf" check >/dev/null 2>"$WORK/err"
[ $? = 1 ] || fail "bad configuration accepted"
err_has "bad.conf:3"
# The UI refuses to start without a terminal.
$M </dev/null >/dev/null 2>"$WORK/err"
[ $? = 2 ] || fail "UI without a terminal"
err_has "терминал"
echo ok
