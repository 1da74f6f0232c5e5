/* Typical (mass) deficits of a group — the region, a municipality, a
 * school — for a year, whole or by a breakdown chosen from a closed list
 * (position, subject, form of the diagnostic): how many teachers have each
 * deficit code and each level per block, entry against final. The figures
 * and what is withheld of them are deficits.c's, the same as
 * `marshrut analytics` prints: each code as the share of the teachers with a
 * diagnostic of the kind, and the change in п.п. The arrows select a code
 * (the cursor on its row); its whole wording is shown wrapped beneath the
 * list, never cut; past the last code they scroll on. F4 turns to the
 * analytic note of the same group and year (note.c: % solved by assessed element and by block, the
 * typical deficits with whole wordings, wrapped to the window's width);
 * F9 saves it for printing (HTML for A4, or text when the name ends in
 * .txt), as the ИОМ card is printed. */
#include "screens/screens.h"
#include "analytics.h"
#include "deficits.h"
#include "note.h"
#include "secure.h"
#include "sshcmd.h"
#include "store/deficit_counts.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_GROUP = 1, C_BY, C_YEAR, C_NOTE, C_PRINT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_BY, "Разрез", "без разреза, по должностям, по предметам, по формам диагностики" },
	{ KEY_F(4), C_NOTE, "Справка", "аналитическая справка по оцениваемым элементам и блокам / типичные дефициты" },
	{ KEY_F(5), C_YEAR, "Год", "год диагностики" },
	{ KEY_F(6), C_GROUP, "Уровень", "регион, муниципалитет или организация" },
	{ KEY_F(9), C_PRINT, "Печать", "сохранить аналитическую справку для печати (HTML для A4; .txt — текст)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки — выбор дефицита (его формулировка под списком), PgDn/PgUp — прокрутка" },
	{ 0, 0, NULL, NULL }
};

struct analytics {
	struct session *ss;
	struct store_scope sc;
	struct group g;
	int by, year;
	struct text_lines lines;
	int scroll;
	bool note;                /* the analytic note instead of the deficits */
	bool have_note;
	struct note_view nv;
	int width;                /* the note's lines are wrapped to it */
	/* The deficits: the view kept for the selected code's wording. */
	bool have_view;
	struct deficit_view v;
	int ncodes, sel;          /* the code rows, the selected one */
	int *code_line;           /* each code row's line */
};

/* Lines for the list: beneath it a blank line and two for the selected
 * code's wording (when there are codes and it is not the note). */
static int list_rows(const struct analytics *st, int h)
{
	return !st->note && st->ncodes > 0 && h > 6 ? h - 3 : h;
}

/* The columns' header kept on the top line when the list is scrolled into
 * a table of codes (the line there a code row): the header line, or -1.
 * The rows of a section's codes are consecutive lines under its header. */
static int pinned(const struct analytics *st)
{
	for (int i = 0; !st->note && i < st->ncodes; i++)
		if (st->code_line[i] == st->scroll) {
			while (i > 0 && st->code_line[i - 1] == st->code_line[i] - 1)
				i--;
			return st->code_line[i] - 1;
		}
	return -1;
}

static bool sel_visible(const struct analytics *st, int rows)
{
	int l = st->ncodes > 0 ? st->code_line[st->sel] : -1;
	return l >= st->scroll + (pinned(st) >= 0) && l < st->scroll + rows;
}

/* Scroll so that the selected row is in view (under the header when it is
 * pinned: the line above the row is the header or a code row). */
static void show_sel(struct analytics *st, int rows)
{
	int l = st->code_line[st->sel];

	if (l <= st->scroll)
		st->scroll = l - 1;
	else if (l >= st->scroll + rows)
		st->scroll = l - rows + 1;
}

static void view_free(struct analytics *st)
{
	if (st->have_view)
		deficits_view_free(&st->v);
	st->have_view = false;
	free(st->code_line);
	st->code_line = NULL;
	st->ncodes = st->sel = 0;
}

/* The note's lines for the window's width: the title, then the note. */
static void note_wrap(struct analytics *st, int width)
{
	char *title = note_title(&st->nv);

	text_lines_free(&st->lines);
	text_wrap(title, width, width, &st->lines);
	text_lines_push(&st->lines, "", 0);
	note_lines(&st->nv, width, true, &st->lines);
	st->width = width;
	free(title);
}

