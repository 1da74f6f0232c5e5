/* Registries kept through one generic list: the events catalogue,
 * participation, innovation products, staff hired and leaving, staffing
 * needs, the schools' development plans and the bank of difficulties.
 * Each is a described table (model.c) with the SQL of its list here: the
 * rows a scope reaches, in a stable order, with four columns to show. */
#ifndef MARSHRUT_STORE_REGISTRY_H
#define MARSHRUT_STORE_REGISTRY_H

#include <stdbool.h>

#include "model.h"
#include "page.h"
#include "store/store.h"

enum registry_id {
	REG_EVENTS, REG_PARTICIPATION, REG_INNOVATION, REG_STAFF_MOVES, REG_STAFF_NEEDS, REG_DEV_PLAN,
	REG_DIFFICULTIES, REG_CITY_MO, REG_STAFF_COUNT, REG__COUNT
};

/* How a registry's rows are reached: all of them, through a person
 * (person_scope) or through an organisation (org_scope). */
enum registry_reach { REACH_ALL, REACH_PERSON, REACH_ORG };

struct registry_def {
	const char *title;               /* Russian, the screen's */
	const struct table_desc *t;
	enum registry_reach reach;
	const char *headers[4];
};

const struct registry_def *registry_def(enum registry_id id);

/* The rows the scope reaches (ignored for REACH_ALL), those whose text
 * holds search (folded) when given; cols as in the def's headers. */
int store_registry_page(struct store *s, enum registry_id id, const struct store_scope *sc,
			const char *search, const struct page_req *r, struct page *out);
int store_registry_count(struct store *s, enum registry_id id, const struct store_scope *sc,
			 const char *search, int *count);

/* Link a deficit code to an event (the deficits it addresses), or unlink
 * it when linked; *linked says which. Audited. */
int store_event_toggle_deficit(struct store *s, const struct actor *a, int64_t event_id, int64_t code_id,
			       bool *linked);

#endif
