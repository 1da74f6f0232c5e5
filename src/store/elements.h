/* Results by assessed element (seed 004 App.2 §6.4): each diagnostic's
 * element (a code of the codifier) with its maximum and its score, loaded
 * from a table (import kind "elements"), and what the analytic note is
 * counted from. Nothing personal leaves the store: only sums per
 * organisation; what may be shown of them is note.c's (analytics.c's rule). */
#ifndef MARSHRUT_STORE_ELEMENTS_H
#define MARSHRUT_STORE_ELEMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

struct store;
struct record;

/* diagnostic_element as a described record (the import writes it through
 * the one save path): the diagnostic (found from the row's teacher, date
 * and form), the element's code, the maximum, the score, the percent
 * (derived: element_derive). */
extern const struct table_desc model_diagnostic_element;

/* The percent of a record from its score and maximum (rounded half up);
 * nothing when either is missing. */
void element_derive(struct record *rec);

/* The diagnostic of a teacher on a day (ISO) in a form (code), not
 * archived: its id, 0 when none, -1 when several. */
int64_t store_element_diagnostic(struct store *s, int64_t person_id, const char *date, const char *form);

/* Whether the block a deficit code belongs to is named by text (its code,
 * name or short name, compared folded); *block gets the block's name
 * (malloc'd) either way, NULL when the code is unknown. */
bool store_element_block_is(struct store *s, int64_t code_id, const char *text, char **block);

/* The sums the note is made of, for one year: each active teacher's latest
 * entry and latest final diagnostic of the year (as typical deficits take
 * them, diag_latest) that has element results, per organisation and kind. */
enum { EC_PEOPLE, EC_ELEMENT, EC_BLOCK };
struct element_count {
	int part;               /* EC_PEOPLE, EC_ELEMENT or EC_BLOCK */
	int64_t org_id;         /* 0: none */
	int64_t mun_id;         /* 0: directly under the region */
	int kind;               /* 0 entry, 1 final */
	int64_t block_id;       /* the block (of the element, or itself): the key, as
				 * neither a block's name nor its sort is unique */
	char *item;             /* the element's code, the block's name */
	char *wording;          /* the element's wording; NULL for a block */
	int sort;               /* the order: a block's sort, an element's within its block */
	int people;             /* teachers with results (for the element, the block) */
	int64_t score, max;     /* sums of their scores and maxima */
};
int store_element_counts(struct store *s, int year, struct element_count **out, int *n);
void store_element_counts_free(struct element_count *c, int n);

#endif
