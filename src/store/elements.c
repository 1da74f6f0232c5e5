/* See store/elements.h. Constant statements, bound values. */
#include "store/elements.h"
#include "store.h"
#include "store_int.h"
#include "errtext.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field_desc element_fields[] = {
	{ "diagnostic_id", "Диагностика", F_REF, true, 0, 0, NULL, "diagnostic" },
	{ "deficit_code_id", "Код элемента", F_REF, true, 0, 0, NULL, "deficit_code" },
	{ "max_score", "Максимальный балл", F_INT, true, 1, 1000, NULL, NULL },
	{ "score", "Балл", F_INT, true, 0, 1000, NULL, NULL },
	{ "pct", "% выполнения", F_INT, false, 0, 100, NULL, NULL },
};

const struct table_desc model_diagnostic_element = {
	"diagnostic_element", "результат по оцениваемому элементу", element_fields, (int)NITEMS(element_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"diagnostic_id",
};

void element_derive(struct record *rec)
{
	const struct table_desc *d = &model_diagnostic_element;
	const char *mx = rec->v[model_field_index(d, "max_score")], *sc = rec->v[model_field_index(d, "score")];
	char buf[24];
	long m, v;

	if (mx == NULL || sc == NULL || (m = strtol(mx, NULL, 10)) <= 0)
		return;
	v = strtol(sc, NULL, 10);
	snprintf(buf, sizeof buf, "%ld", (200 * v + m) / (2 * m));   /* half up */
	record_set(rec, model_field_index(d, "pct"), buf);
}

int64_t store_element_diagnostic(struct store *s, int64_t person_id, const char *date, const char *form)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id FROM diagnostic WHERE person_id = ? AND diag_date = ?"
					 " AND form = ? AND archived = 0 LIMIT 2");
	int64_t id = 0;

	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, form, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = -1;
	}
	sqlite3_reset(st);
	return id;
}

bool store_element_block_is(struct store *s, int64_t code_id, const char *text, char **block)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT b.name, fold(b.name) = ?2 OR fold(coalesce(b.short_name, '')) = ?2"
					 " OR fold(b.code) = ?2 FROM deficit_code c JOIN competency_block b"
					 " ON b.id = c.block_id WHERE c.id = ?1");
	char *key = text_fold(text ? text : "");
	bool same = false;

	*block = NULL;
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*block = store_col(st, 0);
		same = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	free(key);
	return same;
}

/* Each active teacher's latest entry and final diagnostic of the year
 * (diag_latest, as typical deficits) with his organisation, and the
 * element results of those diagnostics, one row a result, read where they
 * are kept together (elem_latest, schema step 27: among every year's
 * results they cost a read of nearly every page). Both in the order of
 * their keys (kind, teacher), merged here (a seek per result for the
 * teacher's organisation cost more than the reading); then added up per
 * organisation and kind: the teachers with results, and per element and
 * per block the teachers, the sum of scores and the sum of maxima.
 * (Summed in C: three GROUP BYs over the region's results, two of them
 * counting distinct diagnostics, cost SQLite several times the reading.) */
static const char teachers_sql[] =
	"SELECT l.kind = 'final', l.person_id, coalesce(p.org_id, 0), coalesce(o.mun_id, 0)"
	" FROM diag_latest l JOIN person p ON p.id = l.person_id AND p.archived = 0"
	"  LEFT JOIN organisation o ON o.id = p.org_id"
	" WHERE l.year = :year AND l.kind IN ('entry', 'final') ORDER BY l.kind, l.person_id";
static const char results_sql[] =
	"SELECT kind = 'final', person_id, diag_id, code_id, score, max_score FROM elem_latest"
	" WHERE year = :year AND kind IN ('entry', 'final') ORDER BY kind, person_id";

/* The elements and their blocks (a result whose element has no block
 * counts for the teachers only). */
static const char codes_sql[] =
	"SELECT c.id, c.code, c.wording, c.sort, b.id, b.name, b.sort"
	" FROM deficit_code c JOIN competency_block b ON b.id = c.block_id ORDER BY c.id";

struct result {
	int64_t org, mun, diag, code, block;
	int fin, ci;            /* ci: the element in codes, -1 none */
	int64_t score, max;
};

struct teacher {
	int64_t person, org, mun;
	int fin, first, n;      /* its results: [first, first + n) as read */
};

/* Organisation, kind, then the teacher. */
static int cmp_teacher(const void *a, const void *b)
{
	const struct teacher *x = a, *y = b;

	if (x->org != y->org)
		return x->org < y->org ? -1 : 1;
	if (x->fin != y->fin)
		return x->fin < y->fin ? -1 : 1;
	return x->person < y->person ? -1 : x->person > y->person;
}

