/* The methodist pool against the norm, and each curator's load for
 * balancing (004 App.1 §4.2: one methodist to at most 200–250 teachers). */
#include "screens/screens.h"
#include "analytics.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { C_OPEN = 1, C_YEAR };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(5), C_YEAR, "Год", "год состава методического актива" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть справку куратора" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct pool {
	struct session *ss;
	int year, teachers, size, curators;
	bool listed;
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct pool *st = ctx;
	int rc = store_curators_page(st->ss->store, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		int load = atoi(out->rows[i].cols[2]);
		free(out->rows[i].cols[3]);
		out->rows[i].cols[3] = xstrdup(analytics_overloaded(load) ? "перегружен: больше 250" : "");
	}
	return rc;
}

static void load_figures(struct pool *st)
{
	store_pool_figures(st->ss->store, st->year, &st->teachers, &st->size, &st->listed, &st->curators);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct pool *st = sc->state;
	int need_min, need_max, cols = getmaxx(w);
	char line[300];

	analytics_pool_norm(st->teachers, &need_min, &need_max);
	snprintf(line, sizeof line, "Педагогов в регионе: %d. Методический актив %d г.: %d чел.",
		 st->teachers, st->year, st->size);
	ui_put(w, 0, 1, line, cols - 2, A_NORMAL);
	if (!st->listed)
		ui_put(w, 1, 1, "Списка актива на этот год нет: посчитаны педагоги со статусом «педагог-методист».",
		       cols - 2, A_DIM);
	snprintf(line, sizeof line, "Норматив 1 методист на 200–250 педагогов: нужно от %d до %d — %s",
		 need_min, need_max, st->size < need_min ? "НЕ ХВАТАЕТ методистов" : "выполнен");
	ui_put(w, 2, 1, line, cols - 2, st->size < need_min ? A_BOLD : A_NORMAL);
	snprintf(line, sizeof line, "Кураторов с подопечными: %d (сверху — самые загруженные)", st->curators);
	ui_put(w, 3, 1, line, cols - 2, A_DIM);
	ui_list_draw(&st->list, w, 4, getmaxy(w) - 4);
}

static void reload(struct screen *sc)
{
	struct pool *st = sc->state;
	load_figures(st);
	ui_list_reload(&st->list);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct pool *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);

	sc->dirty = true;
	if (cmd == C_OPEN && r) {
		ui_push(screen_person_card(st->ss, r->id));
	} else if (cmd == C_YEAR) {
		char cur[8], *text;
		snprintf(cur, sizeof cur, "%d", st->year);
		text = ui_prompt("Год состава актива", cur);
		if (text) {
			char *end;
			long y = strtol(text, &end, 10);
			if (*end || y < 2000 || y > 2100)
				ui_set_error("Год — число от 2000 до 2100");
			else {
				st->year = (int)y;
				load_figures(st);
			}
			free(text);
		}
	} else {
		ui_list_key(&st->list, k);
	}
	return true;
}

static void free_state(struct screen *sc)
{
	struct pool *st = sc->state;
	ui_list_free(&st->list);
	free(st);
}

static const struct screen_ops ops = { "pool", keys, draw, key, reload, free_state, NULL };

struct screen *screen_pool(struct session *ss)
{
	struct pool *st = xcalloc(1, sizeof *st);
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	st->ss = ss;
	st->year = tm.tm_year + 1900;
	load_figures(st);
	{
		static const struct ui_column cols[] = {
			{ "Куратор", 9 },
			{ "Организация", 6 },
			{ "Педагогов", 3 },
			{ "", 5 },
		};
		ui_list_setup(&st->list, fetch, NULL, st, cols, 4,
		              "Кураторов с подопечными нет");
	}
	return screen_new(&ops, st, "Методический актив и нагрузка кураторов");
}
