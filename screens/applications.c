/* Applications for diagnostics (заявки): the list with what is due or
 * overdue in working days, and the card with the teachers' consents per
 * subject and block. */
#include "screens/screens.h"
#include "text.h"
#include "applic.h"
#include "config.h"
#include "store/diag.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct screen *app_form(struct session *ss, const struct table_desc *t, int64_t id,
			       int64_t parent);

enum { C_OPEN = 1, C_NEW, C_EDIT, C_CONSENT, C_DROP, C_STATE, C_CLEAR, C_BLOCKS, C_DIAG };

/* The deadline column: the dates the store gives, stated by the rule. */
static void state_deadlines(struct session *ss, struct page *p)
{
	char today[11];

	today_iso(today);
	for (int i = 0; i < p->n; i++) {
		char *raw = p->rows[i].cols[3], remark[160];
		char *f[5] = { NULL, NULL, NULL, NULL, NULL };
		int k = 0;
		struct applic_dates d;

		/* "received|contacted|diagnostic|results|ordered"; empty fields kept. */
		for (char *q = raw; k < 5; k++) {
			char *bar = strchr(q, '|');
			f[k] = q;
			if (bar == NULL)
				break;
			*bar = '\0';
			q = bar + 1;
		}
		d.received = f[0];
		d.contacted = f[1];
		d.diagnostic = f[2];
		d.results = f[3];
		d.ordered = f[4] && strcmp(f[4], "1") == 0;
		applic_deadline(ss->cal, ss->cfg, &d, today, remark, sizeof remark);
		p->rows[i].cols[3] = xstrdup(remark);
		free(raw);
	}
}

/* --- the list --- */

static const struct keydef list_keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(5), C_STATE, "Сост.", "фильтр по состоянию заявки" },
	{ KEY_F(7), C_NEW, "Новая", "зарегистрировать заявку" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть заявку" },
	{ UI_KEY_ESC, C_CLEAR, NULL, "Esc — сбросить фильтр, повторно — назад" },
	{ 0, 0, NULL, NULL }
};

struct apps {
	struct session *ss;
	struct store_scope sc;
	struct application_filter f;
	char state[16];
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct apps *st = ctx;
	int rc = store_application_page(st->ss->store, &st->sc, &st->f, r, out);
	if (rc == ST_OK)
		state_deadlines(st->ss, out);
	/* One column says what is next: the deadline while one runs (it
	 * implies the state), else the state; so that both fit whole. */
	for (int i = 0; rc == ST_OK && i < out->n; i++)
		if (out->rows[i].cols[3] && out->rows[i].cols[3][0]) {
			free(out->rows[i].cols[2]);
			out->rows[i].cols[2] = out->rows[i].cols[3];
			out->rows[i].cols[3] = NULL;
		}
	return rc;
}

static int count(void *ctx, int *n)
{
	struct apps *st = ctx;
	return store_application_count(st->ss->store, &st->sc, &st->f, n);
}

static void list_draw(struct screen *sc, WINDOW *w)
{
	struct apps *st = sc->state;
	char line[200];

	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);
	snprintf(line, sizeof line, "Состояние: %s      Заявок: %d",
		 st->state[0] ? model_enum_label(model_application_states, st->state) : "все", st->list.total);
	ui_put(w, 0, 1, line, getmaxx(w) - 2, A_DIM);
}

static void list_reload(struct screen *sc)
{
	struct apps *st = sc->state;
	ui_list_reload(&st->list);
}

/* One rule for the key bar (why NULL) and the refusal. */
static bool list_may(struct apps *st, int cmd, const char **why)
{
	return cmd != C_NEW || access_may(st->ss, P_APPLICATION, 0, why);
}

static bool list_offers(struct screen *sc, int cmd)
{
	return list_may(sc->state, cmd, NULL);
}

static bool list_key(struct screen *sc, int cmd, struct ui_key k)
{
	struct apps *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		if (r)
			ui_push(screen_application(st->ss, r->id));
		return true;
	case C_NEW:
		if (!list_may(st, C_NEW, &why))
			ui_set_error("%s", why);
		else
			ui_push(app_form(st->ss, &model_application, 0, 0));
		return true;
	case C_STATE: {
		if (screen_pick_filter("Состояние заявки", "все", model_application_states, st->state,
				       sizeof st->state)) {
			st->f.state = st->state[0] ? st->state : NULL;
			ui_list_reset(&st->list);
		}
		return true;
	}
	case C_CLEAR:
		if (!st->state[0])
			return false;
		st->state[0] = '\0';
		st->f.state = NULL;
		ui_list_reset(&st->list);
		return true;
	default:
		break;
	}
	ui_list_key(&st->list, k);
	return true;
}

