/* Record or correct a diagnostic: the header, each competency block's
 * difficulties and mastery % (low / medium / high / overall), the deficit
 * codes found and the recommendations. The levels are derived by the store
 * from the configured thresholds; nothing here computes them. */
#include "screens/screens.h"
#include "config.h"
#include "date.h"
#include "store/diag.h"
#include "text.h"
#include "ui/form.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_SAVE = 1, C_PICK };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_SAVE, "Сохран", "сохранить диагностику" },
	{ KEY_F(3), C_PICK, "Выбор", "выбрать из списка (форма, вид, коды дефицитов)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "закрыть (спросит, если есть несохранённые изменения)" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — то же, что F10" },
	{ '\t', CMD_NONE, NULL, "Tab, Вниз, Enter — следующее поле; PgDn/PgUp — страницы формы" },
	{ 0, 0, NULL, NULL }
};

/* Header fields, then five per block, then codes and recommendations. */
enum { H_DATE, H_FORM, H_KIND, H_SUBJECT, H_ORGANISER, H_ORDERED, H_GIVEN, H_COUNT };
enum { B_DIFF, B_LOW, B_MED, B_HIGH, B_ALL, B_COUNT };
static const char *const block_part[B_COUNT] = {
	"затруднения", "% низк.ур.", "% средн.ур.", "% высок.ур.", "% общий",
};

static const struct field_desc hdr[H_COUNT] = {
	{ "diag_date", "Дата диагностики", F_DATE, true, 0, 0, NULL, NULL },
	{ "form", "Форма", F_ENUM, true, 0, 0, diag_forms, NULL },
	{ "kind", "Вид", F_ENUM, true, 0, 0, diag_kinds, NULL },
	{ "subject", "Предмет", F_TEXT, false, 0, 0, NULL, NULL },
	{ "organiser", "Кто проводил", F_TEXT, false, 0, 0, NULL, NULL },
	{ "ordered", "Заказ органа упр.", F_BOOL, false, 0, 0, NULL, NULL },
	{ "given", "Результаты сообщены", F_DATE, false, 0, 0, NULL, NULL },
};
static const struct field_desc f_diff = { "difficulties", "Затруднения", F_MEMO, false, 0, 0, NULL, NULL };
static const struct field_desc f_pct = { "pct", "Процент", F_INT, false, 0, 100, NULL, NULL };
static const struct field_desc f_codes = { "codes", "Коды дефицитов", F_MEMO, false, 0, 0, NULL, NULL };
static const struct field_desc f_recs = { "recs", "Рекомендации", F_MEMO, false, 0, 0, NULL, NULL };

struct df {
	struct session *ss;
	struct diagnostic d;
	int nfields, codes_i, recs_i;
	struct uf_field *fields;
	char **labels;
	struct ui_form *form;
	bool saved, from_draft;
	char title[200];
};

#define DRAFT_SCREEN "diag_form"


static int block_field(int b, int part)
{
	return H_COUNT + b * B_COUNT + part;
}

static const struct field_desc *desc_of(struct df *st, int i)
{
	if (i < H_COUNT)
		return &hdr[i];
	if (i == st->codes_i)
		return &f_codes;
	if (i == st->recs_i)
		return &f_recs;
	return (i - H_COUNT) % B_COUNT == B_DIFF ? &f_diff : &f_pct;
}

static char *pct_text(int v)
{
	return v >= 0 ? xasprintf("%d", v) : xstrdup("");
}

/* What each field of the form shows for diagnostic d (malloc'd texts, one
 * per field). Blocks are matched by id, so a stored diagnostic whose block
 * rows differ from the form's still lines up. */
