/* Internship sites (стажировочные площадки): the list in the user's reach;
 * an organisation applies (F7) and keeps its passport (Enter) — a new
 * application only from 1 September to 1 November; the institute moves a
 * site along its lifecycle (F6: review, grant for at most three years,
 * reject, terminate early with a reason, expire) and a site's events go to
 * the catalogue (F3), where ИОМ activities booked at it take its places. */
#include "screens/screens.h"
#include "date.h"
#include "site.h"
#include "store/sites.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_NEW = 1, C_OPEN, C_MOVE, C_EVENT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_EVENT, "Событие", "мероприятие площадки — в каталог мероприятий" },
	{ KEY_F(6), C_MOVE, "Решение", "рассмотреть, присвоить статус, отклонить, прекратить (институт)" },
	{ KEY_F(7), C_NEW, "Заявка", "новая заявка на статус площадки (с 1 сентября по 1 ноября)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть паспорт площадки" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct sites {
	struct session *ss;
	struct store_scope sc;
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct sites *st = ctx;
	return store_site_page(st->ss->store, &st->sc, r, out);
}

static int count(void *ctx, int *n)
{
	struct sites *st = ctx;
	return store_site_count(st->ss->store, &st->sc, n);
}

static void load(struct screen *sc)
{
	struct sites *st = sc->state;
	ui_list_reload(&st->list);
}

static bool may(struct sites *st, int cmd, int64_t id, const char **why);

static void draw(struct screen *sc, WINDOW *w)
{
	struct sites *st = sc->state;

	/* An empty list names F7 only to those who may apply. */
	st->list.empty_text = may(st, C_NEW, 0, NULL) ? "Площадок нет: заявка — F7 (с 1 сентября по 1 ноября)"
						      : "Площадок нет";

	ui_put(w, 0, 1, "Площадки: состояние, срок статуса, занято мест из предельного числа",
	       getmaxx(w) - 2, A_DIM);
	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);
}

/* A date asked with a default; NULL when cancelled, else ISO in out. */
static bool ask_date(const char *title, const char *def_iso, char out[11])
{
	char shown[11];
	char *text;
	const char *bad;

	date_format_ru(def_iso, shown);
	for (;;) {
		if ((text = ui_prompt(title, shown)) == NULL)
			return false;
		bad = date_parse_ru(text, out);
		free(text);
		if (bad == NULL)
			return true;
		ui_set_error("%s", bad);
		ui_draw_status();
	}
}

/* One rule for the key bar (why NULL) and the refusal, for the site
 * highlighted (id; 0: none). */
static bool may(struct sites *st, int cmd, int64_t id, const char **why)
{
	static char none_left[200];
	char state[16], until[11];
	const char *to[4];
	int64_t org = 0;

	switch (cmd) {
	case C_NEW:
		return access_may(st->ss, P_SITES, 0, why);
	case C_MOVE:
		if (!access_may(st->ss, P_SITE_DECIDE, 0, why))
			return false;
		if (id == 0 || store_site_brief(st->ss->store, id, &org, state, until) != ST_OK)
			return true;
		snprintf(none_left, sizeof none_left,
			 "Площадка в состоянии «%s»: решений больше нет (новая заявка — F7)",
			 model_enum_label(model_site_states, state));
		if (why)
			*why = none_left;
		return site_moves(state, to) > 0;
	case C_EVENT:
		if (id && store_site_brief(st->ss->store, id, &org, state, until) != ST_OK)
			org = 0;
		return access_may(st->ss, P_SITES, org, why);
	default:
		return true;
	}
}

static bool offers(struct screen *sc, int cmd)
{
	struct sites *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);

	/* An event and a decision are for the site highlighted. */
	if ((cmd == C_EVENT || cmd == C_MOVE) && r == NULL)
		return false;
	return may(st, cmd, r ? r->id : 0, NULL);
}

/* F3 or F6 with no site to act on: why nothing happens. */
static void no_site(struct sites *st, int cmd)
{
	bool apply = may(st, C_NEW, 0, NULL);

	if (cmd == C_EVENT)
		ui_set_error("Площадок нет: мероприятие добавляют к площадке из списка%s",
			     apply ? " (заявка на статус — F7)" : "");
	else
		ui_set_error("Площадок нет: решать не о чем");
}

