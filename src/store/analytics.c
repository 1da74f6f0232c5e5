/* Typical (mass) deficits: the region's counts for a year and a breakdown,
 * per organisation and class, counted in SQL from each teacher's latest
 * entry and latest final diagnostic of the year (see store/deficit_counts.h).
 * Nothing personal leaves the store; what may be shown is analytics.c's. */
#include "store.h"
#include "store_int.h"
#include "store/deficit_counts.h"
#include "analytics.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What typical deficits are read from (store_tables_stamp). */
#define DEFICIT_TABLES (T_PERSON | T_ORG | T_DIAG | T_DIAG_DEFICIT | T_DIAG_BLOCK | T_CODE | T_BLOCK)

/* Each active teacher's latest entry and final diagnostic of the year (the
 * latest date, then the latest record; kept in diag_latest, LATEST here,
 * store/deficit_counts.h), with his organisation, its municipality and the
 * text his class is read from; then the deficit codes and the blocks'
 * levels of those diagnostics, one row each. Counted per organisation,
 * class and kind here (one statement each for the whole region: what may
 * be shown of a group depends on its neighbours, analytics.c); GROUP BYs
 * over the region's block levels cost SQLite several times the reading. */
/* One statement per breakdown, each reading only what its class is read
 * from: a teacher's position or subjects where they are kept apart from
 * his wide row (person_cls, schema step 27; the rule itself, fresh, reads
 * the person), the diagnostic's row only for its form (a diagnostic in
 * diag_latest exists: its triggers keep it so). Each row touched costs a
 * page read when the computation is cold. */
#define SRC_SQL(cls, ptab, join) \
	"SELECT l.diag_id, l.kind = 'final', coalesce(p.org_id, 0), coalesce(o.mun_id, 0), " cls \
	" FROM LATEST l JOIN " ptab " p ON p.id = l.person_id AND p.archived = 0" join \
	"  LEFT JOIN organisation o ON o.id = p.org_id" \
	" WHERE l.year = :year AND l.kind IN ('entry', 'final')"
static const char *const src_sql[2][BY__COUNT] = {   /* kept, fresh */
	{
		[BY_NONE] = SRC_SQL("NULL", "person", ""),
		[BY_POSITION] = SRC_SQL("p.position", "person_cls", ""),
		[BY_SUBJECT] = SRC_SQL("p.subjects", "person_cls", ""),
		[BY_FORM] = SRC_SQL("d.form", "person", "  JOIN diagnostic d ON d.id = l.diag_id"),
	}, {
		[BY_NONE] = SRC_SQL("NULL", "person", ""),
		[BY_POSITION] = SRC_SQL("p.position", "person", ""),
		[BY_SUBJECT] = SRC_SQL("p.subjects", "person", ""),
		[BY_FORM] = SRC_SQL("d.form", "person", "  JOIN diagnostic d ON d.id = l.diag_id"),
	},
};
static const char codes_sql[] =
	"SELECT dd.diagnostic_id, dd.deficit_code_id FROM LATEST l"
	"  JOIN diagnostic_deficit dd ON dd.diagnostic_id = l.diag_id"
	" WHERE l.year = :year AND l.kind IN ('entry', 'final')";
static const char blocks_sql[] =
	"SELECT b.diagnostic_id, b.block_id, b.level FROM LATEST l"
	"  JOIN diagnostic_block b ON b.diagnostic_id = l.diag_id"
	" WHERE l.year = :year AND l.kind IN ('entry', 'final') AND b.level IS NOT NULL";
/* The same read where they are kept together by year (code_latest,
 * block_latest, schema step 27; store/elem_latest.h): among every year's
 * they cost a read of nearly every page of their indexes. */
static const char kept_codes_sql[] =
	"SELECT diag_id, code_id FROM code_latest WHERE year = :year AND kind IN ('entry', 'final')";
