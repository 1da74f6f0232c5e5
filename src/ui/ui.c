/* The terminal frame, keys, text drawing, dialogs and the screen stack. */
#include "ui/ui.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <menu.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool use_color;
static volatile sig_atomic_t got_hangup;
static char status_text[512];
static bool status_is_error;
/* Set while the current key was handled: a screen's parting word (its
 * form saved) goes with it to the screen below; an older one does not. */
static bool status_fresh;
static struct screen *top;
static WINDOW *body;
/* Keys are read from a window of their own that never holds anything: a
 * read on a window refreshes it first, and reading from stdscr would paint
 * its stale copy over the body and over any dialog. */
static WINDOW *input;

static void on_hangup(int sig)
{
	(void)sig;
	got_hangup = 1;
}

void ui_install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hangup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

bool ui_hangup(void)
{
	return got_hangup != 0;
}

/* Keys whatever TERM says (as Midnight Commander does): sequences that
 * PuTTY, rxvt, the linux console and xterm send, bound with ncurses' own
 * define_key wherever the terminal description does not know them. The
 * numeric keypad in application mode (keypad(TRUE) switches it there)
 * sends ESC O p..y and friends: private codes, read back as the digits. */
#define UI_KEYPAD_BASE 0x6000   /* + the character (fits libncurses' tries) */

static bool use_mouse;
/* Keys read ahead (the key that ended an Esc's window), returned first. */
static struct ui_key pending[8];
static int npending;
/* Work put off until the first frame is out (ui_after_first_frame). */
static void (*deferred_fn)(void *ctx);
static void *deferred_ctx;

static bool term_is_vt100(void)
{
	const char *t = getenv("TERM");
	const char *kf5 = tigetstr("kf5");

	if (t && (strncmp(t, "vt10", 4) == 0 || strncmp(t, "vt52", 4) == 0))
		return true;
	/* A description whose F5 is vt100's PF-row neighbour. */
	return kf5 && kf5 != (char *)-1 && strcmp(kf5, "\033Ot") == 0;
}

/* Bind seq unless the description gives it a key the program knows; a
 * name of its own extensions (PuTTY's kpNUM for ESC O P) is one nothing
 * here would answer, and gives way. */
static void bind_if_unknown(const char *seq, int code)
{
	int now = key_defined(seq);

	if (now == 0 || now > KEY_MAX)
		define_key(seq, code);
}

static void bind_keys(void)
{
	static const struct { const char *seq; int code; } known[] = {
		/* PuTTY (ESC[n~ keyboard) and rxvt */
		{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) },
		{ "\033[14~", KEY_F(4) }, { "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
		{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) }, { "\033[20~", KEY_F(9) },
		{ "\033[21~", KEY_F(10) },
		/* the linux console */
		{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) }, { "\033[[C", KEY_F(3) },
		{ "\033[[D", KEY_F(4) }, { "\033[[E", KEY_F(5) },
		/* xterm */
		{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
		/* Home and End as the various terminals send them */
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END }, { "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END }, { "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
	};
	/* vt100's F5..F10: under xterm and PuTTY the same bytes are the keypad. */
	static const struct { const char *seq; int code; } vt100[] = {
		{ "\033Ot", KEY_F(5) }, { "\033Ou", KEY_F(6) }, { "\033Ov", KEY_F(7) },
		{ "\033Ol", KEY_F(8) }, { "\033Ow", KEY_F(9) }, { "\033Ox", KEY_F(10) },
	};
	/* The keypad in application mode: digits and signs, whatever the
	 * description calls them (xterm's ka1 = ESC O w is KEY_A1, PuTTY's
	 * kf0 = ESC O y): define_key replaces those. PuTTY's keypad + sends
	 * vt100's comma, ESC O l. */
	static const char keypad_chars[] = "pqrstuvwxynkmjolM";
	static const char keypad_as[] = "0123456789.+-*/+\r";
	char seq[4] = "\033O?";

	for (size_t i = 0; i < NITEMS(known); i++)
		bind_if_unknown(known[i].seq, known[i].code);
	if (term_is_vt100()) {
		for (size_t i = 0; i < NITEMS(vt100); i++)
			bind_if_unknown(vt100[i].seq, vt100[i].code);
		return;
	}
	for (size_t i = 0; keypad_chars[i]; i++) {
		seq[2] = keypad_chars[i];
		if (keypad_as[i] == '\r')
			bind_if_unknown(seq, KEY_ENTER);   /* ESC O M: kent where known */
		else
			define_key(seq, UI_KEYPAD_BASE + keypad_as[i]);
	}
}

void ui_init(bool color, int escape, bool mouse)
{
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(150);
	/* initscr() would say «Error opening terminal» in English and exit. */
	if (newterm(NULL, stdout, stdin) == NULL) {
		char *term = text_sanitize(getenv("TERM") ? getenv("TERM") : "");
		fprintf(stderr, "marshrut: тип терминала TERM=«%s» системе не известен: укажите xterm "
			"(в PuTTY: Connection → Data → Terminal-type string) или установите пакет "
			"ncurses-term\n", term);
		free(term);
		exit(EXIT_FAILURE);
	}
	/* One window after Esc serves both the terminal's sequences and
	 * Esc+digit: curses waits it for the rest of a sequence, and a digit
	 * that comes in it ends it at once (no key starts with Esc and a
	 * digit) and is read as the F-key; a bare Esc acts when the window
	 * ends, with no other wait. Without Esc+digit (escape_window = 0)
	 * the window is ESCDELAY's (150 ms unless set). */
	if (escape > 0)
		set_escdelay(escape);
	/* raw, not cbreak: Ctrl-C (copy, by Windows habit) and Ctrl-S/Ctrl-Q
	 * arrive as keys, so they can neither kill the program with the
	 * user's unsaved work nor freeze the terminal. */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	curs_set(0);
	bind_keys();
	use_color = color && has_colors();
	if (use_color) {
		start_color();
		use_default_colors();
		init_pair(UI_PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(UI_PAIR_BAR, COLOR_BLACK, COLOR_CYAN);
		init_pair(UI_PAIR_BARKEY, COLOR_WHITE, -1);
		init_pair(UI_PAIR_SEL, COLOR_BLACK, COLOR_CYAN);
		init_pair(UI_PAIR_ERR, COLOR_RED, -1);
		init_pair(UI_PAIR_FIELD, COLOR_BLACK, COLOR_WHITE);
	}
	body = newwin(LINES - 3, COLS, 1, 0);
	keypad(body, TRUE);
	input = newwin(1, 1, 0, 0);
	keypad(input, TRUE);
	leaveok(input, TRUE);   /* reading never moves the cursor off a field */
	/* The mouse as in mc: click, double click, the wheel. Terminals
	 * without mouse reporting get an empty mask and nothing changes. */
	use_mouse = false;
	if (mouse &&
	    mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED,
		      NULL) != 0)
		use_mouse = true;
	ui_install_signals();
}

