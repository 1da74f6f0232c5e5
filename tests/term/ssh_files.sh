#!/bin/sh
# Files through the same SSH login (issue 14), through the real sshd and the
# Match + ForceCommand stanza README.md documents (tests/term/ssh_lib): with
# `ssh -T user@server VERB …` a report (CSV, XLSX) and a card arrive on the
# client's standard output, the same bytes the verb writes into a file on
# the server; `import persons -` loads a CSV from the client's standard
# input; a teacher's export of another teacher's card is refused as the
# screens refuse it; a shell, backup, user add, a «;» and a backquote are
# refused with exit 2 and leave nothing behind; every command is in syslog
# with the Unix login. In password mode the verbs are refused. Needs root
# and openssh-server: otherwise exit 77 (skipped).
. "$(dirname "$0")/harness"
. "$(dirname "$0")/ssh_lib"
command -v python3 >/dev/null 2>&1 || skip "нет python3"

V=mrsst$$                      # the teacher; $U is the methodist (admin)
ssh_add_user "$U" "marshrut ssh files methodist"
ssh_add_user "$V" "marshrut ssh files teacher"
ssh_install
CF=$S/etc/marshrut/marshrut.conf

# Security events to our own socket.
LOG=$S/syslog.txt
: >"$LOG"
sed -i "s|^syslog_socket = .*|syslog_socket = \"$S/log.sock\"|" "$CF"
python3 - "$S/log.sock" "$LOG" <<'EOF' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
with open(sys.argv[2], "ab", buffering=0) as f:
    while True:
        f.write(s.recv(4096).replace(b"\n", b" ") + b"\n")
