/* The mentoring registry (наставничество): the pairs of mentors and mentees
 * in the user's reach with their satisfaction answers of the year, and the
 * young specialists (стаж 0–3 года) who have no pair yet, offered as
 * mentees (Tab switches). A pair's survey answers (F6) and the mentor's
 * training (F3) are kept here too; the figures feed the monitoring. */
#include "screens/screens.h"
#include "route.h"
#include "text.h"
#include "store/mentoring.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { C_OPEN = 1, C_NEW, C_SURVEY, C_TRAINING, C_VIEW, C_YEAR, C_IOM };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_TRAINING, "Подгот.", "подготовка наставника за год" },
	{ KEY_F(4), C_IOM, "ИОМ-3", "отнести действующий ИОМ наставляемого к этой паре (третья модель)" },
	{ KEY_F(5), C_YEAR, "Год", "год анкет и молодых специалистов" },
	{ KEY_F(6), C_SURVEY, "Анкета", "ответ наставника или наставляемого: удовлетворён ли (за год)" },
	{ KEY_F(7), C_NEW, "Пара", "новая пара наставничества (для молодого специалиста — с ним)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ '\t', C_VIEW, NULL, "пары / молодые специалисты без наставника" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть пару (или создать пару для молодого специалиста)" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct ment {
	struct session *ss;
	struct store_scope sc;
	int year;
	bool young;              /* the young specialists view */
	struct ui_list pairs, youth;
	int64_t saved;           /* the pair a form just saved: the cursor goes to it */
};

static int fetch_pairs(void *ctx, const struct page_req *r, struct page *out)
{
	struct ment *st = ctx;
	int rc = store_pair_page(st->ss->store, &st->sc, st->year, r, out);

	/* Two people in a row: each as «Фамилия И. О.», kept whole. */
	for (int i = 0; rc == ST_OK && i < out->n; i++)
		for (int c = 0; c < 2; c++) {
			char fio[256];
			text_fio_short(out->rows[i].cols[c] ? out->rows[i].cols[c] : "", fio, sizeof fio);
			free(out->rows[i].cols[c]);
			out->rows[i].cols[c] = xstrdup(fio);
		}
	return rc;
}

static int count_pairs(void *ctx, int *n)
{
	struct ment *st = ctx;
	return store_pair_count(st->ss->store, &st->sc, n);
}

static int fetch_young(void *ctx, const struct page_req *r, struct page *out)
{
	struct ment *st = ctx;
	return store_young_page(st->ss->store, &st->sc, st->year, r, out);
}

static int count_young(void *ctx, int *n)
{
	struct ment *st = ctx;
	return store_young_count(st->ss->store, &st->sc, st->year, n);
}

static void load(struct screen *sc)
{
	struct ment *st = sc->state;
	char *key = st->saved ? store_pair_key(st->ss->store, st->saved) : NULL;

	/* A pair just made (here or from a young specialist) is in the pairs
	 * list under the cursor, wherever its mentee's name puts it. */
	if (key)
		ui_list_goto(&st->pairs, key, st->saved);
	else
		ui_list_reload(&st->pairs);
	st->saved = 0;
	free(key);
	ui_list_reload(&st->youth);
}

static void pair_saved(void *ctx, int64_t id)
{
	struct ment *st = ctx;
	st->saved = id;
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct ment *st = sc->state;
	const struct list_row *r;
	char line[200], *names;

	snprintf(line, sizeof line, st->young
		 ? "Молодые специалисты %d г. без наставника; Enter — назначить, Tab — пары"
		 : "Пары наставничества, анкеты %d г.; Tab — молодые без наставника", st->year);
	ui_put(w, 0, 1, line, getmaxx(w) - 2, A_DIM);
	if (st->young) {
		ui_list_draw(&st->youth, w, 1, getmaxy(w) - 1);
		return;
	}
	/* The pair under the cursor whole beneath the list: the two people
	 * by their full names, the state with the year's answers. */
	ui_list_draw(&st->pairs, w, 1, getmaxy(w) - 3);
	if ((r = ui_list_current(&st->pairs)) != NULL && (names = store_pair_names(st->ss->store, r->id))) {
		char *bar = strchr(names, '|'), *text;
		if (bar)
			*bar++ = '\0';
		text = xasprintf("%s — наставник %s", names, bar ? bar : "");
		screen_put_whole(w, getmaxy(w) - 2, 1, getmaxx(w) - 2, 1, (const char *const[]){ text }, 1);
		free(text);
		text = xasprintf("Состояние: %s", r->cols[3] ? r->cols[3] : "");
		screen_put_whole(w, getmaxy(w) - 1, 1, getmaxx(w) - 2, 1, (const char *const[]){ text }, 1);
		free(text);
		free(names);
	}
}

/* One rule for the key bar (why NULL) and the refusal: the mentee of the
 * highlighted pair, or the young specialist highlighted, or anyone. */
static bool may(struct ment *st, int cmd, const char **why)
{
	struct ui_list *l = st->young ? &st->youth : &st->pairs;
	const struct list_row *r = ui_list_current(l);
	int64_t mentee = 0;

	if (cmd != C_NEW && cmd != C_OPEN && cmd != C_SURVEY && cmd != C_IOM && cmd != C_TRAINING)
		return true;
	if (cmd == C_OPEN && !st->young)
		return true;     /* the pair's form: its save decides */
	if (r && st->young && (cmd == C_NEW || cmd == C_OPEN))
		mentee = r->id;
	else if (r && !st->young && (cmd == C_SURVEY || cmd == C_IOM))
		mentee = store_pair_mentee(st->ss->store, r->id);
	return access_may(st->ss, P_MENTORING, mentee, why);
}

static bool offers(struct screen *sc, int cmd)
{
	struct ment *st = sc->state;
	/* A survey, a training, an ИОМ belong to a pair. */
	if (st->young && (cmd == C_SURVEY || cmd == C_IOM || cmd == C_TRAINING))
		return false;
	return may(st, cmd, NULL);
}

static void survey(struct ment *st, int64_t pair)
{
	static const char *const who[] = { "наставник", "наставляемый" };
	static const char *const codes[] = { "mentor", "mentee" };
	static const char *const yesno[] = { "да, удовлетворён", "нет" };
	const char *why;
	char title[80];
	int w, a, rc;

	(void)pair;
	if (!may(st, C_SURVEY, &why)) {
		ui_set_error("%s", why);
		return;
	}
	if ((w = ui_pick("Кто отвечает", who, 2, 0)) < 0)
		return;
	snprintf(title, sizeof title, "Удовлетворён ли %s (%d г.)", who[w], st->year);
	if ((a = ui_pick(title, yesno, 2, 0)) < 0)
		return;
	rc = store_survey_set(st->ss->store, &st->ss->actor, pair, st->year, codes[w], a == 0);
	if (rc == ST_OK)
		ui_set_status("Анкета записана: %s — %s", who[w], a == 0 ? "да" : "нет");
	else
		screen_store_error(st->ss, rc);
}

/* F4 «ИОМ-3»: the mentee's running card becomes one of the third model,
 * carried by the pair, once the user has read what changes and said «да»;
 * «нет» or Esc leave the card as it was. */
static void link_iom(struct ment *st, int64_t pair)
{
	struct pair_iom c;
	char q[600], card[64];
	int64_t iom;
	int rc = store_pair_running_iom(st->ss->store, pair, &c);

	if (rc != ST_OK) {
		ui_set_error("%s", store_errmsg(st->ss->store));
		return;
	}
	if (c.number[0])
		snprintf(card, sizeof card, "ИОМ %s", c.number);
	else
		snprintf(card, sizeof card, "ИОМ наставляемого");
	if (c.model == 3 && c.pair_id == pair) {
		ui_set_status("%s уже третьей модели, в рамках этой пары", card);
		return;
	}
	if (c.pair_id == 0 || c.pair_id == pair) {
		snprintf(q, sizeof q, "%s (%s; модель %d — %s) станет ИОМ третьей модели — частью программы"
			 " наставничества этой пары.%s Перевести ИОМ в третью модель?", card,
			 route_status_label(c.status), c.model,
			 route_model_label(c.model) ? route_model_label(c.model) : "не задана",
			 route_change_needs_confirmation(c.status)
			 ? " Изменение войдёт в историю ИОМ и будет ждать подтверждений."
			 : "");
		if (!ui_confirm(q)) {
			ui_set_status("Модель ИОМ не изменена");
			return;
		}
	}
	/* A card of another pair: the store refuses it, and says why. */
	if (store_pair_link_iom(st->ss->store, &st->ss->actor, pair, &iom) != ST_OK)
		ui_set_error("%s", store_errmsg(st->ss->store));
	else
		ui_set_status("%s — третьей модели, в рамках этой пары", card);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct ment *st = sc->state;
	struct ui_list *l = st->young ? &st->youth : &st->pairs;
	const struct list_row *r = ui_list_current(l);
	const char *why;

	sc->dirty = true;
	switch (cmd) {
	case C_VIEW:
		st->young = !st->young;
		return true;
	case C_NEW:
	case C_OPEN:
		if (st->young || cmd == C_NEW) {
			/* A new pair; from the young specialists' view, with him. */
			int64_t mentee = st->young && r ? r->id : 0;
			if (!may(st, cmd, &why))
				ui_set_error("%s", why);
			else
				ui_push(screen_record_form(st->ss, &model_mentoring_pair, 0, mentee, pair_saved, st));
		} else if (r) {
			ui_push(screen_record_form(st->ss, &model_mentoring_pair, r->id,
						   store_pair_mentee(st->ss->store, r->id), pair_saved, st));
		}
		return true;
	case C_SURVEY:
		if (!st->young && r) {
			survey(st, r->id);
			ui_list_reload(&st->pairs);
		}
		return true;
	case C_IOM:
		if (!st->young && r) {
			if (!may(st, C_IOM, &why))
				ui_set_error("%s", why);
			else
				link_iom(st, r->id);
		}
		return true;
	case C_TRAINING:
		if (!st->young && r) {
			struct record pair;
			int64_t mentor = 0;
			if (store_get(st->ss->store, &model_mentoring_pair, NULL, r->id, &pair) == ST_OK) {
				const char *m = pair.v[model_field_index(&model_mentoring_pair, "mentor_id")];
				mentor = m ? strtoll(m, NULL, 10) : 0;
				record_free(&pair);
			}
			if (!may(st, C_TRAINING, &why))
				ui_set_error("%s", why);
			else if (mentor)
				ui_push(screen_record_form(st->ss, &model_mentor_training, 0, mentor, NULL, NULL));
		}
		return true;
	case C_YEAR:
		if (screen_ask_year("Год анкет и молодых специалистов", &st->year)) {
			ui_list_reset(&st->pairs);
			ui_list_reset(&st->youth);
		}
		return true;
	default:
		break;
	}
	ui_list_key(l, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct ment *st = sc->state;
	ui_list_free(&st->pairs);
	ui_list_free(&st->youth);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "mentoring", keys, draw, key, load, free_state, NULL, NULL };

struct screen *screen_mentoring(struct session *ss)
{
	struct ment *st = xcalloc(1, sizeof *st);
	static const struct ui_column pcols[] = {
		/* At 80: two people as «Фамилия И. О.», the term whole, and
		 * the state with one survey («действует; наставник: да»);
		 * beneath the list the chosen pair whole. */
		{ "Наставляемый", 17 },
		{ "Наставник", 17 },
		{ "Срок", 22 },
		{ "Состояние, анкеты", 22 },
	};
	static const struct ui_column ycols[] = {
		{ "Молодой специалист", 6 },
		{ "Организация", 4 },
		{ "Стаж", 1 },
		{ "Должность", 3 },
	};

	st->ss = ss;
	st->year = screen_this_year();
	st->sc = access_scope(ss, P_MENTORING);
	ui_list_setup(&st->pairs, fetch_pairs, count_pairs, st, pcols, 4,
		      "Пар наставничества нет: F7 — новая, Tab — молодые специалисты");
	ui_list_setup(&st->youth, fetch_young, count_young, st, ycols, 4,
		      "Все молодые специалисты уже с наставниками");
	struct screen *made = screen_new(&ops, st, "Наставничество");

	made->offers = offers;
	return made;
}
