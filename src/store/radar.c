/* The deadline radar: the rules, each a statement selecting the rows whose
 * base date is on or before the rule's cut-off (computed from the
 * working-day calendar by radar.c), within the scope. A page runs by key
 * through the kinds: each rule of a kind gives its next rows after the
 * anchor from an index range (a person's dates kept in person_due,
 * radar_due.h), and the nearest are kept; a count adds the rules' counts.
 * Nothing materialises the whole radar, but the check (store_radar_fresh). */
#include "store.h"
#include "store_int.h"
#include "radar.h"
#include "radar_due.h"
#include "errtext.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The rules, one statement each: "SELECT id, key, base, kind, who, detail
 * FROM ... WHERE ..." over its own rows, in the user's scope (PERSONSCOPE,
 * ORGSCOPE), a person's kept dates read from PERSONDUE. The key is the
 * kind in two digits, the base date, 'D' for a diagnostic that awaits its
 * card, the record's number in twelve; the list runs by it. Within a
 * branch the same order is (ob, oid) with the branch's tag: what an index
 * gives, so a page is the next few entries of an index range. */
struct branch {
	int kind;           /* its kind, or 0: kinds 2 and 3, told by kexpr */
	const char *kexpr;
	bool tag;           /* the key has 'D' after the date */
	const char *ob, *oid;
	const char *sql;
};

#define FINAL_DIAG(status) \
	"SELECT i.id, '07' || i.end_date || printf('%012d', i.id), i.end_date, 7," \
	"  i.number || ' — ' || " STORE_FIO("p") ", 'окончание ' || strftime('%d.%m.%Y', i.end_date)" \
	" FROM iom i JOIN person p ON p.id = i.person_id {LEFT JOIN organisation o ON o.id = p.org_id}" \
	" WHERE i.archived = 0 AND i.status = '" status "' AND i.final_diagnostic_id IS NULL" \
	"  AND i.end_date IS NOT NULL AND i.end_date <= :c7 AND PERSONSCOPE"