static void list_free(struct screen *sc)
{
	struct apps *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops list_ops = { "applications", list_keys, list_draw, list_key,
					    list_reload, list_free, NULL, NULL };

struct screen *screen_applications(struct session *ss)
{
	struct apps *st = xcalloc(1, sizeof *st);

	st->ss = ss;
	st->sc = access_scope(ss, P_APPLICATION);
	{
		static const struct ui_column cols[] = {
			/* At 80: the longest deadline («уведомить до
			 * 05.11.2026: просрочено 123 р. дн.») whole. */
			{ "Получена", 11 },
			{ "Заявитель", 19 },
			{ "Состояние или срок", 48 },
			{ "", 0 },
		};
		ui_list_setup(&st->list, fetch, count, st, cols, 4,
		              "Заявок нет (F7 — зарегистрировать)");
	}
	struct screen *made = screen_new(&list_ops, st, "Заявки на диагностику профессиональных дефицитов");

	made->offers = list_offers;
	return made;
}

/* --- the card --- */

static const struct keydef card_keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(4), C_EDIT, "Правка", "изменить заявку (даты, состояние)" },
	{ KEY_F(5), C_BLOCKS, "Блоки", "блоки компетенций, заявленные для диагностики" },
	{ KEY_F(6), C_DIAG, "Диагн.", "внести диагностику педагога по выбранному согласию" },
	{ KEY_F(7), C_CONSENT, "Соглас.", "добавить согласие педагога (предмет, блок)" },
	{ KEY_F(8), C_DROP, "Убрать", "убрать выбранное согласие" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться к списку" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть согласие" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct app_card {
	struct session *ss;
	int64_t id, org;
	struct record rec;
	bool loaded;
	char deadline[160];
	struct application_chain chain;
	struct ui_list consents;
};

static int consent_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct app_card *st = ctx;
	return store_consent_page(st->ss->store, st->id, r, out);
}

static bool may_manage(struct app_card *st, const char **why)
{
	return screen_application_may_edit(st->ss, st->org, why);
}

static void card_load(struct screen *sc)
{
	struct app_card *st = sc->state;
	const struct table_desc *t = &model_application;
	struct applic_dates d;
	char today[11];
	int oi = model_field_index(t, "org_id");

	record_free(&st->rec);
	st->loaded = store_get(st->ss->store, t, NULL, st->id, &st->rec) == ST_OK;
	if (!st->loaded)
		return;
	st->org = st->rec.v[oi] ? strtoll(st->rec.v[oi], NULL, 10) : 0;
	if (!may_manage(st, NULL)) {
		st->loaded = false;
		ui_set_error("Нет доступа к этой заявке");
		return;
	}
	d.received = st->rec.v[model_field_index(t, "received_date")];
	d.contacted = st->rec.v[model_field_index(t, "contacted_date")];
	d.diagnostic = st->rec.v[model_field_index(t, "diagnostic_date")];
	d.results = st->rec.v[model_field_index(t, "results_date")];
	d.ordered = st->rec.v[model_field_index(t, "ordered_by_authority")] &&
		    strcmp(st->rec.v[model_field_index(t, "ordered_by_authority")], "1") == 0;
	today_iso(today);
	applic_deadline(st->ss->cal, st->ss->cfg, &d, today, st->deadline, sizeof st->deadline);
	store_application_chain(st->ss->store, st->id, &st->chain);
	ui_list_reload(&st->consents);
}

static void card_draw(struct screen *sc, WINDOW *w)
{
	struct app_card *st = sc->state;
	const struct table_desc *t = &model_application;
	int cols = getmaxx(w), h = getmaxy(w), y = 0;

	if (!st->loaded) {
		ui_put(w, 1, 2, "Заявка недоступна", cols - 4, A_BOLD);
		return;
	}
	/* Two columns of fields, where a value fits in half a line; a longer
	 * value (the applicant, the organisation) takes a whole line. Then the
	 * deadline, then the consents. */
	int half = cols / 2 - 23, left_taken = 0;
	for (int i = 0; i < t->nfields && i < 14; i++) {
		const struct field_desc *fd = &t->fields[i];
		char *v = fd->type == F_REF ? store_ref_name(st->ss->store, fd->ref_table,
							     st->rec.v[i] ? strtoll(st->rec.v[i], NULL, 10) : 0)
					     : model_display(fd, st->rec.v[i]);
		if (text_width(v) > half) {
			y += left_taken;
			left_taken = 0;
			ui_put(w, y, 1, fd->label, 20, A_BOLD);
			ui_put(w, y++, 22, v, cols - 23, A_NORMAL);
		} else {
			int x = left_taken ? cols / 2 : 0;
			ui_put(w, y, x + 1, fd->label, 20, A_BOLD);
			ui_put(w, y, x + 22, v, half, A_NORMAL);
			if (left_taken)
				y++;
			left_taken = !left_taken;
		}
		free(v);
	}
	y += left_taken;
	{
		/* What it asks to diagnose, and where it led: the chain from
		 * the application to the card. */
		char line[400], *clean = text_sanitize(st->chain.blocks[0] ? st->chain.blocks : "не указаны (F5)");
		ui_put(w, y, 1, "Блоки", 20, A_BOLD);
		ui_put(w, y++, 22, clean, cols - 23, A_NORMAL);
		free(clean);
		snprintf(line, sizeof line, "диагностик по заявке: %d, карт ИОМ по ним: %d",
			 st->chain.diagnostics, st->chain.cards);
		ui_put(w, y, 1, "Итог", 20, A_BOLD);
		ui_put(w, y++, 22, line, cols - 23, A_NORMAL);
	}
	y++;
	ui_put(w, y++, 1, st->deadline, cols - 2, A_BOLD);
	ui_put(w, y++, 1, "Согласия педагогов (по предметам и блокам):", cols - 2, A_NORMAL);
	ui_list_draw(&st->consents, w, y, h - y);
}

