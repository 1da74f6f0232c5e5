/* Typical deficits of a group (see deficits.h): the region's counts as one
 * lattice — groups (region, municipalities, organisations) × classes of the
 * breakdown × what is counted — protected by analytics.c's rule, then the
 * asked group's part as lines or as a table. */
#include "deficits.h"
#include "analytics.h"
#include "config.h"
#include "groups.h"
#include "model.h"
#include "store/deficit_counts.h"
#include "store/reports.h"
#include "store/store.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the lattice --------------------------------------------------------- */

struct lattice {
	int k;
	int ng, ncls, ncode, nblock;
	size_t cells;           /* ng × ncls × 2: the (group, class, kind) */
	int64_t *gid;           /* 0: the region */
	char *gkind;            /* 'r', 'm', 'o' */
	int *parent;            /* -1 for the region */
	int *first, *child;     /* each group's children */
	char **code, **wording;
	char **block;
	/* counts and what is published, per group, class and kind; of a code
	 * or block item-major (cx, bx, lx): a run of the rule goes through
	 * every cell for one item */
	int *people, *codes, *levels;
	bool *pub_people, *pub_code, *pub_assessed, *pub_level;
};

/* Index of (group, class, kind). */
static int gck(const struct lattice *L, int g, int c, int kd)
{
	return (g * L->ncls + c) * 2 + kd;
}

/* Index of code j, block b, level l of block b in cell x. */
static size_t cx(const struct lattice *L, int x, int j)
{
	return (size_t)j * L->cells + (size_t)x;
}

static size_t bx(const struct lattice *L, int x, int b)
{
	return (size_t)b * L->cells + (size_t)x;
}

