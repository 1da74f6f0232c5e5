/* The small-group rule: no figure for a group below the configured minimum. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "analytics.h"
#include "catalog.h"
#include "config.h"
#include "deficits.h"
#include "figures.h"
#include "store/deficit_counts.h"
#include "store/elem_latest.h"
#include "store/reports.h"
#include "store/store.h"
#include "store/store_int.h"
#include "text.h"
#include "model.h"
#include "util.h"

#include <stdlib.h>
#include <unistd.h>

static void test_withheld(void **state)
{
	struct config *cfg = config_defaults();

	(void)state;
	assert_int_equal(cfg->min_group_size, 5);
	assert_false(analytics_withheld(cfg, 0));      /* nothing to hide */
	assert_true(analytics_withheld(cfg, 1));
	assert_true(analytics_withheld(cfg, 4));
	assert_false(analytics_withheld(cfg, 5));
	assert_false(analytics_withheld(cfg, 600));
	cfg->min_group_size = 10;
	assert_true(analytics_withheld(cfg, 9));
	config_free(cfg);
}

/* --- the rule for tables of figures (an_protect) --- */

#define K 5

/* A whole and its parts: cells [0] = whole, [1..n] = parts, all published
 * unless withheld; returns what is published as a bit mask. */
static unsigned protect_sum(const int *v, int n, enum an_type type)
{
	struct an_table t;
	int cells[16];
	unsigned shown = 0;

	an_init(&t);
	for (int i = 0; i <= n; i++)
		cells[i] = an_cell(&t, v[i], type, AN_SHOWN);
	an_sum(&t, cells[0], cells + 1, n);
	an_protect(&t, K);
	for (int i = 0; i <= n; i++)
		if (an_published(&t, cells[i]))
			shown |= 1u << i;
	an_free(&t);
	return shown;
}

static void test_protect_primary(void **state)
{
	(void)state;
	/* Counts of people: 0 or at least k. */
	{
		int v[] = { 30, 10, 20, 0 };
		assert_int_equal(protect_sum(v, 3, AN_PEOPLE), 0xF);
	}
	/* A count of people with a result: at least k, and 0 is not safe
	 * (it tells that none of them has it). */
	{
		int v[] = { 30, 10, 20, 0 };
		unsigned shown = protect_sum(v, 3, AN_RESULT);
		assert_false(shown & 8);
	}
}

/* The kindergarten of 4 beside two schools: withheld, and so is the
 * smaller school, or the municipality minus its shown schools would give
 * the kindergarten's 4 (issue 12, finding 1). */
static void test_protect_secondary(void **state)
{
	int v[] = { 64, 40, 20, 4 };
	unsigned shown;

	(void)state;
	shown = protect_sum(v, 3, AN_PEOPLE);
	assert_true(shown & 1);              /* the municipality */
	assert_true(shown & 2);              /* the larger school */
	assert_false(shown & 4);             /* the smaller school: withheld too */
	assert_false(shown & 8);             /* the kindergarten */
	/* Two small ones together still under k: a third goes. */
	{
		int w[] = { 50, 40, 7, 2, 1 };
		shown = protect_sum(w, 4, AN_PEOPLE);
		assert_int_equal(shown & 0x1C, 0);
		assert_true(shown & 2);
	}
	/* Nothing small: nothing withheld. */
	{
		int w[] = { 50, 40, 10 };
		assert_int_equal(protect_sum(w, 2, AN_PEOPLE), 7);
	}
}

/* «5 из 5 — М-2» says each one's deficit: a count with a result is shown
 * only when it and what it leaves of its group are both at least k. */
static void test_protect_all_members(void **state)
{
	struct an_table t;
	int cases[][3] = { { 5, 5, 0 }, { 12, 10, 0 }, { 12, 3, 0 }, { 12, 6, 1 }, { 12, 7, 1 } };

	(void)state;
	for (size_t i = 0; i < NITEMS(cases); i++) {
		int n = cases[i][0], c = cases[i][1], group, with, without;
		an_init(&t);
		group = an_cell(&t, n, AN_PEOPLE, AN_SHOWN | AN_FIXED);
		with = an_cell(&t, c, AN_RESULT, AN_SHOWN);
		without = an_cell(&t, n - c, AN_RESULT, 0);   /* never shown */
		{
			int parts[] = { with, without };
			an_sum(&t, group, parts, 2);
		}
		an_protect(&t, K);
		if (an_published(&t, with) != (cases[i][2] == 1))
			fail_msg("%d of %d: published %d", c, n, an_published(&t, with));
		an_free(&t);
	}
}

/* Two breakdowns of one group share its whole: a whole withheld by the
 * first table stays unknown in the next, even when all its classes would
 * be fine (else one breakdown gives the whole and the other subtracts). */
static void test_protect_fixed_whole(void **state)
{
	struct an_table t;
	int whole, parts[3];
	bool known[4];

	(void)state;
	an_init(&t);
	whole = an_cell(&t, 30, AN_PEOPLE, AN_SHOWN | AN_FIXED | AN_WITHHELD);
	parts[0] = an_cell(&t, 10, AN_PEOPLE, AN_SHOWN);
	parts[1] = an_cell(&t, 12, AN_PEOPLE, AN_SHOWN);
	parts[2] = an_cell(&t, 8, AN_PEOPLE, AN_SHOWN);
	an_sum(&t, whole, parts, 3);
	an_protect(&t, K);
	assert_false(an_published(&t, whole));
	assert_false(an_published(&t, parts[2]));    /* the smallest goes */
	assert_true(an_published(&t, parts[0]) && an_published(&t, parts[1]));
	an_known(&t, known);
	assert_false(known[whole]);
	an_free(&t);
}

/* A chain: region = two municipalities; one municipality = two schools.
 * The small school is withheld, then its sibling; the municipality stays,
 * the region too. A withheld figure never follows from the others. */
static void test_protect_chain(void **state)
{
	struct an_table t;
	int region, m1, m2, s1, s2, p[2];
	bool known[5];

	(void)state;
	an_init(&t);
	region = an_cell(&t, 60, AN_PEOPLE, AN_SHOWN);
	m1 = an_cell(&t, 24, AN_PEOPLE, AN_SHOWN);
	m2 = an_cell(&t, 36, AN_PEOPLE, AN_SHOWN);
	s1 = an_cell(&t, 21, AN_PEOPLE, AN_SHOWN);
	s2 = an_cell(&t, 3, AN_PEOPLE, AN_SHOWN);
	p[0] = m1, p[1] = m2;
	an_sum(&t, region, p, 2);
	p[0] = s1, p[1] = s2;
	an_sum(&t, m1, p, 2);
	an_protect(&t, K);
	assert_false(an_published(&t, s2));
	an_known(&t, known);
	for (int i = 0; i < t.ncells; i++)
		if (!an_published(&t, i))
			assert_false(known[i]);
	/* s1 alone would give s2 = m1 − s1: one of m1, s1 is withheld. */
	assert_false(an_published(&t, m1) && an_published(&t, s1));
	assert_true(an_published(&t, region));
	an_free(&t);
}

/* A whole of one part (a group whose teachers are all of one class): the
 * part cannot be kept unknown, so another sibling goes instead of
 * withholding everything. */
static void test_protect_single_part(void **state)
{
	struct an_table t;
	int whole, p, x, y, z, parts[3];
	bool known[5];

	(void)state;
	an_init(&t);
	whole = an_cell(&t, 6, AN_PEOPLE, AN_SHOWN | AN_FIXED);
	p = an_cell(&t, 20, AN_PEOPLE, AN_SHOWN);
	x = an_cell(&t, 6, AN_PEOPLE, AN_SHOWN);
	y = an_cell(&t, 3, AN_PEOPLE, AN_SHOWN);
	z = an_cell(&t, 11, AN_PEOPLE, AN_SHOWN);
	an_sum(&t, whole, &x, 1);
	parts[0] = x, parts[1] = y, parts[2] = z;
	an_sum(&t, p, parts, 3);
	an_protect(&t, K);
	an_known(&t, known);
	assert_true(an_published(&t, whole) && an_published(&t, p));
	assert_false(known[y]);
	assert_false(known[z]);
	an_free(&t);
}

/* --- an_protect against the rule written plainly ----------------------- */

/* The rule as it reads, with nothing kept between rounds or calls: every
 * round works out the closure from the published cells alone, in the same
 * order (the sums with one unknown member by number, then as they come),
 * and sums every sum's unknown parts again. an_protect keeps what a round
 * did not change (typical deficits run it on tables of tens of thousands
 * of cells); it must withhold exactly the same cells. */
struct ref {
	const struct an_table *t;
	unsigned char *flags;
	bool *known, *fixed_now;
	int *via, *unknown, *queue;
};

static bool ref_published(const struct ref *w, int i)
{
	return (w->flags[i] & (AN_SHOWN | AN_WITHHELD)) == AN_SHOWN;
}

