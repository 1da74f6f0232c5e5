/* Paged lists: every list pages by key ((sort_key, id) > anchor LIMIT n), and
 * the access scope is one bound condition shared by lists, counts and single
 * records. Nothing here loads a whole table. */
#include "errtext.h"
#include "store.h"
#include "store_int.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parts of the person scope (access.c's reach), each a condition on
 * p the planner can use as an index range: own person, curated persons,
 * the grant's organisations, the grant's municipalities (through their
 * organisations). store_scope_sql is their union with the whole region as
 * a bound flag; store_scope_where() the same union with only the parts a
 * given scope has, so a list of one school reads that school's rows. */
#define SCOPE_SELF "p.id = :sc_self"
#define SCOPE_CURATED \
	"p.id IN (SELECT person_id FROM curatorship WHERE curator_id = :sc_cur" \
	"         AND (end_date IS NULL OR end_date >= today()))" \
	" OR p.id IN (SELECT person_id FROM iom WHERE curator_id = :sc_cur AND archived = 0)"
#define SCOPE_ORGS_OF(col) col " IN (SELECT value FROM json_each(:sc_orgs))"
#define SCOPE_MUNS_OF(col) \
	col " IN (SELECT id FROM organisation WHERE mun_id IN (SELECT value FROM json_each(:sc_muns)))"
#define SCOPE_ORGS SCOPE_ORGS_OF("p.org_id")
#define SCOPE_MUNS SCOPE_MUNS_OF("p.org_id")

const char store_scope_sql[] =
	"(:sc_all OR " SCOPE_SELF " OR " SCOPE_CURATED " OR " SCOPE_ORGS " OR " SCOPE_MUNS ")";

/* The parts a scope has, as bits (SC_ALL alone when it is the region). */
enum { SC_ALL = 1, SC_SELF = 2, SC_CUR = 4, SC_ORGS = 8, SC_MUNS = 16, SC_SHAPES = 32 };

static bool json_ids(const char *j)
{
	return j && strcmp(j, "[]") != 0;
}

static unsigned scope_shape(const struct store_scope *sc)
{
	if (sc == NULL)
		return 0;
	if (sc->all)
		return SC_ALL;
	return (sc->self_person ? SC_SELF : 0) | (sc->curator_person ? SC_CUR : 0) |
	       (json_ids(sc->orgs) ? SC_ORGS : 0) | (json_ids(sc->muns) ? SC_MUNS : 0);
}

static const char *scope_where_of(unsigned shape)
{
	static char *made[SC_SHAPES];
	/* A municipality's persons are a good part of the region: its list
	 * walks the surname order (the + keeps the organisation index out)
	 * and stops at its page, instead of sorting all of them. */
	static const char *const parts[] = { NULL, SCOPE_SELF, SCOPE_CURATED, SCOPE_ORGS,
					     SCOPE_MUNS_OF("+p.org_id") };

	if (shape & SC_ALL)
		return "1";
	if (shape == 0)
		return "0";
	if (made[shape] == NULL) {
		char *w = xstrdup("(");
		for (unsigned b = 1; b < NITEMS(parts); b++) {
			char *n;
			if (!(shape & (1u << b)))
				continue;
			n = xasprintf("%s%s%s", w, w[1] ? " OR " : "", parts[b]);
			free(w);
			w = n;
		}
		made[shape] = xasprintf("%s)", w);
		free(w);
	}
	return made[shape];
}

const char *store_scope_where(const struct store_scope *sc)
{
	return scope_where_of(scope_shape(sc));
}

const char store_org_scope_sql[] =
	"(:sc_all OR o.id IN (SELECT value FROM json_each(:sc_orgs))"
	" OR o.mun_id IN (SELECT value FROM json_each(:sc_muns))"
	" OR o.id IN (SELECT org_id FROM person WHERE id = :sc_self OR id IN"
	"   (SELECT person_id FROM curatorship WHERE curator_id = :sc_cur"
	"    AND (end_date IS NULL OR end_date >= today()))))";

void store_bind_named_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

void store_bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i <= 0)
		return;
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store_bind_scope(sqlite3_stmt *st, const struct store_scope *sc)
{
	static const struct store_scope none = { false, 0, 0, NULL, NULL };

	if (sc == NULL)
		sc = &none;
	store_bind_named_int(st, ":sc_all", sc->all);
	store_bind_named_int(st, ":sc_self", sc->self_person);
	store_bind_named_int(st, ":sc_cur", sc->curator_person);
	store_bind_named_text(st, ":sc_orgs", sc->orgs ? sc->orgs : "[]");
	store_bind_named_text(st, ":sc_muns", sc->muns ? sc->muns : "[]");
}

static void fold_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t;
	char *f;

	(void)argc;
	t = sqlite3_value_text(argv[0]);
	if (t == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	f = text_fold((const char *)t);
	sqlite3_result_text(ctx, f, -1, free);
}

/* A code as compared: folded, Cyrillic look-alikes as Latin («ОО026»,
 * «oo026» and "OO026" are one key; «М-1» and "M-1" too). The fold is
 * text_code_fold(), not text_fold(): the key must equal the code_cmp
 * column schema step 10 computes in built-in SQL. */
char *store_code_key(const char *code)
{
	char *f = text_code_fold(code), *k = text_latin_lookalike(f);

	/* Any Latin capital left by the look-alikes comes out small. */
	for (char *c = k; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	free(f);
	return k;
}

static void code_key_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t;

	(void)argc;
	t = sqlite3_value_text(argv[0]);
	if (t == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, store_code_key((const char *)t), -1, free);
}

