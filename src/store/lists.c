/* Paged lists: every list pages by key ((sort_key, id) > anchor LIMIT n), and
 * the access scope is one bound condition shared by lists, counts and single
 * records. Nothing here loads a whole table. */
#include "store.h"
#include "store_int.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char store_scope_sql[] =
	"(:sc_all OR p.id = :sc_self"
	" OR p.id IN (SELECT person_id FROM curatorship WHERE curator_id = :sc_cur"
	"             AND (end_date IS NULL OR end_date >= date('now')))"
	" OR p.id IN (SELECT person_id FROM iom WHERE curator_id = :sc_cur AND archived = 0)"
	" OR p.org_id IN (SELECT value FROM json_each(:sc_orgs))"
	" OR o.mun_id IN (SELECT value FROM json_each(:sc_muns)))";

const char store_org_scope_sql[] =
	"(:sc_all OR o.id IN (SELECT value FROM json_each(:sc_orgs))"
	" OR o.mun_id IN (SELECT value FROM json_each(:sc_muns))"
	" OR o.id IN (SELECT org_id FROM person WHERE id = :sc_self OR id IN"
	"   (SELECT person_id FROM curatorship WHERE curator_id = :sc_cur"
	"    AND (end_date IS NULL OR end_date >= date('now')))))";

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

void store_register_functions(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	sqlite3_create_function(db, "fold", 1, flags, NULL, fold_func, NULL, NULL);
	sqlite3_create_function(db, "code_key", 1, flags, NULL, code_key_func, NULL, NULL);
	sqlite3_create_function(db, "word_in", 2, flags, NULL, word_in_func, NULL, NULL);
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

int store_run_page(struct store *s, const struct listq *q, bind_fn bind, const void *ctx,
		    const struct page_req *r, struct page *out)
{
	bool back = r->dir < 0, desc = back != q->reverse;
	char *sql;
	sqlite3_stmt *st;
	int rc, cap = r->limit > 0 ? r->limit : 1;

	out->n = 0;
	out->rows = xcalloc((size_t)cap, sizeof *out->rows);
	sql = xasprintf("%s%s WHERE %s%s%s%s%s%s ORDER BY %s %s, %s %s LIMIT :limit",
			q->select, q->from, q->where,
			r->key ? " AND (" : "", r->key ? q->key : "", r->key ? ", " : "",
			r->key ? q->id : "",
			r->key ? (desc ? ") < (:anchor_key, :anchor_id)" : ") > (:anchor_key, :anchor_id)") : "",
			q->key, desc ? "DESC" : "ASC", q->id, desc ? "DESC" : "ASC");
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
		store_set_error(s, sqlite3_errmsg(s->db));
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

int store_run_count(struct store *s, const struct listq *q, bind_fn bind, const void *ctx,
		     int *count)
{
	char *sql = xasprintf("SELECT count(*)%s WHERE %s", q->from, q->where);
	sqlite3_stmt *st = store_prepare(s, sql);
	int rc;

	free(sql);
	bind(st, ctx);
	rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		store_set_error(s, sqlite3_errmsg(s->db));
		return ST_ERROR;
	}
	return ST_OK;
}

/* --- persons --- */

struct person_bind {
	const struct store_scope *sc;
	const struct person_filter *f;
};

/* Two statements, with and without the search: a prefix range the planner
 * can see as one walks the (archived, surname_key) index from the first
 * match; "(:q IS NULL OR range)" made every keystroke read the whole index. */
#define PERSON_WHERE(search) \
	"p.archived = :archived" search \
	" AND (:org = 0 OR p.org_id = :org)" \
	" AND (:subj IS NULL OR instr(fold(p.subjects), :subj) > 0)" \
	" AND (:cat IS NULL OR p.category = :cat)" \
	" AND "

static const struct listq *person_q(bool search)
{
	static struct listq q[2];
	static char *where[2];
	int i = search;

	if (where[i] == NULL) {
		where[i] = xasprintf("%s%s", search ? PERSON_WHERE(" AND p.surname_key >= :q AND p.surname_key < :q || x'f48fbfbf'")
						    : PERSON_WHERE(""), store_scope_sql);
		q[i].select = "SELECT p.id, p.surname_key,"
			      " " STORE_FIO("p") ","
			      " coalesce(o.short_name, o.name), p.position, p.category, p.archived";
		q[i].from = " FROM person p LEFT JOIN organisation o ON o.id = p.org_id";
		q[i].where = where[i];
		q[i].key = "p.surname_key";
		q[i].id = "p.id";
	}
	return &q[i];
}

static bool person_searching(const struct person_filter *f)
{
	char *q = f->search && *f->search ? text_fold(f->search) : NULL;
	bool yes = q && *q;

	free(q);
	return yes;
}

static void person_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct person_bind *b = ctx;
	char *q = b->f->search && *b->f->search ? text_fold(b->f->search) : NULL;
	char *subj = b->f->subject && *b->f->subject ? text_fold(b->f->subject) : NULL;

	store_bind_scope(st, b->sc);
	store_bind_named_int(st, ":archived", b->f->archived);
	store_bind_named_text(st, ":q", q && *q ? q : NULL);
	store_bind_named_int(st, ":org", b->f->org_id);
	store_bind_named_text(st, ":subj", subj && *subj ? subj : NULL);
	store_bind_named_text(st, ":cat", b->f->category);
	free(q);
	free(subj);
}

int store_person_page(struct store *s, const struct store_scope *sc,
		      const struct person_filter *f, const struct page_req *r, struct page *out)
{
	struct person_bind b = { sc, f };
	int rc = store_run_page(s, person_q(person_searching(f)), person_bind, &b, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		const char *code = out->rows[i].cols[3];
		page_set_col(out, i, 3, *code ? model_enum_label(model_categories, code) : "");
	}
	return rc;
}

int store_person_count(struct store *s, const struct store_scope *sc,
		       const struct person_filter *f, int *count)
{
	struct person_bind b = { sc, f };
	return store_run_count(s, person_q(person_searching(f)), person_bind, &b, count);
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
#define ORG_WORDS 4
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
	"  AND (c.end_date IS NULL OR c.end_date >= date('now')))" \
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