EOF
LISTENER=$!
files_cleanup() {
	kill "$LISTENER" 2>/dev/null
	ssh_cleanup
}
trap files_cleanup EXIT
i=0
until [ -S "$S/log.sock" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the syslog listener did not start"
	sleep 0.05
done
log_has() { grep -qF -- "$1" "$LOG" || { cat "$LOG"; fail "syslog lacks: $1"; }; }

"$MBIN" init --demo --no-activity >/dev/null || fail "marshrut init"
DB=$DBFILE # for the harness's sql
card_fixture
"$MBIN" user add "$U" --name "Методистова Анна Сергеевна" --role admin >/dev/null || fail "user add $U"
"$MBIN" user add "$V" --name "$name" --role teacher --person "$pid" >/dev/null || fail "user add $V"
ssh_start_sshd "$U,$V" "$U" "$V"
OUT=$S/out
mkdir "$OUT"

# remote USER EXPECTED_CODE COMMAND [< input]: the client's stdout to
# $OUT/stdout, stderr to $OUT/stderr; COMMAND is one string, as ssh sends it.
remote() {
	local who=$1 want=$2 got
	shift 2
	ssh $(ssh_opts) -T "$who@127.0.0.1" -- "$@" >"$OUT/stdout" 2>"$OUT/stderr"
	got=$?
	[ "$got" = "$want" ] || { cat "$OUT/stderr"; fail "ssh $who «$*»: exit $got, expected $want"; }
}
# local_as USER COMMAND: the same program on the server, as that user, in
# his home; stdout and stderr as for remote.
local_as() {
	su -s /bin/sh "$1" -c "cd && $2" >"$OUT/stdout" 2>"$OUT/stderr" </dev/null
}
home_u=$(getent passwd "$U" | cut -d: -f6)
home_v=$(getent passwd "$V" | cut -d: -f6)

# A report, CSV: byte for byte what `-o FILE` writes on the server.
remote "$U" 0 "report indicators --year 2024 --format csv -o -"
cp "$OUT/stdout" "$S/indicators.csv"
grep -q "^УИ-3;" "$S/indicators.csv" || fail "the CSV report over SSH lacks УИ-3"
local_as "$U" "'$MBIN' report indicators --year 2024 --format csv -o indicators.csv" || fail "local report"
cmp "$S/indicators.csv" "$home_u/indicators.csv" || fail "CSV over SSH differs from the file"
# The same in text, the verb's default, with the scope and quotes.
remote "$U" 0 "report indicators --year '2024' --scope \"region\" -o -"
cp "$OUT/stdout" "$S/indicators.txt"
local_as "$U" "'$MBIN' report indicators --year 2024 --scope region -o indicators.txt" || fail "local txt report"
cmp "$S/indicators.txt" "$home_u/indicators.txt" || fail "text report over SSH differs from the file"

# XLSX: libxlsxwriter stamps docProps/core.xml with the time of writing
# (dcterms:created, dcterms:modified) and nothing else; every member of the
# two books is compared byte for byte, core.xml with those two stamps out.
remote "$U" 0 "report indicators --year 2024 --format xlsx -o -"
cp "$OUT/stdout" "$S/indicators.xlsx"
local_as "$U" "'$MBIN' report indicators --year 2024 --format xlsx -o indicators.xlsx" || fail "local xlsx"
python3 - "$S/indicators.xlsx" "$home_u/indicators.xlsx" <<'EOF' || fail "XLSX over SSH differs from the file"
import re, sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
assert a.namelist() == b.namelist(), "members differ"
stamp = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
for n in a.namelist():
    x, y = a.read(n), b.read(n)
    if n == "docProps/core.xml":
        assert len(stamp.findall(x)) == 2, "no time stamps in core.xml"
        x, y = stamp.sub(b"", x), stamp.sub(b"", y)
    assert x == y, n
assert b"\xd0\xa3\xd0\x98-3" in a.read("xl/sharedStrings.xml"), "no УИ-3 in the book"
EOF
# No temporary file stays behind.
leftover() { find /tmp -maxdepth 1 -name 'marshrut-*' \( -user "$U" -o -user "$V" \) | grep .; }
leftover && fail "a temporary file stayed in /tmp"
# Without -o -, a book is not thrown at a terminal, and -o - is refused there.
remote "$U" 2 "report indicators --format xlsx"

# The teacher's own card, HTML and text: the bytes of the file.
remote "$V" 0 "export card $number --format html -o -"
cp "$OUT/stdout" "$S/card.html"
grep -qF "$number" "$S/card.html" || fail "the card over SSH lacks its number"
local_as "$V" "'$MBIN' export card $number --format html -o card.html" || fail "local export"
cmp "$S/card.html" "$home_v/card.html" || fail "the card over SSH differs from the file"
remote "$V" 0 "export card $number -o -"
cp "$OUT/stdout" "$S/card.txt"
local_as "$V" "'$MBIN' export card $number -o card.txt" || fail "local export txt"
cmp "$S/card.txt" "$home_v/card.txt" || fail "the text card over SSH differs from the file"
# Another teacher's card: refused as in the screens, nothing printed.
local_as "$V" "'$MBIN' export card $number2 -o -"
[ $? = 1 ] || fail "locally, the teacher exported another teacher's card"
cp "$OUT/stderr" "$S/refused.local"
remote "$V" 1 "export card $number2 -o -"
[ -s "$OUT/stdout" ] && fail "the refused card printed something"
cmp "$OUT/stderr" "$S/refused.local" || fail "the refusal over SSH differs from the one on the server"
# The teacher's list of cards: his own only.
remote "$V" 0 "route list"
grep -qF "$number" "$OUT/stdout" || fail "route list lacks the teacher's card"
grep -qF "$number2" "$OUT/stdout" && fail "route list shows another teacher's card"
# In the interface over SSH: the card saved for printing (F9), and the one
# command the screen names to fetch it — run as shown, it brings the same
# bytes as the file on the server.
start ssh $(ssh_opts) -tt "$V@127.0.0.1"
open_iom
keys F9
wait_for "Enter — принять"
keys Enter
wait_for "Забрать его на свой компьютер"
wait_for "Любая клавиша"
shown=$(screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
start = next(i for i, l in enumerate(lines) if "ssh -T" in l)
col = lines[start].index("ssh -T")
words = []
for l in lines[start:]:
    part = l[col:col + 60].strip()
    if not part:
        break
    words.append(part)
print(" ".join(words))')
case $shown in
"ssh -T -p $port $V@127.0.0.1 export card $number --format html -o - > $number.html") ;;
*) fail "the screen names another command: $shown" ;;
esac
keys Enter
wait_gone "Забрать его"
wait_for "Карта сохранена: $home_v/$number.html"
keys F10 F10 F10 l
wait_for "EXIT 0"
(cd "$OUT" && eval "$(echo "$shown" | sed "s|^ssh -T|ssh -F /dev/null -i $S/ssh/client_key -o IdentitiesOnly=yes \
	-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -T|")") ||
	fail "the command shown on the screen failed"
cmp "$OUT/$number.html" "$home_v/$number.html" || fail "the command on the screen brings other bytes"

# The import screen names the one command that uploads a file from the PC:
# seen behind the picker, run as shown, it loads the file.
start ssh $(ssh_opts) -tt "$U@127.0.0.1"
wait_for "главное меню"
type_text "Загруз"
keys Enter
wait_for "Что загрузить"
wait_for "import persons - < файл.csv"
shown=$(screen | grep -o "ssh -T -p $port $U@127.0.0.1 import persons - < файл.csv")
[ -n "$shown" ] || fail "the import screen names no upload command"
keys Escape
wait_gone "Что загрузить"
wait_for "import persons - < файл.csv"
keys F10 F10 l
wait_for "EXIT 0"
printf 'Табельный номер;Фамилия;Имя;Организация\nТН-900031;Выгрузкин;Пётр;OO001\n' >"$OUT/файл.csv"
(cd "$OUT" && eval "$(echo "$shown" | sed "s|^ssh -T|ssh -F /dev/null -i $S/ssh/client_key -o IdentitiesOnly=yes \
	-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -T|")" \
	>"$OUT/stdout" 2>"$OUT/stderr") || { cat "$OUT/stderr"; fail "the upload command shown on the screen failed"; }