/* A copy without the spaces after «№», so that «№23» and «№ 23» agree. */
static char *squeeze_numero(const char *s)
{
	char *out = xstrdup(s), *o = out;

	while (*s) {
		if (strncmp(s, "№", strlen("№")) == 0) {
			memcpy(o, s, strlen("№"));
			o += strlen("№");
			s += strlen("№");
			while (*s == ' ')
				s++;
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Whether the character that ends just before p (within s) is part of a
 * word: a Latin letter or digit, or any letter beyond ASCII; quotes,
 * punctuation and «№» are not. */
static bool word_before(const char *s, const char *p)
{
	const char *q = p;
	uint32_t cp;

	if (p == s)
		return false;
	while (q > s && ((unsigned char)q[-1] & 0xc0) == 0x80)
		q--;
	if (q > s)
		q--;
	if (utf8_decode(q, (size_t)(p - q), &cp) == 0)
		return false;
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && !(cp >= 0x2000 && cp <= 0x2bff);
}

/* word_in(text, q): 1 when folded q starts a word of text (folded here):
 * «гимназия», «23», «№ 23» in «МБОУ «Гимназия № 23»», not «3». */
static void word_in_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t = sqlite3_value_text(argv[0]), *q = sqlite3_value_text(argv[1]);
	char *hay, *needle, *f;
	int found = 0;

	(void)argc;
	if (t == NULL || q == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	f = text_fold((const char *)t);
	hay = squeeze_numero(f);
	free(f);
	needle = squeeze_numero((const char *)q);
	if (*needle) {
		for (const char *p = strstr(hay, needle); p && !found; p = strstr(p + 1, needle))
			found = !word_before(hay, p);
	}
	free(hay);
	free(needle);
	sqlite3_result_int(ctx, found);
}

/* --- persons by name as people write them (store_int.h) --- */

#define NAME_MAX_TOKENS 8
#define NAME_MAX_PARTS 24

/* A part of a name: a word of the key, whole (piece -1) or one of its
 * hyphen-separated pieces. */
struct name_part {
	const char *s;
	size_t n;
	int word, piece;
};

/* The parts of a folded key (words one space apart), as the triggers of
 * schema step 11 put them in person_name_part. Returns their number. */
static int name_parts(const char *key, struct name_part *v, int max)
{
	int n = 0, word = 0;

	for (const char *p = key; *p && n < max; word++) {
		size_t len = strcspn(p, " ");
		if (len > 0) {
			v[n++] = (struct name_part){ p, len, word, -1 };
			if (memchr(p, '-', len)) {
				const char *q = p, *end = p + len;
				for (int piece = 0; q < end && n < max; piece++) {
					const char *h = memchr(q, '-', (size_t)(end - q));
					size_t plen = (size_t)((h ? h : end) - q);
					if (plen > 0)
						v[n++] = (struct name_part){ q, plen, word, piece };
					q = h ? h + 1 : end;
				}
			}
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return n;
}

/* Every part of a key, as many as it has (the triggers of step 11 put
 * them all in person_name_part, and the letters' tally of step 28 counts
 * them all): in stack when they fit, else in memory the caller frees.
 * A word gives itself and its pieces: at most 2 × separators + 2. */
static struct name_part *name_parts_all(const char *key, struct name_part *stack, int *np)
{
	size_t seps = 0, cap;
	struct name_part *v;

	for (const char *p = key; *p; p++)
		seps += *p == ' ' || *p == '-';
	cap = 2 * seps + 2;
	v = cap <= NAME_MAX_PARTS ? stack : xcalloc(cap, sizeof *v);
	*np = name_parts(key, v, (int)cap);
	return v;
}

/* Tokens of a query string (one space apart): pointers into it, cut. */
static int name_tokens(char *q, char **tok, int max)
{
	int n = 0;
	char *save = NULL;

	for (char *t = strtok_r(q, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (n == max)
			return -1;
		tok[n++] = t;
	}
	return n;
}

static bool name_conflict(const struct name_part *a, const struct name_part *b)
{
	return a->word == b->word && (a->piece < 0 || b->piece < 0 || a->piece == b->piece);
}

/* Whether tokens i.. can each take a part of their own (used[] holds the
 * parts taken by tokens 0..i-1). */
static bool name_assign(char **tok, int ntok, int i, const struct name_part *parts, int np,
			int *used)
{
	size_t tlen;

	if (i == ntok)
		return true;
	tlen = strlen(tok[i]);
	for (int k = 0; k < np; k++) {
		bool free_part = true;
		if (parts[k].n < tlen || memcmp(parts[k].s, tok[i], tlen) != 0)
			continue;
		for (int j = 0; j < i && free_part; j++)
			free_part = !name_conflict(&parts[used[j]], &parts[k]);
		if (!free_part)
			continue;
		used[i] = k;
		if (name_assign(tok, ntok, i + 1, parts, np, used))
			return true;
	}
	return false;
}

/* name_match(key, q): 1 when each token of q (folded, one space apart, as
 * store_name_query makes it) starts a different part of the folded key. */
static void name_match_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *key = sqlite3_value_text(argv[0]), *q = sqlite3_value_text(argv[1]);
	struct name_part parts[NAME_MAX_PARTS], *all;
	char *tok[NAME_MAX_TOKENS], *copy;
	int used[NAME_MAX_TOKENS], np, nt;

	(void)argc;
	if (key == NULL || q == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	copy = xstrdup((const char *)q);
	all = name_parts_all((const char *)key, parts, &np);
	nt = name_tokens(copy, tok, NAME_MAX_TOKENS);
	sqlite3_result_int(ctx, nt >= 0 && name_assign(tok, nt, 0, all, np, used));
	if (all != parts)
		free(all);
	free(copy);
}

/* name_pick(key, part, q, drive): 1 for one part of each person that
 * matches q: the least of the parts of his key the token drive starts.
 * A statement driven by the range of drive in person_name_part thus meets
 * each person once, without reading him. */
static void name_pick_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *key = (const char *)sqlite3_value_text(argv[0]);
	const char *part = (const char *)sqlite3_value_text(argv[1]);
	const char *drive = (const char *)sqlite3_value_text(argv[3]);
	const char *q;
	struct name_part parts[NAME_MAX_PARTS], *all;
	const struct name_part *least = NULL;
	size_t dlen;
	bool picked;
	int np;

	(void)argc;
	if (key == NULL || part == NULL || drive == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	dlen = strlen(drive);
	all = name_parts_all(key, parts, &np);
	for (int k = 0; k < np; k++) {
		const struct name_part *c = &all[k];
		if (c->n < dlen || memcmp(c->s, drive, dlen) != 0)
			continue;
		if (least == NULL) {
			least = c;
		} else {
			size_t m = c->n < least->n ? c->n : least->n;
			int r = memcmp(c->s, least->s, m);
			if (r < 0 || (r == 0 && c->n < least->n))
				least = c;
		}
	}
	picked = least != NULL && strlen(part) == least->n && memcmp(part, least->s, least->n) == 0;
	if (all != parts)
		free(all);
	if (!picked) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	/* One token (the drive itself): the part it starts is the match. */
	q = (const char *)sqlite3_value_text(argv[2]);
	if (q != NULL && strcmp(q, drive) == 0) {
		sqlite3_result_int(ctx, 1);
		return;
	}
	{
		sqlite3_value *kq[2] = { argv[0], argv[2] };
		name_match_func(ctx, 2, kq);
	}
}

/* The plan (store_int.h). A walk in surname order meets the persons whose
 * surname starts with the token all at one place, the others (a name, a
 * patronymic, an inner piece) spread evenly over the surnames: it is
 * quick when the latter are many, NAME_WALK_FROM of 30 000 putting one in
 * a hundred rows. Below that, the part index drives. One read of the
 * token's range in the part index, at most NAME_PLAN_ROWS rows, tells
 * both: a part that is a person's whole first word is his surname, any
 * other a name, patronymic or piece. A range that fills NAME_PLAN_ROWS
 * walks (beyond NAME_PLAN_ROWS - NAME_WALK_FROM surnames, the sort of the
 * drive costs more than the walk). A query of several words matches only
 * where all of them meet, so few rows of the walk do (the walk for
 * «петрова виктория», driven by «виктория», read the whole register for
 * 12 rows: 35 ms at 30 000): it walks only when its drive fills
 * NAME_PLAN_ROWS. */
#define NAME_WALK_FROM 300
#define NAME_PLAN_ROWS (17 * NAME_WALK_FROM)

/* What the register's counts and plans read changes this counter
 * (schema step 21), and the organisations' their municipalities. */
static int64_t register_stamp(struct store *s)
{
	return store_int(s, "SELECT coalesce(sum(n), 0) FROM data_stamp"
			 " WHERE tbl IN ('person_register', 'organisation')", NULL);
}

static enum name_plan name_plan_for(struct store *s, const char *drive, bool several, bool wide)
{
	sqlite3_stmt *st;
	int64_t rows = 0, others = 0, stamp, enough = several ? INT64_MAX : NAME_WALK_FROM;

	if (!wide)
		return NAME_DRIVE;
	stamp = register_stamp(s);
	if (s->plan_memo.drive && s->plan_memo.stamp == stamp && s->plan_memo.several == several &&
	    strcmp(s->plan_memo.drive, drive) == 0)
		return (enum name_plan)s->plan_memo.plan;
	/* Stepped here, so the read stops at the NAME_WALK_FROM-th other part:
	 * a one-letter token decides after a few hundred rows, not the
	 * NAME_PLAN_ROWS a whole count would read. The decision is the same. */
	st = store_prepare(s, "SELECT part, surname_key FROM person_name_part"
			   " WHERE part >= ?1 AND part < ?1 || x'f48fbfbf' LIMIT ?2");
	sqlite3_bind_text(st, 1, drive, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, NAME_PLAN_ROWS);
	while (others < enough && sqlite3_step(st) == SQLITE_ROW) {
		const char *part = (const char *)sqlite3_column_text(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 1);
		size_t plen = part ? strlen(part) : 0;
		rows++;
		if (part == NULL || key == NULL || strncmp(key, part, plen) != 0 || (key[plen] != '\0' && key[plen] != ' '))
			others++;
	}
	sqlite3_reset(st);
	free(s->plan_memo.drive);
	s->plan_memo.drive = xstrdup(drive);
	s->plan_memo.stamp = stamp;
	s->plan_memo.several = several;
	s->plan_memo.plan = rows >= NAME_PLAN_ROWS || others >= enough ? NAME_WALK : NAME_DRIVE;
	return (enum name_plan)s->plan_memo.plan;
}

void store_name_query(struct store *s, const char *typed, bool wide, struct name_query *nq)
{
	char *f = typed && *typed ? text_fold(typed) : NULL;
	char *out, *o;
	size_t longest = 0;

	memset(nq, 0, sizeof *nq);
	if (f == NULL)
		return;
	/* Tokens: cut at spaces, dots and commas; hyphens trimmed at the
	 * ends («петрова-» while typing, «-»). */
	out = xmalloc(strlen(f) + 1);
	o = out;
	for (char *p = f; *p;) {
		size_t n = strcspn(p, " .,");
		char *t = p;
		while (n > 0 && *t == '-')
			t++, n--;
		while (n > 0 && t[n - 1] == '-')
			n--;
		if (n > 0) {
			if (o != out)
				*o++ = ' ';
			memcpy(o, t, n);
			if (n > longest) {
				free(nq->drive);
				nq->drive = xstrndup(t, n);
				longest = n;
			}
			o += n;
		}
		p += strcspn(p, " .,");
		p += strspn(p, " .,");
	}
	*o = '\0';
	free(f);
	if (o == out) {
		free(out);
		return;
	}
	nq->q = out;
	nq->plan = name_plan_for(s, nq->drive, strchr(out, ' ') != NULL, wide);
}

#define NAME_DRIVE_WHERE \
	"n.part >= :nq_drive AND n.part < :nq_drive || x'f48fbfbf'" \
	" AND name_pick(n.surname_key, n.part, :nq, :nq_drive) AND "
#define NAME_PICK \
	" FROM person_name_part n JOIN person p INDEXED BY person_live ON p.id = n.person_id" \
	" LEFT JOIN organisation o ON o.id = p.org_id"
#define NAME_FROM " FROM person p LEFT JOIN organisation o ON o.id = p.org_id"

void store_name_listq(struct name_listq *nl, enum name_plan plan, const char *select,
		      const char *where)
{
	char *drive = xasprintf(NAME_DRIVE_WHERE "%s", where);

	memset(nl, 0, sizeof *nl);
	nl->where = where;
	nl->page.select = select;
	nl->page.key = "p.surname_key";
	nl->page.id = "p.id";
	nl->page.from = NAME_FROM;
	nl->count = nl->page;
	if (plan == NAME_NONE) {
		nl->page.where = where;
		nl->count.where = where;
		free(drive);
		return;
	}
	nl->count.from = NAME_PICK;
	nl->count.where = drive;
	if (plan == NAME_WALK) {
		nl->page.where = xasprintf("name_match(p.surname_key, :nq) AND %s", where);
		return;
	}
	nl->pick = NAME_PICK;
	nl->page.from = " JOIN person p ON p.id = pk.pick_id LEFT JOIN organisation o ON o.id = p.org_id";
	nl->page.where = drive;
	nl->page.key = "n.surname_key";
	nl->page.id = "n.person_id";
}

int store_name_page(struct store *s, const struct name_listq *nl, bind_fn bind, const void *ctx,
		    const struct page_req *r, struct page *out)
{
	if (nl->pick)
		return store_run_picked_page(s, &nl->page, nl->pick, bind, ctx, r, out);
	return store_run_page(s, &nl->page, bind, ctx, r, out);
}

void store_name_query_free(struct name_query *nq)
{
	free(nq->q);
	free(nq->drive);
	memset(nq, 0, sizeof *nq);
}

void store_bind_name_query(sqlite3_stmt *st, const struct name_query *nq)
{
	store_bind_named_text(st, ":nq", nq->q);
	store_bind_named_text(st, ":nq_drive", nq->drive);
}

/* today(): the program's «today» (MARSHRUT_TODAY or the local date), so
 * SQL compares with the same day as the C code. */
static void today_func(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char d[11];

	(void)argc;
	(void)argv;
	today_iso(d);
	sqlite3_result_text(cx, d, -1, SQLITE_TRANSIENT);
}

void store_register_functions(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	sqlite3_create_function(db, "fold", 1, flags, NULL, fold_func, NULL, NULL);
	sqlite3_create_function(db, "code_key", 1, flags, NULL, code_key_func, NULL, NULL);
	sqlite3_create_function(db, "word_in", 2, flags, NULL, word_in_func, NULL, NULL);
	sqlite3_create_function(db, "name_match", 2, flags, NULL, name_match_func, NULL, NULL);
	sqlite3_create_function(db, "name_pick", 4, flags, NULL, name_pick_func, NULL, NULL);
	sqlite3_create_function(db, "today", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL, today_func,
				NULL, NULL);
	store_register_experience(db);
}

void page_free(struct page *p)
{
	for (int i = 0; i < p->n; i++) {
		free(p->rows[i].key);
		for (int c = 0; c < LIST_COLS; c++)
			free(p->rows[i].cols[c]);
	}
	free(p->rows);
	p->rows = NULL;
	p->n = 0;
}

void page_set_col(struct page *p, int row, int col, const char *text)
{
	char *copy = xstrdup(text);

	free(p->rows[row].cols[col]);
	p->rows[row].cols[col] = copy;
}

static int run_page(struct store *s, const struct listq *q, const char *pick, bind_fn bind,
		    const void *ctx, const struct page_req *r, struct page *out)
{
	bool back = r->dir < 0, desc = back != q->reverse;
	const char *dir = desc ? "DESC" : "ASC";
	char *sql, *anchor;
	sqlite3_stmt *st;
	int rc, cap = r->limit > 0 ? r->limit : 1;

	out->n = 0;
	out->rows = xcalloc((size_t)cap, sizeof *out->rows);
	anchor = r->key ? xasprintf(" AND (%s, %s) %s (:anchor_key, :anchor_id)", q->key, q->id,
				    desc ? "<" : ">")
			: xstrdup("");
	if (pick)
		sql = xasprintf("%s FROM (SELECT %s AS pick_id, %s AS pick_key%s WHERE %s%s"
				" ORDER BY %s %s, %s %s LIMIT :limit) pk%s ORDER BY pk.pick_key %s, pk.pick_id %s",
				q->select, q->id, q->key, pick, q->where, anchor,
				q->key, dir, q->id, dir, q->from, dir, dir);
	else
		sql = xasprintf("%s%s WHERE %s%s ORDER BY %s %s, %s %s LIMIT :limit",
				q->select, q->from, q->where, anchor, q->key, dir, q->id, dir);
	free(anchor);
	st = store_prepare(s, sql);
	free(sql);
	bind(st, ctx);
	store_bind_named_text(st, ":anchor_key", r->key);
	store_bind_named_int(st, ":anchor_id", r->id);
	store_bind_named_int(st, ":limit", cap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->n < cap) {
		struct list_row *row = &out->rows[out->n++];
		row->id = sqlite3_column_int64(st, 0);
		row->key = xstrdup((const char *)(sqlite3_column_text(st, 1) ? sqlite3_column_text(st, 1)
							 : (const unsigned char *)""));
		for (int c = 0; c < LIST_COLS; c++) {
			char *v = store_col(st, 2 + c);
			row->cols[c] = v ? v : xstrdup("");
		}
		row->archived = sqlite3_column_int(st, 2 + LIST_COLS) != 0;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(s->db));
		sqlite3_reset(st);
		page_free(out);
		return ST_ERROR;
	}
	sqlite3_reset(st);
	if (back) {
		for (int i = 0, j = out->n - 1; i < j; i++, j--) {
			struct list_row t = out->rows[i];
			out->rows[i] = out->rows[j];
			out->rows[j] = t;
		}
	}
	return ST_OK;
}

int store_run_page(struct store *s, const struct listq *q, bind_fn bind, const void *ctx,
		   const struct page_req *r, struct page *out)
{
	return run_page(s, q, NULL, bind, ctx, r, out);
}

int store_run_picked_page(struct store *s, const struct listq *q, const char *pick, bind_fn bind,
			  const void *ctx, const struct page_req *r, struct page *out)
{
	return run_page(s, q, pick, bind, ctx, r, out);
}

/* A prepared and bound count(*) statement stepped once: the count, or
 * the database's reason. */
static int count_step(struct store *s, sqlite3_stmt *st, int *count)
{
	int rc = sqlite3_step(st);

	*count = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		store_set_error(s, errtext_db(s->db));
		return ST_ERROR;
	}
	return ST_OK;
}

int store_run_count(struct store *s, const struct listq *q, bind_fn bind, const void *ctx,
		     int *count)
{
	char *sql = xasprintf("SELECT count(*)%s WHERE %s", q->from, q->where);
	sqlite3_stmt *st = store_prepare(s, sql);

	free(sql);
	bind(st, ctx);
	return count_step(s, st, count);
}

/* --- persons --- */

struct person_bind {
	const struct store_scope *sc;
	const struct person_filter *f;
	const struct name_query *nq;
};

/* The register's conditions besides the name, each only when its filter
 * is set (so that a count of the region or a school reads an index
 * alone), then the scope's parts; with the search, a list of each plan
 * (store_name_listq). */
enum { PF_ORG = 1, PF_SUBJ = 2, PF_CAT = 4, PF_KINDS = 8 };

static unsigned person_filters(const struct person_filter *f)
{
	char *subj = f->subject && *f->subject ? text_fold(f->subject) : NULL;
	unsigned k = (f->org_id ? PF_ORG : 0) | (subj && *subj ? PF_SUBJ : 0) |
		     (f->category ? PF_CAT : 0);

	free(subj);
	return k;
}

static char *person_where(unsigned filters, unsigned shape)
{
	return xasprintf("p.archived = :archived%s%s%s AND %s",
			 filters & PF_ORG ? " AND p.org_id = :org" : "",
			 filters & PF_SUBJ ? " AND instr(fold(p.subjects), :subj) > 0" : "",
			 filters & PF_CAT ? " AND p.category = :cat" : "",
			 scope_where_of(shape));
}

static const struct name_listq *person_q(enum name_plan plan, unsigned filters, unsigned shape)
{
	static struct name_listq q[3][PF_KINDS][SC_SHAPES];
	static bool made[3][PF_KINDS][SC_SHAPES];

	if (!made[plan][filters][shape]) {
		store_name_listq(&q[plan][filters][shape], plan,
				 "SELECT p.id, p.surname_key,"
				 " " STORE_FIO("p") ","
				 " coalesce(o.short_name, o.name), p.position, p.category, p.archived",
				 person_where(filters, shape));
		/* The conditions read p alone: a count needs no organisation. */
		if (plan == NAME_NONE)
			q[plan][filters][shape].count.from = " FROM person p";
		else
			q[plan][filters][shape].count.from =
				" FROM person_name_part n JOIN person p INDEXED BY person_live ON p.id = n.person_id";
		made[plan][filters][shape] = true;
	}
	return &q[plan][filters][shape];
}

/* A count of the whole region with no filter but the name reads the part
 * index alone (it keeps each person's archived flag). */
static const struct listq person_wide_count = {
	"", " FROM person_name_part n",
	"n.part >= :nq_drive AND n.part < :nq_drive || x'f48fbfbf' AND n.archived = :archived"
	" AND name_pick(n.surname_key, n.part, :nq, :nq_drive)",
	"n.surname_key", "n.person_id", false
};

static void person_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct person_bind *b = ctx;
	char *subj = b->f->subject && *b->f->subject ? text_fold(b->f->subject) : NULL;

	store_bind_scope(st, b->sc);
	store_bind_named_int(st, ":archived", b->f->archived);
	store_bind_name_query(st, b->nq);
	store_bind_named_int(st, ":org", b->f->org_id);
	store_bind_named_text(st, ":subj", subj ? subj : "");
	store_bind_named_text(st, ":cat", b->f->category);
	free(subj);
}

int store_person_page(struct store *s, const struct store_scope *sc,
		      const struct person_filter *f, const struct page_req *r, struct page *out)
{
	struct name_query nq;
	struct person_bind b = { sc, f, &nq };
	int rc;

	store_name_query(s, f->search, sc && sc->all && f->org_id == 0, &nq);
	rc = store_name_page(s, person_q(nq.plan, person_filters(f), scope_shape(sc)), person_bind, &b, r,
			     out);
	store_name_query_free(&nq);
	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		const char *code = out->rows[i].cols[3];
		page_set_col(out, i, 3, *code ? model_enum_label(model_categories, code) : "");
	}
	return rc;
}

/* A count with no search and no filter but the organisation, from the kept
 * counts (person_tally, schema step 21): the scope's organisations and
 * municipalities as rows of the tally, plus its own and curated persons
 * outside them, counted one by one (a few). */
static const char *person_tally_sql(unsigned filters, unsigned shape)
{
	static char *made[PF_KINDS][SC_SHAPES];

	if (made[filters][shape] == NULL) {
		const char *org = filters & PF_ORG ? " AND t.org_id = :org" : "";
		const char *porg = filters & PF_ORG ? " AND p.org_id = :org" : "";
		unsigned pl = shape & (SC_ORGS | SC_MUNS), tie = shape & (SC_SELF | SC_CUR);
		const char *places = shape & SC_ALL ? "1"
			: pl == (SC_ORGS | SC_MUNS) ? "(" SCOPE_ORGS_OF("t.org_id") " OR " SCOPE_MUNS_OF("t.org_id") ")"
			: pl == SC_ORGS ? SCOPE_ORGS_OF("t.org_id")
			: pl == SC_MUNS ? SCOPE_MUNS_OF("t.org_id") : "0";
		char *placed = pl ? xasprintf(" AND NOT coalesce(%s, 0)", scope_where_of(pl)) : xstrdup("");
		char *ties = tie ? xasprintf(" + (SELECT count(*) FROM person p WHERE p.archived = :archived%s"
					     " AND %s%s)", porg, scope_where_of(tie), placed)
				 : xstrdup("");

		made[filters][shape] = xasprintf("SELECT (SELECT coalesce(sum(t.n), 0) FROM person_tally t"
						 " WHERE t.archived = :archived%s AND %s)%s", org, places, ties);
		free(placed);
		free(ties);
	}
	return made[filters][shape];
}

int store_person_count(struct store *s, const struct store_scope *sc,
		       const struct person_filter *f, int *count)
{
	struct name_query nq;
	struct person_bind b = { sc, f, &nq };
	unsigned filters = person_filters(f), shape = scope_shape(sc);
	char *key = NULL;
	int64_t stamp = 0;
	uint32_t cp;
	int rc;

	if (!(f->search && *f->search) && (filters & ~(unsigned)PF_ORG) == 0) {
		sqlite3_stmt *st = store_prepare(s, person_tally_sql(filters, shape));
		memset(&nq, 0, sizeof nq);
		person_bind(st, &b);
		return count_step(s, st, count);
	}
	/* A list of curated persons follows cards and curatorships (and the
	 * day): counted each time, it is short. Any other is kept while the
	 * persons and organisations stay as they were. */
	if (!(shape & SC_CUR)) {
		/* The typed texts last, each after its length: no two views
		 * share a key. */
		const char *subj = f->subject ? f->subject : "", *cat = f->category ? f->category : "";
		const char *q = f->search ? f->search : "";
		key = xasprintf("%u|%lld|%s|%s|%d|%lld|%d|%zu:%s|%zu:%s|%s", shape,
				sc ? (long long)sc->self_person : 0LL, sc && sc->orgs ? sc->orgs : "",
				sc && sc->muns ? sc->muns : "", f->archived, (long long)f->org_id,
				f->category != NULL, strlen(cat), cat, strlen(subj), subj, q);
		stamp = register_stamp(s);
		if (s->count_memo.key && stamp == s->count_memo.stamp && strcmp(key, s->count_memo.key) == 0) {
			*count = s->count_memo.n;
			free(key);
			return ST_OK;
		}
	}
	store_name_query(s, f->search, false, &nq);
	if (nq.q && shape == SC_ALL && filters == 0 && utf8_decode(nq.q, strlen(nq.q), &cp) == (int)strlen(nq.q)) {
		/* One letter, the whole region: the kept tally (schema step 28). */
		sqlite3_stmt *st = store_prepare(s, "SELECT coalesce((SELECT n FROM person_initial_tally"
						    " WHERE initial = ?1 AND archived = ?2), 0)");
		sqlite3_bind_text(st, 1, nq.q, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, f->archived);
		rc = count_step(s, st, count);
	} else {
		rc = store_run_count(s, nq.plan != NAME_NONE && shape == SC_ALL && filters == 0 ? &person_wide_count
				     : &person_q(nq.plan, filters, shape)->count, person_bind, &b, count);
	}
	store_name_query_free(&nq);
	if (key && rc == ST_OK) {
		free(s->count_memo.key);
		s->count_memo.key = key;
		s->count_memo.stamp = stamp;
		s->count_memo.n = *count;
		key = NULL;
	}
	free(key);
	return rc;
}

/* --- organisations --- */

struct org_bind {
	const struct store_scope *sc;
	const struct org_filter *f;
};

/* A search finds an organisation by the start of its short name (the
 * name_key range) or its exact code, or word by word: each word of the
 * query («сш 23»: «сш» and «23»; «№ 23» is one word, «№23») must start a
 * word of its short or full name («№ 23», «гимназия», «23»), or start its
 * code from three characters on, typed with Cyrillic look-alikes or in
 * either case («оо026» finds OO026). Up to ORG_WORDS words; a longer query's
 * last term is the rest of it, as one phrase. The list still pages by
 * (name_key, id) from the organisation_key index; the word and code terms
 * are tested row by row on that walk, as the prefix term was already (the
 * OR kept it a walk of the index, never a load): bounded by the
 * organisations of the region, a few hundred rows. */
#define ORG_WORDS STORE_QUERY_WORDS
#define ORG_WORD(n) \
	" AND (:w" #n " IS NULL OR word_in(o.name_key, :w" #n ") OR word_in(o.name, :w" #n ")" \
	"      OR substr(code_key(o.code), 1, length(:ck" #n ")) = :ck" #n ")"

static const struct listq *org_q(void)
{
	static struct listq q;
	static char *where;

	if (where == NULL) {
		where = xasprintf("o.archived = 0"
				  " AND (:q IS NULL OR (o.name_key >= :q AND o.name_key < :q || x'f48fbfbf')"
				  "      OR o.code = :code"
				  "      OR (1" ORG_WORD(1) ORG_WORD(2) ORG_WORD(3) ORG_WORD(4) "))"
				  " AND (:mun = 0 OR o.mun_id = :mun) AND %s", store_org_scope_sql);
		q.select = "SELECT o.id, o.name_key, o.code, coalesce(o.short_name, o.name),"
			   " m.name, (SELECT count(*) FROM person WHERE org_id = o.id AND archived = 0),"
			   " o.archived";
		q.from = " FROM organisation o LEFT JOIN municipality m ON m.id = o.mun_id";
		q.where = where;
		q.key = "o.name_key";
		q.id = "o.id";
	}
	return &q;
}

/* The words of a folded query, «№ 23» kept as one (ORG_WORDS at most: the
 * last takes the rest); the array's strings are malloc'd, unused ones NULL. */
static void org_words(const char *q, char *w[ORG_WORDS])
{
	char *sq = squeeze_numero(q), *p = sq;

	for (int i = 0; i < ORG_WORDS; i++) {
		size_t n;
		w[i] = NULL;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			continue;
		n = i == ORG_WORDS - 1 ? strlen(p) : strcspn(p, " ");
		w[i] = xstrndup(p, n);
		p += n;
	}
	free(sq);
}

void store_query_words(const char *q, char *w[STORE_QUERY_WORDS])
{
	char *f = text_fold(q ? q : "");

	org_words(f, w);
	free(f);
}

static void org_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct org_bind *b = ctx;
	char *q = b->f->search && *b->f->search ? text_fold(b->f->search) : NULL;
	char *w[ORG_WORDS];

	org_words(q ? q : "", w);
	store_bind_scope(st, b->sc);
	store_bind_named_text(st, ":q", q && *q ? q : NULL);
	store_bind_named_text(st, ":code", b->f->search && *b->f->search ? b->f->search : NULL);
	for (int i = 0; i < ORG_WORDS; i++) {
		char wn[8], ckn[8];
		/* The start of a code from three characters on: every school's
		 * code starts with OO, and «о» alone is the start of a name. */
		char *ck = NULL;
		size_t chars = 0;
		for (const char *c = w[i] ? w[i] : ""; *c; c++)
			chars += ((unsigned char)*c & 0xc0) != 0x80;
		if (chars >= 3)
			ck = store_code_key(w[i]);
		snprintf(wn, sizeof wn, ":w%d", i + 1);
		snprintf(ckn, sizeof ckn, ":ck%d", i + 1);
		store_bind_named_text(st, wn, w[i]);
		store_bind_named_text(st, ckn, ck);
		free(ck);
		free(w[i]);
	}
	store_bind_named_int(st, ":mun", b->f->mun_id);
	free(q);
}

int store_org_page(struct store *s, const struct store_scope *sc,
		   const struct org_filter *f, const struct page_req *r, struct page *out)
{
	struct org_bind b = { sc, f };
	return store_run_page(s, org_q(), org_bind, &b, r, out);
}

int store_org_count(struct store *s, const struct store_scope *sc,
		    const struct org_filter *f, int *count)
{
	struct org_bind b = { sc, f };
	return store_run_count(s, org_q(), org_bind, &b, count);
}

/* --- courses of one person (newest first: the key is the inverted date) --- */

static void course_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":person", *(const int64_t *)ctx);
}