void ui_end(void)
{
	if (use_mouse)
		mousemask(0, NULL);
	use_mouse = false;
	npending = 0;
	deferred_fn = NULL;
	if (body)
		delwin(body);
	if (input)
		delwin(input);
	body = input = NULL;
	endwin();
}

bool ui_has_color(void)
{
	return use_color;
}

int ui_body_lines(void)
{
	return LINES - 3;
}

bool ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

void ui_draw_too_small(void)
{
	werase(stdscr);
	mvaddstr(0, 0, "Окно терминала слишком мало.");
	mvprintw(1, 0, "Нужно не меньше %dx%d, сейчас %dx%d.", UI_MIN_COLS, UI_MIN_LINES, COLS, LINES);
	mvaddstr(2, 0, "Увеличьте окно или F10 — выход.");
	wnoutrefresh(stdscr);
	doupdate();
}

/* Read one key: within ms milliseconds, or (ms < 0) sleeping until the
 * terminal has input or a signal comes (a resize, a hang-up). While
 * sleeping, those signals are blocked except inside ppoll(), so one that
 * arrives just before the wait is not lost until the next key: curses
 * sees its resize flag on the read that follows. */
static struct ui_key read_raw(int ms)
{
	struct ui_key k = { 0, 0, 0, 0 };
	wint_t ch;
	int rc;
	bool gone = false;

	if (ms < 0) {
		struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
		sigset_t block, old;

		sigemptyset(&block);
		sigaddset(&block, SIGWINCH);
		sigaddset(&block, SIGHUP);
		sigaddset(&block, SIGTERM);
		sigprocmask(SIG_BLOCK, &block, &old);
		/* Keys curses holds already, or a resize it has seen, first. */
		wtimeout(input, 0);
		errno = 0;
		rc = wget_wch(input, &ch);
		if (rc == ERR && !got_hangup && errno != EIO) {
			ppoll(&p, 1, NULL, &old);
			sigprocmask(SIG_SETMASK, &old, NULL);
			/* The other end closed: nothing more will come. */
			gone = (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
			errno = 0;
			rc = wget_wch(input, &ch);
		} else {
			sigprocmask(SIG_SETMASK, &old, NULL);
		}
	} else {
		wtimeout(input, ms);
		errno = 0;
		rc = wget_wch(input, &ch);
	}
	if (rc == ERR) {
		if (got_hangup || gone || errno == EIO || !isatty(STDIN_FILENO))
			k.code = UI_KEY_HANGUP;
		else
			k.code = UI_KEY_IDLE;
	} else if (rc == KEY_CODE_YES && ch >= UI_KEYPAD_BASE && ch < UI_KEYPAD_BASE + 128) {
		k.ch = ch - UI_KEYPAD_BASE;   /* the numeric keypad: its character */
	} else if (rc == KEY_CODE_YES) {
		k.code = (int)ch;
	} else {
		k.ch = ch;
	}
	return k;
}

/* A mouse report as one of our events: the key bar's cells are F-keys. */
static struct ui_key mouse_key(void)
{
	struct ui_key k = { UI_KEY_IDLE, 0, 0, 0 };
	MEVENT ev;

	if (!use_mouse) {
		/* Reports the terminal sends though none were asked for (left
		 * on by another program): curses has read only their prefix;
		 * the rest is swallowed, not typed. SGR ends in M or m, the old
		 * form has three bytes. */
		const char *km = tigetstr("kmous");
		struct ui_key c;
		int guard = 0;

		if (km && km != (char *)-1 && strcmp(km, "\033[<") == 0)
			do
				c = read_raw(50);
			while (c.code == 0 && c.ch != 'M' && c.ch != 'm' && ++guard < 32);
		else
			for (int i = 0; i < 3; i++)
				read_raw(50);
		return k;
	}
	if (getmouse(&ev) != OK)
		return k;
	k.y = ev.y;
	k.x = ev.x;
	if (ev.bstate & BUTTON4_PRESSED)
		k.code = UI_KEY_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		k.code = UI_KEY_WHEEL_DOWN;
	else if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		k.code = UI_KEY_DCLICK;
	else if (ev.bstate & BUTTON1_CLICKED)
		k.code = UI_KEY_CLICK;
	if (k.code == UI_KEY_CLICK && ev.y == LINES - 1 && COLS >= 10) {
		/* The cells ui_draw_keybar draws: COLS/10 wide, F10 the last. */
		int n = ev.x / (COLS / 10) + 1;
		k.code = KEY_F(n > 10 ? 10 : n);
	}
	return k;
}

/* One key as the terminal sent it, made ours: Enter, Ctrl-L, the mouse. */
static struct ui_key plain_key(int ms)
{
	struct ui_key k = read_raw(ms);