static void ref_closure(struct ref *w)
{
	const struct an_table *t = w->t;
	int head = 0, tail = 0;

	for (int i = 0; i < t->ncells; i++) {
		w->known[i] = ref_published(w, i);
		w->via[i] = -1;
	}
	for (int r = 0; r < t->nsums; r++) {
		w->unknown[r] = 0;
		for (int m = t->start[r]; m < t->start[r + 1]; m++)
			w->unknown[r] += !w->known[t->members[m]];
		if (w->unknown[r] == 1)
			w->queue[tail++] = r;
	}
	while (head < tail) {
		int r = w->queue[head++], x = -1;
		if (w->unknown[r] != 1)
			continue;
		for (int m = t->start[r]; m < t->start[r + 1] && x < 0; m++)
			if (!w->known[t->members[m]])
				x = t->members[m];
		w->known[x] = true;
		w->via[x] = r;
		for (int s = 0; s < t->nsums; s++)
			for (int m = t->start[s]; m < t->start[s + 1]; m++)
				if (t->members[m] == x && --w->unknown[s] == 1)
					w->queue[tail++] = s;
	}
}

static bool ref_safe(int value, int type, int k)
{
	return type == AN_PEOPLE ? value == 0 || value >= k : value >= k;
}

static bool ref_fix(struct ref *w, int r, int x, int depth)
{
	const struct an_table *t = w->t;
	int best = -1, whole = t->members[t->start[r]];

	if (w->fixed_now[r])
		return true;
	for (int m = t->start[r]; m < t->start[r + 1]; m++) {
		int c = t->members[m];
		bool candidate = (w->flags[c] & (AN_SHOWN | AN_FIXED | AN_WITHHELD)) == AN_SHOWN && t->value[c] > 0;
		if (m > t->start[r] && c != x && candidate && (best < 0 || t->value[c] < t->value[best]))
			best = c;
	}
	if (best < 0 && whole != x && (w->flags[whole] & (AN_SHOWN | AN_FIXED | AN_WITHHELD)) == AN_SHOWN &&
	    t->value[whole] > 0)
		best = whole;
	if (best >= 0) {
		w->flags[best] |= AN_WITHHELD;
		w->fixed_now[r] = true;
		return true;
	}
	if (depth >= 8)
		return false;
	for (int m = t->start[r]; m < t->start[r + 1]; m++) {
		int c = t->members[m];
		if (c != x && w->known[c] && w->via[c] >= 0 && w->via[c] != r && ref_fix(w, w->via[c], c, depth + 1))
			return true;
	}
	return false;
}

static void ref_protect(struct ref *w, int k)
{
	const struct an_table *t = w->t;
	bool nuclear = false;

	for (int i = 0; i < t->ncells; i++)
		if ((w->flags[i] & (AN_SHOWN | AN_FIXED)) == AN_SHOWN && !ref_safe(t->value[i], t->type[i], k))
			w->flags[i] |= AN_WITHHELD;
	for (int round = 0; round <= t->ncells + 1; round++) {
		bool violated = false, progress = false;
		ref_closure(w);
		memset(w->fixed_now, 0, (size_t)t->nsums + 1);
		for (int x = 0; x < t->ncells; x++) {
			bool safe = ref_safe(t->value[x], t->type[x], k);
			if (w->via[x] < 0 || (safe && !(w->flags[x] & AN_WITHHELD)))
				continue;
			if (ref_fix(w, w->via[x], x, 0))
				progress = violated = true;
			else if (!safe)
				violated = true;
		}
		for (int r = 0; r < t->nsums; r++) {
			int sum = 0, n = 0, type = AN_PEOPLE;
			if (!w->known[t->members[t->start[r]]])
				continue;
			for (int m = t->start[r] + 1; m < t->start[r + 1]; m++) {
				int c = t->members[m];
				if (w->known[c])
					continue;
				sum += t->value[c];
				n++;
				if (t->type[c] == AN_RESULT)
					type = AN_RESULT;
			}
			if (n == 0 || ref_safe(sum, type, k))
				continue;
			violated = true;
			progress |= ref_fix(w, r, -1, 0);
		}
		if (!violated)
			break;
		if (!progress) {
			if (nuclear)
				break;
			nuclear = true;
			for (int i = 0; i < t->ncells; i++)
				if ((w->flags[i] & (AN_SHOWN | AN_FIXED)) == AN_SHOWN)
					w->flags[i] |= AN_WITHHELD;
		}
	}
}

/* Random tables shaped as typical deficits' are — groups of a region
 * summed up by class, each class's whole and the rest of a cell, some
 * figures decided before, some never shown — each layout given several
 * sets of values one after another (as runner_run gives one per code):
 * an_protect withholds what the plain rule withholds, every time. */
static void test_protect_as_written(void **state)
{
	unsigned seed = 4242;
	int withheld = 0, cells = 0;

	(void)state;
	for (int trial = 0; trial < 120; trial++) {
		struct an_table t;
		struct ref w;
		int ng = 2 + (int)(rand_r(&seed) % 12), ncls = 1 + (int)(rand_r(&seed) % 4), n;
		int parent[16], *whole, *part, *rest, parts[16];

		an_init(&t);
		parent[0] = -1;
		for (int g = 1; g < ng; g++)
			parent[g] = (int)(rand_r(&seed) % (unsigned)g);
		n = ng * ncls;
		whole = xcalloc((size_t)n, sizeof *whole);
		part = xcalloc((size_t)n, sizeof *part);
		rest = xcalloc((size_t)n, sizeof *rest);
		for (int i = 0; i < n; i++) {
			whole[i] = an_cell(&t, 0, AN_PEOPLE, 0);
			part[i] = an_cell(&t, 0, AN_RESULT, 0);
			rest[i] = an_cell(&t, 0, AN_RESULT, 0);
		}
		/* Each group by class is the sum of its children; a group is the
		 * sum of its classes; a cell's whole is its part and the rest. */
		for (int kind = 0; kind < 3; kind++) {
			const int *v = kind == 0 ? whole : kind == 1 ? part : rest;
			for (int g = 0; g < ng; g++)
				for (int c = 0; c < ncls; c++) {
					int np = 0;
					for (int h = 1; h < ng; h++)
						if (parent[h] == g)
							parts[np++] = v[h * ncls + c];
					an_sum(&t, v[g * ncls + c], parts, np);
				}
			for (int g = 0; g < ng && ncls > 1; g++) {
				for (int c = 1; c < ncls; c++)
					parts[c - 1] = v[g * ncls + c];
				an_sum(&t, v[g * ncls], parts, ncls - 1);
			}
		}
		for (int i = 0; i < n; i++)
			an_sum(&t, whole[i], (int[]){ part[i], rest[i] }, 2);
		w.t = &t;
		w.flags = xcalloc((size_t)t.ncells + 1, 1);
		w.known = xcalloc((size_t)t.ncells + 1, sizeof *w.known);
		w.via = xcalloc((size_t)t.ncells + 1, sizeof *w.via);
		w.fixed_now = xcalloc((size_t)t.nsums + 1, sizeof *w.fixed_now);
		w.unknown = xcalloc((size_t)t.nsums + 1, sizeof *w.unknown);
		w.queue = xcalloc((size_t)t.nsums * 2 + 1, sizeof *w.queue);
		for (int item = 0; item < 4; item++) {
			/* Values from the leaves up, so that every sum adds up; the
			 * flags at random. */
			for (int g = ng - 1; g >= 0; g--) {
				int all0 = 0, p0 = 0;
				for (int c = ncls > 1 ? 1 : 0; c < ncls; c++) {
					int i = g * ncls + c, p = 0, all = 0;
					bool leaf = true;
					for (int h = g + 1; h < ng; h++)
						if (parent[h] == g) {
							leaf = false;
							p += t.value[part[h * ncls + c]];
							all += t.value[whole[h * ncls + c]];
						}
					if (leaf) {
						all = (int)(rand_r(&seed) % 12);
						p = all ? (int)(rand_r(&seed) % (unsigned)(all + 1)) : 0;
					}
					an_set(&t, whole[i], all, AN_PEOPLE, 0);
					an_set(&t, part[i], p, AN_RESULT, 0);
					an_set(&t, rest[i], all - p, AN_RESULT, 0);
					all0 += all;
					p0 += p;
				}
				if (ncls > 1) {
					an_set(&t, whole[g * ncls], all0, AN_PEOPLE, 0);
					an_set(&t, part[g * ncls], p0, AN_RESULT, 0);
					an_set(&t, rest[g * ncls], all0 - p0, AN_RESULT, 0);
				}
			}
			for (int i = 0; i < t.ncells; i++) {
				unsigned r = rand_r(&seed) % 10;
				t.flags[i] = r < 6 ? AN_SHOWN : r < 7 ? 0 : r < 9 ? AN_SHOWN | AN_FIXED
					: AN_SHOWN | AN_FIXED | AN_WITHHELD;
			}
			memcpy(w.flags, t.flags, (size_t)t.ncells);
			an_protect(&t, K);
			ref_protect(&w, K);
			for (int i = 0; i < t.ncells; i++) {
				if (t.flags[i] != w.flags[i])
					fail_msg("trial %d, item %d: cell %d withheld %d, the rule as written %d", trial, item,
						 i, !!(t.flags[i] & AN_WITHHELD), !!(w.flags[i] & AN_WITHHELD));
				cells++;
				withheld += (t.flags[i] & (AN_SHOWN | AN_FIXED | AN_WITHHELD)) == (AN_SHOWN | AN_WITHHELD);
			}
		}
		free(w.flags);
		free(w.known);
		free(w.via);
		free(w.fixed_now);
		free(w.unknown);
		free(w.queue);
		free(whole);
		free(part);
		free(rest);
		an_free(&t);
	}
	/* The tables gave the rule something to do. */
	assert_true(withheld > cells / 20);
}