int store_course_page(struct store *s, int64_t person_id, const struct page_req *r,
		      struct page *out)
{
	static const struct listq q = {
		"SELECT c.id, 'k' || (99999999 - CAST(replace(c.end_date, '-', '') AS INTEGER)),"
		" coalesce(strftime('%d.%m.%Y', c.start_date) || '–', '') || strftime('%d.%m.%Y', c.end_date),"
		" c.title, c.hours || ' ч', c.provider, c.archived",
		" FROM course c",
		"c.person_id = :person AND c.archived = 0",
		"'k' || (99999999 - CAST(replace(c.end_date, '-', '') AS INTEGER))",
		"c.id", false
	};
	return store_run_page(s, &q, course_bind, &person_id, r, out);
}

/* --- places --- */

/* Whether the person p curates p.id: an active curatorship or a card he
 * is the curator of; one expression for the policy's place and ties. */
#define CURATES(curator) \
	"(EXISTS (SELECT 1 FROM curatorship c WHERE c.person_id = p.id AND c.curator_id = " curator \
	"  AND (c.end_date IS NULL OR c.end_date >= today()))" \
	" OR EXISTS (SELECT 1 FROM iom i WHERE i.person_id = p.id AND i.curator_id = " curator \
	"  AND i.archived = 0))"

