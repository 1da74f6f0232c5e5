/* Terminal widgets that know nothing of the domain: the screen frame (title,
 * status line, key bar), key reading with Midnight Commander's Esc+digit,
 * text drawn sanitised and fitted in columns, dialogs, a navigation stack.
 * Handlers only mark what is dirty; ui_run() draws in one place and calls
 * doupdate() once; nothing is drawn while idle. */
#ifndef MARSHRUT_UI_H
#define MARSHRUT_UI_H

#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <stdbool.h>
#include <wchar.h>

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* Keys beyond curses' own. */
enum {
	UI_KEY_ESC = 0x10000 + 1,   /* a bare Esc, after the escape delay */
	UI_KEY_HANGUP,              /* the terminal is gone (EIO, SIGHUP) */
	UI_KEY_IDLE,                /* nothing to act on (a swallowed sequence) */
	/* The mouse (off with `mouse = false`): y and x of struct ui_key hold
	 * the screen position. A click on the key bar arrives as its F-key. */
	UI_KEY_CLICK,               /* button 1 pressed and released */
	UI_KEY_DCLICK,              /* button 1 double click: open */
	UI_KEY_WHEEL_UP,
	UI_KEY_WHEEL_DOWN,
};

/* What one key does on a screen: one table per screen, from which the key
 * bar and the help are drawn and the keys dispatched. */
struct keydef {
	int key;                /* KEY_F(n), a character, KEY_ENTER... */
	int cmd;                /* the screen's command number */
	const char *bar;        /* short label for the key bar, NULL = not shown */
	const char *help;       /* line for the help screen */
};

/* A key read: code is a curses KEY_* or UI_KEY_*, or 0 with ch a character. */
struct ui_key {
	int code;
	wint_t ch;
	int y, x;       /* screen position of a mouse event */
};

/* Colour pairs (used only when colour is on). */
enum { UI_PAIR_TITLE = 1, UI_PAIR_BAR, UI_PAIR_BARKEY, UI_PAIR_SEL, UI_PAIR_ERR, UI_PAIR_FIELD };

/* escape_ms: the one window after Esc, for a digit (Esc 1 = F1) and the
 * rest of a terminal's sequence; a bare Esc acts when it ends (0: no
 * Esc+digit, the window is ESCDELAY's);
 * mouse: clicks and the wheel reported as UI_KEY_CLICK... */
void ui_init(bool color, int escape_ms, bool mouse);
void ui_end(void);
bool ui_has_color(void);
bool ui_too_small(void);
void ui_draw_too_small(void);

/* Read one key (blocks until one comes, a signal or a resize). */
struct ui_key ui_read_key(void);
/* Whether the user has typed something not read yet (work in progress
 * gives way to it). */
bool ui_key_waiting(void);
/* Signal flags set by handlers and acted on in the loop. */
void ui_install_signals(void);
bool ui_hangup(void);

/* Map a key through a table: the command, or 0. Enter, KEY_ENTER and '\r'
 * are one key; Esc is F10 on screens that list F10. */
int ui_key_cmd(const struct keydef *keys, struct ui_key k);

/* Draw utf8 text at y,x in at most cols columns: sanitised (no control or
 * bidi characters reach the terminal), never cut inside a character, and
 * a text that does not fit ends in «…» (the one way anything is shortened). */
void ui_put(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr);
/* Pad with spaces to cols columns after the text. */
void ui_put_padded(WINDOW *w, int y, int x, const char *text, int cols, attr_t attr);

struct screen;
/* The frame: title on the first line, status on LINES-2, key bar last.
 * The key bar and the help show only the keys the screen offers. */
void ui_draw_title(const char *title, const char *right);
void ui_draw_keybar(struct screen *sc);
void ui_set_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ui_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ui_clear_status(void);
void ui_draw_status(void);

/* Modal dialogs (draw and wait; the screen below is redrawn afterwards). */
bool ui_confirm(const char *question);
void ui_message(const char *title, const char *text);
void ui_help(struct screen *sc);
/* Pick one of n labels (libmenu); returns the index or -1. */
int ui_pick(const char *title, const char *const *labels, int n, int current);
/* A one-line prompt; returns malloc'd text or NULL on Esc. */
char *ui_prompt(const char *title, const char *initial);

/* Someone else saved a record while it was being edited: for each field
 * that differs, the user's value beside the stored one, and he chooses the
 * side (theirs[i] in: the proposed choice; out: true = keep the stored).
 * Returns true when he accepts, false on Esc (nothing chosen). */
