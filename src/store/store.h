/* The storage layer: the only place that holds SQL. Every statement is
 * prepared with bound parameters and cached; every write transaction begins
 * IMMEDIATE and is committed before the caller returns to the keyboard. */
#ifndef MARSHRUT_STORE_H
#define MARSHRUT_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>

#include "model.h"
#include "page.h"

struct store;

enum store_rc {
	ST_OK = 0,
	ST_NOTFOUND,     /* no such record, or not in the caller's scope */
	ST_CONFLICT,     /* someone else saved the record since it was read */
	ST_CONSTRAINT,   /* the database refused the values (duplicate, range) */
	ST_ERROR,        /* I/O, busy beyond the timeout, corruption */
};

/* Who acts: written to the audit log with every change. */
struct actor {
	int64_t user_id;         /* 0 for the system (init, demo) */
	const char *login;       /* effective login (after --as) */
	const char *real_login;  /* the identity the kernel or the password vouched for */
};

/* What part of the register a user may see, as the access policy decided.
 * The store turns it into one bound condition on persons and organisations. */
struct store_scope {
	bool all;                /* the whole region */
	int64_t self_person;     /* own person, 0 if none */
	int64_t curator_person;  /* persons curated by this person, 0 if none */
	char *orgs;              /* JSON array of organisation ids, "[]" if none */
	char *muns;              /* JSON array of municipality ids, "[]" if none */
};

/* A record of a described table: values as stored (text; NULL = empty),
 * one per field of its table_desc, in the same order. */
struct record {
	int64_t id;
	int64_t version;
	bool archived;
	int n;
	char **v;
};

void record_init(struct record *r, const struct table_desc *t);
void record_free(struct record *r);
void record_set(struct record *r, int i, const char *value);

/* Open (and create when create is true) the database and bring its schema
 * to the current version. On failure returns NULL with a message in err. */
struct store *store_open(const char *path, bool create, char *err, int errsz);
void store_close(struct store *s);
sqlite3 *store_db(struct store *s);           /* for tests and backup */
const char *store_errmsg(struct store *s);    /* last error, Russian when ours */

int store_schema_version(struct store *s);
int store_latest_version(void);
/* Apply migrations from the current user_version to the latest. */
int store_migrate(struct store *s, char *err, int errsz);

/* Whether a database file changed since the last call (PRAGMA data_version):
 * a screen re-reads what it shows when it did. */
bool store_changed(struct store *s);

/* A terminal session: a small page cache (batch commands keep SQLite's). */
void store_set_session_memory(struct store *s);
/* A region-wide figure (monitoring, a report, typical deficits, the note)
 * reads most of the file, table after table, and a session's page cache
 * holds little of it: meanwhile a larger one (STORE_WIDE_CACHE_KB), the
 * session's own again after. store_wide_begin returns what store_wide_end
 * puts back (0: nothing, the cache was large enough; so calls nest). */
enum { STORE_WIDE_CACHE_KB = 16384 };
int store_wide_begin(struct store *s);
void store_wide_end(struct store *s, int prev);

/* Write transactions (IMMEDIATE) and their end. */
int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);

/* Meta values (demo flag, region name...). Returned string is malloc'd or NULL. */
char *store_meta_get(struct store *s, const char *key);
int store_meta_set(struct store *s, const char *key, const char *value);
bool store_is_demo(struct store *s);
bool store_is_empty(struct store *s);

/* --- generic records (one save path for every described table) --- */

/* Read one record in scope (scope NULL = no restriction, for system code). */
int store_get(struct store *s, const struct table_desc *t, const struct store_scope *sc,
	      int64_t id, struct record *out);
/* Insert rec (its id is set on success). Writes an audit row per value. */
int store_insert(struct store *s, const struct actor *a, const struct table_desc *t,
		 struct record *rec);
/* Save rec over the stored row if its version is still rec->version; the
 * changed fields are written with one audit row each, version + 1. On
 * ST_CONFLICT the stored row is left in *current (if not NULL; it must be
 * zeroed or a record, and is freed first). */