static char **texts_of(struct df *st, const struct diagnostic *d)
{
	char **t = xcalloc((size_t)st->nfields, sizeof *t);
	char codes[DIAG_MAX_DEFICITS * 34] = "";

	t[H_DATE] = model_display(&hdr[H_DATE], d->date[0] ? d->date : NULL);
	t[H_FORM] = model_display(&hdr[H_FORM], d->form[0] ? d->form : NULL);
	t[H_KIND] = model_display(&hdr[H_KIND], d->kind[0] ? d->kind : NULL);
	t[H_SUBJECT] = model_display(&hdr[H_SUBJECT], d->subject);
	t[H_ORGANISER] = model_display(&hdr[H_ORGANISER], d->organiser);
	t[H_ORDERED] = model_display(&hdr[H_ORDERED], d->ordered ? "1" : "0");
	t[H_GIVEN] = model_display(&hdr[H_GIVEN], d->result_given[0] ? d->result_given : NULL);
	for (int b = 0; b < st->d.nblocks; b++) {
		const struct diag_block *bl = NULL;
		for (int k = 0; k < d->nblocks; k++)
			if (d->blocks[k].block_id == st->d.blocks[b].block_id)
				bl = &d->blocks[k];
		t[block_field(b, B_DIFF)] = model_display(&f_diff, bl ? bl->difficulties : NULL);
		t[block_field(b, B_LOW)] = pct_text(bl ? bl->pct_low : -1);
		t[block_field(b, B_MED)] = pct_text(bl ? bl->pct_medium : -1);
		t[block_field(b, B_HIGH)] = pct_text(bl ? bl->pct_high : -1);
		t[block_field(b, B_ALL)] = pct_text(bl ? bl->pct_overall : -1);
	}
	for (int k = 0; k < d->ndeficits; k++) {
		if (k)
			strcat(codes, ", ");
		strcat(codes, d->deficit_codes[k]);
	}
	t[st->codes_i] = xstrdup(codes);
	t[st->recs_i] = model_display(&f_recs, d->recommendations);
	return t;
}

static void free_texts(struct df *st, char **t)
{
	for (int i = 0; i < st->nfields; i++)
		free(t[i]);
	free(t);
}

static void fill(struct df *st)
{
	char **t = texts_of(st, &st->d);

	for (int i = 0; i < st->nfields; i++)
		uf_set(st->form, i, t[i], true);
	free_texts(st, t);
}

/* Field i's text by the one validation rule of its type: NULL when good,
 * with the stored form in *out (malloc'd, may be NULL) and, for a date, the
 * text to show in *shown (ДД.ММ.ГГГГ); else "Label: what is wrong". */
static const char *check_text(struct df *st, int i, const char *in, char **out, char **shown)
{
	return screen_check_field(st->ss, desc_of(st, i), st->fields[i].label, in, out, shown);
}

/* A typed field through the one validation rule; *out is the stored form. */
static bool check(struct df *st, int i, char **out)
{
	char *in = uf_get(st->form, i);
	const char *m = check_text(st, i, in, out, NULL);

	free(in);
	uf_set_error(st->form, i, m);
	return m == NULL;
}

static bool take_pct(struct df *st, int i, int *v)
{
	char *out;
	if (!check(st, i, &out))
		return false;
	*v = out ? atoi(out) : -1;
	free(out);
	return true;
}

/* Codes typed as "М-1, ПП-2" (commas, semicolons or spaces between; a
 * code typed with Latin look-alikes is found too, see the store): NULL
 * when each is in the codifier, the ids into d when d is given; else the
 * message. */
static const char *codes_check(struct df *st, const char *text, struct diagnostic *d)
{
	static char msg[200];
	char *in = xstrdup(text), *save = NULL;
	const char *m = NULL;

	if (d)
		d->ndeficits = 0;
	for (char *tok = strtok_r(in, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save)) {
		int64_t id = store_deficit_by_code(st->ss->store, tok);
		bool dup = false;
		if (id == 0) {
			snprintf(msg, sizeof msg, "Коды дефицитов: нет кода «%s» в кодификаторе (Enter — выбрать)", tok);
			m = msg;
			break;
		}
		if (d == NULL)
			continue;
		for (int k = 0; k < d->ndeficits; k++)
			dup |= d->deficit_ids[k] == id;
		if (!dup && d->ndeficits < DIAG_MAX_DEFICITS)
			d->deficit_ids[d->ndeficits++] = id;
	}
	free(in);
	return m;
}

static bool take_codes(struct df *st, struct diagnostic *d)
{
	char *in = uf_get(st->form, st->codes_i);
	const char *m = codes_check(st, in, d);

	free(in);
	uf_set_error(st->form, st->codes_i, m);
	return m == NULL;
}

