#include "analytics.h"
#include "config.h"
#include "model.h"

#include <stdio.h>
#include <string.h>

bool analytics_withheld(const struct config *cfg, int group_size)
{
	/* An empty group has no figures to hide; any other group below the
	 * minimum has figures that could point at a person. */
	return group_size > 0 && group_size < cfg->min_group_size;
}

const char *analytics_withheld_text(const struct config *cfg, int group_size)
{
	static char buf[200];
	snprintf(buf, sizeof buf, "в группе %d чел. — меньше %d: цифры не показываются, чтобы нельзя "
		 "было узнать результаты отдельных педагогов", group_size, cfg->min_group_size);
	return buf;
}

void analytics_pool_norm(int teachers, int *needed_min, int *needed_max)
{
	*needed_min = (teachers + POOL_TEACHERS_MAX - 1) / POOL_TEACHERS_MAX;
	*needed_max = (teachers + POOL_TEACHERS_MIN - 1) / POOL_TEACHERS_MIN;
}

bool analytics_overloaded(int load)
{
	return load > POOL_TEACHERS_MAX;
}

unsigned analytics_pool_requirements(const char *category, const char *education, int experience)
{
	unsigned unmet = 0;

	if (category == NULL || strcmp(category, "highest") != 0)
		unmet |= POOL_NO_CATEGORY;
	if (education == NULL || strcmp(education, "higher_ped") != 0)
		unmet |= POOL_NO_EDUCATION;
	if (experience < POOL_MIN_EXPERIENCE)
		unmet |= POOL_NO_EXPERIENCE;
	return unmet;
}

void analytics_pool_requirements_text(unsigned unmet, char *out, size_t size)
{
	if (unmet == 0) {
		snprintf(out, size, "соответствует");
		return;
	}
	snprintf(out, size, "нет: %s%s%s%s%s",
		 unmet & POOL_NO_CATEGORY ? "высшей категории" : "",
		 (unmet & POOL_NO_CATEGORY) && (unmet & (POOL_NO_EDUCATION | POOL_NO_EXPERIENCE)) ? ", " : "",
		 unmet & POOL_NO_EDUCATION ? "высшего пед. образования" : "",
		 (unmet & POOL_NO_EDUCATION) && (unmet & POOL_NO_EXPERIENCE) ? ", " : "",
		 unmet & POOL_NO_EXPERIENCE ? "стажа 5 лет" : "");
}

const struct rating_weight analytics_level_points[] = {
	{ "international", 5 }, { "federal", 4 }, { "regional", 3 }, { "municipal", 2 }, { "school", 1 },
	{ NULL, 0 }
};

const struct rating_weight analytics_outcome_bonus[] = {
	{ "winner", 3 }, { "prize", 2 }, { "laureate", 1 },
	{ "speaker", 2 }, { "organiser", 2 }, { "head", 2 }, { "expert", 1 }, { "coordinator", 1 },
	{ NULL, 0 }
};

static int weight_of(const struct rating_weight *w, const char *code)
{
	for (; code && w->code; w++)
		if (strcmp(w->code, code) == 0)
			return w->points;
	return 0;
}

int analytics_rating_points(const char *level, const char *result, const char *role)
{
	/* A participation of unknown level counts as the school's. */
	int points = weight_of(analytics_level_points, level);

	if (points == 0)
		points = 1;
	return points + weight_of(analytics_outcome_bonus, result) + weight_of(analytics_outcome_bonus, role);
}

void analytics_rating_text(char *out, size_t size)
{
	size_t n = 0;

	n += (size_t)snprintf(out + n, size - n, "Баллы: уровень —");
	for (const struct rating_weight *w = analytics_level_points; w->code && n < size; w++)
		n += (size_t)snprintf(out + n, size - n, " %s %d%s", model_enum_label(model_event_levels, w->code),
				      w->points, w[1].code ? "," : ";");
	for (const struct rating_weight *w = analytics_outcome_bonus; w->code && n < size; w++) {
		const char *label = model_enum_code(model_contest_results, w->code)
			? model_enum_label(model_contest_results, w->code)
			: model_enum_label(model_participation_roles, w->code);
		n += (size_t)snprintf(out + n, size - n, " %s +%d%s", label, w->points, w[1].code ? "," : ";");
	}
	if (n < size)
		snprintf(out + n, size - n, " продукт с положительным заключением — уровень +%d.",
			 ANALYTICS_PRODUCT_BONUS);
}