int store_update(struct store *s, const struct actor *a, const struct table_desc *t,
		 struct record *rec, struct record *current);
/* Whether code (as model_check saves it) is taken by another row of t than
 * id (0 for a new one), compared by key: case and the Cyrillic letters
 * drawn like Latin ones do not matter (model_field_is_code: organisation,
 * deficit_code). NULL when free, else a Russian message naming the holder,
 * «такая запись уже есть: код …» (caller frees). store_insert and
 * store_update refuse a taken code with ST_CONSTRAINT and this message; a
 * form may ask as the field is left. */
char *store_code_taken(struct store *s, const struct table_desc *t, int64_t id, const char *code);
/* Archive or restore (a versioned change too). */
int store_set_archived(struct store *s, const struct actor *a, const struct table_desc *t,
		       int64_t id, int64_t version, bool archived);
/* Display name of a referenced row ("organisation", "municipality",
 * "person"); malloc'd, "" when none. */
char *store_ref_name(struct store *s, const char *table, int64_t id);

/* --- the audit log (read-only) --- */

struct audit_filter {
	int64_t person_id;       /* changes to this person's records; 0 = any */
	const char *tbl;         /* one record: its table and id; NULL = any */
	int64_t record_id;
	const char *from, *to;   /* local dates "YYYY-MM-DD", inclusive; NULL = open */
	const char *login;       /* who (effective or real login); NULL = anyone */
};
/* Entries newest first: cols = when (local), who, table, field. */
int store_audit_page(struct store *s, const struct audit_filter *f, const struct page_req *r,
		     struct page *out);
int store_audit_filter_count(struct store *s, const struct audit_filter *f, int *count);
struct audit_entry {
	int64_t id, record_id;
	char at[17];             /* local "ДД.ММ.ГГГГ ЧЧ:ММ" */
	char *login, *real_login, *action, *tbl, *field, *before, *after;
	bool redacted;           /* before/after cleared after the retention time */
};
int store_audit_get(struct store *s, int64_t id, struct audit_entry *e);
void store_audit_entry_free(struct audit_entry *e);
/* Whose a record of a table that carries diagnostic-derived values is (a
 * diagnostic, its block or deficit, a card, its roadmap row): the person,
 * and the card or diagnostic it is shown in; 0 when the record is gone or
 * the table carries none. */
int64_t store_record_person(struct store *s, const char *tbl, int64_t id, int64_t *iom_id,
			    int64_t *diag_id);

/* --- drafts of forms cut off by a hang-up --- */

struct draft {
	int64_t id;
	char *screen, *tbl;
	int64_t record_id;         /* 0 for a new record */
	char *data;                /* as the screen encoded it */
	char saved_at[17];         /* local "ДД.ММ.ГГГГ ЧЧ:ММ" */
};
/* Keep (or replace) the user's draft of one form. */
int store_draft_save(struct store *s, int64_t user_id, const char *screen, const char *tbl,
		     int64_t record_id, const char *data);
/* Discard it (saved, restored or refused). */
int store_draft_delete(struct store *s, int64_t user_id, const char *screen, const char *tbl,
		       int64_t record_id);
/* The user's next draft after id after_id (0: the first); ST_NOTFOUND when
 * there is none. Free with store_draft_free. */
int store_draft_next(struct store *s, int64_t user_id, int64_t after_id, struct draft *out);
void store_draft_free(struct draft *d);

/* --- paged lists --- */


struct person_filter {
	const char *search;      /* typed by the user; folded here */
	int64_t org_id;          /* 0 = any */
	const char *subject;     /* substring of subjects, folded; NULL = any */
	const char *category;    /* code; NULL = any */
	bool archived;           /* show archived instead of active */
};

/* Persons: cols = ФИО, organisation, position, category label. */
int store_person_page(struct store *s, const struct store_scope *sc,
		      const struct person_filter *f, const struct page_req *r, struct page *out);
