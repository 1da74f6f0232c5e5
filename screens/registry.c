/* The registries a school, a municipality or the region keeps beside the
 * teachers' cards: the events catalogue, participation in contests and
 * events, innovation products with their conclusions, staff hired and
 * leaving, staffing needs, the schools' development plans and the bank of
 * difficulties with best practices. One list for all (store/registry.c):
 * type to search, F7 adds (asking first for the teacher or the
 * organisation the record belongs to), Enter edits through the record's
 * form; who may do what is the policy's. */
#include "screens/screens.h"
#include "store/registry.h"
#include "ui/list.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_NEW = 1, C_OPEN, C_CODES, C_GRID };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(7), C_NEW, "Новая", "новая запись" },
	{ KEY_F(6), C_CODES, "Дефиц.", "мероприятие: добавить или убрать код дефицита, на который оно направлено" },
	{ KEY_F(5), C_GRID, "Сетка", "план ОО выбранной строки сеткой 3 × 3, как в положении: формальное, "
	  "неформальное, информальное образование × коллектив, объединения, отдельные педагоги; печать" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть запись" },
	{ UI_KEY_ESC, CMD_NONE, NULL, "Esc — очистить поиск, затем назад" },
	{ KEY_DOWN, CMD_NONE, NULL, "буквы — поиск, стрелки — выбор" },
	{ 0, 0, NULL, NULL }
};

/* What each registry asks of the user: whether it lists only the rows
 * of the user's reach (the scope of its table's permission, access.c),
 * and what a new record belongs to. */
enum parent_kind { PARENT_NONE, PARENT_PERSON, PARENT_ORG };
static const struct {
	bool scoped;
	enum parent_kind parent;
	/* Screen columns of the four list columns at 80 (78 inside the
	 * frame): names and titles wide, a year or a quarter narrow. */
	int widths[4];
} ui[REG__COUNT] = {
	[REG_EVENTS] = { false, PARENT_NONE, { 11, 37, 14, 16 } },
	[REG_PARTICIPATION] = { true, PARENT_PERSON, { 30, 28, 6, 14 } },
	[REG_INNOVATION] = { true, PARENT_PERSON, { 30, 28, 6, 14 } },
	[REG_STAFF_MOVES] = { true, PARENT_ORG, { 24, 28, 12, 14 } },
	[REG_STAFF_NEEDS] = { true, PARENT_ORG, { 22, 30, 12, 14 } },
	[REG_DEV_PLAN] = { true, PARENT_ORG, { 33, 6, 14, 25 } },
	[REG_DIFFICULTIES] = { false, PARENT_NONE, { 26, 24, 22, 6 } },
	[REG_CITY_MO] = { false, PARENT_NONE, { 33, 18, 16, 11 } },
	[REG_STAFF_COUNT] = { true, PARENT_ORG, { 30, 6, 20, 22 } },
};

/* The permission that governs the registry's records (access.c). */
static enum perm edit_perm(enum registry_id id)
{
	return access_table_perm(registry_def(id)->t, true);
}

struct reg {
	struct session *ss;
	enum registry_id id;
	struct store_scope sc;
	char search[128];
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct reg *st = ctx;
	return store_registry_page(st->ss->store, st->id, ui[st->id].scoped ? &st->sc : NULL, st->search, r,
				   out);
}

static int count(void *ctx, int *n)
{
	struct reg *st = ctx;
	return store_registry_count(st->ss->store, st->id, ui[st->id].scoped ? &st->sc : NULL, st->search, n);
}

static void load(struct screen *sc)
{
	struct reg *st = sc->state;
	ui_list_reload(&st->list);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct reg *st = sc->state;
	char line[200];

	snprintf(line, sizeof line, "Поиск: %s%s", st->search, st->search[0] ? "_" : "(начните печатать)");
	ui_put(w, 0, 1, line, getmaxx(w) - 2, st->search[0] ? A_BOLD : A_DIM);
	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);
}

/* The record's owner for a new record (person or organisation); the
 * parent id, 0 when cancelled, -1 when there is none to ask for. */
static int64_t ask_parent(struct reg *st)
{
	switch (ui[st->id].parent) {
	case PARENT_PERSON:
		return screen_pick_person(st->ss, 0);
	case PARENT_ORG:
		return screen_pick_org(st->ss, edit_perm(st->id));
	default:
		return -1;
	}
}

/* One rule for the key bar (why NULL) and the refusal. */
static bool may(struct reg *st, int cmd, const char **why)
{
	switch (cmd) {
	case C_NEW:
		return access_may(st->ss, edit_perm(st->id), 0, why);
	case C_CODES:
		return access_may(st->ss, P_EVENTS, 0, why);
	default:
		return true;
	}
}

