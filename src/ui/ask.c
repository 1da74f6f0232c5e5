/* ui_ask(): a question with named answers (see ask.h). Drawn with the
 * public ui.h functions in a box like ui_confirm's; the screen below is
 * marked dirty and repainted by its own draw afterwards. */
#include "ui/ask.h"
#include "ui/ui.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ASK_MAX = 6, ASK_W = 62 };

struct button {
	int y, x, w;         /* in the dialog window */
	uint32_t key;        /* the first letter, folded to its ЙЦУКЕН key */
	int first_len;       /* bytes of the first letter */
};

static uint32_t first_letter(const char *s, int *len)
{
	uint32_t cp = 0;
	int n = utf8_decode(s, strlen(s), &cp);

	*len = n > 0 ? n : 0;
	return n > 0 ? text_key_letter(cp) : 0;
}

/* The habits of the rest of the program (see ask.h): «Н» (y) is the safe
 * answer, «Д» (l) the confirming one. */
static bool letter_allowed(uint32_t key, int i, int escape)
{
	if (key == 0x043d)   /* н */
		return i == escape;
	if (key == 0x0434)   /* д */
		return i != escape;
	return true;
}

/* Lay the buttons out in one row when they fit, else one under another;
 * returns the rows they take. */
static int layout(const char *const *answers, int n, int y, int width, struct button *b)
{
	int total = 0, x;

	for (int i = 0; i < n; i++) {
		b[i].w = text_width(answers[i]) + 4;
		b[i].key = first_letter(answers[i], &b[i].first_len);
		total += b[i].w + (i ? 2 : 0);
	}
	if (total <= width) {
		x = 3 + (width - total) / 2;
		for (int i = 0; i < n; i++) {
			b[i].y = y;
			b[i].x = x;
			x += b[i].w + 2;
		}
		return 1;
	}
	for (int i = 0; i < n; i++) {
		b[i].y = y + i;
		b[i].x = 3;
		if (b[i].w > width)
			b[i].w = width;
	}
	return n;
}

static void draw_button(WINDOW *win, const struct button *b, const char *label, bool cur)
{
	attr_t a = cur ? A_REVERSE | A_BOLD : A_NORMAL;
	char first[8];

	/* The brackets mark the highlighted one without colour too. */
	ui_put(win, b->y, b->x, cur ? "[" : " ", 1, a);
	ui_put(win, b->y, b->x + 1, " ", 1, a);
	memcpy(first, label, (size_t)b->first_len);
	first[b->first_len] = '\0';
	ui_put(win, b->y, b->x + 2, first, 1, b->key ? a | A_UNDERLINE : a);
	ui_put_padded(win, b->y, b->x + 3, label + b->first_len, b->w - 5, a);
	ui_put(win, b->y, b->x + b->w - 2, " ", 1, a);
	ui_put(win, b->y, b->x + b->w - 1, cur ? "]" : " ", 1, a);
}

int ui_ask(const char *title, const char *question, const char *const *answers, int n, int initial,
	   int escape)
{
	struct text_lines lines = { 0 };
	struct button b[ASK_MAX];
	char *clean = text_sanitize(question), hint[256];
	int w = ASK_W < COLS ? ASK_W : COLS, h, rows, cur = initial, chosen = -1, top, left, len = 0;
	WINDOW *win;

	if (n > ASK_MAX)
		n = ASK_MAX;
	if (cur < 0 || cur >= n)
		cur = 0;
	if (escape < 0 || escape >= n)
		escape = n - 1;
	text_wrap(clean, w - 6, w - 6, &lines);
	free(clean);
	rows = layout(answers, n, lines.n + 2, w - 6, b);
	for (int i = 0; i < n; i++)
		if (!letter_allowed(b[i].key, i, escape))
			b[i].key = 0;   /* chosen by the arrows and Enter only */
	h = lines.n + rows + 5;
	if (h > LINES)
		h = LINES;
	top = (LINES - h) / 2;
	left = (COLS - w) / 2;
	win = newwin(h, w, top, left);
	keypad(win, TRUE);
	/* «З, Н, О или ←/→ и Enter; Esc — «Остаться»» */
	for (int i = 0; i < n && len < (int)sizeof hint - 16; i++) {
		if (b[i].key == 0)
			continue;
		len += snprintf(hint + len, sizeof hint - (size_t)len, "%s%.*s", len ? ", " : "", b[i].first_len,
				answers[i]);
	}
	snprintf(hint + len, sizeof hint - (size_t)len, " или ←/→ и Enter;  Esc — «%s»", answers[escape]);
	while (chosen < 0) {
		struct ui_key k;

		werase(win);
		box(win, 0, 0);
		if (title)
			ui_put(win, 0, 2, title, w - 4, A_BOLD);
		for (int i = 0; i < lines.n && 1 + i < h - 1; i++)
			ui_put(win, 1 + i, 3, lines.v[i], w - 6, A_NORMAL);
		for (int i = 0; i < n; i++)
			draw_button(win, &b[i], answers[i], i == cur);
		ui_put(win, h - 2, 3, hint, w - 6, A_DIM);
		/* The cursor rests on the highlighted answer (screen readers
		 * follow it). */
		wmove(win, b[cur].y, b[cur].x + 2);
		wnoutrefresh(win);
		doupdate();
		k = ui_read_key();
		switch (k.code) {
		case UI_KEY_IDLE:
			continue;
		case KEY_ENTER:
			chosen = cur;
			continue;
		case UI_KEY_ESC:
		case UI_KEY_HANGUP:
		case KEY_F(10):
			chosen = escape;
			continue;
		case KEY_LEFT:
		case KEY_UP:
		case KEY_BTAB:
			cur = cur > 0 ? cur - 1 : n - 1;
			continue;
		case KEY_RIGHT:
		case KEY_DOWN:
			cur = cur < n - 1 ? cur + 1 : 0;
			continue;
		case KEY_HOME:
			cur = 0;
			continue;
		case KEY_END:
			cur = n - 1;
			continue;
		case UI_KEY_CLICK:
		case UI_KEY_DCLICK:
			for (int i = 0; i < n; i++)
				if (k.y - top == b[i].y && k.x - left >= b[i].x && k.x - left < b[i].x + b[i].w)
					chosen = i;
			continue;
		default:
			break;
		}
		if (k.code == 0 && k.ch == '\t') {
			cur = cur < n - 1 ? cur + 1 : 0;
			continue;
		}
		if (k.code == 0 && k.ch > ' ') {
			uint32_t key = text_key_letter((uint32_t)k.ch);
			for (int i = 0; i < n && chosen < 0; i++)
				if (b[i].key != 0 && b[i].key == key)
					chosen = i;
		}
	}
	text_lines_free(&lines);
	delwin(win);
	touchwin(stdscr);
	ui_dirty();
	return chosen;
}
