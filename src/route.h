/* The individual educational route (ИОМ): its domain rules, each stated
 * once. Statuses and the lifecycle table, the curator rule, numbering, the
 * allowed duration, the deadlines in working days and archiving. No SQL, no
 * terminal, no I/O. Whose records a user reaches is decided by access.c,
 * not here: these rules answer what a role may do to an ИОМ it reaches.
 * Sources: 004 App.3 (§2.3, §4.3, §4.4.2, §4.4.3, §4.5, §5.11), 001 §1.5. */
#ifndef MARSHRUT_ROUTE_H
#define MARSHRUT_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "model.h"

struct config;

/* ---- Statuses ---------------------------------------------------------- */

/* Status codes as stored in the database, in lifecycle order, with Russian
 * labels; NULL-terminated (usable as an F_ENUM option list). */
extern const struct enum_opt route_statuses[];

/* Russian label of a status («черновик», …); the code itself when unknown,
 * "" for NULL. */
const char *route_status_label(const char *code);
bool route_status_valid(const char *code);
/* Final statuses (completed, cancelled): no moves lead out of them. */
bool route_status_final(const char *code);

/* ---- Lifecycle ---------------------------------------------------------- */

/* May a user holding the role codes roles[0..nroles-1] (the union of their
 * rights; unknown codes are ignored) move an ИОМ from status `from` to
 * status `to`? On refusal *why (if why is not NULL) gets a Russian reason:
 * who may make the move, or that the move does not exist. The text is
 * static and stays valid. The admin makes no lifecycle moves. */
bool route_move_allowed(const char *from, const char *to,
			const char *const *roles, int nroles, const char **why);

/* The moves out of `from` that this user may make, in table order: up to
 * max target statuses into to_out and Russian action names («утвердить»)
 * into action_out (either may be NULL). Returns how many were written. */
int route_moves_from(const char *from, const char *const *roles, int nroles,
		     const char **to_out, const char **action_out, int max);

/* Russian name of the action of a move («начать реализацию»), or NULL
 * when the move does not exist. */
const char *route_move_action(const char *from, const char *to);

/* ---- Guarded moves --------------------------------------------------------- */

/* What the checks of the moves look at, gathered by the store in one query
 * (store_iom_move_facts). Dates are ISO or "". */
struct route_facts {
	char today[11];
	char start[11], end[11], developed[11];
	bool has_tasks;
	int rows;                 /* roadmap rows (removed ones not counted) */
	int uncovered_n;          /* deficit codes of the entry diagnostic no row addresses */
	char uncovered[200];      /* those codes, ", "-separated (cut with "…"); "" withholds them */
	bool has_final_diag;
	char final_diag_date[11];
	int unconfirmed;          /* changes after approval awaiting a confirmation */
	int unmarked;             /* roadmap rows neither marked done nor given a reason */
	int open_proposals;       /* correction proposals the developer has not answered */
};

#define ROUTE_MISSING_MAX 8
/* What a move lacks: Russian sentences, one per missing thing. */
struct route_missing {
	int n;
	char what[ROUTE_MISSING_MAX][240];
};

/* May the move from `from` to `to` be made with these facts (who may make
 * it is route_move_allowed's question)? Fills *m with what is missing and
 * returns how many: 0 when the move may go on. Before review, final form
 * and approval: the period within cfg->iom_min_months..iom_max_months, the
 * start not before the development date, tasks, a roadmap, a row for each
 * deficit code; before the final form also every correction proposal
 * answered. Before completion: a final diagnostic dated no later than
 * today, no unconfirmed changes, every row marked done or given a reason
 * (prolongation: the diagnostic and the confirmations). A move that does
 * not exist lacks nothing here. */
int route_move_check(const struct config *cfg, const char *from, const char *to,
		     const struct route_facts *f, struct route_missing *m);
/* The missing things as one text, one per line ("\n"-separated). */
void route_missing_text(const struct route_missing *m, char *out, size_t size);

/* §5.11: changes to the card of an ИОМ in this status (approved and later,
 * until it is final) must be confirmed by the curator, the school head and
 * the teacher; route_confirm_roles lists their role codes (NULL-terminated). */
bool route_change_needs_confirmation(const char *status);
extern const char *const route_confirm_roles[];