	if (k.code == KEY_MOUSE)
		k = mouse_key();
	if (k.code == 0 && (k.ch == '\r' || k.ch == '\n'))
		k.code = KEY_ENTER, k.ch = 0;
	if (k.code == 0 && k.ch == 12) /* Ctrl-L */
		k.code = KEY_REFRESH, k.ch = 0;
	return k;
}

static void push_pending(struct ui_key k)
{
	if (npending < (int)NITEMS(pending))
		pending[npending++] = k;
}

static bool is_digit_key(struct ui_key k)
{
	return k.code == 0 && k.ch >= '0' && k.ch <= '9';
}

static struct ui_key fkey_of_digit(struct ui_key d)
{
	struct ui_key k = { KEY_F(d.ch == '0' ? 10 : (int)(d.ch - '0')), 0, 0, 0 };
	return k;
}

void ui_after_first_frame(void (*fn)(void *ctx), void *ctx)
{
	deferred_fn = fn;
	deferred_ctx = ctx;
}

/* Whatever drew the first frame (the main loop or a dialog before it) has
 * sent it by now: the deferred work runs once. */
static void run_deferred(void)
{
	void (*fn)(void *ctx) = deferred_fn;

	deferred_fn = NULL;
	if (fn)
		fn(deferred_ctx);
}

struct ui_key ui_read_key(void)
{
	struct ui_key k, n;

	run_deferred();
	if (got_hangup) {
		k.code = UI_KEY_HANGUP;
		k.ch = 0;
		k.y = k.x = 0;
		return k;
	}
	if (npending > 0) {
		/* A key read ahead is the next one, as typed (an Esc that
		 * ended another's window is an Esc with a window of its own). */
		k = pending[0];
		memmove(pending, pending + 1, (size_t)--npending * sizeof *pending);
	} else {
		/* Block until a key or a signal: nothing runs, draws or polls
		 * while the user is away. */
		k = plain_key(-1);
	}
	if (!(k.code == 0 && k.ch == 27))
		return k;
	/* Esc: curses has waited the window (ui_init) and found no sequence
	 * it knows. What ended the window is read at once, never waited
	 * for: a digit is Esc+digit or Alt+digit, the F-key (Esc 0 is F10),
	 * as in mc; '[' or 'O' start a sequence the description does not
	 * know (a pasted ESC [2J), swallowed up to its final byte so it is
	 * neither a command nor text; anything else is kept for after. */
	k.code = UI_KEY_ESC;
	k.ch = 0;
	n = plain_key(0);
	if (is_digit_key(n)) {
		return fkey_of_digit(n);
	} else if (n.code == 0 && (n.ch == '[' || n.ch == 'O')) {
		struct ui_key c;
		int guard = 0;
		if (n.ch == '[')
			do
				c = read_raw(50);
			while (c.code == 0 && !(c.ch >= 0x40 && c.ch <= 0x7e) && ++guard < 32);
		else
			read_raw(50);
		k.code = UI_KEY_IDLE;
		return k;
	}
	/* Esc acts; the key that ended its window is not lost. */
	if (n.code != UI_KEY_IDLE)
		push_pending(n);
	return k;
}

int ui_key_cmd(const struct keydef *keys, struct ui_key k)
{
	for (const struct keydef *d = keys; d && d->key; d++) {
		if (k.code && d->key == k.code)
			return d->cmd;
		if (!k.code && k.ch && d->key == (int)k.ch)
			return d->cmd;
	}
	return CMD_NONE;
}

/* Sanitise, fit into cols (with "…" when cut), draw; optionally pad with
 * spaces to cols. */
static void put(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr, bool pad)
{
	char *clean, buf[1024];
	wchar_t wbuf[1024];
	size_t nw = 0;
	int used;

	if (cols <= 0)
		return;
	clean = text_sanitize(text ? text : "");
	used = text_fit_ellipsis(clean, cols, buf, sizeof buf);
	/* As wide characters: curses would decode the bytes one by one
	 * through the C library's converter, the most of a list's drawing. */
	for (size_t i = 0, len = strlen(buf); i < len && nw < sizeof wbuf / sizeof *wbuf - 1;) {
		uint32_t cp;
		int k = utf8_decode(buf + i, len - i, &cp);
		if (k <= 0)
			break;
		wbuf[nw++] = (wchar_t)cp;
		i += (size_t)k;
	}
	wbuf[nw] = 0;
	wattron(w, attr);
	mvwaddnwstr(w, y, x, wbuf, (int)nw);
	for (; pad && used < cols; used++)
		waddch(w, ' ');
	wattroff(w, attr);
	free(clean);
}

void ui_put(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr)
{
	/* Whatever is shortened says so: the one rule of the 80x24 screens. */
	put(w, y, x, text, cols, attr, false);
}

void ui_put_padded(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr)
{
	put(w, y, x, text, cols, attr, true);
}

void ui_draw_title(const char *title, const char *right)
{
	attr_t a = use_color ? COLOR_PAIR(UI_PAIR_TITLE) : A_REVERSE;
	int rw = right ? text_width(right) : 0;

	move(0, 0);
	wattron(stdscr, a);
	for (int i = 0; i < COLS; i++)
		addch(' ');
	wattroff(stdscr, a);
	ui_put(stdscr, 0, 1, title, COLS - rw - 3, a | A_BOLD);
	if (right && rw < COLS - 10)
		ui_put(stdscr, 0, COLS - rw - 1, right, rw, a);
}

/* Does the screen offer this key's command to this user now? */
static bool offered(struct screen *sc, const struct keydef *d)
{
	return sc->offers == NULL || d->cmd == CMD_HELP || d->cmd == CMD_QUIT || sc->offers(sc, d->cmd);
}

void ui_draw_keybar(struct screen *sc)
{
	/* F1..F10 in fixed cells, as in mc: "1Помощь 2Сохран ...". A key the
	 * user may not use here leaves its cell empty. */
	int cell = COLS / 10, x;
	attr_t label = use_color ? COLOR_PAIR(UI_PAIR_BAR) : A_REVERSE;

	move(LINES - 1, 0);
	clrtoeol();
	for (int n = 1; n <= 10; n++) {
		const char *text = "";
		char num[12];
		for (const struct keydef *d = sc->ops->keys; d && d->key; d++)
			if (d->key == KEY_F(n) && d->bar && offered(sc, d)) {
				const char *now = sc->bar_label ? sc->bar_label(sc, d->cmd) : NULL;
				text = now ? now : d->bar;
			}
		x = (n - 1) * cell;
		snprintf(num, sizeof num, "%d", n);
		mvaddstr(LINES - 1, x, num);
		ui_put_padded(stdscr, LINES - 1, x + (n == 10 ? 2 : 1), text,
			      cell - (n == 10 ? 2 : 1), label);
	}
}

static void set_status(bool error, const char *fmt, va_list ap)
{
	vsnprintf(status_text, sizeof status_text, fmt, ap);
	status_fresh = true;
	status_is_error = error;
	if (top)
		top->dirty = true;
}

void ui_set_status(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(false, fmt, ap);
	va_end(ap);
}

void ui_set_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(true, fmt, ap);
	va_end(ap);
	beep();
}

