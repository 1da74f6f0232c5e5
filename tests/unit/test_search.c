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
#include "store/schema.h"
#include "model.h"
#include "config.h"
#include "catalog.h"
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
	/* Several words: each starts a word of the name or the code. */
	n = org_search(f->s, "сш 823", codes, 64);
	assert_int_equal(n, 1);
	assert_true(listed(codes, n, "OO826"));
	n = org_search(f->s, "823 сш", codes, 64);
	assert_true(listed(codes, n, "OO826"));
	n = org_search(f->s, "  СШ   № 823 ", codes, 64);
	assert_true(listed(codes, n, "OO826"));
	n = org_search(f->s, "оо826 сш", codes, 64);
	assert_int_equal(n, 1);
	n = org_search(f->s, "гимназия пушкина", codes, 64);
	assert_true(listed(codes, n, "OO900"));
	n = org_search(f->s, "сш 23", codes, 64);
	assert_false(listed(codes, n, "OO826"));    /* «23» is not «№ 823» */
	n = org_search(f->s, "сш пушкина", codes, 64);
	assert_false(listed(codes, n, "OO900"));    /* every word must match */
	assert_false(listed(codes, n, "OO826"));
	/* More words than terms: the rest is one phrase. */
	n = org_search(f->s, "мбоу гимназия № 4 им. а. с. пушкина", codes, 64);
	assert_true(listed(codes, n, "OO900"));
	n = org_search(f->s, "мбоу гимназия № 4 им. а. с. лермонтова", codes, 64);
	assert_false(listed(codes, n, "OO900"));
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

/* The tester's case: «сш 23» finds the demo's «СШ № 23» as «№23» does
 * (whatever number the demo register's first such school has). */
