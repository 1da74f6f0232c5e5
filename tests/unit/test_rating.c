/* Unit tests for the rating's weights in the configuration (section
 * rating of marshrut.conf): today's values are the defaults and the
 * shipped file's, a bad value is refused naming its key, and weights that
 * are changed change the points and the order of the rating. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "analytics.h"
#include "config.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util.h"

static char tmpdir[64];

static int make_tmpdir(void **state)
{
	(void)state;
	strlcpy0(tmpdir, "/tmp/test_rating_XXXXXX", sizeof tmpdir);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

/* The configuration from text (NULL when refused, the message in err). */
static struct config *load_text(const char *text, char *err, int errsz)
{
	char path[128];
	struct config *c;
	FILE *f;

	snprintf(path, sizeof path, "%s/r.conf", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	err[0] = '\0';
	c = config_load(path, err, errsz);
	unlink(path);
	return c;
}

static bool weights_equal(const struct rating_weights *a, const struct rating_weights *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

/* Today's weights: the built-in defaults, and the same in the shipped file. */
static void test_defaults(void **state)
{
	static const struct rating_weights today = {
		{ 5, 4, 3, 2, 1 }, { 3, 2, 1, 2, 2, 2, 1, 1 }, 2
	};
	char err[300];
	struct config *d = config_defaults(), *shipped = config_load(TEST_CONF_DIR "/marshrut.conf", err, sizeof err);

	(void)state;
	if (shipped == NULL)
		fail_msg("shipped: %s", err);
	assert_true(weights_equal(&d->rating, &today));
	assert_true(weights_equal(&shipped->rating, &today));
	assert_int_equal(analytics_rating_points(&d->rating, "municipal", "prize", NULL), 4);
	/* An unknown level counts as the school's. */
	assert_int_equal(analytics_rating_points(&d->rating, NULL, NULL, "participant"), 1);
	config_free(d);
	config_free(shipped);
}

static void expect_refused(const char *text, const char *needle)
{
	char err[400];
	struct config *c = load_text(text, err, sizeof err);

	if (c != NULL) {
		config_free(c);
		fail_msg("accepted: %s", text);
	}
	if (strstr(err, needle) == NULL)
		fail_msg("message «%s» lacks «%s»", err, needle);
	/* "FILE:LINE: …": the place is named. */
	assert_non_null(strstr(err, "r.conf:"));
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_refused("rating {\n  federal = -1\n}\n", "federal");
	expect_refused("rating {\n  federal = -1\n}\n", "r.conf:2:");
	expect_refused("rating { product = 1001 }\n", "product");
	expect_refused("rating { winner = \"много\" }\n", "winner");
	expect_refused("rating { speaker = 1.5 }\n", "speaker");
	expect_refused("rating { bonus = 1 }\n", "bonus");
}

/* Changed weights: the points follow, and the order of the rating turns. */
static void test_changed_weights_change_order(void **state)
{
	char path[128], err[300];
	struct store_scope all = { true, 0, 0, (char *)"[]", (char *)"[]" };
	struct page_req first = { NULL, 0, +1, 20 };
	struct config *d = config_defaults(), *c;
	struct page p;
	struct store *s;

	(void)state;
	c = load_text("rating {\n  municipal = 0\n  prize = 0\n  speaker = 0\n  product = 10\n  school = 7\n}\n",
		      err, sizeof err);
	if (c == NULL)
		fail_msg("refused: %s", err);
	assert_int_equal(c->rating.product, 10);
	assert_int_equal(c->rating.level[1], 4);         /* unset: today's */
	assert_int_equal(analytics_rating_points(&c->rating, "municipal", "prize", NULL), 0);
	assert_int_equal(analytics_rating_points(&c->rating, "regional", NULL, "speaker"), 3);
	assert_int_equal(analytics_rating_points(&c->rating, NULL, NULL, NULL), 7);
	{
		char text[600];
		analytics_rating_text(&c->rating, text, sizeof text);
		assert_non_null(strstr(text, "уровень +10."));
		assert_non_null(strstr(text, "муниципальный 0"));
	}

	snprintf(path, sizeof path, "%s/r.db", tmpdir);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 20, err, sizeof err), ST_OK);
	/* Person 10: a municipal prize and a regional talk; person 11: a
	 * federal product with a positive conclusion; person 12: a school
	 * event of unknown level. */
	assert_int_equal(sqlite3_exec(store_db(s),
		"INSERT INTO participation (person_id, kind, title, level, year, result) VALUES (10, 'contest', 'К', 'municipal', 2026, 'prize');"
		"INSERT INTO participation (person_id, kind, title, level, year, role) VALUES (10, 'scimethod', 'М', 'regional', 2026, 'speaker');"
		"INSERT INTO participation (person_id, kind, title, year) VALUES (12, 'other', 'Д', 2026);"
		"INSERT INTO innovation (person_id, title, year, level, result) VALUES (11, 'П', 2026, 'federal', 'positive');",
		NULL, NULL, NULL), SQLITE_OK);

	/* Today's weights: 10 (2+2 + 3+2 = 9), 11 (4+2 = 6), 12 (1). */
	assert_int_equal(store_rating_page(s, &all, 2026, &d->rating, &first, &p), ST_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.rows[0].id, 10);
	assert_string_equal(p.rows[0].cols[2], "9");
	assert_int_equal(p.rows[1].id, 11);
	assert_string_equal(p.rows[1].cols[2], "6");
	assert_int_equal(p.rows[2].id, 12);
	assert_string_equal(p.rows[2].cols[2], "1");
	page_free(&p);

	/* Changed: 11 (4+10 = 14), 12 (the school's 7), 10 (0+0 + 3+0 = 3). */
	assert_int_equal(store_rating_page(s, &all, 2026, &c->rating, &first, &p), ST_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.rows[0].id, 11);
	assert_string_equal(p.rows[0].cols[2], "14");
	assert_int_equal(p.rows[1].id, 12);
	assert_string_equal(p.rows[1].cols[2], "7");
	assert_int_equal(p.rows[2].id, 10);
	assert_string_equal(p.rows[2].cols[2], "3");
	page_free(&p);

	store_close(s);
	test_remove_db(path);
	config_free(c);
	config_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_changed_weights_change_order),
	};

	test_locale();
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
