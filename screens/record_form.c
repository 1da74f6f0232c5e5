/* Add or edit one record of any described table (organisation, person,
 * course) through a form. The fields come from the table's descriptor in
 * model.c; what is typed is checked by model_check(); the save goes through
 * the store's one versioned path. */
#include "screens/screens.h"
#include "text.h"
#include "config.h"
#include "date.h"
#include "site.h"
#include "store/mentoring.h"
#include "store/sites.h"
#include "ui/form.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_SAVE = 1, C_PICK };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_SAVE, "Сохран", "сохранить запись" },
	{ KEY_F(3), C_PICK, "Выбор", "выбрать значение из списка (или Enter на поле со списком)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "закрыть форму (спросит, если есть несохранённые изменения)" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — то же, что F10" },
	{ '\t', CMD_NONE, NULL, "Tab, Вниз, Enter — следующее поле; Shift-Tab, Вверх — предыдущее" },
	{ KEY_NPAGE, CMD_NONE, NULL, "PgDn — следующая страница формы, PgUp — предыдущая" },
	{ 21, CMD_NONE, NULL, "Ctrl-U — очистить поле" },
	{ 0, 0, NULL, NULL }
};

struct rf {
	struct session *ss;
	const struct table_desc *t;
	struct record rec;       /* as read (id 0 for new) */
	int64_t parent;
	struct uf_field *fields;
	char **ref;              /* stored ids of F_REF / codes of pick fields */
	struct ui_form *form;
	void (*on_saved)(void *ctx, int64_t id);
	void *ctx;
	bool saved;
	const char *const *editable;   /* NULL: every column */
	rf_rights_fn rights;           /* the opener's rule; NULL: the policy's record rules */
	int64_t (*person_org)(struct session *ss, int64_t parent);
	const char *draft;             /* the screen name drafts are kept under */
	char **own_editable;           /* editable as restored from a draft */
	bool from_draft;               /* restored from a draft */
	bool *masked;                  /* columns the disclosure rule hides from this user */
	const char *(*after_pick)(const char *col, const char *code);   /* rf_open's */
	char title[160];
};

#define DRAFT_SCREEN "record_form"   /* drafts of forms with the policy's rules */


static bool is_parent(const struct table_desc *t, const struct field_desc *fd)
{
	return t->parent_col && strcmp(fd->col, t->parent_col) == 0;
}

static bool listed(const char *const *cols, const char *col)
{
	for (; *cols; cols++)
		if (strcmp(*cols, col) == 0)
			return true;
	return false;
}

/* The line under the form while a field is current. */
static const char *hint(const struct field_desc *fd)
{
	switch (fd->type) {
	case F_DATE:
		return model_field_is_birth(fd) ? DATE_HINT_BIRTH : DATE_HINT;
	case F_ENUM:
	case F_BOOL:
		return "Enter или F3 — выбрать из списка";
	case F_REF:
		return strcmp(fd->ref_table, "person") == 0 ? NULL : "Enter или F3 — выбрать из списка";
	case F_INT:
		return "Целое число";
	case F_EMAIL:
		return "Адрес электронной почты, например ivanova@school12.ru";
	case F_PHONE:
		return "Телефон, например +7 (4812) 38-12-45";
	case F_MEMO:
		return "Свободный текст";
	default:
		return NULL;
	}
}

/* A stored value as the form shows it (a reference by its name). */
static char *display(struct rf *st, int i, const char *stored)
{
	const struct field_desc *fd = &st->t->fields[i];

	if (st->masked[i])
		return xstrdup(stored && *stored ? ACCESS_MASKED : "");
	if (fd->type == F_REF)
		return stored ? store_ref_name(st->ss->store, fd->ref_table, strtoll(stored, NULL, 10))
			      : xstrdup("");
	return model_display(fd, stored);
}

static void show_value(struct rf *st, int i, const char *stored, bool initial)
{
	const struct field_desc *fd = &st->t->fields[i];
	char *shown = display(st, i, stored);

	if (fd->type == F_REF) {
		free(st->ref[i]);
		st->ref[i] = stored ? xstrdup(stored) : NULL;
	}
	uf_set(st->form, i, shown, initial);
	free(shown);
}

static bool same(const char *a, const char *b)
{
	return (a == NULL || *a == '\0') ? (b == NULL || *b == '\0') : (b && strcmp(a, b) == 0);
}

