#include "ui/form.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define LABEL_W UF_LABEL_COLS

struct ui_form {
	const struct uf_field *desc;
	int n;
	FIELD **fields;      /* label, input, label, input, ..., NULL */
	char **initial;      /* as set with initial: what "modified" compares to */
	char **shown;        /* what to show while no fields exist (before posting) */
	FORM *form;
	WINDOW *win, *sub;
	int rows, cols;      /* geometry it was posted with */
	int per_page;
	int in_w;            /* columns of an input field */
	char **errs;         /* per field: its message, NULL when good */
	int last_err;        /* the field marked last (its message shown when
	                      * the current field has none) */
	uf_check_fn check;
	void *check_ctx;
	int cur;
};

struct ui_form *uf_new(const struct uf_field *fields, int n)
{
	struct ui_form *f = xcalloc(1, sizeof *f);

	f->desc = fields;
	f->n = n;
	f->initial = xcalloc((size_t)n, sizeof *f->initial);
	f->shown = xcalloc((size_t)n, sizeof *f->shown);
	f->errs = xcalloc((size_t)n, sizeof *f->errs);
	f->last_err = -1;
	return f;
}

static void destroy_fields(struct ui_form *f)
{
	if (f->form) {
		unpost_form(f->form);
		free_form(f->form);
		f->form = NULL;
	}
	if (f->fields) {
		for (int i = 0; i < 2 * f->n; i++)
			free_field(f->fields[i]);
		free(f->fields);
		f->fields = NULL;
	}
	if (f->sub) {
		delwin(f->sub);
		f->sub = NULL;
	}
}

/* Current texts, kept across a rebuild (resize). */
static char **save_texts(struct ui_form *f)
{
	char **t = xcalloc((size_t)f->n, sizeof *t);
	for (int i = 0; i < f->n; i++)
		t[i] = uf_get(f, i);
	return t;
}

static void set_label(struct ui_form *f, int i)
{
	char buf[160];
	const struct uf_field *d = &f->desc[i];
	/* The mark has columns of its own before the label: a marked label
	 * never loses its end. */
	snprintf(buf, sizeof buf, "%s%s%s", f->errs[i] ? "! " : "  ", d->label,
		 d->required ? " *" : "");
	set_field_buffer(f->fields[2 * i], 0, buf);
	set_field_fore(f->fields[2 * i], f->errs[i]
		       ? (ui_has_color() ? COLOR_PAIR(UI_PAIR_ERR) | A_BOLD : A_BOLD | A_STANDOUT)
		       : A_NORMAL);
}

/* The input limit of field i: its own, or the length of a stored text that
 * is already longer (libform would cut it, and the form would count the
 * cut as a change and save it). */
static int field_max(const struct ui_form *f, int i, const char *text)
{
	int max = f->desc[i].max_chars > 0 ? f->desc[i].max_chars : 100;
	int have = text ? (int)text_chars(text) : 0;

	return have > max ? have : max;
}