int store_person_count(struct store *s, const struct store_scope *sc,
		       const struct person_filter *f, int *count);

struct org_filter {
	const char *search;
	int64_t mun_id;
};
/* Organisations: cols = code, short name, municipality, teachers count. */
int store_org_page(struct store *s, const struct store_scope *sc,
		   const struct org_filter *f, const struct page_req *r, struct page *out);
int store_org_count(struct store *s, const struct store_scope *sc,
		    const struct org_filter *f, int *count);
/* Courses of a person, newest first: cols = dates, title, hours, provider. */
int store_course_page(struct store *s, int64_t person_id, const struct page_req *r,
		      struct page *out);

/* Location of a person for the access policy. */
struct person_place {
	int64_t id, org_id, mun_id;
	bool curated_by;         /* curated by the asking curator person */
};
/* Where a person is, and whether the asker (his person) curates him (a
 * curatorship or a card). What the asker may see of his diagnostics is
 * the disclosure rule's (store_disclosure_ties). */
int store_person_place(struct store *s, int64_t person_id, int64_t asker_person,
		       struct person_place *out);
int64_t store_org_mun(struct store *s, int64_t org_id);
/* Whether the organisation's head sees his teachers' results (0 or 1). */
int store_org_sees_results(struct store *s, int64_t org_id);

/* Asked by a list that renders stored values: true when the viewer may not
 * see the values of tbl.field (the policy's access_column_class). */
typedef bool (*store_mask_fn)(const void *ctx, const char *tbl, const char *field);

/* How a viewer stands to a person's diagnostic-derived values, for the
 * disclosure rule (access_disclosure). */
struct disclosure_ties {
	bool self, curator, developer, recorder;   /* the viewer's ties to the values */
	int64_t org_id;                            /* the teacher's organisation */
	bool org_sees_results;                     /* that organisation opted in (Aromashevo) */
};
/* Fill t for the viewer (asker_person, asker_user) and person_id's values
 * as shown in card iom_id and/or diagnostic diag_id (0: in general).
 * ST_NOTFOUND when the person does not exist. */
int store_disclosure_ties(struct store *s, int64_t person_id, int64_t iom_id, int64_t diag_id,
			  int64_t asker_person, int64_t asker_user, struct disclosure_ties *t);
/* Write a view row: asker opened person_id's results (access transparency). */
int store_result_view(struct store *s, const struct actor *a, int64_t person_id, const char *what,
		      int64_t record_id, const char *place);
/* The view rows, newest first, of one person (0: anyone's) opened by one
 * login (NULL: anyone): cols = when (local time), who (the user's full
 * name, and the real login after --as), whose (surname and initials),
 * where. */
int store_result_view_page(struct store *s, int64_t person_id, const char *login,
			   const struct page_req *r, struct page *out);
int store_result_view_count(struct store *s, int64_t person_id, const char *login, int *n);
int64_t store_result_view_person(struct store *s, int64_t view_id);
int64_t store_org_by_code(struct store *s, const char *code);
int64_t store_mun_by_code(struct store *s, const char *code);
/* The code of a municipality (kind "mun") or an organisation ("org") by id,
 * as --scope takes it; "" when none. Caller frees. */
char *store_scope_code(struct store *s, const char *kind, int64_t id);

/* --- catalogues --- */

struct codifier_entry;
/* Add the codes that are not there yet (existing codes keep their edits),
 * all or nothing; *added gets how many were new. An unknown block code is
 * refused with ST_CONSTRAINT and a message naming it. */
int store_codifier_import(struct store *s, const struct actor *a, const struct codifier_entry *e,
			  int n, int *added);
struct deficit_filter {
	const char *search;      /* code prefix or words of the wording */
	int64_t block_id;        /* 0 = any */
	bool archived;
};
/* Codifier: cols = code, block, wording. */
int store_deficit_page(struct store *s, const struct deficit_filter *f, const struct page_req *r,
		       struct page *out);