/* The form's check of one field as the cursor leaves it. */
static const char *df_check(void *ctx, int i, const char *text, char **shown)
{
	struct df *st = ctx;
	char *out = NULL;
	const char *m;

	*shown = NULL;
	if (i == st->codes_i)
		return codes_check(st, text, NULL);
	m = check_text(st, i, text, &out, shown);
	/* The kind the user may record (the school: the final one, §4.5.1),
	 * said beside the field. */
	if (m == NULL && i == H_KIND && out && !access_may_record_diag(st->ss, st->d.person_id, out, &m))
		m = m ? m : "этот вид диагностики вам вносить нельзя";
	free(out);
	return m;
}

static bool save(struct df *st);

/* Someone saved the diagnostic since the form read it: the user's values
 * beside the stored ones, field by field (a field only one side changed
 * keeps that side's value); on acceptance the form holds the merged values
 * at the stored version and the save goes on; Esc keeps the form as typed. */
static bool merge(struct df *st)
{
	struct diagnostic cur;
	char **theirs, **mine;
	struct ui_side *rows;
	bool *keep_theirs, ok;
	int *at, k = 0, n = st->nfields;

	diag_init(&cur);
	if (store_diag_get(st->ss->store, st->d.id, DIAG_WITH_ALL, &cur) != ST_OK) {
		diag_free(&cur);
		ui_set_error("Диагностика удалена или недоступна: ваши значения остались в форме");
		return false;
	}
	theirs = texts_of(st, &cur);
	mine = xcalloc((size_t)n, sizeof *mine);
	rows = xcalloc((size_t)n, sizeof *rows);
	keep_theirs = xcalloc((size_t)n, sizeof *keep_theirs);
	at = xcalloc((size_t)n, sizeof *at);
	for (int i = 0; i < n; i++) {
		const char *orig = uf_initial(st->form, i);
		mine[i] = uf_get(st->form, i);
		if (strcmp(mine[i], theirs[i]) == 0)
			continue;
		rows[k].label = st->fields[i].label;
		rows[k].mine = mine[i];
		rows[k].theirs = theirs[i];
		rows[k].both = strcmp(mine[i], orig) != 0 && strcmp(theirs[i], orig) != 0;
		keep_theirs[k] = strcmp(mine[i], orig) == 0;
		at[k++] = i;
	}
	ok = k == 0 || ui_choose_sides("Диагностику изменил другой пользователь",
				       "Пока вы правили, диагностику сохранили. Выберите значение каждого поля.",
				       rows, k, keep_theirs);
	if (ok) {
		/* The stored diagnostic is the form's new starting point. */
		for (int i = 0; i < n; i++)
			uf_set(st->form, i, theirs[i], true);
		for (int j = 0; j < k; j++)
			if (!keep_theirs[j])
				uf_set(st->form, at[j], mine[at[j]], false);
		st->d.version = cur.version;
	} else {
		ui_set_error("Не сохранено: диагностику изменил другой пользователь. "
			     "Ваши значения в форме; F2 — сравнить и сохранить");
	}
	for (int i = 0; i < n; i++)
		free(mine[i]);
	free(mine);
	free_texts(st, theirs);
	free(rows);
	free(keep_theirs);
	free(at);
	diag_free(&cur);
	return ok;
}

