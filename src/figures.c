/* See figures.h: the region's figures of persons as groups — the region,
 * its municipalities, their organisations — protected by analytics.c's
 * rule, kept, and read back group by group. No SQL here. */
#include "figures.h"
#include "access.h"
#include "analytics.h"
#include "config.h"
#include "store/indicators.h"
#include "store/store.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the decision ---------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int find_i64(const int64_t *v, int n, int64_t id)
{
	const int64_t *p = bsearch(&id, v, (size_t)n, sizeof *v, cmp_i64);
	return p ? (int)(p - v) : -1;
}

/* The groups with their true figures; a parent is the sum of its children. */
static int build_groups(const struct share_org *orgs, int n, struct share_group **out)
{
	int64_t *muns = xcalloc((size_t)n + 1, sizeof *muns), *ids = xcalloc((size_t)n + 1, sizeof *ids);
	int nm = 0, no = 0, ng, w;
	struct share_group *g;

	for (int i = 0; i < n; i++) {
		if (orgs[i].mun)
			muns[nm++] = orgs[i].mun;
		ids[no++] = orgs[i].org;
	}
	qsort(muns, (size_t)nm, sizeof *muns, cmp_i64);
	for (int i = w = 0; i < nm; i++)
		if (w == 0 || muns[w - 1] != muns[i])
			muns[w++] = muns[i];
	nm = w;
	qsort(ids, (size_t)no, sizeof *ids, cmp_i64);
	for (int i = w = 0; i < no; i++)
		if (w == 0 || ids[w - 1] != ids[i])
			ids[w++] = ids[i];
	no = w;
	ng = 1 + nm + no;
	g = xcalloc((size_t)ng, sizeof *g);
	g[0].kind = 'r';
	g[0].parent = -1;
	for (int i = 0; i < nm; i++)
		g[1 + i] = (struct share_group){ 'm', muns[i], 0, 0, 0, true, true };
	for (int i = 0; i < no; i++)
		g[1 + nm + i] = (struct share_group){ 'o', ids[i], 0, 0, 0, true, true };
	for (int i = 0; i < n; i++) {
		int o = 1 + nm + find_i64(ids, no, orgs[i].org);
		g[o].parent = orgs[i].mun ? 1 + find_i64(muns, nm, orgs[i].mun) : 0;
		for (int x = o; x >= 0; x = g[x].parent) {
			g[x].num += orgs[i].num;
			g[x].den += orgs[i].den;
		}
	}
	g[0].num_shown = g[0].den_shown = true;
	free(muns);
	free(ids);
	*out = g;
	return ng;
}

/* Measures of a group in the rule's tables. */
enum { M_DEN, M_NUM, M_REST, M__COUNT };

/* For each group with someone in its denominator, the parent = the sum of
 * its children, measure by measure (cell[m][g], -1 for an empty group: a
 * known zero, left out). */
static void add_parent_sums(struct an_table *t, const struct share_group *g, int ng, int *const cell[],
			    int nmeasures)
{
	int *first = xcalloc((size_t)ng + 1, sizeof *first), *child = xcalloc((size_t)ng + 1, sizeof *child);
	int *fill = xcalloc((size_t)ng + 1, sizeof *fill), *parts = xcalloc((size_t)ng + 1, sizeof *parts);

	for (int i = 1; i < ng; i++)
		first[g[i].parent + 1]++;
	for (int i = 0; i < ng; i++)
		first[i + 1] += first[i];
	for (int i = 1; i < ng; i++)
		child[first[g[i].parent] + fill[g[i].parent]++] = i;
	for (int m = 0; m < nmeasures; m++)
		for (int p = 0; p < ng; p++) {
			int np = 0;
			if (cell[m][p] < 0)
				continue;
			for (int j = first[p]; j < first[p + 1]; j++)
				if (cell[m][child[j]] >= 0)
					parts[np++] = cell[m][child[j]];
			an_sum(t, cell[m][p], parts, np);
		}
	free(first);
	free(child);
	free(fill);
	free(parts);
}

static int clamp(long v)
{
	return v > 1000000000L ? 1000000000 : (int)v;
}

