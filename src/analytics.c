#include "analytics.h"
#include "config.h"

#include <stdio.h>

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