static const struct branch branches[] = {
	{ RADAR_APP_CONTACT, NULL, false, "a.received_date", "a.id",
	  "SELECT a.id, '01' || a.received_date || printf('%012d', a.id),"
	  "  a.received_date, 1,"
	  "  coalesce(a.applicant_name, '') || coalesce(' — ' || coalesce(o.short_name, o.name), ''),"
	  "  'получена ' || strftime('%d.%m.%Y', a.received_date)"
	  " FROM diagnostic_application a {LEFT JOIN organisation o ON o.id = a.org_id}"
	  " WHERE :apps AND a.archived = 0 AND a.contacted_date IS NULL"
	  "  AND a.state NOT IN ('declined', 'cancelled', 'results_given') AND a.received_date <= :c1"
	  "  AND (:sc_all OR (a.org_id IS NOT NULL AND ORGSCOPE))" },
	{ 0, "2 + a.ordered_by_authority", false, "a.diagnostic_date", "a.id",
	  "SELECT a.id, printf('%02d', 2 + a.ordered_by_authority) || a.diagnostic_date || printf('%012d', a.id),"
	  "  a.diagnostic_date, 2 + a.ordered_by_authority,"
	  "  coalesce(a.applicant_name, '') || coalesce(' — ' || coalesce(o.short_name, o.name), ''),"
	  "  'диагностика ' || strftime('%d.%m.%Y', a.diagnostic_date)"
	  " FROM diagnostic_application a {LEFT JOIN organisation o ON o.id = a.org_id}"
	  " WHERE :apps AND a.archived = 0 AND a.diagnostic_date IS NOT NULL AND a.results_date IS NULL"
	  "  AND a.state NOT IN ('declined', 'cancelled', 'results_given')"
	  "  AND a.diagnostic_date <= CASE a.ordered_by_authority WHEN 1 THEN :c3 ELSE :c2 END"
	  "  AND (:sc_all OR (a.org_id IS NOT NULL AND ORGSCOPE))" },
	{ RADAR_IOM_DEVELOP, NULL, false, "d.diag_date", "i.id",
	  "SELECT i.id, '04' || d.diag_date || printf('%012d', i.id), d.diag_date, 4,"
	  "  i.number || ' — ' || " STORE_FIO("p") ", 'диагностика ' || strftime('%d.%m.%Y', d.diag_date)"
	  /* From the drafts (few), not from the diagnostics in date order. */
	  " FROM iom i CROSS JOIN diagnostic d ON d.id = i.entry_diagnostic_id JOIN person p ON p.id = i.person_id"
	  " LEFT JOIN organisation o ON o.id = p.org_id"
	  " WHERE i.archived = 0 AND i.status = 'draft' AND d.diag_date <= :c4 AND PERSONSCOPE" },
	/* A diagnostic handed to a developer and no card built from it yet:
	 * the same 10 days, his (the key's 'D' tells the row opens the diagnostic). */
	{ RADAR_IOM_DEVELOP, NULL, true, "d.diag_date", "d.id",
	  "SELECT d.id, '04' || d.diag_date || 'D' || printf('%012d', d.id), d.diag_date, 4,"
	  "  'диагностика — ' || " STORE_FIO("p") ", 'карту строит ' || " STORE_FIO("dev") ""
	  " FROM diagnostic d JOIN person p ON p.id = d.person_id JOIN person dev ON dev.id = d.developer_id"
	  " LEFT JOIN organisation o ON o.id = p.org_id"
	  " WHERE d.developer_id IS NOT NULL AND d.archived = 0 AND d.diag_date <= :c4 AND PERSONSCOPE"
	  "  AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.entry_diagnostic_id = d.id AND i.archived = 0)" },
	/* A diagnostic no one was handed yet and no card built from it: the 10
	 * days run from the diagnostic all the same (§4.3.2), for whoever may
	 * build it: the one his latest diagnostics leave awaiting a card
	 * (radar_due.h), within a year (an older one awaits a new diagnostic,
	 * not a card). The application it answers, if any, is named: the
	 * radar follows the application to the card. */
	{ RADAR_IOM_DEVELOP, NULL, true, "pd.awaiting_diag_date", "pd.awaiting_diag_id",
	  "SELECT d.id, '04' || d.diag_date || 'D' || printf('%012d', d.id), d.diag_date, 4,"
	  "  'диагностика — ' || " STORE_FIO("p") ","
	  "  'разработчик не назначен' || coalesce(', заявка № ' || nullif(da.number, ''), '')"
	  /* (Both are there while the row is: LEFT JOINs a count can skip.) */
	  " FROM PERSONDUE pd {LEFT JOIN diagnostic d ON d.id = pd.awaiting_diag_id"
	  " LEFT JOIN person p ON p.id = pd.person_id LEFT JOIN organisation o ON o.id = p.org_id"
	  " LEFT JOIN diagnostic_application da ON da.id = d.application_id}"
	  " WHERE pd.awaiting_diag_id IS NOT NULL AND pd.awaiting_diag_date <= :c4"
	  "  AND pd.awaiting_diag_date > date(:c4, '-1 year') AND PERSONSCOPE" },
	{ RADAR_IOM_CORRECT, NULL, false, "i.review_sent_date", "i.id",
	  "SELECT i.id, '05' || i.review_sent_date || printf('%012d', i.id), i.review_sent_date, 5,"
	  "  i.number || ' — ' || " STORE_FIO("p") ", 'на согласовании с ' || strftime('%d.%m.%Y', i.review_sent_date)"
	  " FROM iom i JOIN person p ON p.id = i.person_id LEFT JOIN organisation o ON o.id = p.org_id"
	  " WHERE i.archived = 0 AND i.status = 'review' AND i.review_sent_date <= :c5 AND PERSONSCOPE" },
	{ RADAR_ACTIVITY_MARK, NULL, false, "t.end_date", "t.id",
	  "SELECT i.id, '06' || t.end_date || printf('%012d', t.id), t.end_date, 6,"
	  "  i.number || ' — ' || " STORE_FIO("p") ", t.activity"
	  /* (A card's person is there: a LEFT JOIN a count can skip.) */
	  " FROM iom_activity t JOIN iom i ON i.id = t.iom_id"
	  " {LEFT JOIN person p ON p.id = i.person_id LEFT JOIN organisation o ON o.id = p.org_id}"
	  " WHERE t.archived = 0 AND t.done IS NULL AND t.end_date IS NOT NULL AND t.end_date <= :c6"
	  "  AND i.archived = 0 AND i.status IN ('approved', 'in_progress', 'prolonged') AND PERSONSCOPE" },
	/* One rule in two statements, a status each: each an index range
	 * in date order. */
	{ RADAR_FINAL_DIAG, NULL, false, "i.end_date", "i.id", FINAL_DIAG("in_progress") },
	{ RADAR_FINAL_DIAG, NULL, false, "i.end_date", "i.id", FINAL_DIAG("prolonged") },
	{ RADAR_COURSE_3Y, NULL, false, "pd.last_course", "pd.person_id",
	  "SELECT p.id, '08' || pd.last_course || printf('%012d', p.id), pd.last_course, 8, " STORE_FIO("p") ","
	  "  'последний курс ' || strftime('%d.%m.%Y', pd.last_course)"
	  " FROM PERSONDUE pd JOIN person p ON p.id = pd.person_id {LEFT JOIN organisation o ON o.id = p.org_id}"
	  " WHERE pd.last_course IS NOT NULL AND pd.last_course <= :c8 AND p.archived = 0 AND PERSONSCOPE" },
	{ RADAR_COMPREHENSIVE_3Y, NULL, false, "pd.last_comprehensive", "pd.person_id",
	  "SELECT p.id, '09' || pd.last_comprehensive || printf('%012d', p.id), pd.last_comprehensive, 9,"
	  "  " STORE_FIO("p") ", 'комплексная ' || strftime('%d.%m.%Y', pd.last_comprehensive)"
	  " FROM PERSONDUE pd JOIN person p ON p.id = pd.person_id {LEFT JOIN organisation o ON o.id = p.org_id}"
	  " WHERE pd.last_comprehensive IS NOT NULL AND pd.last_comprehensive <= :c9 AND p.archived = 0"
	  "  AND PERSONSCOPE" },
	{ RADAR_SITE_EXPIRES, NULL, false, "t.granted_to", "t.id",
	  "SELECT o.id, '10' || t.granted_to || printf('%012d', t.id), t.granted_to, 10,"
	  "  coalesce(o.short_name, o.name) || ': ' || t.topic, 'до ' || strftime('%d.%m.%Y', t.granted_to)"
	  " FROM internship_site t JOIN organisation o ON o.id = t.org_id"
	  " WHERE t.state = 'granted' AND t.granted_to <= :c10 AND ORGSCOPE" },
	/* Changes after approval not signed by all three (§5.11): since the
	 * oldest, and whose signatures they await. */
	{ RADAR_IOM_SIGN, NULL, false, "g.since", "i.id",
	  "SELECT i.id, '11' || g.since || printf('%012d', i.id), g.since, 11,"
	  "  i.number || ' — ' || " STORE_FIO("p") ","
	  "  'ждут подписи: ' || rtrim(CASE WHEN g.cur > 0 THEN 'куратор, ' ELSE '' END"
	  "  || CASE WHEN g.head > 0 THEN 'руководитель ОО, ' ELSE '' END"
	  "  || CASE WHEN g.teacher > 0 THEN 'педагог, ' ELSE '' END, ', ')"
	  " FROM (SELECT c.iom_id, date(min(c.at)) AS since, sum(c.curator_confirmed_at IS NULL) AS cur,"
	  "   sum(c.head_confirmed_at IS NULL) AS head, sum(c.teacher_confirmed_at IS NULL) AS teacher"
	  "   FROM iom_change c"
	  "   WHERE c.curator_confirmed_at IS NULL OR c.head_confirmed_at IS NULL OR c.teacher_confirmed_at IS NULL"
	  "   GROUP BY c.iom_id) g"
	  " JOIN iom i ON i.id = g.iom_id JOIN person p ON p.id = i.person_id"
	  " LEFT JOIN organisation o ON o.id = p.org_id"
	  " WHERE i.archived = 0 AND i.status IN ('approved', 'in_progress', 'prolonged')"
	  "  AND g.since <= :c11 AND PERSONSCOPE" },
};
enum { NBRANCH = (int)(sizeof branches / sizeof branches[0]) };