static size_t lx(const struct lattice *L, int x, int b, int l)
{
	return ((size_t)b * 3 + (size_t)l) * L->cells + (size_t)x;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int find_str(char *const *v, int n, const char *s)
{
	char *const *p = bsearch(&s, v, (size_t)n, sizeof *v, cmp_str);
	return p ? (int)(p - v) : -1;
}

/* Where x goes in v[0..n) sorted by cmp: its index, *found when there. */
static int sorted_place(const void *v, int n, size_t size, const void *x,
			int (*cmp)(const void *, const void *), bool *found)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2, c = cmp((const char *)v + (size_t)mid * size, x);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

/* Adds x to the sorted distinct v[0..*n) unless it is there. */
static void sorted_add(void *v, int *n, size_t size, const void *x, int (*cmp)(const void *, const void *))
{
	bool found;
	int at = sorted_place(v, *n, size, x, cmp, &found);

	if (found)
		return;
	memmove((char *)v + (size_t)(at + 1) * size, (char *)v + (size_t)at * size, (size_t)(*n - at) * size);
	memcpy((char *)v + (size_t)at * size, x, size);
	(*n)++;
}

struct block_key {
	int sort;
	char *name;
};

static int cmp_block(const void *a, const void *b)
{
	const struct block_key *x = a, *y = b;
	if (x->sort != y->sort)
		return x->sort < y->sort ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* v (one value per cell): each group's whole gets the sum of its classes. */
static void add_classes(const struct lattice *L, int *v)
{
	for (int g = 0; g < L->ng; g++)
		for (int kd = 0; kd < 2; kd++) {
			int whole = gck(L, g, 0, kd);
			for (int c = 1; c < L->ncls; c++)
				v[whole] += v[gck(L, g, c, kd)];
		}
}

/* n arrays of outcomes, one per cell each: published where nobody is. */
static void publish_empty(const struct lattice *L, bool *pub, int n)
{
	for (int j = 0; j < n; j++)
		for (size_t x = 0; x < L->cells; x++)
			if (L->people[x] == 0)
				pub[(size_t)j * L->cells + x] = true;
}

static void lattice_build(struct lattice *L, const struct deficit_count *rows, int n, int by, int k)
{
	struct groups G;
	char **codes = xcalloc((size_t)n + 1, sizeof *codes);
	struct block_key *blocks = xcalloc((size_t)n + 1, sizeof *blocks);
	int nc = 0, nb = 0;
	size_t cells;

	memset(L, 0, sizeof *L);
	L->k = k;
	L->ncls = 1 + analytics_nclasses(by);
	groups_begin(&G, n);
	/* The codes and blocks, sorted and distinct: a few dozen among many
	 * rows, each placed as it comes. */
	for (int i = 0; i < n; i++) {
		groups_add(&G, rows[i].mun_id, rows[i].org_id);
		if (rows[i].part == DC_CODE) {
			sorted_add(codes, &nc, sizeof *codes, &rows[i].item, cmp_str);
		} else if (rows[i].part == DC_BLOCK) {
			struct block_key key = { rows[i].sort, rows[i].item };
			sorted_add(blocks, &nb, sizeof *blocks, &key, cmp_block);
		}
	}
	groups_end(&G);

	/* Groups: the region, the municipalities, the organisations. */
	L->ng = G.ng;
	L->gid = G.gid;
	L->gkind = G.gkind;
	L->parent = G.parent;
	L->first = xcalloc((size_t)L->ng + 1, sizeof *L->first);
	L->child = xcalloc((size_t)L->ng + 1, sizeof *L->child);
	for (int g = 1; g < L->ng; g++)
		L->first[L->parent[g] + 1]++;
	for (int g = 0; g < L->ng; g++)
		L->first[g + 1] += L->first[g];
	{
		int *fill = xcalloc((size_t)L->ng, sizeof *fill);
		for (int g = 1; g < L->ng; g++)
			L->child[L->first[L->parent[g]] + fill[L->parent[g]]++] = g;
		free(fill);
	}

	/* What is counted. */
	L->ncode = nc;
	L->code = xcalloc((size_t)nc + 1, sizeof *L->code);
	L->wording = xcalloc((size_t)nc + 1, sizeof *L->wording);
	for (int i = 0; i < nc; i++)
		L->code[i] = xstrdup(codes[i]);
	L->nblock = nb;
	L->block = xcalloc((size_t)nb + 1, sizeof *L->block);
	for (int i = 0; i < nb; i++)
		L->block[i] = xstrdup(blocks[i].name);

	cells = L->cells = (size_t)L->ng * (size_t)L->ncls * 2;
	L->people = xcalloc(cells, sizeof *L->people);
	L->codes = xcalloc(cells * (size_t)(nc + 1), sizeof *L->codes);
	L->levels = xcalloc(cells * (size_t)(nb + 1) * 3, sizeof *L->levels);
	L->pub_people = xcalloc(cells, sizeof *L->pub_people);
	L->pub_code = xcalloc(cells * (size_t)(nc + 1), sizeof *L->pub_code);
	L->pub_assessed = xcalloc(cells * (size_t)(nb + 1), sizeof *L->pub_assessed);
	L->pub_level = xcalloc(cells * (size_t)(nb + 1) * 3, sizeof *L->pub_level);

	/* The organisations' counts, added up to their municipality and the
	 * region, then over the classes for the group as a whole. */
	for (int i = 0, org = -1; i < n; i++) {
		const struct deficit_count *r = &rows[i];
		int j = -1;
		if (i == 0 || r->org_id != rows[i - 1].org_id)
			org = groups_org(&G, r->org_id);
		if (r->part == DC_CODE) {
			j = find_str(L->code, nc, r->item);
			if (L->wording[j] == NULL && r->wording)
				L->wording[j] = xstrdup(r->wording);
		} else if (r->part == DC_BLOCK) {
			struct block_key key = { r->sort, r->item };
			bool found;
			j = sorted_place(blocks, nb, sizeof *blocks, &key, cmp_block, &found);
		}
		for (int g = org; g >= 0; g = L->parent[g]) {
			int x = gck(L, g, r->cls, r->kind);
			if (r->part == DC_PEOPLE) {
				L->people[x] += r->n[0];
			} else if (r->part == DC_CODE) {
				L->codes[cx(L, x, j)] += r->n[0];
			} else {
				for (int l = 0; l < 3; l++)
					L->levels[lx(L, x, j, l)] += r->n[l];
			}
		}
	}
	/* A group as a whole: the sum of its classes, for the teachers and
	 * for each code and level (one array of cells at a time). */
	if (L->ncls > 1) {
		add_classes(L, L->people);
		for (int j = 0; j < nc; j++)
			add_classes(L, L->codes + (size_t)j * cells);
		for (int j = 0; j < nb * 3; j++)
			add_classes(L, L->levels + (size_t)j * cells);
	}
	/* A cell of nobody has nothing but zeros, published: no table of the
	 * rule takes it (runner_build). */
	publish_empty(L, L->pub_people, 1);
	publish_empty(L, L->pub_code, nc);
	publish_empty(L, L->pub_assessed, nb);
	publish_empty(L, L->pub_level, nb * 3);
	groups_free_work(&G);
	free(codes);
	free(blocks);
}

static void lattice_free(struct lattice *L)
{
	for (int i = 0; i < L->ncode; i++) {
		free(L->code[i]);
		free(L->wording[i]);
	}
	for (int i = 0; i < L->nblock; i++)
		free(L->block[i]);
	free(L->code);
	free(L->wording);
	free(L->block);
	free(L->gid);
	free(L->gkind);
	free(L->parent);
	free(L->first);
	free(L->child);
	free(L->people);
	free(L->codes);
	free(L->levels);
	free(L->pub_people);
	free(L->pub_code);
	free(L->pub_assessed);
	free(L->pub_level);
}

/* --- protecting it ------------------------------------------------------- */

/* What is counted in one run of the rule: the teachers of a cell (fixed by
 * the runs before), and for a deficit code those with it and without it,
 * or for a block those assessed (at each level) and those not. */
enum family { F_PEOPLE, F_CODE, F_BLOCK };
enum { M_MAX = 9 };

struct measure {
	bool shown;
	enum an_type type;
	int base;           /* the measure it is a part of (a zero base: a known zero), or -1 */
};

/* Within a cell, the teachers split: by a code into those with it and
 * without it; by a block into those assessed and not, the assessed by
 * level, and beside each level those assessed at another one (a result
 * too: «all but 2 are at a medium level» tells about the 2). */
enum { WITHIN_MAX = 5 };
static const struct {
	int nm;
	struct measure m[M_MAX];
	int nwithin, nparts[WITHIN_MAX], parts[WITHIN_MAX][4];   /* parts[i][0] = the sum of the rest */
} families[] = {
	[F_PEOPLE] = { 1, { { true, AN_PEOPLE, -1 } }, 0, { 0 }, { { 0 } } },
	[F_CODE] = { 3, { { false, AN_PEOPLE, -1 }, { true, AN_RESULT, 0 }, { false, AN_RESULT, 0 } },
		     1, { 3 }, { { 0, 1, 2 } } },
	[F_BLOCK] = { 9, { { false, AN_PEOPLE, -1 }, { true, AN_PEOPLE, 0 }, { false, AN_PEOPLE, 0 },
			   { true, AN_RESULT, 1 }, { true, AN_RESULT, 1 }, { true, AN_RESULT, 1 },
			   { false, AN_RESULT, 1 }, { false, AN_RESULT, 1 }, { false, AN_RESULT, 1 } },
		      5, { 3, 4, 3, 3, 3 }, { { 0, 1, 2 }, { 1, 3, 4, 5 }, { 1, 3, 6 }, { 1, 4, 7 }, { 1, 5, 8 } } },
};

/* The values of a family's measures in one cell. */
static void values(const struct lattice *L, enum family f, int item, int x, int v[M_MAX])
{
	v[0] = L->people[x];
	if (f == F_CODE) {
		v[1] = L->codes[cx(L, x, item)];
		v[2] = v[0] - v[1];
	} else if (f == F_BLOCK) {
		const int l[3] = { L->levels[lx(L, x, item, 0)], L->levels[lx(L, x, item, 1)],
				   L->levels[lx(L, x, item, 2)] };
		v[1] = l[0] + l[1] + l[2];
		v[2] = v[0] - v[1];
		for (int i = 0; i < 3; i++) {
			v[3 + i] = l[i];
			v[6 + i] = v[1] - l[i];
		}
	}
}

/* Where a shown measure's outcome is kept. */
static bool *outcome(struct lattice *L, enum family f, int m, int item, int x)
{
	if (f == F_PEOPLE)
		return &L->pub_people[x];
	if (f == F_CODE)
		return &L->pub_code[cx(L, x, item)];
	if (m == 1)
		return &L->pub_assessed[bx(L, x, item)];
	return &L->pub_level[lx(L, x, item, m - 3)];
}

/* One measure's sums: a group is the sum of its children, class by class;
 * with the breakdown, a group as a whole is the sum of its classes. A cell
 * of nobody (-1) is a known zero and takes no part. */
static void measure_sums(struct an_table *t, const struct lattice *L, const int *idx, int ncls)
{
	int *parts = xcalloc((size_t)(L->ng > L->ncls ? L->ng : L->ncls) + 1, sizeof *parts);

	for (int c = 0; c < ncls; c++)
		for (int g = 0; g < L->ng; g++) {
			int n = 0;
			if (idx[g * L->ncls + c] < 0)
				continue;
			for (int i = L->first[g]; i < L->first[g + 1]; i++)
				if (idx[L->child[i] * L->ncls + c] >= 0)
					parts[n++] = idx[L->child[i] * L->ncls + c];
			an_sum(t, idx[g * L->ncls + c], parts, n);
		}
	if (ncls > 1)
		for (int g = 0; g < L->ng; g++) {
			int n = 0;
			if (idx[g * L->ncls] < 0)
				continue;
			for (int c = 1; c < ncls; c++)
				if (idx[g * L->ncls + c] >= 0)
					parts[n++] = idx[g * L->ncls + c];
			an_sum(t, idx[g * L->ncls], parts, n);
		}
	free(parts);
}

/* One table of the rule for a family and a kind: the groups as wholes
 * (breakdown false), or their classes with the wholes fixed as the first
 * table left them. Its cells and sums are laid out once and used for every
 * code or block; only the values and flags change. A group or class
 * nobody of the kind is in has nothing but zeros, published: it is left
 * out of the table. */
struct runner {
	enum family f;
	bool breakdown;
	int kd, ncls, per;
	int *idx;                  /* [measure][group × class] -> cell, -1 for nobody */
	int nact;                  /* the (group, class) of somebody, in order: */
	int *act_x, *act_c;        /* their lattice cell and class; measure m of the
				      a-th is cell m × nact + a of the table */
	struct an_table t;
};

static void runner_build(struct runner *r, const struct lattice *L, enum family f, bool breakdown, int kd)
{
	int nm = families[f].nm;

	r->f = f;
	r->breakdown = breakdown;
	r->kd = kd;
	r->ncls = breakdown ? L->ncls : 1;
	r->per = L->ng * L->ncls;
	r->idx = xcalloc((size_t)(nm * r->per) + 1, sizeof *r->idx);
	an_init(&r->t);
	/* Measure by measure, the same (group, class) of somebody, in order. */
	r->nact = 0;
	for (int g = 0; g < L->ng; g++)
		for (int c = 0; c < L->ncls; c++)
			r->idx[g * L->ncls + c] = c < r->ncls && L->people[gck(L, g, c, kd)] > 0 ? r->nact++ : -1;
	for (int m = 1; m < nm; m++)
		for (int i = 0; i < r->per; i++)
			r->idx[m * r->per + i] = r->idx[i] < 0 ? -1 : r->idx[i] + m * r->nact;
	for (int i = 0; i < nm * r->nact; i++)
		an_cell(&r->t, 0, AN_PEOPLE, 0);
	r->act_x = xcalloc((size_t)r->nact + 1, sizeof *r->act_x);
	r->act_c = xcalloc((size_t)r->nact + 1, sizeof *r->act_c);
	for (int g = 0, a = 0; g < L->ng; g++)
		for (int c = 0; c < r->ncls; c++)
			if (r->idx[g * L->ncls + c] >= 0) {
				r->act_x[a] = gck(L, g, c, kd);
				r->act_c[a++] = c;
			}
	/* The sums of each measure: those of the first, moved to its cells. */
	measure_sums(&r->t, L, r->idx, r->ncls);
	{
		int nsums0 = r->t.nsums, most = 0, *parts;
		for (int q = 0; q < nsums0; q++)
			if (r->t.start[q + 1] - r->t.start[q] > most)
				most = r->t.start[q + 1] - r->t.start[q];
		parts = xcalloc((size_t)most + 1, sizeof *parts);
		for (int m = 1; m < nm; m++)
			for (int q = 0; q < nsums0; q++) {
				int from = r->t.start[q], n = r->t.start[q + 1] - from - 1;
				for (int p = 0; p < n; p++)
					parts[p] = r->t.members[from + 1 + p] + m * r->nact;
				an_sum(&r->t, r->t.members[from] + m * r->nact, parts, n);
			}
		free(parts);
	}
	for (int i = 0; i < families[f].nwithin; i++) {
		int np = families[f].nparts[i], parts[4];
		for (int g = 0; g < L->ng; g++)
			for (int c = 0; c < r->ncls; c++) {
				int at = g * L->ncls + c;
				if (r->idx[at] < 0)
					continue;
				for (int p = 1; p < np; p++)
					parts[p - 1] = r->idx[families[f].parts[i][p] * r->per + at];
				an_sum(&r->t, r->idx[families[f].parts[i][0] * r->per + at], parts, np - 1);
			}
	}
}

static void runner_free(struct runner *r)
{
	an_free(&r->t);
	free(r->idx);
	free(r->act_x);
	free(r->act_c);
}

/* Fills a table's cells for one code or block: f is a constant where this
 * is called, so that the measures' loop unfolds. */
static inline __attribute__((always_inline)) void runner_fill(struct runner *r, struct lattice *L, int item,
							    const enum family f)
{
	const int nm = families[f].nm, nact = r->nact;
	int *value = r->t.value;
	unsigned char *type = r->t.type, *flags = r->t.flags;
	const bool *pub_people = L->pub_people;

	for (int a = 0; a < nact; a++) {
		int x = r->act_x[a], v[M_MAX] = { 0 };
		bool fixed_whole = r->breakdown && r->act_c[a] == 0, pop_shown = pub_people[x];
		values(L, f, item, x, v);
		for (int m = 0; m < nm; m++) {
			const struct measure *md = &families[f].m[m];
			unsigned char fl;
			if (f != F_PEOPLE && m == 0)            /* the teachers: decided */
				fl = AN_SHOWN | AN_FIXED | (pop_shown ? 0 : AN_WITHHELD);
			else if (!md->shown)                    /* counted, never shown */
				fl = 0;
			else if (fixed_whole)                   /* decided by the first table */
				fl = AN_SHOWN | AN_FIXED | (*outcome(L, f, m, item, x) ? 0 : AN_WITHHELD);
			else if (f != F_PEOPLE && !pop_shown)   /* the teachers withheld: all of it */
				fl = AN_SHOWN | AN_FIXED | AN_WITHHELD;
			else
				fl = AN_SHOWN;
			value[m * nact + a] = v[m];
			type[m * nact + a] = (unsigned char)(md->base >= 0 && v[md->base] == 0 ? AN_PEOPLE : md->type);
			flags[m * nact + a] = fl;
		}
	}
}

/* The teachers of each cell are fixed by the tables of F_PEOPLE before.
 * (Only the cells of somebody: every cell of a table once per code and
 * block, the arrays held in locals.) */
static void runner_run(struct runner *r, struct lattice *L, int item)
{
	enum family f = r->f;
	int nm = families[f].nm, nact = r->nact;
	unsigned char *flags = r->t.flags;

	if (f == F_PEOPLE)
		runner_fill(r, L, item, F_PEOPLE);
	else if (f == F_CODE)
		runner_fill(r, L, item, F_CODE);
	else
		runner_fill(r, L, item, F_BLOCK);
	an_protect(&r->t, L->k);
	/* A cell of nobody was left out: lattice_build published its zeros. */
	for (int a = 0; a < nact; a++) {
		int x = r->act_x[a];
		if (r->breakdown && r->act_c[a] == 0)
			continue;
		for (int m = f == F_PEOPLE ? 0 : 1; m < nm; m++)
			if (families[f].m[m].shown)
				*outcome(L, f, m, item, x) = (flags[m * nact + a] & (AN_SHOWN | AN_WITHHELD)) == AN_SHOWN;
		/* Levels without the number assessed would have no group:
		 * withholding more never gives anything away. */
		if (f == F_BLOCK && !L->pub_assessed[bx(L, x, item)])
			for (int l = 0; l < 3; l++)
				L->pub_level[lx(L, x, item, l)] = false;
	}
}

static void lattice_protect(struct lattice *L)
{
	int passes = L->ncls > 1 ? 2 : 1;

	for (int kd = 0; kd < 2; kd++)
		for (int pass = 0; pass < passes; pass++) {
			struct runner r[3];
			for (int f = 0; f < 3; f++)
				runner_build(&r[f], L, (enum family)f, pass == 1, kd);
			runner_run(&r[F_PEOPLE], L, 0);
			for (int j = 0; j < L->ncode; j++)
				runner_run(&r[F_CODE], L, j);
			for (int b = 0; b < L->nblock; b++)
				runner_run(&r[F_BLOCK], L, b);
			for (int f = 0; f < 3; f++)
				runner_free(&r[f]);
		}
}

/* --- the view ------------------------------------------------------------ */

static struct deficit_figure fig(bool shown, int value)
{
	struct deficit_figure f = { shown, shown ? value : 0 };
	return f;
}

static int cmp_code_row(const void *a, const void *b)
{
	const struct deficit_code_row *x = a, *y = b;
	for (int kd = 0; kd < 2; kd++) {
		int vx = x->f[kd].shown ? x->f[kd].value : -1, vy = y->f[kd].shown ? y->f[kd].value : -1;
		if (vx != vy)
			return vx > vy ? -1 : 1;
	}
	return strcmp(x->code, y->code);
}

static int find_group(const struct lattice *L, const char *kind, int64_t id)
{
	char k = strcmp(kind, "mun") == 0 ? 'm' : strcmp(kind, "org") == 0 ? 'o' : 'r';

	for (int g = 0; g < L->ng; g++)
		if (L->gkind[g] == k && (k == 'r' || L->gid[g] == id))
			return g;
	return -1;
}

static void section(const struct lattice *L, int g, int c, struct deficit_section *s)
{
	s->codes = xcalloc((size_t)L->ncode + 1, sizeof *s->codes);
	s->blocks = xcalloc((size_t)L->nblock + 1, sizeof *s->blocks);
	if (g < 0) {   /* nobody of the group had a diagnostic: nothing but zeros */
		s->people[0] = s->people[1] = fig(true, 0);
		return;
	}
	for (int kd = 0; kd < 2; kd++)
		s->people[kd] = fig(L->pub_people[gck(L, g, c, kd)], L->people[gck(L, g, c, kd)]);
	for (int j = 0; j < L->ncode; j++) {
		struct deficit_code_row *r = &s->codes[s->ncodes];
		bool any = false;
		for (int kd = 0; kd < 2; kd++) {
			size_t x = cx(L, gck(L, g, c, kd), j);
			r->f[kd] = fig(L->pub_code[x], L->codes[x]);
			any |= r->f[kd].shown && r->f[kd].value > 0;
		}
		if (!any)
			continue;
		r->code = xstrdup(L->code[j]);
		r->wording = xstrdup(L->wording[j] ? L->wording[j] : "");
		s->ncodes++;
	}
	qsort(s->codes, (size_t)s->ncodes, sizeof *s->codes, cmp_code_row);
	for (int b = 0; b < L->nblock; b++) {
		struct deficit_block_row *r = &s->blocks[s->nblocks];
		bool any = false;
		for (int kd = 0; kd < 2; kd++) {
			int x = gck(L, g, c, kd);
			r->assessed[kd] = fig(L->pub_assessed[bx(L, x, b)], L->levels[lx(L, x, b, 0)] +
					      L->levels[lx(L, x, b, 1)] + L->levels[lx(L, x, b, 2)]);
			for (int l = 0; l < 3; l++)
				r->level[kd][l] = fig(L->pub_level[lx(L, x, b, l)], L->levels[lx(L, x, b, l)]);
			/* A block nobody was assessed in is left out; a withheld one stays. */
			any |= s->people[kd].shown && (!r->assessed[kd].shown || r->assessed[kd].value > 0);
		}
		if (!any)
			continue;
		r->name = xstrdup(L->block[b]);
		s->nblocks++;
	}
}

static char *group_name(struct store *s, const char *kind, int64_t id)
{
	char *name;

	if (strcmp(kind, "region") == 0) {
		name = store_meta_get(s, "region_name");
		return name ? name : xstrdup("регион");
	}
	return store_ref_name(s, strcmp(kind, "mun") == 0 ? "municipality" : "organisation", id);
}

struct deficits {
	struct lattice L;
	int year, by;
};

int deficits_compute(struct store *s, const struct config *cfg, int year, int by, struct deficits **out)
{
	struct deficit_count *rows;
	struct deficits *d;
	int n, rc, wide;

	*out = NULL;
	wide = store_wide_begin(s);
	rc = store_deficit_counts(s, year, by, &rows, &n);
	store_wide_end(s, wide);
	if (rc != ST_OK)
		return rc;
	d = xcalloc(1, sizeof *d);
	d->year = year;
	d->by = by;
	lattice_build(&d->L, rows, n, by, cfg->min_group_size);
	store_deficit_counts_free(rows, n);
	lattice_protect(&d->L);
	*out = d;
	return ST_OK;
}

void deficits_free(struct deficits *d)
{
	if (d) {
		lattice_free(&d->L);
		free(d);
	}
}

void deficits_group(struct store *s, const struct deficits *d, const char *kind, int64_t id,
		    struct deficit_view *v)
{
	const struct lattice *L = &d->L;
	const struct analytics_breakdown *bd = analytics_breakdown(d->by);
	int g = find_group(L, kind, id);

	memset(v, 0, sizeof *v);
	v->year = d->year;
	v->by = d->by;
	v->k = L->k;
	v->group = group_name(s, kind, id);
	v->code = store_deficit_group_code(s, kind, id);
	v->nsections = L->ncls;
	v->sections = xcalloc((size_t)L->ncls, sizeof *v->sections);
	for (int c = 0; c < L->ncls; c++) {
		v->sections[c].label = c == 0 ? "Все педагоги группы" : bd->classes[c - 1].label;
		section(L, g, c, &v->sections[c]);
	}
}

int deficits_view(struct store *s, const struct config *cfg, const struct deficit_query *q,
		  struct deficit_view *v)
{
	struct deficits *d;
	int rc;

	memset(v, 0, sizeof *v);
	if ((rc = deficits_compute(s, cfg, q->year, q->by, &d)) != ST_OK)
		return rc;
	deficits_group(s, d, q->kind, q->id, v);
	deficits_free(d);
	return ST_OK;
}

void deficits_view_free(struct deficit_view *v)
{
	for (int i = 0; i < v->nsections; i++) {
		struct deficit_section *s = &v->sections[i];
		for (int j = 0; j < s->ncodes; j++) {
			free(s->codes[j].code);
			free(s->codes[j].wording);
		}
		for (int j = 0; j < s->nblocks; j++)
			free(s->blocks[j].name);
		free(s->codes);
		free(s->blocks);
	}
	free(v->sections);
	free(v->group);
	free(v->code);
	memset(v, 0, sizeof *v);
}

/* --- as text and as a table ---------------------------------------------- */

#define WITHHELD "скр."

static const char *num(struct deficit_figure f, char buf[16])
{
	if (!f.shown)
		return WITHHELD;
	snprintf(buf, 16, "%d", f.value);
	return buf;
}

/* A figure right-aligned in w columns (or left-aligned: w < 0); printf
 * pads bytes, and «скр.» is wider in bytes than on the screen. */
static const char *col(struct deficit_figure f, int w, char buf[32])
{
	char n[16];
	const char *t = num(f, n);
	int pad = (w < 0 ? -w : w) - text_width(t);

	if (pad < 0)
		pad = 0;
	if (w < 0)
		snprintf(buf, 32, "%s%*s", t, pad, "");
	else
		snprintf(buf, 32, "%*s%s", pad, "", t);
	return buf;
}

char *deficits_title(const struct deficit_view *v)
{
	char *clean = text_sanitize(v->group ? v->group : ""), *t;

	t = xasprintf("Типичные дефициты: %s, %d год%s%s", clean, v->year, v->by == BY_NONE ? "" : ", ",
		      v->by == BY_NONE ? "" : analytics_breakdown(v->by)->label);
	free(clean);
	return t;
}

static void wrap(struct text_lines *out, const char *text)
{
	text_wrap(text, 78, 78, out);
}

/* The heading of a section: whose figures, and how many teachers. */
static char *heading(const struct deficit_view *v, int i)
{
	const struct deficit_section *s = &v->sections[i];
	char *label = i == 0 ? xstrdup(s->label)
			     : xasprintf("%s: %s", analytics_breakdown(v->by)->part, s->label);
	char *h = text_sanitize(label);

	free(label);
	return h;
}

/* Figures to show beyond the numbers of teachers. */
static bool section_has_table(const struct deficit_section *s)
{
	if (!s->people[0].shown && !s->people[1].shown)
		return false;
	return !(s->people[0].shown && s->people[1].shown && s->people[0].value == 0 && s->people[1].value == 0);
}

struct deficit_share deficits_share(struct deficit_figure n, struct deficit_figure of)
{
	struct deficit_share sh = { false, false, 0, 0, 0 };

	if (!n.shown || !of.shown)
		return sh;
	sh.n = n.value;
	sh.of = of.value;
	if (of.value <= 0) {
		sh.none = true;
		return sh;
	}
	sh.shown = true;
	sh.pct = (200 * n.value + of.value) / (2 * of.value);
	return sh;
}

bool deficits_change(struct deficit_share entry, struct deficit_share final, int *pp)
{
	*pp = 0;
	if (!entry.shown || !final.shown)
		return false;
	*pp = final.pct - entry.pct;
	return true;
}

int deficits_ncodes(const struct deficit_view *v)
{
	int n = 0;

	for (int i = 0; i < v->nsections; i++)
		if (section_has_table(&v->sections[i]))
			n += v->sections[i].ncodes;
	return n;
}

const struct deficit_code_row *deficits_code_at(const struct deficit_view *v, int i)
{
	for (int c = 0; c < v->nsections && i >= 0; c++) {
		if (!section_has_table(&v->sections[c]))
			continue;
		if (i < v->sections[c].ncodes)
			return &v->sections[c].codes[i];
		i -= v->sections[c].ncodes;
	}
	return NULL;
}

const char *deficits_share_text(struct deficit_share sh, char buf[48])
{
	if (sh.none)
		return "—";
	if (!sh.shown)
		return WITHHELD;
	snprintf(buf, 48, "%d из %d (%d %%)", sh.n, sh.of, sh.pct);
	return buf;
}

/* «+12», «-3», «0»; «скр.» when a side is withheld, «—» when a side had
 * nobody to count. */
static const char *change_text(struct deficit_share a, struct deficit_share b, char buf[16])
{
	int pp;

	if (!deficits_change(a, b, &pp))
		return a.none || b.none ? "—" : WITHHELD;
	snprintf(buf, 16, pp == 0 ? "0" : "%+d", pp);
	return buf;
}

/* s padded with spaces to w screen columns (s narrower: as it is). */
static void pad(char *dst, size_t size, const char *s, int w)
{
	int n = w - text_width(s);

	snprintf(dst, size, "%s%*s", s, n > 0 ? n : 0, "");
}

/* A section's lines; with wordings, each code's wording under its row,
 * else the line of each code row in *code_line (advanced). */
static void section_lines(const struct deficit_view *v, int i, bool wordings, struct text_lines *out,
			  int **code_line)
{
	const struct deficit_section *s = &v->sections[i];
	char a[16], b[16], name[96], *h = heading(v, i);

	text_lines_add(out, "%s", h);
	free(h);
	text_lines_add(out, "  С входной диагностикой за год: %s; с итоговой: %s", num(s->people[0], a),
	    num(s->people[1], b));
	if (!section_has_table(s))
		return;
	if (s->ncodes > 0) {
		char hc[64], he[64], hf[64];
		text_lines_add(out, "  Педагогов с дефицитом из педагогов с диагностикой (доля, %%):");
		pad(hc, sizeof hc, "Код", 8);
		pad(he, sizeof he, "Входная", 20);
		pad(hf, sizeof hf, "Итоговая", 20);
		text_lines_add(out, "  %s  %s %s  Изм., п.п.", hc, he, hf);
		for (int j = 0; j < s->ncodes; j++) {
			const struct deficit_code_row *r = &s->codes[j];
			struct deficit_share e = deficits_share(r->f[0], s->people[0]),
					     f = deficits_share(r->f[1], s->people[1]);
			char *code = text_sanitize(r->code), se[48], sf[48], ce[64], cf[64], d[16], cc[112];
			text_fit_ellipsis(code, 8, name, sizeof name);
			pad(cc, sizeof cc, name, 8);
			pad(ce, sizeof ce, deficits_share_text(e, se), 20);
			pad(cf, sizeof cf, deficits_share_text(f, sf), 20);
			const char *t = change_text(e, f, d);
			int dw = 10 - text_width(t);
			if (code_line && *code_line)
				*(*code_line)++ = out->n;
			/* The change right-aligned under «Изм., п.п.». */
			text_lines_add(out, "  %s  %s %s  %*s%s", cc, ce, cf, dw > 0 ? dw : 0, "", t);
			if (wordings && r->wording && r->wording[0]) {
				struct text_lines l = { NULL, 0, 0 };
				char *clean = text_sanitize(r->wording);
				text_wrap(clean, 66, 66, &l);
				for (int k = 0; k < l.n; k++)
					text_lines_add(out, "%12s%s", "", l.v[k]);
				text_lines_free(&l);
				free(clean);
			}
			free(code);
		}
	}
	text_lines_add(out, s->ncodes > 0 ? "  Остальные коды: у меньше чем %d педагогов или скрыты."
			       : "  Коды дефицитов: у меньше чем %d педагогов или скрыты.", v->k);
	if (s->nblocks == 0)
		return;
	text_lines_add(out, "  Уровень дефицита по блокам, педагогов (входная → итоговая):");
	text_lines_add(out, "  Блок                     оценено     высокий     средний     низкий");
	for (int j = 0; j < s->nblocks; j++) {
		const struct deficit_block_row *r = &s->blocks[j];
		char *clean = text_sanitize(r->name), cols[4][72];
		/* A name wider than its column: whole on a line of its own (wrapped
		 * at spaces), the figures on the next. */
		name[0] = '\0';
		if (text_width(clean) <= 24)
			strlcpy0(name, clean, sizeof name);
		else {
			struct text_lines l = { NULL, 0, 0 };
			text_wrap(clean, 76, 76, &l);
			for (int k = 0; k < l.n; k++)
				text_lines_add(out, "  %s", l.v[k]);
			text_lines_free(&l);
		}
		free(clean);
		char ca[32], cb[32];
		snprintf(cols[0], sizeof cols[0], "%s → %s", col(r->assessed[0], 4, ca), col(r->assessed[1], -4, cb));
		for (int l = 0; l < 3; l++)
			snprintf(cols[l + 1], sizeof cols[l + 1], "%s → %s", col(r->level[0][l], 4, ca),
				 col(r->level[1][l], -4, cb));
		text_lines_add(out, "  %s%*s %s %s %s %s", name, 24 - text_width(name), "", cols[0], cols[1], cols[2],
		    cols[3]);
	}
}

static char *explanation(const struct deficit_view *v)
{
	return xasprintf("«" WITHHELD "» — цифра скрыта: она касалась бы меньше чем %d педагогов или "
			 "говорила бы обо всех в группе (или обо всех, кроме меньше чем %d), либо её можно "
			 "было бы вычислить вычитанием из показанных цифр — из группы её части, из "
			 "муниципалитета его организаций, из числа педагогов тех, у кого есть дефицит. "
			 "Тогда скрыта и ещё одна цифра, наименьшая из соседних. Группы и разрезы только "
			 "постоянные: регион, муниципалитет, организация; должность, предмет, форма "
			 "диагностики. У каждого педагога — последняя входная и последняя итоговая "
			 "диагностика за год. Доля — педагогов с дефицитом из педагогов с диагностикой того же "
			 "вида, в процентах; «Изм.» — разность показанных долей, итоговой и входной, в "
			 "процентных пунктах (п.п.), скрыта, если скрыта любая из них; «—» — диагностик не было.",
			 v->k, v->k);
}

static void all_lines(const struct deficit_view *v, bool wordings, struct text_lines *out, int *code_line)
{
	char *e = explanation(v);

	for (int i = 0; i < v->nsections; i++) {
		section_lines(v, i, wordings, out, code_line ? &code_line : NULL);
		text_lines_add(out, "%s", "");
	}
	wrap(out, e);
	free(e);
}

void deficits_lines(const struct deficit_view *v, struct text_lines *out)
{
	all_lines(v, true, out, NULL);
}

void deficits_screen_lines(const struct deficit_view *v, struct text_lines *out, int *code_line)
{
	all_lines(v, false, out, code_line);
}

static const char *const kinds[2] = { "входная", "итоговая" };

static void row(struct report_table *t, const struct deficit_view *v, const char *part, int kd,
		const char *what, const char *item, struct deficit_figure f, struct deficit_figure size)
{
	struct report_row *r = report_add_row(t);
	char a[16], b[16];

	report_set_text(r, 0, v->group);
	report_set_text(r, 1, v->code);
	report_set_text(r, 2, part);
	report_set_text(r, 3, kinds[kd]);
	report_set_text(r, 4, what);
	report_set_text(r, 5, item ? item : "");
	report_set_text(r, 6, num(f, a));
	report_set_text(r, 7, num(size, b));
}

/* A whole number in an added column: numeric, so that CSV gives it as it
 * is («-4», not the text guard's «'-4»); withheld: «скрыто»; «—»: nobody
 * diagnosed. */
static void set_figure(struct report_row *r, int c, bool shown, bool none, int v)
{
	r->c[c].state = none ? RV_NONE : shown ? RV_VALUE : RV_SUPPRESSED;
	r->c[c].v = shown ? v : 0;
}

/* The share and the change of a code's row (the columns after the figure):
 * the change on the final's row only. */
static void row_share(struct report_table *t, const struct deficit_share sh[2], int kd)
{
	struct report_row *r = &t->rows[t->nrows - 1];
	int pp;

	set_figure(r, 8, sh[kd].shown, sh[kd].none, sh[kd].pct);
	if (kd == 1) {
		bool shown = deficits_change(sh[0], sh[1], &pp);
		set_figure(r, 9, shown, !shown && (sh[0].none || sh[1].none), pp);
	}
}

void deficits_table(const struct deficit_view *v, struct report_table *t)
{
	static const char *const levels[3] = { "высокий уровень", "средний уровень", "низкий уровень" };
	/* Figures as text: «скр.» stands where a number is withheld; the share
	 * and the change added after them are numbers («скрыто» withheld). */
	static const char *const headers[] = { "Группа", "Код группы", "Часть группы", "Диагностика",
					       "Показатель", "Код или блок", "Значение", "Размер группы",
					       "Доля, %", "Изменение, п.п." };

	if (t->ncols == 0) {
		char *e = explanation(v);
		t->name = "analytics";
		t->sheet = "Типичные дефициты";
		t->title = "Типичные дефициты";
		t->caption = deficits_title(v);
		t->year = v->year;
		t->min_group = v->k;
		for (size_t i = 0; i < NITEMS(headers); i++)
			report_add_col(t, NULL, headers[i], i < 8 ? RCOL_TEXT : RCOL_INT);
		t->label_cols = 6;
		report_add_note(t, "%s", e);
		free(e);
	}
	for (int i = 0; i < v->nsections; i++) {
		const struct deficit_section *s = &v->sections[i];
		char *h = heading(v, i);
		for (int kd = 0; kd < 2; kd++)
			row(t, v, h, kd, "педагогов с диагностикой", NULL, s->people[kd], s->people[kd]);
		for (int j = 0; j < s->ncodes; j++) {
			struct deficit_share sh[2];
			for (int kd = 0; kd < 2; kd++)
				sh[kd] = deficits_share(s->codes[j].f[kd], s->people[kd]);
			for (int kd = 0; kd < 2; kd++) {
				row(t, v, h, kd, "с дефицитом", s->codes[j].code, s->codes[j].f[kd], s->people[kd]);
				row_share(t, sh, kd);
			}
		}
		for (int j = 0; j < s->nblocks; j++)
			for (int kd = 0; kd < 2; kd++) {
				const struct deficit_block_row *b = &s->blocks[j];
				row(t, v, h, kd, "оценены по блоку", b->name, b->assessed[kd], s->people[kd]);
				for (int l = 0; l < 3; l++)
					row(t, v, h, kd, levels[l], b->name, b->level[kd][l], b->assessed[kd]);
			}
		free(h);
	}
}
