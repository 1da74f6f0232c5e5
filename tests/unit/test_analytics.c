/* The small-group rule: no figure for a group below the configured minimum. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "analytics.h"
#include "catalog.h"
#include "config.h"
#include "store/store.h"
#include "util.h"

#include <stdlib.h>
#include <unistd.h>

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

/* The methodist's requirements (004 App.1): highest category, higher
 * pedagogical education, five years; unknown values do not meet them. */
static void test_pool_requirements(void **state)
{
	char text[160];

	(void)state;
	assert_int_equal(analytics_pool_requirements("highest", "higher_ped", 5), 0);
	assert_int_equal(analytics_pool_requirements("highest", "higher_ped", 30), 0);
	assert_int_equal(analytics_pool_requirements("first", "higher_ped", 10), POOL_NO_CATEGORY);
	assert_int_equal(analytics_pool_requirements("highest", "higher", 10), POOL_NO_EDUCATION);
	assert_int_equal(analytics_pool_requirements("highest", "higher_ped", 4), POOL_NO_EXPERIENCE);
	assert_int_equal(analytics_pool_requirements(NULL, NULL, -1),
			 POOL_NO_CATEGORY | POOL_NO_EDUCATION | POOL_NO_EXPERIENCE);
	analytics_pool_requirements_text(0, text, sizeof text);
	assert_string_equal(text, "соответствует");
	analytics_pool_requirements_text(POOL_NO_CATEGORY | POOL_NO_EXPERIENCE, text, sizeof text);
	assert_string_equal(text, "нет: высшей категории, стажа 5 лет");
	analytics_pool_requirements_text(POOL_NO_EDUCATION, text, sizeof text);
	assert_string_equal(text, "нет: высшего пед. образования");
}

/* The rating: one participation's points, and the ranked list. */
static void test_rating(void **state)
{
	char path[] = "/tmp/test_rating_XXXXXX", db[64], err[300];
	struct store_scope all = { true, 0, 0, (char *)"[]", (char *)"[]", 0, 0 };
	struct page_req first = { NULL, 0, +1, 20 };
	struct page p;
	struct store *s;

	(void)state;
	assert_int_equal(analytics_rating_points("municipal", "prize", NULL), 4);
	assert_int_equal(analytics_rating_points("international", "winner", NULL), 8);
	assert_int_equal(analytics_rating_points("regional", NULL, "speaker"), 5);
	assert_int_equal(analytics_rating_points(NULL, NULL, "participant"), 1);
	assert_int_equal(analytics_rating_points("school", NULL, NULL), 1);
	{
		char text[600];
		analytics_rating_text(text, sizeof text);
		assert_non_null(strstr(text, "международный 5"));
		assert_non_null(strstr(text, "победитель +3"));
		assert_non_null(strstr(text, "выступающий +2"));
		assert_non_null(strstr(text, "уровень +2."));
	}

	assert_non_null(mkdtemp(path));
	snprintf(db, sizeof db, "%s/r.db", path);
	s = store_open(db, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 20, err, sizeof err), ST_OK);
	/* Person 10: municipal prize (4) + regional speaker (5) = 9; person 11:
	 * a federal product with a positive conclusion (4 + 2) = 6 and a
	 * negative one (nothing); person 12: another year only. */
	assert_int_equal(sqlite3_exec(store_db(s),
		"INSERT INTO participation (person_id, kind, title, level, year, result) VALUES (10, 'contest', 'К', 'municipal', 2026, 'prize');"
		"INSERT INTO participation (person_id, kind, title, level, year, role) VALUES (10, 'scimethod', 'М', 'regional', 2026, 'speaker');"
		"INSERT INTO participation (person_id, kind, title, level, year) VALUES (12, 'other', 'Д', 'school', 2025);"
		"INSERT INTO innovation (person_id, title, year, level, result) VALUES (11, 'П', 2026, 'federal', 'positive');"
		"INSERT INTO innovation (person_id, title, year, level, result) VALUES (11, 'Н', 2026, 'federal', 'negative');",
		NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_rating_page(s, &all, 2026, &first, &p), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.rows[0].id, 10);
	assert_string_equal(p.rows[0].cols[2], "9");
	assert_string_equal(p.rows[0].cols[3], "2");
	assert_int_equal(p.rows[1].id, 11);
	assert_string_equal(p.rows[1].cols[2], "6");
	page_free(&p);
	store_close(s);
	test_remove_db(db);
	rmdir(path);
}

/* Typical deficits kept in the database: after any change to what they
 * are read from, the kept result equals the one computed afresh. */
struct stats {
	int size, nc, nl;
	struct deficit_stat codes[64];
	struct level_stat levels[10];
};

static void stats_of(struct store *s, const struct deficit_group *g, struct stats *x)
{
	for (int i = 0; i < 64; i++)
		free(x->codes[i].wording);
	memset(x, 0, sizeof *x);
	assert_int_equal(store_deficit_stats(s, g, &x->size, x->codes, 64, &x->nc, x->levels, 10, &x->nl),
			 ST_OK);
}

