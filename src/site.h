/* Internship sites (стажировочные площадки, 004 App.4): the rules of their
 * lifecycle, with no I/O. An organisation applies during the selection
 * window (1 September – 1 November); the institute reviews the application
 * and grants the status for at most three years, or rejects it; a granted
 * site expires at the end of its term or is terminated early for one of
 * the listed reasons. Each event a site holds has its own places (the
 * passport's maximum by default); an ИОМ activity booked on the event takes
 * one of them, only while the site has its status. */
#ifndef MARSHRUT_SITE_H
#define MARSHRUT_SITE_H

#include <stdbool.h>

#define SITE_MAX_YEARS 3

/* The selection window of applications in year y: from 1 September to
 * 1 November (ISO, into from and to). */
void site_window(int y, char from[11], char to[11]);

/* NULL when an application dated applied_iso may be entered on
 * entered_iso, the day it is typed in: that day falls in the selection
 * window of its year, and the application's date in the same window and
 * not after that day (an application backdated into a window that has
 * closed is refused); else a Russian message naming the window (static
 * buffer, valid until the next call). */
const char *site_check_application(const char *entered_iso, const char *applied_iso);

/* NULL when the status may be granted from from_iso to to_iso (both
 * dates, in order, at most three years), else a Russian message (static
 * buffer, valid until the next call). */
const char *site_check_grant(const char *from_iso, const char *to_iso);

/* The last day of a three-year term that starts on from_iso, into out. */
void site_default_end(const char *from_iso, char out[11]);

/* Whether a site in state `from` may be moved to state `to`. */
bool site_move_allowed(const char *from, const char *to);
/* The states a site in `from` may move to, into to[] (at most 4); the count. */
int site_moves(const char *from, const char *to[4]);

/* A booking of one ИОМ activity on an event a site holds. */
struct site_booking {
	const char *state;                  /* the site's state */
	const char *term_from, *term_to;    /* its term (ISO; NULL or "": none) */
	const char *entered;                /* the day the booking is entered (ISO) */
	const char *ev_start, *ev_end;      /* the event's dates (ISO; NULL: none) */
	int places;                         /* the event's places (negative: no limit) */
	int used;                           /* of them taken by other bookings */
};

/* NULL when the booking may be made: the site has its status, the day it
 * is entered and the event's dates fall in the term, and the event has a
 * place left; else a Russian message naming the term or the places
 * (static buffer, valid until the next call). */
const char *site_may_book(const struct site_booking *b);

/* NULL when a granted site (term from .. to) may end early on end_iso:
 * inside the term, before its last day; else a Russian message. */
const char *site_check_end(const char *term_from, const char *term_to, const char *end_iso);

#endif