struct radar_bind {
	const struct store_scope *sc;
	const struct radar_filter *f;
};

static void radar_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct radar_bind *b = ctx;
	char name[8];

	store_bind_scope(st, b->sc);
	store_bind_named_int(st, ":apps", b->f->applications);
	for (int k = 1; k < RADAR_KINDS; k++) {
		snprintf(name, sizeof name, ":c%d", k);
		store_bind_named_text(st, name, b->f->cut->date[k]);
	}
}

/* text with every mark replaced (malloc'd). */
static char *put_in(const char *text, int n, const char *const *marks, const char *const *with)
{
	char *b = xstrdup(text);

	for (int m = 0; m < n; m++) {
		char *at, *a;
		while ((at = strstr(b, marks[m])) != NULL) {
			*at = '\0';
			a = xasprintf("%s%s%s", b, with[m], at + strlen(marks[m]));
			free(b);
			b = a;
		}
	}
	return b;
}

/* How the scope reads: the whole region (no condition), one's own person
 * alone (a teacher: p.id = :sc_self, a seek), or the whole condition. */
enum scope_mode { SC_FULL, SC_ALL, SC_SELF };

static enum scope_mode mode_of(const struct store_scope *sc)
{
	if (sc == NULL)
		return SC_FULL;
	if (sc->all)
		return SC_ALL;
	if (sc->curator_person == 0 && (sc->orgs == NULL || strcmp(sc->orgs, "[]") == 0) &&
	    (sc->muns == NULL || strcmp(sc->muns, "[]") == 0))
		return SC_SELF;
	return SC_FULL;
}