static void test_org_search_words_demo(void **state)
{
	struct fx *f = *state;
	char codes[64][32], want[32], q[64];
	char *code = store_text(f->s, "SELECT code FROM organisation WHERE short_name GLOB 'СШ № [0-9]*'"
				" ORDER BY id LIMIT 1", "");
	char *num = store_text(f->s, "SELECT substr(short_name, length('СШ № ') + 1) FROM organisation"
			       " WHERE short_name GLOB 'СШ № [0-9]*' ORDER BY id LIMIT 1", "");
	int n;

	assert_non_null(code);
	assert_non_null(num);
	strlcpy0(want, code, sizeof want);
	snprintf(q, sizeof q, "№%s", num);
	n = org_search(f->s, q, codes, 64);
	assert_true(listed(codes, n, want));
	snprintf(q, sizeof q, "сш %s", num);
	n = org_search(f->s, q, codes, 64);
	if (!listed(codes, n, want))
		fail_msg("«%s» does not find %s", q, want);
	snprintf(q, sizeof q, "%s СШ", num);
	n = org_search(f->s, q, codes, 64);
	assert_true(listed(codes, n, want));
	free(code);
	free(num);
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
	/* Several words: the same walk, the words bound, not spliced in. */
	sqlite3_trace_v2(store_db(f->s), SQLITE_TRACE_STMT, catch_sql, NULL);
	org_search(f->s, "сш 23", codes, 20);
	sqlite3_trace_v2(store_db(f->s), 0, NULL, NULL);
	assert_non_null(strstr(last_org_sql, ":w2"));
	assert_null(strstr(last_org_sql, "23"));
	plan = plan_of(f->s, last_org_sql, "сш");
	if (strstr(plan, "SCAN o USING INDEX organisation_key") == NULL || strstr(plan, "TEMP B-TREE"))
		fail_msg("plan of the organisation search by words:\n%s", plan);
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

/* The key of the schema's generated column (built-in SQL, in four steps)
 * is store_code_key's for every letter a code may hold: one rule in C and
 * in the database. */
static void test_code_key_sql(void **state)
{
	static const char *const steps[] = {
		"SELECT " CODE_CMP_1("?1"), "SELECT " CODE_CMP_2("?1"), "SELECT " CODE_CMP_3("?1"),
		"SELECT " CODE_CMP_4("?1"),
	};
	struct fx *f = *state;
	sqlite3_stmt *st[4];

	for (int k = 0; k < 4; k++)
		assert_int_equal(sqlite3_prepare_v2(store_db(f->s), steps[k], -1, &st[k], NULL), SQLITE_OK);
	for (uint32_t cp = 0x21; cp < 0x0530; cp++) {
		char one[8], *want, *got;
		if (cp >= 0x7f && cp < 0x0400)
			continue;
		if (cp < 0x80) {
			one[0] = (char)cp;
			one[1] = '\0';
		} else {
			one[0] = (char)(0xc0 | (cp >> 6));
			one[1] = (char)(0x80 | (cp & 0x3f));
			one[2] = '\0';
		}
		want = store_code_key(one);
		got = xstrdup(one);
		for (int k = 0; k < 4; k++) {
			sqlite3_bind_text(st[k], 1, got, -1, SQLITE_TRANSIENT);
			assert_int_equal(sqlite3_step(st[k]), SQLITE_ROW);
			free(got);
			got = xstrdup((const char *)sqlite3_column_text(st[k], 0));
			sqlite3_reset(st[k]);
		}
		if (strcmp(got, want) != 0)
			fail_msg("U+%04X: SQL key «%s», store_code_key «%s»", (unsigned)cp, got, want);
		free(want);
		free(got);
	}
	/* And the stored column is that key. */
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM deficit_code WHERE code = 'МК-7' AND code_cmp = 'mk-7'", ""), 1);
	for (int k = 0; k < 4; k++)
		sqlite3_finalize(st[k]);
}

/* A code is saved once, by key: the form's save path and the database. */
static void test_code_once(void **state)
{
	struct fx *f = *state;
	const struct table_desc *t = &model_organisation;
	const char *oo014 = "ОО826";    /* Cyrillic О О */
	struct config *cfg = config_defaults();
	struct record r;
	char *m, *out = NULL;
	int ci = model_field_index(t, "code"), before;
	struct actor a = { 0, "admin", "admin" };

	/* model_check saves the Latin code. */
	assert_null(model_check(cfg, &t->fields[ci], oo014, &out));
	config_free(cfg);
	assert_string_equal(out, "OO826");
	/* Taken, whatever the alphabet or case, by another row only. */
	m = store_code_taken(f->s, t, 0, out);
	assert_non_null(m);
	assert_non_null(strstr(m, "OO826"));
	assert_non_null(strstr(m, "СШ № 823"));
	free(m);
	m = store_code_taken(f->s, t, 0, "oo826");
	assert_non_null(m);
	free(m);
	m = store_code_taken(f->s, t, store_int(f->s, "SELECT id FROM organisation WHERE code = 'OO826'", ""),
			     "OO826");
	assert_null(m);
	m = store_code_taken(f->s, t, 0, "OO827");
	assert_null(m);

	/* store_insert refuses it and writes nothing. */
	before = (int)store_int(f->s, "SELECT count(*) FROM organisation", "");
	record_init(&r, t);
	record_set(&r, ci, out);
	record_set(&r, model_field_index(t, "name"), "Двойник");
	record_set(&r, model_field_index(t, "kind"), "school");
	assert_int_equal(store_insert(f->s, &a, t, &r), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "такая запись уже есть: код OO826 у организации"));
	record_set(&r, ci, "оо826");    /* as typed, past model_check */
	assert_int_equal(store_insert(f->s, &a, t, &r), ST_CONSTRAINT);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM organisation", ""), before);
	/* A free code saves, and then cannot be changed to a taken one. */
	record_set(&r, ci, "OO827");
	assert_int_equal(store_insert(f->s, &a, t, &r), ST_OK);
	record_set(&r, ci, "ОО826");
	assert_int_equal(store_update(f->s, &a, t, &r, NULL), ST_CONSTRAINT);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM organisation WHERE code = 'OO827'", ""), 1);
	record_free(&r);
	free(out);

	/* The database itself refuses it (schema step 10), whoever writes. */
	assert_int_equal(store_run(f->s, "INSERT INTO organisation(region_id, code, name, kind)"
				   " VALUES (1, 'Оо826', 'Мимо формы', 'school')", ""), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "код уже занят"));
	assert_int_equal(store_run(f->s, "UPDATE organisation SET code = 'oo826' WHERE code = 'OO827'", ""),
			 ST_CONSTRAINT);
	assert_int_equal(store_run(f->s, "UPDATE organisation SET code = 'OO828', name = 'Другая'"
				   " WHERE code = 'OO827'", ""), ST_OK);
	assert_int_equal(store_run(f->s, "INSERT INTO deficit_code(code, block_id, wording)"
				   " VALUES ('MK-7', 1, 'Латиницей')", ""), ST_CONSTRAINT);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM organisation", ""), before + 1);

	/* The codifier's file adds only the codes the directory has in
	 * neither alphabet: "MK-7" in Latin letters is «МК-7». */
	{
		struct codifier_entry e[2] = {
			{ (char *)"MK-7", (char *)"TT", (char *)"Латиницей" },
			{ (char *)"МК-8", (char *)"TT", (char *)"Новый" },
		};
		int added = -1;
		assert_int_equal(store_codifier_import(f->s, &a, e, 2, &added), ST_OK);
		assert_int_equal(added, 1);
		assert_int_equal(store_int(f->s, "SELECT count(*) FROM deficit_code WHERE code_cmp = 'mk-7'", ""), 1);
		assert_int_equal(store_int(f->s, "SELECT count(*) FROM deficit_code WHERE code = 'МК-8'", ""), 1);
	}
}