void ui_clear_status(void)
{
	if (status_text[0] && top)
		top->dirty = true;
	status_text[0] = '\0';
}

void ui_draw_status(void)
{
	attr_t a = status_is_error ? (use_color ? COLOR_PAIR(UI_PAIR_ERR) | A_BOLD : A_BOLD) : A_NORMAL;

	move(LINES - 2, 0);
	clrtoeol();
	if (status_text[0])
		ui_put(stdscr, LINES - 2, 1, status_text, COLS - 2, a);
}

/* A centred box window with a title. */
static WINDOW *box_win(int h, int w, const char *title)
{
	WINDOW *win;

	if (w > COLS)
		w = COLS;
	if (h > LINES)
		h = LINES;
	win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	keypad(win, TRUE);
	werase(win);
	box(win, 0, 0);
	if (title)
		ui_put(win, 0, 2, title, w - 4, A_BOLD);
	return win;
}

static void wait_any(void)
{
	struct ui_key k;
	do
		k = ui_read_key();
	while (k.code == UI_KEY_IDLE);
}

static void after_dialog(WINDOW *win)
{
	delwin(win);
	touchwin(stdscr);
	if (body)
		touchwin(body);
	if (top)
		top->dirty = true;
}

/* Wrap text into lines of at most cols columns (text_wrap, the one word
 * wrap); returns the line count. */
static int wrap_lines(const char *text, int cols, char lines[][256], int max)
{
	struct text_lines l = { 0 };
	int n = 0;

	text_wrap(text, cols, cols, &l);
	for (; n < l.n && n < max; n++)
		strlcpy0(lines[n], l.v[n], 256);
	text_lines_free(&l);
	return n;
}

void ui_message(const char *title, const char *text)
{
	char lines[16][256];
	int n = 0, w = 66;
	WINDOW *win;
	const char *p = text;

	/* Line breaks are the text's own; each line is sanitised, then wrapped. */
	while (*p && n < 16) {
		size_t len = strcspn(p, "\n");
		char *seg = xstrndup(p, len), *clean = text_sanitize(seg);
		n += wrap_lines(clean, 60, lines + n, 16 - n);
		free(seg);
		free(clean);
		p += len + (p[len] == '\n');
	}
	win = box_win(n + 4, w, title);
	for (int i = 0; i < n; i++)
		ui_put(win, 1 + i, 3, lines[i], w - 6, A_NORMAL);
	ui_put(win, n + 2, 3, "Любая клавиша — продолжить", w - 6, A_DIM);
	wnoutrefresh(win);
	doupdate();
	wait_any();
	after_dialog(win);
}

bool ui_confirm(const char *question)
{
	char lines[8][256];
	char *clean = text_sanitize(question);
	int n = wrap_lines(clean, 56, lines, 8), w = 62;
	WINDOW *win = box_win(n + 4, w, "Подтверждение");
	struct ui_key k;
	bool yes = false;

	free(clean);
	for (int i = 0; i < n; i++)
		ui_put(win, 1 + i, 3, lines[i], w - 6, A_NORMAL);
	ui_put(win, n + 2, 3, "Д — да     Н, Enter, Esc — нет", w - 6, A_BOLD);
	wnoutrefresh(win);
	doupdate();
	/* «Да» here destroys or discards: it has a key of its own, and Enter,
	 * Esc and F10 are the safe answer. Letters by their place on the
	 * keyboard, in either layout: the Д key is Latin L, the Н key is Y. */
	for (;;) {
		uint32_t letter;

		k = ui_read_key();
		if (k.code == KEY_ENTER || k.code == UI_KEY_ESC || k.code == KEY_F(10) ||
		    k.code == UI_KEY_HANGUP)
			break;
		if (k.code != 0)
			continue;
		letter = text_key_letter((uint32_t)k.ch);
		if (letter == 0x0434) {          /* д */
			yes = true;
			break;
		}
		if (letter == 0x043d)            /* н */
			break;
	}
	after_dialog(win);
	return yes;
}

