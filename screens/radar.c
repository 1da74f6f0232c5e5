/* The deadline radar: everything in the user's reach that is overdue or
 * falls due within N working days, by kind; Enter opens the record. */
#include "screens/screens.h"
#include "radar.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_OPEN = 1, C_HORIZON, C_KIND, C_CLEAR };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(5), C_HORIZON, "Дни", "на сколько рабочих дней вперёд смотреть (горизонт)" },
	{ KEY_F(6), C_KIND, "Вид", "показать один вид сроков" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть запись" },
	{ UI_KEY_ESC, C_CLEAR, NULL, "Esc — все виды, повторно — назад" },
	{ 0, 0, NULL, NULL }
};

struct radar {
	struct session *ss;
	struct store_scope sc;
	struct radar_cutoffs cut;
	struct radar_filter f;
	int horizon;
	dayno today;
	struct ui_list list;
};

static void set_horizon(struct radar *st, int n)
{
	char today[11];
	int y, m, d;

	today_iso(today);
	date_parse_iso(today, &y, &m, &d);
	st->today = date_to_days(y, m, d);
	st->horizon = n;
	radar_cutoffs(st->ss->cal, st->ss->cfg, st->today, n, &st->cut);
}

/* The kind in a list cell: the picker and the status line keep the full
 * label (radar_label); the column, 20 wide at 80, these. */
static const char *kind_cell(enum radar_kind k)
{
	static const char *const cells[RADAR_KINDS] = {
		[RADAR_APP_CONTACT] = "заявка: связаться",
		[RADAR_APP_RESULTS] = "заявка: результ.",
		[RADAR_APP_RESULTS_ORDERED] = "заказ: результ.",
		[RADAR_IOM_DEVELOP] = "ИОМ: разработать",
		[RADAR_IOM_CORRECT] = "ИОМ: корректир.",
		[RADAR_ACTIVITY_MARK] = "ИОМ: нет отметки",
		[RADAR_FINAL_DIAG] = "ИОМ: итог. диагн.",
		[RADAR_COURSE_3Y] = "курсы > 3 лет",
		[RADAR_COMPREHENSIVE_3Y] = "компл. > 3 лет",
		[RADAR_SITE_EXPIRES] = "площадка: статус",
		[RADAR_IOM_SIGN] = "ИОМ: подписи",
	};
	return k > 0 && k < RADAR_KINDS && cells[k] ? cells[k] : radar_label(k);
}

/* "ИОМ-2025-000025 — Медведева Анна Петровна" and "диагностика — ..."
 * become "Медведева Анна Петровна — ИОМ-2025-000025": a narrow cell is cut
 * at its end, so the name stays and the number goes first. */
static char *name_first(char *who)
{
	const char *dash = strstr(who, " — ");
	char *out;

	if (dash == NULL || !(strncmp(who, "ИОМ-", strlen("ИОМ-")) == 0 ||
			      strncmp(who, "диагностика — ", strlen("диагностика — ")) == 0))
		return who;
	out = xasprintf("%s — %.*s", dash + strlen(" — "), (int)(dash - who), who);
	free(who);
	return out;
}

/* The store gives base dates; the rule gives the due date and its standing. */
static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct radar *st = ctx;
	int rc = store_radar_page(st->ss->store, &st->sc, &st->f, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		struct list_row *row = &out->rows[i];
		enum radar_kind k = (enum radar_kind)atoi(row->cols[1]);
		char due[11], shown[11], standing[64];
		int left;

		radar_due(st->ss->cal, st->ss->cfg, k, row->cols[0], due);
		date_format_ru(due, shown);
		left = radar_standing(st->ss->cal, due, st->today);
		if (left > 0)
			snprintf(standing, sizeof standing, "просрочено %d д.", left);
		else if (left == 0)
			snprintf(standing, sizeof standing, "срок сегодня");
		else
			snprintf(standing, sizeof standing, "осталось %d д.", -left);
		/* due date | standing | what | who (the detail is in the record). */
		free(row->cols[0]);
		free(row->cols[1]);
		free(row->cols[3]);
		row->cols[0] = xstrdup(shown);
		row->cols[1] = xstrdup(standing);
		row->cols[3] = name_first(row->cols[2]);
		row->cols[2] = xstrdup(kind_cell(k));
	}
	return rc;
}

