/* Who counts in an indicator (issue 16): the lists of the numerator's
 * members and of those only in the denominator are read by the same
 * conditions as the figure, so on the demo region their lengths are the
 * figure's numerator and denominator minus numerator — for every formula
 * of persons and of organisations, every year of the demo's history, the
 * region, every municipality and every organisation. The lists page by
 * name, and a viewer's scope narrows them. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "config.h"
#include "figures.h"
#include "access.h"
#include "catalog.h"
#include "indicators.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/indicators.h"
#include "util.h"

static char tmpdir[64], dbpath[128];
static struct store *db;

/* The demo region of 600 teachers with its history (as `init --demo`). */
static int setup(void **state)
{
	struct actor sys = { 0, "test", "test" };
	struct codifier_entry *ce;
	struct indicator_entry *ie;
	struct config *cfg;
	char err[512] = "";
	int n, added;

	(void)state;
	strlcpy0(tmpdir, "/tmp/test_who_counts_XXXXXX", sizeof tmpdir);
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/demo.db", tmpdir);
	if ((db = store_open(dbpath, true, err, sizeof err)) == NULL ||
	    store_demo_fill(db, 600, err, sizeof err) != ST_OK) {
		fprintf(stderr, "demo: %s\n", err);
		return -1;
	}
	if ((n = catalog_read_codifier("conf/codifier.conf", &ce, err, sizeof err)) <= 0 ||
	    store_codifier_import(db, &sys, ce, n, &added) != ST_OK)
		return -1;
	catalog_free_codifier(ce, n);
	if ((n = indicators_read("conf/indicators.conf", &ie, err, sizeof err)) <= 0 ||
	    store_indicators_import(db, &sys, ie, n, &added) != ST_OK)
		return -1;
	indicators_free(ie, n);
	cfg = config_defaults();
	free(cfg->calendar);
	cfg->calendar = xstrdup("conf/calendar.conf");
	n = store_demo_activity(db, cfg, err, sizeof err);
	config_free(cfg);
	if (n != ST_OK) {
		fprintf(stderr, "activity: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	test_remove_db(dbpath);
	rmdir(tmpdir);
	return 0;
}

/* Every scope of the demo: the region, then the municipalities and the
 * organisations. */
static int scopes(char kinds[][8], int64_t *ids, int max)
{
	sqlite3_stmt *st;
	int n = 0;

	strcpy(kinds[n], "region");
	ids[n++] = 0;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), "SELECT 'mun', id FROM municipality UNION ALL"
					    " SELECT 'org', id FROM organisation ORDER BY 1, 2", -1, &st, NULL),
			 SQLITE_OK);
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		strlcpy0(kinds[n], (const char *)sqlite3_column_text(st, 0), sizeof kinds[n]);
		ids[n++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return n;
}

static void test_lists_are_the_figure(void **state)
{
	static char kinds[512][8];
	static int64_t ids[512];
	int ns = scopes(kinds, ids, 512), checked = 0, nonempty = 0;

	(void)state;
	assert_true(ns > 20);
	for (int i = 0; i < indicator_nformulas; i++) {
		const struct indicator_formula *fm = &indicator_formulas[i];
		char kind = store_indicator_members(fm->key);
		/* Persons, organisations and municipalities are listed; answers
		 * and records are not. */
		switch (fm->base) {
		case IND_BASE_PERSONS: assert_int_equal(kind, 'p'); break;
		case IND_BASE_SCHOOLS:
		case IND_BASE_ORGS: assert_int_equal(kind, 'o'); break;
		case IND_BASE_MUNS: assert_int_equal(kind, 'm'); break;
		default: assert_int_equal(kind, 0); continue;
		}
		for (int year = 2021; year <= 2026; year++)
			for (int c = 0; c < ns; c++) {
				long num, den;
				int a, b;
				assert_int_equal(store_indicator_compute(db, fm->key, year, kinds[c], ids[c], &num, &den),
						 ST_OK);
				assert_int_equal(store_indicator_member_count(db, fm->key, year, kinds[c], ids[c],
									      IND_PART_NUM, NULL, &a), ST_OK);
				assert_int_equal(store_indicator_member_count(db, fm->key, year, kinds[c], ids[c],
									      IND_PART_DEN_ONLY, NULL, &b), ST_OK);
				if (a != num || a + b != den)
					fail_msg("%s %d %s %lld: lists %d + %d, figure %ld/%ld", fm->key, year, kinds[c],
						 (long long)ids[c], a, b, num, den);
				checked++;
				nonempty += num > 0 && den > num;
			}
	}
	/* The demo gives both parts something to list. */
	assert_true(checked > 1000);
	assert_true(nonempty > 100);
}

