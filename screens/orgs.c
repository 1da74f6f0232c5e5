/* Organisations: the list (in the user's scope) and the card. */
#include "screens/screens.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_OPEN = 1, C_EDIT, C_NEW, C_SEARCH, C_CLEAR, C_TEACHERS, C_MUN };

/* --- list --- */

static const struct keydef list_keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(4), C_EDIT, "Правка", "изменить сведения об организации" },
	{ KEY_F(5), C_TEACHERS, "Педаг.", "педагоги выбранной организации" },
	{ KEY_F(7), C_NEW, "Новая", "добавить организацию" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть карточку организации" },
	{ '/', C_SEARCH, NULL, "поиск по названию или коду (или просто начните печатать)" },
	{ UI_KEY_ESC, C_CLEAR, NULL, "Esc — сбросить поиск, повторно — назад" },
	{ 0, 0, NULL, NULL }
};

struct orgs {
	struct session *ss;
	struct store_scope sc;
	struct org_filter f;
	char search[128];
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct orgs *st = ctx;
	return store_org_page(st->ss->store, &st->sc, &st->f, r, out);
}

static int count(void *ctx, int *n)
{
	struct orgs *st = ctx;
	return store_org_count(st->ss->store, &st->sc, &st->f, n);
}

static void list_draw(struct screen *sc, WINDOW *w)
{
	struct orgs *st = sc->state;
	char line[300];
	int cols = getmaxx(w);

	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);   /* first: loads rows and count */
	snprintf(line, sizeof line, "Поиск: %s", st->search[0] ? st->search : "(начните печатать название)");
	ui_put(w, 0, 1, line, cols - 24, st->search[0] ? A_BOLD : A_DIM);
	snprintf(line, sizeof line, "Найдено: %d", st->list.total);
	ui_put(w, 0, cols - 22, line, 21, A_NORMAL);
}

static void list_reload(struct screen *sc)
{
	struct orgs *st = sc->state;
	ui_list_reload(&st->list);
}

/* One rule for the key bar (why NULL) and the refusal: the organisation
 * highlighted (id; 0: anywhere). */
static bool org_may(struct session *ss, int cmd, int64_t id, const char **why)
{
	switch (cmd) {
	case C_EDIT:
		return access_may(ss, P_ORG_EDIT, id, why);
	case C_NEW:
		return access_may(ss, P_ORG_CREATE, 0, why);
	default:
		return true;
	}
}

static bool list_offers(struct screen *sc, int cmd)
{
	struct orgs *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	return org_may(st->ss, cmd, r ? r->id : 0, NULL);
}

static bool list_key(struct screen *sc, int cmd, struct ui_key k)
{
	struct orgs *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;
	char *text;

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		if (r)
			ui_push(screen_org_card(st->ss, r->id));
		return true;
	case C_TEACHERS:
		if (r)
			ui_push(screen_persons(st->ss, r->id));
		return true;
	case C_EDIT:
		if (r && !org_may(st->ss, C_EDIT, r->id, &why))
			ui_set_error("%s", why);
		else if (r)
			ui_push(screen_record_form(st->ss, &model_organisation, r->id, 0, NULL, NULL));
		return true;
	case C_NEW:
		if (!org_may(st->ss, C_NEW, 0, &why))
			ui_set_error("%s", why);
		else
			ui_push(screen_record_form(st->ss, &model_organisation, 0, 0, NULL, NULL));
		return true;
	case C_SEARCH:
		text = ui_prompt("Поиск организации", st->search);
		if (text) {
			strlcpy0(st->search, text, sizeof st->search);
			free(text);
			ui_list_reset(&st->list);
		}
		return true;
	case C_CLEAR:
		if (!st->search[0])
			return false;
		st->search[0] = '\0';
		ui_list_reset(&st->list);
		return true;
	default:
		break;
	}
	ui_list_search_key(&st->list, st->search, sizeof st->search, k);
	return true;
}

