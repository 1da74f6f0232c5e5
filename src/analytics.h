/* Analytics that protect people: aggregated figures about groups of
 * teachers, never shown for a group smaller than the configured minimum,
 * so no individual result can be inferred (004 App.2 §6.4). */
#ifndef MARSHRUT_ANALYTICS_H
#define MARSHRUT_ANALYTICS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

struct config;
struct enum_opt;

/* Whether a single figure about a group of this many teachers must be
 * withheld (a share in a report, an indicator): 0 people is no one, fewer
 * than cfg->min_group_size could point at a person. Figures that can be
 * set against each other (a group and its parts) go through an_protect. */
bool analytics_withheld(const struct config *cfg, int group_size);

/* --- disclosure control of aggregated figures (004 App.2 §6.4) ---
 *
 * The one rule for tables of counts of people that a viewer can set
 * against each other. A table is cells (counts) and sums (a whole equals
 * the sum of its parts: a municipality and its organisations, a group and
 * the classes of a breakdown, the teachers of a group and those with or
 * without a deficit code). With k = min_group_size:
 *  - a published count of people (AN_PEOPLE) is 0 or at least k;
 *  - a published count of people with a result (AN_RESULT: a deficit
 *    code, a level) is at least k, and so is what it leaves of its group
 *    (n − c >= k): no figure says something of all or almost all of a
 *    group, and none of 0 to k−1 people is stated;
 *  - the same holds for every count the viewer can work out from the
 *    published ones: a whole minus its published parts, chains of such
 *    differences, and a whole whose parts are all published; and the
 *    parts left over in a sum whose whole is known add up to at least k
 *    (to 0 or at least k when they are all counts of people);
 *  - where a difference would break it, one more figure is withheld: the
 *    smallest published part of the same sum (secondary suppression, as
 *    statistics offices do), else the whole.
 * Withheld figures are all shown alike («скр.»), whatever the reason, so
 * that the reason does not narrow the value. */
enum an_type { AN_PEOPLE, AN_RESULT };
struct an_work;
enum {
	AN_SHOWN = 1,      /* published unless withheld (else a hidden count, never shown) */
	AN_FIXED = 2,      /* decided before (by an earlier table): neither withheld nor freed here */
	AN_WITHHELD = 4,   /* the outcome: not published */
};
struct an_table {
	int ncells, cellcap;
	int *value;
	unsigned char *type, *flags;
	int nsums, sumcap;
	int *start;                 /* sum i: members[start[i]] is the whole, then its parts */
	int nmembers, memcap;
	int *members;
	struct an_work *work;       /* kept between an_protect calls while the sums stay */
};
void an_init(struct an_table *t);
void an_free(struct an_table *t);
/* A cell; returns its index. */
int an_cell(struct an_table *t, int value, enum an_type type, unsigned flags);
/* whole = parts[0] + ... + parts[n-1] (the values must add up). */
void an_sum(struct an_table *t, int whole, const int *parts, int n);
/* Give cell i new contents: one layout of sums serves many tables (inline:
 * typical deficits set every cell of a table once per code and block). */
static inline void an_set(struct an_table *t, int i, int value, enum an_type type, unsigned flags)
{
	t->value[i] = value;
	t->type[i] = (unsigned char)type;
	t->flags[i] = (unsigned char)flags;
}
/* Withhold what the rule requires (AN_WITHHELD on the cells). */
void an_protect(struct an_table *t, int k);
/* Whether cell i is published. */
static inline bool an_published(const struct an_table *t, int i)
{
	return (t->flags[i] & (AN_SHOWN | AN_WITHHELD)) == AN_SHOWN;
}
/* What the viewer can work out from the published cells: known[i] is set
 * for a published cell and for each cell that follows from them through
 * one sum at a time (repeatedly); for tests and for an_protect. */
void an_known(const struct an_table *t, bool *known);

/* --- typical deficits: fixed groups and closed breakdowns --- */

/* A breakdown of a group's teachers: none, by position, by (first)
 * subject, by the form of the diagnostic. The classes are closed lists:
 * a free-text filter would let two overlapping groups be subtracted. */
enum analytics_by { BY_NONE, BY_POSITION, BY_SUBJECT, BY_FORM, BY__COUNT };
struct analytics_breakdown {
	const char *code;                 /* "position", for --by and the cache */
	const char *label;                /* «по должностям» */
	const char *part;                 /* «Должность»: heading of a class */
	const struct enum_opt *classes;   /* NULL-terminated; NULL for BY_NONE */
};
const struct analytics_breakdown *analytics_breakdown(int by);
/* "position" etc. to the enum ("none" too); -1 when unknown. */
int analytics_breakdown_parse(const char *code);
int analytics_nclasses(int by);
/* The class (1..n) of a teacher by his position, his first subject (the
 * text before the first comma or semicolon), or a diagnostic's form; the
 * last class («другие») for anything else, 0 for BY_NONE. */
int analytics_class_of(int by, const char *raw);

/* The regional methodist pool (004 App.1 §4.2): one methodist to at most
 * 200–250 teachers. How many are needed for this many teachers, at the
 * lower (250) and the upper (200) reading of the norm. */
#define POOL_TEACHERS_MAX 250
#define POOL_TEACHERS_MIN 200
void analytics_pool_norm(int teachers, int *needed_min, int *needed_max);

/* The requirements for a member of the pool (004 App.1): the highest
 * qualification category, higher pedagogical education, at least five
 * years of experience. The unmet ones as bits; 0 when all are met. Unknown
 * values (NULL, negative experience) do not meet them. */
enum { POOL_NO_CATEGORY = 1, POOL_NO_EDUCATION = 2, POOL_NO_EXPERIENCE = 4 };
#define POOL_MIN_EXPERIENCE 5
unsigned analytics_pool_requirements(const char *category, const char *education, int experience);
/* The check as a short Russian text: «соответствует» or what is missing. */
void analytics_pool_requirements_text(unsigned unmet, char *out, size_t size);

/* The rating of a teacher's methodological activity (000: «рейтинг
 * научно-методической деятельности учителя») for a year: points for each
 * participation by its level, plus a bonus for a contest's result or a
 * role at an event, and for each innovation product with a positive
 * expert conclusion its level's points plus the product bonus. The
 * weights are the configuration's (config.h, section rating; the codes
 * below are its keys, in the order of struct rating_weights); the store
 * sums them over the records. */
extern const char *const analytics_level_codes[RATING_LEVELS];      /* international … school */
extern const char *const analytics_outcome_codes[RATING_OUTCOMES];  /* winner, prize, … coordinator */
/* The weights as a Russian sentence, for the screen. */
void analytics_rating_text(const struct rating_weights *w, char *out, size_t size);
/* The points of one participation (NULL for what it lacks); a level that
 * is unknown counts as the school's. */
int analytics_rating_points(const struct rating_weights *w, const char *level, const char *result,
			    const char *role);
/* A curator with more teachers than the norm allows one methodist. */
bool analytics_overloaded(int load);

#endif
