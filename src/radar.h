/* The deadline radar: what is overdue or falls due within N working days.
 * Each rule is "a deadline of k working days after a date" or "a period of
 * calendar years after a date"; the radar turns the horizon (today + N
 * working days) into a cut-off on the base date, so the database can select
 * and page the rows itself. Domain rules only: no SQL, no terminal. */
#ifndef MARSHRUT_RADAR_H
#define MARSHRUT_RADAR_H

#include "date.h"

struct config;

enum radar_kind {
	RADAR_APP_CONTACT = 1,   /* application not answered (3 working days) */
	RADAR_APP_RESULTS,       /* results not given (10, or 15 when ordered) */
	RADAR_APP_RESULTS_ORDERED,
	RADAR_IOM_DEVELOP,       /* ИОМ still a draft 10 working days after the diagnostic */
	RADAR_IOM_CORRECT,       /* corrections not made within 5 working days */
	RADAR_ACTIVITY_MARK,     /* a roadmap activity past its end without a mark */
	RADAR_FINAL_DIAG,        /* a card at its end without a final diagnostic */
	RADAR_COURSE_3Y,         /* the last course more than 3 years ago */
	RADAR_COMPREHENSIVE_3Y,  /* the comprehensive diagnostic is 3 years old */
	RADAR_SITE_EXPIRES,      /* an internship site's status runs out */
	RADAR_IOM_SIGN,          /* changes after approval awaiting signatures (5 working days) */
	RADAR_KINDS
};

/* Russian label of a kind. */
const char *radar_label(enum radar_kind k);

/* The cut-offs for a horizon of n working days from today: a row of kind k
 * is on the radar when its base date is on or before cutoff[k] (ISO). */
struct radar_cutoffs {
	char date[RADAR_KINDS][11];
};
void radar_cutoffs(const struct calendar *cal, const struct config *cfg, dayno today, int n,
		   struct radar_cutoffs *out);

/* The due date of a row of kind k with this base date (ISO in, ISO out),
 * and how it stands: > 0 working days overdue, <= 0 working days left. */
void radar_due(const struct calendar *cal, const struct config *cfg, enum radar_kind k,
	       const char *base_iso, char due_iso[11]);
int radar_standing(const struct calendar *cal, const char *due_iso, dayno today);

#endif
