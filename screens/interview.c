/* The Omsk screens (000): the template chosen for a new card, and the
 * interview with a teacher after a course (App. 3): the course picked from
 * the teacher's course history, the five stages with their guiding
 * questions (conf/interview.conf) shown under the form, and the level of
 * mastery now and planned per competency. The levels are results of the
 * disclosure rule: a viewer who may not see them gets them masked and
 * cannot change them. */
#include "screens/screens.h"
#include "catalog.h"
#include "config.h"
#include "date.h"
#include "store/omsk.h"
#include "text.h"
#include "ui/form.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_SAVE = 1, C_PICK };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_SAVE, "Сохран", "сохранить собеседование" },
	{ KEY_F(3), C_PICK, "Выбор", "выбрать курс или уровень из списка (или Enter на поле)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "закрыть форму (спросит, если есть несохранённые изменения)" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — то же, что F10" },
	{ '\t', CMD_NONE, NULL, "Tab, Вниз, Enter — следующее поле; Shift-Tab, Вверх — предыдущее" },
	{ KEY_NPAGE, CMD_NONE, NULL, "PgDn — следующая страница формы, PgUp — предыдущая" },
	{ 0, 0, NULL, NULL }
};

/* Field order: course, date, the five stages, two per competency, then
 * the employer's follow-up. */
enum { IF_COURSE, IF_DATE, IF_STAGE0, IF_LEVELS = IF_STAGE0 + INTERVIEW_STAGES };

#define QUESTION_ROWS 9
#define DRAFT_SCREEN "interview"

struct iv_screen {
	struct session *ss;
	struct interview iv;
	struct interview_stage *stages;   /* from conf/interview.conf, may be NULL */
	int nstages;
	char *conf_err;                   /* why the questions are missing */
	struct uf_field *fields;
	char **labels;
	int nfields;
	struct ui_form *form;
	WINDOW *fw;                       /* the form's part of the body */
	WINDOW *parent;                   /* the body fw was made in */
	int body_h, body_w;
	bool masked;                      /* the levels are not for this viewer */
	bool saved;
	bool from_draft;                  /* restored after a hang-up */
	void (*on_saved)(void *ctx, int64_t id);
	void *ctx;
};

static int f_followup(const struct iv_screen *st)
{
	return IF_LEVELS + 2 * st->iv.nlevels;
}

static const struct interview_stage *stage_conf(const struct iv_screen *st, int k)
{
	for (int i = 0; i < st->nstages; i++)
		if (strcmp(st->stages[i].key, interview_stage_keys[k]) == 0)
			return &st->stages[i];
	return NULL;
}

/* The stage a field belongs to (the levels are the design stage's). */
static int stage_of(const struct iv_screen *st, int f)
{
	if (f >= IF_STAGE0 && f < IF_LEVELS)
		return f - IF_STAGE0;
	if (f >= IF_LEVELS && f < f_followup(st))
		return 3;
	return -1;
}

static const char *level_label(const char *code)
{
	return code && *code ? model_enum_label(model_mastery_levels, code) : "";
}

static void draw_questions(struct iv_screen *st, WINDOW *w, int y0, int cols)
{
	int f = uf_current(st->form), k = stage_of(st, f), y = y0 + 1;
	const struct interview_stage *sc = k >= 0 ? stage_conf(st, k) : NULL;
	char head[300];

	wmove(w, y0, 0);
	wclrtobot(w);
	{
		/* A rule of box-drawing characters (UTF-8 throughout). */
		char rule[3 * 300 + 1] = "";
		for (int i = 0; i < cols - 2 && i < 300; i++)
			strcat(rule, "─");
		ui_put(w, y0, 1, rule, cols - 2, A_DIM);
	}
	if (k < 0) {
		ui_put(w, y++, 2, "Собеседование по результатам обучения на КПК, пять этапов.", cols - 4, A_DIM);
		ui_put(w, y, 2, "Обсуждаемые вопросы этапа — здесь, когда курсор в поле этапа.", cols - 4, A_DIM);
		return;
	}
	if (sc == NULL) {
		snprintf(head, sizeof head, "Вопросы этапа не загружены: %s",
			 st->conf_err ? st->conf_err : "этапа нет в файле вопросов");
		ui_put(w, y, 2, head, cols - 4, A_BOLD);
		return;
	}
	/* The stage's name on the rule itself: every line below is a question's. */
	snprintf(head, sizeof head, " Этап «%s» — обсуждаемые вопросы: ", sc->title);
	ui_put(w, y0, 3, head, cols - 6, A_BOLD);
	y = y0 + 1;
	for (int q = 0; q < sc->nquestions; q++) {
		struct text_lines l = { NULL, 0, 0 };
		char *clean = text_sanitize(sc->questions[q]);
		text_wrap(clean, cols - 6, cols - 6, &l);
		for (int i = 0; i < l.n; i++) {
			if (y >= y0 + QUESTION_ROWS) {
				/* More than fits: said, not cut silently. */
				ui_put(w, y0 + QUESTION_ROWS - 1, cols - 3, "…", 1, A_BOLD);
				break;
			}
			if (i == 0)
				ui_put(w, y, 2, "•", 1, A_NORMAL);
			ui_put(w, y++, 4, l.v[i], cols - 6, A_NORMAL);
		}
		text_lines_free(&l);
		free(clean);
	}
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct iv_screen *st = sc->state;
	int h = getmaxy(w), cols = getmaxx(w), fh = h - QUESTION_ROWS;

	if (fh < 6)
		fh = h;
	if (st->fw == NULL || st->parent != w || st->body_h != h || st->body_w != cols) {
		if (st->fw)
			delwin(st->fw);
		st->fw = derwin(w, fh, cols, 0, 0);
		st->parent = w;
		st->body_h = h;
		st->body_w = cols;
	}
	if (fh < h)
		draw_questions(st, w, fh, cols);
	uf_draw(st->form, st->fw);
}

