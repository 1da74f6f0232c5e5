/* The monitoring cycle's decisions: the plan of support measures and the
 * targeted recommendations, each addressed to the region, a municipality
 * or a school and linked to the indicator it answers, with its state. */
#include "screens/screens.h"
#include "effect.h"
#include "secure.h"
#include "text.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { C_OPEN = 1, C_NEW, C_TAB, C_YEAR, C_STATE, C_CLEAR, C_PRINT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(5), C_YEAR, "Год", "год (0 — все годы)" },
	{ KEY_F(6), C_STATE, "Сост.", "фильтр по состоянию" },
	{ KEY_F(7), C_NEW, "Новая", "добавить меру поддержки или рекомендацию" },
	{ KEY_F(9), C_PRINT, "Печать", "сохранить меру с влиянием на показатель (до и после) в текстовый файл" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ '\t', C_TAB, NULL, "Tab — меры поддержки / адресные рекомендации" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть запись" },
	{ UI_KEY_ESC, C_CLEAR, NULL, "Esc — сбросить фильтр состояния, повторно — назад" },
	{ 0, 0, NULL, NULL }
};

struct measures {
	struct session *ss;
	struct store_scope sc;
	struct measure_filter f;
	char state[16];
	struct ui_list list;
	/* The current measure's effect, kept while the row and year stay. */
	int64_t eff_id;
	int eff_year;
	bool eff_ok;
	struct measure_effect eff;
};

/* The year a standing measure (no year of its own) is looked at in: the
 * list's year, or this year when the list shows all years. */
static int effect_year(const struct measures *st)
{
	time_t now = time(NULL);
	struct tm tm;

	if (st->f.year)
		return st->f.year;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* Beneath the plan's list: the linked indicator of the measure under the
 * cursor, the year before the measure and the measure's year. */
static void draw_effect(struct measures *st, WINDOW *w, int y)
{
	const struct list_row *r = ui_list_current(&st->list);
	int width = getmaxx(w) - 2;
	char line[400];

	if (r == NULL)
		return;
	if (r->id != st->eff_id || effect_year(st) != st->eff_year) {
		if (st->eff_id)
			measure_effect_free(&st->eff);
		st->eff_id = r->id;
		st->eff_year = effect_year(st);
		st->eff_ok = measure_effect_get(st->ss->store, st->ss->cfg, r->id, st->eff_year, &st->eff) == ST_OK;
	}
	if (!st->eff_ok) {
		ui_put(w, y + 1, 1, "Влияние на показатель не вычислено", width, A_DIM);
		return;
	}
	if (st->eff.link.indicator_id) {
		snprintf(line, sizeof line, "Показатель %s: %s", st->eff.link.code, st->eff.link.name);
		ui_put(w, y, 1, line, width, A_DIM);
	}
	measure_effect_line(&st->eff, line, sizeof line);
	if (st->eff.link.indicator_id) {
		char *full = xasprintf("До и после: %s", line);
		ui_put(w, y + 1, 1, full, width, A_BOLD);
		free(full);
	} else {
		char *full = xasprintf("%s (Enter — открыть меру и выбрать показатель)", line);
		ui_put(w, y + 1, 1, full, width, A_DIM);
		free(full);
	}
}

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct measures *st = ctx;
	return store_measure_page(st->ss->store, &st->sc, &st->f, r, out);
}

static int count(void *ctx, int *n)
{
	struct measures *st = ctx;
	return store_measure_count(st->ss->store, &st->sc, &st->f, n);
}

static const struct table_desc *desc(struct measures *st)
{
	return st->f.recommendations ? &model_recommendation : &model_measure;
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct measures *st = sc->state;
	char line[200], year[16];

	if (st->f.recommendations) {
		ui_list_draw(&st->list, w, 2, getmaxy(w) - 2);
	} else {
		ui_list_draw(&st->list, w, 2, getmaxy(w) - 4);
		draw_effect(st, w, getmaxy(w) - 2);
	}
	ui_put(w, 0, 1, st->f.recommendations ? "[ Меры поддержки ]  [*Адресные рекомендации*]   Tab"
					      : "[*Меры поддержки*]  [ Адресные рекомендации ]   Tab",
	       getmaxx(w) - 2, A_NORMAL);
	snprintf(year, sizeof year, "%d", st->f.year);
	snprintf(line, sizeof line, "Год: %s   Состояние: %s   Записей: %d", st->f.year ? year : "все",
		 st->state[0] ? model_enum_label(st->f.recommendations ? model_recommendation_states
								    : model_measure_states, st->state) : "все",
		 st->list.total);
	ui_put(w, 1, 1, line, getmaxx(w) - 2, A_DIM);
}