struct code_info {
	int64_t id, block;
	char *code, *wording, *block_name;
	int sort, block_sort;
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int find_code(const struct code_info *c, int n, int64_t id)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (c[mid].id == id)
			return mid;
		if (c[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

struct counts_out {
	struct element_count *v;
	int n, cap;
};

static struct element_count *out_push(struct counts_out *o, int part, const struct result *r)
{
	struct element_count *c;

	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 128;
		o->v = xrealloc(o->v, (size_t)o->cap * sizeof *o->v);
	}
	c = &o->v[o->n++];
	memset(c, 0, sizeof *c);
	c->part = part;
	c->org_id = r->org;
	c->mun_id = r->mun;
	c->kind = r->fin;
	return c;
}

static void out_append(struct counts_out *o, struct counts_out *part)
{
	if (o->n + part->n > o->cap) {
		o->cap = o->n + part->n;
		o->v = xrealloc(o->v, (size_t)o->cap * sizeof *o->v);
	}
	if (part->n > 0)
		memcpy(o->v + o->n, part->v, (size_t)part->n * sizeof *part->v);
	o->n += part->n;
	free(part->v);
}

/* The three parts, each in the order of its group: the teachers per
 * organisation and kind, then per element, then per block (by id). The
 * results come in order of organisation and kind, each diagnostic's
 * together; an organisation and kind's elements and blocks summed in
 * arrays. */
static void sum_results(struct result *r, int n, const struct code_info *codes, int ncodes,
			struct counts_out *o)
{
	struct counts_out el = { NULL, 0, 0 }, bl = { NULL, 0, 0 };
	int64_t *bids = xcalloc((size_t)ncodes + 1, sizeof *bids), *last;
	int nb = 0, *bof = xcalloc((size_t)ncodes + 1, sizeof *bof), *cpeople, *bpeople;
	int64_t *cscore, *cmax, *bscore, *bmax;
	int i, j;

	/* The blocks in order of id; each element's place among them. */
	for (int c = 0; c < ncodes; c++)
		bids[nb++] = codes[c].block;
	qsort(bids, (size_t)nb, sizeof *bids, cmp_i64);
	for (i = j = 0; i < nb; i++)
		if (j == 0 || bids[j - 1] != bids[i])
			bids[j++] = bids[i];
	nb = j;
	for (int c = 0; c < ncodes; c++)
		bof[c] = (int)((const int64_t *)bsearch(&codes[c].block, bids, (size_t)nb, sizeof *bids, cmp_i64) - bids);
	cpeople = xcalloc((size_t)ncodes + 1, sizeof *cpeople);
	cscore = xcalloc((size_t)ncodes + 1, sizeof *cscore);
	cmax = xcalloc((size_t)ncodes + 1, sizeof *cmax);
	bpeople = xcalloc((size_t)nb + 1, sizeof *bpeople);
	bscore = xcalloc((size_t)nb + 1, sizeof *bscore);
	bmax = xcalloc((size_t)nb + 1, sizeof *bmax);
	last = xcalloc((size_t)nb + 1, sizeof *last);
	for (i = 0; i < n; i = j) {
		struct element_count *c = out_push(o, EC_PEOPLE, &r[i]);
		memset(cpeople, 0, (size_t)ncodes * sizeof *cpeople);
		memset(cscore, 0, (size_t)ncodes * sizeof *cscore);
		memset(cmax, 0, (size_t)ncodes * sizeof *cmax);
		memset(bpeople, 0, (size_t)nb * sizeof *bpeople);
		memset(bscore, 0, (size_t)nb * sizeof *bscore);
		memset(bmax, 0, (size_t)nb * sizeof *bmax);
		for (j = i; j < n && r[j].org == r[i].org && r[j].fin == r[i].fin; j++) {
			int k = r[j].ci, b;
			if (j == i || r[j].diag != r[j - 1].diag)
				c->people++;
			if (k < 0)
				continue;   /* no block: the teachers only */
			cpeople[k]++;
			cscore[k] += r[j].score;
			cmax[k] += r[j].max;
			b = bof[k];
			/* A teacher once per block: his rows are together. */
			if (bpeople[b] == 0 || last[b] != r[j].diag)
				bpeople[b]++;
			last[b] = r[j].diag;
			bscore[b] += r[j].score;
			bmax[b] += r[j].max;
		}
		for (int k = 0; k < ncodes; k++)
			if (cpeople[k] > 0) {
				struct element_count *e = out_push(&el, EC_ELEMENT, &r[i]);
				e->item = xstrdup(codes[k].code);
				e->wording = xstrdup(codes[k].wording);
				e->block_id = codes[k].block;
				e->sort = codes[k].sort;
				e->people = cpeople[k];
				e->score = cscore[k];
				e->max = cmax[k];
			}
		for (int b = 0; b < nb; b++)
			if (bpeople[b] > 0) {
				struct element_count *e = out_push(&bl, EC_BLOCK, &r[i]);
				int k = 0;
				while (bof[k] != b)
					k++;
				e->block_id = bids[b];
				e->item = xstrdup(codes[k].block_name);
				e->sort = codes[k].block_sort;
				e->people = bpeople[b];
				e->score = bscore[b];
				e->max = bmax[b];
			}
	}
	out_append(o, &el);
	out_append(o, &bl);
	free(bids);
	free(bof);
	free(cpeople);
	free(cscore);
	free(cmax);
	free(bpeople);
	free(bscore);
	free(bmax);
	free(last);
}

int store_element_counts(struct store *s, int year, struct element_count **out, int *n)
{
	struct code_info *codes = NULL;
	struct result *res = NULL;
	struct counts_out o = { NULL, 0, 0 };
	sqlite3_stmt *st;
	struct teacher *tv = NULL;
	int ncodes = 0, ccap = 0, nres = 0, rcap = 0, nt = 0, tcap = 0, rc;
	/* One read transaction: the teachers and their results are read by
	 * separate statements, and must be of one state of the file. */
	bool own_tx = sqlite3_get_autocommit(s->db) != 0;

	*out = NULL;
	*n = 0;
	if (own_tx && store_run(s, "BEGIN", NULL) != ST_OK)
		return ST_ERROR;
	st = store_prepare(s, codes_sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct code_info *c;
		if (ncodes == ccap) {
			ccap = ccap ? 2 * ccap : 64;
			codes = xrealloc(codes, (size_t)ccap * sizeof *codes);
		}
		c = &codes[ncodes++];
		c->id = sqlite3_column_int64(st, 0);
		c->code = store_col(st, 1);
		c->wording = store_col(st, 2);
		c->sort = sqlite3_column_int(st, 3);
		c->block = sqlite3_column_int64(st, 4);
		c->block_name = store_col(st, 5);
		c->block_sort = sqlite3_column_int(st, 6);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		st = store_prepare(s, teachers_sql);
		store_bind_named_int(st, ":year", year);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct teacher *t;
			if (nt == tcap) {
				tcap = tcap ? 2 * tcap : 1024;
				tv = xrealloc(tv, (size_t)tcap * sizeof *tv);
			}
			t = &tv[nt++];
			t->fin = sqlite3_column_int(st, 0);
			t->person = sqlite3_column_int64(st, 1);
			t->org = sqlite3_column_int64(st, 2);
			t->mun = sqlite3_column_int64(st, 3);
			t->first = t->n = 0;
		}
		sqlite3_reset(st);
	}
	if (rc == SQLITE_DONE) {
		int at = 0;
		st = store_prepare(s, results_sql);
		store_bind_named_int(st, ":year", year);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct result *r;
			int fin = sqlite3_column_int(st, 0);
			int64_t person = sqlite3_column_int64(st, 1);
			/* The teacher, both in the order (kind, teacher); none: not active. */
			while (at < nt && (tv[at].fin < fin || (tv[at].fin == fin && tv[at].person < person)))
				at++;
			if (at == nt || tv[at].fin != fin || tv[at].person != person)
				continue;
			if (tv[at].n++ == 0)
				tv[at].first = nres;
			if (nres == rcap) {
				rcap = rcap ? 2 * rcap : 1024;
				res = xrealloc(res, (size_t)rcap * sizeof *res);
			}
			r = &res[nres++];
			r->org = tv[at].org;
			r->mun = tv[at].mun;
			r->fin = fin;
			r->diag = sqlite3_column_int64(st, 2);
			r->code = sqlite3_column_int64(st, 3);
			r->score = sqlite3_column_int64(st, 4);
			r->max = sqlite3_column_int64(st, 5);
			r->ci = find_code(codes, ncodes, r->code);
			r->block = r->ci >= 0 ? codes[r->ci].block : 0;
		}
		sqlite3_reset(st);
	}
	if (rc == SQLITE_DONE) {
		/* In order of organisation and kind: the teachers sorted (a
		 * fraction of the results), their results moved after them. */
		struct result *sorted = xcalloc((size_t)nres + 1, sizeof *sorted);
		int k = 0;
		if (nt > 0)
			qsort(tv, (size_t)nt, sizeof *tv, cmp_teacher);
		for (int i = 0; i < nt; i++) {
			if (tv[i].n > 0)
				memcpy(sorted + k, res + tv[i].first, (size_t)tv[i].n * sizeof *sorted);
			k += tv[i].n;
		}
		free(res);
		res = sorted;
		sum_results(res, nres, codes, ncodes, &o);
	}
	else
		store_set_error(s, errtext_db(s->db));
	if (own_tx && store_run(s, "COMMIT", NULL) != ST_OK && rc == SQLITE_DONE)
		rc = SQLITE_ERROR;
	free(res);
	free(tv);
	for (int i = 0; i < ncodes; i++) {
		free(codes[i].code);
		free(codes[i].wording);
		free(codes[i].block_name);
	}
	free(codes);
	if (rc != SQLITE_DONE) {
		store_element_counts_free(o.v, o.n);
		return ST_ERROR;
	}
	*out = o.v;
	*n = o.n;
	return ST_OK;
}

void store_element_counts_free(struct element_count *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].item);
		free(c[i].wording);
	}
	free(c);
}
