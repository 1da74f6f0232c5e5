#!/bin/sh
# The shared server end to end: `make install` as root into a scratch
# PREFIX/SYSCONFDIR/LOCALSTATEDIR (the group marshrut, the setgid binary, the
# data directory 2770), a throwaway Unix user registered in marshrut, and a
# real sshd on loopback whose Match + ForceCommand stanza (the one README.md
# documents) runs the installed program. Through `ssh -tt` in tmux the user
# logs in by his Unix identity, adds a teacher, saves and quits; the row and
# its audit (naming the Unix login) are in the database, which the user
# cannot read himself. Needs root and openssh-server: otherwise exit 77
# (skipped, never counted as passed).
# The group marshrut stays after the test, as after any `make install`;
# everything else (user, sshd, files) is removed.
. "$(dirname "$0")/harness"
TIMEOUT=20

skip() {
	echo "SKIP: $*"
	exit 77
}
[ "$(id -u)" = 0 ] || skip "нужен root"
[ -x /usr/sbin/sshd ] || skip "нет /usr/sbin/sshd (пакет openssh-server)"
for tool in ssh ssh-keygen useradd userdel su sqlite3 ps; do
	command -v $tool >/dev/null 2>&1 || skip "нет $tool"
done
case ",$(findmnt -no OPTIONS -T "$WORK" 2>/dev/null)," in
*,nosuid,*) skip "$WORK смонтирован с nosuid: setgid не действует" ;;
esac

# Everything lives under $WORK (removed by the harness); the test user must
# be able to reach the installed program through it.
S=$WORK
chmod 755 "$S"
U=mrssh$$
SSHD_PID=
DBFILE=$S/var/lib/marshrut/marshrut.db
MBIN=$S/usr/bin/marshrut

ssh_cleanup() {
	$T kill-server 2>/dev/null
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
		wait "$SSHD_PID" 2>/dev/null
	fi
	if id "$U" >/dev/null 2>&1; then
		# The session ends with the ssh client; wait for it, then by pid.
		i=0
		while pids=$(ps -o pid= -u "$U" 2>/dev/null) && [ -n "$pids" ] && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
		userdel -r "$U" >/dev/null 2>&1 || userdel -f -r "$U" >/dev/null 2>&1
	fi
	cleanup
}
trap ssh_cleanup EXIT
# The harness's fail, with sshd's log.
fail() {
	echo "FAIL: $*"
	echo "--- screen ---"
	$T capture-pane -p -t t 2>/dev/null
	if [ -s "$S/ssh/sshd.log" ]; then
		echo "--- sshd ---"
		cat "$S/ssh/sshd.log"
	fi
	exit 1
}
trap 'exit 1' INT TERM HUP

as_user() { # as_user CMD: run a shell command as the test user
	su -s /bin/sh "$U" -c "$1"
}

useradd -m -s /bin/sh -p '*' -c "marshrut ssh test" "$U" || fail "useradd $U"

# make install as root, no DESTDIR: a build of its own (the binary bakes in
# SYSCONFDIR), with plain flags whatever the calling make passes down (under
# `make asan` a sanitised setgid binary would only test the sanitiser).
(
	unset MAKEFLAGS MFLAGS MAKELEVEL OPT XCFLAGS XLDFLAGS
	make -s -C "$TOP" -j2 BUILD="$S/build" PREFIX="$S/usr" SYSCONFDIR="$S/etc" \
		LOCALSTATEDIR="$S/var" install
) >"$S/install.log" 2>&1 || { cat "$S/install.log"; fail "make install"; }
getent group marshrut >/dev/null || fail "make install did not create the group marshrut"
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

# sshd of our own on loopback: host key, the client's key, the stanza.
# (sshd wants /run/sshd; it stays, as the package would leave it.)
mkdir -p "$S/ssh" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$S/ssh/host_key" || fail "host key"
ssh-keygen -q -t ed25519 -N '' -f "$S/ssh/client_key" || fail "client key"
home=$(getent passwd "$U" | cut -d: -f6)
install -d -m 700 -o "$U" -g "$U" "$home/.ssh"
install -m 600 -o "$U" -g "$U" "$S/ssh/client_key.pub" "$home/.ssh/authorized_keys"
port=$((22000 + $$ % 2000))
tries=0
while :; do
	cat >"$S/ssh/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
HostKey $S/ssh/host_key
PidFile $S/ssh/sshd.pid
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowUsers $U
LogLevel VERBOSE

Match Group $U
	ForceCommand $MBIN
	PermitTTY yes
	DisableForwarding yes
	PermitTunnel no
	PermitUserRC no
EOF
	/usr/sbin/sshd -t -f "$S/ssh/sshd_config" || fail "sshd -t"
	: >"$S/ssh/sshd.log"
	/usr/sbin/sshd -D -f "$S/ssh/sshd_config" -E "$S/ssh/sshd.log" &
	SSHD_PID=$!
	i=0
	while [ $i -lt 100 ] && ! grep -q "Server listening" "$S/ssh/sshd.log" && kill -0 "$SSHD_PID" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	grep -q "Server listening" "$S/ssh/sshd.log" && break
	kill "$SSHD_PID" 2>/dev/null
	wait "$SSHD_PID" 2>/dev/null
	SSHD_PID=
	tries=$((tries + 1))
	[ $tries -lt 10 ] || { cat "$S/ssh/sshd.log"; fail "sshd would not listen"; }
	port=$((port + 1))
done

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
