/* The analytic note (see note.h): the region's sums by element and block
 * as a lattice of groups (region, municipalities, organisations), each
 * count of teachers protected by analytics.c's rule, then the asked group's
 * figures as lines, HTML or a table. */
#include "note.h"
#include "analytics.h"
#include "config.h"
#include "groups.h"
#include "model.h"
#include "store/elements.h"
#include "store/reports.h"
#include "store/store.h"
#include "text.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the lattice --------------------------------------------------------- */

/* Items: 0 all blocks, then the blocks, then the elements. A block is
 * keyed by its id, an element by its block and code: neither a block's
 * name nor its sort is unique. */
struct item {
	int part;               /* EC_PEOPLE (all), EC_BLOCK, EC_ELEMENT */
	int64_t block;          /* the block (an element's, or the block itself) */
	char *code, *name;
	int sort;               /* a block's sort, an element's within its block */
	int rank;               /* the place of the item's block among the blocks */
};

struct note {
	int k, year, high_below, medium_below;
	int ng, ni;
	int64_t *gid;
	char *gkind;
	int *parent;
	struct item *items;
	/* per (group, kind, item) */
	int *people;
	int64_t *score, *max;
	bool *pub;                /* the teachers (and their %) may be shown */
	bool *pub_pct;            /* the % too: not when a part of it is withheld */
	struct deficits *d;
};

static int at(const struct note *n, int g, int kd, int i)
{
	return (g * 2 + kd) * n->ni + i;
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* All, the blocks by sort, name and id, then the elements by their
 * block's place (rank), sort and code. */
static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if (x->part != y->part)   /* all, blocks, elements */
		return x->part == EC_PEOPLE ? -1 : y->part == EC_PEOPLE ? 1 : x->part == EC_BLOCK ? -1 : 1;
	if (x->part == EC_ELEMENT && x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->sort != y->sort)
		return x->sort < y->sort ? -1 : 1;
	if ((c = strcmp(x->code ? x->code : x->name, y->code ? y->code : y->name)) != 0)
		return c;
	return cmp_i64(x->block, y->block);
}

static int find_item(const struct note *n, int part, int64_t block, const char *code)
{
	for (int i = 0; i < n->ni; i++)
		if (n->items[i].part == part && n->items[i].block == block &&
		    (part != EC_ELEMENT || strcmp(n->items[i].code, code) == 0))
			return i;
	return -1;
}

static void build(struct note *n, const struct element_count *rows, int nrows)
{
	struct groups G;
	size_t cells;

	groups_begin(&G, nrows);
	for (int i = 0; i < nrows; i++)
		groups_add(&G, rows[i].mun_id, rows[i].org_id);
	groups_end(&G);
	n->ng = G.ng;
	n->gid = G.gid;
	n->gkind = G.gkind;
	n->parent = G.parent;

	/* The items: all blocks, each block, each element (distinct). */
	n->items = xcalloc((size_t)nrows + 2, sizeof *n->items);
	n->items[0] = (struct item){ EC_PEOPLE, 0, NULL, xstrdup("Все блоки"), 0, 0 };
	n->ni = 1;
	for (int i = 0; i < nrows; i++) {
		const struct element_count *r = &rows[i];
		if (r->part == EC_PEOPLE || find_item(n, r->part, r->block_id, r->item) >= 0)
			continue;
		n->items[n->ni++] = (struct item){ r->part, r->block_id,
						   r->part == EC_ELEMENT ? xstrdup(r->item) : NULL,
						   xstrdup(r->part == EC_ELEMENT && r->wording ? r->wording : r->item),
						   r->sort, 0 };
	}
	/* The blocks in order, then each element after its block's place. */
	qsort(n->items, (size_t)n->ni, sizeof *n->items, cmp_item);
	for (int i = 1; i < n->ni; i++)
		if (n->items[i].part == EC_ELEMENT) {
			int b = find_item(n, EC_BLOCK, n->items[i].block, NULL);
			n->items[i].rank = b >= 0 ? b : n->ni;
		}
	qsort(n->items, (size_t)n->ni, sizeof *n->items, cmp_item);

	cells = (size_t)n->ng * 2 * (size_t)n->ni;
	n->people = xcalloc(cells, sizeof *n->people);
	n->score = xcalloc(cells, sizeof *n->score);
	n->max = xcalloc(cells, sizeof *n->max);
	n->pub = xcalloc(cells, sizeof *n->pub);
	n->pub_pct = xcalloc(cells, sizeof *n->pub_pct);
	/* An organisation's sums, added up to its municipality and the region;
	 * all blocks together: the teachers, and the blocks' sums. */
	for (int i = 0; i < nrows; i++) {
		const struct element_count *r = &rows[i];
		int it = r->part == EC_PEOPLE ? 0 : find_item(n, r->part, r->block_id, r->item);
		for (int g = groups_org(&G, r->org_id); g >= 0; g = n->parent[g]) {
			int x = at(n, g, r->kind, it);
			if (r->part == EC_PEOPLE) {
				n->people[x] += r->people;
				continue;
			}
			n->people[x] += r->people;
			n->score[x] += r->score;
			n->max[x] += r->max;
			if (r->part == EC_BLOCK) {
				n->score[at(n, g, r->kind, 0)] += r->score;
				n->max[at(n, g, r->kind, 0)] += r->max;
			}
		}
	}
	groups_free_work(&G);
}

