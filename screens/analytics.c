/* Typical (mass) deficits of a group — the region, a municipality, a school,
 * optionally one subject: how many teachers have each deficit code and each
 * level per block, entry against final. Nothing is shown for a group
 * smaller than the configured minimum. */
#include "screens/screens.h"
#include "analytics.h"
#include "config.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_GROUP = 1, C_SUBJECT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(5), C_GROUP, "Группа", "регион, муниципалитет или организация" },
	{ KEY_F(6), C_SUBJECT, "Предмет", "только педагоги предмета (пусто — все)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, PgDn/PgUp — прокрутка" },
	{ 0, 0, NULL, NULL }
};

#define MAX_CODES 200

struct analytics {
	struct session *ss;
	struct store_scope sc;
	char kind[8];
	int64_t id;
	char group_name[200];
	char subject[128];
	char **lines;
	int nlines, scroll;
};

static void add(struct analytics *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct analytics *st, const char *fmt, ...)
{
	va_list ap;
	st->lines = xrealloc(st->lines, (size_t)(st->nlines + 1) * sizeof *st->lines);
	va_start(ap, fmt);
	st->lines[st->nlines++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static void clear_lines(struct analytics *st)
{
	for (int i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	free(st->lines);
	st->lines = NULL;
	st->nlines = 0;
}

static const char *change(int from, int to, char buf[16])
{
	snprintf(buf, 16, "%+d", to - from);
	return buf;
}

static void load(struct screen *sc)
{
	struct analytics *st = sc->state;
	struct deficit_group g = { st->kind, st->id, st->subject[0] ? st->subject : NULL };
	struct deficit_stat *codes = xcalloc(MAX_CODES, sizeof *codes);
	struct level_stat levels[10];
	int size, ncodes, nlevels;
	char c[16], name[64];

	clear_lines(st);
	if (store_deficit_stats(st->ss->store, &g, &size, codes, MAX_CODES, &ncodes, levels, 10,
				&nlevels) != ST_OK) {
		screen_store_error(st->ss, ST_ERROR);
	} else if (size == 0) {
		add(st, "%s", "В группе нет педагогов с входной диагностикой.");
	} else if (analytics_withheld(st->ss->cfg, size)) {
		add(st, "%s", analytics_withheld_text(st->ss->cfg, size));
	} else {
		add(st, "Педагогов с входной диагностикой: %d", size);
		add(st, "%s", "");
		add(st, "%s", "Код      Входная  Итоговая  Изменение  Дефицит");
		for (int i = 0; i < ncodes; i++) {
			char w[256];
			text_fit_ellipsis(codes[i].wording, 42, w, sizeof w);
			add(st, "%s%*s %7d  %8d  %9s  %s", codes[i].code, 8 - text_width(codes[i].code), "",
			    codes[i].entry, codes[i].final, change(codes[i].entry, codes[i].final, c), w);
		}
		add(st, "%s", "");
		add(st, "%s", "Уровень дефицита по блокам (входная → итоговая), педагогов:");
		add(st, "%s", "Блок компетенций               высокий     средний     низкий");
		for (int i = 0; i < nlevels; i++) {
			text_fit_ellipsis(levels[i].block, 30, name, sizeof name);
			add(st, "%s%*s %4d → %-4d %4d → %-4d %4d → %-4d", name, 30 - text_width(name), "",
			    levels[i].entry[0], levels[i].final[0], levels[i].entry[1], levels[i].final[1],
			    levels[i].entry[2], levels[i].final[2]);
		}
	}
	for (int i = 0; i < ncodes; i++)
		free(codes[i].wording);
	free(codes);
	snprintf(sc->title, sizeof sc->title, "Типичные дефициты: %s%s%s", st->group_name,
		 st->subject[0] ? ", предмет: " : "", st->subject);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct analytics *st = sc->state;
	int h = getmaxy(w), cols = getmaxx(w);

	if (st->scroll > st->nlines - 1)
		st->scroll = st->nlines > 0 ? st->nlines - 1 : 0;
	for (int y = 0; y < h && st->scroll + y < st->nlines; y++)
		ui_put(w, y, 1, st->lines[st->scroll + y], cols - 2, y == 0 ? A_BOLD : A_NORMAL);
}

static void set_group(struct analytics *st, const char *kind, int64_t id)
{
	char *name;

	strlcpy0(st->kind, kind, sizeof st->kind);
	st->id = id;
	if (strcmp(kind, "region") == 0) {
		char *r = store_meta_get(st->ss->store, "region_name");
		strlcpy0(st->group_name, r ? r : "регион", sizeof st->group_name);
		free(r);
		return;
	}
	name = store_ref_name(st->ss->store, strcmp(kind, "mun") == 0 ? "municipality" : "organisation", id);
	strlcpy0(st->group_name, name, sizeof st->group_name);
	free(name);
}

/* The groups this user reaches: the region (whole-region scope), the
 * municipalities of his scope, or an organisation picked from his scope. */
static void pick_group(struct analytics *st)
{
	const char *labels[40];
	char *owned[40];
	int64_t ids[40], mun_ids[32];
	const char *kinds[40];
	int n = 0, nm, choice;
	char *mlabels[32];

	if (st->sc.all) {
		kinds[n] = "region", ids[n] = 0, owned[n] = NULL, labels[n++] = "Регион целиком";
		nm = store_small_catalog(st->ss->store, "municipality", mun_ids, mlabels, 32);
		for (int i = 0; i < nm; i++) {
			kinds[n] = "mun", ids[n] = mun_ids[i];
			owned[n] = xasprintf("Муниципалитет: %s", mlabels[i]);
			labels[n] = owned[n];
			n++;
			free(mlabels[i]);
		}
	} else if (strcmp(st->sc.muns, "[]") != 0) {
		int64_t m = atoll(st->sc.muns + 1);   /* "[id,...]": the first */
		char *name = store_ref_name(st->ss->store, "municipality", m);
		kinds[n] = "mun", ids[n] = m, owned[n] = xasprintf("Муниципалитет: %s", name);
		labels[n] = owned[n];
		n++;
		free(name);
	}
	kinds[n] = "org", ids[n] = 0, owned[n] = NULL, labels[n++] = "Организация…";
	choice = ui_pick("Группа", labels, n, 0);
	if (choice >= 0) {
		if (strcmp(kinds[choice], "org") == 0) {
			int64_t org = screen_pick_org(st->ss, P_PERSON_VIEW);
			if (org)
				set_group(st, "org", org);
		} else {
			set_group(st, kinds[choice], ids[choice]);
		}
	}
	for (int i = 0; i < n; i++)
		free(owned[i]);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct analytics *st = sc->state;
	char *text;

	sc->dirty = true;
	if (cmd == C_GROUP) {
		pick_group(st);
		load(sc);
	} else if (cmd == C_SUBJECT) {
		text = ui_prompt("Предмет (часть названия; пусто — все)", st->subject);
		if (text) {
			strlcpy0(st->subject, text, sizeof st->subject);
			free(text);
			load(sc);
		}
	} else if (k.code == KEY_DOWN) {
		st->scroll++;
	} else if (k.code == KEY_UP && st->scroll > 0) {
		st->scroll--;
	} else if (k.code == KEY_NPAGE) {
		st->scroll += ui_body_lines() - 1;
	} else if (k.code == KEY_PPAGE) {
		st->scroll = st->scroll > ui_body_lines() ? st->scroll - ui_body_lines() + 1 : 0;
	}
	return true;
}

static void free_state(struct screen *sc)
{
	struct analytics *st = sc->state;
	clear_lines(st);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "analytics", keys, draw, key, load, free_state, NULL };

struct screen *screen_analytics(struct session *ss)
{
	struct analytics *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->sc = access_scope(ss, P_PERSON_VIEW);
	/* The widest group the user reaches, to begin with. */
	if (st->sc.all)
		set_group(st, "region", 0);
	else if (strcmp(st->sc.muns, "[]") != 0)
		set_group(st, "mun", atoll(st->sc.muns + 1));
	else if (strcmp(st->sc.orgs, "[]") != 0)
		set_group(st, "org", atoll(st->sc.orgs + 1));
	sc = screen_new(&ops, st, "Типичные дефициты");
	load(sc);
	return sc;
}

/* Whether the user reaches a group at all (not only himself or the
 * teachers he curates). */
bool screen_analytics_available(struct session *ss)
{
	struct store_scope sc = access_scope(ss, P_PERSON_VIEW);
	bool ok = sc.all || strcmp(sc.muns, "[]") != 0 || strcmp(sc.orgs, "[]") != 0;
	access_scope_free(&sc);
	return ok;
}