/* A branch's statement with the scope conditions in their places (as the
 * mode reads them) and the person's dates read from the kept table, or
 * (fresh) computed from scratch by their one rule. In braces, joins only
 * the shown columns and the scope read: a count of the whole region goes
 * without them (LEFT JOINs on a key: no row more, none less). Kept for
 * the process's life. */
static const char *branch_sql(int i, bool fresh, enum scope_mode m, bool count)
{
	static char *sql[2][3][2][NBRANCH];
	char **at = &sql[fresh][m][m == SC_ALL && count][i];

	if (*at == NULL) {
		const char *marks[3] = { "PERSONSCOPE", "ORGSCOPE", "PERSONDUE" };
		const char *with[3] = { m == SC_ALL ? "1" : m == SC_SELF ? "p.id = :sc_self" : store_scope_sql,
					m == SC_ALL ? "1" : store_org_scope_sql,
					fresh ? "(" RADAR_PERSON_DATES ")" : "person_due" };
		char *t = put_in(branches[i].sql, 3, marks, with), *w = t;
		int depth = 0;

		for (const char *r = t; *r; r++) {
			if (*r == '{' || *r == '}')
				depth += *r == '{' ? 1 : -1;
			else if (depth == 0 || !(m == SC_ALL && count))
				*w++ = *r;
		}
		*w = '\0';
		*at = t;
	}
	return *at;
}

/* A statement from its FROM on (the first at the top level). */
static const char *from_of(const char *sql)
{
	int depth = 0;

	for (const char *r = sql; *r; r++) {
		if (*r == '(' || *r == ')')
			depth += *r == '(' ? 1 : -1;
		else if (depth == 0 && strncmp(r, " FROM ", 6) == 0)
			return r;
	}
	return sql;
}

static bool covers(const struct branch *b, int kind)
{
	return b->kind ? b->kind == kind : kind == RADAR_APP_RESULTS || kind == RADAR_APP_RESULTS_ORDERED;
}

/* Rows of a statement whose columns are id, key, base, kind, who, detail
 * appended to out, until it has max; out->rows has room for *room and
 * grows as needed. */
