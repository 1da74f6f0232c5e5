/* Typical (mass) deficits of a group — the region, a municipality, a
 * school — for a year, whole or by a breakdown chosen from a closed list
 * (position, subject, form of the diagnostic): how many teachers have each
 * deficit code and each level per block, entry against final. The figures
 * and what is withheld of them are deficits.c's, the same as
 * `marshrut analytics` prints. */
#include "screens/screens.h"
#include "analytics.h"
#include "deficits.h"
#include "store/deficit_counts.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_GROUP = 1, C_BY, C_YEAR };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_BY, "Разрез", "без разреза, по должностям, по предметам, по формам диагностики" },
	{ KEY_F(5), C_YEAR, "Год", "год диагностики" },
	{ KEY_F(6), C_GROUP, "Уровень", "регион, муниципалитет или организация" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, PgDn/PgUp — прокрутка" },
	{ 0, 0, NULL, NULL }
};

struct analytics {
	struct session *ss;
	struct store_scope sc;
	struct group g;
	int by, year;
	struct text_lines lines;
	int scroll;
};

static void load(struct screen *sc)
{
	struct analytics *st = sc->state;
	struct deficit_query q = { st->g.kind, st->g.id, st->year, st->by };
	struct deficit_view v;
	char *title;
	int rc;

	text_lines_free(&st->lines);
	if ((rc = deficits_view(st->ss->store, st->ss->cfg, &q, &v)) != ST_OK) {
		screen_store_error(st->ss, rc);
		return;
	}
	deficits_lines(&v, &st->lines);
	title = deficits_title(&v);
	strlcpy0(sc->title, title, sizeof sc->title);
	free(title);
	deficits_view_free(&v);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct analytics *st = sc->state;
	int h = getmaxy(w), cols = getmaxx(w);

	ui_scroll_clamp(&st->scroll, st->lines.n, h);
	for (int y = 0; y < h && st->scroll + y < st->lines.n; y++) {
		const char *line = st->lines.v[st->scroll + y];
		ui_put(w, y, 1, line, cols - 2, line[0] != ' ' && line[0] != '\0' ? A_BOLD : A_NORMAL);
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
	else
		return ui_scroll_key(&st->scroll, k), true;
	st->scroll = 0;
	load(sc);
	return true;
}

static void free_state(struct screen *sc)
{
	struct analytics *st = sc->state;
	text_lines_free(&st->lines);
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