bool ui_choose_sides(const char *title, const char *intro, const struct ui_side *rows, int n,
		     bool *theirs)
{
	int w = COLS, h = LINES - 2, cur = 0, top_row = 0, vis, lw = 20, cw;
	WINDOW *win = box_win(h, w, title);
	bool accepted = false;

	h = getmaxy(win);
	w = getmaxx(win);
	vis = h - 7;
	cw = (w - 4 - lw - 2) / 2;
	for (;;) {
		struct ui_key k;

		werase(win);
		box(win, 0, 0);
		ui_put(win, 0, 2, title, w - 4, A_BOLD);
		ui_put(win, 1, 2, intro, w - 4, A_NORMAL);
		ui_put(win, 2, 2, "Поле", lw, A_BOLD);
		ui_put(win, 2, 2 + lw + 1, "Ваше значение", cw, A_BOLD);
		ui_put(win, 2, 2 + lw + 1 + cw + 1, "Сейчас в базе", cw, A_BOLD);
		if (cur < top_row)
			top_row = cur;
		if (cur >= top_row + vis)
			top_row = cur - vis + 1;
		for (int i = top_row; i < n && i < top_row + vis; i++) {
			int y = 3 + i - top_row;
			attr_t sel = i == cur ? A_REVERSE : A_NORMAL;
			char cell[512];

			ui_put_padded(win, y, 1, rows[i].both ? "!" : " ", 1, sel);
			ui_put_padded(win, y, 2, rows[i].label, lw, sel);
			snprintf(cell, sizeof cell, "%s %s", theirs[i] ? "[ ]" : "[x]", rows[i].mine);
			ui_put_padded(win, y, 2 + lw + 1, cell, cw, theirs[i] ? A_NORMAL : A_BOLD);
			snprintf(cell, sizeof cell, "%s %s", theirs[i] ? "[x]" : "[ ]", rows[i].theirs);
			ui_put_padded(win, y, 2 + lw + 1 + cw + 1, cell, cw, theirs[i] ? A_BOLD : A_NORMAL);
		}
		ui_put(win, h - 3, 2, "! — поле изменили и вы, и другой пользователь", w - 4, A_DIM);
		ui_put(win, h - 2, 2, "←/→ или Пробел — выбрать   F2 или Enter — сохранить   Esc — к форме",
		       w - 4, A_BOLD);
		wmove(win, 3 + cur - top_row, 2);   /* the cursor on the selected row */
		wnoutrefresh(win);
		doupdate();
		k = ui_read_key();
		if (k.code == UI_KEY_IDLE)
			continue;
		if (k.code == KEY_UP && cur > 0)
			cur--;
		else if ((k.code == KEY_DOWN || (k.code == 0 && k.ch == '\t')) && cur + 1 < n)
			cur++;
		else if (k.code == KEY_HOME)
			cur = 0;
		else if (k.code == KEY_END)
			cur = n - 1;
		else if (k.code == KEY_LEFT)
			theirs[cur] = false;
		else if (k.code == KEY_RIGHT)
			theirs[cur] = true;
		else if (k.code == 0 && k.ch == ' ')
			theirs[cur] = !theirs[cur];
		else if (k.code == KEY_F(2) || k.code == KEY_ENTER) {
			accepted = true;
			break;
		} else if (k.code == UI_KEY_ESC || k.code == KEY_F(10) || k.code == UI_KEY_HANGUP)
			break;
	}
	after_dialog(win);
	return accepted;
}

static const char *keydef_name(int key, char *buf, size_t n)
{
	static const struct { int key; const char *name; } names[] = {
		{ KEY_ENTER, "Enter" }, { UI_KEY_ESC, "Esc" }, { '\t', "Tab" }, { KEY_BTAB, "Shift-Tab" },
		{ KEY_UP, "Вверх" }, { KEY_DOWN, "Вниз" }, { KEY_LEFT, "Влево" }, { KEY_RIGHT, "Вправо" },
		{ KEY_NPAGE, "PgDn" }, { KEY_PPAGE, "PgUp" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
		{ KEY_IC, "Insert" }, { KEY_DC, "Delete" }, { KEY_BACKSPACE, "Backspace" },
		{ 127, "Backspace" }, { ' ', "Пробел" }, { 27, "Esc" },
	};

	for (size_t i = 0; i < NITEMS(names); i++)
		if (names[i].key == key) {
			snprintf(buf, n, "%s", names[i].name);
			return buf;
		}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, n, "F%d", key - KEY_F(0));
	else if (key > 0 && key < 32)
		snprintf(buf, n, "Ctrl-%c", '@' + key);
	else if (key > 32 && key < 127)
		snprintf(buf, n, "%c", key);
	else if ((key > 127 && key < KEY_MIN) || (key > KEY_MAX && key < 0x10000)) {
		/* A letter of the keyboard (Russian included), as typed: the
		 * codes between are curses' own keys. */
		char mb[MB_LEN_MAX + 1];
		int len = wctomb(mb, (wchar_t)key);
		mb[len > 0 ? len : 0] = '\0';
		snprintf(buf, n, "%s", mb);
	} else
		snprintf(buf, n, "клавиша %d", key);
	return buf;
}

