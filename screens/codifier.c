/* The deficit codifier (кодификатор): code, competency block, wording.
 * Staff look codes up here; the regional centre and admin edit it. */
#include "screens/screens.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_EDIT = 1, C_NEW, C_ARCHIVE, C_ARCHIVED, C_BLOCK, C_SEARCH, C_CLEAR };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_ARCHIVED, "Архив", "показать архив / действующие коды" },
	{ KEY_F(4), C_EDIT, "Правка", "изменить выбранный код" },
	{ KEY_F(5), C_BLOCK, "Блок", "фильтр по блоку компетенций" },
	{ KEY_F(7), C_NEW, "Новый", "добавить код" },
	{ KEY_F(8), C_ARCHIVE, "В архив", "перенести код в архив (или вернуть)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_EDIT, NULL, "открыть код" },
	{ '/', C_SEARCH, NULL, "поиск по коду или словам формулировки (или просто печатайте)" },
	{ UI_KEY_ESC, C_CLEAR, NULL, "Esc — сбросить поиск и фильтр, повторно — назад" },
	{ 0, 0, NULL, NULL }
};

struct codifier {
	struct session *ss;
	struct deficit_filter f;
	char search[128];
	char block_name[128];
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct codifier *st = ctx;
	return store_deficit_page(st->ss->store, &st->f, r, out);
}

static int count(void *ctx, int *n)
{
	struct codifier *st = ctx;
	return store_deficit_count(st->ss->store, &st->f, n);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct codifier *st = sc->state;
	char line[300];
	int cols = getmaxx(w);

	ui_list_draw(&st->list, w, 2, getmaxy(w) - 2);
	snprintf(line, sizeof line, "Поиск: %s", st->search[0] ? st->search : "(код или слова формулировки)");
	ui_put(w, 0, 1, line, cols - 24, st->search[0] ? A_BOLD : A_DIM);
	snprintf(line, sizeof line, "%s: %d", st->f.archived ? "В архиве" : "Кодов", st->list.total);
	ui_put(w, 0, cols - 22, line, 21, A_NORMAL);
	snprintf(line, sizeof line, "Блок: %s", st->f.block_id ? st->block_name : "все");
	ui_put(w, 1, 1, line, cols - 2, A_DIM);
}

static void reload(struct screen *sc)
{
	struct codifier *st = sc->state;
	ui_list_reload(&st->list);
}

/* One rule for the key bar (why NULL) and the refusal. */
static bool may(struct codifier *st, int cmd, const char **why)
{
	if (cmd == C_EDIT || cmd == C_NEW || cmd == C_ARCHIVE)
		return access_may(st->ss, P_CATALOG_EDIT, 0, why);
	return true;
}

static bool offers(struct screen *sc, int cmd)
{
	return may(sc->state, cmd, NULL);
}

static void archive(struct codifier *st)
{
	const struct list_row *r = ui_list_current(&st->list);
	struct record rec;
	const char *why;
	char q[300];
	int rc;

	if (r == NULL)
		return;
	if (!may(st, C_ARCHIVE, &why)) {
		ui_set_error("%s", why);
		return;
	}
	if (store_get(st->ss->store, &model_deficit_code, NULL, r->id, &rec) != ST_OK)
		return;
	snprintf(q, sizeof q, "%s код «%s»?", rec.archived ? "Вернуть из архива" : "Перенести в архив",
		 r->cols[0]);
	if (ui_confirm(q)) {
		rc = store_set_archived(st->ss->store, &st->ss->actor, &model_deficit_code, rec.id,
					rec.version, !rec.archived);
		if (rc == ST_OK)
			ui_list_reload(&st->list);
		else
			screen_store_error(st->ss, rc);
	}
	record_free(&rec);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct codifier *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;
	char *text;

	sc->dirty = true;
	switch (cmd) {
	case C_EDIT:
	case C_NEW:
		if (!may(st, cmd, &why))
			ui_set_error("%s", why);
		else if (cmd == C_NEW || r)
			ui_push(screen_record_form(st->ss, &model_deficit_code, cmd == C_NEW ? 0 : r->id, 0,
						   NULL, NULL));
		return true;
	case C_ARCHIVE:
		archive(st);
		return true;
	case C_ARCHIVED:
		st->f.archived = !st->f.archived;
		ui_list_reset(&st->list);
		return true;
	case C_BLOCK: {
		int64_t ids[32];
		char *labels[33];
		int n = store_small_catalog(st->ss->store, "competency_block", ids, labels + 1, 32), choice;
		labels[0] = xstrdup("все блоки");
		choice = ui_pick("Блок компетенций", (const char *const *)labels, n + 1, 0);
		if (choice >= 0) {
			st->f.block_id = choice ? ids[choice - 1] : 0;
			strlcpy0(st->block_name, labels[choice], sizeof st->block_name);
			ui_list_reset(&st->list);
		}
		for (int i = 0; i <= n; i++)
			free(labels[i]);
		return true;
	}
	case C_SEARCH:
		text = ui_prompt("Поиск в кодификаторе", st->search);
		if (text) {
			strlcpy0(st->search, text, sizeof st->search);
			free(text);
			ui_list_reset(&st->list);
		}
		return true;
	case C_CLEAR:
		if (!st->search[0] && !st->f.block_id)
			return false;
		st->search[0] = '\0';
		st->f.block_id = 0;
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
	struct codifier *st = sc->state;
	ui_list_free(&st->list);
	free(st);
}

static const struct screen_ops ops = { "codifier", keys, draw, key, reload, free_state, NULL, NULL };

struct screen *screen_codifier(struct session *ss)
{
	struct codifier *st = xcalloc(1, sizeof *st);

	st->ss = ss;
	st->f.search = st->search;
	{
		static const struct ui_column cols[] = {
			{ "Код", 2 },
			{ "Блок", 3 },
			{ "Формулировка", 14 },
		};
		ui_list_setup(&st->list, fetch, count, st, cols, 3,
		              "Кодов не найдено");
	}
	struct screen *made = screen_new(&ops, st, "Кодификатор профессиональных дефицитов");

	made->offers = offers;
	return made;
}
