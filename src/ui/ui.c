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

#define ESC_DIGIT_MS 600

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

void ui_init(bool color)
{
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(150);
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	curs_set(0);
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
	ui_install_signals();
}

void ui_end(void)
{
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
	} else if (rc == KEY_CODE_YES) {
		k.code = (int)ch;
	} else {
		k.ch = ch;
	}
	return k;
}

struct ui_key ui_read_key(void)
{
	struct ui_key k;

	if (got_hangup) {
		k.code = UI_KEY_HANGUP;
		k.ch = 0;
		return k;
	}
	/* Block until a key or a signal: nothing runs, draws or polls while
	 * the user is away. */
	k = read_raw(-1);
	if (k.code == 0 && k.ch == 27) {
		/* Esc then a digit is that F-key (Esc 0 is F10), as in mc. */
		struct ui_key n = read_raw(ESC_DIGIT_MS);
		if (n.code == 0 && n.ch >= '0' && n.ch <= '9') {
			k.code = KEY_F(n.ch == '0' ? 10 : (int)(n.ch - '0'));
			k.ch = 0;
		} else if (n.code == UI_KEY_IDLE) {
			/* Esc alone, after the delay: cancel. */
			k.code = UI_KEY_ESC;
			k.ch = 0;
		} else if (n.code == 0 && (n.ch == '[' || n.ch == 'O')) {
			/* A sequence the terminal description does not know
			 * (an F-key on vt100, a pasted ESC [2J): swallow it up to
			 * its final byte, so it is neither a command nor text. */
			struct ui_key c = n;
			int guard = 0;
			if (n.ch == '[')
				do
					c = read_raw(50);
				while (c.code == 0 && !(c.ch >= 0x40 && c.ch <= 0x7e) && ++guard < 32);
			else
				read_raw(50);
			k.code = UI_KEY_IDLE;
			k.ch = 0;
		} else {
			/* Esc then another key is Alt+key, which means nothing
			 * here: the key stands alone. */
			k = n;
		}
	}
	if (k.code == 0 && (k.ch == '\r' || k.ch == '\n'))
		k.code = KEY_ENTER, k.ch = 0;
	if (k.code == 0 && k.ch == 12) /* Ctrl-L */
		k.code = KEY_REFRESH, k.ch = 0;
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

/* Sanitise, fit into cols (with "…" when cut, if asked), draw; optionally
 * pad with spaces to cols. */
static void put(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr,
		bool ellipsis, bool pad)
{
	char *clean, buf[1024];
	int used;

	if (cols <= 0)
		return;
	clean = text_sanitize(text ? text : "");
	used = ellipsis ? text_fit_ellipsis(clean, cols, buf, sizeof buf)
			: text_fit(clean, cols, buf, sizeof buf);
	wattron(w, attr);
	mvwaddstr(w, y, x, buf);
	for (; pad && used < cols; used++)
		waddch(w, ' ');
	wattroff(w, attr);
	free(clean);
}

void ui_put(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr)
{
	put(w, y, x, text, cols, attr, false, false);
}

void ui_put_ellipsis(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr)
{
	put(w, y, x, text, cols, attr, true, false);
}

void ui_put_padded(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr)
{
	put(w, y, x, text, cols, attr, true, true);
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
			if (d->key == KEY_F(n) && d->bar && offered(sc, d))
				text = d->bar;
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

/* Wrap text into lines of at most cols columns; returns the line count. */
static int wrap_lines(const char *text, int cols, char lines[][256], int max)
{
	int n = 0;
	const char *p = text;

	while (*p && n < max) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char seg[1024];
		char fit[256];
		strlcpy0(seg, p, len + 1 < sizeof seg ? len + 1 : sizeof seg);
		const char *q = seg;
		do {
			size_t used;
			text_fit(q, cols, fit, sizeof fit);
			used = strlen(fit);
			/* Break at the last space when the line is cut. */
			if (q[used] != '\0') {
				char *sp = strrchr(fit, ' ');
				if (sp && sp > fit) {
					*sp = '\0';
					used = (size_t)(sp - fit) + 1;
				}
			}
			strlcpy0(lines[n++], fit, 256);
			q += used;
		} while (*q && n < max);
		p += len + (nl ? 1 : 0);
	}
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
	ui_put(win, n + 2, 3, "Д / Enter — да     Н / Esc — нет", w - 6, A_BOLD);
	wnoutrefresh(win);
	doupdate();
	for (;;) {
		k = ui_read_key();
		if (k.code == UI_KEY_IDLE)
			continue;
		if (k.code == KEY_ENTER || k.ch == L'д' || k.ch == L'Д' || k.ch == 'y' || k.ch == 'Y' ||
		    k.ch == 'l' || k.ch == 'L') {
			yes = true;
			break;
		}
		if (k.code == UI_KEY_ESC || k.code == KEY_F(10) || k.code == UI_KEY_HANGUP ||
		    k.ch == L'н' || k.ch == L'Н' || k.ch == 'n' || k.ch == 'N')
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
		wnoutrefresh(win);
		doupdate();
		k = ui_read_key();
		if (k.code == UI_KEY_IDLE)
			continue;
		if (k.code == KEY_UP && cur > 0)
			cur--;
		else if ((k.code == KEY_DOWN || (k.code == 0 && k.ch == '\t')) && cur + 1 < n)
			cur++;
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
		"Esc и цифра — то же, что F-клавиша (Esc 0 = F10)",
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
		if (k.code == KEY_DOWN)
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
	default:
		return false;
	}
}

bool ui_search_key(char *buf, size_t size, struct ui_key k)
{
	size_t n = strlen(buf);
	char mb[MB_LEN_MAX];
	int len;

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
	top->ops->draw(top, body);
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
	return poll(&p, 1, 0) > 0;
}

void ui_run(bool (*poll)(void *ctx), void *ctx)
{
	while (top) {
		struct ui_key k;
		int cmd;

		if (top->dirty)
			draw_all();
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
		if (!top->ops->key(top, cmd, k)) {
			if (!top->ops->can_leave || top->ops->can_leave(top))
				pop();
		}
	}
	while (top)
		pop();
}
