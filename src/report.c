/* See report.h. Text is laid out in memory line by line; CSV is written as
 * Excel with a Russian locale reads it; XLSX goes through libxlsxwriter,
 * which writes a file by name, so in memory it is made in a private
 * temporary directory and read back. */
#include "dynlib.h"
#include "errtext.h"
#include "report.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define SEP 2            /* spaces between text columns */
#define MAX_WANT 16      /* a column's header wraps beyond this width */
#define MIN_NUM 10       /* a figure's column is at least this wide (its header wraps) */
#define MIN_TEXT 10      /* a text column is at least this wide */
#define MIN_LABEL 16     /* ... and the widest of them at least this */

bool report_format_parse(const char *s, enum report_format *f)
{
	if (s == NULL)
		return false;
	if (strcmp(s, "txt") == 0)
		*f = REPORT_TXT;
	else if (strcmp(s, "csv") == 0)
		*f = REPORT_CSV;
	else if (strcmp(s, "xlsx") == 0)
		*f = REPORT_XLSX;
	else
		return false;
	return true;
}

/* Hundredths as Russians write a decimal: 3330 → "33,3", 1625 → "16,25". */
static void dec_text(long v, char *buf, size_t size)
{
	const char *sign = v < 0 ? "-" : "";
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	unsigned long ip = a / 100, fp = a % 100;

	if (fp == 0)
		snprintf(buf, size, "%s%lu", sign, ip);
	else if (fp % 10 == 0)
		snprintf(buf, size, "%s%lu,%lu", sign, ip, fp / 10);
	else
		snprintf(buf, size, "%s%lu,%02lu", sign, ip, fp);
}

char *report_cell_text(const struct report_table *t, const struct report_cell *c, int col)
{
	char buf[48];

	switch (c->state) {
	case RV_BLANK:
		return xstrdup("");
	case RV_NONE:
		return xstrdup("—");
	case RV_WITHHELD:
		return xasprintf("скрыто (<%d)", t->min_group);
	case RV_SUPPRESSED:
		/* Alike whatever the reason: the reason would narrow the value. */
		return xstrdup("скрыто");
	default:
		break;
	}
	switch (t->kinds[col]) {
	case RCOL_TEXT:
		return text_sanitize(c->text ? c->text : "");
	case RCOL_DEC:
		dec_text(c->v, buf, sizeof buf);
		return xstrdup(buf);
	default:
		snprintf(buf, sizeof buf, "%ld", c->v);
		return xstrdup(buf);
	}
}

char *report_header_text(const struct report_table *t, int col)
{
	char *raw = t->groups[col] ? xasprintf("%s — %s", t->groups[col], t->headers[col])
				   : xstrdup(t->headers[col]);
	char *clean = text_sanitize(raw);

	free(raw);
	return clean;
}

static bool same_group(const struct report_table *t, int a, int b)
{
	return t->groups[a] && t->groups[b] && strcmp(t->groups[a], t->groups[b]) == 0;
}

/* --- text ------------------------------------------------------------------- */


/* The widest word of clean text, in columns. */
static int widest_word(const char *text)
{
	int w = 0;
	char *copy = xstrdup(text);

	for (char *p = strtok(copy, " "); p; p = strtok(NULL, " ")) {
		int pw = text_width(p);
		if (pw > w)
			w = pw;
	}
	free(copy);
	return w;
}

/* A line being built; written without its trailing spaces. */
struct sb {
	char *p;
	size_t n, cap;
};

