/* The access policy: the one place that answers "may this user do this to
 * that record" and hands the store the matching scope. Every screen and
 * every command asks here; the rules are one table in access.c. */
#ifndef MARSHRUT_ACCESS_H
#define MARSHRUT_ACCESS_H

#include <stdbool.h>
#include "store/store.h"

struct config;

enum perm {
	P_PERSON_VIEW,       /* the information sheet and course history */
	P_PERSON_CREATE,
	P_PERSON_EDIT,
	P_PERSON_ARCHIVE,
	P_ORG_VIEW,
	P_ORG_CREATE,
	P_ORG_EDIT,
	P_USERS_MANAGE,
	P_CATALOG_EDIT,
	P_ADMIN_TASKS,       /* init, backup, check */
	P_DIAG_RECORD,       /* record a diagnostic and its results (the operator) */
	P_SELF_DIAG,         /* fill the self-diagnosis checklist (for oneself) */
	P_APPLICATION,       /* applications for diagnostics (target: an organisation) */
	P_MEASURES,          /* support measures and recommendations (target: org or municipality) */
	P_TARGETS,           /* targets of the indicators (general: the region; own: a municipality) */
	P_IMPORT,            /* bulk import of spreadsheets into the whole register */
	P_PARTICIPATION,     /* record persons' participation in events (meeting mode) */
	P_SITES,             /* internship site applications and passports (target: the organisation) */
	P_SITE_DECIDE,       /* review, grant, terminate internship sites (the institute) */
	P_MENTORING,         /* the mentoring registry: pairs, surveys, mentors' training (target: the mentee) */
	P_EVENTS,            /* add and edit events of the catalogue */
	P_AUDIT,             /* browse the audit log (read-only for everyone) */
	P__COUNT
};

/* Who is working: the effective user (after --as) and the real identity. */
struct calendar;

struct session {
	struct user user;
	const struct calendar *cal;   /* the production calendar, for deadlines */
	char real_login[33];
	struct actor actor;
	const struct config *cfg;
	struct store *store;
};

/* Start a session for `login` (vouched for by the kernel or a password).
 * With as_login, work as that user instead: allowed only to an admin or on a
 * demo database; the real identity stays in the audit log. Returns 0, or 1
 * with a Russian message in err. */
int session_start(struct session *ss, struct store *st, const struct config *cfg,
		  const char *login, const char *as_login, char *err, int errsz);
void session_free(struct session *ss);

bool access_has_role(const struct user *u, const char *role);

/* The scope of a user for a permission: the union over his roles. Free
 * with access_scope_free(). A user with no grant for perm gets an empty
 * scope (nothing matches). */
struct store_scope access_scope(const struct session *ss, enum perm p);
void access_scope_free(struct store_scope *sc);
/* The cards a user's ИОМ list reaches (store/iom.h): his person scope, and
 * the cards tied to his person whatever his roles — as their assigned
 * curator, as the head of his school's МО — as iom_right lets him open
 * them. Free with access_iom_scope_free(). */
struct iom_scope;
void access_iom_scope(const struct session *ss, struct iom_scope *out);
void access_iom_scope_free(struct iom_scope *sc);

/* May the user do p to the person (or, for P_ORG_*, the organisation)
 * target? target 0 asks about the permission in general (e.g. may he create
 * persons anywhere). On refusal *why (if not NULL) gets a Russian reason. */
bool access_may(const struct session *ss, enum perm p, int64_t target, const char **why);

/* May the user do p to a record addressed to an organisation (org_id), or
 * else to a municipality (mun_id), or else to the whole region (both 0)? */
bool access_may_place(const struct session *ss, enum perm p, int64_t org_id, int64_t mun_id,
		      const char **why);

/* May the user add a person to organisation org_id? */
bool access_may_create_person(const struct session *ss, int64_t org_id, const char **why);

/* May the user record (or correct) a diagnostic of kind (a diag_kinds
 * code; NULL: of some kind) of person_id? The regional operator
 * (P_DIAG_RECORD) every kind; the school's responsible, its expert, the
 * final diagnostic of a teacher of his school, which is held at the
 * school (seed 004 App.3 §4.5.1). What he recorded he then sees (the
 * recorder's tie of access_disclosure). */
bool access_may_record_diag(const struct session *ss, int64_t person_id, const char *kind,
			    const char **why);

/* What a user may do with one ИОМ card (of person_id, with curator_id, in
 * status): its lifecycle rules are in route.c, the reach is this module's. */
enum iom_right {
	IOM_VIEW,             /* see the card */
	IOM_EDIT,             /* edit the card and its roadmap (developer, regional, its curator) */
	IOM_MARK,             /* mark own roadmap rows (the teacher, once approved) */
	IOM_CONFIRM_CURATOR,  /* confirm changes as its curator */
	IOM_CONFIRM_HEAD,     /* confirm changes as the head of the teacher's school */
	IOM_CONFIRM_TEACHER,  /* confirm changes as the teacher */
	IOM_CREATE,           /* create a card for this person (developer, regional) */
	/* Review and implementation (004 App.3 §4.3.6, §4.4.5–4.4.7, §4.5.2). */
	IOM_PROPOSE,          /* propose a correction: in review the teacher, the curator and the
				 school head; once approved the school head and the school МО head */
	IOM_ANSWER,           /* answer the proposals (the developer, the regional centre) */
	IOM_NOTE,             /* keep the curator's notes (its curator, once approved) */
	IOM_DISCUSSION,       /* read the proposals and the notes (the teacher, the curator, the
				 developer, the regional centre, the school head and МО head) */
	IOM_SELF_ANALYSIS,    /* write the self-analysis (the teacher himself, once approved) */
};
bool access_iom(const struct session *ss, enum iom_right r, int64_t person_id, int64_t curator_id,
		const char *status, const char **why);