static void reload(struct screen *sc)
{
	struct measures *st = sc->state;
	/* A measure edited (its indicator, year or addressee) is read again. */
	st->eff_year = 0;
	ui_list_reload(&st->list);
}

/* The first two columns name what the list shows now. */
static void headers(struct measures *st)
{
	st->list.headers[0] = st->f.recommendations ? "Дата" : "Год";
	st->list.headers[1] = st->f.recommendations ? "Рекомендация" : "Мероприятие";
}

/* The measure under the cursor, with its effect, to a new text file. */
static void print_measure(struct measures *st, int64_t id)
{
	const char *home = getenv("HOME");
	char *def = xasprintf("%s/мера-%lld.txt", home && *home ? home : ".", (long long)id), *path, err[300];
	char *buf = NULL;
	size_t len = 0;
	struct measure_effect e;
	FILE *mem;

	path = ui_prompt("Сохранить меру для печати (текст) в файл", def);
	free(def);
	if (path == NULL || !*path) {
		free(path);
		return;
	}
	if (measure_effect_get(st->ss->store, st->ss->cfg, id, effect_year(st), &e) != ST_OK) {
		ui_set_error("Мера не сохранена: %s", store_errmsg(st->ss->store));
		measure_effect_free(&e);
		free(path);
		return;
	}
	/* Built in memory first: nothing half-written reaches the file. */
	mem = open_memstream(&buf, &len);
	if (mem) {
		measure_effect_print(&e, mem);
		fclose(mem);
	}
	measure_effect_free(&e);
	if (mem == NULL)
		ui_set_error("Мера не сохранена: нет памяти");
	else if (secure_write_new(path, buf, len, err, sizeof err) != 0)
		ui_set_error("%s", err);
	else
		ui_set_status("Мера сохранена: %s", path);
	free(buf);
	free(path);
}

/* One rule for the key bar (why NULL) and the refusal. */
static bool may(struct measures *st, int cmd, const char **why)
{
	if (cmd == C_PRINT)
		return !st->f.recommendations && ui_list_current(&st->list) != NULL;
	return cmd != C_NEW || access_may(st->ss, P_MEASURES, 0, why);
}

static bool offers(struct screen *sc, int cmd)
{
	return may(sc->state, cmd, NULL);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct measures *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;
	char *text;

	sc->dirty = true;
	switch (cmd) {
	case C_TAB:
		st->f.recommendations = !st->f.recommendations;
		st->state[0] = '\0';
		st->f.state = NULL;
		headers(st);
		ui_list_reset(&st->list);
		return true;
	case C_NEW:
		/* Who may, depends on whom the record addresses: checked on save. */
		if (!may(st, C_NEW, &why))
			ui_set_error("%s", why);
		else
			ui_push(screen_record_form(st->ss, desc(st), 0, 0, NULL, NULL));
		return true;
	case C_PRINT:
		if (r && !st->f.recommendations)
			print_measure(st, r->id);
		return true;
	case C_OPEN:
		if (r)
			ui_push(screen_record_form(st->ss, desc(st), r->id, 0, NULL, NULL));
		return true;
	case C_YEAR: {
		char cur[8];
		snprintf(cur, sizeof cur, "%d", st->f.year);
		text = ui_prompt("Год (0 — все годы)", cur);
		if (text) {
			char *end;
			long y = strtol(text, &end, 10);
			if (*end || (y != 0 && (y < 2000 || y > 2100)))
				ui_set_error("Год — число от 2000 до 2100, или 0");
			else {
				st->f.year = (int)y;
				ui_list_reset(&st->list);
			}
			free(text);
		}
		return true;
	}
	case C_STATE: {
		const struct enum_opt *opts = st->f.recommendations ? model_recommendation_states
								    : model_measure_states;
		if (screen_pick_filter("Состояние", "все", opts, st->state, sizeof st->state)) {
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

static void free_state(struct screen *sc)
{
	struct measures *st = sc->state;
	ui_list_free(&st->list);
	if (st->eff_id)
		measure_effect_free(&st->eff);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "measures", keys, draw, key, reload, free_state, NULL, NULL };

struct screen *screen_measures(struct session *ss)
{
	struct measures *st = xcalloc(1, sizeof *st);
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	st->ss = ss;
	st->sc = access_scope(ss, P_ORG_VIEW);
	st->f.year = tm.tm_year + 1900;
	{
		static const struct ui_column cols[] = {
			{ "Год", 3 },
			{ "Мероприятие", 11 },
			{ "Кому", 5 },
			{ "Состояние", 4 },
		};
		ui_list_setup(&st->list, fetch, count, st, cols, 4, "Записей нет (F7 — добавить)");
	}
	struct screen *made = screen_new(&ops, st, "Меры поддержки и адресные рекомендации");

	made->offers = offers;
	return made;
}
