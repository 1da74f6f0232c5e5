#!/bin/sh
# The shared server end to end: `make install` as root into a scratch
# PREFIX/SYSCONFDIR/LOCALSTATEDIR (the group marshrut, the setgid binary, the
# data directory 2770), a throwaway Unix user registered in marshrut, and a
# real sshd on loopback whose Match + ForceCommand stanza (the one README.md
# documents) runs the installed program. Through `ssh -tt` in tmux the user
# logs in by his Unix identity, adds a teacher, saves and quits; the row and
# its audit (naming the Unix login) are in the database, which the user
# cannot read himself. Needs root and openssh-server: otherwise exit 77
# (skipped, never counted as passed). The setup is tests/term/ssh_lib.
. "$(dirname "$0")/harness"
. "$(dirname "$0")/ssh_lib"

ssh_add_user "$U" "marshrut ssh test"
ssh_install
expect_eq "$(stat -c '%U:%G %a' "$MBIN")" "root:marshrut 2755" "installed binary"
expect_eq "$(stat -c '%U:%G %a' "$S/var/lib/marshrut")" "root:marshrut 2770" "data directory"
grep -qx "database = \"$DBFILE\"" "$S/etc/marshrut/marshrut.conf" || fail "marshrut.conf does not name $DBFILE"

# Packaging: DESTDIR as an ordinary user copies files, sets no group or
# setgid (as root when the user cannot read the source tree).
pkg="unset MAKEFLAGS MFLAGS MAKELEVEL OPT XCFLAGS XLDFLAGS; make -s -C '$TOP' -o '$S/build/marshrut' BUILD='$S/build' \
	PREFIX=/usr SYSCONFDIR=/etc LOCALSTATEDIR=/var DESTDIR='$S/pkg' install"
mkdir "$S/pkg"
if as_user "test -r '$TOP/Makefile' && test -r '$TOP/src/marshrut.1'" 2>/dev/null; then
	chown "$U" "$S/pkg"
	packager=$U
	as_user "$pkg" >"$S/pkg.log" 2>&1
else
	packager=root
	sh -c "$pkg" >"$S/pkg.log" 2>&1
fi || { cat "$S/pkg.log"; fail "make install DESTDIR=… as $packager"; }
expect_eq "$(stat -c '%U:%G %a' "$S/pkg/usr/bin/marshrut")" "$packager:$(id -gn "$packager") 755" "packaged binary: no setgid"
[ -d "$S/pkg/var/lib/marshrut" ] || fail "DESTDIR install lacks /var/lib/marshrut"
grep -qx 'database = "/var/lib/marshrut/marshrut.db"' "$S/pkg/etc/marshrut/marshrut.conf" ||
	fail "packaged marshrut.conf does not name /var/lib/marshrut/marshrut.db"

# The database, as the administrator would make it: root, no -c (the
# compiled-in configuration names the file), then the user and his role.
"$MBIN" init --demo --no-activity >/dev/null || fail "marshrut init"
[ -f "$DBFILE" ] || fail "init did not create $DBFILE"
expect_eq "$(stat -c '%U:%G %a' "$DBFILE")" "root:marshrut 660" "database file"
"$MBIN" user add "$U" --name "Сетевая Анна Сергеевна" --role admin >/dev/null || fail "marshrut user add"
# Not in the group: the data is out of the user's reach except through marshrut.
as_user "cat '$DBFILE'" >/dev/null 2>&1 && fail "the test user can read the database directly"
as_user "ls '$S/var/lib/marshrut'" >/dev/null 2>&1 && fail "the test user can list the data directory"
# Nor may he point the setgid program at a database of his own.
as_user "cd; '$MBIN' --db ./own.db init" >/dev/null 2>&1 && fail "--db accepted from a user under setgid"
[ -e "$(getent passwd "$U" | cut -d: -f6)/own.db" ] && fail "--db created a database for the user"

ssh_start_sshd "$U" "$U"

start ssh -F /dev/null -tt -p "$port" -i "$S/ssh/client_key" -o IdentitiesOnly=yes -o BatchMode=yes \
	-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$U@127.0.0.1"
wait_for "главное меню"
# Unix mode: the kernel's identity, no login form and no "от имени".
wait_for "Сетевая Анна Сергеевна (логин $U)"
screen | grep -qF "от имени" && fail "an SSH login must not look like --as"
# SQLite's -wal and -shm, made by the user's process: the group's, 0660.
expect_eq "$(stat -c '%U:%G %a' "$DBFILE-wal")" "$U:marshrut 660" "WAL file"
expect_eq "$(stat -c '%U:%G %a' "$DBFILE-shm")" "$U:marshrut 660" "shared-memory file"
wait_for "Педагоги — реестр"
keys Enter
wait_for "Найдено: 600"
keys F7
wait_for "Новая запись: педагог"
type_text "Удалённова"; keys Tab
type_text "Вера"; keys Tab
type_text "Павловна"; keys Tab
type_text "03.09.1985"
# Пол -> Табельный номер -> Организация, where Enter opens the list.
keys Down Down Down Enter
wait_for "Выбор организации"
type_text "сш № 12"
wait_for "OO001"
keys Enter
wait_gone "Выбор организации"
keys F2
wait_for "Сохранено"
wait_for "Найдено: 601"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

DB=$DBFILE # for the harness's sql
row=$(sql "SELECT p.surname, p.name, p.patronymic, p.birth_date, o.code
	   FROM person p JOIN organisation o ON o.id = p.org_id WHERE p.surname = 'Удалённова'")
expect_eq "$row" "Удалённова|Вера|Павловна|1985-09-03|OO001" "the row added over SSH"
rid=$(sql "SELECT id FROM person WHERE surname = 'Удалённова'")
n=$(sql "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = $rid
	 AND login = '$U' AND real_login = '$U'")
[ "$n" -ge 1 ] || fail "no audit row for the new person names the Unix login $U"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = $rid AND login <> '$U'")" \
	"0" "audit names nobody else"
expect_eq "$(stat -c '%G %a' "$DBFILE")" "marshrut 660" "database file after the session"
grep -q "Accepted publickey for $U" "$S/ssh/sshd.log" || fail "sshd log lacks the login"
echo ok
