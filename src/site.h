/* Internship sites (стажировочные площадки, 004 App.4): the rules of their
 * lifecycle, with no I/O. An organisation applies during the selection
 * window (1 September – 1 November); the institute reviews the application
 * and grants the status for at most three years, or rejects it; a granted
 * site expires at the end of its term or is terminated early for one of
 * the listed reasons. ИОМ activities booked at a site count against its
 * places. */
#ifndef MARSHRUT_SITE_H
#define MARSHRUT_SITE_H

#include <stdbool.h>

#define SITE_MAX_YEARS 3

/* NULL when an application dated applied_iso falls in the selection
 * window of its year, else a Russian message. */
const char *site_check_window(const char *applied_iso);

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

/* NULL when one more ИОМ activity may be booked on today_iso at a site in
 * this state, whose term ends on term_end_iso, with max_places (negative:
 * no limit) of which used are taken; else a Russian message (static
 * buffer). */
const char *site_may_book(const char *state, const char *term_end_iso, const char *today_iso,
			  int max_places, int used);

#endif
