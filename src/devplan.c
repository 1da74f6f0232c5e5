/* See devplan.h. */
#include "devplan.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *const devplan_form_codes[DEVPLAN_FORMS] = { "formal", "nonformal", "informal" };
const char *const devplan_level_codes[DEVPLAN_LEVELS] = { "staff", "groups", "individual" };
const char *const devplan_form_titles[DEVPLAN_FORMS] = {
	"Формальное образование", "Неформальное образование", "Информальное образование"
};
const char *const devplan_level_titles[DEVPLAN_LEVELS] = {
	"Весь педагогический коллектив", "Профессиональные объединения (группы)", "Отдельные педагоги"
};

/* The parts of a cell, as the seed's rows under each form. */
static const char *const part_titles[3] = { "Цель", "Содержание", "Формы" };

static int index_of(const char *const *codes, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return i;
	return -1;
}

bool devplan_place(const char *form, const char *level, int *f, int *l)
{
	*f = index_of(devplan_form_codes, DEVPLAN_FORMS, form);
	*l = index_of(devplan_level_codes, DEVPLAN_LEVELS, level);
	if (*f < 0 || *l < 0) {
		*f = *l = -1;
		return false;
	}
	return true;
}

/* A copy of s with leading and trailing spaces dropped; NULL when nothing
 * is left. */
static char *dup_text(const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

void devplan_add(struct devplan *p, int64_t id, const char *form, const char *level, const char *goal,
		 const char *content, const char *forms)
{
	struct devplan_cell *c;
	struct devplan_item *it;
	int f, l;

	if (!devplan_place(form, level, &f, &l)) {
		p->unplaced++;
		return;
	}
	c = &p->cell[f][l];
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 2;
		c->v = xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
	}
	it = &c->v[c->n++];
	it->id = id;
	it->goal = dup_text(goal);
	it->content = dup_text(content);
	it->forms = dup_text(forms);
	p->items++;
}

void devplan_free(struct devplan *p)
{
	for (int f = 0; f < DEVPLAN_FORMS; f++)
		for (int l = 0; l < DEVPLAN_LEVELS; l++) {
			struct devplan_cell *c = &p->cell[f][l];
			for (int i = 0; i < c->n; i++) {
				free(c->v[i].goal);
				free(c->v[i].content);
				free(c->v[i].forms);
			}
			free(c->v);
		}
	free(p->org_name);
	memset(p, 0, sizeof *p);
}

static const char *part_of(const struct devplan_item *it, int part)
{
	return part == 0 ? it->goal : part == 1 ? it->content : it->forms;
}

/* The texts of one part over a cell's items, "\n" between items; NULL
 * when none has it. */
static char *cell_part(const struct devplan_cell *c, int part)
{
	char *out = NULL, *next;

	for (int i = 0; i < c->n; i++) {
		const char *t = part_of(&c->v[i], part);
		if (t == NULL)
			continue;
		next = out ? xasprintf("%s\n%s", out, t) : xstrdup(t);
		free(out);
		out = next;
	}
	return out;
}

char *devplan_cell_summary(const struct devplan_cell *c)
{
	char *out = xstrdup(""), *next;

	for (int i = 0; i < c->n; i++)
		for (int part = 0; part < 3; part++) {
			const char *t = part_of(&c->v[i], part);
			if (t == NULL)
				continue;
			next = xasprintf("%s%s%s", out, out[0] ? "; " : "", t);
			free(out);
			out = next;
		}
	/* One line: the items' own line breaks become spaces. */
	for (char *q = out; *q; q++)
		if (*q == '\n' || *q == '\r' || *q == '\t')
			*q = ' ';
	return out;
}

/* --- text ------------------------------------------------------------------ */

/* Column widths of the text table: | label | 3 × cell |, 79 columns. */
#define TXT_LABEL 12
#define TXT_CELL 18

/* Wrapped lines of clean text in w columns (paragraphs kept). */
static void wrap_clean(const char *raw, int w, struct text_lines *l)
{
	char *clean = raw ? text_sanitize_lines(raw) : NULL;

	if (clean && clean[0])
		text_wrap(clean, w, w, l);
	free(clean);
}

static void pad(FILE *f, const char *s, int cols)
{
	int n = cols - (s ? text_width(s) : 0);

	fputs(s ? s : "", f);
	fprintf(f, "%*s", n > 0 ? n : 0, "");
}

static void txt_rule(FILE *f)
{
	fputc('+', f);
	for (int c = 0; c < 4; c++) {
		int w = (c == 0 ? TXT_LABEL : TXT_CELL) + 2;
		for (int i = 0; i < w; i++)
			fputc('-', f);
		fputc('+', f);
	}
	fputc('\n', f);
}

/* One table line of four wrapped columns. */
static void txt_row(FILE *f, struct text_lines col[4])
{
	int n = 1;

	for (int c = 0; c < 4; c++)
		if (col[c].n > n)
			n = col[c].n;
	for (int i = 0; i < n; i++) {
		fputc('|', f);
		for (int c = 0; c < 4; c++) {
			fputc(' ', f);
			pad(f, i < col[c].n ? col[c].v[i] : NULL, c == 0 ? TXT_LABEL : TXT_CELL);
			fputs(" |", f);
		}
		fputc('\n', f);
	}
	for (int c = 0; c < 4; c++)
		text_lines_free(&col[c]);
}