int store_person_place(struct store *s, int64_t person_id, int64_t asker_person,
		       struct person_place *out)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT p.id, coalesce(p.org_id, 0), coalesce(o.mun_id, 0),"
		" " CURATES("?2")
		" FROM person p LEFT JOIN organisation o ON o.id = p.org_id WHERE p.id = ?1");
	int rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, asker_person);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->org_id = sqlite3_column_int64(st, 1);
		out->mun_id = sqlite3_column_int64(st, 2);
		out->curated_by = asker_person != 0 && sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : ST_NOTFOUND;
}

int store_disclosure_ties(struct store *s, int64_t person_id, int64_t iom_id, int64_t diag_id,
			  int64_t asker_person, int64_t asker_user, struct disclosure_ties *t)
{
	/* ?2 the card (0: any card of the person), ?3 the diagnostic (0:
	 * any of his), ?4 the asker's person, ?5 his user. A card or a
	 * diagnostic of another person ties nobody. */
	sqlite3_stmt *st = store_prepare(s,
		"SELECT coalesce(p.org_id, 0), coalesce(o.sees_results, 0),"
		" CASE WHEN ?2 <> 0 THEN EXISTS (SELECT 1 FROM iom i WHERE i.id = ?2 AND i.person_id = p.id"
		"                                AND i.curator_id = ?4)"
		"  ELSE " CURATES("?4")
		" END,"
		" CASE WHEN ?2 <> 0 THEN EXISTS (SELECT 1 FROM iom i WHERE i.id = ?2 AND i.person_id = p.id"
		"                                AND i.developer_id = ?4)"
		"  WHEN ?3 <> 0 THEN EXISTS (SELECT 1 FROM diagnostic d WHERE d.id = ?3 AND d.person_id = p.id"
		"                            AND d.developer_id = ?4)"
		"    OR EXISTS (SELECT 1 FROM iom i WHERE i.person_id = p.id AND i.developer_id = ?4"
		"               AND i.entry_diagnostic_id = ?3)"
		"  ELSE EXISTS (SELECT 1 FROM iom i WHERE i.person_id = p.id AND i.developer_id = ?4)"
		"    OR EXISTS (SELECT 1 FROM diagnostic d WHERE d.person_id = p.id AND d.developer_id = ?4)"
		" END,"
		" ?3 <> 0 AND EXISTS (SELECT 1 FROM diagnostic d WHERE d.id = ?3 AND d.person_id = p.id"
		"                     AND (d.author_id = ?5 OR d.expert_id = ?4))"
		" FROM person p LEFT JOIN organisation o ON o.id = p.org_id WHERE p.id = ?1");
	int rc;

	memset(t, 0, sizeof *t);
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, iom_id);
	sqlite3_bind_int64(st, 3, diag_id);
	/* An unknown asker (0) matches no NULL column: bind NULL instead. */
	if (asker_person)
		sqlite3_bind_int64(st, 4, asker_person);
	else
		sqlite3_bind_null(st, 4);
	if (asker_user)
		sqlite3_bind_int64(st, 5, asker_user);
	else
		sqlite3_bind_null(st, 5);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t->self = asker_person != 0 && asker_person == person_id;
		t->org_id = sqlite3_column_int64(st, 0);
		t->org_sees_results = sqlite3_column_int(st, 1) != 0;
		t->curator = sqlite3_column_int(st, 2) != 0;
		t->developer = sqlite3_column_int(st, 3) != 0;
		t->recorder = sqlite3_column_int(st, 4) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : ST_NOTFOUND;
}