void note_protect(int ng, const int *parent, const int *people, int k, bool *published)
{
	struct an_table t;
	int *idx = xcalloc((size_t)ng + 1, sizeof *idx), *parts = xcalloc((size_t)ng + 1, sizeof *parts);
	int *first = xcalloc((size_t)ng + 2, sizeof *first), *child = xcalloc((size_t)ng + 1, sizeof *child);
	int *fill = xcalloc((size_t)ng + 1, sizeof *fill);

	/* Each group's children, in one pass (a region has thousands). */
	for (int g = 0; g < ng; g++)
		if (parent[g] >= 0)
			first[parent[g] + 1]++;
	for (int g = 0; g < ng; g++)
		first[g + 1] += first[g];
	for (int g = 0; g < ng; g++)
		if (parent[g] >= 0)
			child[first[parent[g]] + fill[parent[g]]++] = g;
	an_init(&t);
	for (int g = 0; g < ng; g++)
		idx[g] = people[g] > 0 ? an_cell(&t, people[g], AN_PEOPLE, AN_SHOWN) : -1;
	/* A group is the sum of its children (a child of nobody is a known 0). */
	for (int g = 0; g < ng; g++) {
		int np = 0;
		if (idx[g] < 0 || first[g] == first[g + 1])
			continue;
		for (int i = first[g]; i < first[g + 1]; i++)
			if (idx[child[i]] >= 0)
				parts[np++] = idx[child[i]];
		an_sum(&t, idx[g], parts, np);
	}
	free(first);
	free(child);
	free(fill);
	an_protect(&t, k);
	for (int g = 0; g < ng; g++)
		published[g] = idx[g] < 0 || an_published(&t, idx[g]);
	an_free(&t);
	free(idx);
	free(parts);
}

