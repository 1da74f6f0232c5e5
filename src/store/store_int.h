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

/* A table's owner watches the generic save path (records.c): fn runs inside
 * the save's write transaction, once for a new row (col NULL, row the row
 * as inserted) and once per changed column of an updated row (row the row
 * as it was stored, before and after that column's values). Anything but
 * ST_OK rolls the save back. */
typedef int (*store_save_hook)(struct store *s, const struct actor *a, const struct table_desc *t,
			       const struct record *row, const char *col, const char *before,
			       const char *after);

struct store {
	sqlite3 *db;
	struct cached *cache;
	int depth;              /* 1 in a write transaction, more inside savepoints */
	int64_t data_version;
	/* The busy handler: jittered short sleeps, bounded in total. */
	unsigned seed;
	long waited_us, busy_limit_us;
	bool no_wait;           /* a kept result is not worth waiting for */
	/* An import's batch (store/import.c): records saved inside it take no
	 * savepoints of their own (a failure undoes the whole batch, which the
	 * import then writes again without the row), and the audit rows are
	 * chained once at the batch's end instead of one by one. */
	bool flat;
	bool chain_later;
	/* A bulk load (store_set_bulk_memory .. store_bulk_end): the demo's
	 * generation writes its own rows unchecked (store_bulk_unchecked). */
	bool bulk;
	/* The planner's statistics were gathered in full (store_analyze): the
	 * close has no PRAGMA optimize to run. */
	bool analyzed;
	/* The import_run whose batches are being written or taken back
	 * (store/import.c): what a batch did is kept under it. */
	int64_t import_run;
	/* The query that tells whether other tables' rows would go with a
	 * record of import_fk.table (ON DELETE CASCADE or SET NULL), built
	 * from the schema once (store/import.c store_import_undo_add). */
	struct {
		char table[64];
		char *sql;
	} import_fk;
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
	/* The same persons one by one (store/indicators.c ped_workers_load):
	 * each one's row of orgs_memo, by id (dense: row[id], -1 for none)
	 * or, when ids are sparse, sorted slots; so that a figure of persons
	 * reads only its events and groups them here. */
	struct {
		bool dense;
		int n;
		int *row;
		struct ped_slot {
			int64_t id;
			int row;
		} *slots;
	} ped_memo;
	/* The last marks of persons read for figures of persons
	 * (store/indicators.c each_marks), one byte a slot of ped_memo: one
	 * per year of the monitoring's trend, which goes formula by formula
	 * through the years (the three formulas of cards read the same). */
	struct each_memo {
		const char *sql, *text;
		int year, n;
		int64_t stamp, slots_stamp;
		unsigned char *mark;
	} each_memo[4];
	int each_next;                /* the entry the next reading replaces */
	/* The last count of the register with a filter or a search
	 * (lists.c), kept while what it reads is unchanged. */
	struct {
		char *key;
		int64_t stamp;
		int n;
	} count_memo;
	/* The last plan of a search (lists.c name_plan_for), by its token
	 * and whether the query has several words,
	 * kept while the persons stay as they were. */
	struct {
		char *drive;
		int64_t stamp;
		int plan;
		bool several;    /* decided for a query of several words */
	} plan_memo;
	/* Owners' hooks on the generic save path (store_on_save). */
	struct save_hook {
		const char *table;
		store_save_hook fn;
	} save_hooks[8];
	int nsave_hooks;
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

/* «Педагогические работники» (README, «Кого считают педагогами»): the
 * active persons p on the staff of an educational organisation o — of
 * every kind but the management authority and the institute — leaders
 * included (Table 10 shows them apart), external part-timers not («без
 * внешних совместителей»). The one definition every table and indicator
 * counts persons by. */
#define STORE_PED_WORKER \
	"p.archived = 0 AND o.kind NOT IN ('authority', 'institute') AND p.employment IS NOT 'external'"

/* A person p's experience in year y (an SQL expression for the year):
 * model_experience on the year's last day, through the SQL function
 * experience_on() (store_register_experience); NULL when unknown or when
 * he had not begun by the end of the year — never counted before hiring. */
#define STORE_EXPERIENCE_IN(y) \
	"experience_on(p.experience_years, p.experience_date, " y " || '-12-31')"
/* A young specialist (молодой специалист, стаж 0–3 года) in year :y.
 * Unknown experience is not young, nor is one not hired yet. */
#define STORE_YOUNG_SQL STORE_EXPERIENCE_IN(":y") " BETWEEN 0 AND 3"
/* Registers experience_on(years, on_date, day) on a connection. */
void store_register_experience(sqlite3 *db);

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
/* The same condition with only the parts sc has ("1" for the region):
 * index ranges for the planner; binds as store_bind_scope. */
const char *store_scope_where(const struct store_scope *sc);
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
/* The words of a search as the lists find titles and names word by word:
 * q as typed, folded here (text_fold) and cut at spaces, «№ 23» kept as one word; up to
 * STORE_QUERY_WORDS, the last taking the rest as a phrase. The strings are
 * malloc'd, the unused ones NULL. Each is tested with the SQL function
 * word_in(text, word): the word starts a word of the text. */
#define STORE_QUERY_WORDS 4
void store_query_words(const char *q, char *w[STORE_QUERY_WORDS]);
/* A page whose rows are first picked by a statement of their own: pick is
 * a FROM clause over which q->where, q->key and q->id choose the page's
 * ids and keys (read from indexes, sorted small), exposed as pk.pick_id and
 * pk.pick_key; then q->select reads the rows through q->from, a join tail
 * on pk ("JOIN person p ON p.id = pk.pick_id ..."). */
int store_run_picked_page(struct store *s, const struct listq *q, const char *pick, bind_fn bind,
			  const void *ctx, const struct page_req *r, struct page *out);

/* Persons found by name as people write it: the one rule of every list
 * and picker that finds persons by name. The typed text is folded and cut
 * into tokens at spaces, dots and commas («петрова о.н.», «о н петрова»;
 * a hyphen inside a token stays: «петрова-водкина»). A person matches when
 * each token starts a different part of his name: a word of the surname,
 * name or patronymic, or a hyphen-separated piece of one («водкина»,
 * «сибиряк»), two tokens never in one piece. The parts are kept, with the
 * person's key and archived flag, in person_name_part by triggers on
 * person (schema step 11).
 * Plans: NAME_DRIVE reads the range of the longest token in the part
 * index, one row a person (name_pick), the person through the small
 * person_live index, sorts those keys and reads the page's rows only;
 * NAME_WALK, when the token starts many parts beyond the surnames that
 * begin with it and the list is region-wide, walks the surname order
 * testing each key (name_match) and stops at its page. */
enum name_plan { NAME_NONE, NAME_DRIVE, NAME_WALK };
struct name_query {
	char *q;         /* the tokens, folded, one space apart; NULL: none */
	char *drive;     /* the longest token */
	enum name_plan plan;
};
/* wide: the list is not narrowed by scope or organisation. */
void store_name_query(struct store *s, const char *typed, bool wide, struct name_query *nq);
void store_name_query_free(struct name_query *nq);
/* Binds :nq, :nq_drive. */
void store_bind_name_query(sqlite3_stmt *st, const struct name_query *nq);
/* The statements of a list of persons p (LEFT JOIN organisation o) with
 * the given select ("SELECT p.id, p.surname_key, ..."), conditions on p
 * and o (without the name; the scope included) and plan, keyed and paged
 * by (p.surname_key, p.id). Built once per (list, plan) into *nl. */
struct name_listq {
	struct listq page;   /* with pick when NAME_DRIVE */
	const char *pick;
	struct listq count;  /* by the part index whenever there is a name */
	const char *where;   /* the caller's conditions, kept for the process's life */
};
void store_name_listq(struct name_listq *nl, enum name_plan plan, const char *select,
		      const char *where);
int store_name_page(struct store *s, const struct name_listq *nl, bind_fn bind, const void *ctx,
		    const struct page_req *r, struct page *out);

/* Register fn for table's rows (at most 8 hooks a store; a table may have
 * several, run in the order registered). */
void store_on_save(struct store *s, const char *table, store_save_hook fn);
/* In iom.c: the hooks of the ИОМ's tables (store_open registers them). */
void store_iom_register_hooks(struct store *s);

/* In iom.c: after approval a change to an ИОМ or its roadmap is kept as an
 * iom_change row awaiting confirmations; a no-op for cards not approved yet.
 * Runs inside the caller's write transaction. */
int store_iom_log_change(struct store *s, const struct actor *a, int64_t iom_id,
			 const char *table, int64_t record_id, const char *field,
			 const char *before, const char *after);
/* NULL when a roadmap row dated start..end (ISO or NULL, either may be
 * missing) falls in its card's period (when the card has one): it neither
 * ends before the start nor begins after the end; else a Russian message
 * naming the period (src/store/iom.c). */
const char *store_iom_activity_problem(struct store *s, int64_t iom_id, const char *start,
				       const char *end);

/* In chain.c: chain the audit rows written since the last chained one;
 * inside the caller's write transaction. */
int store_chain_extend(struct store *s);
/* Inside the caller's write transaction: the journal rows of the cards
 * listed in temp.redact_card (the card's own and its parts', the tables
 * whose rows go with it, ON DELETE CASCADE; not its archiving) are
 * redacted: their before and after cleared, their chain rows marked, so
 * the chain still verifies (chain.c). *n gets how many rows. */
int store_chain_redact_cards(struct store *s, int64_t *n);

#endif