/* Pages of a part read in turn to the end: every row once, by name, and as
 * many as the count. */
static int read_all(const char *f, int year, const char *kind, int64_t id, enum indicator_part part,
		    const struct store_scope *sc, int64_t *seen, int max)
{
	struct page_req r = { NULL, 0, 1, 7 };
	char *key = NULL;
	int n = 0;

	for (;;) {
		struct page p;
		assert_int_equal(store_indicator_member_page(db, f, year, kind, id, part, sc, &r, &p), ST_OK);
		for (int i = 0; i < p.n; i++) {
			assert_true(n < max);
			assert_true(p.rows[i].cols[0][0] != '\0');
			for (int j = 0; j < n; j++)
				assert_true(seen[j] != p.rows[i].id);
			if (key)
				assert_true(strcmp(key, p.rows[i].key) <= 0);
			free(key);
			key = xstrdup(p.rows[i].key);
			seen[n++] = p.rows[i].id;
			r.id = p.rows[i].id;
		}
		r.key = key;
		if (p.n < r.limit) {
			page_free(&p);
			break;
		}
		page_free(&p);
	}
	free(key);
	return n;
}

static void test_pages_and_scope(void **state)
{
	static int64_t seen[2000];
	int64_t org, mun, other;
	int a, b, n;
	long num, den;
	char orgs[64], muns[64], none[] = "[]";
	struct store_scope school, municipal;

	(void)state;
	/* The school with most teachers counted in УИ-3 for 2024. */
	org = store_int(db, "SELECT p.org_id FROM person p JOIN course c ON c.person_id = p.id"
			" WHERE p.archived = 0 AND c.archived = 0 AND c.end_date BETWEEN '2024-01-01' AND '2024-12-31'"
			" GROUP BY p.org_id ORDER BY count(DISTINCT p.id) DESC LIMIT 1", NULL);
	assert_true(org > 0);
	mun = store_org_mun(db, org);
	other = store_int(db, "SELECT min(id) FROM municipality WHERE id <> ?", "i", mun);
	assert_true(mun > 0 && other > 0);
	assert_int_equal(store_indicator_compute(db, "course_year", 2024, "org", org, &num, &den), ST_OK);
	assert_true(num > 7 && den > num);
	a = read_all("course_year", 2024, "org", org, IND_PART_NUM, NULL, seen, 2000);
	assert_int_equal(a, num);
	/* Each listed person has a course of the year. */
	for (int i = 0; i < a; i++)
		assert_true(store_int(db, "SELECT count(*) FROM course WHERE person_id = ? AND archived = 0"
				      " AND end_date BETWEEN '2024-01-01' AND '2024-12-31'", "i", seen[i]) > 0);
	b = read_all("course_year", 2024, "org", org, IND_PART_DEN_ONLY, NULL, seen, 2000);
	assert_int_equal(a + b, den);
	for (int i = 0; i < b; i++)
		assert_int_equal(store_int(db, "SELECT count(*) FROM course WHERE person_id = ? AND archived = 0"
					   " AND end_date BETWEEN '2024-01-01' AND '2024-12-31'", "i", seen[i]), 0);

	/* The school head's scope: his school whole; the municipal one's: his
	 * municipality's persons of the region, nobody of another. */
	snprintf(orgs, sizeof orgs, "[%lld]", (long long)org);
	snprintf(muns, sizeof muns, "[%lld]", (long long)mun);
	school = (struct store_scope){ false, 0, 0, orgs, none };
	municipal = (struct store_scope){ false, 0, 0, none, muns };
	assert_int_equal(store_indicator_member_count(db, "course_year", 2024, "org", org, IND_PART_NUM, &school, &n),
			 ST_OK);
	assert_int_equal(n, num);
	assert_int_equal(store_indicator_member_count(db, "course_year", 2024, "region", 0, IND_PART_NUM, &school, &n),
			 ST_OK);
	assert_int_equal(n, num);
	assert_int_equal(store_indicator_compute(db, "course_year", 2024, "mun", mun, &num, &den), ST_OK);
	n = read_all("course_year", 2024, "region", 0, IND_PART_NUM, &municipal, seen, 2000);
	assert_int_equal(n, num);
	for (int i = 0; i < n; i++)
		assert_int_equal(store_int(db, "SELECT o.mun_id FROM person p JOIN organisation o ON o.id = p.org_id"
					   " WHERE p.id = ?", "i", seen[i]), mun);
	assert_int_equal(store_indicator_member_count(db, "course_year", 2024, "mun", other, IND_PART_NUM, &municipal,
						      &n), ST_OK);
	assert_int_equal(n, 0);

	/* Organisations: the municipality's, each once, by name. */
	assert_int_equal(store_indicator_compute(db, "orgs_attestation_plan", 2024, "mun", mun, &num, &den), ST_OK);
	a = read_all("orgs_attestation_plan", 2024, "mun", mun, IND_PART_NUM, &municipal, seen, 2000);
	b = read_all("orgs_attestation_plan", 2024, "mun", mun, IND_PART_DEN_ONLY, &municipal, seen, 2000);
	assert_int_equal(a, num);
	assert_int_equal(a + b, den);

	/* No list for survey answers and records, and the same errors as the figure. */
	assert_int_equal(store_indicator_members("mentee_satisfaction"), 0);
	assert_int_equal(store_indicator_member_count(db, "recommendations_visits", 2024, "region", 0, IND_PART_NUM,
						      NULL, &n), ST_NOTFOUND);
	assert_int_equal(store_indicator_member_count(db, "nonsense", 2024, "region", 0, IND_PART_NUM, NULL, &n),
			 ST_NOTFOUND);
	assert_int_equal(store_indicator_member_count(db, "course_year", 1999, "region", 0, IND_PART_NUM, NULL, &n),
			 ST_CONSTRAINT);
	assert_int_equal(store_indicator_member_count(db, "course_year", 2024, "org", 0, IND_PART_NUM, NULL, &n),
			 ST_CONSTRAINT);
}