struct ui_side {
	const char *label;
	const char *mine, *theirs;   /* display text */
	bool both;                   /* changed on both sides: a real conflict */
};
bool ui_choose_sides(const char *title, const char *intro, const struct ui_side *rows, int n,
		     bool *theirs);

/* Scrolling a view of text lines: arrows, PgUp/PgDn, Home, End. Returns
 * true when the key was one of them (the caller clamps with
 * ui_scroll_clamp to its line count). */
bool ui_scroll_key(int *scroll, struct ui_key k);
/* Keep a view's first line between 0 and the one that shows the last line
 * on the last of rows; returns it. */
int ui_scroll_clamp(int *scroll, int nlines, int rows);

/* Type-to-search: apply a printable key, Backspace or Ctrl-U (clear the
 * whole search) to a UTF-8 buffer.
 * Returns true when the text changed. Control and bidi characters are
 * refused; a character is never cut in half. */
bool ui_search_key(char *buf, size_t size, struct ui_key k);

/* --- navigation stack of screens (model: tmux's window modes) --- */
struct screen;
struct screen_ops {
	const char *name;
	const struct keydef *keys;
	void (*draw)(struct screen *sc, WINDOW *w);   /* w: the body between title and status */
	/* Handle a command or key; return false to close this screen. */
	bool (*key)(struct screen *sc, int cmd, struct ui_key k);
	void (*reload)(struct screen *sc);           /* data changed elsewhere */
	void (*free)(struct screen *sc);
	/* Optional: may the screen close now? (asks about unsaved changes) */
	bool (*can_leave)(struct screen *sc);
	/* Optional: the terminal is gone or SIGTERM came; keep what cannot
	 * wait (a form's contents as a draft). Nothing may be drawn. */
	void (*hangup)(struct screen *sc);
};

struct screen {
	const struct screen_ops *ops;
	void *state;
	char title[400];
	bool dirty;
	bool keep_body;     /* the screen repaints its own body (a posted form) */
	/* Work left after the screen was drawn (the trend years of the
	 * monitoring): called while the screen is on top and no key waits;
	 * returns false when it is done, and then is cleared. */
	bool (*work)(struct screen *sc);
	/* Optional: does this user have the command here now? Asked by the
	 * key bar and the help, answered from the same policy calls the key
	 * handler refuses with; a key not offered may still be pressed. Set
	 * by the screen's constructor (NULL: every key is offered). */
	bool (*offers)(struct screen *sc, int cmd);
	/* Optional: the key bar's label for a command when it says something
	 * else now (F8 «Вернуть» in an archive view); NULL from it or no
	 * hook: the table's label. */
	const char *(*bar_label)(struct screen *sc, int cmd);
	struct screen *below;
};

/* Common commands every screen table may use. */
enum { CMD_NONE = 0, CMD_HELP = 1000, CMD_QUIT, CMD_REDRAW };

void ui_push(struct screen *sc);
/* Mark the top screen for redraw. */
void ui_dirty(void);
/* The main loop until the stack is empty or the terminal hangs up.
 * poll() is called before each key is handled (has the database changed?). */
void ui_run(bool (*poll)(void *ctx), void *ctx);
/* Work that must be done before the user's first key is acted on but need
 * not hold up the first screen (housekeeping, the journal of a login): run
 * once, right after the first frame is on the terminal, before any
 * screen's own work and before the first key is read. */
void ui_after_first_frame(void (*fn)(void *ctx), void *ctx);
/* Leave the terminal cursor at y,x of w after this draw: the selected row
 * of a list or menu, which screen readers and braille displays follow.
 * In the body it holds whatever the screen draws after. */
void ui_park(WINDOW *w, int y, int x);
/* A click (UI_KEY_CLICK) landed on an item and selected it: a double click
 * then opens it (ui_run sends KEY_ENTER after the click). */
void ui_click_hit(void);
/* Body window geometry. */
int ui_body_lines(void);

/* Long work under way (ui/progress.c): a panel covers the body (what it
 * showed is out of date) saying first, then, through p (progress.h: give
 * p to the work), «title: stage done из total unit (N %)» with a bar,
 * redrawn only when it changes (at most ten times a second). Between the
 * work's steps the keys are read without waiting: Esc or F10 sets
 * p->stop, a resize redraws the panel, other keys are let go. After
 * ui_progress_end the screen is drawn again. */
struct progress;
void ui_progress_begin(struct progress *p, const char *title, const char *unit, const char *first);
void ui_progress_end(struct progress *p);

#endif
