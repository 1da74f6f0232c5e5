/* An event's brief, and recording in one pass who
 * took part in an event (the methodist's meeting mode): a participation
 * row per person, and the person's ИОМ roadmap rows for that event marked
 * done. */
#ifndef MARSHRUT_STORE_PARTICIPATION_H
#define MARSHRUT_STORE_PARTICIPATION_H

#include <stddef.h>

#include "page.h"
#include "store/store.h"

/* The record an event of this kind (event.kind) is taken into: "course"
 * for a course, retraining or internship (the person's course record:
 * Table 3, УИ-3), "contest" for a contest (participation with a result:
 * Table 4), "scimethod" for any other (participation with a role:
 * Table 11). The one place that decides it. */
const char *store_event_record_kind(const char *event_kind);

/* The title of an event and the record it implies
 * (store_event_record_kind). ST_NOTFOUND if none. */
int store_event_brief(struct store *s, int64_t event_id, char *title, size_t titlesz, char kind[16]);

/* The event's dates, ISO "YYYY-MM-DD" ("" when not set; end is start's
 * when only that is set). ST_NOTFOUND if no such event. */
int store_event_dates(struct store *s, int64_t event_id, char start[11], char end[11]);

struct meeting {
	int64_t event_id;
	const char *kind;     /* store_event_record_kind: "course", "contest", "scimethod" */
	const char *result;   /* for a contest: winner, prize, laureate, participant */
	const char *role;     /* otherwise: participant, speaker, expert, organiser */
};

/* Record that persons[0..n) took part in the event: one transaction; the
 * record is the one the event's kind implies (store_event_record_kind,
 * read from the event, not from m->kind): for a course his course record
 * with the event's hours, provider (organiser), dates and form of study
 * (from the format); for a contest a participation with m->result; else a
 * participation with m->role. A person already recorded for it is left as
 * he is (counted in *already); his roadmap rows for the event on an
 * approved or running card are marked done through the one save path, on
 * the event's (last) day, and linked to the course record (*marked). A
 * course without hours in the catalogue is refused (ST_CONSTRAINT, a
 * Russian message). Audited. */
int store_meeting_record(struct store *s, const struct actor *a, const struct meeting *m,
			 const int64_t *persons, int n, int *added, int *already, int *marked);

/* Whether the person's taking part in the event is recorded already (a
 * participation or a course record of that event). */
int store_meeting_recorded(struct store *s, int64_t event_id, int64_t person);

/* Everyone in scope (active) whose name starts with search (folded; the
 * same prefix as the register's), to choose one of several namesakes;
 * with a search, those whose surname the (longest) typed word starts come
 * first, then those it found by name or patronymic, each group by name:
 * cols = ФИО, organisation, year of birth, and "1" when the person's
 * participation in event_id is already recorded ("" otherwise; looked up
 * for the rows of the page only). */
int store_meeting_people_page(struct store *s, const struct store_scope *sc, const char *search,
			      int64_t event_id, const struct page_req *r, struct page *out);
int store_meeting_people_count(struct store *s, const struct store_scope *sc, const char *search,
			       int *count);

#endif
