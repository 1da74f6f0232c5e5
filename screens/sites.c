/* Internship sites (стажировочные площадки): the list in the user's reach;
 * an organisation applies (F7) and keeps its passport (Enter) — a new
 * application only from 1 September to 1 November; the institute moves a
 * site along its lifecycle (F6: review, grant for at most three years,
 * reject, terminate early with a reason, expire) and a site's events go to
 * the catalogue (F3), where ИОМ activities booked on them take their
 * places; F4 lists a site's events with «занято N из M» each. Ending a
 * site (early or at its term) first lists the ИОМ bookings left without a
 * place — teacher, event, date — and is saved only when confirmed. */
#include "screens/screens.h"
#include "date.h"
#include "site.h"
#include "store/sites.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_NEW = 1, C_OPEN, C_MOVE, C_EVENT, C_EVENTS, C_END };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_EVENT, "Событие", "мероприятие площадки — в каталог мероприятий" },
	{ KEY_F(4), C_EVENTS, "Места", "мероприятия площадки и занятые на них места" },
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

	ui_put(w, 0, 1, "Площадки: состояние, срок статуса, максимум мест; места мероприятий — F4",
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
	case C_EVENTS:
		return true;
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
	if ((cmd == C_EVENT || cmd == C_MOVE || cmd == C_EVENTS) && r == NULL)
		return false;
	return may(st, cmd, r ? r->id : 0, NULL);
}

/* F3 or F6 with no site to act on: why nothing happens. */
static void no_site(struct sites *st, int cmd)
{
	bool apply = may(st, C_NEW, 0, NULL);

	if (cmd == C_EVENT || cmd == C_EVENTS)
		ui_set_error("Площадок нет: мероприятие добавляют к площадке из списка%s",
			     apply ? " (заявка на статус — F7)" : "");
	else
		ui_set_error("Площадок нет: решать не о чем");
}

static struct screen *screen_site_events(struct session *ss, int64_t site);
static struct screen *screen_site_ending(struct session *ss, int64_t site, const struct site_move *m, int n);

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
	if (strcmp(m.to, "terminated") == 0 || strcmp(m.to, "expired") == 0) {
		int left = 0;
		/* Refused at once when the date is wrong; the bookings then. */
		if (strcmp(m.to, "terminated") == 0) {
			struct site_info si;
			const char *bad = NULL;
			if (store_site_info(st->ss->store, id, &si) == ST_OK)
				bad = site_check_end(si.from, si.to, m.date);
			if (bad) {
				ui_set_error("Статус не прекращён: %s", bad);
				return;
			}
		}
		if (store_site_ending_count(st->ss->store, id, m.date, &left) == ST_OK && left > 0) {
			ui_push(screen_site_ending(st->ss, id, &m, left));
			return;
		}
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
	case C_NEW: {
		char today[11];
		const char *closed;
		today_iso(today);
		if (!may(st, C_NEW, 0, &why))
			ui_set_error("%s", why);
		else if ((closed = site_check_application(today, today)) != NULL)
			ui_set_error("Заявка: %s", closed);
		else
			ui_push(screen_record_form(st->ss, &model_internship_site, 0, 0, NULL, NULL));
		return true;
	}
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
	case C_EVENTS:
		if (r == NULL)
			no_site(st, C_EVENTS);
		else
			ui_push(screen_site_events(st->ss, r->id));
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
		{ "Организация", 4 },
		{ "Направление", 3 },
		{ "Состояние", 9 },
		{ "Мест", 1 },
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

/* --- a site's events and their places (F4) -------------------------------- */

static const struct keydef event_keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_EVENT, "Событие", "новое мероприятие площадки" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться к площадкам" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть мероприятие: даты, стажировочные места" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct site_events {
	struct session *ss;
	int64_t site;
	struct site_info si;
	struct ui_list list;
};

static int events_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct site_events *st = ctx;
	return store_site_event_page(st->ss->store, st->site, r, out);
}

static int events_count(void *ctx, int *n)
{
	struct site_events *st = ctx;
	return store_site_event_count(st->ss->store, st->site, n);
}

static void events_load(struct screen *sc)
{
	struct site_events *st = sc->state;
	store_site_info(st->ss->store, st->site, &st->si);
	ui_list_reload(&st->list);
}

static void events_draw(struct screen *sc, WINDOW *w)
{
	struct site_events *st = sc->state;
	char line[200];

	if (st->si.max_places >= 0)
		snprintf(line, sizeof line, "Максимальное количество стажировочных мест: %d", st->si.max_places);
	else
		snprintf(line, sizeof line, "Максимальное количество стажировочных мест не указано");
	ui_put(w, 0, 1, line, getmaxx(w) - 2, A_DIM);
	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);
}

static bool events_may(struct site_events *st, const char **why)
{
	return access_may(st->ss, P_SITES, st->si.org_id, why);
}

static bool events_offers(struct screen *sc, int cmd)
{
	struct site_events *st = sc->state;

	if (cmd == C_OPEN && ui_list_current(&st->list) == NULL)
		return false;
	return cmd != C_EVENT && cmd != C_OPEN ? true : events_may(st, NULL);
}

static bool events_key(struct screen *sc, int cmd, struct ui_key k)
{
	struct site_events *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;

	sc->dirty = true;
	switch (cmd) {
	case C_EVENT:
	case C_OPEN:
		if (cmd == C_OPEN && r == NULL)
			return true;
		if (!events_may(st, &why))
			ui_set_error("%s", why);
		else
			ui_push(screen_record_form(st->ss, &model_site_event, cmd == C_OPEN ? r->id : 0, st->site,
						   NULL, NULL));
		return true;
	default:
		break;
	}
	ui_list_key(&st->list, k);
	return true;
}

