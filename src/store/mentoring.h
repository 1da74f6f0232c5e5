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

/* A pair's place in store_pair_page's order (its sort key), malloc'd;
 * NULL when there is no such pair. */
char *store_pair_key(struct store *s, int64_t pair_id);

/* The pair's two people whole, «mentee ФИО|mentor ФИО», malloc'd; NULL
 * when there is no such pair. */
char *store_pair_names(struct store *s, int64_t pair_id);

/* The mentee of a pair; 0 when none. */
int64_t store_pair_mentee(struct store *s, int64_t pair_id);

/* Record (or change) a yes/no answer of the mentor or the mentee of a
 * pair for a year, through the one save path. */
int store_survey_set(struct store *s, const struct actor *a, int64_t pair_id, int year,
		     const char *respondent, bool satisfied);

/* The mentee's running ИОМ card (not completed, not cancelled; the
 * newest), which store_pair_link_iom would change: what the question
 * before it names. ST_NOTFOUND with a message when there is none. */
struct pair_iom {
	int64_t id;
	char number[32];      /* «ИОМ-ГГГГ-NNNNNN», or "" while it has none */
	int model;            /* 1..3 */
	char status[16];      /* the status code */
	int64_t pair_id;      /* the pair it is linked with; 0: none */
};
int store_pair_running_iom(struct store *s, int64_t pair_id, struct pair_iom *out);

/* The mentee's running ИОМ card becomes one of the third model (ИОМ в
 * рамках наставничества), carried by this pair; audited, and logged as a
 * change of an approved card. ST_NOTFOUND with a message when the mentee
 * has no running card. */
int store_pair_link_iom(struct store *s, const struct actor *a, int64_t pair_id, int64_t *iom_id);

#endif
