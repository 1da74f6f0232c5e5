/* The teacher's information sheet (информационная справка, DOMAIN.md §3)
 * and his course history. Tab switches between the two. */
#include "screens/screens.h"
#include "date.h"
#include "store/diag.h"
#include "text.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_EDIT = 1, C_NEW, C_ARCHIVE, C_TAB, C_BACKTAB, C_OPEN };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(4), C_EDIT, "Правка", "изменить справку, выбранный курс, диагностику или собеседование" },
	{ KEY_F(7), C_NEW, "Новый", "добавить курс, диагностику или собеседование (на их вкладке)" },
	{ KEY_F(8), C_ARCHIVE, "Удалить", "убрать выбранный курс из истории" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ '\t', C_TAB, NULL, "Tab — справка / курсы / диагностика / собеседования / кто смотрел результаты" },
	{ KEY_BTAB, C_BACKTAB, NULL, "Shift-Tab — на вкладку назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть курс или диагностику" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, PgDn/PgUp — прокрутка" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct card {
	struct session *ss;
	int64_t id;
	struct record rec;
	bool loaded;
	char *org_name;
	int scroll;
	enum { TAB_SHEET, TAB_COURSES, TAB_DIAG, TAB_INTERVIEWS, TAB_VIEWS, TAB_COUNT } tab;
	struct ui_list courses;
	struct ui_list diags;
	struct ui_list interviews;
	struct ui_list views;    /* who opened his results: himself and the regional centre */
	bool views_shown;
	unsigned disclose;       /* what the one rule shows this user of his diagnostics */
	char changed[120];       /* "last changed" line, local time */
};

static int course_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct card *st = ctx;
	return store_course_page(st->ss->store, st->id, r, out);
}

static int diag_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct card *st = ctx;
	int rc = store_diag_page(st->ss->store, st->id, st->disclose, r, out);

	/* Whoever recorded a diagnostic (or is assigned to build its card)
	 * sees that one's level, though not the person's others. */
	for (int i = 0; rc == ST_OK && !(st->disclose & DISCLOSE_RESULTS) && i < out->n; i++) {
		struct diagnostic d;
		if (!(access_disclosure(st->ss, st->id, 0, out->rows[i].id) & DISCLOSE_RESULTS))
			continue;
		diag_init(&d);
		if (store_diag_get(st->ss->store, out->rows[i].id, DIAG_WITH_RESULTS, &d) == ST_OK)
			page_set_col(out, i, 3, d.level[0] ? model_enum_label(diag_levels, d.level) : "");
		diag_free(&d);
	}
	return rc;
}

static int view_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct card *st = ctx;
	return store_result_view_page(st->ss->store, st->id, NULL, r, out);
}

static int interview_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct card *st = ctx;
	/* The levels of mastery are results: as the one rule discloses them. */
	bool levels = (st->disclose & DISCLOSE_RESULTS) != 0;
	int rc = store_interview_page(st->ss->store, st->id, levels, r, out);

	for (int i = 0; rc == ST_OK && !levels && i < out->n; i++) {
		free(out->rows[i].cols[2]);
		out->rows[i].cols[2] = xstrdup(ACCESS_MASKED);
	}
	return rc;
}

static void load(struct screen *sc)
{
	struct card *st = sc->state;
	struct store_scope scope = access_scope(st->ss, P_PERSON_VIEW);
	int rc, oi;

	record_free(&st->rec);
	free(st->org_name);
	st->org_name = NULL;
	rc = store_get(st->ss->store, &model_person, &scope, st->id, &st->rec);
	access_scope_free(&scope);
	st->loaded = rc == ST_OK;
	if (!st->loaded) {
		screen_store_error(st->ss, rc);
		return;
	}
	oi = model_field_index(&model_person, "org_id");
	st->org_name = store_ref_name(st->ss->store, "organisation",
				      st->rec.v[oi] ? strtoll(st->rec.v[oi], NULL, 10) : 0);
	snprintf(sc->title, sizeof sc->title, "Информационная справка: %s %s %s%s",
		 st->rec.v[0] ? st->rec.v[0] : "", st->rec.v[1] ? st->rec.v[1] : "",
		 st->rec.v[2] ? st->rec.v[2] : "", st->rec.archived ? " (в архиве)" : "");
	ui_list_reload(&st->courses);
	st->disclose = access_disclosure(st->ss, st->id, 0, 0);
	st->diags.headers[3] = st->disclose & DISCLOSE_RESULTS ? "Уровень дефицита" : "Результаты";
	ui_list_reload(&st->diags);
	ui_list_reload(&st->interviews);
	st->views_shown = access_may_list_views(st->ss, st->id);
	if (st->views_shown)
		ui_list_reload(&st->views);
	{
		char at[20], who[33], local[17];
		st->changed[0] = '\0';
		if (store_last_change(st->ss->store, "person", st->id, at, who) == ST_OK) {
			utc_to_local(at, local);
			snprintf(st->changed, sizeof st->changed, "Изменено: %s (%s), версия %lld",
				 local, who, (long long)st->rec.version);
		}
	}
}