static void events_free(struct screen *sc)
{
	struct site_events *st = sc->state;
	ui_list_free(&st->list);
	free(st);
}

static const struct screen_ops events_ops = { "site_events", event_keys, events_draw, events_key, events_load,
					      events_free, NULL, NULL };

static struct screen *screen_site_events(struct session *ss, int64_t site)
{
	struct site_events *st = xcalloc(1, sizeof *st);
	static const struct ui_column cols[] = {
		{ "Мероприятие", 6 },
		{ "Даты", 4 },
		{ "Места", 4 },
	};
	struct screen *made;
	char title[400];

	st->ss = ss;
	st->site = site;
	store_site_info(ss->store, site, &st->si);
	ui_list_setup(&st->list, events_fetch, events_count, st, cols, 3,
		      "У площадки нет мероприятий: новое — F3");
	snprintf(title, sizeof title, "Мероприятия площадки: %s", st->si.name);
	made = screen_new(&events_ops, st, title);
	made->offers = events_offers;
	ui_list_reset(&st->list);
	return made;
}

/* --- the bookings an end leaves without a place --------------------------- */

static const struct keydef ending_keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_END, "Прекр.", "сохранить прекращение статуса: в карты ИОМ — заметка о замене" },
	{ KEY_F(10), CMD_QUIT, "Отмена", "не прекращать: площадка остаётся как была" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — отмена" },
	{ 0, 0, NULL, NULL }
};

struct site_ending {
	struct session *ss;
	struct store_scope sc;
	int64_t site;
	char to[16], date[11], reason[32];
	int seen;
	bool saved;
	struct ui_list list;
};

/* Leaving without F2: said so, nothing changed. */
static bool ending_leave(struct screen *sc)
{
	struct site_ending *st = sc->state;

	if (!st->saved)
		ui_set_status("Статус не прекращён: площадка и записи ИОМ без изменений");
	return true;
}

static int ending_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct site_ending *st = ctx;
	return store_site_ending_page(st->ss->store, &st->sc, st->site, st->date, r, out);
}

static int ending_count(void *ctx, int *n)
{
	struct site_ending *st = ctx;
	return store_site_ending_count(st->ss->store, st->site, st->date, n);
}

static void ending_load(struct screen *sc)
{
	struct site_ending *st = sc->state;
	ui_list_reload(&st->list);
}

static void ending_draw(struct screen *sc, WINDOW *w)
{
	struct site_ending *st = sc->state;
	char day[11], line[300];

	date_format_ru(st->date, day);
	snprintf(line, sizeof line, "Статус кончается %s: записей ИОМ после этого дня — %d.", day, st->list.total);
	ui_put(w, 0, 1, line, getmaxx(w) - 2, A_BOLD);
	ui_put(w, 1, 1, "Они останутся в картах с заметкой о замене. F2 — прекратить, Esc — отмена",
	       getmaxx(w) - 2, A_DIM);
	ui_list_draw(&st->list, w, 2, getmaxy(w) - 2);
}

static bool ending_key(struct screen *sc, int cmd, struct ui_key k)
{
	struct site_ending *st = sc->state;
	struct site_move m;
	int rc;

	sc->dirty = true;
	switch (cmd) {
	case C_END:
		memset(&m, 0, sizeof m);
		m.to = st->to;
		m.date = st->date;
		m.reason = st->reason[0] ? st->reason : NULL;
		/* What the user has seen: the list as counted now. */
		m.affected_seen = st->list.total;
		rc = store_site_move(st->ss->store, &st->ss->actor, st->site, &m);
		if (rc == ST_OK) {
			st->saved = true;
			ui_set_status("Площадка: %s; заметок в картах ИОМ: %d",
				      model_enum_label(model_site_states, m.to), st->list.total);
			return false;
		}
		screen_store_error(st->ss, rc);
		ui_list_reload(&st->list);
		return true;
	default:
		break;
	}
	ui_list_key(&st->list, k);
	return true;
}

static void ending_free(struct screen *sc)
{
	struct site_ending *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ending_ops = { "site_ending", ending_keys, ending_draw, ending_key, ending_load,
					      ending_free, ending_leave, NULL };

static struct screen *screen_site_ending(struct session *ss, int64_t site, const struct site_move *m, int n)
{
	struct site_ending *st = xcalloc(1, sizeof *st);
	static const struct ui_column cols[] = {
		{ "Педагог", 5 },
		{ "Мероприятие", 8 },
		{ "Дата", 3 },
		{ "Карта ИОМ", 4 },
	};

	st->ss = ss;
	st->sc = access_scope(ss, P_PERSON_VIEW);
	st->site = site;
	st->seen = n;
	strlcpy0(st->to, m->to, sizeof st->to);
	strlcpy0(st->date, m->date, sizeof st->date);
	if (m->reason)
		strlcpy0(st->reason, m->reason, sizeof st->reason);
	ui_list_setup(&st->list, ending_fetch, ending_count, st, cols, 4, "Записей после этого дня нет");
	struct screen *made = screen_new(&ending_ops, st, "Прекращение статуса площадки: записи ИОМ");
	ui_list_reset(&st->list);
	return made;
}
