# Helpers for terminal tests: the real binary inside tmux at 80x24, driven by
# send-keys and read with capture-pane, polling for text instead of sleeping.
# Model: tmux's own regress/*.sh. Sourced by tests/term/*.sh.
set -u
BUILD=${BUILD:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$TOP/$BUILD/marshrut"
CONF="$TOP/conf/marshrut.conf"
WORK=$(mktemp -d)
DB="$WORK/test.db"
SOCK="marshrut-test-$$"
T="tmux -L $SOCK -f /dev/null"
TIMEOUT=${TIMEOUT:-10}

cleanup() {
	$T kill-server 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	echo "--- screen ---"
	$T capture-pane -p -t t 2>/dev/null
	exit 1
}

# Start the program in a fresh 80x24 session. Its exit status is printed
# after it ends, so a test can wait for "EXIT <code>".
start() {
	$T new-session -d -s t -x 80 -y 24 \
		"env TERM=${TERM_UNDER_TEST:-xterm} LANG=C.UTF-8 $* ; echo EXIT \$?; sleep 60"
}

screen() {
	$T capture-pane -p -t t
}

# wait_for TEXT: poll the screen until TEXT appears (fixed string).
wait_for() {
	local i=0 limit=$((TIMEOUT * 20))
	while [ $i -lt $limit ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "timed out waiting for: $1"
}

# wait_gone TEXT: poll until TEXT is no longer on the screen.
wait_gone() {
	local i=0 limit=$((TIMEOUT * 20))
	while [ $i -lt $limit ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "timed out waiting for text to go: $1"
}

keys() {
	$T send-keys -t t "$@"
}

# Literal text (no key names).
type_text() {
	$T send-keys -t t -l -- "$1"
}

sql() {
	sqlite3 -batch -noheader "$DB" "$1"
}

expect_eq() {
	[ "$1" = "$2" ] || fail "expected [$2], got [$1] ($3)"
}

demo_db() {
	"$BIN" -c "$CONF" --db "$DB" init --demo >/dev/null || fail "init --demo failed"
}