/* May the user move a card of person_id from one status to another? */
bool access_iom_move(const struct session *ss, int64_t person_id, const char *from, const char *to,
		     const char **why);
/* The user's role codes, for route.c's tables; returns the count. */
int access_role_codes(const struct session *ss, const char **codes, int max);

/* The permission that governs changing records of a described table
 * (creating or editing: a person or an organisation differ), or P__COUNT
 * when the table has none of its own (its lifecycle decides: ИОМ cards and
 * rows, applications, sites' events, surveys). The one table of which
 * permission governs which record is in access.c. */
enum perm access_table_perm(const struct table_desc *t, bool creating);

/* The permission whose organisations a picker offers for the
 * organisation field of t: where the record is addressed to an
 * organisation, those the user may address it to; else those he sees. */
enum perm access_org_pick_perm(const struct table_desc *t, bool creating);

/* May the user save rec (as it would be stored; id 0 for a new one) of a
 * table that has its own permission? The target comes from the record's
 * column named by the rule (a person, an organisation, a municipality, or
 * the organisation else the municipality of a measure), or from parent
 * when that column is empty. False with a reason otherwise, and for the
 * tables access_table_perm gives P__COUNT. */
bool access_may_save(const struct session *ss, const struct table_desc *t, const struct record *rec,
		     int64_t parent, const char **why);

/* The one disclosure rule (issue 12; seed 004 App.2 §6.3–6.4, App.3
 * §4.3.4, §5.4). Every value derived from a diagnostic belongs to a class:
 * RESULTS — per-block %, levels, difficulties, answers, self-check answers,
 * element results; FINDINGS — the kind and date of the diagnostic, the
 * deficit codes with their wordings and the recommendations, as the card,
 * its roadmap, its changes and its print carry them. Who sees which:
 *   the teacher himself                                  both
 *   the curator of that card, by assignment (any roles)  both
 *   the developer of that card, or the developer a
 *   diagnostic is assigned to for building its card      both
 *   whoever recorded a diagnostic (or its expert)        both, of that diagnostic
 *   the regional centre                                  both
 *   the head of the teacher's organisation               findings; results only
 *                                                        where the organisation is
 *                                                        set to see them
 *   municipal, admin                                     neither
 * Every output path asks access_disclosure and masks what it does not
 * return with ACCESS_MASKED. */
enum disclosure { DISCLOSE_RESULTS = 1, DISCLOSE_FINDINGS = 2 };
#define ACCESS_MASKED "конфиденциально"
#define ACCESS_RESULTS_WHO "их видят педагог, его куратор и разработчик ИОМ, кто проводил диагностику, " \
	"региональный центр и руководитель ОО, если ОО так настроена"
#define ACCESS_RESULTS_REFUSAL "результаты диагностики конфиденциальны: " ACCESS_RESULTS_WHO

/* What of person_id's diagnostic-derived values the user may see, as
 * DISCLOSE_ bits. iom_id (the card being shown) and diag_id (the
 * diagnostic being shown) narrow the ties: the curator and developer of
 * that card, the recorder and the assigned developer of that diagnostic;
 * 0 asks about the person in general (his cards, his diagnostics). */
unsigned access_disclosure(const struct session *ss, int64_t person_id, int64_t iom_id, int64_t diag_id);

/* The same, when the values are opened for reading (a diagnostic, a card
 * with results, an export): each opening of someone else's individual
 * results writes a view row (who, when, what, where) that the teacher sees
 * (access transparency). what: "diagnostic", "card" or "export"; place: the
 * screen or verb. */
unsigned access_disclosure_open(const struct session *ss, int64_t person_id, int64_t iom_id,
				int64_t diag_id, const char *what, int64_t record_id, const char *place);

/* The class of a stored column (DISCLOSE_RESULTS, DISCLOSE_FINDINGS, or 0
 * for a column that carries neither): the schema's marks, declared once in
 * access.c next to the rule. */
unsigned access_column_class(const char *table, const char *column);

/* The column's classes that the user may not see, for a value of table.column
 * belonging to person_id (0: unknown — then only a region-wide right shows it). */
bool access_column_masked(const struct session *ss, const char *table, const char *column,
			  int64_t person_id, int64_t iom_id, int64_t diag_id);

/* The journal keeps before/after as typed and renders them through the
 * rule for the viewer now: values of a classed column he may not see
 * become ACCESS_MASKED. */
void access_mask_audit_entry(const struct session *ss, struct audit_entry *e);

/* A store_mask_fn for lists of one card or person: ctx points at the
 * unsigned DISCLOSE_ bits the viewer got from access_disclosure. */
bool access_masker(const void *ctx, const char *tbl, const char *field);

/* The i-th marked column (for tests that walk them all): 1 and its
 * table, column and class, or 0 past the last. */
int access_disclosed_column(int i, const char **table, const char **column, unsigned *cls);

/* May the user list who opened person_id's results (0: anyone's)? The
 * teacher his own; the regional centre everyone's. */
bool access_may_list_views(const struct session *ss, int64_t person_id);

/* The pure decision, for unit tests: roles and ties (store.h) to the values. */
unsigned access_disclosure_decide(const struct user *u, const struct disclosure_ties *t);

/* May the user change whether an organisation's head sees results? Only
 * the regional centre decides that. */
bool access_may_set_sees_results(const struct session *ss, const char **why);

/* Pure form for unit tests: the decision from a person's place. */
bool access_decide(const struct user *u, const struct config *cfg, enum perm p,
		   const struct person_place *target, const char **why);

#endif
