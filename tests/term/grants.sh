#!/bin/sh
# Who may act as whom (issue 12). A throwaway Unix user creates a database
# (not a demo) and so becomes its registered admin; he is refused, with a
# clear message, exit 1 and the database unchanged: --as, granting or
# revoking his own roles, granting a role that sees results (regional,
# developer, curator) to anyone, creating an alias with one, and backup.
# Root grants such a role and syslog gets a distinct line for it. Root's
# backup refuses the data directory (also through a symbolic link) and the
# names of the database's own -journal, -wal and -shm files, writing
# nothing; a backup elsewhere still works and the service goes on.
# Needs root (to create the Unix user): otherwise exit 77 (skipped).
. "$(dirname "$0")/harness"

skip() {
	echo "SKIP: $*"
	exit 77
}
[ "$(id -u)" = 0 ] || skip "нужен root (тест заводит временного пользователя Unix)"
for tool in useradd userdel runuser python3 sqlite3 md5sum; do
	command -v $tool >/dev/null 2>&1 || skip "нет $tool"
done

U=mrgr$$
LISTENER=
grants_cleanup() {
	[ -n "$LISTENER" ] && kill "$LISTENER" 2>/dev/null
	id "$U" >/dev/null 2>&1 && userdel -f "$U" >/dev/null 2>&1
	cleanup
}
trap grants_cleanup EXIT
trap 'exit 1' INT TERM HUP
useradd -M -d /nonexistent -s /bin/sh -c "marshrut grants test" "$U" || fail "useradd $U"

# The data directory belongs to the user, as his own database would; the
# backups go to another directory he can write too.
chmod 711 "$WORK"
D=$WORK/data
OUT=$WORK/out
mkdir "$D" "$OUT"
chown "$U" "$D" "$OUT"
chmod 700 "$D"
DB=$D/m.db

# The configuration, with security events sent to our own socket.
cp -r "$TOP/conf" "$WORK/conf"
sed -i "s|^syslog_socket = .*|syslog_socket = \"$WORK/log.sock\"|" "$WORK/conf/marshrut.conf"
chmod -R a+rX "$WORK/conf"
CF=$WORK/conf/marshrut.conf
LOG=$WORK/syslog.txt
: >"$LOG"
python3 - "$WORK/log.sock" "$LOG" <<'EOF' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
with open(sys.argv[2], "ab", buffering=0) as f:
    while True:
        f.write(s.recv(4096).replace(b"\n", b" ") + b"\n")