void ui_help(struct screen *sc)
{
	/* The key in its column, the text wrapped beside it (a line is never
	 * cut in a word); a text that begins with its key's name ("Esc — …")
	 * does not say it twice, and a line about a group of keys (no command
	 * of its own: "стрелки, PgDn/PgUp — …") names them itself, from the
	 * key column on. Taller than the screen: arrows scroll. */
	enum { KEYW = 10, MAXL = 96 };
	static const char *const tail[] = {
		"Esc и цифра или Alt и цифра — то же, что F-клавиша (Esc 0 = F10)",
		"Ctrl-Q — выйти из программы с любого экрана (спросит)",
		"Ctrl-L — перерисовать экран",
		"Любая другая клавиша — закрыть справку",
	};
	char (*lines)[256] = xcalloc(MAXL, sizeof *lines);
	char (*names)[24] = xcalloc(MAXL, sizeof *names);
	bool *wide = xcalloc(MAXL, sizeof *wide);
	int n = 0, w = COLS - 4 > 76 ? 76 : COLS - 4, tw = w - KEYW - 6, h, vis, top_line = 0;
	WINDOW *win;

	for (const struct keydef *d = sc->ops->keys; d && d->key && n < MAXL; d++) {
		char name[24], head[40];
		const char *text = d->help;
		int got;

		if (!d->help || !offered(sc, d))
			continue;
		keydef_name(d->key, name, sizeof name);
		snprintf(head, sizeof head, "%s — ", name);
		if (strncmp(text, head, strlen(head)) == 0) {
			text += strlen(head);
		} else if (d->cmd == CMD_NONE) {
			got = wrap_lines(text, w - 4, lines + n, MAXL - n);
			for (int i = 0; i < got; i++)
				wide[n + i] = true;
			n += got;
			continue;
		}
		got = wrap_lines(text, tw, lines + n, MAXL - n);
		strlcpy0(names[n], name, sizeof names[n]);
		n += got;
	}
	h = n + 3 + (int)NITEMS(tail);
	if (h > LINES)
		h = LINES;
	vis = h - 3 - (int)NITEMS(tail);
	win = box_win(h, w, sc->title);
	for (;;) {
		struct ui_key k;

		for (int i = 0; i < vis; i++) {
			mvwhline(win, 1 + i, 1, ' ', w - 2);
			if (top_line + i >= n)
				continue;
			if (wide[top_line + i]) {
				ui_put(win, 1 + i, 2, lines[top_line + i], w - 4, A_NORMAL);
				continue;
			}
			ui_put(win, 1 + i, 2, names[top_line + i], KEYW, A_BOLD);
			ui_put(win, 1 + i, 3 + KEYW, lines[top_line + i], tw, A_NORMAL);
		}
		for (int i = 0; i < (int)NITEMS(tail); i++)
			ui_put(win, vis + 2 + i, 2, i == 2 && n > vis ? "Вверх, Вниз — листать; другая клавиша — закрыть"
								  : tail[i], w - 4, A_DIM);
		wnoutrefresh(win);
		doupdate();
		k = ui_read_key();
		if (k.code == UI_KEY_IDLE)
			continue;
		if (n > vis && (k.code == KEY_DOWN || k.code == KEY_NPAGE)) {
			top_line += k.code == KEY_DOWN ? 1 : vis;
			if (top_line > n - vis)
				top_line = n - vis;
			continue;
		}
		if (n > vis && (k.code == KEY_UP || k.code == KEY_PPAGE)) {
			top_line -= k.code == KEY_UP ? 1 : vis;
			if (top_line < 0)
				top_line = 0;
			continue;
		}
		break;
	}
	free(lines);
	free(names);
	free(wide);
	after_dialog(win);
}

/* The item of a one-column menu drawn in sub at screen row y, column x,
 * or -1. */
static int pick_item_at(MENU *menu, WINDOW *sub, int y, int x)
{
	int row = y - getbegy(sub), i;

	if (row < 0 || row >= getmaxy(sub) || x < getbegx(sub) || x >= getbegx(sub) + getmaxx(sub))
		return -1;
	i = top_row(menu) + row;
	return i < item_count(menu) ? i : -1;
}

int ui_pick(const char *title, const char *const *labels, int n, int current)
{
	ITEM **items = xcalloc((size_t)n + 1, sizeof *items);
	char **clean = xcalloc((size_t)n, sizeof *clean);
	int w = text_width(title) + 8, h, choice = -1;
	WINDOW *win, *sub;
	MENU *menu;

	for (int i = 0; i < n; i++) {
		clean[i] = text_sanitize(labels[i]);
		if (text_width(clean[i]) + 6 > w)
			w = text_width(clean[i]) + 6;
	}
	if (w > COLS - 4)
		w = COLS - 4;
	/* libmenu refuses to post items wider than the window: cut them, in
	 * columns, with an ellipsis. */
	for (int i = 0; i < n; i++) {
		char fit[1024];
		text_fit_ellipsis(clean[i], w - 4, fit, sizeof fit);
		free(clean[i]);
		clean[i] = xstrdup(fit);
		items[i] = new_item(clean[i], "");
	}
	h = n + 2 > LINES - 4 ? LINES - 4 : n + 2;
	win = box_win(h, w, title);
	sub = derwin(win, h - 2, w - 2, 1, 1);
	menu = new_menu(items);
	set_menu_win(menu, win);
	set_menu_sub(menu, sub);
	set_menu_format(menu, h - 2, 1);
	set_menu_mark(menu, "");
	set_menu_fore(menu, use_color ? COLOR_PAIR(UI_PAIR_SEL) : A_REVERSE);
	post_menu(menu);
	if (current >= 0 && current < n)
		set_current_item(menu, items[current]);
	for (;;) {
		struct ui_key k;
		/* The terminal cursor on the selected item: screen readers and
		 * braille displays follow it. */
		pos_menu_cursor(menu);
		wnoutrefresh(win);
		doupdate();
		k = ui_read_key();
		if (k.code == UI_KEY_IDLE)
			continue;
		if (k.code == KEY_ENTER) {
			choice = item_index(current_item(menu));
			break;
		}
		if (k.code == UI_KEY_ESC || k.code == KEY_F(10) || k.code == UI_KEY_HANGUP)
			break;
		if (k.code == UI_KEY_CLICK || k.code == UI_KEY_DCLICK) {
			int i = pick_item_at(menu, sub, k.y, k.x);
			if (i < 0)
				continue;
			set_current_item(menu, items[i]);
			if (k.code == UI_KEY_DCLICK) {
				choice = i;
				break;
			}
		} else if (k.code == UI_KEY_WHEEL_UP || k.code == UI_KEY_WHEEL_DOWN) {
			bool up = k.code == UI_KEY_WHEEL_UP;
			/* Scroll the items when they do not fit, else move. */
			if (n > h - 2)
				for (int j = 0; j < 3; j++)
					menu_driver(menu, up ? REQ_SCR_ULINE : REQ_SCR_DLINE);
			else
				menu_driver(menu, up ? REQ_UP_ITEM : REQ_DOWN_ITEM);
		} else if (k.code == KEY_DOWN)
			menu_driver(menu, REQ_DOWN_ITEM);
		else if (k.code == KEY_UP)
			menu_driver(menu, REQ_UP_ITEM);
		else if (k.code == KEY_NPAGE)
			menu_driver(menu, REQ_SCR_DPAGE);
		else if (k.code == KEY_PPAGE)
			menu_driver(menu, REQ_SCR_UPAGE);
		else if (k.code == KEY_HOME)
			menu_driver(menu, REQ_FIRST_ITEM);
		else if (k.code == KEY_END)
			menu_driver(menu, REQ_LAST_ITEM);
	}
	unpost_menu(menu);
	free_menu(menu);
	for (int i = 0; i < n; i++) {
		free_item(items[i]);
		free(clean[i]);
	}
	free(items);
	free(clean);
	delwin(sub);
	after_dialog(win);
	return choice;
}