int store_result_view(struct store *s, const struct actor *a, int64_t person_id, const char *what,
		      int64_t record_id, const char *place)
{
	char now[20];

	now_utc(now);
	return store_run(s, "INSERT INTO result_view (at, user_id, login, real_login, person_id, what,"
			 " record_id, place) VALUES (?, nullif(?, 0), ?, ?, ?, ?, nullif(?, 0), ?)", "tittitit",
			 now, a->user_id, a->login ? a->login : "", a->real_login, person_id, what,
			 record_id, place);
}

/* --- who opened a person's results (access transparency) --- */

struct view_filter {
	int64_t person;
	const char *login;
};

static void view_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct view_filter *f = ctx;
	store_bind_named_int(st, ":person", f->person);
	store_bind_named_text(st, ":login", f->login);
}

#define VIEW_KEY "printf('k%012d', 999999999999 - v.id)"
static const struct listq view_q = {
	"SELECT v.id, " VIEW_KEY ", v.at,"
	" coalesce(nullif(u.full_name, ''), v.login) || CASE WHEN v.real_login IS NOT NULL AND v.real_login <> v.login"
	"  THEN ' (вход ' || v.real_login || ')' ELSE '' END,"
	" p.surname || ' ' || substr(p.name, 1, 1) || '.' || coalesce(' ' || substr(p.patronymic, 1, 1) || '.', ''),"
	" v.place, 0",
	" FROM result_view v JOIN person p ON p.id = v.person_id LEFT JOIN app_user u ON u.id = v.user_id",
	"(:person = 0 OR v.person_id = :person) AND (:login IS NULL OR v.login = :login)",
	VIEW_KEY,
	"v.id", false
};