static void list_free(struct screen *sc)
{
	struct orgs *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops list_ops = { "orgs", list_keys, list_draw, list_key, list_reload,
					    list_free, NULL, NULL };

struct screen *screen_orgs(struct session *ss)
{
	struct orgs *st = xcalloc(1, sizeof *st);

	st->ss = ss;
	st->sc = access_scope(ss, P_ORG_VIEW);
	st->f.search = st->search;
	{
		static const struct ui_column cols[] = {
			{ "Код", 2 },
			{ "Организация", 7 },
			{ "Муниципалитет", 4 },
			{ "Педагогов", 2 },
		};
		ui_list_setup(&st->list, fetch, count, st, cols, 4,
		              "Нет организаций");
	}
	struct screen *made = screen_new(&list_ops, st, "Образовательные организации");

	made->offers = list_offers;
	return made;
}

/* --- card --- */

static const struct keydef card_keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(4), C_EDIT, "Правка", "изменить сведения об организации" },
	{ KEY_F(5), C_TEACHERS, "Педаг.", "педагоги этой организации" },
	{ KEY_F(6), C_MUN, "Муниц.", "изменить сведения о её муниципалитете: когда МСОКО включила управление ИППР" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct org_card {
	struct session *ss;
	int64_t id;
	struct record rec;
	bool loaded;
	int teachers;
	int64_t mun;             /* its municipality, 0: none */
	struct record mrec;      /* the municipality's record (its МСОКО date) */
};

/* The municipality's record may be changed by its specialist or the region. */
static bool mun_may(struct org_card *st, const char **why)
{
	if (st->mun == 0) {
		if (why)
			*why = "у организации не указан муниципалитет";
		return false;
	}
	return access_may_place(st->ss, P_ORG_EDIT, 0, st->mun, why);
}

static void card_load(struct screen *sc)
{
	struct org_card *st = sc->state;
	struct store_scope scope = access_scope(st->ss, P_ORG_VIEW);
	struct store_scope pscope = access_scope(st->ss, P_PERSON_VIEW);
	struct person_filter f = { NULL, st->id, NULL, NULL, false };
	int rc;

	record_free(&st->rec);
	rc = store_get(st->ss->store, &model_organisation, &scope, st->id, &st->rec);
	st->loaded = rc == ST_OK;
	if (!st->loaded)
		screen_store_error(st->ss, rc);
	else
		snprintf(sc->title, sizeof sc->title, "Организация: %s",
			 st->rec.v[2] ? st->rec.v[2] : st->rec.v[1]);
	record_free(&st->mrec);
	st->mun = 0;
	if (st->loaded) {
		int mi = model_field_index(&model_organisation, "mun_id");
		st->mun = mi >= 0 && st->rec.v[mi] ? strtoll(st->rec.v[mi], NULL, 10) : 0;
		/* Municipalities are not personal: read without a scope. */
		if (st->mun && store_get(st->ss->store, &model_municipality, NULL, st->mun, &st->mrec) != ST_OK)
			record_init(&st->mrec, &model_municipality);
	}
	store_person_count(st->ss->store, &pscope, &f, &st->teachers);
	access_scope_free(&scope);
	access_scope_free(&pscope);
}

static void card_draw(struct screen *sc, WINDOW *w)
{
	struct org_card *st = sc->state;
	int cols = getmaxx(w), y = 1;
	char buf[64];

	if (!st->loaded) {
		ui_put(w, 1, 2, "Карточка недоступна", cols - 4, A_BOLD);
		return;
	}
	for (int i = 0; i < model_organisation.nfields; i++) {
		const struct field_desc *fd = &model_organisation.fields[i];
		char *v = fd->type == F_REF
			? store_ref_name(st->ss->store, fd->ref_table,
					 st->rec.v[i] ? strtoll(st->rec.v[i], NULL, 10) : 0)
			: model_display(fd, st->rec.v[i]);
		ui_put(w, y, 1, fd->label, 24, A_BOLD);
		ui_put(w, y, 27, v, cols - 28, A_NORMAL);
		free(v);
		y++;
	}
	if (st->mun) {
		int di = model_field_index(&model_municipality, "msoko_ippr_date");
		char *v = model_display(&model_municipality.fields[di], st->mrec.v ? st->mrec.v[di] : NULL);
		char *line = xasprintf("%s (F6 — изменить)", *v ? v : "—");
		ui_put(w, y, 1, "ИППР в МСОКО муницип.", 24, A_BOLD);
		ui_put(w, y, 27, line, cols - 28, A_NORMAL);
		free(line);
		free(v);
		y++;
	}
	snprintf(buf, sizeof buf, "%d (F5 — список)", st->teachers);
	ui_put(w, y + 1, 1, "Педагогов", 24, A_BOLD);
	ui_put(w, y + 1, 27, buf, cols - 28, A_NORMAL);
}

static bool card_offers(struct screen *sc, int cmd)
{
	struct org_card *st = sc->state;
	if (cmd == C_MUN)
		return st->loaded && mun_may(st, NULL);
	return org_may(st->ss, cmd, st->id, NULL);
}

static bool card_key(struct screen *sc, int cmd, struct ui_key k)
{
	struct org_card *st = sc->state;
	const char *why;

	(void)k;
	sc->dirty = true;
	if (!st->loaded)
		return true;
	if (cmd == C_TEACHERS)
		ui_push(screen_persons(st->ss, st->id));
	else if (cmd == C_EDIT && !org_may(st->ss, C_EDIT, st->id, &why))
		ui_set_error("%s", why);
	else if (cmd == C_EDIT)
		ui_push(screen_record_form(st->ss, &model_organisation, st->id, 0, NULL, NULL));
	else if (cmd == C_MUN && !mun_may(st, &why))
		ui_set_error("%s", why);
	else if (cmd == C_MUN) {
		/* Only the date: the municipality's name comes from the import. */
		static const char *const only[] = { "msoko_ippr_date", NULL };
		const struct rf_open o = { .t = &model_municipality, .id = st->mun, .editable = only,
					   .focus = "msoko_ippr_date" };
		ui_push(screen_record_form_open(st->ss, &o));
	}
	return true;
}

static void card_free(struct screen *sc)
{
	struct org_card *st = sc->state;
	record_free(&st->rec);
	record_free(&st->mrec);
	free(st);
}

static const struct screen_ops card_ops = { "org_card", card_keys, card_draw, card_key, card_load,
					    card_free, NULL, NULL };

struct screen *screen_org_card(struct session *ss, int64_t id)
{
	struct org_card *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->id = id;
	sc = screen_new(&card_ops, st, "Организация");
	sc->offers = card_offers;
	card_load(sc);
	return sc;
}