expect_eq "$(sql "SELECT surname FROM person WHERE external_id = 'ТН-900031'")" "Выгрузкин" "person uploaded by the shown command"

# Nor may the teacher import.
persons=$(sql "SELECT count(*) FROM person")
remote "$V" 1 "import persons -" <"$S/usr/share/marshrut/import/persons.csv"
expect_eq "$(sql "SELECT count(*) FROM person")" "$persons" "persons after the teacher's import"

# import persons - from the client's standard input: UTF-8 with a BOM, then
# CP1251 from Excel (the encoding found as for a file).
remote "$U" 0 "import persons -" <"$S/usr/share/marshrut/import/persons.csv"
grep -qF "из стандартного ввода" "$OUT/stdout" || { cat "$OUT/stdout"; fail "import does not name standard input"; }
grep -qF "Добавлено 2" "$OUT/stdout" || { cat "$OUT/stdout"; fail "import did not add 2"; }
expect_eq "$(sql "SELECT count(*) FROM person")" "$((persons + 2))" "persons after import -"
expect_eq "$(sql "SELECT surname FROM person WHERE external_id = 'ТН-900002'")" "Ёлкин" "imported person"
n=$(sql "SELECT count(*) FROM audit WHERE tbl = 'person' AND login = '$U' AND real_login = '$U'
	 AND record_id = (SELECT id FROM person WHERE external_id = 'ТН-900002')")
[ "$n" -ge 1 ] || fail "no audit row names $U for the imported person"
printf 'Табельный номер;Фамилия;Имя;Организация;Должность\r\nТН-900003;Ёлкина;Анна;OO001;учитель\r\n' |
	iconv -f UTF-8 -t CP1251 >"$S/cp1251.csv"
remote "$U" 0 "import persons -" <"$S/cp1251.csv"
grep -qF "кодировка cp1251" "$OUT/stdout" || { cat "$OUT/stdout"; fail "CP1251 not found"; }
expect_eq "$(sql "SELECT surname FROM person WHERE external_id = 'ТН-900003'")" "Ёлкина" "CP1251 over SSH"
leftover && fail "the spooled input stayed in /tmp"
# Over the cap (64 MB): a clear refusal, nothing written.
persons=$(sql "SELECT count(*) FROM person")
truncate -s $((64 * 1024 * 1024 + 1)) "$S/big.csv"
remote "$U" 1 "import persons -" <"$S/big.csv"
grep -qF "больше 64 МБ" "$OUT/stderr" || { cat "$OUT/stderr"; fail "no message for a file over the cap"; }
expect_eq "$(sql "SELECT count(*) FROM person")" "$persons" "persons after a file over the cap"
# A file named on the server, not on standard input: refused.
remote "$U" 2 "import persons /etc/passwd"

# What is not a listed verb, or would need a shell: exit 2, nothing done.
users=$(sql "SELECT count(*) FROM app_user")
audit=$(sql "SELECT count(*) FROM audit")
remote "$U" 2 "sh -c id"
grep -q "uid=" "$OUT/stdout" && fail "sh -c id ran"
grep -qF "report" "$OUT/stderr" || fail "the refusal does not list the verbs"
remote "$U" 2 "backup $S/copy.db"
[ -e "$S/copy.db" ] && fail "backup over SSH made a copy"
remote "$U" 2 "user add intruder --name 'Чужой Иван' --role admin"
remote "$U" 2 "route list; touch $S/pwned-semicolon"
remote "$U" 2 "report list \`touch $S/pwned-backquote\`"
remote "$U" 2 "--db $S/own.db route list"
remote "$V" 2 "init"
for f in pwned-semicolon pwned-backquote own.db; do
	[ -e "$S/$f" ] && fail "$f exists: a refused command did something"
done
expect_eq "$(sql "SELECT count(*) FROM app_user")" "$users" "users after the refused commands"
expect_eq "$(sql "SELECT count(*) FROM audit")" "$audit" "audit after the refused commands"
# With no command: the interface, which wants a terminal (ssh -t).
remote "$V" 2 ""
grep -qF "интерфейсу нужен терминал" "$OUT/stderr" || fail "an empty command did not mean the interface"

# Journalled with the Unix login.
log_has "ssh: $U выполняет «report indicators --year 2024 --format xlsx -o -»"
log_has "ssh: $V выполняет «export card $number --format html -o -»"
log_has "ssh: $U выполняет «import persons -»"
log_has "ssh: отказ: $U: «sh -c id»"
log_has "ssh: отказ: $U: «route list; touch $S/pwned-semicolon»"

# Password mode (one shared account): files need Unix accounts.
sed -i 's|^auth = .*|auth = "password"|' "$CF"
remote "$U" 2 "report list"
grep -qF "учётных записей Unix" "$OUT/stderr" || { cat "$OUT/stderr"; fail "password mode: no reason given"; }
grep -q "Accepted publickey for $V" "$S/ssh/sshd.log" || fail "sshd log lacks the teacher's login"
echo ok
