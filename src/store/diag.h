/* Diagnostics of professional deficits in the store: a diagnostic with its
 * per-block results and the deficit codes found, saved as one versioned,
 * audited transaction. Confidentiality is applied here too: a caller reads
 * with what the policy (access_disclosure) discloses to him: without
 * results no per-block %, difficulties or levels at all; without findings
 * no deficit codes and no recommendations either. */
#ifndef MARSHRUT_STORE_DIAG_H
#define MARSHRUT_STORE_DIAG_H

#include "store/store.h"

struct config;

#define DIAG_MAX_BLOCKS 10
#define DIAG_MAX_DEFICITS 64
#define DIAG_MAX_ANSWERS 120

extern const struct enum_opt diag_forms[];   /* standardized, self, activity, expert */
extern const struct enum_opt diag_kinds[];   /* entry, final, comprehensive, course_entry, course_final */
extern const struct enum_opt diag_levels[];
extern const struct table_desc model_diagnostic;  /* a diagnostic's summary, as a described record */  /* high, medium, low: высокий / средний / низкий дефицит */

struct diag_block {
	int64_t block_id;
	char block_name[80];       /* filled on read */
	char block_short[40];      /* its short name, for a label that must fit */
	char *difficulties;        /* NULL when none (or not visible) */
	int pct_low, pct_medium, pct_high, pct_overall;   /* 0..100, -1 = not given */
	char level[8];             /* derived from pct_overall: "high"/"medium"/"low", "" if none */
};

struct diagnostic {
	int64_t id, version;
	int64_t person_id;
	char form[16];             /* a code of diag_forms */
	char kind[16];             /* a code of diag_kinds */
	char date[11];             /* ISO */
	char *subject, *organiser, *recommendations;   /* NULL when empty */
	bool ordered;              /* ordered by the education authority (15 days for results) */
	int64_t developer_id;      /* the developer it is assigned to for building the card, 0 if none */
	int64_t application_id;    /* the application it answers, 0 if none (set when it is created) */
	char result_given[11];     /* ISO or "" */
	int pct_overall;           /* mean of the blocks' overall %, -1 if none; derived */
	char level[8];             /* derived from pct_overall */
	bool with_results;         /* whether the result fields were read */
	bool with_findings;        /* whether the deficits and recommendations were read */
	int nblocks;
	struct diag_block blocks[DIAG_MAX_BLOCKS];
	int ndeficits;
	int64_t deficit_ids[DIAG_MAX_DEFICITS];
	char deficit_codes[DIAG_MAX_DEFICITS][33];   /* filled on read */
	/* Self-diagnosis: the checklist's answers (statement id, score 0..3),
	 * written with a new diagnostic. */
	int nanswers;
	int64_t answer_ids[DIAG_MAX_ANSWERS];
	int answer_scores[DIAG_MAX_ANSWERS];
};

void diag_init(struct diagnostic *d);
void diag_free(struct diagnostic *d);

/* Competency blocks for a diagnostic: the five teacher blocks, or the five
 * management blocks for a manager. Fills d->blocks (ids and names, no
 * results) and d->nblocks. */
int store_diag_blocks(struct store *s, bool manager, struct diagnostic *d);

/* Check a diagnostic before saving: form/kind codes, date, percentages in
 * 0..100, result date not before the diagnostic, deficit ids that exist.
 * NULL when fine, else a Russian message. Pure apart from the id lookups. */
const char *store_diag_check(struct store *s, const struct diagnostic *d);

/* Insert (id 0) or update (version must match, else ST_CONFLICT) the
 * diagnostic, its block rows and its deficits in one IMMEDIATE
 * transaction; levels and the overall % are derived here from the
 * configured thresholds (model_deficit_level). Audit rows for the
 * diagnostic's fields and for each block and deficit change. Sets id and
 * version on success. Refuses (ST_CONSTRAINT, message in store_errmsg) what
 * store_diag_check refuses. */
int store_diag_save(struct store *s, const struct actor *a, const struct config *cfg,
		    struct diagnostic *d);

/* What a read discloses: the bits of the policy's access_disclosure
 * (DISCLOSE_RESULTS, DISCLOSE_FINDINGS), same values. */
#define DIAG_WITH_RESULTS 1u
#define DIAG_WITH_FINDINGS 2u
#define DIAG_WITH_ALL (DIAG_WITH_RESULTS | DIAG_WITH_FINDINGS)

/* Read one diagnostic. Without DIAG_WITH_RESULTS every result field stays
 * empty (pct -1, level "", difficulties NULL, overall -1); without
 * DIAG_WITH_FINDINGS no deficit codes (ndeficits 0) and no
 * recommendations are read. */
int store_diag_get(struct store *s, int64_t id, unsigned disclose, struct diagnostic *out);

/* A person's diagnostics, newest first: cols = date (ДД.ММ.ГГГГ), kind
 * label, form label, and the overall level label (DIAG_WITH_RESULTS) or
 * "конфиденциально" (without). */
int store_diag_page(struct store *s, int64_t person_id, unsigned disclose,
		    const struct page_req *r, struct page *out);

/* Assign the diagnostic to a developer for building its card (0: take
 * the assignment back); version must match (else ST_CONFLICT). Audited.
 * The developer then sees the diagnostic (access_disclosure) and the
 * radar counts the 10 working days for him. */
int store_diag_set_developer(struct store *s, const struct actor *a, int64_t id, int64_t version,
			     int64_t developer);

/* The person a diagnostic belongs to (0 when none): for the policy check. */
int64_t store_diag_person(struct store *s, int64_t id);

#endif