static char *date_shown(const char *iso)
{
	char ru[11];

	if (iso == NULL || *iso == '\0')
		return xstrdup("");
	date_format_ru(iso, ru);
	return xstrdup(ru);
}

/* The text of a stage or a follow-up field by the rule of its column. */
static const char *check_col(struct iv_screen *st, const char *col, const char *label, const char *in,
			     char **out, char **shown)
{
	return screen_check_field(st->ss, model_field(&model_interview, col), label, in, out, shown);
}

static const char *stage_col(int k)
{
	static const char *const cols[INTERVIEW_STAGES] = {
		"stage_setting", "stage_reflective", "stage_motivational", "stage_design", "stage_prognostic",
	};
	return cols[k];
}

static const char *field_check(struct iv_screen *st, int i, const char *in, char **out, char **shown)
{
	static char msg[300];

	*out = NULL;
	if (shown)
		*shown = NULL;
	if (i == IF_COURSE) {
		if (st->iv.course_id == 0 && st->iv.course_title == NULL) {
			snprintf(msg, sizeof msg, "Курс: выберите из истории курсов педагога (Enter или F3)");
			return msg;
		}
		return NULL;
	}
	if (i == IF_DATE) {
		const char *m = check_col(st, "interview_date", "Дата собеседования", in, out, shown);
		if (m == NULL && *out == NULL) {
			snprintf(msg, sizeof msg, "Дата собеседования: обязательное поле");
			return msg;
		}
		return m;
	}
	if (i >= IF_STAGE0 && i < IF_LEVELS)
		return check_col(st, stage_col(i - IF_STAGE0), st->labels[i], in, out, shown);
	if (i == f_followup(st)) {
		const char *m = check_col(st, "employer_followup_date", st->labels[i], in, out, shown);
		char *d = NULL, *ds = NULL, *text;
		if (m || *out == NULL)
			return m;
		text = uf_get(st->form, IF_DATE);
		if (check_col(st, "interview_date", "", text, &d, &ds) == NULL && d && strcmp(*out, d) < 0) {
			snprintf(msg, sizeof msg, "%s: не раньше даты собеседования", st->labels[i]);
			m = msg;
			free(*out);
			*out = NULL;
		}
		free(text);
		free(d);
		free(ds);
		return m;
	}
	if (i == f_followup(st) + 1)
		return check_col(st, "employer_followup_note", st->labels[i], in, out, shown);
	return NULL;   /* a level: only from its list */
}

static const char *iv_check(void *ctx, int i, const char *text, char **shown)
{
	struct iv_screen *st = ctx;
	char *out = NULL;
	const char *m = field_check(st, i, text, &out, shown);

	free(out);
	return m;
}