/* --- monitoring shares of persons across the region (figures.c) --- */

/* What a viewer works out from the published figures of a decided region,
 * by itself (not through an_known): each group's persons (D), those
 * counted (N) and the rest (R = D − N); D = N + R in each group and a
 * parent the sum of its children, measure by measure. A sum with one
 * unknown member gives it; a known whole whose known parts make it up
 * gives 0 for the others. Every figure known so must be 0 or at least k,
 * and the unknown parts of a known whole must add up to 0 or at least k.
 * Returns the number of breaches (and prints the first few). */
static int attack_shares(const struct share_group *g, int ng, int k)
{
	enum { D, N, R };
	long *val = calloc((size_t)ng * 3, sizeof *val);
	bool *known = calloc((size_t)ng * 3, sizeof *known);
	int nsums = 0, (*sums)[64], len[4096], breaches = 0;
	bool progress = true;

	sums = calloc(4096, sizeof *sums);
	for (int i = 0; i < ng; i++) {
		val[i * 3 + D] = g[i].den;
		val[i * 3 + N] = g[i].num;
		val[i * 3 + R] = g[i].den - g[i].num;
		known[i * 3 + D] = g[i].den_shown;
		known[i * 3 + N] = g[i].num_shown && g[i].den_shown;
		if (g[i].num_shown && !g[i].den_shown && g[i].den > 0)
			fail_msg("group %d: a numerator without its denominator", i);
		sums[nsums][0] = i * 3 + D, sums[nsums][1] = i * 3 + N, sums[nsums][2] = i * 3 + R;
		len[nsums++] = 3;
	}
	for (int p = 0; p < ng; p++)
		for (int m = 0; m < 3; m++) {
			int n = 1;
			sums[nsums][0] = p * 3 + m;
			for (int c = 0; c < ng; c++)
				if (g[c].parent == p)
					sums[nsums][n++] = c * 3 + m;
			if (n > 1 && n < 64)
				len[nsums++] = n;
		}
	while (progress) {
		progress = false;
		for (int r = 0; r < nsums; r++) {
			int unknown = 0, x = -1;
			long rest = 0;
			bool whole = known[sums[r][0]];
			for (int j = 1; j < len[r]; j++)
				if (!known[sums[r][j]])
					unknown++, x = sums[r][j];
				else
					rest += val[sums[r][j]];
			if (!whole && unknown == 0) {
				known[sums[r][0]] = progress = true;
			} else if (whole && unknown == 1) {
				known[x] = progress = true;
			} else if (whole && unknown > 1 && val[sums[r][0]] == rest) {
				for (int j = 1; j < len[r]; j++)
					known[sums[r][j]] = true;
				progress = true;
			}
		}
	}
	for (int c = 0; c < ng * 3; c++)
		if (known[c] && val[c] > 0 && val[c] < k && breaches++ < 5)
			print_message("group %d measure %d: %ld is known\n", c / 3, c % 3, val[c]);
	for (int r = 0; r < nsums; r++) {
		long left = known[sums[r][0]] ? val[sums[r][0]] : 0;
		int unknown = 0;
		for (int j = 1; j < len[r]; j++) {
			if (known[sums[r][j]])
				left -= val[sums[r][j]];
			else
				unknown++;
		}
		if (known[sums[r][0]] && unknown > 1 && left > 0 && left < k && breaches++ < 5)
			print_message("sum %d: its %d unknown parts add up to %ld\n", r, unknown, left);
	}
	free(val);
	free(known);
	free(sums);
	return breaches;
}

static struct share_group *group_of(struct share_group *g, int ng, char kind, int64_t id)
{
	for (int i = 0; i < ng; i++)
		if (g[i].kind == kind && g[i].id == id)
			return &g[i];
	fail_msg("no group %c%lld", kind, (long long)id);
	return NULL;
}

/* A municipality of a school of 20, one of 12 and a kindergarten of 3: the
 * kindergarten's figures are withheld, and so is one more denominator, or
 * the municipality minus its shown schools would give the 3. A numerator
 * of 1 to 4, or one that leaves 1 to 4 of its denominator, is withheld
 * too, and then one more numerator of the municipality. */
static void test_shares_secondary(void **state)
{
	const struct share_org orgs[] = {
		{ 11, 1, 10, 20 }, { 12, 1, 6, 12 }, { 13, 1, 1, 3 },      /* municipality 1 */
		{ 21, 2, 15, 30 }, { 22, 2, 28, 30 }, { 23, 2, 0, 25 },     /* municipality 2 */
	};
	struct share_group *g;
	int ng = shares_decide(orgs, (int)NITEMS(orgs), K, &g);

	(void)state;
	assert_int_equal(ng, 1 + 2 + 6);
	assert_int_equal(g[0].kind, 'r');
	assert_int_equal(g[0].den, 120);
	assert_int_equal(g[0].num, 60);
	assert_false(group_of(g, ng, 'o', 13)->den_shown);
	assert_false(group_of(g, ng, 'o', 13)->num_shown);
	/* 20 − 12 − 3: one of the school's or the municipality's goes. */
	assert_false(group_of(g, ng, 'm', 1)->den_shown && group_of(g, ng, 'o', 11)->den_shown &&
		     group_of(g, ng, 'o', 12)->den_shown);
	/* 28 of 30 leaves 2: withheld; 0 of 25 says nothing of fewer than 5. */
	assert_true(group_of(g, ng, 'o', 22)->den_shown);
	assert_false(group_of(g, ng, 'o', 22)->num_shown);
	assert_true(group_of(g, ng, 'o', 23)->num_shown);
	/* Then municipality 2's 43 minus the shown 15 and 0 gives 28: one
	 * more numerator goes. */
	assert_false(group_of(g, ng, 'm', 2)->num_shown && group_of(g, ng, 'o', 21)->num_shown);
	assert_int_equal(attack_shares(g, ng, K), 0);
	free(g);
}

/* Random regions: nothing a viewer can work out covers 1 to k − 1
 * persons; the denominators are decided by themselves (the same whatever
 * the numerators, so a denominator shared by formulas and years gets one
 * decision); the order of the rows does not matter; with k = 1 everything
 * is shown. */
static void test_shares_random(void **state)
{
	unsigned seed = 12345;
	int shown = 0, total = 0;

	(void)state;
	for (int trial = 0; trial < 300; trial++) {
		struct share_org orgs[48], other[48];
		struct share_group *g, *h;
		int n = 0, ng, nh;
		int nmun = 1 + (int)(rand_r(&seed) % 5);

		for (int m = 0; m <= nmun && n < 40; m++) {
			int norg = 1 + (int)(rand_r(&seed) % 7);
			for (int o = 0; o < norg && n < 40; o++) {
				long den = rand_r(&seed) % 3 == 0 ? (long)(rand_r(&seed) % 6) : (long)(rand_r(&seed) % 40);
				long num = den ? (long)(rand_r(&seed) % (unsigned)(den + 1)) : 0;
				if (rand_r(&seed) % 4 == 0)
					num = den - num % 3;                        /* nearly all */
				orgs[n] = (struct share_org){ 100 + n, m == nmun ? 0 : m + 1, num, den };
				n++;
			}
		}
		ng = shares_decide(orgs, n, K, &g);
		if (attack_shares(g, ng, K) != 0)
			fail_msg("trial %d: a share can be worked out", trial);
		for (int i = 0; i < ng; i++) {
			total++;
			shown += g[i].num_shown && g[i].den_shown;
		}
		/* The same persons, other numerators, the rows reversed. */
		for (int i = 0; i < n; i++) {
			other[i] = orgs[n - 1 - i];
			other[i].num = other[i].den ? (long)(rand_r(&seed) % (unsigned)(other[i].den + 1)) : 0;
		}
		nh = shares_decide(other, n, K, &h);
		assert_int_equal(nh, ng);
		for (int i = 0; i < ng; i++) {
			assert_true(h[i].kind == g[i].kind && h[i].id == g[i].id);
			if (h[i].den_shown != g[i].den_shown)
				fail_msg("trial %d: group %d's denominator decided by its numerators", trial, i);
		}
		free(h);
		for (int i = 0; i < n; i++)
			other[i] = orgs[n - 1 - i];
		nh = shares_decide(other, n, K, &h);
		for (int i = 0; i < ng; i++)
			assert_true(h[i].den_shown == g[i].den_shown && h[i].num_shown == g[i].num_shown);
		free(h);
		free(g);
		ng = shares_decide(orgs, n, 1, &g);
		for (int i = 0; i < ng; i++)
			assert_true(g[i].den_shown && g[i].num_shown);
		free(g);
	}
	/* The rule withholds what it must, not everything. */
	assert_true(shown > total / 3);
}