static void txt_center(FILE *f, const char *raw)
{
	char *c = text_sanitize(raw);
	struct text_lines l = { NULL, 0, 0 };

	text_wrap(c, DEVPLAN_TXT_COLS, DEVPLAN_TXT_COLS, &l);
	for (int i = 0; i < l.n; i++)
		fprintf(f, "%*s%s\n", (DEVPLAN_TXT_COLS - text_width(l.v[i])) / 2, "", l.v[i]);
	text_lines_free(&l);
	free(c);
}

static char *caption(const struct devplan *p)
{
	return xasprintf("%s, %d год", p->org_name && p->org_name[0] ? p->org_name : "организация", p->year);
}

static void print_txt(const struct devplan *p, FILE *f)
{
	struct text_lines col[4];
	char *cap = caption(p);

	txt_center(f, "План организации непрерывного профессионального развития педагогов");
	txt_center(f, cap);
	free(cap);
	fputc('\n', f);
	txt_rule(f);
	memset(col, 0, sizeof col);
	wrap_clean("Составляющие", TXT_LABEL, &col[0]);
	for (int l = 0; l < DEVPLAN_LEVELS; l++)
		wrap_clean(devplan_level_titles[l], TXT_CELL, &col[l + 1]);
	txt_row(f, col);
	for (int fm = 0; fm < DEVPLAN_FORMS; fm++) {
		txt_rule(f);
		/* The form's own line, as in the seed's table. */
		fprintf(f, "| ");
		pad(f, devplan_form_titles[fm], DEVPLAN_TXT_COLS - 5);
		fputs(" |\n", f);
		for (int part = 0; part < 3; part++) {
			memset(col, 0, sizeof col);
			wrap_clean(part_titles[part], TXT_LABEL, &col[0]);
			for (int l = 0; l < DEVPLAN_LEVELS; l++) {
				char *t = cell_part(&p->cell[fm][l], part);
				wrap_clean(t, TXT_CELL, &col[l + 1]);
				free(t);
			}
			txt_rule(f);
			txt_row(f, col);
		}
	}
	txt_rule(f);
	if (p->items == 0)
		fputs("\nПлан на этот год не заполнен.\n", f);
}

/* --- HTML ------------------------------------------------------------------ */

static void html_put(FILE *f, const char *raw)
{
	char *clean = raw ? text_sanitize_lines(raw) : xstrdup("");

	for (const char *q = clean; *q; q++) {
		switch (*q) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '\n': fputs("<br>\n", f); break;
		default: fputc(*q, f); break;
		}
	}
	free(clean);
}

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<style>\n"
	"@page { size: A4 landscape; margin: 15mm; }\n"
	"body { font-family: 'Times New Roman', serif; font-size: 11pt; }\n"
	"h1 { font-size: 14pt; text-align: center; margin: 0 0 2mm; }\n"
	"p.cap { text-align: center; margin: 0 0 5mm; }\n"
	"table { border-collapse: collapse; width: 100%; }\n"
	"th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }\n"
	"th { text-align: center; }\n"
	"td.form { font-weight: bold; background: #f2f2f2; }\n"
	"td.part { font-style: italic; width: 14%; }\n"
	"</style>\n";

static void print_html(const struct devplan *p, FILE *f)
{
	char *cap = caption(p);

	fputs(html_head, f);
	fputs("<title>План непрерывного профессионального развития: ", f);
	html_put(f, cap);
	fputs("</title>\n</head>\n<body>\n<h1>План организации непрерывного профессионального развития "
	      "педагогов</h1>\n<p class=\"cap\">", f);
	html_put(f, cap);
	free(cap);
	fputs("</p>\n<table>\n<thead>\n<tr><th>Составляющие</th>", f);
	for (int l = 0; l < DEVPLAN_LEVELS; l++) {
		fputs("<th>", f);
		html_put(f, devplan_level_titles[l]);
		fputs("</th>", f);
	}
	fputs("</tr>\n<tr><th>1</th><th>2</th><th>3</th><th>4</th></tr>\n</thead>\n<tbody>\n", f);
	for (int fm = 0; fm < DEVPLAN_FORMS; fm++) {
		fputs("<tr><td class=\"form\" colspan=\"4\">", f);
		html_put(f, devplan_form_titles[fm]);
		fputs("</td></tr>\n", f);
		for (int part = 0; part < 3; part++) {
			fputs("<tr><td class=\"part\">", f);
			html_put(f, part_titles[part]);
			fputs("</td>", f);
			for (int l = 0; l < DEVPLAN_LEVELS; l++) {
				char *t = cell_part(&p->cell[fm][l], part);
				fputs("<td>", f);
				html_put(f, t);
				fputs("</td>", f);
				free(t);
			}
			fputs("</tr>\n", f);
		}
	}
	fputs("</tbody>\n</table>\n", f);
	if (p->items == 0)
		fputs("<p>План на этот год не заполнен.</p>\n", f);
	fputs("</body>\n</html>\n", f);
}

int devplan_print(const struct devplan *p, bool html, FILE *out)
{
	if (html)
		print_html(p, out);
	else
		print_txt(p, out);
	return ferror(out) ? -1 : 0;
}