/* Someone saved the record since the form read it (cur is the stored row,
 * mine what the user wants). A field only one side changed takes that
 * side's value; where both changed, or the user wants to look, he chooses
 * per field. On acceptance mine becomes the merged row at cur's version
 * and the form shows it; on Esc nothing changes and the next save asks
 * again — nothing is lost either way. */
static bool merge(struct rf *st, struct record *mine, const struct record *cur)
{
	int n = st->t->nfields, k = 0, *at = xcalloc((size_t)n, sizeof *at);
	struct ui_side *rows = xcalloc((size_t)n, sizeof *rows);
	bool *theirs = xcalloc((size_t)n, sizeof *theirs), ok;

	for (int i = 0; i < n; i++) {
		const char *orig = st->rec.v[i];
		if (st->fields[i].readonly || same(mine->v[i], cur->v[i]))
			continue;
		rows[k].label = st->t->fields[i].label;
		rows[k].mine = display(st, i, mine->v[i]);
		rows[k].theirs = display(st, i, cur->v[i]);
		rows[k].both = !same(mine->v[i], orig) && !same(cur->v[i], orig);
		/* Untouched here: the stored value is the newer one. */
		theirs[k] = same(mine->v[i], orig);
		at[k++] = i;
	}
	/* Nothing differs that the user could choose: take the new version. */
	ok = k == 0 || ui_choose_sides("Запись изменил другой пользователь",
			     "Пока вы правили, запись сохранили. Выберите значение каждого поля.",
			     rows, k, theirs);
	if (ok) {
		for (int i = 0; i < n; i++)
			if (st->fields[i].readonly && !is_parent(st->t, &st->t->fields[i]))
				record_set(mine, i, cur->v[i]);
		for (int j = 0; j < k; j++)
			if (theirs[j])
				record_set(mine, at[j], cur->v[at[j]]);
		mine->version = cur->version;
		/* The stored row is the form's new starting point. */
		for (int i = 0; i < n; i++) {
			record_set(&st->rec, i, cur->v[i]);
			show_value(st, i, cur->v[i], true);
			if (!same(mine->v[i], cur->v[i]))
				show_value(st, i, mine->v[i], false);
		}
		st->rec.version = cur->version;
	}
	for (int j = 0; j < k; j++) {
		free((char *)rows[j].mine);
		free((char *)rows[j].theirs);
	}
	free(rows);
	free(theirs);
	free(at);
	return ok;
}

static void pick_value(struct rf *st, int i);

/* Pick a value for the current field; the cursor stays on it, as after
 * typing, and the field is checked again (its mark goes once filled). */
static void pick(struct rf *st)
{
	int i = uf_current(st->form);
	char *before, *after;

	if (st->fields[i].readonly) {
		ui_set_status("Это поле здесь не меняется");
		return;
	}
	before = uf_get(st->form, i);
	pick_value(st, i);
	after = uf_get(st->form, i);
	if (strcmp(before, after) != 0 && uf_check(st->form, i) && st->after_pick) {
		/* On to the field the picked value asks for, if the opener names one. */
		const struct field_desc *fd = &st->t->fields[i];
		const char *code = NULL, *to;
		for (int k = 0; fd->type == F_ENUM && fd->opts[k].code; k++)
			if (strcmp(fd->opts[k].label, after) == 0)
				code = fd->opts[k].code;
		to = code ? st->after_pick(fd->col, code) : NULL;
		if (to && model_field_index(st->t, to) >= 0)
			uf_goto(st->form, model_field_index(st->t, to));
	}
	free(before);
	free(after);
}

