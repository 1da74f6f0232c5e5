/* The methodist pool against the norm, its members of the year with the
 * requirements checked per person (highest category, higher pedagogical
 * education, five years), and each curator's load for balancing (004
 * App.1 §4.2: one methodist to at most 200–250 teachers). Tab switches
 * between the members and the loads; F9 saves the year's list as text,
 * CSV or XLSX (the same as «marshrut report pool»). */
#include "screens/screens.h"
#include "analytics.h"
#include "report.h"
#include "secure.h"
#include "sshcmd.h"
#include "store/reports.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { C_OPEN = 1, C_YEAR, C_ADD, C_VIEW, C_EXPORT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(7), C_ADD, "Добав.", "включить педагога в список актива этого года (кандидатом)" },
	{ KEY_F(5), C_YEAR, "Год", "год состава методического актива" },
	{ KEY_F(9), C_EXPORT, "Список", "сохранить список актива этого года в файл (CSV, XLSX, текст)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ '\t', C_VIEW, NULL, "Tab — состав актива / нагрузка кураторов" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть запись актива (статус, оценка) или справку куратора" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct pool {
	struct session *ss;
	int year, teachers, size, curators;
	bool listed;
	bool loads;             /* the curators' loads, else the members */
	struct ui_list list;    /* the loads */
	struct ui_list members;
};

/* The members of the year, with the requirements checked. */
static int fetch_members(void *ctx, const struct page_req *r, struct page *out)
{
	struct pool *st = ctx;
	return store_pool_page(st->ss->store, st->year, r, out);
}

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct pool *st = ctx;
	int rc = store_curators_page(st->ss->store, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		int load = atoi(out->rows[i].cols[2]);
		free(out->rows[i].cols[3]);
		out->rows[i].cols[3] = xstrdup(analytics_overloaded(load) ? "перегружен: больше 250" : "");
	}
	return rc;
}

static void load_figures(struct pool *st)
{
	store_pool_figures(st->ss->store, st->year, &st->teachers, &st->size, &st->listed, &st->curators);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct pool *st = sc->state;
	int need_min, need_max, cols = getmaxx(w);
	char line[300];

	analytics_pool_norm(st->teachers, &need_min, &need_max);
	snprintf(line, sizeof line, "Педагогов в регионе: %d. Методический актив %d г.: %d чел.",
		 st->teachers, st->year, st->size);
	ui_put(w, 0, 1, line, cols - 2, A_NORMAL);
	if (!st->listed)
		ui_put(w, 1, 1, "Списка актива на этот год нет: посчитаны все «педагоги-методисты».",
		       cols - 2, A_DIM);
	{
		char need[40];
		if (need_min == need_max)
			snprintf(need, sizeof need, "%d", need_min);
		else
			snprintf(need, sizeof need, "от %d до %d", need_min, need_max);
		snprintf(line, sizeof line, "Норматив (1 методист на 200–250 педагогов): нужно %s — %s", need,
			 st->size < need_min ? "НЕ ХВАТАЕТ" : "выполнен");
	}
	ui_put(w, 2, 1, line, cols - 2, st->size < need_min ? A_BOLD : A_NORMAL);
	if (st->loads)
		snprintf(line, sizeof line, "Кураторов с подопечными: %d (сверху — самые загруженные); Tab — состав",
			 st->curators);
	else
		snprintf(line, sizeof line, "Состав актива %d г. и требования к методисту; Tab — нагрузка кураторов",
			 st->year);
	ui_put(w, 3, 1, line, cols - 2, A_DIM);
	ui_list_draw(st->loads ? &st->list : &st->members, w, 4, getmaxy(w) - 4);
}

static void reload(struct screen *sc)
{
	struct pool *st = sc->state;
	load_figures(st);
	ui_list_reload(&st->list);
	ui_list_reload(&st->members);
}

/* The year's list as «marshrut report pool» writes it, saved as a new
 * file in the user's home folder. */