static void protect(struct note *n)
{
	int *people = xcalloc((size_t)n->ng + 1, sizeof *people);
	bool *pub = xcalloc((size_t)n->ng + 1, sizeof *pub);

	for (int kd = 0; kd < 2; kd++)
		for (int i = 0; i < n->ni; i++) {
			for (int g = 0; g < n->ng; g++)
				people[g] = n->people[at(n, g, kd, i)];
			note_protect(n->ng, n->parent, people, n->k, pub);
			for (int g = 0; g < n->ng; g++)
				n->pub[at(n, g, kd, i)] = n->pub_pct[at(n, g, kd, i)] = pub[g];
		}
	free(people);
	free(pub);
	/* A block's sums are its elements', and all blocks' are the blocks':
	 * a whole shown beside all its parts but one would give that one away
	 * (its scores over its maxima). So a block goes with any withheld
	 * element of it, all blocks with any withheld block. */
	for (int g = 0; g < n->ng; g++)
		for (int kd = 0; kd < 2; kd++)
			for (int i = 1; i < n->ni; i++) {
				const struct item *it = &n->items[i];
				int x = at(n, g, kd, i), whole = 0;
				if (n->pub_pct[x] || n->people[x] == 0)
					continue;
				if (it->part == EC_ELEMENT)
					whole = find_item(n, EC_BLOCK, it->block, NULL);
				if (whole > 0)
					n->pub_pct[at(n, g, kd, whole)] = false;
			}
	for (int g = 0; g < n->ng; g++)
		for (int kd = 0; kd < 2; kd++)
			for (int i = 1; i < n->ni; i++)
				if (n->items[i].part == EC_BLOCK && !n->pub_pct[at(n, g, kd, i)] &&
				    n->people[at(n, g, kd, i)] > 0)
					n->pub_pct[at(n, g, kd, 0)] = false;
}

int note_compute(struct store *s, const struct config *cfg, int year, struct note **out)
{
	struct element_count *rows;
	struct note *n;
	int nrows, rc, wide;

	*out = NULL;
	wide = store_wide_begin(s);
	rc = store_element_counts(s, year, &rows, &nrows);
	store_wide_end(s, wide);
	if (rc != ST_OK)
		return rc;
	n = xcalloc(1, sizeof *n);
	n->k = cfg->min_group_size;
	n->year = year;
	n->high_below = cfg->deficit_high_below;
	n->medium_below = cfg->deficit_medium_below;
	build(n, rows, nrows);
	store_element_counts_free(rows, nrows);
	protect(n);
	if ((rc = deficits_compute(s, cfg, year, BY_NONE, &n->d)) != ST_OK) {
		note_free(n);
		return rc;
	}
	*out = n;
	return ST_OK;
}

void note_free(struct note *n)
{
	if (n == NULL)
		return;
	for (int i = 0; i < n->ni; i++) {
		free(n->items[i].code);
		free(n->items[i].name);
	}
	free(n->items);
	free(n->gid);
	free(n->gkind);
	free(n->parent);
	free(n->people);
	free(n->score);
	free(n->max);
	free(n->pub);
	free(n->pub_pct);
	deficits_free(n->d);
	free(n);
}

const struct deficits *note_deficits(const struct note *n)
{
	return n->d;
}

static struct note_figure figure(const struct note *n, int g, int kd, int i)
{
	struct note_figure f = { true, true, 0, 0 };
	int x;

	if (g < 0)
		return f;
	x = at(n, g, kd, i);
	if (!n->pub[x])
		return (struct note_figure){ false, false, 0, 0 };
	f.people = n->people[x];
	f.pct_shown = n->pub_pct[x];
	if (f.pct_shown && f.people > 0 && n->max[x] > 0)
		f.pct = (int)((200 * n->score[x] + n->max[x]) / (2 * n->max[x]));   /* half up */
	return f;
}

void note_group(struct store *s, const struct note *n, const char *kind, int64_t id, struct note_view *v)
{
	char k = strcmp(kind, "mun") == 0 ? 'm' : strcmp(kind, "org") == 0 ? 'o' : 'r';
	int g = -1;

	memset(v, 0, sizeof *v);
	for (int i = 0; i < n->ng && g < 0; i++)
		if (n->gkind[i] == k && (k == 'r' || n->gid[i] == id))
			g = i;
	deficits_group(s, n->d, kind, id, &v->deficits);
	v->group = xstrdup(v->deficits.group ? v->deficits.group : "");
	v->gcode = xstrdup(v->deficits.code ? v->deficits.code : "");
	v->year = n->year;
	v->k = n->k;
	v->high_below = n->high_below;
	v->medium_below = n->medium_below;
	v->elements = xcalloc((size_t)n->ni + 1, sizeof *v->elements);
	v->blocks = xcalloc((size_t)n->ni + 1, sizeof *v->blocks);
	for (int kd = 0; kd < 2; kd++)
		v->people[kd] = figure(n, g, kd, 0);
	for (int i = 1; g >= 0 && i < n->ni; i++) {
		const struct item *it = &n->items[i];
		struct note_row *r;
		if (n->people[at(n, g, 0, i)] == 0 && n->people[at(n, g, 1, i)] == 0)
			continue;   /* nobody of the group had it */
		r = it->part == EC_BLOCK ? &v->blocks[v->nblocks++] : &v->elements[v->nelements++];
		r->code = it->code ? xstrdup(it->code) : NULL;
		r->name = xstrdup(it->name);
		for (int kd = 0; kd < 2; kd++)
			r->f[kd] = figure(n, g, kd, i);
	}
}