static void decide(struct sites *st, int64_t id)
{
	const char *to[4], *labels[4], *why;
	char state[16], today[11], from[11] = "", until[11] = "", def[11];
	struct site_move m;
	int64_t org;
	int n, c, rc;

	if (!may(st, C_MOVE, id, &why)) {
		ui_set_error("%s", why);
		return;
	}
	if (store_site_brief(st->ss->store, id, &org, state, until) != ST_OK)
		return;
	n = site_moves(state, to);
	for (int i = 0; i < n; i++)
		labels[i] = model_enum_label(model_site_states, to[i]);
	if ((c = ui_pick("Новое состояние площадки", labels, n, 0)) < 0)
		return;
	memset(&m, 0, sizeof m);
	m.to = to[c];
	today_iso(today);
	if (!ask_date(strcmp(m.to, "terminated") == 0 ? "Дата прекращения" : "Дата решения", today, today))
		return;
	m.date = today;
	if (strcmp(m.to, "granted") == 0) {
		if (!ask_date("Статус присвоен с", today, from))
			return;
		site_default_end(from, def);
		if (!ask_date("Статус присвоен по (не более трёх лет)", def, until))
			return;
		m.granted_from = from;
		m.granted_to = until;
	} else if (strcmp(m.to, "terminated") == 0) {
		const char *rl[8];
		int nr = 0, r;
		for (; model_site_termination_reasons[nr].code && nr < 8; nr++)
			rl[nr] = model_site_termination_reasons[nr].label;
		if ((r = ui_pick("Основание досрочного прекращения", rl, nr, -1)) < 0)
			return;
		m.reason = model_site_termination_reasons[r].code;
	}
	rc = store_site_move(st->ss->store, &st->ss->actor, id, &m);
	if (rc == ST_OK)
		ui_set_status("Площадка: %s", model_enum_label(model_site_states, m.to));
	else
		screen_store_error(st->ss, rc);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct sites *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;

	sc->dirty = true;
	switch (cmd) {
	case C_NEW:
		if (!may(st, C_NEW, 0, &why))
			ui_set_error("%s", why);
		else
			ui_push(screen_record_form(st->ss, &model_internship_site, 0, 0, NULL, NULL));
		return true;
	case C_OPEN:
		if (r)
			ui_push(screen_record_form(st->ss, &model_internship_site, r->id, 0, NULL, NULL));
		return true;
	case C_MOVE:
		if (r == NULL && may(st, C_MOVE, 0, &why)) {
			no_site(st, C_MOVE);
		} else if (r == NULL) {
			ui_set_error("%s", why);
		} else {
			decide(st, r->id);
			ui_list_reload(&st->list);
		}
		return true;
	case C_EVENT:
		if (!may(st, C_EVENT, r ? r->id : 0, &why))
			ui_set_error("%s", why);
		else if (r == NULL)
			no_site(st, C_EVENT);
		else
			ui_push(screen_record_form(st->ss, &model_site_event, 0, r->id, NULL, NULL));
		return true;
	default:
		break;
	}
	ui_list_key(&st->list, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct sites *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "sites", keys, draw, key, load, free_state, NULL, NULL };

struct screen *screen_sites(struct session *ss)
{
	struct sites *st = xcalloc(1, sizeof *st);
	static const struct ui_column cols[] = {
		{ "Организация", 5 },
		{ "Направление", 5 },
		{ "Состояние", 7 },
		{ "Места", 2 },
	};

	st->ss = ss;
	st->sc = access_scope(ss, P_SITES);
	ui_list_setup(&st->list, fetch, count, st, cols, 4,
		      "Площадок нет: заявка — F7 (с 1 сентября по 1 ноября)");
	struct screen *made = screen_new(&ops, st, "Стажировочные площадки");

	made->offers = offers;
	/* Loaded now: the key bar, drawn before the list, knows whether a
	 * site is highlighted. */
	ui_list_reset(&st->list);
	return made;
}
