/* The progress panel of long work (ui.h, progress.h): it covers the body
 * (what was shown there is out of date while the work runs), says what the
 * work is and how far it has come, and keeps the keyboard alive between
 * the work's steps: Esc or F10 asks it to stop, a resize redraws the
 * panel, other keys are let go. Drawn only when its text or bar changes,
 * at most as often as progress_step passes a step on (ten times a second). */
#include "ui/ui.h"
#include "progress.h"
#include "text.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define PANEL_W 66

static struct {
	WINDOW *back, *panel;
	char first[256];       /* shown until the first step */
	char text[512];        /* the line shown */
	int fill;              /* bar cells filled; -1: no bar */
	int lines, cols;       /* the terminal's size it was drawn for */
	bool stopping;
	bool resized;          /* a KEY_RESIZE was read here: ui_run gets it back */
} pg;

static void draw_panel(void)
{
	int w, cells;

	if (pg.panel == NULL)
		return;   /* a terminal too small: its own notice stands */
	w = getmaxx(pg.panel);
	cells = w - 6;
	werase(pg.panel);
	box(pg.panel, 0, 0);
	ui_put(pg.panel, 1, 3, pg.text[0] ? pg.text : pg.first, w - 6, A_BOLD);
	if (pg.fill >= 0) {
		mvwaddch(pg.panel, 2, 2, '[');
		for (int i = 0; i < cells; i++)
			mvwaddch(pg.panel, 2, 3 + i, i < pg.fill ? (chtype)' ' | A_REVERSE : (chtype)'.');
		mvwaddch(pg.panel, 2, w - 3, ']');
	}
	ui_put(pg.panel, 3, 3, pg.stopping ? "Прерывается…" : "Esc — прервать", w - 6, A_DIM);
	wnoutrefresh(pg.panel);
}

/* The windows for the terminal's size now: the body's place erased, the
 * panel in its middle; all drawn. */
static void layout(void)
{
	int h = LINES - 3 > 5 ? LINES - 3 : 5, w = COLS - 4 < PANEL_W ? COLS - 4 : PANEL_W;

	if (w < 20)
		w = COLS > 0 ? COLS : 1;
	if (pg.panel)
		delwin(pg.panel);
	if (pg.back)
		delwin(pg.back);
	pg.panel = pg.back = NULL;
	pg.lines = LINES;
	pg.cols = COLS;
	if (ui_too_small()) {
		ui_draw_too_small();
		return;
	}
	pg.back = newwin(h, COLS, 1, 0);
	pg.panel = newwin(5, w, 1 + (h - 5) / 2, (COLS - w) / 2);
	werase(pg.back);
	wnoutrefresh(pg.back);
	draw_panel();
}

/* The terminal was resized under the work: curses is told (resizeterm
 * queues the KEY_RESIZE that ui_run relayouts the screen by afterwards),
 * and the panel is drawn anew for the new size. */
static bool check_size(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	if (LINES != pg.lines || COLS != pg.cols) {
		erase();
		wnoutrefresh(stdscr);
		layout();
		return true;
	}
	return false;
}

/* Keys typed while the work runs, read without waiting. */
static void read_keys(struct progress *p)
{
	while (ui_key_waiting() || ui_hangup()) {
		struct ui_key k = ui_read_key();

		if (k.code == UI_KEY_HANGUP || k.code == UI_KEY_ESC || k.code == KEY_F(10)) {
			/* The terminal gone is a stop too: nobody waits for it. */
			p->stop = true;
			pg.stopping = true;
			if (k.code == UI_KEY_HANGUP)
				return;
		} else if (k.code == KEY_RESIZE) {
			pg.resized = true;
			pg.lines = -1;   /* drawn anew below */
		} else if (k.code == KEY_REFRESH) {
			clearok(curscr, TRUE);
			pg.lines = -1;
		}
		/* Anything else is let go: it was meant for the screen shown
		 * before the work, and that screen is not there now. */
	}
}

static void step(void *ctx, const char *stage, long done, long total)
{
	struct progress *p = ctx;
	char text[512];
	int fill = -1, w;
	bool changed, was_stopping = pg.stopping, relaid;

	read_keys(p);
	if (ui_hangup())
		return;   /* nothing may be drawn */
	relaid = check_size();
	w = pg.panel ? getmaxx(pg.panel) - 6 : 0;   /* the bar's cells, as drawn */
	progress_line(p, stage, done, total, text, sizeof text);
	if (total > 0 && w > 0)
		fill = (int)((double)(done < total ? done : total) * w / (double)total);
	changed = strcmp(text, pg.text) != 0 || fill != pg.fill || pg.stopping != was_stopping;
	if (changed) {
		snprintf(pg.text, sizeof pg.text, "%s", text);
		pg.fill = fill;
		draw_panel();
	}
	if (changed || relaid)
		doupdate();
}

void ui_progress_begin(struct progress *p, const char *title, const char *unit, const char *first)
{
	progress_init(p, title, unit, step, p);
	memset(pg.text, 0, sizeof pg.text);
	snprintf(pg.first, sizeof pg.first, "%s", first ? first : title);
	pg.fill = -1;
	pg.stopping = false;
	pg.resized = false;
	/* A message of the screen before belongs to what it showed. */
	ui_clear_status();
	ui_draw_status();
	wnoutrefresh(stdscr);
	layout();
	doupdate();
}

void ui_progress_end(struct progress *p)
{
	p->step = NULL;
	if (pg.panel)
		delwin(pg.panel);
	if (pg.back)
		delwin(pg.back);
	pg.panel = pg.back = NULL;
	touchwin(stdscr);
	if (pg.resized)
		ungetch(KEY_RESIZE);
	ui_dirty();
}
