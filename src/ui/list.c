#include "ui/list.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void ui_list_setup(struct ui_list *l, ui_list_fetch_fn fetch, ui_list_count_fn count, void *ctx,
                   const struct ui_column *cols, int n, const char *empty)
{
	l->fetch = fetch;
	l->count = count;
	l->ctx = ctx;
	for (int c = 0; c < LIST_COLS; c++) {
		l->headers[c] = c < n ? cols[c].header : NULL;
		l->weights[c] = c < n ? cols[c].weight : 0;
	}
	l->empty_text = empty;
	memset(&l->win, 0, sizeof l->win);
	l->sel = 0;
	l->loaded = false;
	if (l->height <= 0)
		l->height = 10;
}

void ui_list_free(struct ui_list *l)
{
	page_free(&l->win);
}

static void take(struct ui_list *l, struct page *p)
{
	page_free(&l->win);
	l->win = *p;
	if (l->sel >= l->win.n)
		l->sel = l->win.n ? l->win.n - 1 : 0;
	if (l->sel < 0)
		l->sel = 0;
}

static bool fetch(struct ui_list *l, const char *key, int64_t id, int dir, int n, struct page *out)
{
	struct page_req r = { key, id, dir, n };
	memset(out, 0, sizeof *out);
	return l->fetch(l->ctx, &r, out) == 0;
}

static void load_from(struct ui_list *l, const char *key, int64_t id)
{
	struct page p;

	if (fetch(l, key, id, +1, l->height, &p)) {
		if (p.n < l->height && key) {
			/* Near the end: fill the window from the end instead. */
			page_free(&p);
			if (!fetch(l, NULL, 0, -1, l->height, &p))
				return;
		}
		take(l, &p);
	}
	if (l->count)
		l->count(l->ctx, &l->total);
	l->loaded = true;
}

void ui_list_reset(struct ui_list *l)
{
	l->sel = 0;
	load_from(l, NULL, 0);
}

void ui_list_reload(struct ui_list *l)
{
	int64_t sel_id = 0;
	char *key = NULL;

	if (l->win.n > 0) {
		/* From the first visible row inclusive: (key, id - 1) < (key, id). */
		key = xstrdup(l->win.rows[0].key);
		sel_id = l->win.rows[l->sel].id;
		load_from(l, key, l->win.rows[0].id - 1);
		free(key);
		for (int i = 0; i < l->win.n; i++)
			if (l->win.rows[i].id == sel_id)
				l->sel = i;
	} else {
		load_from(l, NULL, 0);
	}
}

void ui_list_goto(struct ui_list *l, const char *key, int64_t id)
{
	/* (key, id - 1) < (key, id): the row itself is the first fetched. */
	l->sel = 0;
	load_from(l, key, id - 1);
	for (int i = 0; i < l->win.n; i++)
		if (l->win.rows[i].id == id)
			l->sel = i;
}

/* Move the window by up to n rows; returns the rows moved. The new rows
 * join the window at the moving end; as many leave at the other end. */
static int shift(struct ui_list *l, int dir, int n)
{
	struct page p, merged, gone;
	const struct list_row *a;
	int drop;

	if (l->win.n == 0)
		return 0;
	a = dir > 0 ? &l->win.rows[l->win.n - 1] : &l->win.rows[0];
	if (!fetch(l, a->key, a->id, dir, n, &p))
		return 0;
	if (p.n == 0) {
		page_free(&p);
		return 0;
	}
	merged.n = l->win.n + p.n;
	merged.rows = xcalloc((size_t)merged.n, sizeof *merged.rows);
	if (dir > 0) {
		memcpy(merged.rows, l->win.rows, (size_t)l->win.n * sizeof *merged.rows);
		memcpy(merged.rows + l->win.n, p.rows, (size_t)p.n * sizeof *merged.rows);
	} else {
		memcpy(merged.rows, p.rows, (size_t)p.n * sizeof *merged.rows);
		memcpy(merged.rows + p.n, l->win.rows, (size_t)l->win.n * sizeof *merged.rows);
	}
	drop = merged.n > l->height ? merged.n - l->height : 0;
	/* The rows that leave: their strings are freed with a page of them. */
	gone.n = drop;
	gone.rows = xcalloc((size_t)(drop ? drop : 1), sizeof *gone.rows);
	memcpy(gone.rows, dir > 0 ? merged.rows : merged.rows + merged.n - drop,
	       (size_t)drop * sizeof *gone.rows);
	page_free(&gone);
	if (dir > 0)
		memmove(merged.rows, merged.rows + drop, (size_t)(merged.n - drop) * sizeof *merged.rows);
	merged.n -= drop;
	free(l->win.rows);
	free(p.rows);
	l->win = merged;
	l->sel += dir > 0 ? -drop : p.n;
	return p.n;
}

/* The wheel: the rows move under a selection that stays on screen; at
 * either end of the list the selection moves instead. */