static bool stats_equal(const struct stats *a, const struct stats *b)
{
	if (a->size != b->size || a->nc != b->nc || a->nl != b->nl)
		return false;
	for (int i = 0; i < a->nc; i++)
		if (strcmp(a->codes[i].code, b->codes[i].code) || strcmp(a->codes[i].wording, b->codes[i].wording) ||
		    a->codes[i].entry != b->codes[i].entry || a->codes[i].final != b->codes[i].final)
			return false;
	for (int i = 0; i < a->nl; i++)
		if (strcmp(a->levels[i].block, b->levels[i].block) ||
		    memcmp(a->levels[i].entry, b->levels[i].entry, sizeof a->levels[i].entry) ||
		    memcmp(a->levels[i].final, b->levels[i].final, sizeof a->levels[i].final))
			return false;
	return true;
}

static void test_kept_deficits(void **state)
{
	static const char *const changes[] = {
		"UPDATE person SET archived = 1 WHERE id IN (SELECT person_id FROM diagnostic ORDER BY id LIMIT 5)",
		"UPDATE person SET subjects = 'математика' WHERE id IN (SELECT person_id FROM diagnostic"
		" WHERE kind = 'entry' ORDER BY id DESC LIMIT 30)",
		"UPDATE organisation SET mun_id = (SELECT min(id) FROM municipality) WHERE id IN"
		" (SELECT org_id FROM person WHERE org_id IS NOT NULL ORDER BY id DESC LIMIT 1)",
		"INSERT OR IGNORE INTO diagnostic_deficit (diagnostic_id, deficit_code_id) SELECT d.id, c.id"
		" FROM diagnostic d, deficit_code c WHERE d.kind = 'entry' ORDER BY d.diag_date DESC, c.id LIMIT 40",
		"UPDATE diagnostic_block SET level = 'low' WHERE id IN (SELECT id FROM diagnostic_block"
		" WHERE level <> 'low' ORDER BY id DESC LIMIT 40)",
		"UPDATE deficit_code SET wording = wording || ' (уточнено)'",
		"UPDATE competency_block SET name = name || ' (блок)' WHERE kind = 'teacher'",
		"UPDATE diagnostic SET archived = 1 WHERE id IN (SELECT id FROM diagnostic ORDER BY diag_date DESC LIMIT 20)",
	};
	static const struct deficit_group groups[] = {
		{ "region", 0, NULL }, { "mun", 1, NULL }, { "region", 0, "математ" },
	};
	char path[] = "/tmp/test_analytics_XXXXXX", db[64], err[512] = "";
	static struct stats before[3], got[3], fresh[3];
	struct codifier_entry *e;
	struct actor sys = { 0, "test", "test" };
	struct store *s;
	int n, added;

	(void)state;
	assert_non_null(mkdtemp(path));
	snprintf(db, sizeof db, "%s/a.db", path);
	s = store_open(db, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 300, err, sizeof err), ST_OK);
	n = catalog_read_codifier("conf/codifier.conf", &e, err, sizeof err);
	assert_true(n > 0);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_OK);
	catalog_free_codifier(e, n);
	{
		struct config *cfg = config_defaults();
		assert_int_equal(store_demo_activity(s, cfg, err, sizeof err), ST_OK);
		config_free(cfg);
	}

	for (int g = 0; g < 3; g++)
		stats_of(s, &groups[g], &before[g]);
	assert_true(before[0].size > 20 && before[0].nc > 0 && before[0].nl > 0);
	for (size_t c = 0; c < NITEMS(changes); c++) {
		bool changed = false;
		if (sqlite3_exec(store_db(s), changes[c], NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("%s: %s", changes[c], sqlite3_errmsg(store_db(s)));
		for (int g = 0; g < 3; g++)
			stats_of(s, &groups[g], &got[g]);
		assert_int_equal(sqlite3_exec(store_db(s), "DELETE FROM deficit_cache", NULL, NULL, NULL), SQLITE_OK);
		for (int g = 0; g < 3; g++) {
			stats_of(s, &groups[g], &fresh[g]);
			if (!stats_equal(&got[g], &fresh[g]))
				fail_msg("after «%s»: the kept deficits of group %d differ from fresh ones", changes[c], g);
			changed |= !stats_equal(&got[g], &before[g]);
			stats_of(s, &groups[g], &before[g]);   /* kept again, read back */
			assert_true(stats_equal(&before[g], &fresh[g]));
		}
		if (!changed)
			fail_msg("«%s» changed no result: the test would prove nothing", changes[c]);
	}
	for (int g = 0; g < 3; g++)
		for (int i = 0; i < 64; i++) {
			free(got[g].codes[i].wording);
			free(fresh[g].codes[i].wording);
			free(before[g].codes[i].wording);
		}
	store_close(s);
	test_remove_db(db);
	rmdir(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_withheld),
		cmocka_unit_test(test_pool_norm),
		cmocka_unit_test(test_pool_requirements),
		cmocka_unit_test(test_rating),
		cmocka_unit_test(test_kept_deficits),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