int note_view(struct store *s, const struct config *cfg, const char *kind, int64_t id, int year,
	      struct note_view *v)
{
	struct note *n;
	int rc;

	memset(v, 0, sizeof *v);
	if ((rc = note_compute(s, cfg, year, &n)) != ST_OK)
		return rc;
	note_group(s, n, kind, id, v);
	note_free(n);
	return ST_OK;
}

static void rows_free(struct note_row *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].code);
		free(r[i].name);
	}
	free(r);
}

void note_view_free(struct note_view *v)
{
	rows_free(v->elements, v->nelements);
	rows_free(v->blocks, v->nblocks);
	deficits_view_free(&v->deficits);
	free(v->group);
	free(v->gcode);
	memset(v, 0, sizeof *v);
}

/* --- as text ------------------------------------------------------------- */

#define WITHHELD "скр."
static const char *const kinds[2] = { "входная", "итоговая" };

/* «62 % (120 чел.)», «—» for nobody, «скр.» when withheld. */
static const char *fig_text(struct note_figure f, bool with_people, char buf[48])
{
	if (!f.shown)
		return WITHHELD;
	if (f.people == 0)
		return "—";
	if (!f.pct_shown)
		snprintf(buf, 48, WITHHELD " (%d чел.)", f.people);
	else if (with_people)
		snprintf(buf, 48, "%d %% (%d чел.)", f.pct, f.people);
	else
		snprintf(buf, 48, "%d %%", f.pct);
	return buf;
}

/* The level of deficit a % gives (the configured thresholds), or "". */
static const char *level_text(const struct note_view *v, struct note_figure f)
{
	const char *code;

	if (!f.shown || f.people == 0 || !f.pct_shown)
		return f.shown && f.people == 0 ? "—" : WITHHELD;
	code = f.pct < v->high_below ? "high" : f.pct < v->medium_below ? "medium" : "low";
	return strcmp(code, "high") == 0 ? "высокий" : strcmp(code, "medium") == 0 ? "средний" : "низкий";
}

/* Text wrapped to width, each line after an indent of ind columns. */
static void wrapped(struct text_lines *out, const char *raw, int ind, int width)
{
	struct text_lines l = { NULL, 0, 0 };
	char *clean = text_sanitize(raw ? raw : "");

	text_wrap(clean, width - ind, width - ind, &l);
	for (int i = 0; i < l.n; i++)
		text_lines_add(out, "%*s%s", ind, "", l.v[i]);
	text_lines_free(&l);
	free(clean);
}

char *note_title(const struct note_view *v)
{
	char *clean = text_sanitize(v->group ? v->group : ""), *t;

	t = xasprintf("Аналитическая справка: %s, %d год", clean, v->year);
	free(clean);
	return t;
}

static char *explanation(const struct note_view *v)
{
	return xasprintf("%% выполнения — сумма баллов педагогов группы по элементу (блоку) к сумме максимальных "
			 "баллов; у каждого педагога — последняя входная и последняя итоговая диагностика за год "
			 "с результатами по элементам. Уровень дефицита — по порогам: ниже %d %% — высокий, ниже "
			 "%d %% — средний, иначе низкий. «" WITHHELD "» — цифра скрыта: она касалась бы меньше чем "
			 "%d педагогов или её можно было бы вычислить вычитанием из показанных цифр других групп.",
			 v->high_below, v->medium_below, v->k);
}

