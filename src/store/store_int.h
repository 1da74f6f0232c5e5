/* Inside the store only. */
#ifndef MARSHRUT_STORE_INT_H
#define MARSHRUT_STORE_INT_H

#include <stdarg.h>
#include "store.h"

struct cached {
	char *sql;
	sqlite3_stmt *stmt;
	struct cached *next;
};

struct store {
	sqlite3 *db;
	struct cached *cache;
	int depth;              /* 1 in a write transaction, more inside savepoints */
	int64_t data_version;
	/* The busy handler: jittered short sleeps, bounded in total. */
	unsigned seed;
	long waited_us, busy_limit_us;
	bool no_wait;           /* a kept result is not worth waiting for */
	/* The active persons of a scope, remembered while the change counters
	 * of persons and organisations stay the same: every indicator over
	 * persons shares this denominator. */
	struct {
		bool valid;
		int64_t rid, mid, oid, stamp;
		long persons;
	} persons_memo;
	/* The active persons of every organisation (store_indicator_orgs),
	 * remembered the same way: one region, many formulas and years. */
	struct {
		bool valid;
		int64_t stamp;
		int n;
		struct indicator_org *rows;
	} orgs_memo;
	char err[512];
};

void store_set_error(struct store *s, const char *msg);

/* Tables whose changes are counted (schema step 6), as bits: what a kept
 * result was computed from. */
enum {
	T_PERSON = 1 << 0, T_ORG = 1 << 1, T_MUN = 1 << 2, T_IOM = 1 << 3, T_COURSE = 1 << 4,
	T_DIAG = 1 << 5, T_PAIR = 1 << 6, T_SURVEY = 1 << 7, T_INNOV = 1 << 8, T_PART = 1 << 9,
	T_NEED = 1 << 10, T_COUNT = 1 << 11, T_REC = 1 << 12, T_DIAG_DEFICIT = 1 << 13,
	T_DIAG_BLOCK = 1 << 14, T_CODE = 1 << 15, T_BLOCK = 1 << 16,
};
/* A person's full name from the columns of table alias a (an empty
 * patronymic leaves no trailing space). */
#define STORE_FIO(a) a ".surname || ' ' || " a ".name || coalesce(' ' || nullif(" a ".patronymic, ''), '')"

/* A person p's experience in year y (an SQL expression for the year): as
 * recorded on experience_date, plus the calendar years since then (or
 * minus the years before it), never below 0; without a date, as recorded;
 * NULL when unknown. */
#define STORE_EXPERIENCE_IN(y) \
	"max(0, p.experience_years + CASE WHEN p.experience_date GLOB '[12][0-9][0-9][0-9]-*'" \
	" THEN " y " - CAST(substr(p.experience_date, 1, 4) AS INTEGER) ELSE 0 END)"
/* A young specialist (молодой специалист, стаж 0–3 года) in year :y.
 * Unknown experience is not young. */
#define STORE_YOUNG_SQL \
	"p.experience_years IS NOT NULL AND " STORE_EXPERIENCE_IN(":y") " <= 3"

/* A write transaction for keeping a computed result, only when none is
 * open (a caller's read or write transaction is left alone) and only if
 * the file is free now: a kept result is an optimisation, never worth
 * waiting for another writer. End it with store_end. */
bool store_cache_begin(struct store *s);

/* The sum of the change counters of the tables in mask: it grows whenever
 * one of them changes, so a result kept with an equal sum is current. */
int64_t store_tables_stamp(struct store *s, unsigned mask);
void store_set_constraint_error(struct store *s, int rc);
sqlite3_stmt *store_prepare(struct store *s, const char *sql);
void store_bindv(sqlite3_stmt *st, const char *fmt, va_list ap);
int store_step_done(struct store *s, sqlite3_stmt *st);
int64_t store_int(struct store *s, const char *sql, const char *fmt, ...);
char *store_text(struct store *s, const char *sql, const char *fmt, ...);
int store_run(struct store *s, const char *sql, const char *fmt, ...);
/* Commit when rc is ST_OK, else roll back; returns the final code. */
int store_end(struct store *s, int rc);
/* The scope condition over persons p joined with organisations o. */
extern const char store_scope_sql[];
/* The scope condition over organisations o. */
extern const char store_org_scope_sql[];
void store_bind_scope(sqlite3_stmt *st, const struct store_scope *sc);
/* Bind by name when the statement has that parameter. */
void store_bind_named_int(sqlite3_stmt *st, const char *name, int64_t v);
void store_bind_named_text(sqlite3_stmt *st, const char *name, const char *v);
/* Register the fold() SQL function (text_fold) on a connection. */
void store_register_functions(sqlite3 *db);
/* A code as searched and compared (SQL code_key()): folded, Cyrillic
 * look-alikes as Latin. Caller frees. */
char *store_code_key(const char *code);
char *store_col(sqlite3_stmt *st, int i);

/* A list query in parts, all constant text; paged by (key, id). */
struct listq {
	const char *select;  /* "SELECT id, key, c0, c1, c2, c3, archived" */
	const char *from;    /* " FROM ... JOIN ..." */
	const char *where;   /* conditions (may use named parameters) */
	const char *key;     /* sort key expression */
	const char *id;      /* id expression */
	bool reverse;        /* newest first: the list runs by key and id descending */
};
typedef void (*bind_fn)(sqlite3_stmt *st, const void *ctx);
int store_run_page(struct store *s, const struct listq *q, bind_fn bind, const void *ctx,
		   const struct page_req *r, struct page *out);
int store_run_count(struct store *s, const struct listq *q, bind_fn bind, const void *ctx,
		    int *count);

/* In iom.c: after approval a change to an ИОМ or its roadmap is kept as an
 * iom_change row awaiting confirmations; a no-op for cards not approved yet.
 * Runs inside the caller's write transaction. */
int store_iom_log_change(struct store *s, const struct actor *a, int64_t iom_id,
			 const char *table, int64_t record_id, const char *field,
			 const char *before, const char *after);

#endif