static void sb_add(struct sb *b, const char *s)
{
	size_t k = strlen(s);

	if (b->n + k + 1 > b->cap) {
		b->cap = (b->n + k + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, k + 1);
	b->n += k;
}

static void sb_pad(struct sb *b, int n)
{
	while (n-- > 0)
		sb_add(b, " ");
}

static void sb_cell(struct sb *b, const char *clean, int w, bool right)
{
	int pad = w - text_width(clean);

	if (right)
		sb_pad(b, pad);
	sb_add(b, clean);
	if (!right)
		sb_pad(b, pad);
}

static void sb_flush(struct sb *b, FILE *f)
{
	while (b->n > 0 && b->p[b->n - 1] == ' ')
		b->n--;
	if (b->p)
		b->p[b->n] = '\0';
	fprintf(f, "%s\n", b->p ? b->p : "");
	b->n = 0;
}

/* A paragraph of clean text in width, the first line indented by ind1,
 * the others by ind2. */
static void para(FILE *f, const char *clean, int ind1, int ind2)
{
	struct text_lines l = { NULL, 0, 0 };

	{
		int width = REPORT_TXT_COLS - (ind1 > ind2 ? ind1 : ind2);
		text_wrap(clean, width, width, &l);
	}
	for (int i = 0; i < l.n; i++)
		fprintf(f, "%*s%s\n", i == 0 ? ind1 : ind2, "", l.v[i]);
	text_lines_free(&l);
}

struct txt {
	const struct report_table *t;
	FILE *f;
	char **cell;     /* [row * ncols + col], clean */
	char *head[REPORT_MAX_COLS];
	int w[REPORT_MAX_COLS];
};

static const char *cell(const struct txt *x, int r, int c)
{
	return x->cell[r * x->t->ncols + c];
}

/* Column widths within 80 columns, or false when the table does not fit. */
static bool layout(struct txt *x)
{
	const struct report_table *t = x->t;
	int want[REPORT_MAX_COLS], mn[REPORT_MAX_COLS], total = SEP * (t->ncols - 1), extra;
	int label = -1, ntext = 0;

	for (int c = 0; c < t->ncols; c++) {
		int cw = 0, hw = widest_word(x->head[c]);
		for (int r = 0; r < t->nrows; r++) {
			int w = text_width(cell(x, r, c));
			if (w > cw)
				cw = w;
		}
		want[c] = cw > (hw < MAX_WANT ? hw : MAX_WANT) ? cw : (hw < MAX_WANT ? hw : MAX_WANT);
		if (want[c] < 1)
			want[c] = 1;
		if (t->kinds[c] == RCOL_TEXT) {
			ntext++;
			mn[c] = want[c] < MIN_TEXT ? want[c] : MIN_TEXT;
			if (label < 0 || want[c] > want[label])
				label = c;
		} else {
			int h = hw < MIN_NUM ? hw : MIN_NUM;
			mn[c] = cw > h ? cw : h;
		}
	}
	/* A common heading's longest word fits over its columns, if there is room. */
	for (int c = 0; c < t->ncols; c++) {
		int e = c, span, gw;
		char *g;
		if (t->groups[c] == NULL || (c > 0 && same_group(t, c - 1, c)))
			continue;
		while (e + 1 < t->ncols && same_group(t, c, e + 1))
			e++;
		g = text_sanitize(t->groups[c]);
		gw = widest_word(g);
		free(g);
		span = SEP * (e - c);
		for (int k = c; k <= e; k++)
			span += want[k];
		if (gw > span)
			want[e] += gw - span;
	}
	/* A single row of figures reads better as a list. */
	if (ntext == 0 && t->nrows <= 1)
		return false;
	if (label >= 0)
		mn[label] = want[label] < MIN_LABEL ? want[label] : MIN_LABEL;
	for (int c = 0; c < t->ncols; c++)
		total += mn[c];
	if (total > REPORT_TXT_COLS)
		return false;
	extra = REPORT_TXT_COLS - total;
	for (int c = 0; c < t->ncols; c++) {
		x->w[c] = mn[c];
		if (t->kinds[c] != RCOL_TEXT) {
			int g = want[c] - mn[c] < extra ? want[c] - mn[c] : extra;
			x->w[c] += g;
			extra -= g;
		}
	}
	/* The rest to the text columns, a column at a time to the narrowest
	 * that wants more: no column gets wide while another stays narrow. */
	while (extra > 0) {
		int best = -1;
		for (int c = 0; c < t->ncols; c++)
			if (t->kinds[c] == RCOL_TEXT && want[c] > x->w[c] && (best < 0 || x->w[c] < x->w[best]))
				best = c;
		if (best < 0)
			break;
		x->w[best]++;
		extra--;
	}
	return true;
}

static void draw_table(struct txt *x)
{
	const struct report_table *t = x->t;
	struct sb b = { NULL, 0, 0 };
	struct text_lines hl[REPORT_MAX_COLS];
	int width = SEP * (t->ncols - 1), height = 0;
	bool groups = false;

	for (int c = 0; c < t->ncols; c++) {
		width += x->w[c];
		groups |= t->groups[c] != NULL;
	}
	/* The common headings over their columns. */
	if (groups) {
		struct text_lines gl[REPORT_MAX_COLS];
		int span[REPORT_MAX_COLS];
		memset(gl, 0, sizeof gl);
		for (int c = 0; c < t->ncols; c++) {
			span[c] = 0;
			if (t->groups[c] == NULL || (c > 0 && same_group(t, c - 1, c)))
				continue;
			span[c] = x->w[c];
			for (int e = c + 1; e < t->ncols && same_group(t, c, e); e++)
				span[c] += SEP + x->w[e];
			{
				char *g = text_sanitize(t->groups[c]);
				text_wrap(g, span[c], span[c], &gl[c]);
				free(g);
			}
			if (gl[c].n > height)
				height = gl[c].n;
		}
		for (int i = 0; i < height; i++) {
			for (int c = 0; c < t->ncols; c++) {
				if (t->groups[c] && c > 0 && same_group(t, c - 1, c))
					continue;
				if (c > 0)
					sb_pad(&b, SEP);
				if (span[c])
					sb_cell(&b, i < gl[c].n ? gl[c].v[i] : "", span[c], false);
				else
					sb_pad(&b, x->w[c]);
			}
			sb_flush(&b, x->f);
		}
		for (int c = 0; c < t->ncols; c++)
			text_lines_free(&gl[c]);
	}
	/* The headers, wrapped in their columns. */
	height = 0;
	memset(hl, 0, sizeof hl);
	for (int c = 0; c < t->ncols; c++) {
		char *h = text_sanitize(t->headers[c]);
		text_wrap(h, x->w[c], x->w[c], &hl[c]);
		free(h);
		if (hl[c].n > height)
			height = hl[c].n;
	}
	for (int i = 0; i < height; i++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c > 0)
				sb_pad(&b, SEP);
			sb_cell(&b, i < hl[c].n ? hl[c].v[i] : "", x->w[c], false);
		}
		sb_flush(&b, x->f);
	}
	for (int c = 0; c < t->ncols; c++)
		text_lines_free(&hl[c]);
	for (int i = 0; i < width; i++)
		sb_add(&b, "-");
	sb_flush(&b, x->f);
	/* The rows: texts wrap in their columns, figures on the first line. */
	for (int r = 0; r < t->nrows; r++) {
		struct text_lines cl[REPORT_MAX_COLS];
		if (t->rows[r].total && r > 0 && !t->rows[r - 1].total) {
			for (int i = 0; i < width; i++)
				sb_add(&b, "-");
			sb_flush(&b, x->f);
		}
		memset(cl, 0, sizeof cl);
		height = 1;
		for (int c = 0; c < t->ncols; c++) {
			const char *v = cell(x, r, c);
			if (t->kinds[c] != RCOL_TEXT)
				continue;
			/* The first column's label once for its rows, as on the paper form. */
			if (c == 0 && r > 0 && !t->rows[r].total && strcmp(v, cell(x, r - 1, 0)) == 0)
				v = "";
			text_wrap(v, x->w[c], x->w[c], &cl[c]);
			if (cl[c].n > height)
				height = cl[c].n;
		}
		for (int i = 0; i < height; i++) {
			for (int c = 0; c < t->ncols; c++) {
				if (c > 0)
					sb_pad(&b, SEP);
				if (t->kinds[c] == RCOL_TEXT)
					sb_cell(&b, i < cl[c].n ? cl[c].v[i] : "", x->w[c], false);
				else
					sb_cell(&b, i == 0 ? cell(x, r, c) : "", x->w[c], true);
			}
			sb_flush(&b, x->f);
		}
		for (int c = 0; c < t->ncols; c++)
			text_lines_free(&cl[c]);
	}
	free(b.p);
}