static void pick(struct iv_screen *st)
{
	int i = uf_current(st->form);

	if (i == IF_COURSE) {
		int64_t id = screen_pick_course(st->ss, st->iv.person_id);
		char *label;
		if (id == 0 || (label = store_course_label(st->ss->store, id, st->iv.person_id)) == NULL)
			return;
		st->iv.course_id = id;
		free(st->iv.course_title);
		st->iv.course_title = label;
		uf_set(st->form, i, label, false);
		uf_check(st->form, i);
	} else if (i >= IF_LEVELS && i < f_followup(st)) {
		const char *labels[8];
		int n = 0, cur = -1, choice;
		char *now = uf_get(st->form, i);

		if (st->masked) {
			ui_set_error("%s", ACCESS_RESULTS_REFUSAL);
			free(now);
			return;
		}
		labels[n++] = "не указан";
		for (int k = 0; model_mastery_levels[k].code && n < 8; k++) {
			if (strcmp(now, model_mastery_levels[k].label) == 0)
				cur = n;
			labels[n++] = model_mastery_levels[k].label;
		}
		free(now);
		choice = ui_pick(st->labels[i], labels, n, cur < 0 ? 0 : cur);
		if (choice >= 0)
			uf_set(st->form, i, choice ? labels[choice] : "", false);
	} else {
		ui_set_status("Здесь нечего выбирать: поле заполняется с клавиатуры");
	}
}

static bool save(struct iv_screen *st)
{
	struct interview *iv = &st->iv;
	char *vals[IF_LEVELS + 64 + 2] = { 0 };
	int64_t was;
	int bad = -1, rc;
	const char *why;
	enum perm p = access_table_perm(&model_interview, iv->id == 0);

	if (p == P__COUNT || !access_may(st->ss, p, iv->person_id, &why)) {
		ui_set_error("%s", p == P__COUNT ? "собеседование здесь не сохраняется" : why);
		return false;
	}
	uf_clear_errors(st->form);
	for (int i = 0; i < st->nfields; i++) {
		char *in = uf_get(st->form, i), *shown = NULL;
		const char *m = field_check(st, i, in, &vals[i], &shown);
		if (m) {
			uf_set_error(st->form, i, m);
			if (bad < 0)
				bad = i;
		} else if (shown) {
			uf_set(st->form, i, shown, false);
		}
		free(shown);
		free(in);
	}
	if (bad >= 0) {
		uf_goto(st->form, bad);
		for (int i = 0; i < st->nfields; i++)
			free(vals[i]);
		return false;
	}
	strlcpy0(iv->date, vals[IF_DATE], sizeof iv->date);
	for (int k = 0; k < INTERVIEW_STAGES; k++) {
		free(iv->stage[k]);
		iv->stage[k] = vals[IF_STAGE0 + k];
		vals[IF_STAGE0 + k] = NULL;
	}
	strlcpy0(iv->followup_date, vals[f_followup(st)] ? vals[f_followup(st)] : "", sizeof iv->followup_date);
	free(iv->followup_note);
	iv->followup_note = vals[f_followup(st) + 1];
	vals[f_followup(st) + 1] = NULL;
	if (!st->masked)
		for (int b = 0; b < iv->nlevels; b++)
			for (int k = 0; k < 2; k++) {
				char *text = uf_get(st->form, IF_LEVELS + 2 * b + k);
				const char *code = *text ? model_enum_code(model_mastery_levels, text) : "";
				strlcpy0(k ? iv->levels[b].planned : iv->levels[b].now, code ? code : "", 16);
				free(text);
			}
	for (int i = 0; i < st->nfields; i++)
		free(vals[i]);
	was = iv->id;
	rc = store_interview_save(st->ss->store, &st->ss->actor, iv);
	if (rc != ST_OK) {
		screen_store_error(st->ss, rc);
		return false;
	}
	/* A draft of this form (from a dropped session) is done with. */
	if (st->from_draft)
		store_draft_delete(st->ss->store, st->ss->user.id, DRAFT_SCREEN, "course_interview", was);
	if (st->on_saved)
		st->on_saved(st->ctx, iv->id);
	return true;
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct iv_screen *st = sc->state;

	sc->dirty = true;
	if (cmd == C_SAVE) {
		if (save(st)) {
			st->saved = true;
			ui_set_status("Сохранено");
			return false;
		}
		return true;
	}
	if (cmd == C_PICK) {
		pick(st);
		return true;
	}
	if (uf_key(st->form, k) == UF_PICK)
		pick(st);
	return true;
}

static bool can_leave(struct screen *sc)
{
	struct iv_screen *st = sc->state;
	bool leave = st->saved || !uf_modified(st->form) ||
		     ui_confirm("Есть несохранённые изменения. Закрыть форму без сохранения?");
	sc->dirty = true;
	/* Closed on purpose: a draft it came from is not wanted any more. */
	if (leave && st->from_draft)
		store_draft_delete(st->ss->store, st->ss->user.id, DRAFT_SCREEN, "course_interview", st->iv.id);
	return leave;
}

/* The link dropped with the form changed: keep what was typed (person,
 * version, current field, the course picked, then each field's text), so
 * the next start offers it back. */