static void load(struct screen *sc)
{
	struct analytics *st = sc->state;
	struct deficit_query q = { st->g.kind, st->g.id, st->year, st->by };
	char *title;
	int rc;

	text_lines_free(&st->lines);
	view_free(st);
	if (st->have_note)
		note_view_free(&st->nv);
	st->have_note = false;
	if (st->note) {
		if ((rc = note_view(st->ss->store, st->ss->cfg, st->g.kind, st->g.id, st->year, &st->nv)) != ST_OK) {
			screen_store_error(st->ss, rc);
			return;
		}
		st->have_note = true;
		strlcpy0(sc->title, "Аналитическая справка", sizeof sc->title);
		note_wrap(st, st->width > 0 ? st->width : 78);
		return;
	}
	if ((rc = deficits_view(st->ss->store, st->ss->cfg, &q, &st->v)) != ST_OK) {
		screen_store_error(st->ss, rc);
		return;
	}
	st->have_view = true;
	st->ncodes = deficits_ncodes(&st->v);
	st->code_line = xcalloc((size_t)st->ncodes + 1, sizeof *st->code_line);
	deficits_screen_lines(&st->v, &st->lines, st->code_line);
	title = deficits_title(&st->v);
	strlcpy0(sc->title, title, sizeof sc->title);
	free(title);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct analytics *st = sc->state;
	int h = getmaxy(w), cols = getmaxx(w), rows = list_rows(st, h), sel = -1;

	/* The note's wordings wrap to the window: again when it changes. */
	if (st->have_note && cols - 2 != st->width)
		note_wrap(st, cols - 2);
	ui_scroll_clamp(&st->scroll, st->lines.n, rows);
	if (st->have_view && st->ncodes > 0 && !st->note && sel_visible(st, rows))
		sel = st->code_line[st->sel];
	for (int y = 0, pin = pinned(st); y < rows && st->scroll + y < st->lines.n; y++) {
		const char *line = st->lines.v[y == 0 && pin >= 0 ? pin : st->scroll + y];
		attr_t a = line[0] != ' ' && line[0] != '\0' ? A_BOLD : A_NORMAL;
		if (st->scroll + y == sel)
			ui_put_padded(w, y, 1, line, cols - 2, ui_has_color() ? COLOR_PAIR(UI_PAIR_SEL) : A_REVERSE);
		else
			ui_put(w, y, 1, line, cols - 2, a);
	}
	/* The selected code's whole wording beneath the list, wrapped at words;
	 * the cursor on its row. */
	if (sel >= 0) {
		const struct deficit_code_row *r = deficits_code_at(&st->v, st->sel);
		char *raw = xasprintf("%s: %s", r->code, r->wording), *text = text_sanitize(raw);
		const char *paras[] = { text };
		screen_put_whole(w, rows + 1, 1, cols - 2, h - rows - 1, paras, 1);
		free(text);
		free(raw);
		ui_park(w, sel - st->scroll, 1);
	}
}

/* The arrows move the selection among the code rows (scrolling with it);
 * past the first or the last, and PgDn/PgUp/Home/End, they scroll, and the
 * selection moves to a code row in view if it left it. */
static void move_sel(struct analytics *st, struct ui_key k)
{
	int rows = list_rows(st, ui_body_lines());

	if (st->note || st->ncodes == 0) {
		ui_scroll_key(&st->scroll, k);
		return;
	}
	ui_scroll_clamp(&st->scroll, st->lines.n, rows);
	if (k.code == KEY_DOWN && sel_visible(st, rows) && st->sel + 1 < st->ncodes) {
		st->sel++;
		show_sel(st, rows);
		return;
	}
	if (k.code == KEY_UP && sel_visible(st, rows) && st->sel > 0) {
		st->sel--;
		show_sel(st, rows);
		return;
	}
	ui_scroll_key(&st->scroll, k);
	ui_scroll_clamp(&st->scroll, st->lines.n, rows);
	if (!sel_visible(st, rows))
		for (int i = 0; i < st->ncodes; i++) {
			int keep = st->sel;
			st->sel = k.code == KEY_UP || k.code == KEY_PPAGE || k.code == KEY_HOME ? st->ncodes - 1 - i : i;
			if (sel_visible(st, rows))
				break;
			st->sel = keep;
		}
}