static void build(struct ui_form *f, WINDOW *w)
{
	char **texts = save_texts(f);
	int h = getmaxy(w), wd = getmaxx(w), in_w;

	destroy_fields(f);
	werase(w);
	f->win = w;
	f->rows = h;
	f->cols = wd;
	f->per_page = h - 2 > 1 ? h - 2 : 1;   /* last lines: message and page */
	/* «! » (2), the label (LABEL_W), a column of air, the input. */
	in_w = wd - LABEL_W - 4;
	if (in_w < 10)
		in_w = 10;
	f->in_w = in_w;
	f->fields = xcalloc((size_t)(2 * f->n + 1), sizeof *f->fields);
	for (int i = 0; i < f->n; i++) {
		int row = i % f->per_page;
		FIELD *lab = new_field(1, LABEL_W + 2, row, 0, 0, 0);
		FIELD *in = new_field(1, in_w, row, LABEL_W + 3, 0, 0);
		field_opts_off(lab, O_ACTIVE | O_EDIT);
		field_opts_off(in, O_AUTOSKIP | O_BLANK | O_STATIC);
		set_max_field(in, field_max(f, i, texts[i]));
		if (f->desc[i].readonly || f->desc[i].pick_only)
			field_opts_off(in, O_EDIT);
		set_field_back(in, ui_has_color() ? COLOR_PAIR(UI_PAIR_FIELD) : A_UNDERLINE);
		if (row == 0 && i > 0)
			set_new_page(lab, TRUE);
		f->fields[2 * i] = lab;
		f->fields[2 * i + 1] = in;
		set_field_buffer(in, 0, texts[i]);
	}
	for (int i = 0; i < f->n; i++)
		set_label(f, i);
	f->form = new_form(f->fields);
	/* Backspace at a field's start and a new line at its end stay in the
	 * field: libform's overloads would move into the neighbour and let
	 * the next keys edit it (form_opts(3X); both are on by default). */
	form_opts_off(f->form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	f->sub = derwin(w, f->per_page, wd, 0, 0);
	set_form_win(f->form, w);
	set_form_sub(f->form, f->sub);
	post_form(f->form);
	for (int i = 0; i < f->n; i++)
		free(texts[i]);
	free(texts);
	uf_goto(f, f->cur);
}

void uf_free(struct ui_form *f)
{
	if (f == NULL)
		return;
	destroy_fields(f);
	for (int i = 0; i < f->n; i++) {
		free(f->initial[i]);
		free(f->shown[i]);
		free(f->errs[i]);
	}
	free(f->initial);
	free(f->shown);
	free(f->errs);
	curs_set(0);
	free(f);
}

void uf_set(struct ui_form *f, int i, const char *text, bool initial)
{
	char *clean = text_sanitize(text ? text : "");
	if (initial) {
		free(f->initial[i]);
		f->initial[i] = xstrdup(clean);
	}
	if (f->fields) {
		set_max_field(f->fields[2 * i + 1], field_max(f, i, clean));
		set_field_buffer(f->fields[2 * i + 1], 0, clean);
	} else {
		free(f->shown[i]);
		f->shown[i] = xstrdup(clean);
	}
	free(clean);
}

char *uf_get(struct ui_form *f, int i)
{
	char *v;
	size_t n;

	if (!f->fields)
		return xstrdup(f->shown[i] ? f->shown[i] : "");
	if (f->form && current_field(f->form) == f->fields[2 * i + 1])
		form_driver(f->form, REQ_VALIDATION);
	v = xstrdup(field_buffer(f->fields[2 * i + 1], 0));
	n = strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		v[--n] = '\0';
	return v;
}

const char *uf_initial(struct ui_form *f, int i)
{
	return f->initial[i] ? f->initial[i] : "";
}

bool uf_modified(struct ui_form *f)
{
	for (int i = 0; i < f->n; i++) {
		char *v = uf_get(f, i);
		bool diff = strcmp(v, f->initial[i] ? f->initial[i] : "") != 0;
		free(v);
		if (diff)
			return true;
	}
	return false;
}

void uf_set_error(struct ui_form *f, int i, const char *msg)
{
	if (i < 0 || i >= f->n)
		return;
	if (msg == NULL && f->errs[i] == NULL)
		return;
	if (msg && f->errs[i] && strcmp(msg, f->errs[i]) == 0)
		return;
	free(f->errs[i]);
	f->errs[i] = msg ? xstrdup(msg) : NULL;
	if (msg)
		f->last_err = i;
	if (f->fields)
		set_label(f, i);
}

void uf_clear_errors(struct ui_form *f)
{
	for (int i = 0; i < f->n; i++)
		uf_set_error(f, i, NULL);
	f->last_err = -1;
}

int uf_first_error(struct ui_form *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->errs[i])
			return i;
	return -1;
}

void uf_set_check(struct ui_form *f, uf_check_fn fn, void *ctx)
{
	f->check = fn;
	f->check_ctx = ctx;
}

