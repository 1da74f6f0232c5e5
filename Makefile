# Маршрут (marshrut) — build, tests, demo, install.
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
LOCALSTATEDIR ?= /var
DATADIR  ?= $(PREFIX)/share/marshrut
# The database lives here (named by `database =` in the installed marshrut.conf);
# on a shared server the directory and the file belong to the group below, and
# the binary is setgid to it: people reach the data only through the program.
STATEDIR ?= $(LOCALSTATEDIR)/lib/marshrut
INSTALL_GROUP ?= marshrut

PKGS     := ncursesw formw menuw panelw sqlite3 libconfuse libcrypt xlsxwriter nettle libzip expat
# Debian packages in two groups. Building and running (make demo, make
# deps-run): the compiler, pkg-config, the -dev libraries, and ncurses-term for
# TERM=putty. The tests and measurements add theirs (make check, asan,
# valgrind, bench: make deps): a newcomer's `make demo` starts no sshd.
DEBS_RUN  := build-essential pkg-config libncurses-dev libsqlite3-dev libconfuse-dev libcrypt-dev \
             libxlsxwriter-dev zlib1g-dev libcsv-dev libunistring-dev nettle-dev ncurses-term \
             libzip-dev libexpat1-dev
DEBS_TEST := libcmocka-dev tmux sqlite3 python3 python3-pyte openssh-server python3-openpyxl
DEBS      := $(DEBS_RUN) $(DEBS_TEST)

CC       ?= cc
CSTD     := -std=gnu11
WARN     := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wformat-security -Wno-format-nonliteral -Wundef -Wwrite-strings
OPT      ?= -O2 -g
# The .xlsx libraries are not linked: src/dynlib.c opens them by their
# SONAMEs on the first import or export of a workbook (issue 18: they bring
# libcrypto, 1.5 MB of every session's memory). Their headers still count.
DL_PKGS  := xlsxwriter libzip expat
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(filter-out $(DL_PKGS),$(PKGS)) 2>/dev/null)
CPPFLAGS += -D_GNU_SOURCE -DSYSCONFDIR='"$(SYSCONFDIR)"' -DDATADIR='"$(DATADIR)"' -Isrc -I.
CFLAGS   += $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) $(XCFLAGS)
LDLIBS   += $(PKG_LIBS) -lcsv -lunistring -lm -ldl $(XLDFLAGS)
# The SONAME of the installed libNAME.so (the -dev package's link).
soname = $(shell objdump -p "$$($(CC) -print-file-name=$(1).so)" 2>/dev/null | awk '/SONAME/ { print $$2 }')
DL_SONAMES = $(foreach l,ZIP:libzip EXPAT:libexpat XLSXWRITER:libxlsxwriter,\
  $(if $(call soname,$(word 2,$(subst :, ,$(l)))),-DDYNLIB_SONAME_$(word 1,$(subst :, ,$(l)))='"$(call soname,$(word 2,$(subst :, ,$(l))))"'))