static const char kept_blocks_sql[] =
	"SELECT diag_id, block_id, level FROM block_latest WHERE year = :year AND kind IN ('entry', 'final')";
static const char code_list_sql[] = "SELECT id, code, wording FROM deficit_code ORDER BY id";
static const char block_list_sql[] = "SELECT id, name, sort FROM competency_block ORDER BY id";

struct counts {
	struct deficit_count *c;
	int n, cap;
};

static struct deficit_count *push(struct counts *o)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 256;
		o->c = xrealloc(o->c, (size_t)o->cap * sizeof *o->c);
	}
	memset(&o->c[o->n], 0, sizeof o->c[o->n]);
	return &o->c[o->n++];
}

static int cmp_count(const void *a, const void *b)
{
	const struct deficit_count *x = a, *y = b;

	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	if (x->org_id != y->org_id)
		return x->org_id < y->org_id ? -1 : 1;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->item ? x->item : "", y->item ? y->item : "");
}

/* Rows of the same organisation, class, kind and item (texts of one class)
 * become one. */
static void merge(struct counts *o)
{
	int w = 0;

	if (o->n == 0)
		return;
	/* compute() makes them in order, each once: nothing to sort or merge. */
	for (w = 1; w < o->n && cmp_count(&o->c[w - 1], &o->c[w]) < 0; w++)
		;
	if (w == o->n)
		return;
	w = 0;
	qsort(o->c, (size_t)o->n, sizeof *o->c, cmp_count);
	for (int r = 1; r < o->n; r++) {
		struct deficit_count *a = &o->c[w], *b = &o->c[r];
		if (cmp_count(a, b) == 0) {
			for (int i = 0; i < 3; i++)
				a->n[i] += b->n[i];
			free(b->item);
			free(b->wording);
		} else {
			o->c[++w] = *b;
		}
	}
	o->n = w + 1;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/* The class of each text read once per computation: the rows of a
 * region repeat a few hundred texts (analytics_class_of folds each). */
enum { MEMO_SLOTS = 1024 };
struct memo {
	char *raw[MEMO_SLOTS];
	int cls[MEMO_SLOTS];
	int used;
};

static int class_memo(struct memo *m, int by, const char *raw)
{
	unsigned h = 5381;
	int i;

	if (raw == NULL || m->used >= MEMO_SLOTS / 2)
		return analytics_class_of(by, raw);
	for (const char *p = raw; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (i = (int)(h % MEMO_SLOTS); m->raw[i]; i = (i + 1) % MEMO_SLOTS)
		if (strcmp(m->raw[i], raw) == 0)
			return m->cls[i];
	m->raw[i] = xstrdup(raw);
	m->cls[i] = analytics_class_of(by, raw);
	m->used++;
	return m->cls[i];
}

static void memo_free(struct memo *m)
{
	for (int i = 0; i < MEMO_SLOTS; i++)
		free(m->raw[i]);
}

/* A statement with LATEST as diag_latest, or (fresh) as the rule itself. */
static sqlite3_stmt *latest_prepare(struct store *s, const char *text, bool fresh, char **cache)
{
	if (*cache == NULL) {
		const char *at = strstr(text, "LATEST");
		*cache = xasprintf("%.*s%s%s", (int)(at - text), text,
				   fresh ? "(" DIAG_LATEST_OF DIAG_LATEST_GROUP ")" : "diag_latest",
				   at + strlen("LATEST"));
	}
	return store_prepare(s, *cache);
}

/* A teacher's diagnostic, and the cell (organisation, class, kind) it
 * counts in. */
struct src_diag {
	int64_t diag, org, mun;
	int cls, fin, cell;
};

struct named {
	int64_t id;
	char *name, *text;
	int sort;
};

static int cmp_src_cell(const void *a, const void *b)
{
	const struct src_diag *x = a, *y = b;

	if (x->org != y->org)
		return x->org < y->org ? -1 : 1;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->fin != y->fin)
		return x->fin < y->fin ? -1 : 1;
	return x->diag < y->diag ? -1 : x->diag > y->diag;
}

static int cmp_src_diag(const void *a, const void *b)
{
	const struct src_diag *x = a, *y = b;

	return x->diag < y->diag ? -1 : x->diag > y->diag;
}

static int find_named(const struct named *v, int n, int64_t id)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (v[mid].id == id)
			return mid;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int read_named(struct store *s, const char *sql, bool sort, struct named **out, int *n)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	int cap = 0, rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct named *x;
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		x = &(*out)[(*n)++];
		x->id = sqlite3_column_int64(st, 0);
		x->name = dup_col(st, 1);
		x->text = sort ? NULL : dup_col(st, 2);
		x->sort = sort ? sqlite3_column_int(st, 2) : 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : ST_ERROR;
}

