/* Internship sites: the list in a scope, the lifecycle moves (rules in
 * site.c) through the one save path, and their places. */
#ifndef MARSHRUT_STORE_SITES_H
#define MARSHRUT_STORE_SITES_H

#include "page.h"
#include "store/store.h"

#include <stdint.h>

/* Sites of organisations in the scope, by organisation name: cols =
 * organisation, direction, state (with the end of the term), the
 * passport's maximum of places ("—": none). */
int store_site_page(struct store *s, const struct store_scope *sc, const struct page_req *r,
		    struct page *out);
int store_site_count(struct store *s, const struct store_scope *sc, int *count);

/* The organisation, state and end of the term (ISO, "" when none) of a
 * site; ST_NOTFOUND if none. */
int store_site_brief(struct store *s, int64_t id, int64_t *org_id, char state[16], char term_end[11]);

/* A site's state and term (ISO, "" when none) and its passport's
 * maximum of places (-1: none). ST_NOTFOUND if none. */
struct site_info {
	int64_t org_id;
	char state[16];
	char from[11], to[11];
	int max_places;
	char name[300];          /* "organisation: topic", at most 140 characters */
};
int store_site_info(struct store *s, int64_t id, struct site_info *out);

/* The places of an event a site holds: taken (ИОМ activities booked on it
 * on cards not cancelled) and its number (the event's own, else the
 * site's maximum; -1: no limit). Each event counts on its own.
 * ST_NOTFOUND when the event is not a site's. */
int store_site_event_places(struct store *s, int64_t event_id, int *used, int *places);

/* Whether one more ИОМ activity may be booked on event_id today (the day
 * it is entered): ST_OK when the event is no site's or the site's rules
 * (site_may_book) allow it, else ST_CONSTRAINT with the message. Used
 * inside the booking's transaction (store/iom.c). */
int store_site_book_check(struct store *s, int64_t event_id);

/* The events a site holds, by start date: cols = title, dates, places
 * ("занято N из M", "занято N, мест без ограничения"). */
int store_site_event_page(struct store *s, int64_t site_id, const struct page_req *r, struct page *out);
int store_site_event_count(struct store *s, int64_t site_id, int *count);

/* The bookings a site's end on end_iso leaves without a place: ИОМ
 * activities at the site, not marked yet, on cards in work, dated after
 * that day (or undated), by date: cols = teacher (only for one in the
 * scope sc, the reader's view of persons), event, date, card number. */
int store_site_ending_page(struct store *s, const struct store_scope *sc, int64_t site_id,
			   const char *end_iso, const struct page_req *r, struct page *out);
int store_site_ending_count(struct store *s, int64_t site_id, const char *end_iso, int *count);

/* The owner's checks on the generic save path: an application dated only
 * in the selection window of the day it is entered (site_check_application),
 * on entry and when its date changes later; an event's places not beyond its
 * site's maximum (also when it moves to another site) and not below its
 * bookings. store_open registers them. */
void store_sites_register_hooks(struct store *s);

struct site_move {
	const char *to;          /* review, rejected, granted, terminated, expired */
	const char *date;        /* ISO: the decision, or the termination */
	const char *granted_from, *granted_to;   /* for granted */
	const char *reason;      /* for terminated: a code of model_site_termination_reasons */
	/* For terminated and expired: how many bookings the user saw left
	 * without a place (store_site_ending_count) and accepted. More now
	 * (or any, unseen) refuses the move: nothing is lost unsaid. Each
	 * card with such a booking gets a note («корректировка») naming it. */
	int affected_seen;
};

/* Move a site along its lifecycle (site.c says which moves and terms are
 * allowed); one transaction, audited. ST_CONSTRAINT with a message when
 * the rules refuse, ST_CONFLICT when someone changed it meanwhile. */
int store_site_move(struct store *s, const struct actor *a, int64_t id, const struct site_move *m);

#endif