int shares_decide(const struct share_org *orgs, int n, int k, struct share_group **out)
{
	struct share_group *g;
	int ng = build_groups(orgs, n, &g);
	int *cell[M__COUNT];
	struct an_table t;

	for (int m = 0; m < M__COUNT; m++)
		cell[m] = xcalloc((size_t)ng, sizeof *cell[m]);

	/* The denominators by themselves: the persons of each group. */
	an_init(&t);
	for (int i = 0; i < ng; i++)
		cell[M_DEN][i] = g[i].den > 0 ? an_cell(&t, clamp(g[i].den), AN_PEOPLE, AN_SHOWN) : -1;
	add_parent_sums(&t, g, ng, cell, 1);
	an_protect(&t, k);
	for (int i = 0; i < ng; i++)
		g[i].den_shown = cell[M_DEN][i] < 0 || an_published(&t, cell[M_DEN][i]);
	an_free(&t);

	/* The numerators, with the denominators as decided; what a numerator
	 * leaves of its denominator is counted, never shown. */
	an_init(&t);
	for (int i = 0; i < ng; i++) {
		int p[2];
		if (g[i].den <= 0) {
			cell[M_DEN][i] = cell[M_NUM][i] = cell[M_REST][i] = -1;
			continue;
		}
		cell[M_DEN][i] = an_cell(&t, clamp(g[i].den), AN_PEOPLE,
					 AN_SHOWN | AN_FIXED | (g[i].den_shown ? 0 : AN_WITHHELD));
		cell[M_NUM][i] = an_cell(&t, clamp(g[i].num), AN_PEOPLE,
					 g[i].den_shown ? AN_SHOWN : AN_SHOWN | AN_FIXED | AN_WITHHELD);
		cell[M_REST][i] = an_cell(&t, clamp(g[i].den - g[i].num), AN_PEOPLE, 0);
		p[0] = cell[M_NUM][i];
		p[1] = cell[M_REST][i];
		an_sum(&t, cell[M_DEN][i], p, 2);
	}
	add_parent_sums(&t, g, ng, cell, M__COUNT);
	an_protect(&t, k);
	for (int i = 0; i < ng; i++)
		g[i].num_shown = cell[M_NUM][i] < 0 || (g[i].den_shown && an_published(&t, cell[M_NUM][i]));
	an_free(&t);

	for (int m = 0; m < M__COUNT; m++)
		free(cell[m]);
	*out = g;
	return ng;
}

/* --- kept and read back ------------------------------------------------------ */

/* Bump when the decision changes: what was kept by another rule goes. */
#define RULE_VERSION 1

static char *kept_key(const char *formula, int k)
{
	return xasprintf("shares:%s:k%d:v%d", formula, k, RULE_VERSION);
}

static void from_kept(long num, long den, struct indicator_figure *f)
{
	f->den_shown = den >= 0;
	f->num_shown = num >= 0 && den >= 0;
	f->den = f->den_shown ? den : 0;
	f->num = f->num_shown ? num : 0;
}

/* The region's decision for a formula and year: computed, kept, and the
 * asked group's figure taken from it. */
static int decide_region(struct store *s, int k, const char *formula, int year, const char *key,
			 char kind, int64_t id, struct indicator_figure *f)
{
	struct indicator_org *rows;
	struct share_org *orgs;
	struct share_group *g;
	struct kept_figure *kept;
	int64_t stamp;
	int n, ng, rc;

	if ((rc = store_indicator_orgs(s, formula, year, &rows, &n, &stamp)) != ST_OK)
		return rc;
	orgs = xcalloc((size_t)n + 1, sizeof *orgs);
	for (int i = 0; i < n; i++)
		orgs[i] = (struct share_org){ rows[i].org, rows[i].mun, rows[i].num, rows[i].den };
	free(rows);
	ng = shares_decide(orgs, n, k, &g);
	free(orgs);
	kept = xcalloc((size_t)ng, sizeof *kept);
	from_kept(0, 0, f);   /* a group with nobody: 0 of 0 */
	for (int i = 0; i < ng; i++) {
		kept[i].mid = g[i].kind == 'm' ? g[i].id : 0;
		kept[i].oid = g[i].kind == 'o' ? g[i].id : 0;
		kept[i].num = g[i].num_shown ? g[i].num : -1;
		kept[i].den = g[i].den_shown ? g[i].den : -1;
		if (g[i].kind == kind && g[i].id == id)
			from_kept(kept[i].num, kept[i].den, f);
	}
	store_figure_keep(s, key, year, stamp, kept, ng);
	free(kept);
	free(g);
	return ST_OK;
}