void note_lines(const struct note_view *v, int width, bool with_deficits, struct text_lines *out)
{
	const struct deficit_section *ds = v->deficits.nsections > 0 ? &v->deficits.sections[0] : NULL;
	char a[48], b[48], *e;

	if (width < 40)
		width = 40;
	{
		char *line = xasprintf("Участники (педагоги с результатами по элементам): входная диагностика — %s, "
				       "итоговая — %s.",
				       v->people[0].shown ? (snprintf(a, sizeof a, "%d", v->people[0].people), a) : WITHHELD,
				       v->people[1].shown ? (snprintf(b, sizeof b, "%d", v->people[1].people), b) : WITHHELD);
		wrapped(out, line, 0, width);
		free(line);
	}
	text_lines_add(out, "%s", "");
	wrapped(out, "Результаты по оцениваемым элементам, % выполнения (входная → итоговая):", 0, width);
	if (v->nelements == 0)
		wrapped(out, "Результатов по элементам за год нет.", 2, width);
	for (int i = 0; i < v->nelements; i++) {
		const struct note_row *r = &v->elements[i];
		char *code = text_sanitize(r->code ? r->code : ""), *line;
		line = xasprintf("%s: %s → %s", code, fig_text(r->f[0], true, a), fig_text(r->f[1], true, b));
		wrapped(out, line, 2, width);
		wrapped(out, r->name, 6, width);
		free(line);
		free(code);
	}
	text_lines_add(out, "%s", "");
	wrapped(out, "Общий уровень по блокам компетенций (входная → итоговая):", 0, width);
	for (int i = -1; i < v->nblocks; i++) {
		const struct note_figure *f = i < 0 ? v->people : v->blocks[i].f;
		char *name = text_sanitize(i < 0 ? "Все блоки" : v->blocks[i].name), *line;
		if (i < 0 && v->nblocks == 0) {
			free(name);
			break;
		}
		wrapped(out, name, 2, width);
		line = xasprintf("%s → %s; уровень дефицита: %s → %s", fig_text(f[0], true, a),
				 fig_text(f[1], true, b), level_text(v, f[0]), level_text(v, f[1]));
		wrapped(out, line, 6, width);
		free(line);
		free(name);
	}
	if (v->nblocks == 0)
		wrapped(out, "Результатов по блокам за год нет.", 2, width);
	if (!with_deficits)
		ds = NULL;
	else {
		text_lines_add(out, "%s", "");
		wrapped(out, "Типичные дефициты (педагогов с дефицитом из педагогов с диагностикой):", 0, width);
	}
	if (ds) {
		for (int j = 0; j < ds->ncodes; j++) {
			const struct deficit_code_row *r = &ds->codes[j];
			char fa[48], fb[48], *code = text_sanitize(r->code), *line;

			line = xasprintf("%s: входная — %s; итоговая — %s", code,
					 deficits_share_text(deficits_share(r->f[0], ds->people[0]), fa),
					 deficits_share_text(deficits_share(r->f[1], ds->people[1]), fb));
			wrapped(out, line, 2, width);
			wrapped(out, r->wording, 6, width);
			free(line);
			free(code);
		}
		if (ds->ncodes == 0)
			wrapped(out, "Нет кодов дефицитов, которые можно показать.", 2, width);
	}
	if (with_deficits) {
		char *rest = xasprintf("Остальные коды — у меньше чем %d педагогов или скрыты.", v->k);
		wrapped(out, rest, 2, width);
		free(rest);
	}
	text_lines_add(out, "%s", "");
	e = explanation(v);
	wrapped(out, e, 0, width);
	free(e);
}

/* --- as HTML ------------------------------------------------------------- */

