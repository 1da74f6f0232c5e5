/* Internship sites: the list in a scope, the lifecycle moves (rules in
 * site.c) through the one save path, and their places. */
#ifndef MARSHRUT_STORE_SITES_H
#define MARSHRUT_STORE_SITES_H

#include "page.h"
#include "store/store.h"

/* Sites of organisations in the scope, by organisation name: cols =
 * organisation, direction, state (with the end of the term), places
 * ("занято/всего"). */
int store_site_page(struct store *s, const struct store_scope *sc, const struct page_req *r,
		    struct page *out);
int store_site_count(struct store *s, const struct store_scope *sc, int *count);

/* The organisation, state and end of the term (ISO, "" when none) of a
 * site; ST_NOTFOUND if none. */
int store_site_brief(struct store *s, int64_t id, int64_t *org_id, char state[16], char term_end[11]);

/* Places taken at a site (activities booked on running ИОМ cards and not
 * marked yet) and its maximum (-1: no limit). */
int store_site_places(struct store *s, int64_t id, int *used, int *max);

struct site_move {
	const char *to;          /* review, rejected, granted, terminated, expired */
	const char *date;        /* ISO: the decision, or the termination */
	const char *granted_from, *granted_to;   /* for granted */
	const char *reason;      /* for terminated: a code of model_site_termination_reasons */
};

/* Move a site along its lifecycle (site.c says which moves and terms are
 * allowed); one transaction, audited. ST_CONSTRAINT with a message when
 * the rules refuse, ST_CONFLICT when someone changed it meanwhile. */
int store_site_move(struct store *s, const struct actor *a, int64_t id, const struct site_move *m);

#endif