static int persons_figure(struct store *s, int k, const char *formula, int year, const char *kind,
			  int64_t id, struct indicator_figure *f)
{
	char c = strcmp(kind, "mun") == 0 ? 'm' : strcmp(kind, "org") == 0 ? 'o' : 'r';
	char *key;
	int64_t stamp;
	long num, den;
	int rc = ST_OK;

	f->of_persons = true;
	if (c == 'r' && id != 0) {
		/* Only the whole database's region is decided: no screen nor verb
		 * asks for another, and nothing is shown that was not decided. */
		from_kept(-1, -1, f);
		return ST_OK;
	}
	if (c == 'r')
		id = 0;
	key = kept_key(formula, k);
	stamp = store_indicator_stamp(s, formula);
	if (store_figure_kept(s, key, year, c == 'm' ? id : 0, c == 'o' ? id : 0, stamp, &num, &den))
		from_kept(num, den, f);
	else if (c != 'r' && store_figure_kept(s, key, year, 0, 0, stamp, &num, &den))
		from_kept(0, 0, f);   /* decided, and the group has nobody */
	else
		rc = decide_region(s, k, formula, year, key, c, id, f);
	free(key);
	return rc;
}

int indicator_figure_get(struct store *s, const struct config *cfg, const char *formula, int year,
			 const char *kind, int64_t id, struct indicator_figure *f)
{
	const struct indicator_formula *fm = indicator_formula_find(formula);
	long num, den;
	int rc, wide;

	memset(f, 0, sizeof *f);
	wide = store_wide_begin(s);
	if (fm && fm->unit == IND_PERCENT && store_indicator_of_persons(formula) && kind &&
	    (strcmp(kind, "region") == 0 || strcmp(kind, "mun") == 0 || strcmp(kind, "org") == 0))
		rc = persons_figure(s, cfg->min_group_size, formula, year, kind, id, f);
	else
		rc = store_indicator_compute(s, formula, year, kind, id, &num, &den);
	store_wide_end(s, wide);
	if (rc != ST_OK || f->of_persons)
		return rc;
	/* Schools and records: a share over fewer than k is withheld. */
	f->den_shown = true;
	f->den = den;
	f->num_shown = !(fm && indicator_withheld(cfg, fm->unit, den));
	f->num = f->num_shown ? num : 0;
	return ST_OK;
}

bool indicator_figure_withheld(const struct indicator_figure *f)
{
	return !f->num_shown || !f->den_shown;
}

double indicator_figure_value(const struct indicator_figure *f, enum indicator_unit unit)
{
	if (indicator_figure_withheld(f))
		return -1;
	return indicator_value(f->num, f->den, unit);
}

char *indicator_figure_explanation(int k, bool brief)
{
	if (brief)
		return xasprintf("«скрыто» — цифра касалась бы меньше чем %d педагогов или вычислялась бы "
				 "вычитанием (муниципалитет минус его организации, регион минус "
				 "муниципалитеты); тогда скрыта и ещё одна. Решение одно для всего региона.", k);
	return xasprintf("«скрыто» — доля педагогов скрыта: её числитель, знаменатель или их разность "
			 "касались бы хотя бы одного, но меньше чем %d педагогов, либо их можно было бы "
			 "вычислить вычитанием из показанных цифр (муниципалитет минус его организации, "
			 "регион минус муниципалитеты); тогда скрыта и ещё одна цифра, наименьшая из "
			 "соседних. Решение одно для всего региона: цифра одна и та же на экране и в "
			 "отчёте, кто бы ни смотрел.", k);
}

/* --- who counts: may the names be listed --- */

const char *indicator_members_refusal(const struct user *u, const char *formula, const char *kind,
				      int64_t id)
{
	const struct indicator_formula *fm = indicator_formula_find(formula);
	char members = store_indicator_members(formula);

	if (members == 0)
		return fm && fm->base == IND_BASE_ANSWERS
			       ? "Показатель считает ответы анкеты, а не педагогов: ответы по именам не раскрываются"
			       : "Показатель считает записи, а не педагогов или организации: списка учтённых нет";
	if (members == 'p' && indicator_formula_diagnostic(formula)) {
		/* The teachers of the group by the viewer's roles alone: his
		 * ties to single teachers (a curator's) do not open a group. */
		struct disclosure_ties t = { false, false, false, false, 0, false };
		if (kind && strcmp(kind, "org") == 0)
			t.org_id = id;
		if ((access_disclosure_decide(u, &t) & DISCLOSE_FINDINGS) == 0)
			return "Показатель вам виден, а список — нет: кто прошёл диагностику, видят педагог, его куратор"
			       " и разработчик ИОМ, руководитель ОО и региональный центр";
	}
	return NULL;
}

enum perm indicator_members_perm(const char *formula)
{
	/* Organisations, and municipalities (seen through their organisations). */
	if (store_indicator_members(formula) == 'o' || store_indicator_members(formula) == 'm')
		return P_ORG_VIEW;
	/* Who is mentored, and which young specialist is not, is the mentoring
	 * registry's to show. */
	if (formula && strcmp(formula, "young_mentees") == 0)
		return P_MENTORING;
	return P_PERSON_VIEW;
}
