/* Monitoring: the indicators of a group (the region, a municipality, a
 * school) for a year — value with its numerator and denominator, target,
 * gap and mark, a bar against the target, the trend over four years — and
 * the drill-down region → municipality → school → who counts in the
 * school's figure (F3 on every level). */
#include "screens/screens.h"
#include "secure.h"
#include "sshcmd.h"
#include "config.h"
#include "figures.h"
#include "indicators.h"
#include "report.h"
#include "store/indicators.h"
#include "store/reports.h"
#include "text.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { C_OPEN = 1, C_YEAR, C_GROUP, C_TARGET, C_REPORT, C_WHO, C_TAB };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(3), C_WHO, "Учтены", "кто учтён в показателе: в числителе и только в знаменателе" },
	{ KEY_F(4), C_TARGET, "Цель", "целевое значение на этот год: региона или своего муниципалитета" },
	{ KEY_F(5), C_YEAR, "Год", "год мониторинга" },
	{ KEY_F(6), C_GROUP, "Уровень", "регион, муниципалитет или организация" },
	{ KEY_F(9), C_REPORT, "Отчёт", "сохранить отчётную таблицу этого уровня и года (CSV, XLSX, текст)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "вглубь: по муниципалитетам, по школам; в школе — кто учтён в показателе" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

#define MAX_IND 64
#define TREND_YEARS 4

/* One indicator of the group, computed. */
struct figure {
	int64_t id;
	char code[40];
	char name[600];   /* a whole name (up to ~200 letters of Cyrillic) */
	char formula[65];
	bool higher_better;
	enum indicator_unit unit;
	/* As every viewer gets them (figures.h); [TREND_YEARS-1] = the year. */
	struct indicator_figure fig[TREND_YEARS];
	bool trend;         /* the earlier years are computed too */
	bool has_target;
	bool own_target;    /* the municipality's own, not the general one */
	double target;
};

struct monitoring {
	struct session *ss;
	struct store_scope sc;
	struct group g;
	int year;
	int64_t mun;        /* the group's municipality (its targets), 0 for the region */
	struct figure *f;
	int n;
	struct ui_list list;
};

/* The figure as shown, or why there is none: withheld by the rule
 * across the region (its shown denominator stays), by a small group of
 * schools, or nothing to compute. */
static void show_value(struct monitoring *st, const struct indicator_figure *f, enum indicator_unit unit,
		       char *out, size_t size, double *value)
{
	char v[32];

	*value = -1;
	if (indicator_figure_withheld(f)) {
		if (!f->of_persons)
			snprintf(out, size, "скрыто (<%d)", st->ss->cfg->min_group_size);
		else if (f->den_shown && unit == IND_PERCENT)
			snprintf(out, size, "скрыто (…/%ld)", f->den);
		else
			snprintf(out, size, "скрыто");
		return;
	}
	*value = indicator_figure_value(f, unit);
	if (*value < 0) {
		snprintf(out, size, "нет данных");
		return;
	}
	/* One decimal on screen, a comma as Russians write it. */
	snprintf(v, sizeof v, "%.1f", *value);
	if (strchr(v, '.'))
		*strchr(v, '.') = ',';
	if (unit == IND_PERCENT)
		snprintf(out, size, "%s%% (%ld/%ld)", v, f->num, f->den);
	else
		snprintf(out, size, "%s", v);
}

/* Whether a figure of persons on the screen is withheld (the explanation
 * is then shown under the list). */
static bool any_suppressed(const struct monitoring *st)
{
	for (int i = 0; i < st->n; i++)
		for (int y = 0; y < TREND_YEARS; y++)
			if ((y == TREND_YEARS - 1 || st->f[i].trend) && st->f[i].fig[y].of_persons &&
			    indicator_figure_withheld(&st->f[i].fig[y]))
				return true;
	return false;
}

/* The chosen year first: the screen is up with values, targets and marks
 * as soon as they are known; the earlier years of the trend follow (see
 * trend_work) before the next key, or after it if one is already typed. */
static void compute(struct monitoring *st)
{
	struct indicator_row rows[MAX_IND];
	int n = store_indicator_list(st->ss->store, rows, MAX_IND);
	/* Every indicator reads the region's persons and organisations: one
	 * larger page cache for all of them, not one per figure. */
	int wide = store_wide_begin(st->ss->store);

	free(st->f);
	st->f = xcalloc((size_t)(n ? n : 1), sizeof *st->f);
	st->n = 0;
	for (int i = 0; i < n; i++) {
		struct figure *fg = &st->f[st->n];
		const struct indicator_formula *fm = indicator_formula_find(rows[i].formula);
		if (fm == NULL)
			continue;   /* entered by hand, nothing to compute */
		fg->id = rows[i].id;
		strlcpy0(fg->code, rows[i].code, sizeof fg->code);
		strlcpy0(fg->name, rows[i].name, sizeof fg->name);
		strlcpy0(fg->formula, rows[i].formula, sizeof fg->formula);
		fg->higher_better = rows[i].higher_better;
		fg->unit = fm->unit;
		indicator_figure_get(st->ss->store, st->ss->cfg, fg->formula, st->year, st->g.kind, st->g.id,
				     &fg->fig[TREND_YEARS - 1]);
		fg->has_target = store_indicator_target(st->ss->store, fg->id, st->year, st->mun, &fg->target,
							&fg->own_target) == ST_OK;
		st->n++;
	}
	store_wide_end(st->ss->store, wide);
	store_indicator_rows_free(rows, n);
}

/* The earlier years of the trend, indicator by indicator, giving way as
 * soon as the user types; the rows are redrawn once they are all known. */
static bool trend_work(struct screen *sc)
{
	struct monitoring *st = sc->state;
	/* One larger page cache for all of them, as compute(): a figure of
	 * persons reads the region's pedagogical workers, kept with it. */
	int wide = store_wide_begin(st->ss->store);

	for (int i = 0; i < st->n; i++) {
		struct figure *fg = &st->f[i];
		if (fg->trend)
			continue;
		for (int y = 0; y < TREND_YEARS - 1; y++)
			indicator_figure_get(st->ss->store, st->ss->cfg, fg->formula,
					     st->year - (TREND_YEARS - 1) + y, st->g.kind, st->g.id, &fg->fig[y]);
		fg->trend = true;
		if (i + 1 < st->n && ui_key_waiting()) {
			store_wide_end(st->ss->store, wide);
			return true;
		}
	}
	store_wide_end(st->ss->store, wide);
	ui_list_reload(&st->list);
	return false;
}

/* The list pages over the computed figures (a group's indicators, a few dozen). */
static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct monitoring *st = ctx;
	int from = 0, upto = st->n, cap = r->limit > 0 ? r->limit : 1;

	/* Rows after or before the anchor (index, id) by both: a reload asks
	 * from (index, id − 1), the first visible row included. */
	if (r->key) {
		int at = atoi(r->key);
		bool past = at >= 0 && at < st->n && st->f[at].id > r->id;   /* row `at` is after the anchor */
		if (r->dir > 0) {
			from = past ? at : at + 1;
		} else {
			upto = past ? at : at + 1;
			if (at >= 0 && at < st->n && st->f[at].id == r->id)
				upto = at;
			from = upto - cap;
		}
	} else if (r->dir < 0) {
		from = st->n - cap;
	}
	if (from < 0)
		from = 0;
	if (upto > st->n)
		upto = st->n;
	out->n = 0;
	out->rows = xcalloc((size_t)cap, sizeof *out->rows);
	for (int i = from; i < upto && out->n < cap; i++) {
		struct figure *fg = &st->f[i];
		struct list_row *row = &out->rows[out->n++];
		char value[64], target[160], trend[160] = "", t[16], bar[64] = "";
		double v, tv;
		const char *mark = NULL;
		int y = TREND_YEARS - 1;

		row->id = fg->id;
		row->key = xasprintf("%04d", i);
		show_value(st, &fg->fig[y], fg->unit, value, sizeof value, &v);
		if (fg->has_target) {
			indicator_format(fg->target, ',', t, sizeof t);
			if (v >= 0) {
				/* The bar is how near the target is: for an indicator
				 * where less is better, full at or under it, shorter
				 * the more it is exceeded (none over a target of 0). */
				int cells = fg->higher_better ? (fg->target > 0 ? (int)(10 * v / fg->target + 0.5) : 10)
					    : v <= fg->target ? 10 : (int)(10 * fg->target / v + 0.5);
				for (int c = 0; c < 10; c++)
					strcat(bar, c < cells ? "█" : "░");
				mark = indicator_mark_unit(v, fg->target, fg->higher_better, fg->unit);
			}
			if (v >= 0) {
				/* The gap to the target, in the indicator's units. */
				char gap[24];
				snprintf(gap, sizeof gap, "%+.0f", v - fg->target);
				snprintf(target, sizeof target, "%s %s%s%s %s %s", bar, fg->higher_better ? "" : "≤", t,
					 fg->unit == IND_PERCENT ? "%" : "", gap, mark ? indicator_mark_label(mark) : "");
			} else {
				snprintf(target, sizeof target, "цель %s%s%s", fg->higher_better ? "" : "≤", t,
					 fg->unit == IND_PERCENT ? "%" : "");
			}
		} else {
			/* None in the seed (Omsk) nor set by the region yet. */
			snprintf(target, sizeof target, "цель не задана");
		}
		for (int k = 0; k < TREND_YEARS; k++) {
			tv = indicator_figure_value(&fg->fig[k], fg->unit);
			if (k < TREND_YEARS - 1 && !fg->trend)
				strcpy(t, "…");
			else if (tv >= 0)
				snprintf(t, sizeof t, "%.0f", tv);
			else
				strcpy(t, "—");
			strncat(trend, t, sizeof trend - strlen(trend) - 1);
			if (k < TREND_YEARS - 1)
				strncat(trend, "→", sizeof trend - strlen(trend) - 1);
		}
		row->cols[0] = xstrdup(fg->code);
		row->cols[1] = xstrdup(value);
		row->cols[2] = xstrdup(target);
		row->cols[3] = xstrdup(trend);
	}
	return ST_OK;
}