int store_deficit_count(struct store *s, const struct deficit_filter *f, int *count);
/* Id of an active code typed by a user (exact, or differing only in case
 * and ё/е, or in letters of the other alphabet drawn alike: M-1 for М-1),
 * 0 when there is none. */
int64_t store_deficit_by_code(struct store *s, const char *code);
struct selfcheck_entry;
/* Add the statements not there yet (same block and text), all or nothing. */
int store_selfcheck_import(struct store *s, const struct actor *a, const struct selfcheck_entry *e,
			   int n, int *added);
struct association_entry;
struct measure_entry;
/* The shipped city associations (conf/associations.conf) and roadmap
 * measures (conf/measures.conf): an entry whose key the database has not
 * seen is added (an association of the same name without a key, made by
 * hand, takes the key instead), one it has is left as the users keep it;
 * all or nothing, audited. A measure's indicator code unknown to the
 * database is refused with ST_CONSTRAINT and a message naming it. */
int store_associations_import(struct store *s, const struct actor *a, const struct association_entry *e,
			      int n, int *added);
int store_measures_import(struct store *s, const struct actor *a, const struct measure_entry *e,
			  int n, int *added);
/* What a support measure's effect is read from: its year (0 when the
 * measure has none: a standing one), its linked indicator (id 0: none)
 * with code, name and formula, and its addressee as a monitoring group
 * (kind "org", "mun" or "region" with id 0). ST_NOTFOUND for no measure. */
struct measure_link {
	int year;
	int64_t indicator_id;
	char code[33], formula[64], unit[16];
	char *name;                 /* malloc'd; NULL when no indicator */
	bool higher_better;
	const char *kind;
	int64_t group_id;
	char *activity, *responsible, *period, *documents, *addressee;   /* malloc'd; NULL when empty */
};
int store_measure_link(struct store *s, int64_t measure_id, struct measure_link *out);
void store_measure_link_free(struct measure_link *l);
struct selfcheck_item {
	int64_t id, block_id, deficit_id;
	char block[80];
	char *text;
};
/* The checklist for a teacher (the five teacher blocks) or a manager (the
 * management blocks), in order; at most max items (a form's worth). */
int store_selfcheck_items(struct store *s, bool manager, struct selfcheck_item *items, int max);

/* A small catalogue (competency blocks, municipalities; at most max rows) for a pick list:
 * ids and malloc'd labels; returns the count. */
int store_small_catalog(struct store *s, const char *table, int64_t *ids, char **labels, int max);

/* --- applications for diagnostics --- */

struct application_filter {
	const char *state;       /* code or NULL */
	bool archived;
};
/* Applications in the organisation scope of the policy, newest first:
 * cols = received (ДД.ММ.ГГГГ), applicant — organisation, state label, and
 * "received|contacted|diagnostic|results|ordered" (ISO dates, 0/1) for the
 * screen to state the deadline with the calendar. */
int store_application_page(struct store *s, const struct store_scope *sc,
			   const struct application_filter *f, const struct page_req *r,
			   struct page *out);
int store_application_count(struct store *s, const struct store_scope *sc,
			    const struct application_filter *f, int *count);
/* The competency blocks an application names for diagnosis
 * (application_block): their ids, at most max; the count. */
int store_application_blocks(struct store *s, int64_t application_id, int64_t *ids, int max);
/* Name exactly these blocks, in one transaction; each block added or
 * removed is audited. */
int store_application_set_blocks(struct store *s, const struct actor *a, int64_t application_id,
				 const int64_t *ids, int n);
/* Where an application led: the names of its blocks ("" if none), the
 * diagnostics that answer it (diagnostic.application_id) and the ИОМ cards
 * built from those diagnostics. Counts only: no results. */