static int cmp_named_name(const void *a, const void *b, void *v)
{
	const struct named *x = &((const struct named *)v)[*(const int *)a];
	const struct named *y = &((const struct named *)v)[*(const int *)b];

	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

/* order[0..n): the indexes of v by name. */
static void named_order(const struct named *v, int n, int *order)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	if (n > 1)
		qsort_r(order, (size_t)n, sizeof *order, cmp_named_name, (void *)v);
}

static void named_free(struct named *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].text);
	}
	free(v);
}

/* The teachers' diagnostics of a diagnostic id: [*lo, *hi) in by_diag. */
static bool diag_range(const struct src_diag *by_diag, int n, int64_t diag, int *lo, int *hi)
{
	int a = 0, b = n;

	while (a < b) {
		int mid = a + (b - a) / 2;
		if (by_diag[mid].diag < diag)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (b < n && by_diag[b].diag == diag)
		b++;
	*hi = b;
	return *hi > *lo;
}

static struct deficit_count *push_cell(struct counts *o, int part, const struct src_diag *d)
{
	struct deficit_count *c = push(o);

	c->part = part;
	c->org_id = d->org;
	c->mun_id = d->mun;
	c->cls = d->cls;
	c->kind = d->fin;
	return c;
}

/* The counts with each teacher's latest diagnostics read where they are
 * kept, or (fresh) computed by their rule from every diagnostic. */
static int compute(struct store *s, int year, int by, bool fresh, struct counts *o)
{
	static char *sql[3][2], *src_text[BY__COUNT][2];
	struct src_diag *src = NULL, *cellv;
	struct named *codes = NULL, *blocks = NULL;
	int *ncode = NULL, *nlevel = NULL;
	bool *has_block = NULL;
	struct memo memo;
	sqlite3_stmt *st;
	int nsrc = 0, cap = 0, ncells = 0, nc = 0, nb = 0, rc, lo, hi, q;

	if (read_named(s, code_list_sql, false, &codes, &nc) != ST_OK ||
	    read_named(s, block_list_sql, true, &blocks, &nb) != ST_OK) {
		named_free(codes, nc);
		named_free(blocks, nb);
		return ST_ERROR;
	}
	memset(&memo, 0, sizeof memo);
	q = by > BY_NONE && by < BY__COUNT ? by : BY_NONE;   /* another: no class text, as before */
	st = latest_prepare(s, src_sql[fresh][q], fresh, &src_text[q][fresh]);
	store_bind_named_int(st, ":year", year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct src_diag *d;
		if (nsrc == cap) {
			cap = cap ? 2 * cap : 1024;
			src = xrealloc(src, (size_t)cap * sizeof *src);
		}
		d = &src[nsrc++];
		d->diag = sqlite3_column_int64(st, 0);
		d->fin = sqlite3_column_int(st, 1);
		d->org = sqlite3_column_int64(st, 2);
		d->mun = sqlite3_column_int64(st, 3);
		d->cls = class_memo(&memo, by, (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_reset(st);
	memo_free(&memo);
	if (rc != SQLITE_DONE)
		goto done;
	/* The cells, and the teachers of each. */
	if (nsrc > 0)
		qsort(src, (size_t)nsrc, sizeof *src, cmp_src_cell);
	cellv = xcalloc((size_t)nsrc + 1, sizeof *cellv);
	for (int i = 0; i < nsrc; i++) {
		if (i == 0 || src[i].org != src[i - 1].org || src[i].cls != src[i - 1].cls ||
		    src[i].fin != src[i - 1].fin) {
			cellv[ncells] = src[i];
			push_cell(o, DC_PEOPLE, &src[i]);
			ncells++;
		}
		src[i].cell = ncells - 1;
		o->c[o->n - 1].n[0]++;
	}
	if (nsrc > 0)
		qsort(src, (size_t)nsrc, sizeof *src, cmp_src_diag);
	ncode = xcalloc((size_t)ncells * (size_t)nc + 1, sizeof *ncode);
	nlevel = xcalloc((size_t)ncells * (size_t)nb * 3 + 1, sizeof *nlevel);
	has_block = xcalloc((size_t)ncells * (size_t)nb + 1, sizeof *has_block);
	st = fresh ? latest_prepare(s, codes_sql, fresh, &sql[1][fresh]) : store_prepare(s, kept_codes_sql);
	store_bind_named_int(st, ":year", year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int j = find_named(codes, nc, sqlite3_column_int64(st, 1));
		if (j < 0 || !diag_range(src, nsrc, sqlite3_column_int64(st, 0), &lo, &hi))
			continue;
		for (int i = lo; i < hi; i++)
			ncode[(size_t)src[i].cell * (size_t)nc + (size_t)j]++;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		st = fresh ? latest_prepare(s, blocks_sql, fresh, &sql[2][fresh])
			   : store_prepare(s, kept_blocks_sql);
		store_bind_named_int(st, ":year", year);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int j = find_named(blocks, nb, sqlite3_column_int64(st, 1));
			const char *level = (const char *)sqlite3_column_text(st, 2);
			int l = level == NULL ? -1 : strcmp(level, "high") == 0 ? 0 : strcmp(level, "medium") == 0 ? 1
				: strcmp(level, "low") == 0 ? 2 : -1;
			if (j < 0 || !diag_range(src, nsrc, sqlite3_column_int64(st, 0), &lo, &hi))
				continue;
			for (int i = lo; i < hi; i++) {
				size_t x = (size_t)src[i].cell * (size_t)nb + (size_t)j;
				has_block[x] = true;
				if (l >= 0)
					nlevel[x * 3 + (size_t)l]++;
			}
		}
		sqlite3_reset(st);
	}
	if (rc == SQLITE_DONE) {
		/* Cell by cell, the codes and then the blocks by name: the order
		 * of the result (merge). */
		int *by_name = xcalloc((size_t)(nc > nb ? nc : nb) + 1, sizeof *by_name);
		named_order(codes, nc, by_name);
		for (int c = 0; c < ncells; c++)
			for (int jj = 0; jj < nc; jj++) {
				int j = by_name[jj];
				if (ncode[(size_t)c * (size_t)nc + (size_t)j] > 0) {
					struct deficit_count *r = push_cell(o, DC_CODE, &cellv[c]);
					r->item = xstrdup(codes[j].name);
					r->wording = xstrdup(codes[j].text);
					r->n[0] = ncode[(size_t)c * (size_t)nc + (size_t)j];
				}
			}
		named_order(blocks, nb, by_name);
		for (int c = 0; c < ncells; c++)
			for (int jj = 0; jj < nb; jj++) {
				int j = by_name[jj];
				size_t x = (size_t)c * (size_t)nb + (size_t)j;
				struct deficit_count *r;
				if (!has_block[x])
					continue;
				r = push_cell(o, DC_BLOCK, &cellv[c]);
				r->item = xstrdup(blocks[j].name);
				r->sort = blocks[j].sort;
				for (int l = 0; l < 3; l++)
					r->n[l] = nlevel[x * 3 + (size_t)l];
			}
		free(by_name);
	}
	free(cellv);
	free(ncode);
	free(nlevel);
	free(has_block);
done:
	free(src);
	named_free(codes, nc);
	named_free(blocks, nb);
	if (rc != SQLITE_DONE)
		return ST_ERROR;
	merge(o);
	return ST_OK;
}

/* A computed result is kept as one row (part KEPT_TABLED) whose t1 holds
 * every count packed (below): one insert and one read, not one per count
 * (40 000 at 30 000 teachers). Rows of the older layouts are still read:
 * KEPT_PACKED (each count with its texts: 12 MB at 100 000 teachers, a
 * cold computation's largest write), and one row per count — part >= 0,
 * the block's place, the class and the kind packed in n3; part -1 for an
 * empty result. */
enum { KEPT_EMPTY = -1, KEPT_PACKED = -2, KEPT_TABLED = -3 };

/* The packed counts: per count, little-endian, part (4 bytes),
 * organisation, municipality (8 each), class (4), kind (1), sort (4),
 * n[0..2] (4 each), then item and wording, each as its length (4; all ones
 * for none) and its bytes. */
struct buf {
	unsigned char *p;
	size_t n, cap;
};

static void put(struct buf *b, uint64_t v, int bytes)
{
	if (b->n + (size_t)bytes > b->cap) {
		b->cap = b->cap ? 2 * b->cap : 65536;
		b->p = xrealloc(b->p, b->cap);
	}
	for (int i = 0; i < bytes; i++)
		b->p[b->n++] = (unsigned char)(v >> (8 * i));
}

static bool get(const unsigned char *p, size_t n, size_t *at, int bytes, uint64_t *v)
{
	if (n - *at < (size_t)bytes)
		return false;
	*v = 0;
	for (int i = 0; i < bytes; i++)
		*v |= (uint64_t)p[(*at)++] << (8 * i);
	return true;
}

static bool get_text(const unsigned char *p, size_t n, size_t *at, char **t)
{
	uint64_t len;

	*t = NULL;
	if (!get(p, n, at, 4, &len))
		return false;
	if (len == 0xffffffffu)
		return true;
	if (n - *at < len)
		return false;
	*t = xstrndup((const char *)p + *at, (size_t)len);
	*at += (size_t)len;
	return true;
}

static bool unpack(const unsigned char *p, size_t n, struct counts *o)
{
	size_t at = 0;

	while (at < n) {
		struct deficit_count *c = push(o);
		uint64_t v[9];
		static const int bytes[9] = { 4, 8, 8, 4, 1, 4, 4, 4, 4 };
		for (int i = 0; i < 9; i++)
			if (!get(p, n, &at, bytes[i], &v[i]))
				return false;
		c->part = (int)(int32_t)v[0];
		c->org_id = (int64_t)v[1];
		c->mun_id = (int64_t)v[2];
		c->cls = (int)(int32_t)v[3];
		c->kind = (int)v[4];
		c->sort = (int)(int32_t)v[5];
		for (int i = 0; i < 3; i++)
			c->n[i] = (int)(int32_t)v[6 + i];
		if (!get_text(p, n, &at, &c->item) || !get_text(p, n, &at, &c->wording))
			return false;
	}
	return true;
}

/* The tabled layout: the number of counts; the texts once (their number,
 * then each as its length + 1, 0 for none, and its bytes); then per count
 * its part, organisation, municipality, class, kind, sort, n[0..2] and the
 * places of its item and wording among the texts (+ 1, 0 for none). Every
 * number a varint (7 bits a byte, low first), the signed ones zigzagged. */
static void put_var(struct buf *b, uint64_t v)
{
	do {
		put(b, (v & 0x7f) | (v > 0x7f ? 0x80 : 0), 1);
		v >>= 7;
	} while (v);
}

static uint64_t zig(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t unzig(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static bool get_var(const unsigned char *p, size_t n, size_t *at, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (*at >= n)
			return false;
		*v |= (uint64_t)(p[*at] & 0x7f) << shift;
		if (!(p[(*at)++] & 0x80))
			return true;
	}
	return false;
}

/* The texts of a result, each once (a region's counts repeat a few dozen). */
struct texts {
	const char **v;
	int n, cap;
	int *slot;          /* hash slots: index + 1, 0 empty */
	int nslot;
};

static unsigned text_hash(const char *t)
{
	unsigned h = 5381;

	for (; *t; t++)
		h = h * 33 + (unsigned char)*t;
	return h;
}

static int text_place(struct texts *x, const char *t)
{
	unsigned i;

	if (t == NULL)
		return 0;
	if (2 * (x->n + 1) > x->nslot) {
		free(x->slot);
		x->nslot = x->nslot ? 2 * x->nslot : 256;
		x->slot = xcalloc((size_t)x->nslot, sizeof *x->slot);
		for (int k = 0; k < x->n; k++) {
			for (i = text_hash(x->v[k]) % (unsigned)x->nslot; x->slot[i]; i = (i + 1) % (unsigned)x->nslot)
				;
			x->slot[i] = k + 1;
		}
	}
	for (i = text_hash(t) % (unsigned)x->nslot; x->slot[i]; i = (i + 1) % (unsigned)x->nslot)
		if (strcmp(x->v[x->slot[i] - 1], t) == 0)
			return x->slot[i];
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->v = xrealloc(x->v, (size_t)x->cap * sizeof *x->v);
	}
	x->v[x->n++] = t;
	x->slot[i] = x->n;
	return x->n;
}

static void pack_tabled(const struct counts *o, struct buf *b)
{
	struct texts x = { NULL, 0, 0, NULL, 0 };
	struct buf c = { NULL, 0, 0 };

	for (int i = 0; i < o->n; i++) {
		const struct deficit_count *d = &o->c[i];
		put_var(&c, zig(d->part));
		put_var(&c, zig(d->org_id));
		put_var(&c, zig(d->mun_id));
		put_var(&c, zig(d->cls));
		put_var(&c, zig(d->kind));
		put_var(&c, zig(d->sort));
		for (int j = 0; j < 3; j++)
			put_var(&c, zig(d->n[j]));
		put_var(&c, (uint64_t)text_place(&x, d->item));
		put_var(&c, (uint64_t)text_place(&x, d->wording));
	}
	put_var(b, (uint64_t)o->n);
	put_var(b, (uint64_t)x.n);
	for (int k = 0; k < x.n; k++) {
		size_t len = strlen(x.v[k]);
		put_var(b, (uint64_t)len + 1);
		while (b->n + len > b->cap) {
			b->cap = b->cap ? 2 * b->cap : 65536;
			b->p = xrealloc(b->p, b->cap);
		}
		memcpy(b->p + b->n, x.v[k], len);
		b->n += len;
	}
	while (b->n + c.n > b->cap) {
		b->cap = b->cap ? 2 * b->cap : 65536;
		b->p = xrealloc(b->p, b->cap);
	}
	if (c.n > 0)
		memcpy(b->p + b->n, c.p, c.n);
	b->n += c.n;
	free(c.p);
	free(x.v);
	free(x.slot);
}

static bool unpack_tabled(const unsigned char *p, size_t n, struct counts *o)
{
	size_t at = 0;
	uint64_t nc, nt, v[11], got = 0;
	char **t = NULL;
	bool ok = get_var(p, n, &at, &nc) && get_var(p, n, &at, &nt) && nt <= n;

	if (ok)
		t = xcalloc((size_t)nt + 1, sizeof *t);
	for (uint64_t k = 0; ok && k < nt; k++) {
		uint64_t len;
		ok = get_var(p, n, &at, &len) && len > 0 && len - 1 <= n - at;
		if (ok) {
			t[k] = xstrndup((const char *)p + at, (size_t)(len - 1));
			at += (size_t)(len - 1);
		}
	}
	while (ok && at < n) {
		struct deficit_count *c;
		for (int i = 0; ok && i < 11; i++)
			ok = get_var(p, n, &at, &v[i]);
		if (!ok || v[9] > nt || v[10] > nt)
			break;
		c = push(o);
		c->part = (int)unzig(v[0]);
		c->org_id = unzig(v[1]);
		c->mun_id = unzig(v[2]);
		c->cls = (int)unzig(v[3]);
		c->kind = (int)unzig(v[4]);
		c->sort = (int)unzig(v[5]);
		for (int i = 0; i < 3; i++)
			c->n[i] = (int)unzig(v[6 + i]);
		c->item = v[9] ? xstrdup(t[v[9] - 1]) : NULL;
		c->wording = v[10] ? xstrdup(t[v[10] - 1]) : NULL;
		got++;
	}
	ok = ok && at == n && got == nc;   /* all of it: not cut short */
	for (uint64_t k = 0; t && k < nt; k++)
		free(t[k]);
	free(t);
	return ok;
}

static bool cache_read(struct store *s, const char *key, int64_t stamp, struct counts *o)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT part, t1, t2, n1, n2, n3, n4, n5, n6 FROM deficit_cache"
					 " WHERE grp = ? AND stamp = ? ORDER BY seq");
	bool hit = false;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, stamp);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t packed = sqlite3_column_int64(st, 5);
		int part = sqlite3_column_int(st, 0);
		hit = true;
		if (part == KEPT_PACKED || part == KEPT_TABLED) {
			const unsigned char *p = sqlite3_column_blob(st, 1);
			size_t len = (size_t)sqlite3_column_bytes(st, 1);
			if (!(part == KEPT_PACKED ? unpack(p, len, o) : unpack_tabled(p, len, o)))
				hit = false;   /* not as written: computed again */
			break;
		}
		if (part < 0)
			continue;   /* the marker of an empty result */
		struct deficit_count *c = push(o);
		c->part = part;
		c->item = dup_col(st, 1);
		c->wording = dup_col(st, 2);
		c->org_id = sqlite3_column_int64(st, 3);
		c->mun_id = sqlite3_column_int64(st, 4);
		c->kind = (int)(packed & 1);
		c->cls = (int)((packed >> 1) & 63);
		c->sort = (int)(packed >> 7);
		for (int i = 0; i < 3; i++)
			c->n[i] = sqlite3_column_int(st, 6 + i);
	}
	sqlite3_reset(st);
	return hit;
}