/* The outcome of a completed or prolonged ИОМ (§4.5.3): success /
 * prolongation, NULL-terminated, with Russian labels. */
extern const struct enum_opt route_outcomes[];

/* ---- Models and the curator rule (§2.3, §4.4.2) ------------------------ */

enum route_model {
	ROUTE_MODEL_DIAGNOSTIC = 1,  /* по результатам диагностики */
	ROUTE_MODEL_POSTCOURSE = 2,  /* посткурсовое сопровождение */
	ROUTE_MODEL_MENTORING = 3,   /* часть программы наставничества */
};

/* Russian label of a model (1..3), NULL for any other number. */
const char *route_model_label(int model);

enum route_curator_kind {
	ROUTE_CURATOR_UNKNOWN,              /* model or level not known */
	ROUTE_CURATOR_REGIONAL_METHODIST,   /* model 1, high deficit */
	ROUTE_CURATOR_LECTURER,             /* model 1, medium or low deficit */
	ROUTE_CURATOR_LECTURER_OR_MO_HEAD,  /* model 2 */
	ROUTE_CURATOR_MENTOR_OR_METHODIST,  /* model 3 */
};

/* Who is appointed curator for a model and a deficit level ("high",
 * "medium", "low", as model_deficit_level() gives; only model 1 needs it,
 * it may be NULL otherwise). */
enum route_curator_kind route_curator_rule(int model, const char *deficit_level);
/* Russian description of a curator kind. */
const char *route_curator_label(enum route_curator_kind k);

/* ---- Numbering (§4.3.3) ------------------------------------------------- */

/* Longest number in bytes (without the terminating NUL). */
#define ROUTE_NUMBER_MAX 64

/* The personal number of an ИОМ by the configured format: %Y is the year,
 * %N the sequence number, %0wN the sequence padded with zeros to w digits
 * (w from 1 to 18), %% a percent sign. Returns a malloc'd string, or NULL
 * when the format has any other %-sequence or not exactly one %N, year or
 * seq is negative, or this number is longer than ROUTE_NUMBER_MAX bytes.
 * ("ИОМ-%Y-%06N", 2026, 123) gives "ИОМ-2026-000123". */
char *route_format_number(const char *fmt, int year, long seq);
/* For the configuration check: NULL when the format is acceptable (only
 * the sequences above, %N exactly once, and a number with a four-digit year
 * and a sequence of up to six digits fits), else a Russian message (kept
 * in a static buffer until the next call). */
const char *route_check_number_format(const char *fmt);

/* ---- Duration (001 §1.5, 004 §4.4.3) ------------------------------------ */

/* NULL when the period from start to end (ISO dates) lasts from
 * cfg->iom_min_months to cfg->iom_max_months calendar months inclusive
 * (15.01.2026 + 6 months = 15.07.2026; a missing day is the month's last),
 * else a Russian message naming the limits. Also refuses malformed dates
 * and an end before the start. The message is kept in a static buffer
 * until the next call. */
const char *route_check_period(const struct config *cfg, const char *start_iso,
			       const char *end_iso);

/* The date n calendar months after (y, m, d), as a day number; a day the
 * month lacks becomes its last day (31.08 + 6 months = 28.02). */
dayno route_add_months(int y, int m, int d, int n);

/* ---- Deadlines in working days (§4.3.2, §4.3.6) ------------------------- */

/* The last day to develop the ИОМ: dl_iom_develop working days after the
 * diagnostic. */
dayno route_develop_due(const struct calendar *c, const struct config *cfg,
			dayno diagnostic_date);
/* The last day for corrections: dl_iom_correct working days after the ИОМ
 * was received for review. */
dayno route_correct_due(const struct calendar *c, const struct config *cfg,
			dayno received);
/* Working days past due on today (0 when not overdue). */
int route_days_overdue(const struct calendar *c, dayno due, dayno today);

/* ---- Archive (§4.5.4) ---------------------------------------------------- */

/* Default keeping period of a completed ИОМ, months. */
#define ROUTE_KEEP_MONTHS 12

/* Whether an ИОМ completed on completed_iso is due for the archive on
 * today_iso: keep_months months have passed (today is on or after the
 * completion date plus keep_months). False for malformed dates or a
 * negative keep_months. */
bool route_archive_due(const char *completed_iso, const char *today_iso, int keep_months);

#endif