/* Run the screen's rule on field i; apply the shown form when asked. */
static bool run_check(struct ui_form *f, int i, bool reshow)
{
	char *text, *shown = NULL;
	const char *msg;

	if (f->check == NULL || i < 0 || i >= f->n)
		return true;
	text = uf_get(f, i);
	msg = f->check(f->check_ctx, i, text, &shown);
	uf_set_error(f, i, msg);
	if (msg == NULL && reshow && shown && strcmp(shown, text) != 0)
		uf_set(f, i, shown, false);
	free(shown);
	free(text);
	return msg == NULL;
}

bool uf_check(struct ui_form *f, int i)
{
	return run_check(f, i, true);
}

/* The cursor leaves field i: a field typed into is checked; an empty one
 * only when it is marked already (the save says what is missing). */
static void leave(struct ui_form *f, int i)
{
	char *text;
	bool empty;

	if (f->check == NULL || f->desc[i].readonly)
		return;
	text = uf_get(f, i);
	empty = text[strspn(text, " ")] == '\0';
	free(text);
	if (!empty || f->errs[i])
		run_check(f, i, true);
}

int uf_current(struct ui_form *f)
{
	if (f->form) {
		int idx = field_index(current_field(f->form));
		if (idx >= 0)
			f->cur = idx / 2;
	}
	return f->cur;
}

void uf_goto(struct ui_form *f, int i)
{
	if (i < 0 || i >= f->n)
		return;
	f->cur = i;
	if (f->form) {
		set_form_page(f->form, i / f->per_page);
		set_current_field(f->form, f->fields[2 * i + 1]);
		form_driver(f->form, REQ_END_LINE);
	}
}

/* Move to field to, checking the field left. */
static void move_to(struct ui_form *f, int to)
{
	int from = uf_current(f);

	form_driver(f->form, REQ_VALIDATION);
	if (to != from)
		leave(f, from);
	uf_goto(f, to);
}

static void step_field(struct ui_form *f, int delta)
{
	int i = uf_current(f) + delta;
	if (i < 0)
		i = f->n - 1;
	if (i >= f->n)
		i = 0;
	move_to(f, i);
}

static enum uf_result key_inner(struct ui_form *f, struct ui_key k);

/* Every handled key also moves what libform holds in the field's window
 * into the field's buffer, so that a repaint of the body loses nothing. */
enum uf_result uf_key(struct ui_form *f, struct ui_key k)
{
	int at = f->form ? uf_current(f) : -1;
	enum uf_result r = key_inner(f, k);

	if (r == UF_HANDLED && f->form) {
		form_driver(f->form, REQ_VALIDATION);
		/* An edit of a marked field: the mark goes once it is right. */
		if (uf_current(f) == at && f->errs[at])
			run_check(f, at, false);
	}
	return r;
}

