/* Unit tests for finding by what people type: codes typed with Cyrillic
 * letters that look Latin (and back), and organisations found by a word
 * inside the name («№ 23», «23», «гимназия»), over the demo register. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_int.h"
#include "text.h"
#include "util.h"

struct fx {
	char dir[64];
	char path[80];
	struct store *s;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char err[512] = "";

	*state = f;
	strlcpy0(f->dir, "/tmp/test_search_XXXXXX", sizeof f->dir);
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
	f->s = store_open(f->path, true, err, sizeof err);
	if (f->s == NULL || store_demo_fill(f->s, 50, err, sizeof err) != ST_OK) {
		fprintf(stderr, "demo store: %s\n", err);
		return -1;
	}
	/* Two schools of our own, and a code of the codifier written in
	 * Cyrillic letters that look Latin. */
	if (store_run(f->s, "INSERT INTO organisation(region_id, code, name, short_name, name_key, kind)"
		      " VALUES (1, 'OO826', 'МБОУ «Средняя школа № 823»', 'СШ № 823', 'сш № 823', 'school'),"
		      " (1, 'OO900', 'МБОУ «Гимназия № 4 им. А. С. Пушкина»', 'Пушкинская', 'пушкинская', 'school')",
		      "") != ST_OK ||
	    store_run(f->s, "INSERT INTO competency_block(code, kind, name) VALUES ('TT', 'teacher', 'Проверочный')",
		      "") != ST_OK ||
	    store_run(f->s, "INSERT INTO deficit_code(code, block_id, wording, sort)"
		      " VALUES ('МК-7', (SELECT id FROM competency_block WHERE code = 'TT'), 'Проверочный дефицит', 1)",
		      "") != ST_OK) {
		fprintf(stderr, "fixture: %s\n", store_errmsg(f->s));
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f == NULL)
		return 0;
	if (f->s)
		store_close(f->s);
	test_remove_db(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void expect_map(const char *in, const char *want)
{
	char *got = text_latin_lookalike(in);

	if (strcmp(got, want) != 0)
		fail_msg("«%s» -> «%s», want «%s»", in, got, want);
	free(got);
}

static void test_lookalike(void **state)
{
	char *k;

	(void)state;
	expect_map("ОО026", "OO026");
	expect_map("оо026", "oo026");
	expect_map("АВЕКМНОРСТУХ", "ABEKMHOPCTYX");
	expect_map("авекмнорстух", "abekmhopctyx");
	expect_map("OO026", "OO026");
	expect_map("UO-M01", "UO-M01");
	/* Letters with no Latin twin stay; invalid bytes go. */
	expect_map("Жук-Ш", "Жyk-Ш");
	expect_map("О\xff" "О", "OO");
	expect_map("", "");
	/* The key compares codes whatever the case and the alphabet. */
	k = store_code_key("ОО026");
	assert_string_equal(k, "oo026");
	free(k);
	k = store_code_key("oO026");
	assert_string_equal(k, "oo026");
	free(k);
	k = store_code_key("М-1");
	assert_string_equal(k, "m-1");
	free(k);
}

/* Codes and names of the organisations a search lists (the count agrees). */
static int org_search(struct store *s, const char *search, char codes[][32], int max)
{
	struct store_scope all = { true, 0, 0, (char *)"[]", (char *)"[]" };
	struct org_filter of = { search, 0 };
	struct page_req r = { NULL, 0, +1, max };
	struct page p;
	int n = -1;

	assert_int_equal(store_org_page(s, &all, &of, &r, &p), ST_OK);
	assert_int_equal(store_org_count(s, &all, &of, &n), ST_OK);
	assert_int_equal(n, p.n);
	for (int i = 0; i < p.n; i++)
		strlcpy0(codes[i], p.rows[i].cols[0], 32);
	page_free(&p);
	return n;
}

static bool listed(char codes[][32], int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return true;
	return false;
}

static void test_org_search(void **state)
{
	struct fx *f = *state;
	static const char *const finds_826[] = {
		"ОО826", "оо826", "OO826", "oo826", "Оо82", "№ 823", "№823", "823", "сш № 823",
	};
	char codes[64][32];
	int n;

	for (size_t i = 0; i < sizeof finds_826 / sizeof finds_826[0]; i++) {
		n = org_search(f->s, finds_826[i], codes, 64);
		if (!listed(codes, n, "OO826"))
			fail_msg("«%s» does not find OO826 (СШ № 823)", finds_826[i]);
	}
	/* A word start, not any part of a word: «23» is not «№ 823». */
	n = org_search(f->s, "23", codes, 64);
	assert_false(listed(codes, n, "OO826"));
	/* Exactly the one for the full code. */
	n = org_search(f->s, "ОО826", codes, 64);
	assert_int_equal(n, 1);
	/* The start of the short name still lists all that start so. */
	n = org_search(f->s, "сш", codes, 64);
	assert_true(n > 5);
	assert_true(listed(codes, n, "OO826"));
	/* A word of the full name only. */
	n = org_search(f->s, "гимназия", codes, 64);
	assert_true(listed(codes, n, "OO900"));
	n = org_search(f->s, "Гимназия № 4", codes, 64);
	assert_true(listed(codes, n, "OO900"));
	n = org_search(f->s, "пушкина", codes, 64);
	assert_true(listed(codes, n, "OO900"));
	n = org_search(f->s, "имназия", codes, 64);
	assert_false(listed(codes, n, "OO900"));
	/* One or two letters do not list every school by its OO code. */
	n = org_search(f->s, "о", codes, 64);
	assert_false(listed(codes, n, "OO826"));
	n = org_search(f->s, "оо", codes, 64);
	assert_false(listed(codes, n, "OO826"));
}

/* The SQL of the last organisation page, caught as the store runs it. */
static char last_org_sql[4096];

static int catch_sql(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql((sqlite3_stmt *)p);

	(void)type;
	(void)ctx;
	(void)x;
	if (sql && strstr(sql, "FROM organisation o") && strstr(sql, "LIMIT :limit"))
		strlcpy0(last_org_sql, sql, sizeof last_org_sql);
	return 0;
}

/* The query plan of the page just run, one line of details per row. */
static char *plan_of(struct store *s, const char *sql, const char *search)
{
	char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql), *out = xstrdup("");
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), eqp, -1, &st, NULL), SQLITE_OK);
	for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		if (strcmp(name, ":q") == 0 || strcmp(name, ":code") == 0 || strcmp(name, ":ckey") == 0)
			sqlite3_bind_text(st, i, search, -1, SQLITE_TRANSIENT);
		else if (strcmp(name, ":sc_orgs") == 0 || strcmp(name, ":sc_muns") == 0)
			sqlite3_bind_text(st, i, "[]", -1, SQLITE_STATIC);
		else
			sqlite3_bind_int(st, i, strcmp(name, ":limit") == 0 ? 20 : 1);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *more = xasprintf("%s%s\n", out, (const char *)sqlite3_column_text(st, 3));
		free(out);
		out = more;
	}
	sqlite3_finalize(st);
	free(eqp);
	return out;
}