/* "header ....... value" in 80 columns, the header indented by ind. */
static void leader(FILE *f, int ind, const char *head, const char *value)
{
	int vw = text_width(value), room = REPORT_TXT_COLS - ind - vw - 2;
	struct text_lines l = { NULL, 0, 0 };

	if (vw > REPORT_TXT_COLS / 3 || room < 20) {
		/* A long text goes under its header. */
		para(f, head, ind, ind);
		para(f, value, ind + 2, ind + 2);
		return;
	}
	text_wrap(head, room, room, &l);
	for (int i = 0; i + 1 < l.n; i++)
		fprintf(f, "%*s%s\n", ind, "", l.v[i]);
	{
		int used = ind + text_width(l.v[l.n - 1]), dots = REPORT_TXT_COLS - used - vw - 2;
		fprintf(f, "%*s%s ", ind, "", l.v[l.n - 1]);
		for (int i = 0; i < dots; i++)
			fputc('.', f);
		fprintf(f, " %s\n", value);
	}
	text_lines_free(&l);
}

/* Each row as its labels, then one "header … value" line per column. */
static void draw_list(struct txt *x)
{
	const struct report_table *t = x->t;
	int ntitle = t->label_cols;

	if (ntitle <= 0)
		while (ntitle < t->ncols && t->kinds[ntitle] == RCOL_TEXT)
			ntitle++;
	for (int r = 0; r < t->nrows; r++) {
		const char *group = NULL;
		if (r > 0)
			fputc('\n', x->f);
		if (ntitle > 0) {
			struct sb b = { NULL, 0, 0 };
			for (int c = 0; c < ntitle; c++) {
				if (!cell(x, r, c)[0])
					continue;
				if (b.n)
					sb_add(&b, " — ");
				sb_add(&b, cell(x, r, c));
			}
			para(x->f, b.p ? b.p : "", 0, 2);
			free(b.p);
		}
		for (int c = ntitle; c < t->ncols; c++) {
			int ind = ntitle > 0 ? 2 : 0;
			if (t->rows[r].c[c].state == RV_BLANK)
				continue;
			if (t->groups[c]) {
				if (group == NULL || strcmp(group, t->groups[c]) != 0) {
					char *g = text_sanitize(t->groups[c]);
					para(x->f, g, ind, ind);
					free(g);
					group = t->groups[c];
				}
				ind += 2;
			} else {
				group = NULL;
			}
			{
				char *h = text_sanitize(t->headers[c]);
				leader(x->f, ind, h, cell(x, r, c));
				free(h);
			}
		}
	}
}