struct application_chain {
	char blocks[300];
	int diagnostics, cards;
};
int store_application_chain(struct store *s, int64_t application_id, struct application_chain *out);
/* Consents of an application: cols = teacher, subject, block, consent. */
int store_consent_page(struct store *s, int64_t application_id, const struct page_req *r,
		       struct page *out);

/* --- the Omsk templates --- */

/* ИППР rows of a card, by competency: cols = competency, actions, result, term. */
int store_ippr_page(struct store *s, int64_t iom_id, const struct page_req *r, struct page *out);
/* Interviews after courses of a person, newest first: cols = date, course,
 * levels now → planned per competency (empty unless levels: they are
 * results, the caller asks the disclosure rule and masks them), employer's
 * follow-up date. */
int store_interview_page(struct store *s, int64_t person_id, bool levels, const struct page_req *r,
			 struct page *out);

/* --- measures and recommendations (the monitoring cycle's decisions) --- */

struct measure_filter {
	int year;                 /* 0 = any */
	const char *state;        /* NULL = any */
	bool recommendations;     /* the recommendations instead of the plan's measures */
};
/* In the user's organisation scope (a row of the whole region has neither a
 * municipality nor an organisation and is the region's): cols = year or
 * date, text, addressed to, state label. */
int store_measure_page(struct store *s, const struct store_scope *sc, const struct measure_filter *f,
		       const struct page_req *r, struct page *out);
int store_measure_count(struct store *s, const struct store_scope *sc, const struct measure_filter *f,
			int *count);

/* Typical deficits: store/deficit_counts.h. */

/* --- the deadline radar --- */

struct radar_cutoffs;
struct radar_filter {
	const struct radar_cutoffs *cut;   /* per kind: base dates on or before it */
	bool applications;                 /* the user keeps applications */
	int kind;                          /* one kind, or 0 for all */
};
/* What is overdue or falls due, in the user's scope, by kind then date:
 * id = the record to open (application, ИОМ card, person or site), cols =
 * base date (ISO, for radar_due), kind number, who or what, detail. */
int store_radar_page(struct store *s, const struct store_scope *sc, const struct radar_filter *f,
		     const struct page_req *r, struct page *out);
int store_radar_count(struct store *s, const struct store_scope *sc, const struct radar_filter *f,
		      int *count);
/* Every row of the radar in order in one statement, a person's dates
 * computed from scratch instead of read where they are kept: what the
 * pages must add up to (the tests' check). */
int store_radar_fresh(struct store *s, const struct store_scope *sc, const struct radar_filter *f,
		      struct page *out);

/* --- curators --- */

/* The curator rule (seed 004 App.3 §4.4.2) applied to the data: for a
 * card of model (route.h) for teacher_id built from diagnostic diag_id (0:
 * none) by developer_id, the kind of curator and his candidates. The
 * level and the weakest block are read here whatever the asking user may
 * see, so every user gets the same proposal; only the proposal and its
 * Russian reason (never a level or a percentage) come out. Model 1: high
 * → regional methodists; medium or low → institute lecturers whose
 * curator profile matches the teacher's subject and weakest block (else
 * the nearest, said in the reason); no level → regional methodists, with
 * the reason. Model 2: such lecturers and the heads of the school's МО.
 * Model 3: the teacher's mentor and the mentors of his school, else
 * regional methodists. Never the teacher nor the developer; the present
 * curator first, then the least loaded; labels "ФИО — организация,
 * курирует N". Free with curator_proposal_free. */
#define STORE_CURATOR_MAX 40
struct curator_proposal {
	int kind;                       /* enum route_curator_kind */
	char reason[400];
	int n;
	int64_t ids[STORE_CURATOR_MAX];
	char *labels[STORE_CURATOR_MAX];
};
int store_curator_propose(struct store *s, int model, int64_t teacher_id, int64_t diag_id,
			  int64_t developer_id, struct curator_proposal *out);
void curator_proposal_free(struct curator_proposal *p);
/* Persons who may build cards (a working account with the developer
 * role), the least loaded first, labelled with their load; returns how
 * many (at most max). Caller frees the labels. */