static int read_rows(struct store *s, sqlite3_stmt *st, struct page *out, int *room, int max)
{
	int rc = SQLITE_DONE;

	while (out->n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct list_row *row;
		if (out->n == *room) {
			*room = *room ? 2 * *room : 256;
			out->rows = xrealloc(out->rows, (size_t)*room * sizeof *out->rows);
		}
		row = &out->rows[out->n++];
		memset(row, 0, sizeof *row);
		row->id = sqlite3_column_int64(st, 0);
		row->key = store_col(st, 1);
		if (row->key == NULL)
			row->key = xstrdup("");
		for (int c = 0; c < LIST_COLS; c++) {
			char *v = store_col(st, 2 + c);
			row->cols[c] = v ? v : xstrdup("");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(s->db));
		return ST_ERROR;
	}
	return ST_OK;
}

/* Where a page starts: the anchor's key taken apart into the kind, the
 * base date, the tag and the key's record number (the row's id is not
 * always the key's: an activity's row opens its card). */
struct anchor {
	bool set;
	int kind;
	char base[64];
	bool tag;
	int64_t kid;
};

static void anchor_of(const struct page_req *r, struct anchor *a)
{
	size_t len = r->key ? strlen(r->key) : 0;

	memset(a, 0, sizeof *a);
	if (len < 2 + 12)
		return;
	a->set = true;
	a->kind = (r->key[0] - '0') * 10 + (r->key[1] - '0');
	a->kid = strtoll(r->key + len - 12, NULL, 10);
	len -= 2 + 12;
	if (len > 0 && r->key[2 + len - 1] == 'D') {
		a->tag = true;
		len--;
	}
	if (len >= sizeof a->base)
		len = sizeof a->base - 1;
	memcpy(a->base, r->key + 2, len);
	a->base[len] = '\0';
}