/* Experience grows: the years counted on a date plus the years since
 * (model_experience, the count every print shows too). */
static char *experience_text(struct card *st)
{
	char today[11];

	today_iso(today);
	return model_experience_text(st->rec.v[model_field_index(&model_person, "experience_years")],
				     st->rec.v[model_field_index(&model_person, "experience_date")],
				     today);
}

static void draw_sheet(struct card *st, WINDOW *w)
{
	int h = getmaxy(w), cols = getmaxx(w), y = 0, line = 0;
	const int lw = 26;

	for (int i = 0; i < model_person.nfields; i++) {
		const struct field_desc *fd = &model_person.fields[i];
		char *val;

		/* A curator's profile only where one is set (lecturers, methodists). */
		if (strcmp(fd->col, "curator_profile") == 0 && (st->rec.v[i] == NULL || !*st->rec.v[i]))
			continue;
		if (fd->type == F_REF)
			val = xstrdup(st->org_name ? st->org_name : "");
		else if (strcmp(fd->col, "experience_years") == 0)
			val = experience_text(st);
		else
			val = model_display(fd, st->rec.v[i]);
		/* Long values wrap at spaces over several lines; '\n' in free
		 * text too. */
		struct text_lines wl = { 0 };
		char *seg_save = NULL;
		for (char *seg = strtok_r(val, "\n", &seg_save); seg; seg = strtok_r(NULL, "\n", &seg_save)) {
			char *clean = text_sanitize(seg);
			text_wrap(clean, cols - lw - 3, cols - lw - 3, &wl);
			free(clean);
		}
		for (int k = 0; k < (wl.n ? wl.n : 1); k++) {
			if (line >= st->scroll && y < h) {
				if (k == 0)
					ui_put(w, y, 1, fd->label, lw - 1, A_BOLD);
				ui_put(w, y, lw + 1, wl.n ? wl.v[k] : "", cols - lw - 2, A_NORMAL);
				y++;
			}
			line++;
		}
		text_lines_free(&wl);
		free(val);
	}
	if (st->changed[0]) {
		if (line >= st->scroll && y + 1 < h)
			ui_put(w, y + 1, 1, st->changed, cols - 2, A_DIM);
		line += 2;
	}
	int before = st->scroll;
	if (ui_scroll_clamp(&st->scroll, line, h) != before) {
		/* Scrolled past the end (End, PgDn): the last page, drawn again. */
		werase(w);
		draw_sheet(st, w);
	}
}

static bool may(struct card *st, int cmd, const char **why);

static void draw(struct screen *sc, WINDOW *w)
{
	struct card *st = sc->state;
	int h = getmaxy(w), cols = getmaxx(w);

	if (!st->loaded) {
		ui_put(w, 1, 2, "Справка недоступна", cols - 4, A_BOLD);
		return;
	}
	{
		static const char *const tabs[] = { "Справка", "Курсы ПК", "Диагностика", "Собеседования",
						    "Просмотры" };
		int x = 1;
		for (int i = 0; i < (st->views_shown ? TAB_COUNT : TAB_VIEWS); i++) {
			char buf[40];
			snprintf(buf, sizeof buf, (int)st->tab == i ? "[*%s*]" : "[ %s ]", tabs[i]);
			ui_put(w, 0, x, buf, cols - x - 1, (int)st->tab == i ? A_BOLD : A_NORMAL);
			x += text_width(buf) + 2;
		}
		if (x + 3 < cols)
			ui_put(w, 0, x, "Tab", cols - x - 1, A_DIM);
	}
	/* An empty list names F7 only where F7 is offered. */
	if (st->tab == TAB_COURSES) {
		st->courses.empty_text = may(st, C_NEW, NULL) ? "Курсов нет (F7 — добавить)" : "Курсов нет";
		ui_list_draw(&st->courses, w, 1, h - 1);
	} else if (st->tab == TAB_DIAG) {
		st->diags.empty_text = may(st, C_NEW, NULL) ? "Диагностик нет (F7 — внести)" : "Диагностик нет";
		ui_list_draw(&st->diags, w, 1, h - 1);
	} else if (st->tab == TAB_INTERVIEWS) {
		st->interviews.empty_text = may(st, C_NEW, NULL) ? "Собеседований по итогам КПК нет (F7 — провести)"
								 : "Собеседований по итогам КПК нет";
		ui_list_draw(&st->interviews, w, 1, h - 1);
	} else if (st->tab == TAB_VIEWS) {
		ui_put_padded(w, 1, 1, st->id == st->ss->user.person_id ? "Кто смотрел мои результаты диагностики"
			      : "Кто смотрел результаты диагностики педагога", cols - 2, A_BOLD);
		ui_list_draw(&st->views, w, 2, h - 2);
	} else {
		WINDOW *sub = derwin(w, h - 1, cols, 1, 0);
		draw_sheet(st, sub);
		delwin(sub);
	}
}