BUILD    ?= build
# Core: everything below the terminal (testable with cmocka).
CORE_SRC := $(wildcard src/*.c src/store/*.c src/cli/*.c)
CORE_SRC := $(filter-out src/main.c,$(CORE_SRC))
UI_SRC   := $(wildcard src/ui/*.c screens/*.c)
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
BIN      := $(BUILD)/marshrut

TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check unit term asan valgrind bench bench-link demo deps deps-run install uninstall clean
all: $(BIN)

$(BUILD)/%.o: %.c $(wildcard src/*.h src/store/*.h src/ui/*.h src/cli/*.h screens/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/src/dynlib.o: CPPFLAGS += $(DL_SONAMES)

$(BIN): $(MAIN_OBJ) $(CORE_OBJ) $(UI_OBJ)
	$(CC) $(CFLAGS) $^ -o $@ $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(CORE_OBJ) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(CORE_OBJ) -o $@ $(LDFLAGS) $(LDLIBS) -lcmocka

# Debian packages: installed when root, otherwise the one line to run.
# dpkg-query, apt-get and id are found on PATH (tests/term/deps.sh puts
# stand-ins first to see what would be installed).
deps: DEBS_WANT = $(DEBS)
deps-run: DEBS_WANT = $(DEBS_RUN)
deps deps-run:
	@missing=""; for p in $(DEBS_WANT); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Устанавливаю пакеты:$$missing"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "Не хватает пакетов. Выполните от root:"; echo "  apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

check: deps
	@$(MAKE) --no-print-directory $(BIN) $(TEST_BIN) $(BUILD)/stress
	@BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  XCFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  XLDFLAGS="-fsanitize=address,undefined" check

# One terminal scenario (a form, a list, a resize) under valgrind memcheck:
# any error or definite leak fails it. Run by .ci/run after make check.
valgrind: deps
	@$(MAKE) --no-print-directory $(BIN)
	@command -v valgrind >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq valgrind >/dev/null; }
	@VALGRIND=1 BUILD=$(BUILD) sh tests/term/admin_register.sh && echo "valgrind: admin_register.sh ok"

# Speed targets, measured (not asserted) on a large region; the database is
# built once and kept in $(BUILD)/bench.db. `bench --cold N DB ...`: every
# region-wide screen and report computed cold on each region of BENCH_SIZES
# (tests/bench/cold.c). All the figures go to tests/bench/results.txt.
$(BUILD)/bench: tests/bench/bench.c tests/bench/count.c tests/bench/cold.c $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(CORE_OBJ) -o $@ $(LDFLAGS) $(LDLIBS)

# Concurrency and crash proofs (tests/term/concurrency.sh, crash.sh, idle.sh).
$(BUILD)/stress: tests/stress/stress.c tests/stress/powercut.c tests/stress/powercut.h $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) tests/stress/stress.c tests/stress/powercut.c $(CORE_OBJ) -o $@ $(LDFLAGS) $(LDLIBS)

# The password login's time for unknown, existing, disabled and closed
# logins (issue 17; tests/bench/login.c).
$(BUILD)/bench-login: tests/bench/login.c $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(CORE_OBJ) -o $@ $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench-baseline: tests/bench/baseline.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $< -o $@ $(LDFLAGS) $(PKG_LIBS)

# Many sessions at once (issue 18): the load generator, in C so that it
# keeps up with 200 ptys on 2 cores (tests/bench/load.c).
$(BUILD)/bench-load: tests/bench/load.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $< -o $@ $(LDFLAGS) -lsqlite3 -lutil
LOAD_SESSIONS ?= 200
LOAD_SECONDS ?= 25

# Sessions in a pty (tests/bench/session.py): bytes on the wire, CPU per
# key, memory, time to first screen, write throughput, on demo regions of
# 600, 6 000, 30 000 and 100 000 teachers (built once, kept in $(BUILD)/). Then the
# meeting mode's keys per person (tests/bench/meeting.py, on a copy of 600),
# and init --demo of 100 000 timed from the outside (tests/bench/init.sh).
BENCH_SIZES ?= 600 6000 30000 100000
$(BUILD)/bench-%.db: | $(BIN)
	@rm -f $@ $@-wal $@-shm
	$(BIN) -c conf/marshrut.conf --db $@ init --demo --scale $* >/dev/null

# A slow link for real (root; by hand, not in CI): sshd in a network
# namespace behind 64 kbit/s and a 300 ms round trip.
bench-link: deps
	@$(MAKE) --no-print-directory $(BIN) $(BUILD)/bench-600.db
	@/usr/bin/python3 tests/bench/link.py $(BUILD) $(BUILD)/bench-600.db tests/bench/link-results.txt

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench $(BIN) $(BUILD)/stress $(BUILD)/bench-baseline \
	  $(BUILD)/bench-load $(BUILD)/bench-login $(BENCH_SIZES:%=$(BUILD)/bench-%.db)
	@$(BUILD)/bench $(BUILD)/bench.db $(or $(SCALE),30000) > $(BUILD)/bench.out || { cat $(BUILD)/bench.out; exit 1; }
	@cat $(BUILD)/bench.out
	@$(BUILD)/bench --cold $(foreach n,$(BENCH_SIZES),$(n) $(BUILD)/bench-$(n).db) > $(BUILD)/bench-cold.out \
	  || { cat $(BUILD)/bench-cold.out; exit 1; }
	@cat $(BUILD)/bench-cold.out
	@/usr/bin/python3 tests/bench/session.py $(BUILD) tests/bench/results.txt \
	  $(BENCH_SIZES:%=$(BUILD)/bench-%.db)
	@{ echo; echo "In process (tests/bench/bench.c), $(or $(SCALE),30000) teachers, wall ms:"; \
	  cat $(BUILD)/bench.out $(BUILD)/bench-cold.out; } >> tests/bench/results.txt
	@/usr/bin/python3 tests/bench/meeting.py $(BUILD) tests/bench/meeting-results.txt $(BUILD)/bench-600.db
	@BUILD=$(BUILD) sh tests/bench/import.sh > $(BUILD)/import.out; cat $(BUILD)/import.out; \
	  { echo; echo "== a large import while the region works (issue 17)"; cat $(BUILD)/import.out; } \
	  >> tests/bench/results.txt; rm -f $(BUILD)/import.out
	@$(BUILD)/bench-login > $(BUILD)/login.out && cat $(BUILD)/login.out && \
	  { echo; cat $(BUILD)/login.out; } >> tests/bench/results.txt; rm -f $(BUILD)/login.out
	@BUILD=$(BUILD) sh tests/bench/init.sh > $(BUILD)/init.out || { cat $(BUILD)/init.out; exit 1; }; \
	  cat $(BUILD)/init.out; { echo; cat $(BUILD)/init.out; } >> tests/bench/results.txt; rm -f $(BUILD)/init.out
	@for n in 600 30000; do \
	  rm -f $(BUILD)/load.db $(BUILD)/load.db-wal $(BUILD)/load.db-shm; \
	  sqlite3 $(BUILD)/bench-$$n.db ".backup $(BUILD)/load.db" || exit 1; \
	  echo "== $(LOAD_SESSIONS) sessions at once, $$n teachers ($(LOAD_SECONDS) s a run)" > $(BUILD)/load.out; \
	  $(BUILD)/bench-load $(BIN) conf/marshrut.conf $(BUILD)/load.db $(LOAD_SESSIONS) $(LOAD_SECONDS) \
	    >> $(BUILD)/load.out || exit 1; \
	  cat $(BUILD)/load.out; cat $(BUILD)/load.out >> tests/bench/results.txt; \
	done; rm -f $(BUILD)/load.db $(BUILD)/load.db-wal $(BUILD)/load.db-shm $(BUILD)/load.out

# The demo opens as the curator, who has cards at every stage to act on. A
# database from an older version, where his list is empty, is made anew.
DEMO_DB ?= $(BUILD)/demo.db
demo: deps-run
	@$(MAKE) --no-print-directory $(BIN)
	@if [ -s $(DEMO_DB) ] && [ -z "$$($(BIN) -c conf/marshrut.conf --db $(DEMO_DB) --as curator route list 2>/dev/null | head -1)" ]; then \
	  echo "$(DEMO_DB): у демо-куратора нет карт (база прежней версии) — создаю демо-базу заново"; \
	  rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm; \
	fi
	@[ -s $(DEMO_DB) ] || $(BIN) -c conf/marshrut.conf --db $(DEMO_DB) init --demo
	@$(BIN) -c conf/marshrut.conf --db $(DEMO_DB) --as curator

# A shared server: `make install` as root (without DESTDIR) also creates the
# system group, makes the binary setgid to it and gives the data directory and
# an existing database to the group. With DESTDIR (packaging) or without root
# only files are copied; the group and modes are then the package's business.
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(SYSCONFDIR)/marshrut $(DESTDIR)$(STATEDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/marshrut
	install -m 0644 src/marshrut.1 $(DESTDIR)$(MANDIR)/man1/marshrut.1
	cp -R conf/. $(DESTDIR)$(DATADIR)/
	[ -e $(DESTDIR)$(SYSCONFDIR)/marshrut/marshrut.conf ] || \
	  sed -e 's#^database = .*#database = "$(STATEDIR)/marshrut.db"#' \
	      -e 's#^calendar = "calendar.conf"#calendar = "$(DATADIR)/calendar.conf"#' \
	      -e 's#^codifier = "codifier.conf"#codifier = "$(DATADIR)/codifier.conf"#' \
	      -e 's#^import_words = "import_words.conf"#import_words = "$(DATADIR)/import_words.conf"#' \
	      -e 's#^selfcheck = "selfcheck.conf"#selfcheck = "$(DATADIR)/selfcheck.conf"#' \
	      -e 's#^interview = "interview.conf"#interview = "$(DATADIR)/interview.conf"#' \
	      -e 's#^indicators = "indicators.conf"#indicators = "$(DATADIR)/indicators.conf"#' \
	      -e 's#^associations = "associations.conf"#associations = "$(DATADIR)/associations.conf"#' \
	      -e 's#^measures = "measures.conf"#measures = "$(DATADIR)/measures.conf"#' conf/marshrut.conf \
	    > $(DESTDIR)$(SYSCONFDIR)/marshrut/marshrut.conf
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
	  set -e; \
	  getent group $(INSTALL_GROUP) >/dev/null || { echo "groupadd --system $(INSTALL_GROUP)"; groupadd --system $(INSTALL_GROUP); }; \
	  echo "$(BINDIR)/marshrut: root:$(INSTALL_GROUP), 2755 (setgid); $(STATEDIR): root:$(INSTALL_GROUP), 2770"; \
	  chown root:$(INSTALL_GROUP) $(BINDIR)/marshrut $(STATEDIR); \
	  chmod 2755 $(BINDIR)/marshrut; \
	  chmod 2770 $(STATEDIR); \
	  for f in $(STATEDIR)/marshrut.db $(STATEDIR)/marshrut.db-wal $(STATEDIR)/marshrut.db-shm; do \
	    if [ -f "$$f" ] && [ ! -L "$$f" ]; then echo "$$f: группа $(INSTALL_GROUP), 0660"; chgrp $(INSTALL_GROUP) "$$f"; chmod 0660 "$$f"; fi; \
	  done; \
	else \
	  echo "Группа $(INSTALL_GROUP) и права не настроены (нужен root без DESTDIR): для сервера —"; \
	  echo "  $(BINDIR)/marshrut root:$(INSTALL_GROUP) 2755, $(STATEDIR) root:$(INSTALL_GROUP) 2770, база 0660"; \
	fi

# The database and the configuration stay (they are the region's data).
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/marshrut $(DESTDIR)$(MANDIR)/man1/marshrut.1
	rm -rf $(DESTDIR)$(DATADIR)
	@echo "Оставлены база $(DESTDIR)$(STATEDIR) и настройки $(DESTDIR)$(SYSCONFDIR)/marshrut: удалите их сами, если они не нужны."

clean:
	rm -rf build build-asan build-fuzz

# Fuzzing: libFuzzer harnesses in tests/fuzz/ (CSV reader and importer,
# configuration files, dates, text). Built by clang with ASan and UBSan into
# $(FUZZ_BUILD)/, never from the gcc objects of $(BUILD)/. `make fuzz` runs
# each for FUZZ_TIME seconds (CI: make fuzz FUZZ_TIME=10) on a copy of
# tests/fuzz/corpus/TARGET in $(FUZZ_BUILD)/run/TARGET/; a crash, leak,
# undefined behaviour or broken invariant fails the target (the input is
# kept in $(FUZZ_BUILD)/run/TARGET/artifacts/).
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzz
FUZZ_TIME    ?= 60
FUZZ_TARGETS := text date config csv xlsx
FUZZ_MAXLEN_text   := 1024
FUZZ_MAXLEN_date   := 128
FUZZ_MAXLEN_config := 8192
FUZZ_MAXLEN_csv    := 8192
FUZZ_MAXLEN_xlsx   := 65536
# (clang's -Wstring-concatenation flags the long titles split over lines in store/demo.c)
FUZZ_CFLAGS  := $(CSTD) $(WARN) -Wno-string-concatenation -O1 -g -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ     := $(CORE_SRC:%.c=$(FUZZ_BUILD)/%.o)
$(FUZZ_BUILD)/src/dynlib.o: CPPFLAGS += $(DL_SONAMES)
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

$(FUZZ_BUILD)/%.o: %.c $(wildcard src/*.h src/store/*.h src/cli/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_BIN): $(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_OBJ) -o $@ \
	  $(LDFLAGS) $(PKG_LIBS) -lcsv -lunistring -lm

.PHONY: fuzz fuzz-deps fuzz-run
fuzz-deps:
	@command -v $(FUZZ_CC) >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq clang >/dev/null; } || \
	  { echo "Нужен clang: apt-get install -y clang"; exit 1; }
fuzz: deps fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@$(MAKE) --no-print-directory fuzz-run
fuzz-run:
	@fail=0; $(foreach t,$(FUZZ_TARGETS),sh tests/fuzz/run.sh $(FUZZ_BUILD)/fuzz_$(t) tests/fuzz/corpus/$(t) \
	  $(FUZZ_BUILD)/run/$(t) $(FUZZ_TIME) $(FUZZ_MAXLEN_$(t)) || fail=1;) exit $$fail
