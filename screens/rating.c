/* The rating of teachers' methodological activity for a year (000): the
 * points of their participation and their products with a positive
 * conclusion, the highest first, within the user's reach. The weights are
 * analytics.c's and are shown with F1. */
#include "screens/screens.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { C_OPEN = 1, C_YEAR };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "баллы: уровень мероприятия (школьный 1 … международный 5) + "
	  "победитель 3, призёр 2, лауреат 1, выступающий/организатор/руководитель 2, эксперт/координатор 1; "
	  "продукт с положительным заключением — уровень + 2" },
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
	return store_rating_page(st->ss->store, &st->sc, st->year, r, out);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct rating *st = sc->state;
	char line[160];

	snprintf(line, sizeof line, "Рейтинг методической активности за %d г. (F1 — как считаются баллы)",
		 st->year);
	ui_put(w, 0, 1, line, getmaxx(w) - 2, A_DIM);
	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);
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

static const struct screen_ops ops = { "rating", keys, draw, key, NULL, free_state, NULL };

struct screen *screen_rating(struct session *ss)
{
	struct rating *st = xcalloc(1, sizeof *st);
	static const struct ui_column cols[] = {
		{ "Педагог", 6 },
		{ "Организация", 4 },
		{ "Баллы", 1 },
		{ "Записей", 1 },
	};

	st->ss = ss;
	st->year = screen_this_year();
	st->sc = access_scope(ss, P_PERSON_VIEW);
	ui_list_setup(&st->list, fetch, NULL, st, cols, 4, "За этот год записей участия нет");
	return screen_new(&ops, st, "Рейтинг методической активности");
}