static void html_put(FILE *f, const char *raw)
{
	char *clean = text_sanitize(raw ? raw : "");

	for (const char *p = clean; *p; p++)
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*p, f); break;
		}
	free(clean);
}

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<title>Аналитическая справка</title>\n<style>\n"
	"@page { size: A4; margin: 20mm 15mm 20mm 25mm; }\n"
	"body { font-family: \"Times New Roman\", \"Liberation Serif\", serif; font-size: 12pt; line-height: 1.3; }\n"
	"@media screen { body { max-width: 180mm; margin: 10mm auto; padding: 0 10mm; } }\n"
	"h1 { font-size: 14pt; text-align: center; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 2mm 0; }\n"
	"th, td { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; text-align: left; }\n"
	"th { background: #f2f2f2; } td.n { text-align: center; white-space: nowrap; }\n"
	"tr { page-break-inside: avoid; break-inside: avoid; } thead { display: table-header-group; }\n"
	"section { page-break-after: always; break-after: page; } section:last-child { page-break-after: auto; }\n"
	"p.note { font-style: italic; font-size: 10pt; }\n"
	"</style>\n</head>\n<body>\n";

static void html_cell(FILE *f, const char *text)
{
	fputs("<td class=\"n\">", f);
	html_put(f, text);
	fputs("</td>", f);
}

