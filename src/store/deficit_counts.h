/* Typical deficits: the counts the analytics are made of (store/analytics.c).
 * For one year and one breakdown, the whole region's teachers per
 * organisation and class: how many had an entry or a final diagnostic
 * (each teacher's latest of that kind in the year), how many of them have
 * each deficit code, each level per block. Counted in SQL; nothing personal
 * leaves the store; what may be shown of them is analytics.c's rule. */
#ifndef MARSHRUT_STORE_DEFICIT_COUNTS_H
#define MARSHRUT_STORE_DEFICIT_COUNTS_H

#include <stdint.h>

struct store;

enum { DC_PEOPLE, DC_CODE, DC_BLOCK };

struct deficit_count {
	int part;                 /* DC_PEOPLE, DC_CODE or DC_BLOCK */
	int64_t org_id;           /* the teachers' organisation */
	int64_t mun_id;           /* its municipality; 0 directly under the region */
	int cls;                  /* their class in the breakdown (analytics_class_of); 0 for none */
	int kind;                 /* 0 entry, 1 final diagnostic */
	char *item;               /* DC_CODE: the code; DC_BLOCK: the block's name */
	char *wording;            /* DC_CODE: the code's wording */
	int sort;                 /* DC_BLOCK: the block's place */
	int n[3];                 /* DC_PEOPLE: people; DC_CODE: people with the code;
				     DC_BLOCK: people at a high, a medium, a low level */
};

/* The counts for `year` and breakdown `by` (enum analytics_by), ordered by
 * part, organisation, class, kind and item; kept in the database under the
 * year and the breakdown until a table they are read from changes. */
int store_deficit_counts(struct store *s, int year, int by, struct deficit_count **out, int *n);
/* The same counted from scratch: each teacher's latest diagnostics looked
 * up in all of them instead of read where they are kept (the tests' check). */
int store_deficit_counts_fresh(struct store *s, int year, int by, struct deficit_count **out, int *n);
void store_deficit_counts_free(struct deficit_count *c, int n);

/* Each teacher's latest entry and latest final diagnostic of a year (the
 * latest date, then the latest record), kept in diag_latest by triggers on
 * diagnostic (schema step 22) so that typical deficits read them instead
 * of grouping every diagnostic of the year. The rule exists once: this
 * SELECT, with conditions appended (" AND ...") and then DIAG_LATEST_GROUP,
 * fills the table, refreshes a person's year and kind, and is the
 * from-scratch computation. */
#define DIAG_LATEST_OF \
	"SELECT CAST(substr(d.diag_date, 1, 4) AS INTEGER) AS year, d.kind AS kind, d.person_id AS person_id," \
	" max(CAST(replace(d.diag_date, '-', '') AS INTEGER) * 1000000000 + d.id) % 1000000000 AS diag_id" \
	" FROM diagnostic d WHERE d.archived = 0 AND d.kind IN ('entry', 'final')"
#define DIAG_LATEST_GROUP " GROUP BY 1, 2, 3"
/* Trigger statements: the year and kind of diagnostic r (OLD or NEW) of
 * its person recomputed, written only where they change. */
#define DIAG_LATEST_KEY(r) \
	" AND d.person_id = " r ".person_id AND d.kind = " r ".kind" \
	" AND CAST(substr(d.diag_date, 1, 4) AS INTEGER) = CAST(substr(" r ".diag_date, 1, 4) AS INTEGER)"
#define DIAG_LATEST_REFRESH(r) \
	"INSERT INTO diag_latest (year, kind, person_id, diag_id) " DIAG_LATEST_OF DIAG_LATEST_KEY(r) \
	DIAG_LATEST_GROUP " ON CONFLICT (year, kind, person_id) DO UPDATE SET diag_id = excluded.diag_id" \
	" WHERE diag_id <> excluded.diag_id;" \
	" DELETE FROM diag_latest WHERE year = CAST(substr(" r ".diag_date, 1, 4) AS INTEGER)" \
	" AND kind = " r ".kind AND person_id = " r ".person_id" \
	" AND diag_id NOT IN (SELECT diag_id FROM (" DIAG_LATEST_OF DIAG_LATEST_KEY(r) DIAG_LATEST_GROUP "));"

/* A group of teachers for aggregated figures, as the verb names it:
 * "region", "mun:CODE", "org:CODE" (malloc'd). */
char *store_deficit_group_code(struct store *s, const char *kind, int64_t id);

/* Every group a scope reaches: the region (for the whole-region scope),
 * the municipalities, the organisations (of those municipalities too),
 * in that order and by code. The scope's own persons and curated persons
 * give no group. */
struct deficit_group_ref {
	char kind[8];             /* "region", "mun", "org" */
	int64_t id;
};
struct store_scope;
int store_deficit_groups(struct store *s, const struct store_scope *sc, struct deficit_group_ref **out,
			 int *n);

/* The years a viewer may choose: from the first entry or final diagnostic
 * on record to the later of the last one and this_year (at most max,
 * ascending); returns how many. */
int store_deficit_years(struct store *s, int this_year, int *years, int max);

#endif