static void pick_value(struct rf *st, int i)
{
	const struct field_desc *fd = &st->t->fields[i];

	if (fd->type == F_ENUM || fd->type == F_BOOL) {
		static const struct enum_opt yesno[] = { { "0", "нет" }, { "1", "да" }, { NULL, NULL } };
		const struct enum_opt *opts = fd->type == F_BOOL ? yesno : fd->opts;
		const char *labels[32];
		int n = 0, cur = -1, choice;
		char *now = uf_get(st->form, i);
		for (; opts[n].code && n < 32; n++) {
			labels[n] = opts[n].label;
			if (strcmp(now, opts[n].label) == 0)
				cur = n;
		}
		free(now);
		choice = ui_pick(fd->label, labels, n, cur);
		if (choice >= 0)
			uf_set(st->form, i, labels[choice], false);
	} else if (fd->type == F_REF && strcmp(fd->ref_table, "organisation") == 0) {
		enum perm p = access_org_pick_perm(st->t, st->rec.id == 0);
		int64_t id = screen_pick_org(st->ss, p);
		if (id) {
			char buf[24];
			snprintf(buf, sizeof buf, "%lld", (long long)id);
			show_value(st, i, buf, false);
		}
	} else if (fd->type == F_REF && strcmp(fd->ref_table, "person") == 0) {
		/* From the organisation the opener names (a consent's teacher:
		 * the application's). */
		int64_t org = st->person_org ? st->person_org(st->ss, st->parent) : 0, id;
		if ((id = screen_pick_person(st->ss, org)) != 0) {
			char buf[24];
			snprintf(buf, sizeof buf, "%lld", (long long)id);
			show_value(st, i, buf, false);
		}
	} else if (fd->type == F_REF && strcmp(fd->ref_table, "deficit_code") == 0) {
		int64_t id = screen_pick_deficit(st->ss);
		if (id) {
			char buf[24];
			snprintf(buf, sizeof buf, "%lld", (long long)id);
			show_value(st, i, buf, false);
		}
	} else if (fd->type == F_REF && (strcmp(fd->ref_table, "competency_block") == 0 ||
					  strcmp(fd->ref_table, "municipality") == 0 ||
					  strcmp(fd->ref_table, "indicator") == 0 ||
					  strcmp(fd->ref_table, "city_mo") == 0)) {
		int64_t ids[64];
		char *labels[64];
		int n = store_small_catalog(st->ss->store, fd->ref_table, ids, labels, 64), choice, cur = -1;
		for (int k = 0; k < n; k++)
			if (st->ref[i] && ids[k] == strtoll(st->ref[i], NULL, 10))
				cur = k;
		choice = ui_pick(fd->label, (const char *const *)labels, n, cur);
		if (choice >= 0) {
			char buf[24];
			snprintf(buf, sizeof buf, "%lld", (long long)ids[choice]);
			show_value(st, i, buf, false);
		}
		for (int k = 0; k < n; k++)
			free(labels[k]);
	} else {
		ui_set_status("У этого поля нет списка: введите значение");
	}
	ui_dirty();
}

/* Whether the user may save this record at all: by the rule of whoever
 * opened the form (a card that knows its table's lifecycle), else by the
 * policy's one table of record rules (access_may_save). */
static bool allowed(struct rf *st, struct record *r, const char **why)
{
	const char *table = st->t->table;

	r->id = st->rec.id;
	if (st->rights)
		return st->rights(st->ss, st->t, r, st->parent, st->editable != NULL, why);
	if (strcmp(table, "mentoring_survey") == 0)
		return access_may(st->ss, P_MENTORING, store_pair_mentee(st->ss->store, st->parent), why);
	if (st->t == &model_site_event) {
		int64_t org;
		char state[16], term_end[11];
		if (store_site_brief(st->ss->store, st->parent, &org, state, term_end) != ST_OK) {
			*why = "площадка не найдена";
			return false;
		}
		return access_may(st->ss, P_SITES, org, why);
	}
	return access_may_save(st->ss, st->t, r, st->parent, why);
}

/* Field i's text: a reference by its pick, the rest by the one rule of its
 * type (screen_check_field). */
static const char *field_check(struct rf *st, int i, const char *in, char **out, char **shown)
{
	static char msg[300];
	const struct field_desc *fd = &st->t->fields[i];

	*out = NULL;
	if (shown)
		*shown = NULL;
	if (fd->type == F_REF) {
		if (fd->required && st->ref[i] == NULL) {
			snprintf(msg, sizeof msg, "%s: обязательное поле (F3 или Enter — выбрать)", fd->label);
			return msg;
		}
		*out = st->ref[i] ? xstrdup(st->ref[i]) : NULL;
		return NULL;
	}
	const char *m = screen_check_field(st->ss, fd, fd->label, in, out, shown);
	if (m == NULL && *out && model_field_is_code(fd)) {
		/* A code is given once: said as the field is left, and typed
		 * look-alikes show back in the code's own alphabet. */
		char *taken = store_code_taken(st->ss->store, st->t, st->rec.id, *out);
		if (taken) {
			snprintf(msg, sizeof msg, "%s: %s", fd->label, taken);
			free(taken);
			free(*out);
			*out = NULL;
			return msg;
		}
		if (shown && strcmp(*out, in) != 0)
			*shown = xstrdup(*out);
	}
	return m;
}