/* Keep a computed result in a transaction of its own (not when the caller
 * has one open); a failure only means it is computed again next time. */
static void cache_write(struct store *s, const char *key, int64_t stamp, const struct counts *o)
{
	/* The key up to its last field: the year and the breakdown. */
	char *prefix = xstrndup(key, (size_t)(strrchr(key, '|') - key + 1));
	struct buf b = { NULL, 0, 0 };
	sqlite3_stmt *st;
	int rc;

	if (!store_cache_begin(s)) {
		free(prefix);
		return;
	}
	/* Rows of older counters are stale for every key, and so are those of
	 * the same year and breakdown under older versions: they go too. */
	rc = store_run(s, "DELETE FROM deficit_cache WHERE stamp <> ?"
		       " OR substr(grp, 1, length(?)) = ?", "itt", stamp, prefix, prefix);
	pack_tabled(o, &b);
	st = store_prepare(s, "INSERT INTO deficit_cache (grp, seq, part, t1, stamp) VALUES (?, 0, ?, ?, ?)");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, KEPT_TABLED);
	sqlite3_bind_blob(st, 3, b.p ? (const void *)b.p : (const void *)"", (int)b.n, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, stamp);
	if (rc == ST_OK)
		rc = store_step_done(s, st);
	else
		sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	store_end(s, rc);
	free(b.p);
	free(prefix);
}