static int count(void *ctx, int *n)
{
	struct radar *st = ctx;
	return store_radar_count(st->ss->store, &st->sc, &st->f, n);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct radar *st = sc->state;
	char line[200];

	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);
	snprintf(line, sizeof line, "Просрочено или срок в ближайшие %d рабочих дн.: %d%s%s", st->horizon,
		 st->list.total, st->f.kind ? " — " : "", st->f.kind ? radar_label(st->f.kind) : "");
	ui_put(w, 0, 1, line, getmaxx(w) - 2, A_BOLD);
}

static void reload(struct screen *sc)
{
	struct radar *st = sc->state;
	ui_list_reload(&st->list);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct radar *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	char *text;

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		if (r) {
			/* The sort key starts with the kind in two digits. */
			int kind = (r->key[0] - '0') * 10 + (r->key[1] - '0');
			if (kind <= RADAR_APP_RESULTS_ORDERED)
				ui_push(screen_application(st->ss, r->id));
			else if (kind == RADAR_IOM_DEVELOP && strlen(r->key) > 12 && r->key[12] == 'D')
				ui_push(screen_diagnostic(st->ss, r->id));   /* handed over, no card yet */
			else if (kind <= RADAR_FINAL_DIAG || kind == RADAR_IOM_SIGN)
				ui_push(screen_iom_card(st->ss, r->id));
			else if (kind <= RADAR_COMPREHENSIVE_3Y)
				ui_push(screen_person_card(st->ss, r->id));
			else
				ui_push(screen_org_card(st->ss, r->id));
		}
		return true;
	case C_HORIZON: {
		char cur[16];
		snprintf(cur, sizeof cur, "%d", st->horizon);
		text = ui_prompt("Горизонт, рабочих дней (0 — только просроченное)", cur);
		if (text) {
			char *end;
			long n = strtol(text, &end, 10);
			if (*end || n < 0 || n > 250)
				ui_set_error("Горизонт — число рабочих дней от 0 до 250");
			else {
				set_horizon(st, (int)n);
				ui_list_reset(&st->list);
			}
			free(text);
		}
		return true;
	}
	case C_KIND: {
		const char *labels[RADAR_KINDS];
		int choice;
		labels[0] = "все виды сроков";
		for (int i = 1; i < RADAR_KINDS; i++)
			labels[i] = radar_label((enum radar_kind)i);
		choice = ui_pick("Вид сроков", labels, RADAR_KINDS, st->f.kind);
		if (choice >= 0) {
			st->f.kind = choice;
			ui_list_reset(&st->list);
		}
		return true;
	}
	case C_CLEAR:
		if (!st->f.kind)
			return false;
		st->f.kind = 0;
		ui_list_reset(&st->list);
		return true;
	default:
		break;
	}
	ui_list_key(&st->list, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct radar *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "radar", keys, draw, key, reload, free_state, NULL, NULL };

/* What the radar holds for this user: his scope, his kinds, 10 days ahead. */
static void radar_for(struct radar *st, struct session *ss)
{
	st->ss = ss;
	st->sc = access_scope(ss, P_PERSON_VIEW);
	st->f.cut = &st->cut;
	st->f.applications = access_may(ss, P_APPLICATION, 0, NULL);
	set_horizon(st, 10);
}

int screen_radar_waiting(struct session *ss)
{
	struct radar st;
	int n = 0;

	memset(&st, 0, sizeof st);
	radar_for(&st, ss);
	if (store_radar_count(ss->store, &st.sc, &st.f, &n) != ST_OK)
		n = -1;
	access_scope_free(&st.sc);
	return n;
}

struct screen *screen_radar(struct session *ss)
{
	struct radar *st = xcalloc(1, sizeof *st);

	radar_for(st, ss);
	{
		static const struct ui_column cols[] = {
			/* At 80: a date, «просрочено 1250 д.» and the kind
			 * (its short cell wording) whole; the rest for who,
			 * name first: 29 columns keep nearly every full name. */
			{ "Срок", 11 },
			{ "Рабочих дней", 19 },
			{ "Что", 18 },
			{ "Кто", 30 },
		};
		ui_list_setup(&st->list, fetch, count, st, cols, 4,
		              "Просроченного нет, и в ближайшие дни сроков нет");
	}
	return screen_new(&ops, st, "Контроль сроков");
}