static bool card_may(struct app_card *st, int cmd, const char **why)
{
	if (cmd == C_DIAG) {
		/* The consent's teacher, by whoever records his diagnostics. */
		const struct list_row *r = ui_list_current(&st->consents);
		struct record c;
		bool ok;
		if (r == NULL || store_get(st->ss->store, &model_consent, NULL, r->id, &c) != ST_OK) {
			if (why)
				*why = "выберите согласие педагога";
			return false;
		}
		ok = access_may_record_diag(st->ss, strtoll(c.v[model_field_index(&model_consent, "person_id")],
							    NULL, 10), NULL, why);
		record_free(&c);
		return ok;
	}
	return !(cmd == C_EDIT || cmd == C_CONSENT || cmd == C_DROP || cmd == C_OPEN || cmd == C_BLOCKS) ||
	       may_manage(st, why);
}

/* F5: tick the blocks to diagnose, one pick at a time; «Готово» saves. */
static void pick_blocks(struct app_card *st)
{
	struct diagnostic all;
	int64_t ids[DIAG_MAX_BLOCKS * 2], chosen[DIAG_MAX_BLOCKS * 2];
	char *labels[DIAG_MAX_BLOCKS * 2 + 1];
	bool on[DIAG_MAX_BLOCKS * 2] = { false };
	int n = 0, nchosen, cur = 0, rc;

	for (int manager = 0; manager < 2; manager++) {
		diag_init(&all);
		if (store_diag_blocks(st->ss->store, manager, &all) == ST_OK)
			for (int b = 0; b < all.nblocks && n < DIAG_MAX_BLOCKS * 2; b++) {
				ids[n] = all.blocks[b].block_id;
				labels[n++] = xstrdup(all.blocks[b].block_name);
			}
		diag_free(&all);
	}
	nchosen = store_application_blocks(st->ss->store, st->id, chosen, DIAG_MAX_BLOCKS * 2);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < nchosen; k++)
			if (ids[i] == chosen[k])
				on[i] = true;
	for (;;) {
		char *shown[DIAG_MAX_BLOCKS * 2 + 1];
		int choice;
		for (int i = 0; i < n; i++)
			shown[i] = xasprintf("[%s] %s", on[i] ? "x" : " ", labels[i]);
		shown[n] = xstrdup("Готово — сохранить");
		choice = ui_pick("Блоки для диагностики (Enter — отметить)", (const char *const *)shown, n + 1, cur);
		for (int i = 0; i <= n; i++)
			free(shown[i]);
		if (choice < 0)
			break;
		if (choice == n) {
			nchosen = 0;
			for (int i = 0; i < n; i++)
				if (on[i])
					chosen[nchosen++] = ids[i];
			rc = store_application_set_blocks(st->ss->store, &st->ss->actor, st->id, chosen, nchosen);
			if (rc != ST_OK)
				screen_store_error(st->ss, rc);
			else
				ui_set_status("Блоки заявки сохранены");
			break;
		}
		on[choice] = !on[choice];
		cur = choice;
	}
	for (int i = 0; i < n; i++)
		free(labels[i]);
}

/* F6: the diagnostic of the consent's teacher, answering this application. */
static void record_diag(struct app_card *st, const struct list_row *r)
{
	struct record c;

	if (r == NULL || store_get(st->ss->store, &model_consent, NULL, r->id, &c) != ST_OK)
		return;
	ui_push(screen_diag_form_answer(st->ss, strtoll(c.v[model_field_index(&model_consent, "person_id")], NULL, 10),
					st->id, c.v[model_field_index(&model_consent, "subject")]));
	record_free(&c);
}