static void export_list(struct pool *st)
{
	static const char *const formats[] = { "CSV (Excel)", "XLSX", "текст" };
	static const enum report_format fmt_of[] = { REPORT_CSV, REPORT_XLSX, REPORT_TXT };
	static const char *const ext[] = { "csv", "xlsx", "txt" };
	const char *home = getenv("HOME");
	struct report_table t;
	char err[300], *def, *path, *buf = NULL;
	size_t len = 0;
	int fmt;

	if ((fmt = ui_pick("Список актива: формат", formats, 3, 0)) < 0)
		return;
	def = xasprintf("%s/pool-%d.%s", home && *home ? home : ".", st->year, ext[fmt]);
	path = ui_prompt("Сохранить список актива в файл", def);
	free(def);
	if (path == NULL || !*path) {
		free(path);
		return;
	}
	if (store_pool_report(st->ss->store, st->year, &t) != ST_OK) {
		ui_set_error("Список не построен: %s", store_errmsg(st->ss->store));
	} else {
		if (report_render(&t, fmt_of[fmt], &buf, &len, err, sizeof err) != 0)
			ui_set_error("Список не построен: %s", err);
		else if (secure_write_new(path, buf, len, err, sizeof err) != 0)
			ui_set_error("%s", err);
		else {
			/* Over SSH: the one command that brings the list to his PC. */
			char year[8], *local, *note;
			const char *args[6];
			snprintf(year, sizeof year, "%d", st->year);
			args[0] = "report", args[1] = "pool", args[2] = "--year", args[3] = year;
			args[4] = "--format", args[5] = ext[fmt];
			local = xasprintf("pool-%d.%s", st->year, ext[fmt]);
			note = sshcmd_fetch_note(st->ss->cfg, st->ss->real_login, path, args, 6, local);
			ui_set_status("Список актива сохранён: %s (%d чел.)", path, t.nrows);
			if (note)
				ui_message("Список сохранён", note);
			free(note);
			free(local);
		}
		report_table_free(&t);
	}
	free(buf);
	free(path);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct pool *st = sc->state;
	struct ui_list *l = st->loads ? &st->list : &st->members;
	const struct list_row *r = ui_list_current(l);

	sc->dirty = true;
	if (cmd == C_VIEW) {
		st->loads = !st->loads;
	} else if (cmd == C_EXPORT) {
		export_list(st);
	} else if (cmd == C_OPEN && r && st->loads) {
		ui_push(screen_person_card(st->ss, r->id));
	} else if (cmd == C_OPEN && r) {
		int64_t person = 0;
		struct record rec;
		if (store_get(st->ss->store, &model_methodist_pool, NULL, r->id, &rec) == ST_OK) {
			const char *p = rec.v[model_field_index(&model_methodist_pool, "person_id")];
			person = p ? strtoll(p, NULL, 10) : 0;
			record_free(&rec);
		}
		ui_push(screen_record_form(st->ss, &model_methodist_pool, r->id, person, NULL, NULL));
	} else if (cmd == C_ADD) {
		int64_t person = screen_pick_person(st->ss, 0);
		if (person && store_pool_add(st->ss->store, &st->ss->actor, st->year, person) != ST_OK)
			ui_set_error("Не добавлен: %s", store_errmsg(st->ss->store));
		else if (person) {
			ui_set_status("Добавлен кандидатом; Enter — статус и оценка");
			st->loads = false;
			ui_list_reset(&st->members);
		}
	} else if (cmd == C_YEAR) {
		if (screen_ask_year("Год состава актива", &st->year)) {
			load_figures(st);
			ui_list_reset(&st->members);
		}
	} else {
		ui_list_key(l, k);
	}
	return true;
}

static void free_state(struct screen *sc)
{
	struct pool *st = sc->state;
	ui_list_free(&st->list);
	ui_list_free(&st->members);
	free(st);
}

static const struct screen_ops ops = { "pool", keys, draw, key, reload, free_state, NULL, NULL };

struct screen *screen_pool(struct session *ss)
{
	struct pool *st = xcalloc(1, sizeof *st);

	st->ss = ss;
	st->year = screen_this_year();
	st->loads = true;
	load_figures(st);
	{
		static const struct ui_column cols[] = {
			{ "Куратор", 9 },
			{ "Организация", 6 },
			{ "Педагогов", 3 },
			{ "", 5 },
		};
		static const struct ui_column mcols[] = {
			{ "Методист", 7 },
			{ "Статус", 4 },
			{ "Требования", 8 },
			{ "Курирует", 2 },
		};
		ui_list_setup(&st->list, fetch, NULL, st, cols, 4,
		              "Кураторов с подопечными нет");
		ui_list_setup(&st->members, fetch_members, NULL, st, mcols, 4,
		              "Списка актива на этот год нет: F7 — добавить педагога");
	}
	return screen_new(&ops, st, "Методический актив и нагрузка кураторов");
}