/* The list of the tab shown, or NULL on the sheet. */
static struct ui_list *tab_list(struct card *st)
{
	switch (st->tab) {
	case TAB_COURSES:
		return &st->courses;
	case TAB_DIAG:
		return &st->diags;
	case TAB_INTERVIEWS:
		return &st->interviews;
	case TAB_VIEWS:
		return &st->views;
	default:
		return NULL;
	}
}

/* One rule for the key bar (why NULL) and the refusal: what the tab
 * shown asks of the policy. An F-key acts on the tab shown, never on
 * another tab's list. */
static bool may(struct card *st, int cmd, const char **why)
{
	const char *dummy;

	if (!why)
		why = &dummy;
	if (cmd != C_NEW && cmd != C_EDIT && cmd != C_ARCHIVE && cmd != C_OPEN)
		return true;
	switch (st->tab) {
	case TAB_SHEET:
		if (cmd == C_OPEN)
			return true;
		if (cmd == C_EDIT)
			return access_may(st->ss, P_PERSON_EDIT, st->id, why == &dummy ? NULL : why);
		*why = cmd == C_NEW ? "На справке нечего добавлять: курс, диагностика и собеседование "
				      "добавляются на своих вкладках (Tab)"
				    : "Убрать можно курс — на вкладке «Курсы ПК» (Tab)";
		return false;
	case TAB_DIAG:
		if (cmd == C_OPEN)
			return true;     /* opening a diagnostic: its card decides */
		if (cmd == C_ARCHIVE) {
			*why = "Диагностику из истории не убирают";
			return false;
		}
		if (!access_may_record_diag(st->ss, st->id, NULL, why == &dummy ? NULL : why))
			return false;
		if (cmd == C_EDIT) {
			/* As on the diagnostic's card: only one to whom its
			 * results are open corrects them. */
			const struct list_row *dr = ui_list_current(&st->diags);
			*why = "Изменять результаты может только тот, кому они открыты: " ACCESS_RESULTS_WHO;
			return dr == NULL || (access_disclosure(st->ss, st->id, 0, dr->id) & DISCLOSE_RESULTS);
		}
		return true;
	case TAB_VIEWS:
		if (cmd == C_OPEN)
			return true;
		*why = "Список просмотров ведёт сама программа: его не изменяют";
		return false;
	case TAB_INTERVIEWS:
		if (cmd == C_ARCHIVE) {
			*why = "Собеседование из истории не убирают: F4 — исправить его";
			return false;
		}
		break;
	default:
		break;
	}
	return access_may(st->ss, P_PERSON_EDIT, st->id, why == &dummy ? NULL : why);
}

/* Keys that act on the highlighted row: why there is none. */
static const char *no_row(struct card *st)
{
	switch (st->tab) {
	case TAB_COURSES:
		return "Курсов нет: изменять и убирать нечего";
	case TAB_DIAG:
		return "Диагностик нет: изменять нечего";
	case TAB_INTERVIEWS:
		return "Собеседований нет: изменять нечего";
	default:
		return NULL;
	}
}

static bool needs_row(struct card *st, int cmd)
{
	return (cmd == C_EDIT || cmd == C_ARCHIVE) && st->tab != TAB_SHEET;
}

static bool offers(struct screen *sc, int cmd)
{
	struct card *st = sc->state;
	struct ui_list *l = tab_list(st);

	if (!st->loaded || !may(st, cmd, NULL))
		return false;
	return !needs_row(st, cmd) || (l && ui_list_current(l));
}

