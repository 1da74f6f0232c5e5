# Маршрут (marshrut) — build, tests, demo, install.
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
DATADIR  ?= $(PREFIX)/share/marshrut

PKGS     := ncursesw formw menuw panelw sqlite3 libconfuse libcrypt xlsxwriter
DEBS     := build-essential pkg-config libncurses-dev libsqlite3-dev libconfuse-dev libcrypt-dev \
            libxlsxwriter-dev zlib1g-dev libcsv-dev libcmocka-dev tmux sqlite3 python3

CC       ?= cc
CSTD     := -std=gnu11
WARN     := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wformat-security -Wno-format-nonliteral -Wundef -Wwrite-strings
OPT      ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -D_GNU_SOURCE -DSYSCONFDIR='"$(SYSCONFDIR)"' -DDATADIR='"$(DATADIR)"' -Isrc -I.
CFLAGS   += $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) $(XCFLAGS)
LDLIBS   += $(PKG_LIBS) -lcsv $(XLDFLAGS)

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

.PHONY: all check unit term asan bench demo deps install uninstall clean
all: $(BIN)

$(BUILD)/%.o: %.c $(wildcard src/*.h src/store/*.h src/ui/*.h src/cli/*.h screens/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BIN): $(MAIN_OBJ) $(CORE_OBJ) $(UI_OBJ)
	$(CC) $(CFLAGS) $^ -o $@ $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(CORE_OBJ) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(CORE_OBJ) -o $@ $(LDFLAGS) $(LDLIBS) -lcmocka

# Debian packages: installed when root, otherwise the one line to run.
deps:
	@missing=""; for p in $(DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Устанавливаю пакеты:$$missing"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "Не хватает пакетов. Выполните от root:"; echo "  apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

check: deps
	@$(MAKE) --no-print-directory $(BIN) $(TEST_BIN)
	@BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  XCFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  XLDFLAGS="-fsanitize=address,undefined" check

# Speed targets, measured (not asserted) on a large region; the database is
# built once and kept in $(BUILD)/bench.db.
$(BUILD)/bench: tests/bench/bench.c $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $< $(CORE_OBJ) -o $@ $(LDFLAGS) $(LDLIBS)

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench
	@$(BUILD)/bench $(BUILD)/bench.db $(or $(SCALE),30000)

DEMO_DB ?= $(BUILD)/demo.db
demo: deps
	@$(MAKE) --no-print-directory $(BIN)
	@[ -s $(DEMO_DB) ] || $(BIN) -c conf/marshrut.conf --db $(DEMO_DB) init --demo
	@$(BIN) -c conf/marshrut.conf --db $(DEMO_DB) --as curator

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/marshrut
	install -m 0644 src/marshrut.1 $(DESTDIR)$(MANDIR)/man1/marshrut.1
	cp -R conf/. $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(SYSCONFDIR)/marshrut
	[ -e $(DESTDIR)$(SYSCONFDIR)/marshrut/marshrut.conf ] || \
	  sed -e 's#^calendar = "calendar.conf"#calendar = "$(DATADIR)/calendar.conf"#' \
	      -e 's#^codifier = "codifier.conf"#codifier = "$(DATADIR)/codifier.conf"#' \
	      -e 's#^selfcheck = "selfcheck.conf"#selfcheck = "$(DATADIR)/selfcheck.conf"#' \
	      -e 's#^indicators = "indicators.conf"#indicators = "$(DATADIR)/indicators.conf"#' conf/marshrut.conf \
	    > $(DESTDIR)$(SYSCONFDIR)/marshrut/marshrut.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/marshrut $(DESTDIR)$(MANDIR)/man1/marshrut.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan
