/* A list that pages from its source: it holds only the visible rows and asks
 * a callback for the rows after or before an anchor key (model: calcurse's
 * listbox, htop's Panel). It never loads a whole table. */
#ifndef MARSHRUT_UI_LIST_H
#define MARSHRUT_UI_LIST_H

#include "page.h"
#include "ui/ui.h"

struct ui_list {
	int (*fetch)(void *ctx, const struct page_req *r, struct page *out);
	int (*count)(void *ctx, int *n);   /* may be NULL */
	void *ctx;
	const char *headers[LIST_COLS];
	int weights[LIST_COLS];       /* relative column widths; 0 hides a column */
	struct page win;              /* the visible rows */
	int sel;
	int height;                   /* rows that fit */
	int total;
	bool loaded;
	const char *empty_text;       /* shown when there are no rows */
	int scr_y, scr_x, scr_w;      /* where the first row was drawn, on the screen (the mouse) */
	bool inactive;                /* one of several lists on a screen, not the one keys move:
					 its selection is not marked and the cursor not parked on it */
};

/* A column: its header and its relative width (0 hides it). */
struct ui_column {
	const char *header;
	int weight;
};
typedef int (*ui_list_fetch_fn)(void *ctx, const struct page_req *r, struct page *out);
typedef int (*ui_list_count_fn)(void *ctx, int *n);

/* Prepare an empty list: its source (count may be NULL when the total is not
 * worth a query), the columns (up to LIST_COLS; fewer leave the rest hidden)
 * and the text shown when there are no rows. A preset height is kept. */
void ui_list_setup(struct ui_list *l, ui_list_fetch_fn fetch, ui_list_count_fn count, void *ctx,
                   const struct ui_column *cols, int n, const char *empty);
void ui_list_free(struct ui_list *l);
/* Reload from the first row (after a filter change) or keep the position. */
void ui_list_reset(struct ui_list *l);
void ui_list_reload(struct ui_list *l);
/* Load the window from the row (key, id) on and select it (a row just
 * made: the list shows it under the cursor); when the source has no such
 * row, the first of those after it. */
void ui_list_goto(struct ui_list *l, const char *key, int64_t id);
/* Movement keys (arrows, PgUp/PgDn, Home/End: the first and the last row,
 * each one query) and the mouse: a click selects the row under it, the
 * wheel scrolls. Returns true when the key was one of them (a click off
 * the rows is not). */
bool ui_list_key(struct ui_list *l, struct ui_key k);
/* A list with type-to-search: the movement keys move, a printable key or
 * Backspace edits search (and the list starts again from its first
 * match). Returns true when the key was one of them. */
bool ui_list_search_key(struct ui_list *l, char *search, size_t size, struct ui_key k);
/* The selected row, or NULL. */
const struct list_row *ui_list_current(const struct ui_list *l);
/* Draw into w from row y, h rows (header included). */
void ui_list_draw(struct ui_list *l, WINDOW *w, int y, int h);

#endif
