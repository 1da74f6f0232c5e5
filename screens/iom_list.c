/* ИОМ cards the user may see: a paged list with search and a status filter. */
#include "screens/screens.h"
#include "route.h"
#include "store/iom.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_OPEN = 1, C_STATUS, C_SEARCH, C_CLEAR };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(5), C_STATUS, "Статус", "фильтр по статусу ИОМ" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть карту ИОМ" },
	{ '/', C_SEARCH, NULL, "поиск по номеру или фамилии (или просто начните печатать)" },
	{ UI_KEY_ESC, C_CLEAR, NULL, "Esc — сбросить поиск и фильтр, повторно — назад" },
	{ 0, 0, NULL, NULL }
};

struct ioms {
	struct session *ss;
	struct iom_scope sc;
	struct iom_filter f;
	char search[128];
	char status[16];
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct ioms *st = ctx;
	return store_iom_page(st->ss->store, &st->sc, &st->f, r, out);
}

static int count(void *ctx, int *n)
{
	struct ioms *st = ctx;
	return store_iom_count(st->ss->store, &st->sc, &st->f, n);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct ioms *st = sc->state;
	char line[300];
	int cols = getmaxx(w);

	ui_list_draw(&st->list, w, 2, getmaxy(w) - 2);
	snprintf(line, sizeof line, "Поиск: %s", st->search[0] ? st->search : "(номер или фамилия)");
	ui_put(w, 0, 1, line, cols - 24, st->search[0] ? A_BOLD : A_DIM);
	snprintf(line, sizeof line, "Найдено: %d", st->list.total);
	ui_put(w, 0, cols - 22, line, 21, A_NORMAL);
	snprintf(line, sizeof line, "Статус: %s", st->status[0] ? route_status_label(st->status) : "все");
	ui_put(w, 1, 1, line, cols - 2, A_DIM);
}

static void reload(struct screen *sc)
{
	struct ioms *st = sc->state;
	ui_list_reload(&st->list);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct ioms *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	char *text;

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		if (r)
			ui_push(screen_iom_card(st->ss, r->id));
		return true;
	case C_STATUS: {
		if (screen_pick_filter("Статус ИОМ", "все статусы", route_statuses, st->status,
				       sizeof st->status)) {
			st->f.status = st->status[0] ? st->status : NULL;
			ui_list_reset(&st->list);
		}
		return true;
	}
	case C_SEARCH:
		text = ui_prompt("Поиск ИОМ", st->search);
		if (text) {
			strlcpy0(st->search, text, sizeof st->search);
			free(text);
			ui_list_reset(&st->list);
		}
		return true;
	case C_CLEAR:
		if (!st->search[0] && !st->status[0])
			return false;
		st->search[0] = st->status[0] = '\0';
		st->f.status = NULL;
		ui_list_reset(&st->list);
		return true;
	default:
		break;
	}
	ui_list_search_key(&st->list, st->search, sizeof st->search, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct ioms *st = sc->state;
	ui_list_free(&st->list);
	access_iom_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "iom_list", keys, draw, key, reload, free_state, NULL, NULL };

struct screen *screen_iom_list(struct session *ss)
{
	struct ioms *st = xcalloc(1, sizeof *st);

	st->ss = ss;
	access_iom_scope(ss, &st->sc);
	st->f.search = st->search;
	{
		static const struct ui_column cols[] = {
			{ "Номер", 4 },
			{ "Педагог", 7 },
			{ "Организация", 4 },
			{ "Статус", 4 },
		};
		ui_list_setup(&st->list, fetch, count, st, cols, 4,
		              "ИОМ не найдено");
	}
	return screen_new(&ops, st, "Индивидуальные образовательные маршруты");
}