static void remove_course(struct card *st, const struct list_row *r)
{
	struct record c;
	char q[400];

	if (store_get(st->ss->store, &model_course, NULL, r->id, &c) != ST_OK)
		return;
	snprintf(q, sizeof q, "Убрать курс «%s» из истории?", r->cols[1]);
	if (ui_confirm(q)) {
		int rc = store_set_archived(st->ss->store, &st->ss->actor, &model_course, c.id, c.version, true);
		if (rc == ST_OK)
			ui_list_reload(&st->courses);
		else
			screen_store_error(st->ss, rc);
	}
	record_free(&c);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct card *st = sc->state;
	struct ui_list *l;
	const struct list_row *r;
	const char *why;
	int ntabs = st->views_shown ? TAB_COUNT : TAB_VIEWS;

	sc->dirty = true;
	if (!st->loaded)
		return true;
	if (cmd == C_TAB || cmd == C_BACKTAB) {
		st->tab = (st->tab + (cmd == C_TAB ? 1 : ntabs - 1)) % ntabs;
		return true;
	}
	l = tab_list(st);
	r = l ? ui_list_current(l) : NULL;
	if (cmd == C_EDIT || cmd == C_NEW || cmd == C_ARCHIVE || cmd == C_OPEN) {
		if (cmd == C_OPEN && (r == NULL || st->tab == TAB_VIEWS))
			return true;
		if (!may(st, cmd, &why)) {
			ui_set_error("%s", why);
			return true;
		}
		if (needs_row(st, cmd) && r == NULL) {
			ui_set_error("%s", no_row(st));
			return true;
		}
		switch (st->tab) {
		case TAB_SHEET:
			ui_push(screen_record_form(st->ss, &model_person, st->id, 0, NULL, NULL));
			break;
		case TAB_COURSES:
			if (cmd == C_ARCHIVE)
				remove_course(st, r);
			else
				ui_push(screen_record_form(st->ss, &model_course, cmd == C_NEW ? 0 : r->id, st->id,
							   NULL, NULL));
			break;
		case TAB_DIAG:
			if (cmd == C_NEW)
				ui_push(screen_diag_form(st->ss, st->id, 0));
			else if (cmd == C_EDIT)
				ui_push(screen_diag_form(st->ss, st->id, r->id));
			else
				ui_push(screen_diagnostic(st->ss, r->id));
			break;
		case TAB_INTERVIEWS:
		{
			struct screen *iv = screen_interview(st->ss, st->id, cmd == C_NEW ? 0 : r->id, NULL, NULL);
			if (iv)
				ui_push(iv);
		}
			break;
		default:
			break;
		}
		return true;
	}
	if (l)
		ui_list_key(l, k);
	else
		ui_scroll_key(&st->scroll, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct card *st = sc->state;
	record_free(&st->rec);
	free(st->org_name);
	ui_list_free(&st->courses);
	ui_list_free(&st->diags);
	ui_list_free(&st->interviews);
	ui_list_free(&st->views);
	free(st);
}

static const struct screen_ops ops = { "person_card", keys, draw, key, load, free_state, NULL, NULL };

struct screen *screen_person_card(struct session *ss, int64_t id)
{
	struct card *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->id = id;
	{
		static const struct ui_column cols[] = {
			{ "Сроки", 6 },
			{ "Программа", 9 },
			{ "Объём", 2 },
			{ "Организатор", 4 },
		};
		ui_list_setup(&st->courses, course_fetch, NULL, st, cols, 4,
		              "Курсов нет (F7 — добавить)");
	}
	{
		static const struct ui_column cols[] = {
			{ "Дата", 3 },
			{ "Вид", 4 },
			{ "Форма", 6 },
			{ "Коды дефицитов", 6 },
		};
		ui_list_setup(&st->diags, diag_fetch, NULL, st, cols, 4,
		              "Диагностик нет");
	}
	{
		static const struct ui_column cols[] = {
			{ "Дата", 4 },
			{ "Курс", 8 },
			{ "Уровни освоения: сейчас → план", 11 },
			{ "Контроль", 3 },
		};
		ui_list_setup(&st->interviews, interview_fetch, NULL, st, cols, 4,
		              "Собеседований по итогам КПК нет (F7 — провести)");
	}
	{
		static const struct ui_column cols[] = {
			{ "Когда", 4 },
			{ "Кто", 4 },
			{ "Чьи", 4 },
			{ "Что открыто", 6 },
		};
		ui_list_setup(&st->views, view_fetch, NULL, st, cols, 4,
		              "Никто, кроме самого педагога, его результатов не открывал");
	}
	sc = screen_new(&ops, st, "Информационная справка");
	sc->offers = offers;
	load(sc);
	return sc;
}