int store_developer_candidates(struct store *s, int64_t *ids, char **labels, int max);
/* Teachers a person curates now (curatorship or ИОМ cards). */
int store_curator_load(struct store *s, int64_t curator_id);
/* Everyone who curates anybody, the most loaded first: cols = ФИО,
 * organisation, teachers curated (a number). */
int store_curators_page(struct store *s, const struct page_req *r, struct page *out);
/* The region's active teachers, the methodist pool of a year (methodist_pool,
 * or the persons with the педагог-методист status when the year has no
 * list), and how many persons curate anybody. */
/* The pool of a year, by surname: cols = ФИО, status, the requirements
 * checked (analytics_pool_requirements: the person's category, education
 * and experience in that year), teachers he curates. */
int store_pool_page(struct store *s, int year, const struct page_req *r, struct page *out);
/* Add a person to the pool of a year as a candidate (audited);
 * ST_CONSTRAINT when he is in it already. */
int store_pool_add(struct store *s, const struct actor *a, int year, int64_t person_id);
/* The annual list of the pool of a year as a table for the report
 * renderers (src/report.h: txt, CSV, XLSX): №, ФИО, organisation,
 * position, category, education, experience, status, the requirements
 * checked, teachers curated; notes with the counts. ST_OK with *out filled
 * (free with report_table_free), ST_CONSTRAINT for a bad year. */
struct report_table;
int store_pool_report(struct store *s, int year, struct report_table *out);
/* The rating of methodological activity of the year (analytics.h) for the
 * persons in the scope with any points, the highest first: cols = ФИО,
 * organisation, points, records counted; the points by the weights w
 * (the configuration's, config.h). */
struct rating_weights;
int store_rating_page(struct store *s, const struct store_scope *sc, int year, const struct rating_weights *w,
		      const struct page_req *r, struct page *out);
int store_pool_figures(struct store *s, int year, int *teachers, int *pool, bool *pool_listed,
		       int *curators);

/* --- users and roles --- */

struct role_grant {
	char role[16];
	int64_t org_id;          /* school */
	int64_t mun_id;          /* municipal */
	char scope_code[48];     /* "org:CODE" / "mun:CODE" / "" */
};

struct user {
	int64_t id;
	char login[33];
	char *full_name;
	int64_t person_id;
	bool disabled;
	bool has_password;
	int failed;
	char locked_until[20];   /* UTC, "" when not locked */
	int nroles;
	struct role_grant roles[16];
};

int store_user_get(struct store *s, const char *login, struct user *u);
void store_user_free(struct user *u);
int store_user_add(struct store *s, const struct actor *a, const char *login,
		   const char *full_name, int64_t person_id, int64_t *id);
/* A user with his roles and (optional) password hash, all or nothing. */
int store_user_create(struct store *s, const struct actor *a, const char *login,
		      const char *full_name, int64_t person_id, const struct role_grant *grants,
		      int ngrants, const char *hash, int64_t *id);
int store_user_grant(struct store *s, const struct actor *a, int64_t user_id,
		     const struct role_grant *g);
int store_user_revoke(struct store *s, const struct actor *a, int64_t user_id,
		      const struct role_grant *g);
int store_user_disable(struct store *s, const struct actor *a, int64_t user_id);
int store_user_set_hash(struct store *s, const struct actor *a, int64_t user_id,
			const char *hash);
char *store_user_hash(struct store *s, int64_t user_id);
/* Login attempts (password mode), counted before the password is checked:
 * one short write transaction adds this attempt for the typed login from
 * this source and for the source alone, and tells whether that login is
 * locked for this source. Rows last touched before window_start start over.
 * Times are UTC "YYYY-MM-DD HH:MM:SS". */
struct login_count {
	int failed;          /* attempts at this login from this source, this one included */
	int failed_source;   /* attempts from this source at any login */
	bool locked;         /* a lock set earlier still holds */
};
int store_login_reserve(struct store *s, const char *login, const char *source,
			const char *now, const char *window_start, struct login_count *c);