static bool save(struct df *st)
{
	struct diagnostic *d = &st->d;
	const char *why;
	char *v;
	int rc;

	uf_clear_errors(st->form);
	if (!access_may_record_diag(st->ss, d->person_id, NULL, &why)) {
		ui_set_error("Нельзя сохранить: %s", why);
		return false;
	}
	/* Every field checked and every bad one marked; the cursor to the
	 * first. A date is shown back as ДД.ММ.ГГГГ. */
	{
		int bad = -1;
		for (int i = 0; i < st->nfields; i++) {
			char *in = uf_get(st->form, i), *shown = NULL;
			const char *m = df_check(st, i, in, &shown);
			uf_set_error(st->form, i, m);
			if (m && bad < 0)
				bad = i;
			if (m == NULL && shown && strcmp(shown, in) != 0)
				uf_set(st->form, i, shown, false);
			free(shown);
			free(in);
		}
		if (bad >= 0) {
			uf_goto(st->form, bad);
			return false;
		}
	}
	for (int i = 0; i < H_COUNT; i++) {
		if (!check(st, i, &v))
			return false;
		switch (i) {
		case H_DATE:
			strlcpy0(d->date, v, sizeof d->date);
			break;
		case H_FORM:
			strlcpy0(d->form, v, sizeof d->form);
			break;
		case H_KIND:
			/* The school records only the final diagnostic (§4.5.1). */
			if (!access_may_record_diag(st->ss, d->person_id, v, &why)) {
				uf_set_error(st->form, i, why);
				uf_goto(st->form, i);
				ui_set_error("Нельзя сохранить: %s", why);
				free(v);
				return false;
			}
			strlcpy0(d->kind, v, sizeof d->kind);
			break;
		case H_SUBJECT:
			free(d->subject);
			d->subject = v, v = NULL;
			break;
		case H_ORGANISER:
			free(d->organiser);
			d->organiser = v, v = NULL;
			break;
		case H_ORDERED:
			d->ordered = v && strcmp(v, "1") == 0;
			break;
		case H_GIVEN:
			strlcpy0(d->result_given, v ? v : "", sizeof d->result_given);
			break;
		}
		free(v);
	}
	for (int b = 0; b < d->nblocks; b++) {
		struct diag_block *bl = &d->blocks[b];
		if (!check(st, block_field(b, B_DIFF), &v))
			return false;
		free(bl->difficulties);
		bl->difficulties = v;
		if (!take_pct(st, block_field(b, B_LOW), &bl->pct_low) ||
		    !take_pct(st, block_field(b, B_MED), &bl->pct_medium) ||
		    !take_pct(st, block_field(b, B_HIGH), &bl->pct_high) ||
		    !take_pct(st, block_field(b, B_ALL), &bl->pct_overall))
			return false;
	}
	if (!take_codes(st, d))
		return false;
	if (!check(st, st->recs_i, &v))
		return false;
	free(d->recommendations);
	d->recommendations = v;
	{
		int64_t was = d->id;
		rc = store_diag_save(st->ss->store, &st->ss->actor, st->ss->cfg, d);
		if (rc == ST_CONFLICT)
			return merge(st) && save(st);
		if (rc != ST_OK) {
			screen_store_error(st->ss, rc);
			return false;
		}
		/* A draft of this form (from a dropped session) is done with. */
		store_draft_delete(st->ss->store, st->ss->user.id, DRAFT_SCREEN, "diagnostic", was);
	}
	return true;
}

/* Append a code picked from the codifier to the codes field. */
static void pick_code(struct df *st)
{
	int64_t id = screen_pick_deficit(st->ss);
	char *now, *name, *code, *joined;

	if (id == 0)
		return;
	name = store_ref_name(st->ss->store, "deficit_code", id);   /* "CODE — wording" */
	code = xstrndup(name, strcspn(name, " "));
	now = uf_get(st->form, st->codes_i);
	joined = now[0] ? xasprintf("%s, %s", now, code) : xstrdup(code);
	uf_set(st->form, st->codes_i, joined, false);
	uf_check(st->form, st->codes_i);
	free(joined);
	free(now);
	free(code);
	free(name);
}