char *ui_prompt(const char *title, const char *initial)
{
	/* A small line editor over a wide buffer (libform is for forms). */
	wchar_t buf[256];
	size_t len = 0;
	int w = 60;
	WINDOW *win = box_win(5, w, title);
	char *out = NULL;

	if (initial)
		len = mbstowcs(buf, initial, NITEMS(buf) - 1);
	if (len == (size_t)-1)
		len = 0;
	buf[len] = 0;
	curs_set(1);
	for (;;) {
		struct ui_key k;
		char mb[1024];
		int cols;
		size_t start = 0;
		wcstombs(mb, buf, sizeof mb);
		/* Show the tail when the text is wider than the box. */
		while ((cols = wcswidth(buf + start, len - start)) > w - 6 && start < len)
			start++;
		mvwhline(win, 2, 2, ' ', w - 4);
		mvwaddnwstr(win, 2, 3, buf + start, (int)(len - start));
		ui_put(win, 3, 3, "Enter — принять, Esc — отмена", w - 6, A_DIM);
		wmove(win, 2, 3 + (cols < 0 ? 0 : cols));
		wnoutrefresh(win);
		doupdate();
		k = ui_read_key();
		if (k.code == KEY_ENTER) {
			out = xstrdup(mb);
			break;
		}
		if (k.code == UI_KEY_ESC || k.code == KEY_F(10) || k.code == UI_KEY_HANGUP)
			break;
		if ((k.code == KEY_BACKSPACE || k.ch == 127 || k.ch == 8) && len > 0)
			buf[--len] = 0;
		else if (k.code == 0 && k.ch == 21)   /* Ctrl-U clears, as in a form */
			buf[len = 0] = 0;
		else if (k.code == 0 && k.ch >= 32 && k.ch != 127 && len < NITEMS(buf) - 1 &&
			 !text_forbidden((uint32_t)k.ch, 0))
			buf[len++] = (wchar_t)k.ch, buf[len] = 0;
	}
	curs_set(0);
	after_dialog(win);
	return out;
}

int ui_scroll_clamp(int *scroll, int nlines, int rows)
{
	int last = nlines > rows ? nlines - rows : 0;

	if (*scroll > last)
		*scroll = last;
	if (*scroll < 0)
		*scroll = 0;
	return *scroll;
}

bool ui_scroll_key(int *scroll, struct ui_key k)
{
	int page = ui_body_lines() - 2;

	switch (k.code) {
	case KEY_DOWN:
		(*scroll)++;
		return true;
	case KEY_UP:
		if (*scroll > 0)
			(*scroll)--;
		return true;
	case KEY_NPAGE:
		*scroll += page;
		return true;
	case KEY_PPAGE:
		*scroll = *scroll > page ? *scroll - page : 0;
		return true;
	case KEY_HOME:
		*scroll = 0;
		return true;
	case KEY_END:
		*scroll = INT_MAX / 2;   /* the caller clamps: the last page */
		return true;
	default:
		return false;
	}
}