static void html_one(const struct note_view *v, FILE *f)
{
	const struct deficit_section *ds = v->deficits.nsections > 0 ? &v->deficits.sections[0] : NULL;
	char *t = note_title(v), *e = explanation(v), a[48];

	fputs("<section>\n<h1>", f);
	html_put(f, t);
	fputs("</h1>\n<p>Участники (педагоги с результатами по элементам): входная диагностика — ", f);
	html_put(f, v->people[0].shown ? (snprintf(a, sizeof a, "%d", v->people[0].people), a) : WITHHELD);
	fputs(", итоговая — ", f);
	html_put(f, v->people[1].shown ? (snprintf(a, sizeof a, "%d", v->people[1].people), a) : WITHHELD);
	fputs(".</p>\n<h2>Результаты по оцениваемым элементам</h2>\n<table>\n<thead><tr><th>Код</th>"
	      "<th>Оцениваемый элемент</th><th>Входная: % выполнения (педагогов)</th>"
	      "<th>Итоговая: % выполнения (педагогов)</th></tr></thead>\n<tbody>\n", f);
	for (int i = 0; i < v->nelements; i++) {
		const struct note_row *r = &v->elements[i];
		fputs("<tr><td>", f);
		html_put(f, r->code);
		fputs("</td><td>", f);
		html_put(f, r->name);
		fputs("</td>", f);
		for (int kd = 0; kd < 2; kd++)
			html_cell(f, fig_text(r->f[kd], true, a));
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<h2>Общий уровень по блокам компетенций</h2>\n<table>\n<thead><tr>"
	      "<th>Блок</th><th>Входная: % выполнения (педагогов)</th><th>Уровень дефицита</th>"
	      "<th>Итоговая: % выполнения (педагогов)</th><th>Уровень дефицита</th></tr></thead>\n<tbody>\n", f);
	for (int i = -1; i < v->nblocks && v->nblocks > 0; i++) {
		const struct note_figure *fg = i < 0 ? v->people : v->blocks[i].f;
		fputs("<tr><td>", f);
		html_put(f, i < 0 ? "Все блоки" : v->blocks[i].name);
		fputs("</td>", f);
		for (int kd = 0; kd < 2; kd++) {
			html_cell(f, fig_text(fg[kd], true, a));
			html_cell(f, level_text(v, fg[kd]));
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<h2>Типичные дефициты</h2>\n<table>\n<thead><tr><th>Код</th><th>Дефицит</th>"
	      "<th>Входная: педагогов с дефицитом</th><th>Итоговая: педагогов с дефицитом</th></tr></thead>\n<tbody>\n",
	      f);
	for (int j = 0; ds && j < ds->ncodes; j++) {
		const struct deficit_code_row *r = &ds->codes[j];
		fputs("<tr><td>", f);
		html_put(f, r->code);
		fputs("</td><td>", f);
		html_put(f, r->wording);
		fputs("</td>", f);
		for (int kd = 0; kd < 2; kd++) {
			html_cell(f, deficits_share_text(deficits_share(r->f[kd], ds->people[kd]), a));
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<p class=\"note\">", f);
	html_put(f, e);
	fputs("</p>\n</section>\n", f);
	free(t);
	free(e);
}

int note_html(const struct note_view *const *v, int nv, FILE *f)
{
	fputs(html_head, f);
	for (int i = 0; i < nv; i++)
		html_one(v[i], f);
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}

/* --- as a table ---------------------------------------------------------- */

static void trow(struct report_table *t, const struct note_view *v, const char *part, const char *code,
		 const char *name, int kd, const char *people, const char *value, const char *level)
{
	struct report_row *r = report_add_row(t);

	report_set_text(r, 0, v->group);
	report_set_text(r, 1, v->gcode);
	report_set_text(r, 2, part);
	report_set_text(r, 3, code ? code : "");
	report_set_text(r, 4, name ? name : "");
	report_set_text(r, 5, kinds[kd]);
	report_set_text(r, 6, people);
	report_set_text(r, 7, value);
	report_set_text(r, 8, level ? level : "");
}

static const char *people_text(struct note_figure f, char buf[16])
{
	if (!f.shown)
		return WITHHELD;
	snprintf(buf, 16, "%d", f.people);
	return buf;
}

static const char *pct_text(struct note_figure f, char buf[16])
{
	if (!f.shown || (f.people > 0 && !f.pct_shown))
		return WITHHELD;
	if (f.people == 0)
		return "—";
	snprintf(buf, 16, "%d", f.pct);
	return buf;
}

void note_table(const struct note_view *v, struct report_table *t)
{
	static const char *const headers[] = { "Группа", "Код группы", "Раздел", "Код", "Элемент, блок или дефицит",
					       "Диагностика", "Педагогов", "% выполнения или педагогов с дефицитом",
					       "Уровень дефицита" };
	const struct deficit_section *ds = v->deficits.nsections > 0 ? &v->deficits.sections[0] : NULL;
	char a[16], b[16];

	if (t->ncols == 0) {
		char *e = explanation(v);
		t->name = "note";
		t->sheet = "Аналитическая справка";
		t->title = "Аналитическая справка";
		t->caption = note_title(v);
		t->year = v->year;
		t->min_group = v->k;
		for (size_t i = 0; i < NITEMS(headers); i++)
			report_add_col(t, NULL, headers[i], RCOL_TEXT);
		t->label_cols = 6;
		report_add_note(t, "%s", e);
		free(e);
	}
	for (int kd = 0; kd < 2; kd++)
		trow(t, v, "Участники", NULL, NULL, kd, people_text(v->people[kd], a), "", NULL);
	for (int i = 0; i < v->nelements; i++)
		for (int kd = 0; kd < 2; kd++)
			trow(t, v, "Оцениваемый элемент", v->elements[i].code, v->elements[i].name, kd,
			     people_text(v->elements[i].f[kd], a), pct_text(v->elements[i].f[kd], b), NULL);
	for (int i = -1; i < v->nblocks && v->nblocks > 0; i++) {
		const struct note_figure *fg = i < 0 ? v->people : v->blocks[i].f;
		for (int kd = 0; kd < 2; kd++)
			trow(t, v, "Блок компетенций", NULL, i < 0 ? "Все блоки" : v->blocks[i].name, kd,
			     people_text(fg[kd], a), pct_text(fg[kd], b), level_text(v, fg[kd]));
	}
	for (int j = 0; ds && j < ds->ncodes; j++)
		for (int kd = 0; kd < 2; kd++) {
			const struct deficit_code_row *r = &ds->codes[j];
			bool shown = r->f[kd].shown && ds->people[kd].shown;
			if (ds->people[kd].shown)
				snprintf(a, sizeof a, "%d", ds->people[kd].value);
			if (shown)
				snprintf(b, sizeof b, "%d", r->f[kd].value);
			trow(t, v, "Типичный дефицит", r->code, r->wording, kd, ds->people[kd].shown ? a : WITHHELD,
			     shown ? b : WITHHELD, NULL);
		}
}