int report_render_txt(const struct report_table *t, FILE *out)
{
	struct txt x;
	int n = t->nrows * t->ncols;

	memset(&x, 0, sizeof x);
	x.t = t;
	x.f = out;
	x.cell = xcalloc((size_t)(n ? n : 1), sizeof *x.cell);
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++)
			x.cell[r * t->ncols + c] = report_cell_text(t, &t->rows[r].c[c], c);
	for (int c = 0; c < t->ncols; c++)
		x.head[c] = text_sanitize(t->headers[c]);
	{
		char *title = text_sanitize(t->title ? t->title : "");
		char *cap = text_sanitize(t->caption ? t->caption : "");
		struct text_lines l = { NULL, 0, 0 };
		int w = 0;
		text_wrap(title, REPORT_TXT_COLS, REPORT_TXT_COLS, &l);
		for (int i = 0; i < l.n; i++) {
			fprintf(out, "%s\n", l.v[i]);
			if (text_width(l.v[i]) > w)
				w = text_width(l.v[i]);
		}
		for (int i = 0; i < w; i++)
			fputc('=', out);
		fputc('\n', out);
		para(out, cap, 0, 0);
		fputc('\n', out);
		text_lines_free(&l);
		free(title);
		free(cap);
	}
	if (layout(&x))
		draw_table(&x);
	else
		draw_list(&x);
	for (int i = 0; i < t->nnotes; i++) {
		char *c = text_sanitize(t->notes[i]);
		fputc('\n', out);
		para(out, c, 0, 0);
		free(c);
	}
	for (int i = 0; i < n; i++)
		free(x.cell[i]);
	free(x.cell);
	for (int c = 0; c < t->ncols; c++)
		free(x.head[c]);
	return ferror(out) ? -1 : 0;
}

