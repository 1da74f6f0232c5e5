/* Analytics that protect people: aggregated figures about groups of
 * teachers, never shown for a group smaller than the configured minimum,
 * so no individual result can be inferred (004 App.2 §6.4). */
#ifndef MARSHRUT_ANALYTICS_H
#define MARSHRUT_ANALYTICS_H

#include <stdbool.h>
#include <stddef.h>

struct config;

/* Whether figures about a group of this many teachers must be withheld. */
bool analytics_withheld(const struct config *cfg, int group_size);

/* The message shown instead of the figures. Static buffer. */
const char *analytics_withheld_text(const struct config *cfg, int group_size);

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
 * expert conclusion its level's points plus ANALYTICS_PRODUCT_BONUS. The
 * weights are this table; the store sums them over the records. */
struct rating_weight {
	const char *code;     /* a level, a result or a role */
	int points;
};
extern const struct rating_weight analytics_level_points[];   /* international 5 … school 1 */
extern const struct rating_weight analytics_outcome_bonus[];  /* winner 3, prize 2, speaker 2 … */
#define ANALYTICS_PRODUCT_BONUS 2
/* The weights as a Russian sentence, for the screen. */
void analytics_rating_text(char *out, size_t size);
/* The points of one participation (NULL for what it lacks). */
int analytics_rating_points(const char *level, const char *result, const char *role);
/* A curator with more teachers than the norm allows one methodist. */
bool analytics_overloaded(int load);

#endif
