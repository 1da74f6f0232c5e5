/* The rating of teachers' methodological activity for a year (000): the
 * points of their participation and their products with a positive
 * conclusion, the highest first, within the user's reach. The weights are
 * the configuration's (section rating) and are shown above the list. */
#include "screens/screens.h"
#include "analytics.h"
#include "text.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { C_OPEN = 1, C_YEAR };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам; как считаются баллы — над списком" },
	{ KEY_F(5), C_YEAR, "Год", "год рейтинга" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть справку педагога" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct rating {
	struct session *ss;
	struct store_scope sc;
	int year;
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct rating *st = ctx;
	return store_rating_page(st->ss->store, &st->sc, st->year, &st->ss->cfg->rating, r, out);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct rating *st = sc->state;
	char line[160];
	char rule[600];
	struct text_lines l = { NULL, 0, 0 };
	int y;

	snprintf(line, sizeof line, "Рейтинг методической активности за %d г.", st->year);
	ui_put(w, 0, 1, line, getmaxx(w) - 2, A_BOLD);
	/* The weights, from the one table they are counted by. */
	analytics_rating_text(&st->ss->cfg->rating, rule, sizeof rule);
	/* The whole sentence (four lines at 80 columns): every weight, the
	 * product's bonus last, as the configuration sets them. */
	text_wrap(rule, getmaxx(w) - 2, getmaxx(w) - 2, &l);
	for (y = 0; y < l.n && y < 4; y++)
		ui_put(w, 1 + y, 1, l.v[y], getmaxx(w) - 2, A_DIM);
	text_lines_free(&l);
	ui_list_draw(&st->list, w, 1 + y, getmaxy(w) - 1 - y);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct rating *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);

	sc->dirty = true;
	if (cmd == C_OPEN && r) {
		ui_push(screen_person_card(st->ss, r->id));
	} else if (cmd == C_YEAR) {
		if (screen_ask_year("Год рейтинга", &st->year))
			ui_list_reset(&st->list);
	} else {
		ui_list_key(&st->list, k);
	}
	return true;
}

static void free_state(struct screen *sc)
{
	struct rating *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "rating", keys, draw, key, NULL, free_state, NULL, NULL };

struct screen *screen_rating(struct session *ss)
{
	struct rating *st = xcalloc(1, sizeof *st);
	static const struct ui_column cols[] = {
		/* In columns at 80: each header fits whole. */
		{ "Педагог", 38 },
		{ "Организация", 24 },
		{ "Баллы", 7 },
		{ "Записей", 9 },
	};

	st->ss = ss;
	st->year = screen_this_year();
	st->sc = access_scope(ss, P_PERSON_VIEW);
	ui_list_setup(&st->list, fetch, NULL, st, cols, 4, "За этот год записей участия нет");
	return screen_new(&ops, st, "Рейтинг методической активности");
}