/* --- CSV ------------------------------------------------------------------------ */

static void csv_field(FILE *f, const char *clean, bool text, bool first)
{
	bool guard = text && clean[0] && strchr("=+-@", clean[0]) != NULL;

	if (!first)
		fputc(';', f);
	if (strpbrk(clean, ";\"\r\n") == NULL) {
		fprintf(f, "%s%s", guard ? "'" : "", clean);
		return;
	}
	fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (const char *p = clean; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static void csv_line(FILE *f, const char *raw)
{
	char *c = text_sanitize(raw ? raw : "");
	csv_field(f, c, true, true);
	fputs("\r\n", f);
	free(c);
}

int report_render_csv(const struct report_table *t, FILE *out)
{
	fputs("\xEF\xBB\xBF", out);
	csv_line(out, t->title);
	csv_line(out, t->caption);
	fputs("\r\n", out);
	for (int c = 0; c < t->ncols; c++) {
		char *h = report_header_text(t, c);
		csv_field(out, h, true, c == 0);
		free(h);
	}
	fputs("\r\n", out);
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			char *v = report_cell_text(t, &t->rows[r].c[c], c);
			csv_field(out, v, t->kinds[c] == RCOL_TEXT, c == 0);
			free(v);
		}
		fputs("\r\n", out);
	}
	if (t->nnotes > 0)
		fputs("\r\n", out);
	for (int i = 0; i < t->nnotes; i++)
		csv_line(out, t->notes[i]);
	return ferror(out) ? -1 : 0;
}

/* --- XLSX ------------------------------------------------------------------------ */

/* Rows a text takes in a cell of width w (characters), for the row height. */
static int lines_in(const char *clean, int w)
{
	struct text_lines l = { NULL, 0, 0 };
	int n;

	if (w < 1)
		w = 1;
	text_wrap(clean, w, w, &l);
	n = l.n;
	text_lines_free(&l);
	return n;
}