static enum uf_result key_inner(struct ui_form *f, struct ui_key k)
{
	if (f->form == NULL)
		return UF_NONE;
	switch (k.code) {
	case KEY_DOWN:
		step_field(f, +1);
		return UF_HANDLED;
	case KEY_UP:
	case KEY_BTAB:
		step_field(f, -1);
		return UF_HANDLED;
	case KEY_NPAGE: {
		/* The first field of the next page; on the last page, its last field. */
		int to = (uf_current(f) / f->per_page + 1) * f->per_page;
		move_to(f, to < f->n ? to : f->n - 1);
		return UF_HANDLED;
	}
	case KEY_PPAGE: {
		/* The first field of the previous page; on the first page, its first. */
		int page = uf_current(f) / f->per_page;
		move_to(f, page > 0 ? (page - 1) * f->per_page : 0);
		return UF_HANDLED;
	}
	case KEY_ENTER:
		if (f->desc[uf_current(f)].pick)
			return UF_PICK;
		step_field(f, +1);
		return UF_HANDLED;
	case KEY_LEFT:
		form_driver(f->form, REQ_PREV_CHAR);
		return UF_HANDLED;
	case KEY_RIGHT:
		form_driver(f->form, REQ_NEXT_CHAR);
		return UF_HANDLED;
	case KEY_HOME:
		form_driver(f->form, REQ_BEG_LINE);
		return UF_HANDLED;
	case KEY_END:
		form_driver(f->form, REQ_END_LINE);
		return UF_HANDLED;
	case KEY_BACKSPACE:
		form_driver(f->form, REQ_DEL_PREV);
		return UF_HANDLED;
	case KEY_DC:
		form_driver(f->form, REQ_DEL_CHAR);
		return UF_HANDLED;
	case KEY_IC:
		form_driver(f->form, REQ_INS_MODE);
		return UF_HANDLED;
	case 0:
		break;
	default:
		return UF_NONE;
	}
	if (k.ch == '\t') {
		step_field(f, +1);
		return UF_HANDLED;
	}
	if (k.ch == 127 || k.ch == 8) {
		form_driver(f->form, REQ_DEL_PREV);
		return UF_HANDLED;
	}
	if (k.ch == 21) { /* Ctrl-U: clear the field */
		form_driver(f->form, REQ_CLR_FIELD);
		return UF_HANDLED;
	}
	/* Control, C1 and bidi characters never enter a field. */
	if (text_forbidden((uint32_t)k.ch, 0))
		return UF_HANDLED;
	if (f->desc[uf_current(f)].readonly || f->desc[uf_current(f)].pick_only)
		return f->desc[uf_current(f)].pick ? UF_PICK : UF_HANDLED;
	form_driver_w(f->form, OK, (wchar_t)k.ch);
	return UF_HANDLED;
}

void uf_draw(struct ui_form *f, WINDOW *w)
{
	int pages, page, cur, first;
	const char *err;

	if (f->form == NULL || f->win != w || getmaxy(w) != f->rows || getmaxx(w) != f->cols) {
		f->cur = f->form ? uf_current(f) : f->cur;
		build(f, w);
	}
	/* The fields are drawn by libform as they change; only the lines
	 * below them are ours. */
	wmove(w, f->rows - 2, 0);
	wclrtobot(w);
	pages = (f->n + f->per_page - 1) / f->per_page;
	page = form_page(f->form);
	/* The current field's message, else the one marked last, else the
	 * first still marked; with none, the current field's hint. */
	cur = uf_current(f);
	first = uf_first_error(f);
	err = f->errs[cur] ? f->errs[cur]
	      : f->last_err >= 0 && f->errs[f->last_err] ? f->errs[f->last_err]
	      : first >= 0 ? f->errs[first] : NULL;
	if (err)
		ui_put(w, f->rows - 2, 1, err, f->cols - 2,
		       ui_has_color() ? COLOR_PAIR(UI_PAIR_ERR) | A_BOLD : A_BOLD);
	else if (f->desc[cur].hint)
		ui_put(w, f->rows - 2, 1, f->desc[cur].hint, f->cols - 2, A_DIM);
	/* A value wider than its field shows its start and «…» while the
	 * cursor is elsewhere (libform would cut it anywhere, mid-word);
	 * the field being edited shows the text itself. */
	for (int i = page * f->per_page; i < f->n && i < (page + 1) * f->per_page; i++) {
		char *v;
		if (i == cur)
			continue;
		v = xstrdup(field_buffer(f->fields[2 * i + 1], 0));
		for (size_t n = strlen(v); n > 0 && v[n - 1] == ' ';)
			v[--n] = '\0';
		if (text_width(v) > f->in_w)
			ui_put_padded(w, i % f->per_page, LABEL_W + 3, v, f->in_w,
				      ui_has_color() ? COLOR_PAIR(UI_PAIR_FIELD) : A_UNDERLINE);
		free(v);
	}
	if (pages > 1) {
		char buf[64];
		snprintf(buf, sizeof buf, "страница %d из %d (PgDn/PgUp)", page + 1, pages);
		ui_put(w, f->rows - 1, f->cols - 32, buf, 31, A_DIM);
	}
	curs_set(1);
	pos_form_cursor(f->form);
}

void uf_unpost(struct ui_form *f)
{
	(void)f;
	curs_set(0);
}