static void wheel(struct ui_list *l, int dir)
{
	enum { STEP = 3 };
	int moved = shift(l, dir, STEP);

	if (l->sel < 0)
		l->sel = 0;
	if (l->sel > l->win.n - 1)
		l->sel = l->win.n ? l->win.n - 1 : 0;
	if (moved < STEP) {
		l->sel += dir * (STEP - moved);
		if (l->sel < 0)
			l->sel = 0;
		if (l->sel > l->win.n - 1)
			l->sel = l->win.n ? l->win.n - 1 : 0;
	}
}

bool ui_list_key(struct ui_list *l, struct ui_key k)
{
	struct page p;

	if (!l->loaded)
		ui_list_reset(l);
	switch (k.code) {
	case KEY_DOWN:
		if (l->sel < l->win.n - 1)
			l->sel++;
		else if (shift(l, +1, 1) > 0)
			l->sel = l->win.n - 1;
		return true;
	case KEY_UP:
		if (l->sel > 0)
			l->sel--;
		else if (shift(l, -1, 1) > 0)
			l->sel = 0;
		return true;
	case KEY_NPAGE:
		if (l->sel < l->win.n - 1)
			l->sel = l->win.n - 1;
		else if (shift(l, +1, l->height - 1) > 0)
			l->sel = l->win.n - 1;
		return true;
	case KEY_PPAGE:
		if (l->sel > 0)
			l->sel = 0;
		else if (shift(l, -1, l->height - 1) > 0)
			l->sel = 0;
		return true;
	case KEY_HOME:
		ui_list_reset(l);
		return true;
	case KEY_END:
		/* The last page straight from the end of the order: one
		 * query, however long the list. */
		if (fetch(l, NULL, 0, -1, l->height, &p)) {
			take(l, &p);
			l->sel = l->win.n ? l->win.n - 1 : 0;
		}
		return true;
	case UI_KEY_CLICK: {
		int row = k.y - l->scr_y;
		if (row < 0 || row >= l->win.n || row >= l->height || k.x < l->scr_x ||
		    k.x >= l->scr_x + l->scr_w)
			return false;
		l->sel = row;
		ui_click_hit();
		return true;
	}
	case UI_KEY_WHEEL_DOWN:
		wheel(l, +1);
		return true;
	case UI_KEY_WHEEL_UP:
		wheel(l, -1);
		return true;
	default:
		return false;
	}
}

const struct list_row *ui_list_current(const struct ui_list *l)
{
	if (l->win.n == 0 || l->sel < 0 || l->sel >= l->win.n)
		return NULL;
	return &l->win.rows[l->sel];
}

void ui_list_draw(struct ui_list *l, WINDOW *w, int y, int h)
{
	int cols = getmaxx(w) - 2, sum = 0, x, width[LIST_COLS];
	/* The selection shows without colour too: a marker in the first
	 * column, and reverse video where there is no colour. */
	attr_t sel_attr = ui_has_color() ? COLOR_PAIR(UI_PAIR_SEL) : A_REVERSE;

	if (h - 1 != l->height) {
		l->height = h - 1 > 1 ? h - 1 : 1;
		if (l->loaded)
			ui_list_reload(l);
	}
	if (!l->loaded)
		ui_list_reset(l);
	l->scr_y = getbegy(w) + y + 1;
	l->scr_x = getbegx(w);
	l->scr_w = getmaxx(w);
	for (int c = 0; c < LIST_COLS; c++)
		sum += l->weights[c];
	for (int c = 0, left = cols; c < LIST_COLS; c++) {
		width[c] = sum ? cols * l->weights[c] / sum : 0;
		left -= width[c];
		if (c == LIST_COLS - 1)
			width[c] += left > 0 && l->weights[c] ? left : 0;
	}
	x = 1;
	for (int c = 0; c < LIST_COLS; c++) {
		if (!width[c])
			continue;
		ui_put(w, y, x, l->headers[c], width[c] - 1, A_BOLD | A_UNDERLINE);
		x += width[c];
	}
	if (l->win.n == 0 && l->empty_text)
		ui_put(w, y + 2, 2, l->empty_text, cols - 2, A_DIM);
	for (int i = 0; i < l->win.n && i < l->height; i++) {
		const struct list_row *r = &l->win.rows[i];
		bool sel = i == l->sel && !l->inactive;
		attr_t a = sel ? sel_attr : (r->archived ? A_DIM : A_NORMAL);
		x = 1;
		if (sel) {
			mvwhline(w, y + 1 + i, 0, ' ' | a, cols + 2);
			mvwaddch(w, y + 1 + i, 0, '>' | a | A_BOLD);
		}
		for (int c = 0; c < LIST_COLS; c++) {
			if (!width[c])
				continue;
			ui_put(w, y + 1 + i, x, r->cols[c], width[c] - 1, a);
			x += width[c];
		}
	}
	/* The cursor on the selected row (or the header of an empty list). */
	if (l->inactive)
		return;
	if (l->win.n > 0 && l->sel < l->height)
		ui_park(w, y + 1 + l->sel, 0);
	else
		ui_park(w, y, 0);
}

bool ui_list_search_key(struct ui_list *l, char *search, size_t size, struct ui_key k)
{
	if (ui_list_key(l, k))
		return true;
	if (!ui_search_key(search, size, k))
		return false;
	ui_list_reset(l);
	return true;
}