/* The form's check of one field as the cursor leaves it. */
static const char *rf_check(void *ctx, int i, const char *text, char **shown)
{
	struct rf *st = ctx;
	char *out = NULL;
	const char *m;

	if (st->fields[i].readonly)
		return NULL;
	m = field_check(st, i, text, &out, shown);
	free(out);
	return m;
}

static bool save(struct rf *st)
{
	struct record r;
	const char *why;
	int rc, bad = -1;

	uf_clear_errors(st->form);
	record_init(&r, st->t);
	r.id = st->rec.id;
	r.version = st->rec.version;
	/* Every field is checked and every bad one marked; the cursor goes to
	 * the first. */
	for (int i = 0; i < st->t->nfields; i++) {
		const struct field_desc *fd = &st->t->fields[i];
		char *in, *out = NULL, *shown = NULL;
		const char *m;

		if (st->fields[i].readonly && !is_parent(st->t, fd)) {
			record_set(&r, i, st->rec.v[i]);   /* shown only: kept as stored */
			continue;
		}
		in = uf_get(st->form, i);
		m = field_check(st, i, in, &out, &shown);
		if (m) {
			uf_set_error(st->form, i, m);
			if (bad < 0)
				bad = i;
		} else if (shown && strcmp(shown, in) != 0) {
			uf_set(st->form, i, shown, false);
		}
		free(in);
		free(shown);
		free(r.v[i]);
		r.v[i] = out;
	}
	if (bad >= 0) {
		uf_goto(st->form, bad);
		record_free(&r);
		ui_dirty();
		return false;
	}
	/* A new site application only in the selection window of the day it
	 * is entered (site.c; the store checks it again): said at the date. */
	if (st->t == &model_internship_site && st->rec.id == 0) {
		int di = model_field_index(st->t, "applied_date");
		char today[11];
		const char *m;
		today_iso(today);
		m = site_check_application(today, r.v[di]);
		if (m) {
			char msg[300];
			snprintf(msg, sizeof msg, "%s: %s", st->t->fields[di].label, m);
			uf_set_error(st->form, di, msg);
			uf_goto(st->form, di);
			record_free(&r);
			ui_dirty();
			return false;
		}
	}
	if (!allowed(st, &r, &why)) {
		ui_set_error("Нельзя сохранить: %s", why);
		record_free(&r);
		return false;
	}
	if (r.id == 0) {
		rc = store_insert(st->ss->store, &st->ss->actor, st->t, &r);
	} else {
		struct record cur = { 0 };
		/* Each round either saves or shows the newest stored row. */
		while ((rc = store_update(st->ss->store, &st->ss->actor, st->t, &r, &cur)) == ST_CONFLICT) {
			if (!merge(st, &r, &cur)) {
				ui_set_error("Не сохранено: запись изменил другой пользователь. "
					     "Ваши значения в форме; F2 — сравнить и сохранить");
				record_free(&cur);
				record_free(&r);
				return false;
			}
			if (!allowed(st, &r, &why)) {
				ui_set_error("Нельзя сохранить: %s", why);
				record_free(&cur);
				record_free(&r);
				return false;
			}
		}
		record_free(&cur);
	}
	if (rc != ST_OK) {
		screen_store_error(st->ss, rc);
		record_free(&r);
		return false;
	}
	/* A draft of this form (from a dropped session) is done with. */
	store_draft_delete(st->ss->store, st->ss->user.id, st->draft, st->t->table, st->rec.id);
	if (st->on_saved)
		st->on_saved(st->ctx, r.id);
	record_free(&r);
	return true;
}

/* --- drafts: the form's contents kept when the session is cut off --- */

/* title, parent, version, the current field, editable count and columns, then per field the
 * stored value read at opening (the base a later conflict is judged
 * against), the text in the form, and the chosen reference. */
