/* Typical (mass) deficits of a group — the region, a municipality, a school,
 * optionally one subject: how many teachers have each deficit code and each
 * level per block, entry against final. Nothing is shown for a group
 * smaller than the configured minimum. */
#include "screens/screens.h"
#include "analytics.h"
#include "config.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_GROUP = 1, C_SUBJECT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(5), C_GROUP, "Группа", "регион, муниципалитет или организация" },
	{ KEY_F(6), C_SUBJECT, "Предмет", "только педагоги предмета (пусто — все)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, PgDn/PgUp — прокрутка" },
	{ 0, 0, NULL, NULL }
};

#define MAX_CODES 200

struct analytics {
	struct session *ss;
	struct store_scope sc;
	struct group g;
	char subject[128];
	char **lines;
	int nlines, scroll;
};

static void add(struct analytics *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct analytics *st, const char *fmt, ...)
{
	va_list ap;
	st->lines = xrealloc(st->lines, (size_t)(st->nlines + 1) * sizeof *st->lines);
	va_start(ap, fmt);
	st->lines[st->nlines++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static void clear_lines(struct analytics *st)
{
	for (int i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	free(st->lines);
	st->lines = NULL;
	st->nlines = 0;
}

static const char *change(int from, int to, char buf[16])
{
	snprintf(buf, 16, "%+d", to - from);
	return buf;
}

static void load(struct screen *sc)
{
	struct analytics *st = sc->state;
	struct deficit_group g = { st->g.kind, st->g.id, st->subject[0] ? st->subject : NULL };
	struct deficit_stat *codes = xcalloc(MAX_CODES, sizeof *codes);
	struct level_stat levels[10];
	int size, ncodes, nlevels;
	char c[16], name[64];

	clear_lines(st);
	if (store_deficit_stats(st->ss->store, &g, &size, codes, MAX_CODES, &ncodes, levels, 10,
				&nlevels) != ST_OK) {
		screen_store_error(st->ss, ST_ERROR);
	} else if (size == 0) {
		add(st, "%s", "В группе нет педагогов с входной диагностикой.");
	} else if (analytics_withheld(st->ss->cfg, size)) {
		add(st, "%s", analytics_withheld_text(st->ss->cfg, size));
	} else {
		add(st, "Педагогов с входной диагностикой: %d", size);
		add(st, "%s", "");
		add(st, "%s", "Код      Входная  Итоговая  Изменение  Дефицит");
		for (int i = 0; i < ncodes; i++) {
			char w[256];
			text_fit_ellipsis(codes[i].wording, 42, w, sizeof w);
			add(st, "%s%*s %7d  %8d  %9s  %s", codes[i].code, 8 - text_width(codes[i].code), "",
			    codes[i].entry, codes[i].final, change(codes[i].entry, codes[i].final, c), w);
		}
		add(st, "%s", "");
		add(st, "%s", "Уровень дефицита по блокам (входная → итоговая), педагогов:");
		add(st, "%s", "Блок компетенций               высокий     средний     низкий");
		for (int i = 0; i < nlevels; i++) {
			text_fit_ellipsis(levels[i].block, 30, name, sizeof name);
			add(st, "%s%*s %4d → %-4d %4d → %-4d %4d → %-4d", name, 30 - text_width(name), "",
			    levels[i].entry[0], levels[i].final[0], levels[i].entry[1], levels[i].final[1],
			    levels[i].entry[2], levels[i].final[2]);
		}
	}
	for (int i = 0; i < ncodes; i++)
		free(codes[i].wording);
	free(codes);
	snprintf(sc->title, sizeof sc->title, "Типичные дефициты: %s%s%s", st->g.name,
		 st->subject[0] ? ", предмет: " : "", st->subject);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct analytics *st = sc->state;
	int h = getmaxy(w), cols = getmaxx(w);

	if (st->scroll > st->nlines - 1)
		st->scroll = st->nlines > 0 ? st->nlines - 1 : 0;
	for (int y = 0; y < h && st->scroll + y < st->nlines; y++)
		ui_put(w, y, 1, st->lines[st->scroll + y], cols - 2, y == 0 ? A_BOLD : A_NORMAL);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct analytics *st = sc->state;
	char *text;

	sc->dirty = true;
	if (cmd == C_GROUP) {
		screen_pick_group(st->ss, &st->sc, &st->g);
		load(sc);
	} else if (cmd == C_SUBJECT) {
		text = ui_prompt("Предмет (часть названия; пусто — все)", st->subject);
		if (text) {
			strlcpy0(st->subject, text, sizeof st->subject);
			free(text);
			load(sc);
		}
	} else {
		ui_scroll_key(&st->scroll, k);
	}
	return true;
}

static void free_state(struct screen *sc)
{
	struct analytics *st = sc->state;
	clear_lines(st);
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
	screen_widest_group(ss, &st->sc, &st->g);
	sc = screen_new(&ops, st, "Типичные дефициты");
	load(sc);
	return sc;
}

