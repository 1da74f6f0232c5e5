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

static void test_pool_norm(void **state)
{
	int lo, hi;

	(void)state;
	analytics_pool_norm(600, &lo, &hi);
	assert_int_equal(lo, 3);      /* 600 / 250, rounded up */
	assert_int_equal(hi, 3);      /* 600 / 200 */
	analytics_pool_norm(30000, &lo, &hi);
	assert_int_equal(lo, 120);
	assert_int_equal(hi, 150);
	analytics_pool_norm(0, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_false(analytics_overloaded(250));
	assert_true(analytics_overloaded(251));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_withheld),
		cmocka_unit_test(test_pool_norm),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