static bool offers(struct screen *sc, int cmd)
{
	struct reg *st = sc->state;
	/* Deficit codes are a property of events only. */
	if (cmd == C_CODES && st->id != REG_EVENTS)
		return false;
	/* The grid is the development plans' only. */
	if (cmd == C_GRID && st->id != REG_DEV_PLAN)
		return false;
	return may(st, cmd, NULL);
}

/* The plan of the current row's organisation and year as the 3 × 3 grid;
 * with no row, of an organisation the user picks, this year. */
static void open_grid(struct reg *st, const struct list_row *r)
{
	const struct table_desc *t = &model_school_dev_plan;
	int64_t org = 0;
	int year = screen_this_year();
	struct screen *g;
	struct record rec;

	if (r && store_get(st->ss->store, t, NULL, r->id, &rec) == ST_OK) {
		const char *o = rec.v[model_field_index(t, "org_id")], *y = rec.v[model_field_index(t, "year")];
		org = o ? strtoll(o, NULL, 10) : 0;
		year = y ? atoi(y) : year;
		record_free(&rec);
	}
	if (org == 0 && (org = screen_pick_org(st->ss, edit_perm(st->id))) == 0)
		return;
	if ((g = screen_devplan(st->ss, org, year)) != NULL)
		ui_push(g);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct reg *st = sc->state;
	const struct registry_def *d = registry_def(st->id);
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;

	sc->dirty = true;
	switch (cmd) {
	case C_NEW: {
		int64_t parent;
		if (!may(st, C_NEW, &why)) {
			ui_set_error("%s", why);
			return true;
		}
		if ((parent = ask_parent(st)) == 0)
			return true;
		ui_push(screen_record_form(st->ss, d->t, 0, parent > 0 ? parent : 0, NULL, NULL));
		return true;
	}
	case C_OPEN:
		if (r) {
			struct record rec;
			int64_t parent = 0;
			if (d->t->parent_col && store_get(st->ss->store, d->t, NULL, r->id, &rec) == ST_OK) {
				const char *v = rec.v[model_field_index(d->t, d->t->parent_col)];
				parent = v ? strtoll(v, NULL, 10) : 0;
				record_free(&rec);
			}
			ui_push(screen_record_form(st->ss, d->t, r->id, parent, NULL, NULL));
		}
		return true;
	case C_GRID:
		if (st->id == REG_DEV_PLAN)
			open_grid(st, r);
		return true;
	case C_CODES:
		if (st->id == REG_EVENTS && r) {
			int64_t code;
			bool linked;
			if (!may(st, C_CODES, &why)) {
				ui_set_error("%s", why);
			} else if ((code = screen_pick_deficit(st->ss)) != 0) {
				if (store_event_toggle_deficit(st->ss->store, &st->ss->actor, r->id, code, &linked) != ST_OK)
					ui_set_error("Не сохранено: %s", store_errmsg(st->ss->store));
				else
					ui_set_status(linked ? "Код добавлен к мероприятию" : "Код убран из мероприятия");
				ui_list_reload(&st->list);
			}
		}
		return true;
	default:
		break;
	}
	if (k.code == UI_KEY_ESC && st->search[0]) {
		st->search[0] = '\0';
		ui_list_reset(&st->list);
		return true;
	}
	if (k.code == UI_KEY_ESC)
		return false;
	ui_list_search_key(&st->list, st->search, sizeof st->search, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct reg *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "registry", keys, draw, key, load, free_state, NULL, NULL };

static bool available(struct session *ss, enum registry_id id)
{
	return ui[id].scoped ? access_may(ss, edit_perm(id), 0, NULL) : true;
}

static struct screen *open_registry(struct session *ss, enum registry_id id)
{
	struct reg *st = xcalloc(1, sizeof *st);
	const struct registry_def *d = registry_def(id);
	struct ui_column cols[4];

	st->ss = ss;
	st->id = id;
	st->sc = access_scope(ss, ui[id].scoped ? edit_perm(id) : P_PERSON_VIEW);
	for (int c = 0; c < 4; c++) {
		cols[c].header = d->headers[c];
		cols[c].weight = ui[id].widths[c];
	}
	ui_list_setup(&st->list, fetch, count, st, cols, 4, "Записей нет: F7 — новая");
	struct screen *made = screen_new(&ops, st, d->title);

	made->offers = offers;
	return made;
}

/* The registries this user may open, to pick one. */
void screen_registries(struct session *ss)
{
	const char *labels[REG__COUNT + 1];
	enum registry_id ids[REG__COUNT];
	int n = 0, c;

	for (int i = 0; i < REG__COUNT; i++)
		if (available(ss, (enum registry_id)i)) {
			ids[n] = (enum registry_id)i;
			labels[n++] = registry_def((enum registry_id)i)->title;
		}
	labels[n] = "Рейтинг методической активности педагогов";
	if ((c = ui_pick("Реестр", labels, n + 1, 0)) == n)
		ui_push(screen_rating(ss));
	else if (c >= 0)
		ui_push(open_registry(ss, ids[c]));
}