static char *encode(struct rf *st)
{
	char *buf = xstrdup(""), num[32];
	size_t len = 0;
	int ne = 0;

	draft_put(&buf, &len, st->title);
	snprintf(num, sizeof num, "%lld", (long long)st->parent);
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%lld", (long long)st->rec.version);
	draft_put(&buf, &len, num);
	snprintf(num, sizeof num, "%d", uf_current(st->form));
	draft_put(&buf, &len, num);
	while (st->editable && st->editable[ne])
		ne++;
	snprintf(num, sizeof num, "%d", st->editable ? ne : -1);
	draft_put(&buf, &len, num);
	for (int i = 0; i < ne; i++)
		draft_put(&buf, &len, st->editable[i]);
	for (int i = 0; i < st->t->nfields; i++) {
		char *text = uf_get(st->form, i);
		draft_put(&buf, &len, st->rec.v[i]);
		draft_put(&buf, &len, text);
		draft_put(&buf, &len, st->ref[i]);
		free(text);
	}
	return buf;
}

static void rf_hangup(struct screen *sc)
{
	struct rf *st = sc->state;
	char *data;

	if (st->saved || !uf_modified(st->form))
		return;
	data = encode(st);
	store_draft_save(st->ss->store, st->ss->user.id, st->draft, st->t->table, st->rec.id, data);
	free(data);
}

/* Open the form a draft was taken from, as the user left it, with the
 * rights and callbacks of o (its table, ids and columns are the draft's).
 * NULL (with the reason in *why) when the draft is damaged or its record is
 * gone or out of reach now. */
struct screen *screen_record_form_restore_open(struct session *ss, const struct draft *d,
					       const struct rf_open *o, const char **why)
{
	const struct table_desc *t = model_by_table(d->tbl);
	const char *p = d->data;
	char *title = draft_get(&p), *parent = draft_get(&p), *version = draft_get(&p);
	char *current = draft_get(&p), *count = draft_get(&p);
	char **editable = NULL;
	struct screen *sc = NULL;
	struct rf *st;
	long ne = count ? strtol(count, NULL, 10) : -2;
	bool ok = t && title && parent && version && current && ne >= -1 && ne < 256;

	*why = "черновик повреждён";
	if (ok && ne >= 0) {
		editable = xcalloc((size_t)ne + 1, sizeof *editable);
		for (long i = 0; ok && i < ne; i++)
			ok = (editable[i] = draft_get(&p)) != NULL;
	}
	if (ok) {
		struct rf_open ro = *o;
		ro.t = t;
		ro.id = d->record_id;
		ro.parent = strtoll(parent, NULL, 10);
		ro.editable = (const char *const *)editable;
		ro.focus = NULL;
		sc = screen_record_form_open(ss, &ro);
		st = sc->state;
		st->own_editable = editable;
		st->from_draft = true;
		editable = NULL;
		if (d->record_id && st->rec.id != d->record_id) {
			*why = "запись удалена или больше не доступна вам";
			ok = false;
		}
		for (int i = 0; ok && i < t->nfields; i++) {
			char *base = draft_get(&p), *text = draft_get(&p), *ref = draft_get(&p);
			ok = base && text && ref;
			if (ok) {
				/* The form starts from the version the user was editing. */
				record_set(&st->rec, i, *base ? base : NULL);
				show_value(st, i, st->rec.v[i], true);
				if (!st->fields[i].readonly) {
					if (t->fields[i].type == F_REF)
						show_value(st, i, *ref ? ref : NULL, false);
					else
						uf_set(st->form, i, text, false);
				}
			}
			free(base);
			free(text);
			free(ref);
		}
		if (ok) {
			st->rec.version = strtoll(version, NULL, 10);
			uf_goto(st->form, (int)strtol(current, NULL, 10));
		}
	}
	if (!ok && sc) {
		sc->ops->free(sc);
		free(sc);
		sc = NULL;
	}
	if (editable)
		for (long i = 0; i < ne; i++)
			free(editable[i]);
	free(editable);
	free(title);
	free(parent);
	free(version);
	free(current);
	free(count);
	return sc;
}

struct screen *screen_record_form_restore(struct session *ss, const struct draft *d,
					  const char **why)
{
	const struct rf_open o = { .draft = DRAFT_SCREEN };

	return screen_record_form_restore_open(ss, d, &o, why);
}