/* An empty region: nothing to withhold, 0 of 0. */
static void test_shares_empty(void **state)
{
	struct share_group *g;
	int ng = shares_decide(NULL, 0, K, &g);

	(void)state;
	assert_int_equal(ng, 1);
	assert_true(g[0].den_shown && g[0].num_shown);
	assert_int_equal(g[0].den, 0);
	free(g);
}

/* The closed breakdowns: a position, a subject, a form. */
static void test_classes(void **state)
{
	const struct enum_opt *pos = analytics_breakdown(BY_POSITION)->classes;
	const struct enum_opt *subj = analytics_breakdown(BY_SUBJECT)->classes;
	int n = analytics_nclasses(BY_SUBJECT);

	(void)state;
	assert_int_equal(analytics_breakdown_parse("position"), BY_POSITION);
	assert_int_equal(analytics_breakdown_parse("none"), BY_NONE);
	assert_int_equal(analytics_breakdown_parse("предмет"), -1);
	assert_int_equal(analytics_class_of(BY_NONE, "учитель"), 0);
	assert_string_equal(pos[analytics_class_of(BY_POSITION, "Учитель") - 1].code, "teacher");
	assert_string_equal(pos[analytics_class_of(BY_POSITION, "учитель-логопед") - 1].code, "specialist");
	assert_string_equal(pos[analytics_class_of(BY_POSITION, "заместитель директора по УВР") - 1].code,
			    "manager");
	assert_string_equal(pos[analytics_class_of(BY_POSITION, "старший воспитатель") - 1].code, "educator");
	assert_string_equal(pos[analytics_class_of(BY_POSITION, "дворник") - 1].code, "other");
	assert_string_equal(pos[analytics_class_of(BY_POSITION, NULL) - 1].code, "other");
	/* The first subject of a list decides; physics is not physical culture. */
	assert_string_equal(subj[analytics_class_of(BY_SUBJECT, "Математика, Физика") - 1].code, "math");
	assert_string_equal(subj[analytics_class_of(BY_SUBJECT, "Физика; Математика") - 1].code, "science");
	assert_string_equal(subj[analytics_class_of(BY_SUBJECT, "Физическая культура") - 1].code, "sport");
	assert_string_equal(subj[analytics_class_of(BY_SUBJECT, "ИЗО") - 1].code, "arts");
	assert_string_equal(subj[analytics_class_of(BY_SUBJECT, "  русский язык и литература") - 1].code,
			    "russian");
	assert_int_equal(analytics_class_of(BY_SUBJECT, ""), n);
	assert_int_equal(analytics_class_of(BY_SUBJECT, "к"), n);      /* no free text: «к» is «другие» */
	assert_string_equal(analytics_breakdown(BY_FORM)->classes[analytics_class_of(BY_FORM, "self") - 1].code,
			    "self");
}

static void test_pool_norm(void **state)
{
	int lo, hi;

	(void)state;
	analytics_pool_norm(600, &lo, &hi);
	assert_int_equal(lo, 3);      /* 600 / 250, rounded up */
	assert_int_equal(hi, 3);      /* 600 / 200 */
	analytics_pool_norm(30000, &lo, &hi);
	assert_int_equal(lo, 120);
	assert_int_equal(hi, 150);
	analytics_pool_norm(0, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_false(analytics_overloaded(250));
	assert_true(analytics_overloaded(251));
}

/* The methodist's requirements (004 App.1): highest category, higher
 * pedagogical education, five years; unknown values do not meet them. */
static void test_pool_requirements(void **state)
{
	char text[160];

	(void)state;
	assert_int_equal(analytics_pool_requirements("highest", "higher_ped", 5), 0);
	assert_int_equal(analytics_pool_requirements("highest", "higher_ped", 30), 0);
	assert_int_equal(analytics_pool_requirements("first", "higher_ped", 10), POOL_NO_CATEGORY);
	assert_int_equal(analytics_pool_requirements("highest", "higher", 10), POOL_NO_EDUCATION);
	assert_int_equal(analytics_pool_requirements("highest", "higher_ped", 4), POOL_NO_EXPERIENCE);
	assert_int_equal(analytics_pool_requirements(NULL, NULL, -1),
			 POOL_NO_CATEGORY | POOL_NO_EDUCATION | POOL_NO_EXPERIENCE);
	analytics_pool_requirements_text(0, text, sizeof text);
	assert_string_equal(text, "соответствует");
	analytics_pool_requirements_text(POOL_NO_CATEGORY | POOL_NO_EXPERIENCE, text, sizeof text);
	assert_string_equal(text, "нет: высшей категории, стажа 5 лет");
	analytics_pool_requirements_text(POOL_NO_EDUCATION, text, sizeof text);
	assert_string_equal(text, "нет: высшего пед. образования");
}

/* The rating: one participation's points, and the ranked list. */
static void test_rating(void **state)
{
	char path[] = "/tmp/test_rating_XXXXXX", db[64], err[300];
	struct store_scope all = { true, 0, 0, (char *)"[]", (char *)"[]" };
	struct page_req first = { NULL, 0, +1, 20 };
	struct page p;
	struct store *s;
	struct config *cfg = config_defaults();
	const struct rating_weights *w = &cfg->rating;

	(void)state;
	assert_int_equal(analytics_rating_points(w, "municipal", "prize", NULL), 4);
	assert_int_equal(analytics_rating_points(w, "international", "winner", NULL), 8);
	assert_int_equal(analytics_rating_points(w, "regional", NULL, "speaker"), 5);
	assert_int_equal(analytics_rating_points(w, NULL, NULL, "participant"), 1);
	assert_int_equal(analytics_rating_points(w, "school", NULL, NULL), 1);
	{
		char text[600];
		analytics_rating_text(w, text, sizeof text);
		assert_non_null(strstr(text, "международный 5"));
		assert_non_null(strstr(text, "победитель +3"));
		assert_non_null(strstr(text, "докладчик +2"));
		assert_non_null(strstr(text, "уровень +2."));
	}

	assert_non_null(mkdtemp(path));
	snprintf(db, sizeof db, "%s/r.db", path);
	s = store_open(db, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 20, err, sizeof err), ST_OK);
	/* Person 10: municipal prize (4) + regional speaker (5) = 9; person 11:
	 * a federal product with a positive conclusion (4 + 2) = 6 and a
	 * negative one (nothing); person 12: another year only. */
	assert_int_equal(sqlite3_exec(store_db(s),
		"INSERT INTO participation (person_id, kind, title, level, year, result) VALUES (10, 'contest', 'К', 'municipal', 2026, 'prize');"
		"INSERT INTO participation (person_id, kind, title, level, year, role) VALUES (10, 'scimethod', 'М', 'regional', 2026, 'speaker');"
		"INSERT INTO participation (person_id, kind, title, level, year) VALUES (12, 'other', 'Д', 'school', 2025);"
		"INSERT INTO innovation (person_id, title, year, level, result) VALUES (11, 'П', 2026, 'federal', 'positive');"
		"INSERT INTO innovation (person_id, title, year, level, result) VALUES (11, 'Н', 2026, 'federal', 'negative');",
		NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_rating_page(s, &all, 2026, w, &first, &p), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.rows[0].id, 10);
	assert_string_equal(p.rows[0].cols[2], "9");
	assert_string_equal(p.rows[0].cols[3], "2");
	assert_int_equal(p.rows[1].id, 11);
	assert_string_equal(p.rows[1].cols[2], "6");
	page_free(&p);
	store_close(s);
	test_remove_db(db);
	rmdir(path);
	config_free(cfg);
}

/* Typical deficits kept in the database: after any change to what they
 * are read from, the kept counts equal the ones computed afresh, for each
 * year and breakdown (the key holds both). */
struct counts {
	int n;
	struct deficit_count *c;
};

static void counts_of(struct store *s, int year, int by, struct counts *x)
{
	store_deficit_counts_free(x->c, x->n);
	assert_int_equal(store_deficit_counts(s, year, by, &x->c, &x->n), ST_OK);
}

static bool counts_equal(const struct counts *a, const struct counts *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++) {
		const struct deficit_count *x = &a->c[i], *y = &b->c[i];
		if (x->part != y->part || x->org_id != y->org_id || x->mun_id != y->mun_id || x->cls != y->cls ||
		    x->kind != y->kind || x->sort != y->sort || memcmp(x->n, y->n, sizeof x->n) != 0 ||
		    strcmp(x->item ? x->item : "", y->item ? y->item : "") != 0 ||
		    strcmp(x->wording ? x->wording : "", y->wording ? y->wording : "") != 0)
			return false;
	}
	return true;
}