int store_result_view_page(struct store *s, int64_t person_id, const char *login,
			   const struct page_req *r, struct page *out)
{
	struct view_filter f = { person_id, login && *login ? login : NULL };
	int rc = store_run_page(s, &view_q, view_bind, &f, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		char local[17];
		utc_to_local(out->rows[i].cols[0], local);
		page_set_col(out, i, 0, local);
	}
	return rc;
}

int store_result_view_count(struct store *s, int64_t person_id, const char *login, int *n)
{
	struct view_filter f = { person_id, login && *login ? login : NULL };
	return store_run_count(s, &view_q, view_bind, &f, n);
}

int64_t store_result_view_person(struct store *s, int64_t view_id)
{
	return store_int(s, "SELECT person_id FROM result_view WHERE id = ?", "i", view_id);
}

int store_org_sees_results(struct store *s, int64_t org_id)
{
	return (int)store_int(s, "SELECT sees_results FROM organisation WHERE id = ?", "i", org_id);
}

int64_t store_org_mun(struct store *s, int64_t org_id)
{
	return store_int(s, "SELECT coalesce(mun_id, 0) FROM organisation WHERE id = ?", "i", org_id);
}

int64_t store_org_by_code(struct store *s, const char *code)
{
	return store_int(s, "SELECT id FROM organisation WHERE code = ?", "t", code);
}

int64_t store_mun_by_code(struct store *s, const char *code)
{
	return store_int(s, "SELECT id FROM municipality WHERE code = ?", "t", code);
}

char *store_scope_code(struct store *s, const char *kind, int64_t id)
{
	char *v = NULL;

	if (strcmp(kind, "mun") == 0)
		v = store_text(s, "SELECT code FROM municipality WHERE id = ?", "i", id);
	else if (strcmp(kind, "org") == 0)
		v = store_text(s, "SELECT code FROM organisation WHERE id = ?", "i", id);
	return v ? v : xstrdup("");
}