int store_deficit_counts(struct store *s, int year, int by, struct deficit_count **out, int *n)
{
	struct counts o = { NULL, 0, 0 };
	/* The counters first: a change committed meanwhile makes the kept
	 * result stale at once, never wrong. */
	int64_t stamp = store_tables_stamp(s, DEFICIT_TABLES);
	char *key = xasprintf("deficits|%d|%s", year, analytics_breakdown(by)->code);
	int rc = ST_OK;

	if (!cache_read(s, key, stamp, &o)) {
		store_deficit_counts_free(o.c, o.n);
		o.c = NULL;
		o.n = o.cap = 0;
		rc = compute(s, year, by, false, &o);
		if (rc == ST_OK)
			cache_write(s, key, stamp, &o);
	}
	free(key);
	if (rc != ST_OK) {
		store_deficit_counts_free(o.c, o.n);
		o.c = NULL;
		o.n = 0;
	}
	*out = o.c;
	*n = o.n;
	return rc;
}

int store_deficit_counts_fresh(struct store *s, int year, int by, struct deficit_count **out, int *n)
{
	struct counts o = { NULL, 0, 0 };
	int rc = compute(s, year, by, true, &o);

	*out = o.c;
	*n = o.n;
	return rc;
}

void store_deficit_counts_free(struct deficit_count *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].item);
		free(c[i].wording);
	}
	free(c);
}

