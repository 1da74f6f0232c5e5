/* Monitoring indicators in the store: the shipped definitions imported
 * idempotently, yearly targets read and edited (audited), and the figures
 * computed from the records — numerator and denominator for a year and a
 * scope (region, municipality, organisation). The definitions file and the
 * mark rule are in src/indicators.c; this file holds the SQL. */
#ifndef MARSHRUT_STORE_INDICATORS_H
#define MARSHRUT_STORE_INDICATORS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct indicator_entry;

/* Add the indicators whose code is not there yet and the targets of years
 * an indicator has no target for; everything already stored (names,
 * formulas, targets edited in the terminal) is kept. One transaction, all
 * or nothing; *added gets how many indicators were new. Each addition is
 * audited. */
int store_indicators_import(struct store *s, const struct actor *a,
			    const struct indicator_entry *e, int n, int *added);

/* An active indicator as the monitoring screens list it. */
struct indicator_row {
	int64_t id;
	char code[129];
	char *name;              /* malloc'd */
	char source[65];         /* "" when none */
	char unit[16];           /* percent | count */
	char period[16];         /* year | quarter */
	char formula[65];        /* "" when none */
	bool higher_better;
};

/* Active indicators in their order (sort, then code); at most max rows.
 * Returns the count; free with store_indicator_rows_free. */
int store_indicator_list(struct store *s, struct indicator_row *rows, int max);
void store_indicator_rows_free(struct indicator_row *rows, int n);
/* Id of an indicator by its code, 0 when none. */
int64_t store_indicator_by_code(struct store *s, const char *code);

/* The target of a year for a municipality (mun_id > 0): its own when it
 * has one (*own true, when own is not NULL), else the general one; with
 * mun_id 0 the general one. ST_NOTFOUND when none is set. */
int store_indicator_target(struct store *s, int64_t indicator_id, int year, int64_t mun_id,
			   double *target, bool *own);
/* Set (insert or change) the target of a year, general (mun_id 0) or a
 * municipality's own; audited; one transaction. ST_NOTFOUND for an unknown
 * indicator or municipality, ST_CONSTRAINT with a message for a year
 * outside 2000–2100, a negative target or a share above 100 %. */
int store_indicator_set_target(struct store *s, const struct actor *a, int64_t indicator_id,
			       int year, int64_t mun_id, double target);
/* Remove a municipality's own target of a year, so that the general one
 * applies again; audited. ST_OK when it had none; ST_CONSTRAINT for
 * mun_id 0 (the general target is changed, never removed). */
int store_indicator_clear_target(struct store *s, const struct actor *a, int64_t indicator_id,
				 int year, int64_t mun_id);

/* Numerator and denominator of a formula (indicators.h registry) for a
 * calendar year in a scope: scope_kind "region" (scope_id the region, 0 =
 * the whole database), "mun" (organisations of that municipality) or "org"
 * (that organisation). Persons counted are active (archived = 0) persons
 * of organisations in the scope; schools are active organisations of kind
 * 'school'. For a count formula *num is the count and *den is 1.
 * ST_NOTFOUND (with a message) for an unknown formula, ST_CONSTRAINT for
 * an unknown scope kind, a missing scope id or a year outside 2000–2100. */
int store_indicator_compute(struct store *s, const char *formula, int year,
			    const char *scope_kind, int64_t scope_id, long *num, long *den);

/* --- figures of persons across the region ----------------------------------
 * The formulas that count persons (teachers, their survey answers) are
 * decided for the whole region at once (src/figures.c): these give the
 * figures of every organisation, and keep the decision. */

/* Whether the formula counts persons (it has figures by organisation). */
bool store_indicator_of_persons(const char *formula);
/* The change counters the formula's figures are read from (0 for an
 * unknown formula): a decision kept at an equal value is current. */
int64_t store_indicator_stamp(struct store *s, const char *formula);

/* One organisation's numerator and denominator. */
struct indicator_org {
	int64_t org, mun;        /* mun 0: the organisation belongs to no municipality */
	long num, den;
};
/* A formula of persons for a year over the whole database, organisation by
 * organisation: every organisation with something in its denominator,
 * sorted by id (for the formulas over all active persons, every
 * organisation with an active person). The scope figures of
 * store_indicator_compute add up from these. *stamp gets the counters read
 * before the figures. Free *out. ST_NOTFOUND for a formula not of persons. */
int store_indicator_orgs(struct store *s, const char *formula, int year, struct indicator_org **out,
			 int *n, int64_t *stamp);

/* A protected figure of a scope kept under key (a name that is no formula
 * of the registry) and a year: the region (mid = oid = 0), a municipality
 * or an organisation; num and den as kept (-1 for withheld). Only a row
 * kept at this stamp counts. */
struct kept_figure {
	int64_t mid, oid;
	long num, den;
};
bool store_figure_kept(struct store *s, const char *key, int year, int64_t mid, int64_t oid,
		       int64_t stamp, long *num, long *den);
/* Keep the figures of every scope for key and year (replacing what was
 * kept for them, and what was kept at other counters), in a transaction
 * of its own when the file is free; else nothing is kept. */
void store_figure_keep(struct store *s, const char *key, int year, int64_t stamp,
		       const struct kept_figure *rows, int n);

/* --- who counts: the records behind a figure ------------------------------
 * The persons (or organisations) a formula counts in a group, read by the
 * same condition the figure is counted with (store/indicators.c writes
 * each condition once and both read it): the numerator's members, and
 * those only in the denominator. For a scope and a year as
 * store_indicator_compute takes them, their counts are the figure's
 * numerator and its denominator minus the numerator. */

enum indicator_part {
	IND_PART_NUM,        /* counted in the numerator */
	IND_PART_DEN_ONLY,   /* in the denominator, not in the numerator */
};
/* What the formula's members are: 'p' persons, 'o' organisations, 0 when
 * it counts what is not listed by name (survey answers, records) or is
 * unknown. */
char store_indicator_members(const char *formula);
/* A page of the members of one part, by name. Persons: cols = full name,
 * position, organisation; organisations: cols = name, municipality, code.
 * sc narrows the list to what the viewer may see (the policy's
 * P_PERSON_VIEW scope for persons, P_ORG_VIEW for organisations); NULL
 * does not narrow (counts for the figure's checks). Errors as
 * store_indicator_compute's, ST_NOTFOUND for a formula with no members. */
int store_indicator_member_page(struct store *s, const char *formula, int year, const char *scope_kind,
				int64_t scope_id, enum indicator_part part, const struct store_scope *sc,
				const struct page_req *r, struct page *out);
int store_indicator_member_count(struct store *s, const char *formula, int year, const char *scope_kind,
				 int64_t scope_id, enum indicator_part part, const struct store_scope *sc,
				 int *count);

#endif