static int count(void *ctx, int *n)
{
	struct monitoring *st = ctx;
	*n = st->n;
	return ST_OK;
}

/* Compute the group's figures; from the first row (a new year or group)
 * or, back from a drill-down or a change, where the cursor was. */
static void compute_all(struct screen *sc, bool keep);

static void load(struct screen *sc)
{
	compute_all(sc, false);
}

static void reload(struct screen *sc)
{
	compute_all(sc, true);
}

static void compute_all(struct screen *sc, bool keep)
{
	struct monitoring *st = sc->state;

	if (strcmp(st->g.kind, "mun") == 0)
		st->mun = st->g.id;
	else if (strcmp(st->g.kind, "org") == 0)
		st->mun = store_org_mun(st->ss->store, st->g.id);
	else
		st->mun = 0;
	compute(st);
	snprintf(sc->title, sizeof sc->title, "Мониторинг %d: %s", st->year, st->g.name);
	if (keep)
		ui_list_reload(&st->list);
	else
		ui_list_reset(&st->list);
	sc->work = trend_work;
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct monitoring *st = sc->state;
	char line[200];

	const struct list_row *r;
	struct text_lines l = { NULL, 0, 0 };
	int below = 0;

	/* Why figures are withheld, under the list, when one is. */
	if (any_suppressed(st)) {
		char *e = indicator_figure_explanation(st->ss->cfg->min_group_size, true);
		text_wrap(e, getmaxx(w) - 2, getmaxx(w) - 2, &l);
		free(e);
		below = l.n < 3 ? l.n : 3;
		if (getmaxy(w) - 2 - below < 4)
			below = 0;
		for (int i = 0; i < below; i++)
			ui_put(w, getmaxy(w) - below + i, 1, l.v[i], getmaxx(w) - 2, A_DIM);
		text_lines_free(&l);
	}
	ui_list_draw(&st->list, w, 2, getmaxy(w) - 2 - below);
	snprintf(line, sizeof line, "Показателей: %d; динамика за %d–%d; Enter — вглубь, F3 — кто учтён", st->n,
		 st->year - TREND_YEARS + 1, st->year);
	ui_put(w, 0, 1, line, getmaxx(w) - 2, A_DIM);
	/* The full name of the indicator under the cursor, and whose target
	 * applies when the municipality has its own. */
	if ((r = ui_list_current(&st->list)) != NULL)
		for (int i = 0; i < st->n; i++)
			if (st->f[i].id == r->id) {
				char *name = xasprintf("%s%s%s", st->f[i].own_target ? "[цель муниципалитета] " : "",
						       st->f[i].higher_better ? "" : "[чем меньше, тем лучше] ",
						       st->f[i].name);
				ui_put(w, 1, 1, name, getmaxx(w) - 2, A_BOLD);
				free(name);
			}
}