/* Who may see the names: the school head his school's diagnosed teachers,
 * not another school's; the regional centre all; the municipal methodist
 * and the administrator not who was diagnosed (the disclosure rule), but
 * who took a course; survey answers and records never. */
static void test_who_may_see_names(void **state)
{
	struct user school = { .nroles = 1 }, municipal = { .nroles = 1 }, regional = { .nroles = 1 },
		    admin = { .nroles = 1 };

	(void)state;
	strcpy(school.roles[0].role, "school");
	school.roles[0].org_id = 3;
	strcpy(municipal.roles[0].role, "municipal");
	municipal.roles[0].mun_id = 1;
	strcpy(regional.roles[0].role, "regional");
	strcpy(admin.roles[0].role, "admin");
	assert_null(indicator_members_refusal(&school, "diagnosed", "org", 3));
	assert_non_null(indicator_members_refusal(&school, "diagnosed", "org", 4));
	assert_null(indicator_members_refusal(&regional, "diagnosed", "org", 4));
	assert_null(indicator_members_refusal(&regional, "diagnosed", "region", 0));
	assert_non_null(indicator_members_refusal(&municipal, "diagnosed", "org", 3));
	assert_non_null(indicator_members_refusal(&municipal, "diagnosed", "mun", 1));
	assert_non_null(indicator_members_refusal(&admin, "diagnosed", "region", 0));
	for (int i = 0; i < indicator_nformulas; i++) {
		const char *f = indicator_formulas[i].key;
		bool listed = indicator_formulas[i].base != IND_BASE_ANSWERS &&
			      indicator_formulas[i].base != IND_BASE_RECORDS;
		assert_int_equal(indicator_members_refusal(&regional, f, "region", 0) == NULL, listed);
		if (!indicator_formula_diagnostic(f)) {
			assert_int_equal(indicator_members_refusal(&municipal, f, "mun", 1) == NULL, listed);
			assert_int_equal(indicator_members_refusal(&school, f, "org", 3) == NULL, listed);
		}
	}
	assert_int_equal(indicator_members_perm("course_year"), P_PERSON_VIEW);
	assert_int_equal(indicator_members_perm("young_mentees"), P_MENTORING);
	assert_int_equal(indicator_members_perm("schools_mentoring"), P_ORG_VIEW);
	assert_non_null(indicator_members_refusal(&school, "mentee_satisfaction", "org", 3));
	assert_non_null(indicator_members_refusal(&regional, "recommendations_visits", "region", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_are_the_figure),
		cmocka_unit_test(test_pages_and_scope),
		cmocka_unit_test(test_who_may_see_names),
	};

	test_locale();
	setenv("MARSHRUT_TODAY", "2026-12-07", 1);
	return cmocka_run_group_tests(tests, setup, teardown);
}