static void rf_draw(struct screen *sc, WINDOW *w)
{
	struct rf *st = sc->state;

	uf_draw(st->form, w);
}

static bool rf_key(struct screen *sc, int cmd, struct ui_key k)
{
	struct rf *st = sc->state;

	if (cmd == C_SAVE) {
		if (save(st)) {
			st->saved = true;
			ui_set_status("Сохранено");
			return false;
		}
		sc->dirty = true;
		return true;
	}
	if (cmd == C_PICK) {
		pick(st);
		return true;
	}
	switch (uf_key(st->form, k)) {
	case UF_PICK:
		pick(st);
		break;
	case UF_HANDLED:
		break;
	default:
		return true;
	}
	sc->dirty = true;
	return true;
}

static bool rf_can_leave(struct screen *sc)
{
	struct rf *st = sc->state;
	bool leave = st->saved || !uf_modified(st->form) ||
		     ui_confirm("Есть несохранённые изменения. Закрыть форму без сохранения?");
	sc->dirty = true;
	/* Closed on purpose: a draft it came from is not wanted any more. */
	if (leave && st->from_draft)
		store_draft_delete(st->ss->store, st->ss->user.id, st->draft, st->t->table, st->rec.id);
	return leave;
}

static void rf_free(struct screen *sc)
{
	struct rf *st = sc->state;

	uf_free(st->form);
	for (int i = 0; i < st->t->nfields; i++)
		free(st->ref[i]);
	free(st->ref);
	record_free(&st->rec);
	free(st->fields);
	free(st->masked);
	for (int i = 0; st->own_editable && st->own_editable[i]; i++)
		free(st->own_editable[i]);
	free(st->own_editable);
	free(st);
}

static const struct screen_ops ops = {
	"record_form", keys, rf_draw, rf_key, NULL, rf_free, rf_can_leave, rf_hangup,
};

struct screen *screen_record_form(struct session *ss, const struct table_desc *t, int64_t id,
				  int64_t parent, void (*on_saved)(void *ctx, int64_t id),
				  void *ctx)
{
	const struct rf_open o = { .t = t, .id = id, .parent = parent, .on_saved = on_saved, .ctx = ctx };

	return screen_record_form_open(ss, &o);
}

/* Columns derived from a diagnostic (a roadmap row's deficit codes) that
 * the one disclosure rule does not give this user for the record's person:
 * shown as «конфиденциально», never editable, kept as stored on save. */
static void mark_masked(struct rf *st, int64_t id)
{
	const struct table_desc *t = st->t;
	int64_t iom = 0, diag = 0, person = -1;

	for (int i = 0; i < t->nfields; i++) {
		if (access_column_class(t->table, t->fields[i].col) == 0)
			continue;
		if (person < 0) {
			person = store_record_person(st->ss->store, t->table, id, &iom, &diag);
			/* A new row: whose it is comes from the card it is added to. */
			if (person == 0 && id == 0 && st->parent && t->parent_col) {
				const struct field_desc *pf = model_field(t, t->parent_col);
				if (pf && pf->ref_table)
					person = store_record_person(st->ss->store, pf->ref_table, st->parent,
								     &iom, &diag);
			}
		}
		st->masked[i] = access_column_masked(st->ss, t->table, t->fields[i].col, person, iom, diag);
	}
}

/* A new record's required organisation, where the user may address it to exactly
 * one (a school head's new teacher): that one, as if read, so the form
 * starts filled and unchanged. With several, or the whole region, the
 * field stays empty and required. The organisations are the policy's
 * scope for the permission the picker offers (access_org_pick_perm). */
static void default_org(struct rf *st)
{
	const struct table_desc *t = st->t;

	for (int i = 0; i < t->nfields; i++) {
		const struct field_desc *fd = &t->fields[i];
		struct store_scope scope;
		struct org_filter of = { NULL, 0 };
		struct page_req req = { NULL, 0, +1, 2 };
		struct page pg = { 0 };
		int n = 0;

		if (fd->type != F_REF || strcmp(fd->ref_table, "organisation") != 0 ||
		    !fd->required || st->rec.v[i] || st->fields[i].readonly)
			continue;
		scope = access_scope(st->ss, access_org_pick_perm(t, true));
		if (!scope.all && store_org_count(st->ss->store, &scope, &of, &n) == ST_OK && n == 1 &&
		    store_org_page(st->ss->store, &scope, &of, &req, &pg) == ST_OK && pg.n == 1) {
			char buf[24];
			snprintf(buf, sizeof buf, "%lld", (long long)pg.rows[0].id);
			record_set(&st->rec, i, buf);
		}
		page_free(&pg);
		access_scope_free(&scope);
	}
}

