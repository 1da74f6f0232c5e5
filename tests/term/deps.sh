#!/bin/sh
# The Makefile's package lists: `make demo` asks only for what building and
# running need; `make check` (and asan, valgrind, bench) add the test tools.
# Stand-ins for dpkg-query (nothing is installed), apt-get (records what it
# is asked to install, installs nothing) and id come first on PATH: nothing
# is installed or removed for real.
. "$(dirname "$0")/harness"
# Under `make check` the outer make's flags (jobserver, -n...) stay outside.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
FAKE=$WORK/fake
mkdir "$FAKE"
cat >"$FAKE/dpkg-query" <<'EOF'
#!/bin/sh
echo "dpkg-query: no packages found matching $*" >&2
exit 1
EOF
cat >"$FAKE/apt-get" <<EOF
#!/bin/sh
# Records the packages of "install"; "update" and the rest do nothing.
install=0; for a in "\$@"; do
	case "\$a" in
	install) install=1 ;;
	-*) ;;
	*) [ \$install = 1 ] && echo "\$a" >>"$WORK/installed" ;;
	esac
done
exit 0
EOF
cat >"$FAKE/id" <<EOF
#!/bin/sh
[ "\$1" = -u ] && { echo "\${FAKE_UID:-0}"; exit 0; }
exec /usr/bin/id "\$@"
EOF
chmod +x "$FAKE/dpkg-query" "$FAKE/apt-get" "$FAKE/id"

TEST_TOOLS="libcmocka-dev tmux sqlite3 python3 python3-pyte openssh-server python3-openpyxl"
BUILD_RUN="build-essential pkg-config libncurses-dev libsqlite3-dev libconfuse-dev libcrypt-dev
libxlsxwriter-dev zlib1g-dev libcsv-dev libunistring-dev nettle-dev ncurses-term libzip-dev libexpat1-dev"

mk() { # mk TARGET: the Makefile's deps recipe with the stand-ins
	rm -f "$WORK/installed"
	PATH="$FAKE:$PATH" make --no-print-directory -C "$TOP" "$1" >"$WORK/out" 2>&1
}
sorted() { printf '%s\n' $1 | sort; }

# `make demo` needs deps-run and nothing else from the package lists.
prereq=$(make --no-print-directory -C "$TOP" -pqn 2>/dev/null | sed -n 's/^demo: *//p' | head -1)
[ "$prereq" = "deps-run" ] || fail "demo depends on «$prereq», expected deps-run"
for t in check asan valgrind bench; do
	p=$(make --no-print-directory -C "$TOP" -pqn 2>/dev/null | sed -n "s/^$t: *//p" | head -1)
	case " $p " in *" deps "*) ;; *) fail "$t depends on «$p», expected deps" ;; esac
done

# As root: deps-run installs exactly the build and run group.
mk deps-run || { cat "$WORK/out"; fail "make deps-run failed with the stand-ins"; }
[ -s "$WORK/installed" ] || { cat "$WORK/out"; fail "apt-get was not asked to install anything"; }
[ "$(sort "$WORK/installed")" = "$(sorted "$BUILD_RUN")" ] || {
	echo "asked:"; sort "$WORK/installed"; fail "deps-run asked for other packages than build and run need"; }
for p in $TEST_TOOLS; do
	grep -qx "$p" "$WORK/installed" && fail "deps-run (make demo) would install the test tool $p"
done
grep -q "Устанавливаю пакеты:" "$WORK/out" || { cat "$WORK/out"; fail "deps-run does not say what it installs"; }

# The tests' target asks for both groups.
mk deps || { cat "$WORK/out"; fail "make deps failed with the stand-ins"; }
[ "$(sort "$WORK/installed")" = "$(sorted "$BUILD_RUN $TEST_TOOLS")" ] || {
	echo "asked:"; sort "$WORK/installed"; fail "deps asked for other packages than both groups"; }

# Not root: nothing is run, the one apt-get line is printed and make stops.
FAKE_UID=1000; export FAKE_UID
mk deps-run && fail "deps-run without root should stop"
[ -e "$WORK/installed" ] && fail "apt-get was run without root"
line=$(sed -n 's/^  apt-get install -y//p' "$WORK/out")
[ "$(sorted "$line")" = "$(sorted "$BUILD_RUN")" ] || { cat "$WORK/out"; fail "the printed apt-get line is not the build and run group"; }
grep -q "Выполните от root" "$WORK/out" || fail "no Russian hint without root"
echo "ok"