static int xlsx_write(const struct report_table *t, const char *path, const char *tmpdir, char *err,
		      size_t errsz)
{
	lxw_workbook_options opts = { .constant_memory = LXW_FALSE, .tmpdir = (char *)tmpdir,
				      .use_zip64 = LXW_FALSE };
	const struct dynlib_write *dl = dynlib_write(err, errsz);
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *f_title, *f_head, *f_text, *f_num, *f_text_b, *f_num_b;
	int width[REPORT_MAX_COLS], row = 0, head_rows, hrow;
	bool groups = false;
	lxw_error xe;

	if (dl == NULL)
		return -1;
	if ((wb = dl->workbook_new_opt(path, &opts)) == NULL) {
		snprintf(err, errsz, "не удаётся создать книгу XLSX");
		return -1;
	}
	ws = dl->workbook_add_worksheet(wb, t->sheet);
	f_title = dl->workbook_add_format(wb);
	dl->format_set_bold(f_title);
	dl->format_set_font_size(f_title, 12);
	f_head = dl->workbook_add_format(wb);
	dl->format_set_bold(f_head);
	dl->format_set_text_wrap(f_head);
	dl->format_set_align(f_head, LXW_ALIGN_CENTER);
	dl->format_set_align(f_head, LXW_ALIGN_VERTICAL_CENTER);
	dl->format_set_border(f_head, LXW_BORDER_THIN);
	f_text = dl->workbook_add_format(wb);
	dl->format_set_text_wrap(f_text);
	dl->format_set_align(f_text, LXW_ALIGN_VERTICAL_TOP);
	dl->format_set_border(f_text, LXW_BORDER_THIN);
	f_num = dl->workbook_add_format(wb);
	dl->format_set_align(f_num, LXW_ALIGN_VERTICAL_TOP);
	dl->format_set_border(f_num, LXW_BORDER_THIN);
	f_text_b = dl->workbook_add_format(wb);
	dl->format_set_text_wrap(f_text_b);
	dl->format_set_align(f_text_b, LXW_ALIGN_VERTICAL_TOP);
	dl->format_set_border(f_text_b, LXW_BORDER_THIN);
	dl->format_set_bold(f_text_b);
	f_num_b = dl->workbook_add_format(wb);
	dl->format_set_align(f_num_b, LXW_ALIGN_VERTICAL_TOP);
	dl->format_set_border(f_num_b, LXW_BORDER_THIN);
	dl->format_set_bold(f_num_b);

	/* Widths: a text column as wide as its longest text (within reason),
	 * a figure's column as wide as the longest word of its header. */
	for (int c = 0; c < t->ncols; c++) {
		char *h = text_sanitize(t->headers[c]);
		int w = widest_word(h) + 2;
		free(h);
		if (t->kinds[c] == RCOL_TEXT) {
			for (int r = 0; r < t->nrows; r++) {
				char *v = report_cell_text(t, &t->rows[r].c[c], c);
				int vw = text_width(v) + 2;
				free(v);
				if (vw > w)
					w = vw;
			}
			if (w > 60)
				w = 60;
		} else if (w < 10) {
			w = 10;
		}
		if (w > 30 && t->kinds[c] != RCOL_TEXT)
			w = 30;
		width[c] = w;
		dl->worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
		groups |= t->groups[c] != NULL;
	}
	{
		char *title = text_sanitize(t->title ? t->title : "");
		char *cap = text_sanitize(t->caption ? t->caption : "");
		dl->worksheet_write_string(ws, 0, 0, title, f_title);
		dl->worksheet_write_string(ws, 1, 0, cap, NULL);
		free(title);
		free(cap);
	}
	hrow = 3;
	head_rows = groups ? 2 : 1;
	/* The header: common headings merged over their columns; a column
	 * without one has its header over both rows. */
	{
		int height[2] = { 1, 1 };
		for (int c = 0; c < t->ncols; c++) {
			char *h = text_sanitize(t->headers[c]);
			int lr = hrow + head_rows - 1;
			if (groups && t->groups[c] == NULL) {
				dl->worksheet_merge_range(ws, (lxw_row_t)hrow, (lxw_col_t)c, (lxw_row_t)lr, (lxw_col_t)c,
						      h, f_head);
				if ((lines_in(h, width[c]) + 1) / 2 > height[0])
					height[0] = (lines_in(h, width[c]) + 1) / 2;
				if ((lines_in(h, width[c]) + 1) / 2 > height[1])
					height[1] = (lines_in(h, width[c]) + 1) / 2;
			} else {
				dl->worksheet_write_string(ws, (lxw_row_t)lr, (lxw_col_t)c, h, f_head);
				if (lines_in(h, width[c]) > height[head_rows - 1])
					height[head_rows - 1] = lines_in(h, width[c]);
			}
			if (t->groups[c] && !(c > 0 && same_group(t, c - 1, c))) {
				char *g = text_sanitize(t->groups[c]);
				int e = c, span = width[c];
				while (e + 1 < t->ncols && same_group(t, c, e + 1))
					span += width[++e];
				if (e > c)
					dl->worksheet_merge_range(ws, (lxw_row_t)hrow, (lxw_col_t)c, (lxw_row_t)hrow,
							      (lxw_col_t)e, g, f_head);
				else
					dl->worksheet_write_string(ws, (lxw_row_t)hrow, (lxw_col_t)c, g, f_head);
				if (lines_in(g, span) > height[0])
					height[0] = lines_in(g, span);
				free(g);
			}
			free(h);
		}
		for (int i = 0; i < head_rows; i++)
			dl->worksheet_set_row(ws, (lxw_row_t)(hrow + i), 15.0 * height[i], NULL);
	}
	row = hrow + head_rows;
	dl->worksheet_freeze_panes(ws, (lxw_row_t)row, 0);
	for (int r = 0; r < t->nrows; r++, row++) {
		bool bold = t->rows[r].total;
		for (int c = 0; c < t->ncols; c++) {
			const struct report_cell *cl = &t->rows[r].c[c];
			lxw_format *fmt = t->kinds[c] == RCOL_TEXT ? (bold ? f_text_b : f_text)
								   : (bold ? f_num_b : f_num);
			if (cl->state == RV_VALUE && t->kinds[c] == RCOL_INT) {
				dl->worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)c, (double)cl->v, fmt);
			} else if (cl->state == RV_VALUE && t->kinds[c] == RCOL_DEC) {
				dl->worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)c, (double)cl->v / 100.0, fmt);
			} else if (cl->state == RV_BLANK) {
				dl->worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)c, fmt);
			} else {
				char *v = report_cell_text(t, cl, c);
				dl->worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c, v, fmt);
				free(v);
			}
		}
	}
	row++;
	for (int i = 0; i < t->nnotes; i++, row++) {
		char *n = text_sanitize(t->notes[i]);
		dl->worksheet_write_string(ws, (lxw_row_t)row, 0, n, NULL);
		free(n);
	}
	/* Printed on A4 landscape, one page wide. */
	dl->worksheet_set_landscape(ws);
	dl->worksheet_set_paper(ws, 9);
	dl->worksheet_fit_to_pages(ws, 1, 0);
	xe = dl->workbook_close(wb);
	if (xe != LXW_NO_ERROR) {
		snprintf(err, errsz, "не удалось записать XLSX: %s", dl->lxw_strerror(xe));
		return -1;
	}
	return 0;
}