struct screen *screen_record_form_open(struct session *ss, const struct rf_open *o)
{
	struct rf *st = xcalloc(1, sizeof *st);
	const struct table_desc *t = o->t;
	const char *const *editable = o->editable;
	int64_t id = o->id, parent = o->parent;
	struct screen *sc;

	st->ss = ss;
	st->t = t;
	st->parent = parent;
	st->on_saved = o->on_saved;
	st->ctx = o->ctx;
	st->editable = editable;
	st->rights = o->rights;
	st->person_org = o->person_org;
	st->after_pick = o->after_pick;
	st->draft = o->draft ? o->draft : DRAFT_SCREEN;
	st->fields = xcalloc((size_t)t->nfields, sizeof *st->fields);
	st->ref = xcalloc((size_t)t->nfields, sizeof *st->ref);
	st->masked = xcalloc((size_t)t->nfields, sizeof *st->masked);
	mark_masked(st, id);
	for (int i = 0; i < t->nfields; i++) {
		const struct field_desc *fd = &t->fields[i];
		st->fields[i].label = fd->label;
		st->fields[i].hint = hint(fd);
		st->fields[i].max_chars = fd->type == F_MEMO ? ss->cfg->text_chars : ss->cfg->name_chars;
		st->fields[i].required = fd->required;
		st->fields[i].pick = fd->type == F_ENUM || fd->type == F_REF || fd->type == F_BOOL;
		st->fields[i].pick_only = fd->type == F_REF;
		/* The parent (a course's person, a roadmap row's ИОМ) is the card the
		 * form was opened from; columns outside `editable` are shown only. */
		st->fields[i].readonly = is_parent(st->t, fd) || (editable && !listed(editable, fd->col)) ||
					 st->masked[i];
	}
	st->form = uf_new(st->fields, t->nfields);
	uf_set_check(st->form, rf_check, st);
	if (id) {
		/* Persons and organisations are read within the user's scope;
		 * a course through its person's card; catalogues are not personal. */
		bool org = strcmp(t->table, "organisation") == 0;
		bool scoped = org || strcmp(t->table, "person") == 0;
		struct store_scope scope = access_scope(ss, org ? P_ORG_VIEW : P_PERSON_VIEW);
		int rc = store_get(ss->store, t, scoped ? &scope : NULL, id, &st->rec);
		access_scope_free(&scope);
		if (rc != ST_OK) {
			screen_store_error(ss, rc);
			record_init(&st->rec, t);
		}
	} else {
		record_init(&st->rec, t);
	}
	for (int i = 0; parent && id == 0 && i < t->nfields; i++) {
		char buf[24];
		snprintf(buf, sizeof buf, "%lld", (long long)parent);
		if (is_parent(t, &t->fields[i]))
			record_set(&st->rec, i, buf);
	}
	if (id == 0)
		default_org(st);
	for (int i = 0; i < t->nfields; i++)
		show_value(st, i, st->rec.v[i], true);
	/* The opener's starting field (the teacher's mark). */
	if (o->focus && model_field_index(t, o->focus) >= 0)
		uf_goto(st->form, model_field_index(t, o->focus));
	snprintf(st->title, sizeof st->title, "%s: %s", id ? "Изменение" : "Новая запись", t->label);
	if (id && st->rec.id) {
		char *name = store_ref_name(ss->store, t->table, id);
		if (*name) {
			/* The title line has COLS less the frame and «Маршрут»
			 * (ui_draw_title): a long name is shortened, with «…». */
			size_t hl;
			snprintf(st->title, sizeof st->title, "Изменение: %s ", t->label);
			hl = strlen(st->title);
			text_fit_ellipsis(name, COLS - 10 - text_width(st->title), st->title + hl,
					  sizeof st->title - hl);
		}
		free(name);
	}
	sc = screen_new(&ops, st, st->title);
	sc->keep_body = true;   /* the posted form is the body: never erased */
	return sc;
}
