/* The ИОМ card in the store: creation with a number that is never reused,
 * versioned edits, lifecycle moves with their dates, the roadmap, proposals
 * from the events catalogue, and — once the card is approved — the history
 * of every change with the confirmations of curator, school head and
 * teacher (004 App.3 §5.11). The rules themselves (which moves exist, who
 * makes them, what each needs, the curator rule, numbering format,
 * periods) are in src/route.c; the caller checks who may act (route.c and
 * the access policy) before calling, and a move asks route.c whether the
 * card has what it needs on the facts read here. */
#ifndef MARSHRUT_STORE_IOM_H
#define MARSHRUT_STORE_IOM_H

#include "route.h"
#include "store/diag.h"
#include "store/store.h"

struct config;

struct iom_head {
	int64_t id, version;
	int64_t person_id, org_id;
	char number[65];
	int model;                       /* 1..3 (route.h) */
	char status[16];                 /* route_statuses code */
	int64_t entry_diag_id, final_diag_id;   /* 0 = none */
	int64_t curator_id, developer_id;       /* persons, 0 = none */
	char *tasks;
	char start[11], end[11];         /* ISO or "" */
	char developed[11], review_sent[11], approved[11], completed[11];
	char *final_event;
	char final_event_level[16];      /* international/federal/regional/municipal/school or "" */
	int final_event_participants;    /* -1 = not given */
	char final_event_date[11];
	char *self_analysis, *conclusions;
	char outcome[16];                /* success / prolongation / "" */
	char next_diag[11];
	char *cancel_reason;
	char order_no[65], order_date[11];   /* the head's order that approved it, or "" */
	int64_t prev_id, next_id;        /* the card this one continues / its continuation, 0 = none */
	/* Filled on read, for display. */
	char person_name[200], org_name[200], curator_name[200], developer_name[200];
	char prev_number[65], next_number[65];
};

void iom_init(struct iom_head *h);
void iom_free(struct iom_head *h);

/* Create a draft for person_id from a diagnostic (entry_diag_id may be 0 for
 * models 2 and 3): number from cfg->iom_number_format and the year's
 * sequence (iom_number_seq, in the same transaction, so a number is never
 * given twice even after a rollback elsewhere), org from the person,
 * developed date = today, status "draft". Fills *out (read back). Returns
 * ST_CONSTRAINT with a message for a bad model, a diagnostic of another
 * person, or an unusable number format. */
int store_iom_create(struct store *s, const struct actor *a, const struct config *cfg,
		     int64_t person_id, int model, int64_t entry_diag_id, int64_t curator_id,
		     int64_t developer_id, struct iom_head *out);

int store_iom_get(struct store *s, int64_t id, struct iom_head *out);
int64_t store_iom_by_number(struct store *s, const char *number);   /* 0 when none */

/* Save the editable fields of h (everything but id, person, number, status
 * and the move dates) if h->version is still current (else ST_CONFLICT).
 * Audit per changed field; when route_change_needs_confirmation(status),
 * each changed field also becomes an iom_change row awaiting confirmation. */
int store_iom_update(struct store *s, const struct actor *a, struct iom_head *h);

/* A lifecycle move and what it carries. */
struct iom_move_args {
	const char *to;                  /* target status */
	const char *reason;              /* cancelled: the reason */
	const char *new_end;             /* prolonged: the continuation's end (ISO), required */
	const char *order_no, *order_date;   /* approved: the paper order, optional (date ISO) */
	int64_t continuation_id;         /* out: the continuation card a prolongation started */
};

/* The facts the checks of the moves look at (route_move_check), read in
 * one query; today from today_iso(). */
int store_iom_move_facts(struct store *s, int64_t id, struct route_facts *f);

/* Move to status m->to (the caller has checked route_move_allowed and the
 * policy). The move's checks (route_move_check on the facts read in the
 * same transaction) refuse it with ST_CONSTRAINT and the missing things,
 * one a line, as the message. Sets the dates that belong to the move:
 * review → review_sent (today); final_form → corrected date; approved →
 * approved date, approved_by (the actor's person, if any) and the order
 * (number and date, both or neither); completed → completed date and
 * outcome "success"; prolonged → outcome "prolongation" and a continuation
 * card (a draft of the same person, model, curator and developer, entry
 * diagnostic = this card's final one, tasks copied, from today to
 * m->new_end, prolonged_from_id = this card); cancelled → cancel_reason.
 * Version checked; audited (no iom_change row: a move is no correction). */
int store_iom_move(struct store *s, const struct actor *a, const struct config *cfg, int64_t id,
		   int64_t version, struct iom_move_args *m);

struct iom_filter {
	const char *search;              /* number prefix, or the teacher's name as people write it */
	const char *status;              /* code or NULL */
};
/* The cards a user reaches, as the access policy decided (access_iom_scope):
 * those of the persons in his person scope, and those tied to his own
 * person whatever his roles — the cards he is the assigned curator of, and,
 * as the head of his school's МО (store_iom_mo_head_of), his school's. */