int report_render_xlsx(const struct report_table *t, const char *path, char *err, size_t errsz)
{
	return xlsx_write(t, path, NULL, err, errsz);
}

static int xlsx_memory(const struct report_table *t, char **buf, size_t *len, char *err, size_t errsz)
{
	const char *tmp = getenv("TMPDIR");
	char *dir, *path;
	int rc;

	if (tmp == NULL || tmp[0] != '/')
		tmp = "/tmp";
	dir = xasprintf("%s/marshrut-report-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		snprintf(err, errsz, "не удаётся создать временный каталог в %s: %s", tmp, errtext_errno(errno));
		free(dir);
		return -1;
	}
	path = xasprintf("%s/report.xlsx", dir);
	rc = xlsx_write(t, path, dir, err, errsz);
	/* The book just written, back into memory. */
	if (rc == 0 && (*buf = read_file(path, SIZE_MAX - 1, len)) == NULL) {
		snprintf(err, errsz, "не удаётся прочитать книгу XLSX: %s", errtext_errno(errno));
		rc = -1;
	}
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	return rc;
}

int report_render(const struct report_table *t, enum report_format f, char **buf, size_t *len,
		  char *err, size_t errsz)
{
	FILE *m;
	int rc;

	*buf = NULL;
	*len = 0;
	if (f == REPORT_XLSX)
		return xlsx_memory(t, buf, len, err, errsz);
	if ((m = open_memstream(buf, len)) == NULL) {
		snprintf(err, errsz, "недостаточно памяти");
		return -1;
	}
	rc = f == REPORT_CSV ? report_render_csv(t, m) : report_render_txt(t, m);
	if (fclose(m) != 0 || rc != 0) {
		snprintf(err, errsz, "недостаточно памяти");
		free(*buf);
		*buf = NULL;
		*len = 0;
		return -1;
	}
	return 0;
}
