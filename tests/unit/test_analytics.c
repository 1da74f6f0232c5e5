/* The small-group rule: no figure for a group below the configured minimum. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "analytics.h"
#include "config.h"

static void test_withheld(void **state)
{
	struct config *cfg = config_defaults();

	(void)state;
	assert_int_equal(cfg->min_group_size, 5);
	assert_false(analytics_withheld(cfg, 0));      /* nothing to hide */
	assert_true(analytics_withheld(cfg, 1));
	assert_true(analytics_withheld(cfg, 4));
	assert_false(analytics_withheld(cfg, 5));
	assert_false(analytics_withheld(cfg, 600));
	cfg->min_group_size = 10;
	assert_true(analytics_withheld(cfg, 9));
	assert_non_null(strstr(analytics_withheld_text(cfg, 9), "меньше 10"));
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_withheld),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