static int cmp_key(const void *x, const void *y)
{
	const struct list_row *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* Up to limit rows of one kind after (dir > 0) or before the anchor, if
 * the anchor is in this kind, nearest first: each branch of the kind gives
 * its next rows from its index range, the nearest of them are kept. */
static int kind_rows(struct store *s, const struct radar_bind *b, int kind, const struct anchor *a, int dir,
		     int limit, struct page *got, int *room)
{
	const char *d = dir > 0 ? "ASC" : "DESC";
	int rc = ST_OK;

	for (int i = 0; rc == ST_OK && i < NBRANCH; i++) {
		const struct branch *br = &branches[i];
		char *cond, *sql;
		sqlite3_stmt *st;

		if (!covers(br, kind))
			continue;
		if (!a->set || a->kind != kind)
			cond = xstrdup("");
		else if (br->tag == a->tag)   /* the anchor's own row too: its id decides (store_radar_page) */
			cond = xasprintf(" AND (%s, %s) %s (:ab, :akid)", br->ob, br->oid, dir > 0 ? ">=" : "<=");
		else   /* rows without the tag come first on a date */
			cond = xasprintf(" AND %s %s :ab", br->ob,
					 dir > 0 ? (br->tag ? ">=" : ">") : (br->tag ? "<" : "<="));
		sql = xasprintf("%s%s%s%s%s ORDER BY %s %s, %s %s LIMIT :limit",
				branch_sql(i, false, mode_of(b->sc), false), cond,
				br->kind ? "" : " AND ", br->kind ? "" : br->kexpr, br->kind ? "" : " = :kind",
				br->ob, d, br->oid, d);
		free(cond);
		st = store_prepare(s, sql);
		free(sql);
		radar_bind(st, b);
		store_bind_named_int(st, ":kind", kind);
		store_bind_named_text(st, ":ab", a->base);
		store_bind_named_int(st, ":akid", a->kid);
		store_bind_named_int(st, ":limit", limit + 1);
		rc = read_rows(s, st, got, room, got->n + limit + 1);
	}
	return rc;
}

int store_radar_page(struct store *s, const struct store_scope *sc, const struct radar_filter *f,
		     const struct page_req *r, struct page *out)
{
	struct radar_bind b = { sc, f };
	struct anchor a;
	int cap = r->limit > 0 ? r->limit : 1, dir = r->dir < 0 ? -1 : +1, rc = ST_OK;
	int kind, last = dir > 0 ? RADAR_KINDS - 1 : 1;

	anchor_of(r, &a);
	kind = a.set ? a.kind : dir > 0 ? 1 : RADAR_KINDS - 1;
	if (kind < 1 || kind >= RADAR_KINDS)
		kind = dir > 0 ? RADAR_KINDS : 0;   /* nothing past a key of no kind */
	out->n = 0;
	out->rows = xcalloc((size_t)cap, sizeof *out->rows);
	for (; rc == ST_OK && out->n < cap && (dir > 0 ? kind <= last : kind >= last); kind += dir) {
		struct page got = { 0, NULL };
		int need = cap - out->n, room = 0;

		if (f->kind && f->kind != kind)
			continue;
		rc = kind_rows(s, &b, kind, &a, dir, need, &got, &room);
		if (rc == ST_OK) {
			struct list_row at = { r->id, (char *)(r->key ? r->key : ""), { NULL }, false };
			if (got.n > 1)   /* (no rows: no array to sort) */
				qsort(got.rows, (size_t)got.n, sizeof *got.rows, cmp_key);
			for (int k = 0; k < got.n; k++) {
				int j = dir > 0 ? k : got.n - 1 - k;
				/* Past the anchor (key, id): a row of the anchor's key
				 * comes after it when its id is greater. */
				if (a.set && cmp_key(&got.rows[j], &at) * dir <= 0)
					continue;
				if (out->n < cap) {
					out->rows[out->n++] = got.rows[j];
					memset(&got.rows[j], 0, sizeof got.rows[j]);
				}
			}
		}
		page_free(&got);
	}
	if (rc != ST_OK) {
		page_free(out);
		return rc;
	}
	if (dir < 0) {
		for (int i = 0, j = out->n - 1; i < j; i++, j--) {
			struct list_row t = out->rows[i];
			out->rows[i] = out->rows[j];
			out->rows[j] = t;
		}
	}
	return ST_OK;
}

int store_radar_count(struct store *s, const struct store_scope *sc, const struct radar_filter *f,
		      int *count)
{
	struct radar_bind b = { sc, f };

	*count = 0;
	for (int i = 0; i < NBRANCH; i++) {
		const struct branch *br = &branches[i];
		char *sql;
		sqlite3_stmt *st;
		int rc;

		if (f->kind && !covers(br, f->kind))
			continue;
		sql = xasprintf("SELECT count(*)%s%s%s%s", from_of(branch_sql(i, false, mode_of(sc), true)),
				f->kind && !br->kind ? " AND " : "", f->kind && !br->kind ? br->kexpr : "",
				f->kind && !br->kind ? " = :kind" : "");
		st = store_prepare(s, sql);
		free(sql);
		radar_bind(st, &b);
		store_bind_named_int(st, ":kind", f->kind);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*count += sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW) {
			store_set_error(s, errtext_db(s->db));
			return ST_ERROR;
		}
	}
	return ST_OK;
}

int store_radar_fresh(struct store *s, const struct store_scope *sc, const struct radar_filter *f,
		      struct page *out)
{
	struct radar_bind b = { sc, f };
	char *all = xstrdup(""), *sql;
	sqlite3_stmt *st;
	int cap = 0, rc = ST_OK;

	for (int i = 0; i < NBRANCH; i++) {
		char *t = xasprintf("%s%s%s", all, i ? " UNION ALL " : "", branch_sql(i, true, SC_FULL, false));
		free(all);
		all = t;
	}
	sql = xasprintf("WITH r (id, k, base, kind, who, detail) AS (%s)"
			" SELECT * FROM r WHERE :kind = 0 OR r.kind = :kind ORDER BY r.k, r.id", all);
	free(all);
	st = store_prepare(s, sql);
	free(sql);
	radar_bind(st, &b);
	store_bind_named_int(st, ":kind", f->kind);
	out->n = 0;
	out->rows = NULL;
	rc = read_rows(s, st, out, &cap, INT_MAX);
	return rc;
}