static void hangup(struct screen *sc)
{
	struct iv_screen *st = sc->state;
	char *buf, num[48];
	size_t len = 0;

	if (st->saved || !uf_modified(st->form))
		return;
	buf = xstrdup("");
	draft_put(&buf, &len, sc->title);
	snprintf(num, sizeof num, "%lld", (long long)st->iv.person_id);
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%lld", (long long)st->iv.version);
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%d", uf_current(st->form));
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%lld", (long long)st->iv.course_id);
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%d", st->nfields);
	draft_put(&buf, &len, num);
	for (int i = 0; i < st->nfields; i++) {
		char *text = uf_get(st->form, i);
		draft_put(&buf, &len, text);
		free(text);
	}
	store_draft_save(st->ss->store, st->ss->user.id, DRAFT_SCREEN, "course_interview", st->iv.id, buf);
	free(buf);
}

static void free_state(struct screen *sc)
{
	struct iv_screen *st = sc->state;

	uf_free(st->form);
	if (st->fw)
		delwin(st->fw);
	for (int i = 0; i < st->nfields; i++)
		free(st->labels[i]);
	free(st->labels);
	free(st->fields);
	catalog_free_interview(st->stages, st->nstages);
	free(st->conf_err);
	interview_free(&st->iv);
	free(st);
}

static const struct screen_ops ops = { "interview", keys, draw, key, NULL, free_state, can_leave, hangup };

struct screen *screen_interview(struct session *ss, int64_t person_id, int64_t id,
				void (*on_saved)(void *ctx, int64_t id), void *ctx)
{
	struct iv_screen *st = xcalloc(1, sizeof *st);
	char err[400] = "", *v;
	int rc, f;

	st->ss = ss;
	st->on_saved = on_saved;
	st->ctx = ctx;
	rc = store_interview_get(ss->store, id, person_id, &st->iv);
	if (rc != ST_OK) {
		screen_store_error(ss, rc);
		interview_free(&st->iv);
		free(st);
		return NULL;
	}
	if (id == 0)
		today_iso(st->iv.date);
	st->nstages = catalog_read_interview(ss->cfg->interview, interview_stage_keys, INTERVIEW_STAGES,
					     &st->stages, err, sizeof err);
	if (st->nstages < 0) {
		st->nstages = 0;
		st->conf_err = xstrdup(err);
	}
	/* The levels are results: masked for a viewer the rule keeps them
	 * from, unless he is giving them now in a new interview. */
	st->masked = id != 0 && !(access_disclosure(ss, st->iv.person_id, st->iv.iom_id, 0) & DISCLOSE_RESULTS);
	/* Opening someone's levels is a view the teacher is told of (under
	 * the ИППР card they belong to). */
	if (!st->masked && id != 0 && st->iv.iom_id)
		access_disclosure_open(ss, st->iv.person_id, st->iv.iom_id, 0, "card", st->iv.iom_id,
				       "собеседование по итогам КПК");

	st->nfields = IF_LEVELS + 2 * st->iv.nlevels + 2;
	st->fields = xcalloc((size_t)st->nfields, sizeof *st->fields);
	st->labels = xcalloc((size_t)st->nfields, sizeof *st->labels);
	st->labels[IF_COURSE] = xstrdup("Курс (КПК)");
	st->fields[IF_COURSE] = (struct uf_field){ NULL, 400, true, true, true, false,
		"Enter или F3 — выбрать курс из истории курсов педагога" };
	st->labels[IF_DATE] = xstrdup("Дата собеседования");
	st->fields[IF_DATE] = (struct uf_field){ NULL, 10, true, false, false, false, DATE_HINT };
	for (int k = 0; k < INTERVIEW_STAGES; k++) {
		const struct interview_stage *s = stage_conf(st, k);
		static const char *const fallback[INTERVIEW_STAGES] = {
			"Установочный", "Рефлексивный", "Мотивационный", "Проектировочный", "Прогностический",
		};
		st->labels[IF_STAGE0 + k] = xasprintf("%d. %s этап", k + 1, s ? s->title : fallback[k]);
		st->fields[IF_STAGE0 + k] = (struct uf_field){ NULL, 2000, false, false, false, false,
			"Итоги обсуждения (вопросы этапа — ниже)" };
	}
	for (int b = 0; b < st->iv.nlevels; b++)
		for (int k = 0; k < 2; k++) {
			f = IF_LEVELS + 2 * b + k;
			st->labels[f] = xasprintf("%s: %s", st->iv.levels[b].short_name, k ? "план" : "сейчас");
			st->fields[f] = (struct uf_field){ NULL, 60, false, true, true, st->masked,
				st->masked ? ACCESS_RESULTS_REFUSAL
					   : k ? "Какого уровня освоения планируете достичь: Enter — выбрать"
					       : "На каком уровне освоения находитесь сейчас: Enter — выбрать" };
		}
	f = f_followup(st);
	st->labels[f] = xstrdup("Контроль через 3 мес.");
	st->fields[f] = (struct uf_field){ NULL, 10, false, false, false, false, DATE_HINT };
	st->labels[f + 1] = xstrdup("Контроль работодателя");
	st->fields[f + 1] = (struct uf_field){ NULL, 2000, false, false, false, false, NULL };
	for (int i = 0; i < st->nfields; i++)
		st->fields[i].label = st->labels[i];
	st->form = uf_new(st->fields, st->nfields);
	uf_set_check(st->form, iv_check, st);

	uf_set(st->form, IF_COURSE, st->iv.course_title ? st->iv.course_title : "", true);
	v = date_shown(st->iv.date);
	uf_set(st->form, IF_DATE, v, true);
	free(v);
	for (int k = 0; k < INTERVIEW_STAGES; k++)
		uf_set(st->form, IF_STAGE0 + k, st->iv.stage[k] ? st->iv.stage[k] : "", true);
	for (int b = 0; b < st->iv.nlevels; b++) {
		uf_set(st->form, IF_LEVELS + 2 * b,
		       st->masked ? ACCESS_MASKED : level_label(st->iv.levels[b].now), true);
		uf_set(st->form, IF_LEVELS + 2 * b + 1,
		       st->masked ? ACCESS_MASKED : level_label(st->iv.levels[b].planned), true);
	}
	v = date_shown(st->iv.followup_date);
	uf_set(st->form, f, v, true);
	free(v);
	uf_set(st->form, f + 1, st->iv.followup_note ? st->iv.followup_note : "", true);
	{
		struct screen *sc = screen_new(&ops, st, id ? "Собеседование по итогам КПК"
							    : "Новая запись: собеседование по итогам КПК");
		sc->keep_body = true;   /* the posted form is the body: never erased */
		return sc;
	}
}