static const struct figure *current_figure(struct monitoring *st);

/* One rule for the key bar (why NULL) and the refusal. */
static bool may(struct monitoring *st, int cmd, const char **why)
{
	if (cmd == C_WHO) {
		/* Who counts in the indicator under the cursor, where listed to him. */
		const struct figure *fg = current_figure(st);
		const char *no = fg ? indicator_members_refusal(&st->ss->user, fg->formula, st->g.kind, st->g.id) : "";
		if (no && why)
			*why = no;
		/* And a grant of the list's permission somewhere (the names are
		 * then narrowed to its scope). */
		return no == NULL && (fg == NULL || access_may(st->ss, indicator_members_perm(fg->formula), 0, why));
	}
	return cmd != C_TARGET || access_may_place(st->ss, P_TARGETS, 0, st->mun, why);
}

static bool offers(struct screen *sc, int cmd)
{
	return may(sc->state, cmd, NULL);
}

/* F4: the target of the indicator under the cursor for the year — the
 * general one on the region's level, the municipality's own below it
 * (an empty answer there returns to the general target). */
static void edit_target(struct monitoring *st, const struct list_row *r)
{
	const struct figure *fg = NULL;
	const char *why;
	char cur[32] = "", *title, *text, *end;
	double v;
	int rc;

	for (int i = 0; i < st->n; i++)
		if (st->f[i].id == r->id)
			fg = &st->f[i];
	if (fg == NULL)
		return;
	if (!may(st, C_TARGET, &why)) {
		ui_set_error("%s", why);
		return;
	}
	if (fg->has_target && (st->mun == 0 || fg->own_target))
		indicator_format(fg->target, ',', cur, sizeof cur);
	if (st->mun == 0)
		title = xasprintf("Целевое значение %s на %d год для региона", fg->code, st->year);
	else
		title = xasprintf("Цель %s муниципалитета на %d год (пусто — общая)", fg->code, st->year);
	text = ui_prompt(title, cur);
	free(title);
	if (text == NULL)
		return;
	for (char *c = text; *c; c++)
		if (*c == ',')
			*c = '.';   /* a decimal comma, as Russians write it */
	if (*text == '\0') {
		if (st->mun == 0)
			ui_set_error("Целевое значение — число, например 80");
		else if (store_indicator_clear_target(st->ss->store, &st->ss->actor, fg->id, st->year,
						      st->mun) != ST_OK)
			ui_set_error("Не сохранено: %s", store_errmsg(st->ss->store));
		free(text);
		return;
	}
	v = strtod(text, &end);
	if (*end || end == text) {
		ui_set_error("Целевое значение — число, например 80");
		free(text);
		return;
	}
	free(text);
	rc = store_indicator_set_target(st->ss->store, &st->ss->actor, fg->id, st->year, st->mun, v);
	if (rc != ST_OK)
		ui_set_error("Не сохранено: %s", store_errmsg(st->ss->store));
}