static struct store *demo_store(char *dir, char *db, size_t dbsize, int teachers)
{
	struct codifier_entry *e;
	struct actor sys = { 0, "test", "test" };
	struct config *cfg = config_defaults();
	char err[512] = "";
	struct store *s;
	int n, added;

	assert_non_null(mkdtemp(dir));
	snprintf(db, dbsize, "%s/a.db", dir);
	s = store_open(db, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, teachers, err, sizeof err), ST_OK);
	n = catalog_read_codifier("conf/codifier.conf", &e, err, sizeof err);
	assert_true(n > 0);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_OK);
	catalog_free_codifier(e, n);
	assert_int_equal(store_demo_activity(s, cfg, err, sizeof err), ST_OK);
	config_free(cfg);
	return s;
}

static void test_kept_deficits(void **state)
{
	static const char *const changes[] = {
		"UPDATE person SET archived = 1 WHERE id IN (SELECT person_id FROM diagnostic ORDER BY id LIMIT 5)",
		"UPDATE person SET subjects = 'математика' WHERE id IN (SELECT person_id FROM diagnostic"
		" WHERE kind = 'entry' ORDER BY id DESC LIMIT 30)",
		/* A new position alone (the change counter watches it). */
		"UPDATE person SET position = 'воспитатель' WHERE id IN"
		" (SELECT person_id FROM diagnostic WHERE kind = 'entry' ORDER BY id DESC LIMIT 30)",
		"UPDATE organisation SET mun_id = (SELECT min(id) FROM municipality) WHERE id IN"
		" (SELECT org_id FROM person WHERE org_id IS NOT NULL ORDER BY id DESC LIMIT 1)",
		"INSERT OR IGNORE INTO diagnostic_deficit (diagnostic_id, deficit_code_id) SELECT d.id, c.id"
		" FROM diagnostic d, deficit_code c WHERE d.kind = 'entry' ORDER BY d.diag_date DESC, c.id LIMIT 40",
		"UPDATE diagnostic_block SET level = 'low' WHERE id IN (SELECT id FROM diagnostic_block"
		" WHERE level <> 'low' ORDER BY id DESC LIMIT 40)",
		"UPDATE diagnostic SET form = 'expert' WHERE id IN (SELECT id FROM diagnostic ORDER BY diag_date DESC LIMIT 20)",
		"UPDATE deficit_code SET wording = wording || ' (уточнено)'",
		"UPDATE competency_block SET name = name || ' (блок)' WHERE kind = 'teacher'",
		"UPDATE diagnostic SET archived = 1 WHERE id IN (SELECT id FROM diagnostic ORDER BY diag_date DESC LIMIT 20)",
	};
	enum { NY = 6, NK = NY * BY__COUNT };
	char path[] = "/tmp/test_analytics_XXXXXX", db[64];
	static struct counts before[NK], got[NK], fresh[NK];
	struct store *s = demo_store(path, db, sizeof db, 300);

	(void)state;
	for (int i = 0; i < NK; i++)
		counts_of(s, 2021 + i / BY__COUNT, i % BY__COUNT, &before[i]);
	assert_true(before[NK - BY__COUNT].n > 20);
	for (size_t c = 0; c < NITEMS(changes); c++) {
		bool changed = false;
		if (sqlite3_exec(store_db(s), changes[c], NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("%s: %s", changes[c], sqlite3_errmsg(store_db(s)));
		for (int i = 0; i < NK; i++)
			counts_of(s, 2021 + i / BY__COUNT, i % BY__COUNT, &got[i]);
		assert_int_equal(sqlite3_exec(store_db(s), "DELETE FROM deficit_cache", NULL, NULL, NULL), SQLITE_OK);
		for (int i = 0; i < NK; i++) {
			counts_of(s, 2021 + i / BY__COUNT, i % BY__COUNT, &fresh[i]);
			if (!counts_equal(&got[i], &fresh[i]))
				fail_msg("after «%s»: the kept counts of %d, breakdown %d differ from fresh ones",
					 changes[c], 2021 + i / BY__COUNT, i % BY__COUNT);
			changed |= !counts_equal(&got[i], &before[i]);
			counts_of(s, 2021 + i / BY__COUNT, i % BY__COUNT, &before[i]);   /* kept again, read back */
			assert_true(counts_equal(&before[i], &fresh[i]));
		}
		if (!changed)
			fail_msg("«%s» changed no result: the test would prove nothing", changes[c]);
	}
	for (int i = 0; i < NK; i++) {
		store_deficit_counts_free(got[i].c, got[i].n);
		store_deficit_counts_free(fresh[i].c, fresh[i].n);
		store_deficit_counts_free(before[i].c, before[i].n);
	}
	store_close(s);
	test_remove_db(db);
	rmdir(path);
}

/* One random edit of a diagnostic (op 0..5): a new one, its date, kind,
 * archived flag or teacher changed, or it deleted (when no card cites it). */
static void diag_edit(struct store *s, int op, int64_t diag, int64_t person, const char *kind, const char *date)
{
	switch (op) {
	case 0:
		assert_int_equal(store_run(s, "INSERT INTO diagnostic (person_id, form, kind, diag_date)"
					   " VALUES (?, 'standardized', ?, ?)", "itt", person, kind, date), ST_OK);
		break;
	case 1:
		store_run(s, "UPDATE diagnostic SET diag_date = ? WHERE id = ?", "ti", date, diag);
		break;
	case 2:
		store_run(s, "UPDATE diagnostic SET kind = ? WHERE id = ?", "ti", kind, diag);
		break;
	case 3:
		store_run(s, "UPDATE diagnostic SET archived = 1 - archived WHERE id = ?", "i", diag);
		break;
	case 4:
		store_run(s, "UPDATE diagnostic SET person_id = ? WHERE id = ?", "ii", person, diag);
		break;
	default:
		store_run(s, "DELETE FROM diagnostic WHERE id = ? AND NOT EXISTS (SELECT 1 FROM iom"
			  " WHERE entry_diagnostic_id = ? OR final_diagnostic_id = ?)", "iii", diag, diag, diag);
		break;
	}
}

/* Each teacher's latest diagnostics are kept as saves come: after random
 * saves of diagnostics (taken, moved in time and between teachers and
 * kinds, archived, deleted) the kept rows equal their rule over every
 * diagnostic, and so do the counts of every year and breakdown computed
 * from them and from scratch. */
static void test_latest_kept(void **state)
{
	static const char *const diff[2] = {
		"SELECT count(*) FROM (SELECT year, kind, person_id, diag_id FROM diag_latest"
		" EXCEPT " DIAG_LATEST_OF DIAG_LATEST_GROUP ")",
		"SELECT count(*) FROM (" DIAG_LATEST_OF DIAG_LATEST_GROUP
		" EXCEPT SELECT year, kind, person_id, diag_id FROM diag_latest)",
	};
	static const char *const kinds[] = { "entry", "final", "comprehensive" };
	char path[] = "/tmp/test_analytics_XXXXXX", db[64];
	struct store *s = demo_store(path, db, sizeof db, 300);
	unsigned seed = 18;
	int compared = 0;

	(void)state;
	for (int round = 0; round < 4; round++) {
		for (int i = 0; round > 0 && i < 60; i++) {
			int64_t n = store_int(s, "SELECT count(*) FROM diagnostic", NULL);
			int64_t diag = store_int(s, "SELECT id FROM diagnostic ORDER BY id LIMIT 1 OFFSET ?", "i",
						 (int64_t)(rand_r(&seed) % (unsigned)n));
			int64_t person = store_int(s, "SELECT id FROM person ORDER BY id LIMIT 1 OFFSET ?", "i",
						   (int64_t)(rand_r(&seed) % 300));
			char date[16];
			snprintf(date, sizeof date, "%04d-%02d-%02d", 2021 + (int)(rand_r(&seed) % 6),
				 1 + (int)(rand_r(&seed) % 12), 1 + (int)(rand_r(&seed) % 28));
			int op = (int)(rand_r(&seed) % 6);
			diag_edit(s, op, diag, person, kinds[rand_r(&seed) % 3], date);
		}
		for (int i = 0; i < 2; i++)
			assert_int_equal(store_int(s, diff[i], NULL), 0);
		assert_int_equal(sqlite3_exec(store_db(s), "DELETE FROM deficit_cache", NULL, NULL, NULL), SQLITE_OK);
		for (int year = 2021; year <= 2026; year++)
			for (int by = 0; by < BY__COUNT; by++) {
				struct counts kept = { 0, NULL }, fresh = { 0, NULL };
				counts_of(s, year, by, &kept);
				assert_int_equal(store_deficit_counts_fresh(s, year, by, &fresh.c, &fresh.n), ST_OK);
				if (!counts_equal(&kept, &fresh))
					fail_msg("round %d: the counts of %d, breakdown %d differ from fresh ones", round,
						 year, by);
				compared += kept.n;
				store_deficit_counts_free(kept.c, kept.n);
				store_deficit_counts_free(fresh.c, fresh.n);
			}
	}
	assert_true(compared > 1000);
	store_close(s);
	test_remove_db(db);
	rmdir(path);
}

/* The element results, deficit codes and blocks' levels of the latest
 * diagnostics are kept as saves come (elem_latest, code_latest,
 * block_latest, schema step 27): after random saves of diagnostics (taken,
 * moved in time and between teachers and kinds, archived, deleted) and of
 * their parts (added, rescored, without a score, a maximum or a level,
 * archived, moved to another element, code, block or diagnostic, deleted)
 * and of teachers (their subjects, position, organisation, archived; one
 * more, one less) the kept rows equal their rule over diag_latest, every
 * part and every teacher, and typical deficits read from them equal those
 * computed from scratch. */
/* What elem_latest, code_latest, block_latest and person_cls hold, in
 * short: their rows, and sums of their values. */
static void kept_digest(struct store *s, char *buf, size_t size)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT (SELECT count(*) || '/' || total(score) || '/'"
					    " || total(max_score) || '/' || total(diag_id) FROM elem_latest) || '/' ||"
					    " (SELECT count(*) || '/' || total(code_id) FROM code_latest) || '/' ||"
					    " (SELECT count(*) || '/' || total(block_id) || '/' || total(length(level))"
					    " FROM block_latest) || '/' || (SELECT count(*) || '/' || total(length(subjects))"
					    " || '/' || total(length(position)) || '/' || total(org_id) || '/' || total(archived)"
					    " FROM person_cls)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static void test_parts_latest_kept(void **state)
{
	static const char *const diff[8] = {
		"SELECT count(*) FROM (SELECT " ELEM_LATEST_COLS " FROM elem_latest EXCEPT " ELEM_LATEST_OF ")",
		"SELECT count(*) FROM (" ELEM_LATEST_OF " EXCEPT SELECT " ELEM_LATEST_COLS " FROM elem_latest)",
		"SELECT count(*) FROM (SELECT " CODE_LATEST_COLS " FROM code_latest EXCEPT " CODE_LATEST_OF ")",
		"SELECT count(*) FROM (" CODE_LATEST_OF " EXCEPT SELECT " CODE_LATEST_COLS " FROM code_latest)",
		"SELECT count(*) FROM (SELECT " BLOCK_LATEST_COLS " FROM block_latest EXCEPT " BLOCK_LATEST_OF ")",
		"SELECT count(*) FROM (" BLOCK_LATEST_OF " EXCEPT SELECT " BLOCK_LATEST_COLS " FROM block_latest)",
		"SELECT count(*) FROM (SELECT " PERSON_CLS_COLS " FROM person_cls EXCEPT SELECT " PERSON_CLS_COLS
		" FROM person)",
		"SELECT count(*) FROM (SELECT " PERSON_CLS_COLS " FROM person EXCEPT SELECT " PERSON_CLS_COLS
		" FROM person_cls)",
	};
	static const char *const texts[] = { "Учитель математики", "учитель начальных классов", "педагог-психолог",
					     "Физика, астрономия", "английский язык", "", NULL };
	static const char *const levels[] = { "high", "medium", "low", NULL };
	static const char *const kinds[] = { "entry", "final", "comprehensive" };
	char path[] = "/tmp/test_analytics_XXXXXX", db[64];
	struct store *s = demo_store(path, db, sizeof db, 300);
	unsigned seed = 27;
	int changed = 0;

	(void)state;
	assert_true(store_int(s, "SELECT count(*) FROM elem_latest", NULL) > 100);
	assert_true(store_int(s, "SELECT count(*) FROM code_latest", NULL) > 100);
	assert_true(store_int(s, "SELECT count(*) FROM block_latest", NULL) > 100);
	for (int round = 0; round < 5; round++) {
		char was[128], now[128];

		kept_digest(s, was, sizeof was);
		for (int i = 0; round > 0 && i < 80; i++) {
			int64_t nd = store_int(s, "SELECT count(*) FROM diagnostic", NULL);
			int64_t ne = store_int(s, "SELECT count(*) FROM diagnostic_element", NULL);
			int64_t diag = store_int(s, "SELECT id FROM diagnostic ORDER BY id LIMIT 1 OFFSET ?", "i",
						 (int64_t)(rand_r(&seed) % (unsigned)nd));
			int64_t el = store_int(s, "SELECT id FROM diagnostic_element ORDER BY id LIMIT 1 OFFSET ?", "i",
					       (int64_t)(rand_r(&seed) % (unsigned)ne));
			int64_t code = store_int(s, "SELECT id FROM deficit_code ORDER BY id LIMIT 1 OFFSET"
						 " abs(?) % (SELECT count(*) FROM deficit_code)", "i", (int64_t)rand_r(&seed));
			int64_t person = store_int(s, "SELECT id FROM person ORDER BY id LIMIT 1 OFFSET ?", "i",
						   (int64_t)(rand_r(&seed) % 300));
			int mx = 1 + (int)(rand_r(&seed) % 20), sc = (int)(rand_r(&seed) % 21);
			char date[16];
			snprintf(date, sizeof date, "%04d-%02d-%02d", 2021 + (int)(rand_r(&seed) % 6),
				 1 + (int)(rand_r(&seed) % 12), 1 + (int)(rand_r(&seed) % 28));
			int64_t nb = store_int(s, "SELECT count(*) FROM diagnostic_block", NULL);
			int64_t ndd = store_int(s, "SELECT count(*) FROM diagnostic_deficit", NULL);
			int64_t blk = store_int(s, "SELECT id FROM diagnostic_block ORDER BY id LIMIT 1 OFFSET ?", "i",
						(int64_t)(rand_r(&seed) % (unsigned)nb));
			int64_t dd = store_int(s, "SELECT id FROM diagnostic_deficit ORDER BY id LIMIT 1 OFFSET ?", "i",
					       (int64_t)(rand_r(&seed) % (unsigned)ndd));
			int64_t block = store_int(s, "SELECT id FROM competency_block ORDER BY id LIMIT 1 OFFSET"
						  " abs(?) % (SELECT count(*) FROM competency_block)", "i", (int64_t)rand_r(&seed));
			const char *level = levels[rand_r(&seed) % 4];
			int op = (int)(rand_r(&seed) % 26);
			if (op <= 5)
				diag_edit(s, op, diag, person, kinds[rand_r(&seed) % 3], date);
			switch (op) {
			case 21:
				store_run(s, "UPDATE person SET subjects = ? WHERE id = ?", "ti",
					  texts[rand_r(&seed) % NITEMS(texts)], person);
				break;
			case 22:
				store_run(s, "UPDATE person SET position = ? WHERE id = ?", "ti",
					  texts[rand_r(&seed) % NITEMS(texts)], person);
				break;
			case 23:
				store_run(s, "UPDATE person SET org_id = (SELECT org_id FROM person ORDER BY id LIMIT 1"
					  " OFFSET abs(?) % 300) WHERE id = ?", "ii", (int64_t)rand_r(&seed), person);
				break;
			case 24:
				store_run(s, "UPDATE person SET archived = 1 - archived WHERE id = ?", "i", person);
				break;
			case 25:   /* a teacher more (a copy of one), or one less (a copy) */
				if (rand_r(&seed) % 2) {
					char sql[320];
					snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.tp;"
						 " CREATE TEMP TABLE tp AS SELECT * FROM person WHERE id = %lld;"
						 " UPDATE tp SET id = (SELECT max(id) + 1 FROM person), external_id = NULL;"
						 " INSERT INTO person SELECT * FROM tp;", (long long)person);
					assert_int_equal(sqlite3_exec(store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
				} else {
					store_run(s, "DELETE FROM person WHERE id = (SELECT max(id) FROM person) AND"
						  " id > (SELECT id FROM person ORDER BY id LIMIT 1 OFFSET 299)", "");
				}
				break;
			case 13:
				store_run(s, "INSERT OR IGNORE INTO diagnostic_deficit (diagnostic_id, deficit_code_id)"
					  " VALUES (?, ?)", "ii", diag, code);
				break;
			case 14:
				store_run(s, "UPDATE OR IGNORE diagnostic_deficit SET deficit_code_id = ? WHERE id = ?", "ii",
					  code, dd);
				break;
			case 15:
				store_run(s, "UPDATE OR IGNORE diagnostic_deficit SET diagnostic_id = ? WHERE id = ?", "ii",
					  diag, dd);
				break;
			case 16:
				store_run(s, "DELETE FROM diagnostic_deficit WHERE id = ?", "i", dd);
				break;
			case 17:
				store_run(s, "INSERT OR IGNORE INTO diagnostic_block (diagnostic_id, block_id, level)"
					  " VALUES (?, ?, ?)", "iit", diag, block, level);
				break;
			case 18:
				store_run(s, "UPDATE diagnostic_block SET level = ? WHERE id = ?", "ti", level, blk);
				break;
			case 19:
				store_run(s, "UPDATE OR IGNORE diagnostic_block SET block_id = ?, diagnostic_id ="
					  " CASE WHEN ? % 2 THEN diagnostic_id ELSE ? END WHERE id = ?", "iiii", block,
					  (int64_t)sc, diag, blk);
				break;
			case 20:
				store_run(s, "DELETE FROM diagnostic_block WHERE id = ?", "i", blk);
				break;
			case 6:
				store_run(s, "INSERT OR IGNORE INTO diagnostic_element (diagnostic_id, deficit_code_id,"
					  " max_score, score, pct) VALUES (?, ?, ?, ?, 0)", "iiii", diag, code,
					  (int64_t)(sc > mx ? sc : mx), (int64_t)sc);
				break;
			case 7:
				store_run(s, "UPDATE diagnostic_element SET score = min(?, max_score) WHERE id = ?", "ii",
					  (int64_t)sc, el);
				break;
			case 8:
				store_run(s, "UPDATE diagnostic_element SET score = CASE WHEN score IS NULL THEN 0 END,"
					  " max_score = CASE WHEN ? % 2 THEN max_score WHEN max_score IS NULL THEN 20 END"
					  " WHERE id = ?", "ii", (int64_t)sc, el);
				break;
			case 9:
				store_run(s, "UPDATE diagnostic_element SET archived = 1 - archived WHERE id = ?", "i", el);
				break;
			case 10:
				store_run(s, "UPDATE OR IGNORE diagnostic_element SET deficit_code_id = ? WHERE id = ?", "ii",
					  code, el);
				break;
			case 11:
				store_run(s, "UPDATE OR IGNORE diagnostic_element SET diagnostic_id = ? WHERE id = ?", "ii",
					  diag, el);
				break;
			case 12:
				store_run(s, "DELETE FROM diagnostic_element WHERE id = ?", "i", el);
				break;
			}
		}
		for (int i = 0; i < 8; i++)
			if (store_int(s, diff[i], NULL) != 0)
				fail_msg("round %d: kept rows differ from their rule (%d)", round, i);
		/* And so do typical deficits of every year and breakdown. */
		assert_int_equal(sqlite3_exec(store_db(s), "DELETE FROM deficit_cache", NULL, NULL, NULL), SQLITE_OK);
		for (int year = 2021; year <= 2026; year++)
			for (int by = 0; by < BY__COUNT; by++) {
				struct counts kept = { 0, NULL }, fresh = { 0, NULL };
				counts_of(s, year, by, &kept);
				assert_int_equal(store_deficit_counts_fresh(s, year, by, &fresh.c, &fresh.n), ST_OK);
				if (!counts_equal(&kept, &fresh))
					fail_msg("round %d: the counts of %d, breakdown %d differ from fresh ones", round,
						 year, by);
				store_deficit_counts_free(kept.c, kept.n);
				store_deficit_counts_free(fresh.c, fresh.n);
			}
		kept_digest(s, now, sizeof now);
		changed += strcmp(was, now) != 0;
	}
	assert_true(changed >= 3);   /* the saves changed what is kept: the test proves something */
	store_close(s);
	test_remove_db(db);
	rmdir(path);
}

/* A little-endian number of the older packed layout. */
static void le_put(unsigned char **p, size_t *n, uint64_t v, int bytes)
{
	*p = xrealloc(*p, *n + (size_t)bytes);
	for (int i = 0; i < bytes; i++)
		(*p)[(*n)++] = (unsigned char)(v >> (8 * i));
}

static void le_text(unsigned char **p, size_t *n, const char *t)
{
	size_t len = t ? strlen(t) : 0;

	le_put(p, n, t ? (uint32_t)len : 0xffffffffu, 4);
	*p = xrealloc(*p, *n + len + 1);
	memcpy(*p + *n, t ? t : "", len);
	*n += len;
}

/* Typical deficits kept in the tabled layout read back as computed; kept
 * by an older version in the packed one (part -2, each count with its
 * texts) still read; a kept row not as written computed again. */
static void test_kept_layouts(void **state)
{
	char path[] = "/tmp/test_analytics_XXXXXX", db[64];
	struct store *s = demo_store(path, db, sizeof db, 300);
	struct counts fresh = { 0, NULL }, kept = { 0, NULL };
	unsigned char *blob = NULL;
	size_t n = 0;
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(store_deficit_counts_fresh(s, 2024, BY_SUBJECT, &fresh.c, &fresh.n), ST_OK);
	assert_true(fresh.n > 100);
	assert_int_equal(sqlite3_exec(store_db(s), "DELETE FROM deficit_cache", NULL, NULL, NULL), SQLITE_OK);
	counts_of(s, 2024, BY_SUBJECT, &kept);   /* computed, kept */
	assert_true(counts_equal(&kept, &fresh));
	assert_int_equal(store_int(s, "SELECT count(*) FROM deficit_cache WHERE part = -3", NULL), 1);
	counts_of(s, 2024, BY_SUBJECT, &kept);   /* read back */
	assert_true(counts_equal(&kept, &fresh));
	/* The older layout, as an older version wrote it. */
	for (int i = 0; i < fresh.n; i++) {
		const struct deficit_count *c = &fresh.c[i];
		le_put(&blob, &n, (uint32_t)c->part, 4);
		le_put(&blob, &n, (uint64_t)c->org_id, 8);
		le_put(&blob, &n, (uint64_t)c->mun_id, 8);
		le_put(&blob, &n, (uint32_t)c->cls, 4);
		le_put(&blob, &n, (uint64_t)c->kind, 1);
		le_put(&blob, &n, (uint32_t)c->sort, 4);
		for (int j = 0; j < 3; j++)
			le_put(&blob, &n, (uint32_t)c->n[j], 4);
		le_text(&blob, &n, c->item);
		le_text(&blob, &n, c->wording);
	}
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "UPDATE deficit_cache SET part = -2, t1 = ?", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_blob(st, 1, blob, (int)n, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	counts_of(s, 2024, BY_SUBJECT, &kept);
	assert_true(counts_equal(&kept, &fresh));
	assert_int_equal(store_int(s, "SELECT count(*) FROM deficit_cache WHERE part = -2", NULL), 1);
	/* Cut short anywhere: not as written, so computed (and kept) again. */
	for (int cut = 1; cut < 400; cut += 7) {
		assert_int_equal(sqlite3_exec(store_db(s), "DELETE FROM deficit_cache", NULL, NULL, NULL), SQLITE_OK);
		counts_of(s, 2024, BY_SUBJECT, &kept);
		assert_int_equal(store_run(s, "UPDATE deficit_cache SET t1 = substr(t1, 1, length(t1) - ?)", "i",
					   (int64_t)cut), ST_OK);
		counts_of(s, 2024, BY_SUBJECT, &kept);
		assert_true(counts_equal(&kept, &fresh));
	}
	free(blob);
	store_deficit_counts_free(kept.c, kept.n);
	store_deficit_counts_free(fresh.c, fresh.n);
	store_close(s);
	test_remove_db(db);
	rmdir(path);
}

/* The share of a code among the teachers with a diagnostic, and the change
 * in п.п. (hand-checked): rounded half up; a withheld side withholds the
 * share and the change; a group of nobody has no share. */
static void test_deficit_share(void **state)
{
	struct deficit_figure hid = { false, 0 };
	struct deficit_share a, b;
	int pp = 99;

	(void)state;
	a = deficits_share((struct deficit_figure){ true, 20 }, (struct deficit_figure){ true, 152 });
	assert_true(a.shown);
	assert_false(a.none);
	assert_int_equal(a.n, 20);
	assert_int_equal(a.of, 152);
	assert_int_equal(a.pct, 13);                   /* 13.16 % */
	b = deficits_share((struct deficit_figure){ true, 5 }, (struct deficit_figure){ true, 62 });
	assert_int_equal(b.pct, 8);                    /* 8.06 % */
	assert_true(deficits_change(a, b, &pp));
	assert_int_equal(pp, -5);                      /* 8 − 13 */
	/* 1 of 8 is 12.5 %: 13; 2 of 3 is 66.7 %: 67; the change +54. */
	a = deficits_share((struct deficit_figure){ true, 1 }, (struct deficit_figure){ true, 8 });
	assert_int_equal(a.pct, 13);
	b = deficits_share((struct deficit_figure){ true, 2 }, (struct deficit_figure){ true, 3 });
	assert_int_equal(b.pct, 67);
	assert_true(deficits_change(a, b, &pp));
	assert_int_equal(pp, 54);
	/* 467 at entry, 193 at final: 120 (25.7 %) and 50 (25.9 %), both 26:
	 * no change, where the raw counts would say −70. */
	a = deficits_share((struct deficit_figure){ true, 120 }, (struct deficit_figure){ true, 467 });
	b = deficits_share((struct deficit_figure){ true, 50 }, (struct deficit_figure){ true, 193 });
	assert_int_equal(a.pct, 26);
	assert_int_equal(b.pct, 26);
	assert_true(deficits_change(a, b, &pp));
	assert_int_equal(pp, 0);
	/* A withheld count: no share, and no change beside it. */
	b = deficits_share(hid, (struct deficit_figure){ true, 193 });
	assert_false(b.shown);
	assert_false(b.none);
	assert_int_equal(b.pct, 0);
	assert_false(deficits_change(a, b, &pp));
	assert_false(deficits_change(b, a, &pp));
	assert_int_equal(pp, 0);
	/* A withheld group: the share withheld even with the count shown. */
	b = deficits_share((struct deficit_figure){ true, 6 }, hid);
	assert_false(b.shown);
	assert_int_equal(b.pct, 0);
	assert_false(deficits_change(a, b, &pp));
	/* Nobody had the diagnostic: no share, no change. */
	b = deficits_share((struct deficit_figure){ true, 0 }, (struct deficit_figure){ true, 0 });
	assert_false(b.shown);
	assert_true(b.none);
	assert_false(deficits_change(a, b, &pp));
}

/* A year of one school's diagnostics: twelve teachers with an entry one,
 * one with a final one. The final column checks its own group (one person:
 * withheld, though the entry group is twelve); a code of all twelve, of
 * all but two, of two is withheld; a code of six is shown. */
static void test_deficits_view(void **state)
{
	char path[] = "/tmp/test_analytics_XXXXXX", db[64];
	struct store *s = demo_store(path, db, sizeof db, 300);
	struct config *cfg = config_defaults();
	struct deficit_query q = { "org", 0, 2031, BY_NONE };
	struct deficit_view v;
	struct text_lines lines = { NULL, 0, 0 };
	sqlite3 *h = store_db(s);
	int i = 0;

	(void)state;
	q.id = sqlite3_exec(h, "", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	{
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(h, "SELECT org_id FROM person WHERE archived = 0 GROUP BY org_id"
						       " ORDER BY count(*) DESC LIMIT 1", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		q.id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		assert_int_equal(sqlite3_prepare_v2(h, "SELECT id FROM person WHERE archived = 0 AND org_id = ?"
						       " ORDER BY id LIMIT 12", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int64(st, 1, q.id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			char *sql = sqlite3_mprintf(
				"INSERT INTO diagnostic (person_id, form, kind, diag_date) VALUES (%lld, 'standardized', 'entry', '2031-03-01');"
				"INSERT INTO diagnostic_deficit (diagnostic_id, deficit_code_id) SELECT last_insert_rowid(), id"
				" FROM deficit_code WHERE code IN ('М-2'%s%s%s);",
				(long long)sqlite3_column_int64(st, 0), i < 6 ? ", 'М-1'" : "", i < 10 ? ", 'М-3'" : "",
				i < 2 ? ", 'М-4'" : "");
			assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
			sqlite3_free(sql);
			if (i == 0) {
				sql = sqlite3_mprintf(
					"INSERT INTO diagnostic (person_id, form, kind, diag_date) VALUES (%lld, 'standardized', 'final', '2031-11-01');"
					"INSERT INTO diagnostic_deficit (diagnostic_id, deficit_code_id) SELECT last_insert_rowid(), id"
					" FROM deficit_code WHERE code = 'М-1';", (long long)sqlite3_column_int64(st, 0));
				assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
				sqlite3_free(sql);
			}
			i++;
		}
		sqlite3_finalize(st);
	}
	assert_int_equal(i, 12);
	for (int by = 0; by < BY__COUNT; by++) {
		q.by = by;
		assert_int_equal(deficits_view(s, cfg, &q, &v), ST_OK);
		assert_int_equal(v.nsections, 1 + analytics_nclasses(by));
		assert_true(v.sections[0].people[0].shown);
		assert_int_equal(v.sections[0].people[0].value, 12);
		assert_false(v.sections[0].people[1].shown);          /* one final: withheld */
		if (by == BY_NONE) {
			assert_int_equal(v.sections[0].ncodes, 1);
			assert_string_equal(v.sections[0].codes[0].code, "М-1");
			assert_int_equal(v.sections[0].codes[0].f[0].value, 6);
			assert_false(v.sections[0].codes[0].f[1].shown);
			deficits_lines(&v, &lines);
			assert_true(lines.n > 6);
			assert_non_null(strstr(lines.v[1], "12; с итоговой: скр."));
			/* 6 of 12 at entry: 50 %; the final withheld (one teacher),
			 * and the change with it. The columns: the code in 8, each
			 * share in 20, the change right-aligned under «Изм., п.п.». */
			assert_string_equal(lines.v[3], "  Код       Входная              Итоговая              Изм., п.п.");
			assert_string_equal(lines.v[4], "  М-1       6 из 12 (50 %)       скр.                        скр.");
			/* The whole wording under the row, in text. */
			assert_string_equal(lines.v[5], "            Владение методикой преподавания предмета");
			for (int l = 0; l < lines.n; l++)
				assert_true(text_width(lines.v[l]) <= 78);
			text_lines_free(&lines);
			/* On the screen no wording: the code row's line is given. */
			{
				int at[2] = { -1, -1 };
				assert_int_equal(deficits_ncodes(&v), 1);
				assert_ptr_equal(deficits_code_at(&v, 0), &v.sections[0].codes[0]);
				assert_null(deficits_code_at(&v, 1));
				deficits_screen_lines(&v, &lines, at);
				assert_int_equal(at[0], 4);
				assert_string_equal(lines.v[at[0]], "  М-1       6 из 12 (50 %)       скр.                        скр.");
				assert_string_equal(lines.v[5], "  Остальные коды: у меньше чем 5 педагогов или скрыты.");
				text_lines_free(&lines);
			}
			/* CSV: the existing columns as they were, the share and the
			 * change added after them (the change on the final's row). */
			{
				struct report_table t;
				memset(&t, 0, sizeof t);
				deficits_table(&v, &t);
				assert_int_equal(t.ncols, 10);
				assert_string_equal(t.headers[8], "Доля, %");
				assert_string_equal(t.headers[9], "Изменение, п.п.");
				assert_string_equal(t.rows[2].c[4].text, "с дефицитом");
				assert_string_equal(t.rows[2].c[6].text, "6");
				assert_string_equal(t.rows[2].c[7].text, "12");
				assert_int_equal(t.kinds[8], RCOL_INT);
				assert_int_equal(t.kinds[9], RCOL_INT);
				assert_int_equal(t.rows[2].c[8].state, RV_VALUE);
				assert_int_equal(t.rows[2].c[8].v, 50);
				assert_int_equal(t.rows[2].c[9].state, RV_BLANK);
				assert_string_equal(t.rows[3].c[6].text, "скр.");
				assert_int_equal(t.rows[3].c[8].state, RV_SUPPRESSED);
				assert_int_equal(t.rows[3].c[9].state, RV_SUPPRESSED);
				assert_int_equal(t.rows[0].c[8].state, RV_BLANK);
				assert_int_equal(t.rows[0].c[9].state, RV_BLANK);
				report_table_free(&t);
			}
		}
		/* Whatever the breakdown, no figure names all, all but two, or two. */
		for (int c = 0; c < v.nsections; c++)
			for (int j = 0; j < v.sections[c].ncodes; j++) {
				assert_string_not_equal(v.sections[c].codes[j].code, "М-2");
				assert_string_not_equal(v.sections[c].codes[j].code, "М-3");
				assert_string_not_equal(v.sections[c].codes[j].code, "М-4");
			}
		deficits_view_free(&v);
	}
	config_free(cfg);
	store_close(s);
	test_remove_db(db);
	rmdir(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_withheld),
		cmocka_unit_test(test_protect_primary),
		cmocka_unit_test(test_protect_secondary),
		cmocka_unit_test(test_protect_all_members),
		cmocka_unit_test(test_protect_fixed_whole),
		cmocka_unit_test(test_protect_chain),
		cmocka_unit_test(test_protect_single_part),
		cmocka_unit_test(test_protect_as_written),
		cmocka_unit_test(test_shares_secondary),
		cmocka_unit_test(test_shares_random),
		cmocka_unit_test(test_shares_empty),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_pool_norm),
		cmocka_unit_test(test_pool_requirements),
		cmocka_unit_test(test_rating),
		cmocka_unit_test(test_kept_deficits),
		cmocka_unit_test(test_latest_kept),
		cmocka_unit_test(test_parts_latest_kept),
		cmocka_unit_test(test_kept_layouts),
		cmocka_unit_test(test_deficit_share),
		cmocka_unit_test(test_deficits_view),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
