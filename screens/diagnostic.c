/* The card of one diagnostic. The per-block results are drawn only when the
 * policy allows this user the teacher's results; otherwise the store is not
 * even asked for them, and the card shows what the statute hands the
 * school: kind, form, date, the deficits with their codes, the
 * recommendations. */
#include "screens/screens.h"
#include "date.h"
#include "store/diag.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_EDIT = 1, C_IOM, C_DEVELOPER };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(4), C_EDIT, "Правка", "исправить диагностику (оператор диагностики)" },
	{ KEY_F(5), C_DEVELOPER, "Разраб.", "передать диагностику разработчику для построения ИОМ" },
	{ KEY_F(7), C_IOM, "ИОМ", "разработать ИОМ по этой диагностике (разработчик)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться к справке педагога" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, PgDn/PgUp — прокрутка" },
	{ 0, 0, NULL, NULL }
};

struct dcard {
	struct session *ss;
	int64_t id;
	struct diagnostic d;
	bool loaded;
	bool viewed;       /* its opening is logged (access transparency) once */
	int scroll;
	char **lines;      /* the card as text lines, made on load */
	int nlines;
};

static void add(struct dcard *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct dcard *st, const char *fmt, ...)
{
	va_list ap;

	st->lines = xrealloc(st->lines, (size_t)(st->nlines + 1) * sizeof *st->lines);
	va_start(ap, fmt);
	st->lines[st->nlines++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Free text wrapped into lines of width columns, after an indent. */
static void add_wrapped(struct dcard *st, const char *indent, const char *text, int width)
{
	char *clean = text_sanitize(text ? text : "");
	struct text_lines wl = { 0 };

	text_wrap(clean, width, width, &wl);
	for (int i = 0; i < wl.n; i++)
		add(st, "%s%s", indent, wl.v[i]);
	text_lines_free(&wl);
	free(clean);
}

/* A percent right-aligned in 5 columns; "—" when not given (one column,
 * three bytes: padded by columns, not by bytes). */
static const char *pct(int v, char buf[12])
{
	if (v < 0)
		return "    —";
	snprintf(buf, 12, "%5d", v);
	return buf;
}

static void build(struct dcard *st)
{
	struct diagnostic *d = &st->d;
	char day[11], given[11], a[12], b[12], c[12], e[12], name[64];

	for (int i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	free(st->lines);
	st->lines = NULL;
	st->nlines = 0;
	date_format_ru(d->date, day);
	date_format_ru(d->result_given, given);
	add(st, "Дата: %s   Вид: %s", day, model_enum_label(diag_kinds, d->kind));
	add(st, "Форма: %s%s", model_enum_label(diag_forms, d->form),
	    d->ordered ? "   (по заказу органа управления)" : "");
	if (d->subject)
		add(st, "Предмет: %s", d->subject);
	if (d->organiser)
		add(st, "Проводил: %s", d->organiser);
	add(st, "Результаты сообщены: %s", given[0] ? given : "ещё нет");
	if (d->developer_id) {
		char *dev = store_ref_name(st->ss->store, "person", d->developer_id);
		add(st, "ИОМ строит: %s", dev);
		free(dev);
	}
	if (d->application_id) {
		char *app = store_ref_name(st->ss->store, "diagnostic_application", d->application_id);
		add(st, "По заявке: %s", app);
		free(app);
	}
	add(st, "%s", "");
	if (d->with_results) {
		if (d->pct_overall >= 0)
			snprintf(a, sizeof a, "%d", d->pct_overall);
		add(st, "Общий процент освоения: %s %%%s%s", d->pct_overall >= 0 ? a : "—", d->level[0] ? " — " : "",
		    d->level[0] ? model_enum_label(diag_levels, d->level) : "");
		/* Columns of five screen columns: the labels are Cyrillic, so
		 * no byte-counted %5s. */
		add(st, "Блок компетенций%*s  Низк Средн Высок Общий  Уровень", 30 - text_width("Блок компетенций"), "");
		for (int i = 0; i < d->nblocks; i++) {
			const struct diag_block *bl = &d->blocks[i];
			text_fit_ellipsis(bl->block_name, 30, name, sizeof name);
			/* Pad by columns, not bytes: the names are Cyrillic. */
			add(st, "%s%*s %s %s %s %s  %s", name, 30 - text_width(name), "",
			    pct(bl->pct_low, a), pct(bl->pct_medium, b), pct(bl->pct_high, c),
			    pct(bl->pct_overall, e), bl->level[0] ? model_enum_label(diag_levels, bl->level) : "");
		}
		for (int i = 0; i < d->nblocks; i++)
			if (d->blocks[i].difficulties) {
				add(st, "%s", "");
				add(st, "Затруднения — %s:", d->blocks[i].block_name);
				add_wrapped(st, "  ", d->blocks[i].difficulties, 74);
			}
	} else {
		add_wrapped(st, "", "Результаты по блокам конфиденциальны: " ACCESS_RESULTS_WHO ".", 76);
	}
	add(st, "%s", "");
	if (!d->with_findings)
		add(st, "%s", "Выявленные дефициты и рекомендации: " ACCESS_MASKED ".");
	else
		add(st, "Выявленные дефициты (%d):", d->ndeficits);
	for (int i = 0; i < d->ndeficits; i++) {
		char *w = store_ref_name(st->ss->store, "deficit_code", d->deficit_ids[i]);
		add_wrapped(st, "  ", w, 74);
		free(w);
	}
	if (d->recommendations) {
		add(st, "%s", "");
		add(st, "%s", "Рекомендации:");
		add_wrapped(st, "  ", d->recommendations, 74);
	}
}

static void load(struct screen *sc)
{
	struct dcard *st = sc->state;
	int64_t person = store_diag_person(st->ss->store, st->id);
	unsigned disclose;
	char *name;
	int rc;

	diag_free(&st->d);
	diag_init(&st->d);
	st->loaded = false;
	if (!access_may(st->ss, P_PERSON_VIEW, person, NULL)) {
		ui_set_error("Нет доступа к этой диагностике");
		return;
	}
	disclose = st->viewed ? access_disclosure(st->ss, person, 0, st->id)
			      : access_disclosure_open(st->ss, person, 0, st->id, "diagnostic", st->id,
						       "карточка диагностики");
	st->viewed = true;
	rc = store_diag_get(st->ss->store, st->id, disclose, &st->d);
	if (rc != ST_OK) {
		screen_store_error(st->ss, rc);
		return;
	}
	st->loaded = true;
	name = store_ref_name(st->ss->store, "person", person);
	snprintf(sc->title, sizeof sc->title, "Диагностика: %s", name);
	free(name);
	build(st);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct dcard *st = sc->state;
	int h = getmaxy(w), cols = getmaxx(w);

	if (!st->loaded) {
		ui_put(w, 1, 2, "Диагностика недоступна", cols - 4, A_BOLD);
		return;
	}
	ui_scroll_clamp(&st->scroll, st->nlines, h);
	for (int y = 0; y < h && st->scroll + y < st->nlines; y++)
		ui_put(w, y, 1, st->lines[st->scroll + y], cols - 2, A_NORMAL);
}

/* The operator hands the diagnostic to a developer to build the card:
 * from then on that developer sees it and the radar counts his 10 days. */
/* One rule for the key bar (why NULL) and the refusal. */
static bool may(struct dcard *st, int cmd, const char **why)
{
	static const char *const not_open = "Изменять результаты может только тот, кому они открыты: "
		ACCESS_RESULTS_WHO;
	const char *dummy;

	if (!why)
		why = &dummy;
	if (!st->loaded)
		return true;
	switch (cmd) {
	case C_EDIT:
		if (!access_may_record_diag(st->ss, st->d.person_id, st->d.kind, why == &dummy ? NULL : why))
			return false;
		*why = not_open;
		return st->d.with_results && st->d.with_findings;
	case C_DEVELOPER:
		*why = "Передать диагностику разработчику может оператор диагностики (ЦНППМ)";
		if (!access_may(st->ss, P_DIAG_RECORD, st->d.person_id, NULL))
			return false;
		*why = "Передать диагностику может тот, кому открыты её результаты";
		return st->d.with_results;
	case C_IOM:
		return access_iom(st->ss, IOM_CREATE, st->d.person_id, 0, NULL, why == &dummy ? NULL : why);
	default:
		return true;
	}
}

static bool offers(struct screen *sc, int cmd)
{
	return may(sc->state, cmd, NULL);
}

static void assign_developer(struct dcard *st)
{
	int64_t ids[40];
	char *labels[41];
	int n, choice, rc;

	const char *why;

	if (!may(st, C_DEVELOPER, &why)) {
		ui_set_error("%s", why);
		return;
	}
	n = store_developer_candidates(st->ss->store, ids, labels, 40);
	if (n == 0) {
		ui_set_error("Нет пользователей с ролью «разработчик ИОМ»");
		return;
	}
	labels[n] = xstrdup("— никому (снять передачу)");
	choice = ui_pick("Кому передать диагностику для построения ИОМ", (const char *const *)labels, n + 1, 0);
	if (choice >= 0) {
		rc = store_diag_set_developer(st->ss->store, &st->ss->actor, st->id, st->d.version,
					      choice < n ? ids[choice] : 0);
		if (rc != ST_OK)
			screen_store_error(st->ss, rc);
		else
			ui_set_status(choice < n ? "Диагностика передана разработчику" : "Передача снята");
	}
	for (int i = 0; i <= n; i++)
		free(labels[i]);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct dcard *st = sc->state;
	const char *why;

	sc->dirty = true;
	if (cmd == C_EDIT && st->loaded) {
		if (!may(st, C_EDIT, &why))
			ui_set_error("%s", why);
		else
			ui_push(screen_diag_form(st->ss, st->d.person_id, st->id));
		return true;
	}
	if (cmd == C_DEVELOPER && st->loaded) {
		assign_developer(st);
		load(sc);
		return true;
	}
	if (cmd == C_IOM && st->loaded) {
		if (!may(st, C_IOM, &why))
			ui_set_error("%s", why);
		else
			screen_iom_create(st->ss, st->d.person_id, st->id);
		return true;
	}
	ui_scroll_key(&st->scroll, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct dcard *st = sc->state;

	diag_free(&st->d);
	for (int i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	free(st->lines);
	free(st);
}

static const struct screen_ops ops = { "diagnostic", keys, draw, key, load, free_state, NULL, NULL };

struct screen *screen_diagnostic(struct session *ss, int64_t diag_id)
{
	struct dcard *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->id = diag_id;
	diag_init(&st->d);
	sc = screen_new(&ops, st, "Диагностика");
	sc->offers = offers;
	load(sc);
	return sc;
}