static void pick_by(struct analytics *st)
{
	const char *labels[BY__COUNT];
	int choice;

	for (int by = 0; by < BY__COUNT; by++)
		labels[by] = analytics_breakdown(by)->label;
	choice = ui_pick("Разрез", labels, BY__COUNT, st->by);
	if (choice >= 0)
		st->by = choice;
}

static void pick_year(struct analytics *st)
{
	int years[40], n = store_deficit_years(st->ss->store, screen_this_year(), years, 40), cur = 0, choice;
	char names[40][8];
	const char *labels[40];

	for (int i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "%d", years[i]);
		labels[i] = names[i];
		if (years[i] == st->year)
			cur = i;
	}
	choice = ui_pick("Год диагностики", labels, n, cur);
	if (choice >= 0)
		st->year = years[choice];
}

/* Save the note for printing as a new file (HTML for A4, text when the name
 * ends in .txt); the name defaults to the group and year in the home folder. */
static void print_note(struct analytics *st)
{
	char *def, *path, err[300], year[8], *buf = NULL;
	size_t len = 0, n;
	FILE *mem;
	int rc = 0;

	if (!st->have_note) {
		ui_set_error("Откройте аналитическую справку (F4), затем сохраните её");
		return;
	}
	snprintf(year, sizeof year, "%d", st->year);
	def = screen_home_file("справка-%s-%s.html", st->nv.gcode, year);
	path = ui_prompt("Сохранить аналитическую справку (HTML; .txt — текст) в файл", def);
	free(def);
	if (path == NULL || !*path) {
		free(path);
		return;
	}
	n = strlen(path);
	/* Built in memory first: nothing half-written reaches the file. */
	mem = open_memstream(&buf, &len);
	if (mem && n > 4 && strcmp(path + n - 4, ".txt") == 0) {
		struct text_lines l = { NULL, 0, 0 };
		char *title = note_title(&st->nv);
		text_wrap(title, 80, 80, &l);
		text_lines_push(&l, "", 0);
		note_lines(&st->nv, 80, true, &l);
		for (int i = 0; i < l.n; i++)
			fprintf(mem, "%s\n", l.v[i]);
		text_lines_free(&l);
		free(title);
	} else if (mem) {
		const struct note_view *one = &st->nv;
		rc = note_html(&one, 1, mem);
	}
	if (mem)
		fclose(mem);
	if (mem == NULL || rc != 0)
		ui_set_error("Справка не сохранена: нет памяти");
	else if (secure_write_new(path, buf, len, err, sizeof err) != 0)
		ui_set_error("%s", err);
	else {
		const char *args[] = { "analytics", "--group", st->nv.gcode, "--year", year, "--format", "html" };
		char *note = sshcmd_fetch_note(st->ss->cfg, st->ss->real_login, path, args, 7, "справка.html");
		ui_set_status("Справка сохранена: %s", path);
		if (note)
			ui_message("Справка сохранена", note);
		free(note);
	}
	free(buf);
	free(path);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct analytics *st = sc->state;

	sc->dirty = true;
	if (cmd == C_GROUP)
		screen_pick_group(st->ss, &st->sc, &st->g);
	else if (cmd == C_BY)
		pick_by(st);
	else if (cmd == C_YEAR)
		pick_year(st);
	else if (cmd == C_NOTE)
		st->note = !st->note;
	else if (cmd == C_PRINT)
		return print_note(st), true;
	else
		return move_sel(st, k), true;
	st->scroll = 0;
	load(sc);
	return true;
}

static void free_state(struct screen *sc)
{
	struct analytics *st = sc->state;
	text_lines_free(&st->lines);
	if (st->have_note)
		note_view_free(&st->nv);
	view_free(st);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "analytics", keys, draw, key, load, free_state, NULL, NULL };

struct screen *screen_analytics(struct session *ss)
{
	struct analytics *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->sc = access_scope(ss, P_PERSON_VIEW);
	st->by = BY_NONE;
	st->year = screen_this_year();
	screen_widest_group(ss, &st->sc, &st->g);
	sc = screen_new(&ops, st, "Типичные дефициты");
	load(sc);
	return sc;
}