static void pick(struct df *st)
{
	int i = uf_current(st->form);
	const struct field_desc *fd = desc_of(st, i);

	if (i == st->codes_i) {
		pick_code(st);
	} else if (fd->type == F_ENUM || fd->type == F_BOOL) {
		static const struct enum_opt yesno[] = { { "0", "нет" }, { "1", "да" }, { NULL, NULL } };
		const struct enum_opt *opts = fd->type == F_BOOL ? yesno : fd->opts;
		const char *labels[16];
		int n = 0, choice;
		while (opts[n].code && n < 16) {
			labels[n] = opts[n].label;
			n++;
		}
		choice = ui_pick(fd->label, labels, n, -1);
		/* The cursor stays on the field, as after typing. */
		if (choice >= 0) {
			uf_set(st->form, i, labels[choice], false);
			uf_check(st->form, i);
		}
	} else {
		ui_set_status("У этого поля нет списка: введите значение");
	}
	ui_dirty();
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct df *st = sc->state;
	uf_draw(st->form, w);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct df *st = sc->state;

	sc->dirty = true;
	if (cmd == C_SAVE) {
		if (save(st)) {
			st->saved = true;
			ui_set_status("Диагностика сохранена");
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
	struct df *st = sc->state;
	bool leave = st->saved || !uf_modified(st->form) ||
		     ui_confirm("Есть несохранённые изменения. Закрыть без сохранения?");
	sc->dirty = true;
	if (leave && st->from_draft)
		store_draft_delete(st->ss->store, st->ss->user.id, DRAFT_SCREEN, "diagnostic", st->d.id);
	return leave;
}

/* The link dropped: keep what was typed (title, person, diagnostic, the
 * version it started from, the current field, then every field's text). */
static void hangup(struct screen *sc)
{
	struct df *st = sc->state;
	char *buf = xstrdup(""), num[32];
	size_t len = 0;

	if (st->saved || !uf_modified(st->form)) {
		free(buf);
		return;
	}
	draft_put(&buf, &len, st->title);
	snprintf(num, sizeof num, "%lld", (long long)st->d.person_id);
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%lld", (long long)st->d.version);
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%d", uf_current(st->form));
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%d", st->nfields);
	draft_put(&buf, &len, num);
	for (int i = 0; i < st->nfields; i++) {
		char *text = uf_get(st->form, i);
		draft_put(&buf, &len, text);
		free(text);
	}
	store_draft_save(st->ss->store, st->ss->user.id, DRAFT_SCREEN, "diagnostic", st->d.id, buf);
	free(buf);
}

static void free_state(struct screen *sc)
{
	struct df *st = sc->state;

	uf_free(st->form);
	for (int i = 0; i < st->nfields; i++)
		free(st->labels[i]);
	free(st->labels);
	free(st->fields);
	diag_free(&st->d);
	free(st);
}

static const struct screen_ops ops = { "diag_form", keys, draw, key, NULL, free_state, can_leave, hangup };

struct screen *screen_diag_form(struct session *ss, int64_t person_id, int64_t diag_id)
{
	struct df *st = xcalloc(1, sizeof *st);
	struct screen *sc;
	char *name;
	int rc = ST_OK;

	st->ss = ss;
	diag_init(&st->d);
	if (diag_id) {
		rc = store_diag_get(ss->store, diag_id, DIAG_WITH_ALL, &st->d);
	} else {
		struct record p;
		bool manager = false;
		if (store_get(ss->store, &model_person, NULL, person_id, &p) == ST_OK) {
			int mi = model_field_index(&model_person, "is_manager");
			manager = p.v[mi] && strcmp(p.v[mi], "1") == 0;
			record_free(&p);
		}
		st->d.person_id = person_id;
		rc = store_diag_blocks(ss->store, manager, &st->d);
		today_iso(st->d.date);
		/* The school's expert records the final diagnostic (§4.5.1). */
		if (!access_may_record_diag(ss, person_id, "entry", NULL) &&
		    access_may_record_diag(ss, person_id, "final", NULL))
			strlcpy0(st->d.kind, "final", sizeof st->d.kind);
	}
	if (rc != ST_OK)
		screen_store_error(ss, rc);
	st->nfields = H_COUNT + st->d.nblocks * B_COUNT + 2;
	st->codes_i = st->nfields - 2;
	st->recs_i = st->nfields - 1;
	st->fields = xcalloc((size_t)st->nfields, sizeof *st->fields);
	st->labels = xcalloc((size_t)st->nfields, sizeof *st->labels);
	for (int i = 0; i < st->nfields; i++) {
		const struct field_desc *fd = desc_of(st, i);
		if (i < H_COUNT || i >= st->codes_i) {
			st->labels[i] = xstrdup(fd->label);
		} else {
			int b = (i - H_COUNT) / B_COUNT, part = (i - H_COUNT) % B_COUNT;
			const struct diag_block *bl = &st->d.blocks[b];
			/* The block's full name where the label fits the form's
			 * label column, else its short name («Псих.-пед.»). */
			const char *bn = text_width(bl->block_name) + 1 + text_width(block_part[part]) <= UF_LABEL_COLS ||
					 !bl->block_short[0] ? bl->block_name : bl->block_short;
			st->labels[i] = xasprintf("%s %s", bn, block_part[part]);
		}
		st->fields[i].label = st->labels[i];
		st->fields[i].required = fd->required;
		st->fields[i].max_chars = fd->type == F_MEMO ? ss->cfg->text_chars : ss->cfg->name_chars;
		st->fields[i].pick = fd->type == F_ENUM || fd->type == F_BOOL || i == st->codes_i;
		st->fields[i].hint = i == st->codes_i ? "Коды через запятую, например М-1, ПП-2; Enter — выбрать из кодификатора"
			: fd->type == F_INT ? "Процент освоения, 0–100; уровень дефицита вычисляется по порогам настроек"
			: fd->type == F_DATE ? DATE_HINT
			: fd->type == F_ENUM || fd->type == F_BOOL ? "Enter или F3 — выбрать из списка" : NULL;
	}
	st->form = uf_new(st->fields, st->nfields);
	uf_set_check(st->form, df_check, st);
	fill(st);
	name = store_ref_name(ss->store, "person", st->d.person_id);
	snprintf(st->title, sizeof st->title, "%s: %s", diag_id ? "Диагностика" : "Новая диагностика", name);
	free(name);
	sc = screen_new(&ops, st, st->title);
	sc->keep_body = true;
	return sc;
}

struct screen *screen_diag_form_restore(struct session *ss, const struct draft *d, const char **why)
{
	const char *p = d->data;
	char *title = draft_get(&p), *person = draft_get(&p), *version = draft_get(&p);
	char *current = draft_get(&p), *count = draft_get(&p);
	struct screen *sc = NULL;
	struct df *st;
	bool ok = title && person && version && current && count;

	*why = "черновик повреждён";
	if (ok && !access_may_record_diag(ss, strtoll(person, NULL, 10), NULL, why))
		ok = false;
	/* A correction of results he may no longer see (a hand-over taken
	 * back) is not reopened: the form would show them. */
	if (ok && d->record_id &&
	    (access_disclosure(ss, strtoll(person, NULL, 10), 0, d->record_id) & DIAG_WITH_ALL) != DIAG_WITH_ALL) {
		*why = "результаты этой диагностики вам больше не открыты";
		ok = false;
	}
	if (ok) {
		sc = screen_diag_form(ss, strtoll(person, NULL, 10), d->record_id);
		st = sc->state;
		if (d->record_id && st->d.id != d->record_id) {
			*why = "диагностика удалена или больше не доступна вам";
			ok = false;
		} else if (strtol(count, NULL, 10) != st->nfields) {
			*why = "набор блоков компетенций изменился";
			ok = false;
		}
		for (int i = 0; ok && i < st->nfields; i++) {
			char *text = draft_get(&p);
			if ((ok = text != NULL))
				uf_set(st->form, i, text, false);
			free(text);
		}
		if (ok) {
			/* Saved meanwhile by someone else: the save says so. */
			st->d.version = strtoll(version, NULL, 10);
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
	free(count);
	return sc;
}

struct screen *screen_diag_form_answer(struct session *ss, int64_t person_id, int64_t application_id,
				       const char *subject)
{
	struct screen *sc = screen_diag_form(ss, person_id, 0);
	struct df *st = sc->state;

	/* The diagnostic answers the application: saved with it, it points
	 * back (diagnostic.application_id), and the radar follows it on. */
	st->d.application_id = application_id;
	if (subject && *subject) {
		free(st->d.subject);
		st->d.subject = xstrdup(subject);
	}
	fill(st);
	{
		char *name = store_ref_name(ss->store, "person", person_id);
		snprintf(st->title, sizeof st->title, "Новая диагностика по заявке: %s", name);
		strlcpy0(sc->title, st->title, sizeof sc->title);
		free(name);
	}
	return sc;
}