static bool card_offers(struct screen *sc, int cmd)
{
	return card_may(sc->state, cmd, NULL);
}

static bool card_key(struct screen *sc, int cmd, struct ui_key k)
{
	struct app_card *st = sc->state;
	const struct list_row *r = ui_list_current(&st->consents);
	const char *why;

	sc->dirty = true;
	if (!st->loaded)
		return true;
	if (!card_may(st, cmd, &why)) {
		ui_set_error("%s", why);
		return true;
	}
	switch (cmd) {
	case C_EDIT:
		ui_push(app_form(st->ss, &model_application, st->id, 0));
		return true;
	case C_BLOCKS:
		pick_blocks(st);
		card_load(sc);
		return true;
	case C_DIAG:
		record_diag(st, r);
		return true;
	case C_CONSENT:
		ui_push(app_form(st->ss, &model_consent, 0, st->id));
		return true;
	case C_OPEN:
		if (r)
			ui_push(app_form(st->ss, &model_consent, r->id, st->id));
		return true;
	case C_DROP:
		if (r) {
			struct record c;
			if (store_get(st->ss->store, &model_consent, NULL, r->id, &c) == ST_OK) {
				if (ui_confirm("Убрать это согласие из заявки?")) {
					int rc = store_set_archived(st->ss->store, &st->ss->actor, &model_consent,
								    c.id, c.version, true);
					if (rc != ST_OK)
						screen_store_error(st->ss, rc);
				}
				record_free(&c);
				ui_list_reload(&st->consents);
			}
		}
		return true;
	default:
		break;
	}
	ui_list_key(&st->consents, k);
	return true;
}

static void card_free(struct screen *sc)
{
	struct app_card *st = sc->state;
	record_free(&st->rec);
	ui_list_free(&st->consents);
	free(st);
}

static const struct screen_ops card_ops = { "application", card_keys, card_draw, card_key,
					    card_load, card_free, NULL, NULL };

struct screen *screen_application(struct session *ss, int64_t id)
{
	struct app_card *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->id = id;
	{
		static const struct ui_column cols[] = {
			{ "Педагог", 8 },
			{ "Предмет", 5 },
			{ "Блок", 4 },
			{ "Согласие", 4 },
		};
		ui_list_setup(&st->consents, consent_fetch, NULL, st, cols, 4,
		              "Согласий нет (F7 — добавить)");
	}
	sc = screen_new(&card_ops, st, "Заявка на диагностику");
	sc->offers = card_offers;
	card_load(sc);
	return sc;
}

/* An individual application without an organisation is the operator's. */
bool screen_application_may_edit(struct session *ss, int64_t org_id, const char **why)
{
	if (org_id)
		return access_may(ss, P_APPLICATION, org_id, why);
	if (access_has_role(&ss->user, "regional") || access_has_role(&ss->user, "developer"))
		return true;
	if (why)
		*why = "индивидуальные заявки ведёт региональный оператор диагностики";
	return false;
}

/* --- the record form over an application and its consents ---------------- */

#define APP_DRAFT "application_form"

/* The organisation of application app_id (0: an individual one). */
static int64_t application_org(struct session *ss, int64_t app_id)
{
	int oi = model_field_index(&model_application, "org_id");
	int64_t org = 0;
	struct record app;

	if (store_get(ss->store, &model_application, NULL, app_id, &app) == ST_OK) {
		org = app.v[oi] ? strtoll(app.v[oi], NULL, 10) : 0;
		record_free(&app);
	}
	return org;
}

/* Who may keep an application or a consent: the one who may keep the
 * application's organisation (a consent's is its application's). */
static bool app_form_rights(struct session *ss, const struct table_desc *t, const struct record *r,
			    int64_t parent, bool limited, const char **why)
{
	int oi = model_field_index(&model_application, "org_id");
	int64_t org;

	(void)limited;
	if (strcmp(t->table, model_application.table) == 0)
		org = r->v[oi] ? strtoll(r->v[oi], NULL, 10) : 0;
	else
		org = application_org(ss, parent);
	return screen_application_may_edit(ss, org, why);
}

static struct screen *app_form(struct session *ss, const struct table_desc *t, int64_t id,
			       int64_t parent)
{
	const struct rf_open o = { .t = t, .id = id, .parent = parent, .rights = app_form_rights,
				   .person_org = application_org, .draft = APP_DRAFT };

	return screen_record_form_open(ss, &o);
}

struct screen *screen_application_form_restore(struct session *ss, const struct draft *d,
					       const char **why)
{
	const struct rf_open o = { .rights = app_form_rights, .person_org = application_org,
				   .draft = APP_DRAFT };

	return screen_record_form_restore_open(ss, d, &o, why);
}