EOF
LISTENER=$!
i=0
until [ -S "$WORK/log.sock" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the syslog listener did not start"
	sleep 0.05
done

# as_root / as_user EXPECTED_CODE args...: stdout to $WORK/out.txt, stderr to $WORK/err
as_root() {
	want=$1; shift
	env LANG=C.UTF-8 "$BIN" -c "$CF" --db "$DB" "$@" >"$WORK/out.txt" 2>"$WORK/err" </dev/null
	got=$?
	[ "$got" = "$want" ] || { cat "$WORK/err"; fail "root: marshrut $*: exit $got, expected $want"; }
}
as_user() {
	want=$1; shift
	runuser -u "$U" -- env LANG=C.UTF-8 "$BIN" -c "$CF" --db "$DB" "$@" \
		>"$WORK/out.txt" 2>"$WORK/err" </dev/null
	got=$?
	[ "$got" = "$want" ] || { cat "$WORK/err"; fail "$U: marshrut $*: exit $got, expected $want"; }
}
err_has() { grep -qF -- "$1" "$WORK/err" || { cat "$WORK/err"; fail "stderr lacks: $1"; }; }
log_has() { # log_has TEXT: a syslog line holds TEXT (the program sends before it exits)
	grep -qF -- "$1" "$LOG" || { cat "$LOG"; fail "syslog lacks: $1"; }
}
# The database's content (the planner's statistics aside) and the files
# beside it: what a refusal must leave as it was.
state() {
	sqlite3 -batch "$DB" .dump | grep -v '^ANALYZE\|sqlite_stat' | md5sum
	ls -a "$D" "$OUT"
}
unchanged() { # unchanged WHAT: the state is the one saved by `saved`
	state >"$WORK/state.now"
	cmp -s "$WORK/state.was" "$WORK/state.now" ||
		{ diff "$WORK/state.was" "$WORK/state.now"; fail "changed by a refusal: $1"; }
}
saved() { state >"$WORK/state.was"; }

# The user creates the database and is its admin.
as_user 0 init
grep -qF "Пользователь $U зарегистрирован как администратор" "$WORK/out.txt" || fail "init by $U"
[ "$(stat -c %U "$DB")" = "$U" ] || fail "the database is not the user's"
# Root registers a colleague with a results role: a security event of its own.
as_root 0 user add reg --name "Региональная Анна Сергеевна" --role teacher
as_root 0 user grant reg regional
log_has "доступ к результатам: root (вход root) выдал пользователю reg роль regional"
as_root 0 user add cur --name "Кураторова Ольга Ивановна" --role curator
log_has "доступ к результатам: root (вход root) добавил пользователя cur с ролью curator"
expect_eq "$(sql "SELECT group_concat(role, ' ') FROM (SELECT r.role FROM user_role r
		  JOIN app_user u ON u.id = r.user_id WHERE u.login = 'reg' ORDER BY r.role)")" \
	"regional teacher" "root's grant"
# Root's sessions leave nothing of theirs beside the database.
[ -z "$(find "$D" ! -user "$U")" ] || fail "root left files in the data directory: $(ls -la "$D")"

# --- the registered admin who is not root ---
as_user 0 user list
grep -q "^$U .* admin" "$WORK/out.txt" || fail "$U is not an admin"
saved
as_user 1 --as reg user list
err_has "--as разрешён только root или в демонстрационной базе"
unchanged "--as reg"
as_user 1 user grant "$U" regional
err_has "$U — это вы"
unchanged "self-grant of regional"
as_user 1 user grant "$U" teacher
err_has "это вы"
as_user 1 user revoke "$U" admin
err_has "это вы"
unchanged "self-grant and self-revoke"
log_has "отказ: $U (вход $U) пытался сам себе выдать роль regional"
as_user 1 user grant reg developer
err_has "роль developer открывает результаты диагностики: её выдаёт только root"
as_user 1 user add alias --name "Псевдоним" --role regional
err_has "роль regional открывает результаты диагностики"
as_user 1 user add alias --name "Псевдоним" --role teacher --role curator
err_has "роль curator открывает результаты диагностики"
as_user 1 user add alias --name "Псевдоним" --role developer
as_user 1 user add "$U" --name "Я" --role admin
err_has "это вы"
unchanged "results roles by an admin"
expect_eq "$(sql "SELECT count(*) FROM app_user WHERE login = 'alias'")" "0" "no alias"
log_has "отказ: $U (вход $U) не root, пытался выдать пользователю alias роль regional"
as_user 1 backup "$OUT/copy.db"
err_has "backup выполняет только root"
unchanged "backup by an admin"
[ -e "$OUT/copy.db" ] && fail "a refused backup wrote a file"
log_has "отказ: $U (uid $(id -u "$U")) не root, пытался сделать копию базы"
# What an admin is for still works: people without results roles.
as_user 0 user add helper --name "Помощник Пётр Петрович" --role teacher
as_user 0 user revoke cur curator
expect_eq "$(sql "SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id
		  WHERE u.login = 'cur'")" "0" "an admin takes a results role away"

# --- root's backup: never beside the database ---
saved
as_root 1 backup "$D/copy.db"
err_has "копия не кладётся в папку данных"
mkdir "$D/sub"
chown "$U" "$D/sub"
as_root 1 backup "$D/sub/copy.db"
err_has "папку данных"
rmdir "$D/sub"
ln -s "$D" "$WORK/link"
as_root 1 backup "$WORK/link/copy.db"
err_has "папку данных"
rm "$WORK/link"
for sfx in -journal -wal -shm; do
	as_root 1 backup "$DB$sfx"
	err_has "так называется служебный файл базы ($sfx)"
	as_root 1 backup "$OUT/m.db$sfx"
	err_has "служебный файл базы"
done
as_root 1 backup "$DB"
err_has "папку данных"
as_root 1 backup "$D"
as_root 1 backup "$D/"
unchanged "root's refused backups"
# The service goes on for the user.
as_user 0 user list
# A backup elsewhere: the whole database, mode 0600.
as_root 0 backup "$OUT/copy.db"
[ "$(stat -c %a "$OUT/copy.db")" = 600 ] || fail "backup mode"
expect_eq "$(sqlite3 "$OUT/copy.db" "SELECT group_concat(login, ' ') FROM (SELECT login FROM app_user ORDER BY login)")" \
	"$(sql "SELECT group_concat(login, ' ') FROM (SELECT login FROM app_user ORDER BY login)")" "backup content"
as_root 1 backup "$OUT/copy.db"
err_has "файл уже существует"
as_user 0 check
echo ok