/* --- who counts ----------------------------------------------------------
 * The members behind one indicator's figure for the group and year: those
 * in the numerator and those only in the denominator, two lists paged from
 * the database by the figure's own conditions (store_indicator_member_*),
 * each row the full name and position (a person) or the name and
 * municipality (an organisation). Only what the viewer may see through
 * the policy is listed: persons of his P_PERSON_VIEW scope (who is
 * mentored: P_MENTORING), organisations of his P_ORG_VIEW scope
 * (indicator_members_perm); who was diagnosed is a diagnostic's finding,
 * listed only to whom the disclosure rule shows findings. */

enum { WHO_PARTS = 2 };

struct who {
	struct session *ss;
	struct store_scope sc;     /* the viewer's scope for the members' kind */
	char kind;                 /* 'p' persons, 'o' organisations, 'm' municipalities */
	char formula[65];
	char code[40];
	char name[600];   /* a whole name (up to ~200 letters of Cyrillic) */
	int year;
	struct group g;
	int count[WHO_PARTS];      /* listed in each part */
	bool partial;              /* some members are outside the viewer's scope */
	int focus;
	struct ui_list list[WHO_PARTS];
	struct who_part {
		struct who *w;
		enum indicator_part part;
	} parts[WHO_PARTS];
};

static const struct keydef who_keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться к показателям" },
	{ '\t', C_TAB, NULL, "Tab — другой раздел: в числителе / только в знаменателе" },
	{ KEY_ENTER, C_OPEN, NULL, "карточка педагога или организации" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

static int who_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct who_part *p = ctx;
	struct who *w = p->w;

	return store_indicator_member_page(w->ss->store, w->formula, w->year, w->g.kind, w->g.id, p->part, &w->sc,
					   r, out);
}

