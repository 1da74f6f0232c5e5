/* Who opened teachers' individual results (access transparency, issue
 * 12): every view row, newest first, for the regional centre, by person
 * (F4) or by viewer (F3). The teacher sees his own on his card. */
#include "screens/screens.h"
#include "store/audit.h"
#include "text.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_OPEN = 1, C_PERSON, C_WHO, C_RESET };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_WHO, "Кто", "просмотры, сделанные пользователем (логин)" },
	{ KEY_F(4), C_PERSON, "Педагог", "просмотры результатов одного педагога" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть справку педагога" },
	{ UI_KEY_ESC, C_RESET, NULL, "снять отборы, повторно — назад" },
	{ 0, 0, NULL, NULL }
};

struct views {
	struct session *ss;
	int64_t person;
	char person_name[200], login[40], who[200];   /* who: the user filtered by, named */
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct views *st = ctx;
	return store_result_view_page(st->ss->store, st->person, st->login, r, out);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct views *st = sc->state;
	char line[480];

	if (st->person || st->login[0])
		snprintf(line, sizeof line, "Отбор:%s%s%s%s", st->person ? " педагог " : "",
			 st->person ? st->person_name : "", st->login[0] ? " кто: " : "", st->login[0] ? st->who : "");
	else
		snprintf(line, sizeof line, "Все открытия результатов диагностики, новые сверху");
	ui_put_padded(w, 0, 1, line, getmaxx(w) - 2, A_BOLD);
	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct views *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		if (r) {
			int64_t person = store_result_view_person(st->ss->store, r->id);
			if (person)
				ui_push(screen_person_card(st->ss, person));
		}
		break;
	case C_PERSON: {
		int64_t id = screen_pick_person(st->ss, 0);
		if (id) {
			char *name = store_ref_name(st->ss->store, "person", id);
			strlcpy0(st->person_name, name, sizeof st->person_name);
			free(name);
			st->person = id;
			ui_list_reset(&st->list);
		}
		break;
	}
	case C_WHO: {
		char *in = ui_prompt("Логин пользователя (пусто — все)", st->login);
		if (in) {
			strlcpy0(st->login, strtrim(in), sizeof st->login);
			free(in);
			/* The user by his name, the login in brackets. */
			if (st->login[0]) {
				char *name = store_audit_user_name(st->ss->store, st->login);
				if (name)
					snprintf(st->who, sizeof st->who, "%s (%s)", name, st->login);
				else
					strlcpy0(st->who, st->login, sizeof st->who);
				free(name);
			}
			ui_list_reset(&st->list);
		}
		break;
	}
	case C_RESET:
		if (!st->person && !st->login[0])
			return false;
		st->person = 0;
		st->login[0] = '\0';
		ui_list_reset(&st->list);
		break;
	default:
		ui_list_key(&st->list, k);
		break;
	}
	return true;
}

static void free_state(struct screen *sc)
{
	struct views *st = sc->state;
	ui_list_free(&st->list);
	free(st);
}

static const struct screen_ops ops = { "views", keys, draw, key, NULL, free_state, NULL, NULL };

struct screen *screen_result_views(struct session *ss)
{
	struct views *st;
	static const struct ui_column cols[] = {
		{ "Когда", 4 },
		{ "Кто", 4 },
		{ "Чьи", 4 },
		{ "Что открыто", 5 },
	};

	if (!access_may_list_views(ss, 0)) {
		ui_set_error("Список просмотров результатов ведёт региональный центр");
		return NULL;
	}
	st = xcalloc(1, sizeof *st);
	st->ss = ss;
	ui_list_setup(&st->list, fetch, NULL, st, cols, 4, "Результаты никто не открывал");
	return screen_new(&ops, st, "Кто открывал результаты диагностики");
}