/* After the check: a success clears the login's count from this source; a
 * failure sets lock_until (when not NULL) for this source only and, for a
 * known user, writes the audit row. */
int store_login_settle(struct store *s, const char *login, const char *source, int64_t user_id,
		       bool ok, const char *lock_until);
/* Every user, one line each, ordered by login; calls cb per user. */
int store_user_each(struct store *s, void (*cb)(const struct user *u, void *ctx), void *ctx);

/* --- the journal's hash chain (chain.c) --- */
struct chain_report {
	int64_t rows;          /* chain and journal rows looked at */
	int64_t head_id;       /* the last one */
	char head[65];         /* its chain hash, hex */
	int64_t bad_id;        /* the first row where the chain breaks, 0: whole */
	char why[120];
};
/* Recompute every content and chain hash; ST_ERROR names the first break. */
int store_chain_verify(struct store *s, struct chain_report *r);
/* The last chained row's id and chain hash (hex), cheaply: for syslog. */
int64_t store_chain_head(struct store *s, char out[65]);
/* Chain the rows an older file kept before the chain existed. */
int store_chain_catch_up(struct store *s);

/* --- audit --- */
int store_audit(struct store *s, const struct actor *a, const char *action,
		const char *table, int64_t id, const char *field,
		const char *before, const char *after);
int store_audit_count(struct store *s, const char *table, int64_t id, int *count);
/* The last change of a record: UTC time and login into the buffers ("" if none). */
int store_last_change(struct store *s, const char *table, int64_t id, char at[20], char login[33]);

/* --- maintenance --- */
/* integrity_check + foreign_key_check + schema version; problems are
 * written as lines to *report (malloc'd). Returns ST_OK when healthy. */
int store_check(struct store *s, char **report);
/* Consistent online copy to path (SQLite backup API), file mode 0600, never
 * over an existing file. Refused: a path inside the data directory (the one
 * holding the database, symbolic links resolved) and a name of the
 * database's own -journal, -wal or -shm files anywhere. */
int store_backup(struct store *s, const char *path, bool verify, char *err, int errsz);
/* PRAGMA integrity_check on a copy (target), messages naming shown. */
int store_verify_copy(const char *target, const char *shown, char *err, int errsz);

/* A large page cache for a bulk load in this process (init --demo). */
void store_set_bulk_memory(struct store *s);
/* The bulk load over: the file's journal and syncs as store_open sets them. */
void store_bulk_end(struct store *s);
/* In a bulk load, the demo generator's rows written without their CHECK and
 * foreign key constraints (unchecked), or with them again; else nothing. */
void store_bulk_unchecked(struct store *s, bool unchecked);
/* The bulk load over: the file's journal and syncs as store_open sets them. */
void store_bulk_end(struct store *s);
/* Gather the planner's statistics (after a bulk load such as the demo). */
void store_analyze(struct store *s);

/* Demo region: fixed-seed generator (store/demo.c). */
int store_demo_fill(struct store *s, int teachers, char *err, int errsz);
/* The demo region's activity over 2021–2026 (diagnostics, ИОМ cards with
 * numbers in the configured format, levels by its thresholds, mentoring, contests, events, staff numbers),
 * after store_demo_fill and the codifier; one transaction. Persons with a
 * user account or on a curator's list are left without activity. */
struct config;
int store_demo_activity(struct store *s, const struct config *cfg, char *err, int errsz);
/* The same two, telling p how far they are (progress.h: organisations,
 * teachers, their activity, staff numbers); asked to stop, they write
 * nothing and fail. */
struct progress;
int store_demo_fill_progress(struct store *s, int teachers, struct progress *p, char *err, int errsz);
int store_demo_activity_progress(struct store *s, const struct config *cfg, struct progress *p,
				 char *err, int errsz);

#endif