struct iom_scope {
	struct store_scope persons;
	int64_t tied;                    /* the user's person; 0: no tie */
};
/* Cards in the user's scope: cols = number, teacher, organisation, status
 * label. Ordered by number. sc NULL: none. */
int store_iom_page(struct store *s, const struct iom_scope *sc, const struct iom_filter *f,
		   const struct page_req *r, struct page *out);
int store_iom_count(struct store *s, const struct iom_scope *sc, const struct iom_filter *f,
		    int *count);
/* Cards of one person (for his information sheet), newest first. */
int store_iom_of_person_page(struct store *s, int64_t person_id, const struct page_req *r,
			     struct page *out);

/* The roadmap: rows are records of model_iom_activity (src/model.c) and go
 * through the generic store_insert / store_update; after approval the store
 * also logs each change as an iom_change row. This page lists them grouped
 * by category: cols = category (short), activity, dates, mark (done /
 * reason / empty). */
int store_iom_activity_page(struct store *s, int64_t iom_id, const struct page_req *r,
			    struct page *out);
/* Events of the catalogue not in the roadmap yet, those whose deficit codes
 * match the entry diagnostic's deficits first (the proposals), then the
 * rest to pick from: cols = category, title, dates, matching codes ("" for
 * the rest). Without with_findings (the policy's DISCLOSE_FINDINGS for the
 * card) no codes and no such order: the catalogue by category and date. */
int store_iom_proposals_page(struct store *s, int64_t iom_id, bool with_findings, const struct page_req *r,
			     struct page *out);
/* The same list narrowed by a search (NULL or "": all): each word typed
 * («метод урок») starts a word of the event's title, case and «ё» aside. */
int store_iom_proposals_find_page(struct store *s, int64_t iom_id, bool with_findings, const char *search,
				  const struct page_req *r, struct page *out);
/* Accept a proposal: a roadmap row from the event (category, title,
 * level, organiser, dates, the matching codes). */
int store_iom_accept_event(struct store *s, const struct actor *a, int64_t iom_id,
			   int64_t event_id, int64_t *activity_id);

/* Remove a roadmap row (it is archived, its history kept): audited and,
 * once the card is approved, a logged change awaiting the confirmations.
 * The caller has checked the right to edit the card. */
int store_iom_remove_activity(struct store *s, const struct actor *a, int64_t iom_id,
			      int64_t activity_id);
/* Entry against final diagnostic, block by block. */
struct iom_cmp {
	char block[80];
	int entry_pct, final_pct;        /* -1 = the block was not assessed in that diagnostic */
};
/* The blocks of either diagnostic in the entry's order (then the final's
 * own): both percentages where the block was assessed in both, -1 on the
 * side that did not assess it. Returns how many rows (at most max). */
int iom_compare_blocks(const struct diagnostic *entry, const struct diagnostic *final,
		       struct iom_cmp *out, int max);
/* The comparison for one who may see the findings but not the results (the
 * school head whose organisation is not set to see them): per block only
 * how the deficit level moved — «дефицит снизился», «… не изменился»,
 * «дефицит вырос», or which diagnostic did not assess it; never a level or
 * a percentage. Returns how many rows, -1 on error. */
struct iom_cmp_move {
	char block[80];
	const char *move;
};
int store_iom_compare_moves(struct store *s, int64_t entry_id, int64_t final_id,
			    struct iom_cmp_move *out, int max);

/* History after approval, page by page: store_iom_change_rows_page
 * (store/iom_review.h). */
/* The one labelling of the card's and its roadmap's columns (tbl "iom" or
 * "iom_activity") for the history, the signers and the journal: the
 * field's Russian label (NULL when unknown), and a stored value as people
 * read it (ДД.ММ.ГГГГ, names, status and enum labels; «—» for none;
 * malloc'd, line breaks kept). */
const char *store_iom_field_label(const char *tbl, const char *field);
char *store_iom_value_label(struct store *s, const char *tbl, const char *field, const char *value);
/* How many changes still await a confirmation by role ("curator",
 * "school", "teacher"), or by anyone when role is NULL. */
int store_iom_awaiting(struct store *s, int64_t iom_id, const char *role);
/* Confirm every change of the card still awaiting this role's confirmation;
 * *n gets how many. */
int store_iom_confirm(struct store *s, const struct actor *a, int64_t iom_id, const char *role,
		      int *n);

/* Archive the completed cards whose keeping period (keep_months after
 * completion, route_archive_due) has passed by today; *n gets how many. */
int store_iom_archive_due(struct store *s, const struct actor *a, int keep_months,
			  const char *today_iso, int *n);

/* Demo: a small events catalogue of the institute's plan linked to codes of
 * the shipped codifier (call after the codifier is imported). */
int store_demo_events(struct store *s, char *err, int errsz);

#endif