/* A search, prefix or word, walks the organisation_key index in the
 * list's order, as the prefix search did before words were looked for:
 * no sort of the table, no scan of it in another order. */
static void test_org_search_plan(void **state)
{
	struct fx *f = *state;
	char codes[64][32];
	char *plan;

	sqlite3_trace_v2(store_db(f->s), SQLITE_TRACE_STMT, catch_sql, NULL);
	org_search(f->s, "сш", codes, 20);
	sqlite3_trace_v2(store_db(f->s), 0, NULL, NULL);
	assert_non_null(strstr(last_org_sql, "word_in"));
	plan = plan_of(f->s, last_org_sql, "сш");
	if (strstr(plan, "SCAN o USING INDEX organisation_key") == NULL || strstr(plan, "TEMP B-TREE"))
		fail_msg("plan of the organisation search:\n%s", plan);
	free(plan);
}

static void test_deficit_code_lookalike(void **state)
{
	struct fx *f = *state;
	int64_t id = store_deficit_by_code(f->s, "МК-7");   /* Cyrillic, as stored */
	struct deficit_filter df = { "mk-7", 0, false };
	struct page_req r = { NULL, 0, +1, 20 };
	struct page p;
	bool found = false;

	assert_true(id > 0);
	assert_int_equal(store_deficit_by_code(f->s, "MK-7"), id);    /* Latin M, K */
	assert_int_equal(store_deficit_by_code(f->s, "mк-7"), id);
	assert_int_equal(store_deficit_by_code(f->s, "X-99"), 0);
	assert_int_equal(store_deficit_page(f->s, &df, &r, &p), ST_OK);
	for (int i = 0; i < p.n; i++)
		found |= p.rows[i].id == id;
	page_free(&p);
	assert_true(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookalike),
		cmocka_unit_test_setup_teardown(test_org_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_search_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deficit_code_lookalike, setup, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