int store_deficit_years(struct store *s, int this_year, int *years, int max)
{
	/* min() and max() of an indexed column alone are one index probe each. */
	int first = (int)store_int(s, "SELECT CAST(substr(min(diag_date), 1, 4) AS INTEGER) FROM diagnostic", NULL);
	int last = (int)store_int(s, "SELECT CAST(substr(max(diag_date), 1, 4) AS INTEGER) FROM diagnostic", NULL);
	int n = 0;

	if (last < this_year)
		last = this_year;
	if (last > 2100)
		last = 2100;
	if (first == 0 || first > last)   /* no diagnostics yet */
		first = last;
	if (first < 2000)
		first = 2000;
	if (last - first + 1 > max)
		first = last - max + 1;
	for (int y = first; y <= last; y++)
		years[n++] = y;
	return n;
}

char *store_deficit_group_code(struct store *s, const char *kind, int64_t id)
{
	bool mun = strcmp(kind, "mun") == 0;
	char *code, *out;

	if (!mun && strcmp(kind, "org") != 0)
		return xstrdup("region");
	code = store_text(s, mun ? "SELECT code FROM municipality WHERE id = ?" : "SELECT code FROM organisation WHERE id = ?",
			  "i", id);
	out = xasprintf("%s:%s", kind, code ? code : "");
	free(code);
	return out;
}

int store_deficit_groups(struct store *s, const struct store_scope *sc, struct deficit_group_ref **out,
			 int *n)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT 'region', 0 WHERE :all"
		" UNION ALL SELECT * FROM (SELECT 'mun', m.id FROM municipality m"
		"  WHERE :all OR m.id IN (SELECT value FROM json_each(:muns)) ORDER BY m.code)"
		" UNION ALL SELECT * FROM (SELECT 'org', o.id FROM organisation o"
		"  WHERE :all OR o.id IN (SELECT value FROM json_each(:orgs))"
		"  OR o.mun_id IN (SELECT value FROM json_each(:muns)) ORDER BY o.code)");
	int cap = 0, rc;

	*out = NULL;
	*n = 0;
	store_bind_named_int(st, ":all", sc->all);
	store_bind_named_text(st, ":muns", sc->muns);
	store_bind_named_text(st, ":orgs", sc->orgs);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		strlcpy0((*out)[*n].kind, (const char *)sqlite3_column_text(st, 0), sizeof (*out)[*n].kind);
		(*out)[*n].id = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : ST_ERROR;
}