bool ui_search_key(char *buf, size_t size, struct ui_key k)
{
	size_t n = strlen(buf);
	char mb[MB_LEN_MAX];
	int len;

	if (k.code == 0 && k.ch == 21) {   /* Ctrl-U clears, as in a form */
		if (n == 0)
			return false;
		buf[0] = '\0';
		return true;
	}
	if (k.code == KEY_BACKSPACE || (k.code == 0 && (k.ch == 127 || k.ch == 8))) {
		if (n == 0)
			return false;
		while (n > 0 && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
			n--;
		buf[n ? n - 1 : 0] = '\0';
		return true;
	}
	if (k.code != 0 || k.ch < 32 || text_forbidden((uint32_t)k.ch, 0))
		return false;
	len = wctomb(mb, (wchar_t)k.ch);
	if (len <= 0 || n + (size_t)len >= size)
		return false;
	memcpy(buf + n, mb, (size_t)len);
	buf[n + (size_t)len] = '\0';
	return true;
}

/* --- the screen stack --- */

void ui_push(struct screen *sc)
{
	sc->below = top;
	sc->dirty = true;
	top = sc;
	ui_clear_status();
}

void ui_dirty(void)
{
	if (top)
		top->dirty = true;
}

static void pop(void)
{
	struct screen *sc = top;

	/* A status message belongs to its screen: it goes with it, unless
	 * it is what the key that closed the screen had to say. */
	if (!status_fresh)
		ui_clear_status();
	top = sc->below;
	if (sc->ops->free)
		sc->ops->free(sc);
	free(sc);
	if (top) {
		top->dirty = true;
		if (top->ops->reload)
			top->ops->reload(top);
	}
}

/* Ctrl-Q leaves the program from whatever screen is open. The bottom
 * screen's own question (the home menu's «Выйти из программы?») is asked
 * once, first; then every screen above closes as F10 would close it (a
 * form with unsaved changes asks about them), and a refusal keeps the
 * user on that screen. */
static void leave_program(void)
{
	struct screen *bottom = top;

	while (bottom->below)
		bottom = bottom->below;
	if (bottom->ops->can_leave && !bottom->ops->can_leave(bottom)) {
		top->dirty = true;
		return;
	}
	while (top != bottom) {
		if (top->ops->can_leave && !top->ops->can_leave(top)) {
			top->dirty = true;
			return;
		}
		pop();
	}
	pop();
}

static WINDOW *park_win;
static int park_y, park_x;
static bool click_hit;

void ui_park(WINDOW *w, int y, int x)
{
	park_win = w;
	park_y = y;
	park_x = x;
	wmove(w, y, x);
}

void ui_click_hit(void)
{
	click_hit = true;
}

/* The body's cursor on the place a list or menu asked for (a window inside
 * the body counts by its position), so doupdate leaves it there. */
static void park_body(void)
{
	int y, x;

	if (!park_win || !body)
		return;
	y = park_y + getbegy(park_win) - getbegy(body);
	x = park_x + getbegx(park_win) - getbegx(body);
	if (y >= 0 && y < getmaxy(body) && x >= 0 && x < getmaxx(body))
		wmove(body, y, x);
}

static void draw_all(void)
{
	if (ui_too_small()) {
		ui_draw_too_small();
		return;
	}
	/* The frame first, the body over it: stdscr spans the whole screen. */
	ui_draw_title(top->title, "Маршрут");
	ui_draw_status();
	ui_draw_keybar(top);
	wnoutrefresh(stdscr);
	if (!top->keep_body)
		werase(body);
	park_win = NULL;
	top->ops->draw(top, body);
	park_body();
	wnoutrefresh(body);
	doupdate();
	top->dirty = false;
}

static void relayout(void)
{
	if (body)
		delwin(body);
	body = newwin(LINES - 3 > 1 ? LINES - 3 : 1, COLS, 1, 0);
	keypad(body, TRUE);
	erase();
	wnoutrefresh(stdscr);
	for (struct screen *s = top; s; s = s->below)
		s->dirty = true;
}

bool ui_key_waiting(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	/* A key kept after an Esc window counts: it was typed. */
	return npending > 0 || poll(&p, 1, 0) > 0;
}

void ui_run(bool (*poll)(void *ctx), void *ctx)
{
	/* The input window's first refresh (on the first read) would leave the
	 * cursor where the frame was last drawn, not on the body's selection. */
	if (input)
		wnoutrefresh(input);
	while (top) {
		struct ui_key k;
		int cmd;

		if (top->dirty)
			draw_all();
		run_deferred();
		if (top->work) {
			/* The screen is up; what it left for later runs now, and
			 * gives way to a key the user has already typed. */
			if (!ui_key_waiting()) {
				if (!top->work(top))
					top->work = NULL;
				top->dirty = true;
				continue;
			}
		}
		k = ui_read_key();
		if (k.code == UI_KEY_HANGUP) {
			for (struct screen *sc = top; sc; sc = sc->below)
				if (sc->ops->hangup)
					sc->ops->hangup(sc);
			break;
		}
		if (k.code == UI_KEY_IDLE)
			continue;
		status_fresh = false;
		/* Someone else changed the database: the screen re-reads what it
		 * shows before the key acts on it (PRAGMA data_version, one
		 * cheap statement per key; nothing is polled while idle). */
		if (poll && poll(ctx) && top->ops->reload) {
			top->ops->reload(top);
			top->dirty = true;
		}
		if (k.code == KEY_RESIZE) {
			relayout();
			continue;
		}
		if (k.code == KEY_REFRESH) {
			clearok(curscr, TRUE);
			top->dirty = true;
			continue;
		}
		if (k.code == 0 && k.ch == 3) {   /* Ctrl-C */
			ui_set_status("Выход — F10. Скопировать текст: выделите его мышью (с Shift)");
			continue;
		}
		if (k.code == 0 && k.ch == 17) {  /* Ctrl-Q */
			leave_program();
			continue;
		}
		if (ui_too_small()) {
			if (k.code == KEY_F(10))
				while (top)
					pop();
			continue;
		}
		cmd = ui_key_cmd(top->ops->keys, k);
		if (cmd == CMD_HELP || (cmd == CMD_NONE && k.code == KEY_F(1))) {
			ui_help(top);
			continue;
		}
		if (cmd == CMD_QUIT || (cmd == CMD_NONE && k.code == KEY_F(10))) {
			if (!top->ops->can_leave || top->ops->can_leave(top))
				pop();
			continue;
		}
		if (k.code == UI_KEY_DCLICK) {
			/* A double click selects as a click would, then opens
			 * what it selected as Enter does; off an item it is a
			 * click alone. */
			k.code = UI_KEY_CLICK;
			click_hit = false;
			if (!top->ops->key(top, ui_key_cmd(top->ops->keys, k), k)) {
				if (!top->ops->can_leave || top->ops->can_leave(top))
					pop();
				continue;
			}
			if (!click_hit)
				continue;
			k.code = KEY_ENTER;
			cmd = ui_key_cmd(top->ops->keys, k);
		}
		click_hit = false;
		if (!top->ops->key(top, cmd, k)) {
			if (!top->ops->can_leave || top->ops->can_leave(top))
				pop();
		}
	}
	while (top)
		pop();
}
