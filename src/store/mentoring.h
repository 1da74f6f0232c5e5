/* The mentoring registry: pairs in a scope, young specialists (стаж 0–3
 * года) without a running pair, and the yearly satisfaction answers. */
#ifndef MARSHRUT_STORE_MENTORING_H
#define MARSHRUT_STORE_MENTORING_H

#include <stdbool.h>

#include "page.h"
#include "store/store.h"

/* Pairs whose mentee is in the scope, by the mentee's name: cols =
 * mentee, mentor, period, state with the year's answers. */
int store_pair_page(struct store *s, const struct store_scope *sc, int year, const struct page_req *r,
		    struct page *out);
int store_pair_count(struct store *s, const struct store_scope *sc, int *count);

/* Young specialists of the year in the scope with no pair running (not
 * planned, not ended): cols = ФИО, organisation, experience, position. */
int store_young_page(struct store *s, const struct store_scope *sc, int year, const struct page_req *r,
		     struct page *out);
int store_young_count(struct store *s, const struct store_scope *sc, int year, int *count);

/* The mentee of a pair; 0 when none. */
int64_t store_pair_mentee(struct store *s, int64_t pair_id);

/* Record (or change) a yes/no answer of the mentor or the mentee of a
 * pair for a year, through the one save path. */
int store_survey_set(struct store *s, const struct actor *a, int64_t pair_id, int year,
		     const char *respondent, bool satisfied);

/* The mentee's running ИОМ card becomes one of the third model (ИОМ в
 * рамках наставничества), carried by this pair; audited, and logged as a
 * change of an approved card. ST_NOTFOUND with a message when the mentee
 * has no running card. */
int store_pair_link_iom(struct store *s, const struct actor *a, int64_t pair_id, int64_t *iom_id);

#endif