static int who_count(void *ctx, int *n)
{
	struct who_part *p = ctx;

	*n = p->w->count[p->part == IND_PART_NUM ? 0 : 1];
	return ST_OK;
}

static void who_load(struct screen *sc)
{
	struct who *w = sc->state;
	struct store *s = w->ss->store;
	int all = 0, n;

	w->partial = false;
	for (int i = 0; i < WHO_PARTS; i++) {
		if (store_indicator_member_count(s, w->formula, w->year, w->g.kind, w->g.id, w->parts[i].part, &w->sc,
						 &w->count[i]) != ST_OK)
			w->count[i] = 0;
		if (store_indicator_member_count(s, w->formula, w->year, w->g.kind, w->g.id, w->parts[i].part, NULL,
						 &n) == ST_OK)
			all += n;
		ui_list_reset(&w->list[i]);
	}
	w->partial = all > w->count[0] + w->count[1];
}

static void who_draw(struct screen *sc, WINDOW *w)
{
	struct who *st = sc->state;
	int width = getmaxx(w) - 2, h = getmaxy(w), y = 0, hint, room, top;
	struct text_lines l = { NULL, 0, 0 };
	char *head = xasprintf("%s %s", st->code, st->name);
	const char *title[WHO_PARTS] = { "Учитываются в числителе", "Только в знаменателе" };

	/* The indicator's full name, in whole words, on up to three lines. */
	text_wrap(head, width, width, &l);
	for (int i = 0; i < l.n && i < 3; i++)
		ui_put(w, y++, 1, l.v[i], width, A_BOLD);
	text_lines_free(&l);
	free(head);
	/* Under the lists: that some are not shown, and the keys. */
	hint = st->partial ? 2 : 1;
	if (st->partial)
		ui_put(w, h - 2, 1, st->kind == 'p' ? "Показаны только педагоги, которых вам разрешено видеть."
				    : st->kind == 'm' ? "Показаны только муниципалитеты, которые вам разрешено видеть."
						      : "Показаны только организации, которые вам разрешено видеть.",
		       width, A_DIM);
	ui_put(w, h - 1, 1, "Tab — другой раздел; Enter — карточка; Esc — назад", width, A_DIM);
	room = h - y - hint - WHO_PARTS;
	if (room < 0)
		room = 0;   /* a window too low for the lists: their titles still show */
	top = y;
	for (int i = 0; i < WHO_PARTS; i++) {
		int rows = i == 0 ? room / 2 : room - room / 2;
		char *t = xasprintf("%s %s (%d)", st->focus == i ? "▶" : " ", title[i], st->count[i]);
		ui_put(w, top, 1, t, width, st->focus == i ? A_BOLD : A_NORMAL);
		free(t);
		/* only the list keys move marks its row and takes the cursor */
		st->list[i].inactive = st->focus != i;
		if (rows > 1)
			ui_list_draw(&st->list[i], w, top + 1, rows);
		top += 1 + rows;
	}
}

