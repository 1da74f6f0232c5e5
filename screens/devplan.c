/* The school's plan of continuous professional development as the seed
 * draws it (000, App. 2): a 3 × 3 grid of the forms of education by the
 * levels (devplan.h), each cell the items of that form and level in a few
 * lines, and below the grid the chosen cell in full (goal, content,
 * forms). Arrows choose a cell, Enter edits its item (an empty cell gets
 * its item first), F5 changes the year, F9 saves the plan for print
 * (HTML for A4 or text, as the ИОМ card prints). Reached from the
 * registry of the plans (F5 there). */
#include "screens/screens.h"
#include "devplan.h"
#include "secure.h"
#include "sshcmd.h"
#include "store/devplan.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_OPEN = 1, C_YEAR, C_PRINT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(5), C_YEAR, "Год", "план другого года" },
	{ KEY_F(9), C_PRINT, "Печать", "сохранить план для печати (HTML для A4 или текст) в домашнюю папку" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "изменить запись плана в выбранной клетке" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки — выбор клетки" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

struct dplan {
	struct session *ss;
	int64_t org_id;
	int year;
	int form, level;         /* the chosen cell */
	bool loaded;
	struct devplan p;
};

/* Label column and the cells' text width (a separator before each cell). */
#define LABEL_W 13

static int cell_width(WINDOW *w)
{
	/* A separator, a space, the text, a space before the next one. */
	int cw = (getmaxx(w) - 2 - LABEL_W) / DEVPLAN_LEVELS - 3;
	return cw < 6 ? 6 : cw;
}

/* Wrapped text in at most max lines of cols columns; when it does not fit,
 * the last line ends with «…» after a whole word. */
static void fit_lines(const char *raw, int cols, int max, struct text_lines *out)
{
	struct text_lines l = { NULL, 0, 0 };
	char *clean = text_sanitize(raw);

	text_wrap(clean, cols, cols, &l);
	free(clean);
	for (int i = 0; i < l.n && i < max; i++) {
		char *cur, *with, *sp, buf[256];
		if (i < max - 1 || l.n <= max) {
			text_lines_push(out, l.v[i], strlen(l.v[i]));
			continue;
		}
		/* The last line shown: whole words and «…» within cols. */
		cur = xstrdup(l.v[i]);
		for (;;) {
			/* No «;…» or «,…»: the punctuation before it goes. */
			size_t n = strlen(cur);
			while (n > 0 && (cur[n - 1] == ';' || cur[n - 1] == ',' || cur[n - 1] == ' '))
				cur[--n] = '\0';
			with = xasprintf("%s…", cur);
			if (text_width(with) <= cols) {
				text_lines_push(out, with, strlen(with));
				free(with);
				break;
			}
			free(with);
			if ((sp = strrchr(cur, ' ')) == NULL || sp == cur) {
				text_fit_ellipsis(l.v[i], cols, buf, sizeof buf);
				text_lines_push(out, buf, strlen(buf));
				break;
			}
			*sp = '\0';
		}
		free(cur);
	}
	text_lines_free(&l);
}

static void load(struct screen *sc)
{
	struct dplan *st = sc->state;

	devplan_free(&st->p);
	st->loaded = store_devplan_load(st->ss->store, st->org_id, st->year, &st->p) == ST_OK;
	if (!st->loaded)
		ui_set_error("План не прочитан: %s", store_errmsg(st->ss->store));
	snprintf(sc->title, sizeof sc->title, "План развития педагогов: %d г.", st->year);
}

/* The chosen cell in full under the grid, from line y to y + n - 1. */
static void draw_detail(struct dplan *st, WINDOW *w, int y, int n)
{
	static const char *const parts[3] = { "Цель", "Содержание", "Формы" };
	const struct devplan_cell *c = &st->p.cell[st->form][st->level];
	int cols = getmaxx(w) - 2, used = 1;
	char *head = xasprintf("%s — %s", devplan_form_titles[st->form], devplan_level_titles[st->level]);

	if (n <= 0) {
		free(head);
		return;
	}
	mvwhline(w, y, 1, ACS_HLINE, cols);
	ui_put(w, y, 2, head, cols - 2, A_BOLD);
	free(head);
	if (c->n == 0) {
		if (n > 1)
			ui_put(w, y + 1, 1, "Клетка не заполнена: Enter — заполнить.", cols, A_DIM);
		return;
	}
	for (int i = 0; i < c->n && used < n; i++)
		for (int part = 0; part < 3 && used < n; part++) {
			const char *t = part == 0 ? c->v[i].goal : part == 1 ? c->v[i].content : c->v[i].forms;
			char *line = xasprintf("%s: %s", parts[part], t ? t : "—");
			struct text_lines l = { NULL, 0, 0 };
			fit_lines(line, cols, n - used, &l);
			for (int k = 0; k < l.n; k++)
				ui_put(w, y + used + k, 1, l.v[k], cols, A_NORMAL);
			used += l.n;
			text_lines_free(&l);
			free(line);
		}
}

static int filled(const struct devplan *p)
{
	int k = 0;

	for (int f = 0; f < DEVPLAN_FORMS; f++)
		for (int v = 0; v < DEVPLAN_LEVELS; v++)
			k += p->cell[f][v].n > 0;
	return k;
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct dplan *st = sc->state;
	int cw = cell_width(w), rows = getmaxy(w), y, hdr = 1, cell_lines;
	char *title;
	struct text_lines l;

	if (!st->loaded)
		return;
	/* (the name whole: ui_put cuts it by columns, never a buffer by bytes) */
	title = xasprintf("%s, %d г.: заполнено клеток %d из %d", st->p.org_name, st->year,
			  filled(&st->p), DEVPLAN_FORMS * DEVPLAN_LEVELS);
	ui_put(w, 0, 1, title, getmaxx(w) - 2, A_BOLD);
	free(title);
	/* The levels, wrapped in their columns. */
	for (int v = 0; v < DEVPLAN_LEVELS; v++) {
		l = (struct text_lines){ NULL, 0, 0 };
		fit_lines(devplan_level_titles[v], cw, 3, &l);
		for (int k = 0; k < l.n; k++)
			ui_put(w, 1 + k, 1 + LABEL_W + v * (cw + 3) + 2, l.v[k], cw, A_BOLD);
		if (l.n > hdr)
			hdr = l.n;
		text_lines_free(&l);
	}
	ui_put(w, 1, 1, "Составляющие", LABEL_W, A_DIM);
	y = 1 + hdr;
	/* As many lines a cell (up to four) as leave four lines for the
	 * chosen cell in full below the grid. */
	cell_lines = (rows - y - DEVPLAN_FORMS - 4) / DEVPLAN_FORMS;
	cell_lines = cell_lines > 4 ? 4 : cell_lines < 1 ? 1 : cell_lines;
	for (int f = 0; f < DEVPLAN_FORMS; f++) {
		mvwhline(w, y, 1, ACS_HLINE, getmaxx(w) - 2);
		y++;
		l = (struct text_lines){ NULL, 0, 0 };
		fit_lines(devplan_form_titles[f], LABEL_W - 1, cell_lines, &l);
		for (int k = 0; k < l.n; k++)
			ui_put(w, y + k, 1, l.v[k], LABEL_W - 1, A_BOLD);
		text_lines_free(&l);
		for (int v = 0; v < DEVPLAN_LEVELS; v++) {
			int x = 1 + LABEL_W + v * (cw + 3);
			bool cur = f == st->form && v == st->level;
			char *sum = devplan_cell_summary(&st->p.cell[f][v]);
			for (int k = 0; k < cell_lines; k++)
				mvwaddch(w, y + k, x, ACS_VLINE);
			l = (struct text_lines){ NULL, 0, 0 };
			fit_lines(sum[0] ? sum : "—", cw, cell_lines, &l);
			for (int k = 0; k < cell_lines; k++)
				ui_put_padded(w, y + k, x + 2, k < l.n ? l.v[k] : "", cw,
					      cur ? A_REVERSE : sum[0] ? A_NORMAL : A_DIM);
			text_lines_free(&l);
			free(sum);
		}
		y += cell_lines;
	}
	draw_detail(st, w, y, rows - y);
}

/* Enter: the cell's item in the record form; an empty cell first gets its
 * item (this form and level, the year, the organisation), if the policy
 * lets the user save it. */
static void open_cell(struct dplan *st)
{
	const struct devplan_cell *c = &st->p.cell[st->form][st->level];
	const struct table_desc *t = &model_school_dev_plan;
	const char *why;
	int64_t id;

	if (c->n > 0) {
		id = c->v[0].id;
	} else {
		struct record rec;
		char org[24], year[8];
		snprintf(org, sizeof org, "%lld", (long long)st->org_id);
		snprintf(year, sizeof year, "%d", st->year);
		record_init(&rec, t);
		record_set(&rec, model_field_index(t, "org_id"), org);
		record_set(&rec, model_field_index(t, "year"), year);
		record_set(&rec, model_field_index(t, "education"), devplan_form_codes[st->form]);
		record_set(&rec, model_field_index(t, "audience"), devplan_level_codes[st->level]);
		if (!access_may_save(st->ss, t, &rec, st->org_id, &why)) {
			ui_set_error("%s", why);
			record_free(&rec);
			return;
		}
		if (store_insert(st->ss->store, &st->ss->actor, t, &rec) != ST_OK) {
			ui_set_error("Не добавлено: %s", store_errmsg(st->ss->store));
			record_free(&rec);
			return;
		}
		id = rec.id;
		record_free(&rec);
	}
	ui_push(screen_record_form(st->ss, t, id, st->org_id, NULL, NULL));
}

/* F9: the plan for print as a new file, HTML (A4) or text, named by the
 * organisation's code and the year in the user's home folder. */
static void print_plan(struct dplan *st)
{
	static const char *const formats[] = { "HTML (A4)", "текст" };
	static const char *const ext[] = { "html", "txt" };
	char *def, *path, *buf = NULL, *code, err[300];
	size_t len = 0;
	FILE *mem;
	int fmt, rc;

	if ((fmt = ui_pick("План для печати: формат", formats, 2, 0)) < 0)
		return;
	/* Named by the organisation's code, as «marshrut export plan» takes it. */
	code = store_scope_code(st->ss->store, "org", st->org_id);
	if (code[0])
		def = screen_home_file("plan-%s-%d.%s", code, st->year, ext[fmt]);
	else
		def = screen_home_file("plan-%lld-%d.%s", (long long)st->org_id, st->year, ext[fmt]);
	free(code);
	path = ui_prompt("Сохранить план для печати в файл", def);
	free(def);
	if (path == NULL || !*path) {
		free(path);
		return;
	}
	/* Built in memory first: nothing half-written reaches the file. */
	mem = open_memstream(&buf, &len);
	rc = mem ? devplan_print(&st->p, fmt == 0, mem) : -1;
	if (mem)
		fclose(mem);
	if (rc != 0)
		ui_set_error("План не сохранён: нет памяти");
	else if (secure_write_new(path, buf, len, err, sizeof err) != 0)
		ui_set_error("%s", err);
	else {
		/* Over SSH: the one command that brings the plan to his PC. */
		char year[8], *local, *note;
		const char *args[] = { "export", "plan", NULL, "--year", year, "--format", ext[fmt] };
		code = store_scope_code(st->ss->store, "org", st->org_id);
		args[2] = code;
		snprintf(year, sizeof year, "%d", st->year);
		local = xasprintf("plan-%s-%d.%s", code, st->year, ext[fmt]);
		note = code[0] ? sshcmd_fetch_note(st->ss->cfg, st->ss->real_login, path, args, 7, local) : NULL;
		ui_set_status("План сохранён: %s", path);
		if (note)
			ui_message("План сохранён", note);
		free(note);
		free(local);
		free(code);
	}
	free(buf);
	free(path);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct dplan *st = sc->state;

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		if (st->loaded)
			open_cell(st);
		return true;
	case C_YEAR:
		if (screen_ask_year("Год плана", &st->year))
			load(sc);
		return true;
	case C_PRINT:
		if (st->loaded)
			print_plan(st);
		return true;
	default:
		break;
	}
	switch (k.code) {
	case KEY_LEFT:
		st->level = st->level > 0 ? st->level - 1 : st->level;
		break;
	case KEY_RIGHT:
		st->level = st->level + 1 < DEVPLAN_LEVELS ? st->level + 1 : st->level;
		break;
	case KEY_UP:
		st->form = st->form > 0 ? st->form - 1 : st->form;
		break;
	case KEY_DOWN:
		st->form = st->form + 1 < DEVPLAN_FORMS ? st->form + 1 : st->form;
		break;
	default:
		break;
	}
	return true;
}

static void free_state(struct screen *sc)
{
	struct dplan *st = sc->state;
	devplan_free(&st->p);
	free(st);
}

static const struct screen_ops ops = { "devplan", keys, draw, key, load, free_state, NULL, NULL };

struct screen *screen_devplan(struct session *ss, int64_t org_id, int year)
{
	struct dplan *st;
	struct screen *sc;
	const char *why;

	if (!access_may(ss, P_ORG_EDIT, org_id, &why)) {
		ui_set_error("%s", why);
		return NULL;
	}
	st = xcalloc(1, sizeof *st);
	st->ss = ss;
	st->org_id = org_id;
	st->year = year;
	sc = screen_new(&ops, st, "План развития педагогов");
	load(sc);
	return sc;
}