/* The codifier's codes are Cyrillic: Latin look-alikes become Russian; a
 * code with a letter only Latin has stays Latin. */
static void test_code_alphabet(void **state)
{
	static const struct { const char *in, *org, *deficit; } cases[] = {
		{ "ОО014", "OO014", "ОО014" },
		{ "OO014", "OO014", "ОО014" },
		{ "оо014", "oo014", "оо014" },
		{ "M-1", "M-1", "М-1" },
		{ "М-1", "M-1", "М-1" },
		{ "ПП-1", "ПП-1", "ПП-1" },
		{ "ПM-1", "ПМ-1", "ПМ-1" },        /* П decides: Cyrillic */
		{ "DМ-1", "DM-1", "DM-1" },        /* D decides: Latin */
		{ "ОО-Б1", "ОО-Б1", "ОО-Б1" },
		{ "UO-M01", "UO-M01", "UO-M01" },
		{ "  OО 7 ", "OO 7", "ОО 7" },
		{ "014", "014", "014" },
	};
	const struct field_desc *oc = model_field(&model_organisation, "code");
	const struct field_desc *dc = model_field(&model_deficit_code, "code");
	struct config *cfg = config_defaults();

	(void)state;
	assert_true(model_field_is_code(oc));
	assert_true(model_field_is_code(dc));
	assert_false(model_field_is_code(model_field(&model_person, "external_id")));
	assert_false(model_field_is_code(model_field(&model_organisation, "name")));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *o = NULL, *d = NULL;
		assert_null(model_check(cfg, oc, cases[i].in, &o));
		assert_null(model_check(cfg, dc, cases[i].in, &d));
		if (strcmp(o, cases[i].org) != 0 || strcmp(d, cases[i].deficit) != 0)
			fail_msg("«%s»: organisation «%s» (want «%s»), deficit «%s» (want «%s»)", cases[i].in,
				 o, cases[i].org, d, cases[i].deficit);
		free(o);
		free(d);
	}
	/* A name is not a code: left as typed. */
	{
		char *o = NULL;
		assert_null(model_check(cfg, model_field(&model_organisation, "short_name"), "СOШ", &o));
		assert_string_equal(o, "СOШ");
		free(o);
	}
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookalike),
		cmocka_unit_test_setup_teardown(test_org_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_search_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deficit_code_lookalike, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_search_words_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_key_sql, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_once, setup, teardown),
		cmocka_unit_test(test_code_alphabet),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