const char *screen_pick_template(void)
{
	static const char *const labels[] = {
		"Карта ИОМ (карта индивидуального образовательного маршрута)",
		"ИППР — программа профессионального развития педагога (Омск)",
	};
	static const char *const codes[] = { IOM_TEMPLATE_IOM, IOM_TEMPLATE_IPPR };
	int choice = ui_pick("Шаблон карты", labels, (int)NITEMS(labels), 0);

	return choice >= 0 ? codes[choice] : NULL;
}

/* Reopen the interview a draft was taken from, as the user left it; NULL
 * with the reason when the draft is damaged or the interview is gone or
 * its fields changed (a competency added since). */
struct screen *screen_interview_restore(struct session *ss, const struct draft *d, const char **why)
{
	const char *p = d->data;
	char *title = draft_get(&p), *person = draft_get(&p), *version = draft_get(&p);
	char *current = draft_get(&p), *course = draft_get(&p), *count = draft_get(&p);
	struct screen *sc = NULL;
	struct iv_screen *st;
	bool ok = title && person && version && current && course && count;

	*why = "черновик повреждён";
	if (ok)
		sc = screen_interview(ss, strtoll(person, NULL, 10), d->record_id, NULL, NULL);
	if (sc == NULL) {
		ok = false;
		if (title && person)
			*why = "собеседование удалено или больше не доступно вам";
	} else {
		st = sc->state;
		if (strtol(count, NULL, 10) != st->nfields) {
			*why = "форма собеседования изменилась с тех пор (другой перечень компетенций)";
			ok = false;
		}
		for (int i = 0; ok && i < st->nfields; i++) {
			char *text = draft_get(&p);
			ok = text != NULL;
			if (ok && !st->fields[i].readonly)
				uf_set(st->form, i, text, false);
			free(text);
		}
		if (ok) {
			int64_t cid = strtoll(course, NULL, 10);
			char *label = cid ? store_course_label(ss->store, cid, st->iv.person_id) : NULL;
			if (label) {
				st->iv.course_id = cid;
				free(st->iv.course_title);
				st->iv.course_title = label;
			}
			st->iv.version = strtoll(version, NULL, 10);
			st->from_draft = true;
			uf_goto(st->form, (int)strtol(current, NULL, 10));
		} else {
			sc->ops->free(sc);
			free(sc);
			sc = NULL;
		}
	}
	free(title);
	free(person);
	free(version);
	free(current);
	free(course);
	free(count);
	return sc;
}