static bool who_key(struct screen *sc, int cmd, struct ui_key k)
{
	struct who *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list[st->focus]);
	const char *why;

	sc->dirty = true;
	switch (cmd) {
	case C_TAB:
		st->focus = (st->focus + 1) % WHO_PARTS;
		return true;
	case C_OPEN:
		if (r == NULL)
			return true;
		if (st->kind == 'm') {
			/* Its one date is on the card of any of its organisations. */
			ui_set_error("дата МСОКО муниципалитета — в карточке его организации, F6");
		} else if (st->kind == 'p') {
			if (!access_may(st->ss, P_PERSON_VIEW, r->id, &why))
				ui_set_error("%s", why);
			else
				ui_push(screen_person_card(st->ss, r->id));
		} else {
			if (!access_may(st->ss, P_ORG_VIEW, r->id, &why))
				ui_set_error("%s", why);
			else
				ui_push(screen_org_card(st->ss, r->id));
		}
		return true;
	default:
		break;
	}
	ui_list_key(&st->list[st->focus], k);
	return true;
}

static void who_free(struct screen *sc)
{
	struct who *st = sc->state;

	for (int i = 0; i < WHO_PARTS; i++)
		ui_list_free(&st->list[i]);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops who_ops = { "who_counts", who_keys, who_draw, who_key, who_load, who_free,
					   NULL, NULL };

/* The indicator under the cursor, or NULL. */
static const struct figure *current_figure(struct monitoring *st)
{
	const struct list_row *r = ui_list_current(&st->list);

	for (int i = 0; r && i < st->n; i++)
		if (st->f[i].id == r->id)
			return &st->f[i];
	return NULL;
}

/* F3, and Enter on a school's level: who counts in the indicator under the cursor. */
static void who_counts(struct monitoring *st)
{
	static const struct ui_column pcols[] = { { "ФИО", 5 }, { "Должность", 3 }, { "Организация", 3 } };
	static const struct ui_column ocols[] = { { "Организация", 5 }, { "Муниципалитет", 3 }, { "Код", 0 } };
	static const struct ui_column mcols[] = { { "Муниципалитет", 5 }, { "ИППР в МСОКО", 3 }, { "Код", 0 } };
	const struct figure *fg = current_figure(st);
	const char *why;
	struct screen *sc;
	struct who *w;
	char kind;

	if (fg == NULL)
		return;
	kind = store_indicator_members(fg->formula);
	if (!may(st, C_WHO, &why)) {
		ui_message("Кто учтён", why);   /* a window: the reason whole, in words */
		return;
	}
	w = xcalloc(1, sizeof *w);
	w->ss = st->ss;
	w->kind = kind;
	w->sc = access_scope(st->ss, indicator_members_perm(fg->formula));
	strlcpy0(w->formula, fg->formula, sizeof w->formula);
	strlcpy0(w->code, fg->code, sizeof w->code);
	strlcpy0(w->name, fg->name, sizeof w->name);
	w->year = st->year;
	w->g = st->g;
	for (int i = 0; i < WHO_PARTS; i++) {
		w->parts[i].w = w;
		w->parts[i].part = i == 0 ? IND_PART_NUM : IND_PART_DEN_ONLY;
		/* On a school's level its name is the title's: the organisation column goes. */
		ui_list_setup(&w->list[i], who_fetch, who_count, &w->parts[i],
			      kind == 'p' ? pcols : kind == 'm' ? mcols : ocols,
			      strcmp(st->g.kind, "org") == 0 || kind != 'p' ? 2 : 3,
			      kind == 'p' ? "Педагогов нет" : kind == 'm' ? "Муниципалитетов нет" : "Организаций нет");
	}
	sc = screen_new(&who_ops, w, "Кто учтён");
	snprintf(sc->title, sizeof sc->title, "Кто учтён: %s, %d, %s", fg->code, st->year, st->g.name);
	who_load(sc);
	/* Nobody to list to this viewer, though the group has members. */
	if (w->partial && w->count[0] + w->count[1] == 0) {
		ui_message("Кто учтён", kind == 'p'
			   ? "Имена педагогов — персональные данные: вам виден показатель, но не педагоги этой группы"
			   : kind == 'm' ? "Вам виден показатель, но не муниципалитеты этой группы"
					 : "Вам виден показатель, но не организации этой группы");
		sc->ops->free(sc);
		free(sc);
		return;
	}
	ui_push(sc);
}

/* Enter: one level down for this indicator, or who counts in the school's. */
static void drill(struct monitoring *st)
{
	const struct list_row *r = ui_list_current(&st->list);
	struct group child;
	if (r == NULL)
		return;
	if (strcmp(st->g.kind, "org") == 0) {
		/* Who counts in the school's figure (who_counts asks the policy). */
		who_counts(st);
		return;
	}
	if (strcmp(st->g.kind, "region") == 0) {
		int64_t ids[32];
		char *labels[32];
		int n = store_small_catalog(st->ss->store, "municipality", ids, labels, 32), choice;
		choice = ui_pick("Муниципалитет", (const char *const *)labels, n, 0);
		for (int i = 0; i < n; i++)
			free(labels[i]);
		if (choice < 0)
			return;
		screen_set_group(st->ss, &child, "mun", ids[choice]);
	} else {
		int64_t org = screen_pick_org(st->ss, P_PERSON_VIEW);
		if (org == 0)
			return;
		if (store_org_mun(st->ss->store, org) != st->g.id) {
			ui_set_error("Эта организация не из муниципалитета «%s»", st->g.name);
			return;
		}
		screen_set_group(st->ss, &child, "org", org);
	}
	ui_push(screen_monitoring(st->ss, &child, st->year));
}

/* Over SSH, after a report is saved: the one command that brings the same
 * report to the user's PC (see sshcmd.h). */
static void fetch_note(struct monitoring *st, const char *name, const char *fmt, const char *path)
{
	char year[8], *code = store_scope_code(st->ss->store, st->g.kind, st->g.id), *scope, *local, *note;
	const char *args[8];

	snprintf(year, sizeof year, "%d", st->year);
	scope = strcmp(st->g.kind, "region") == 0 ? xstrdup("region") : xasprintf("%s:%s", st->g.kind, code);
	args[0] = "report", args[1] = name, args[2] = "--year", args[3] = year;
	args[4] = "--scope", args[5] = scope, args[6] = "--format", args[7] = fmt;
	local = xasprintf("%s-%d.%s", name, st->year, fmt);
	note = sshcmd_fetch_note(st->ss->cfg, st->ss->real_login, path, args, 8, local);
	if (note && (code[0] || strcmp(st->g.kind, "region") == 0))
		ui_message("Отчёт сохранён", note);
	free(note);
	free(local);
	free(scope);
	free(code);
}

/* The same reports as «marshrut report», for this group and year, saved as
 * a new file in the user's home folder. */
static void save_report(struct monitoring *st)
{
	static const char *const formats[] = { "CSV (Excel)", "XLSX", "текст" };
	static const enum report_format fmt_of[] = { REPORT_CSV, REPORT_XLSX, REPORT_TXT };
	static const char *const ext[] = { "csv", "xlsx", "txt" };
	const struct report_def *defs;
	const char *labels[32], *home = getenv("HOME");
	struct report_table t;
	char err[300], *def, *path, *buf = NULL;
	size_t len = 0;
	int n, which, fmt;

	defs = report_list(&n);
	for (int i = 0; i < n && i < 32; i++)
		labels[i] = defs[i].title;
	if ((which = ui_pick("Отчётная таблица", labels, n < 32 ? n : 32, 0)) < 0)
		return;
	if ((fmt = ui_pick("Формат", formats, 3, 0)) < 0)
		return;
	def = xasprintf("%s/%s-%d.%s", home && *home ? home : ".", defs[which].name, st->year, ext[fmt]);
	path = ui_prompt("Сохранить отчёт в файл", def);
	free(def);
	if (path == NULL || !*path) {
		free(path);
		return;
	}
	if (store_report_build(st->ss->store, st->ss->cfg, defs[which].name, st->year, st->g.kind, st->g.id,
			       &t) != ST_OK) {
		ui_set_error("Отчёт не построен: %s", store_errmsg(st->ss->store));
	} else {
		if (report_render(&t, fmt_of[fmt], &buf, &len, err, sizeof err) != 0)
			ui_set_error("Отчёт не построен: %s", err);
		else if (secure_write_new(path, buf, len, err, sizeof err) != 0)
			ui_set_error("%s", err);
		else {
			ui_set_status("Отчёт сохранён: %s", path);
			fetch_note(st, defs[which].name, ext[fmt], path);
		}
		report_table_free(&t);
	}
	free(buf);
	free(path);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct monitoring *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		drill(st);
		return true;
	case C_WHO:
		who_counts(st);
		return true;
	case C_GROUP:
		screen_pick_group(st->ss, &st->sc, &st->g);
		load(sc);
		return true;
	case C_REPORT:
		save_report(st);
		return true;
	case C_YEAR:
		if (screen_ask_year("Год мониторинга", &st->year))
			load(sc);
		return true;
	case C_TARGET:
		if (r != NULL) {
			edit_target(st, r);
			load(sc);
		}
		return true;
	default:
		break;
	}
	ui_list_key(&st->list, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct monitoring *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st->f);
	free(st);
}

static const struct screen_ops ops = { "monitoring", keys, draw, key, reload, free_state, NULL, NULL };

struct screen *screen_monitoring(struct session *ss, const struct group *g, int year)
{
	struct monitoring *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->sc = access_scope(ss, P_PERSON_VIEW);
	if (g)
		st->g = *g;
	else
		screen_widest_group(ss, &st->sc, &st->g);
	st->year = year ? year : screen_this_year();
	{
		static const struct ui_column cols[] = {
			{ "Код", 6 },
			{ "Значение", 16 },
			{ "Цель, разрыв, отметка", 23 },
			{ "Динамика", 15 },
		};
		ui_list_setup(&st->list, fetch, count, st, cols, 4,
		              "Показателей нет (их загружает команда «marshrut init»)");
	}
	sc = screen_new(&ops, st, "Мониторинг");
	sc->offers = offers;
	load(sc);
	return sc;
}
