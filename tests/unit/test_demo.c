/* Unit tests for src/store/demo.c: the demo region. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "catalog.h"
#include "config.h"
#include "store/store.h"
#include "util.h"

static char tmpdir[64];

static int setup_dir(void **state)
{
	(void)state;
	strlcpy0(tmpdir, "/tmp/test_demo_XXXXXX", sizeof tmpdir);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	(void)state;
	rmdir(tmpdir);
	return 0;
}

/* A fresh database in the temporary directory, filled with n teachers. */
static struct store *demo_db(const char *name, int n, char *path, size_t pathsz)
{
	char err[512] = "";
	struct store *s;

	snprintf(path, pathsz, "%s/%s", tmpdir, name);
	test_remove_db(path);
	s = store_open(path, true, err, sizeof err);
	if (s == NULL)
		fail_msg("store_open: %s", err);
	assert_true(store_is_empty(s));
	if (store_demo_fill(s, n, err, sizeof err) != ST_OK)
		fail_msg("store_demo_fill(%d): %s", n, err);
	return s;
}

static void close_db(struct store *s, const char *path)
{
	store_close(s);
	test_remove_db(path);
}

static int64_t count(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One text value (malloc'd, "" for NULL). */
static char *text(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v ? v : xstrdup("");
}

static void test_counts(void **state)
{
	char path[256], *report = NULL, *v;
	struct store *s;
	int64_t n;
	(void)state;

	s = demo_db("counts.db", 600, path, sizeof path);
	assert_true(store_is_demo(s));
	v = store_meta_get(s, "region_name");
	assert_non_null(v);
	assert_string_equal(v, "Смоленская область");
	free(v);
	assert_int_equal(count(s, "SELECT count(*) FROM region WHERE code = 'SMO'"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM municipality"), 5);
	assert_int_equal(count(s, "SELECT count(*) FROM municipality WHERE code = 'M01' AND kind = 'city'"), 1);
	n = count(s, "SELECT count(*) FROM organisation");
	assert_in_range(n, 35, 45);
	assert_int_equal(count(s, "SELECT count(*) FROM organisation WHERE code = 'SOIRO'"
			       " AND kind = 'institute' AND mun_id IS NULL"), 1);
	assert_true(count(s, "SELECT count(*) FROM organisation WHERE kind = 'kindergarten'") >= 5);
	assert_true(count(s, "SELECT count(*) FROM organisation WHERE kind = 'additional'") >= 1);
	assert_true(count(s, "SELECT count(*) FROM organisation WHERE kind = 'school'") >= 15);
	/* Every organisation of every municipality has its name key. */
	assert_int_equal(count(s, "SELECT count(*) FROM organisation"
			       " WHERE name_key <> fold(coalesce(short_name, name))"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), 600);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE surname_key <>"
			       " fold(surname || ' ' || name || coalesce(' ' || patronymic, ''))"), 0);
	/* ё in names, folded away in the keys. */
	assert_true(count(s, "SELECT count(*) FROM person WHERE instr(surname, 'ё') > 0") > 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE instr(surname_key, 'ё') > 0"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE surname LIKE 'Ёлкин%'"), 0);
	/* Mostly women; patronymic agrees with sex. */
	n = count(s, "SELECT count(*) FROM person WHERE sex = 'f'");
	assert_in_range(n, 380, 520);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE sex = 'f'"
			       " AND patronymic NOT LIKE '%на'"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE sex = 'm'"
			       " AND patronymic NOT LIKE '%ич'"), 0);
	/* Nobody but the institute's own staff works at the institute. */
	assert_int_equal(count(s, "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id"
			       " WHERE o.kind = 'institute'"), 3);
	n = count(s, "SELECT count(*) FROM person WHERE experience_years <= 3");
	assert_in_range(n, 30, 110);
	assert_true(count(s, "SELECT count(*) FROM person WHERE is_methodist = 1") >= 2);
	assert_true(count(s, "SELECT count(*) FROM person WHERE is_mentor = 1") >= 20);
	assert_true(count(s, "SELECT count(*) FROM person WHERE is_manager = 1") >= 38);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE category <> 'none'"
			       " AND attestation_date IS NULL"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE birth_date < '1960-01-01'"
			       " OR birth_date > '2001-12-31'"), 0);
	assert_int_equal(count(s, "SELECT count(DISTINCT external_id) FROM person"), 600);
	n = count(s, "SELECT count(*) FROM course");
	assert_in_range(n, 600, 1200);
	assert_int_equal(count(s, "SELECT count(*) FROM course WHERE end_date < '2020-01-01'"
			       " OR end_date > '2026-06-30' OR start_date > end_date"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM course WHERE form = 'retraining'"
			       " AND hours NOT BETWEEN 250 AND 520"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM course WHERE form = 'advanced'"
			       " AND hours NOT BETWEEN 16 AND 72"), 0);
	assert_int_equal(store_check(s, &report), ST_OK);
	free(report);
	close_db(s, path);
}

struct expect { const char *login, *role, *fio; };

static void test_users(void **state)
{
	static const struct expect ex[] = {
		{ "admin", "admin", "Администратор системы" },
		{ "regional", "regional", NULL },
		{ "municipal", "municipal", NULL },
		{ "school", "school", NULL },
		{ "developer", "developer", NULL },
		{ "curator", "curator", "Соколова Марина Викторовна" },
		{ "teacher", "teacher", "Петрова Ольга Николаевна" },
	};
	char path[256], sql[256];
	struct store *s;
	struct user u;
	int64_t m01, school_org = 0, curator = 0, teacher = 0;
	(void)state;

	s = demo_db("users.db", 600, path, sizeof path);
	assert_int_equal(count(s, "SELECT count(*) FROM app_user"), 7);
	assert_int_equal(count(s, "SELECT count(*) FROM app_user WHERE pw_hash IS NOT NULL"), 0);
	m01 = store_mun_by_code(s, "M01");
	assert_true(m01 > 0);
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		assert_int_equal(store_user_get(s, ex[i].login, &u), ST_OK);
		assert_int_equal(u.nroles, 1);
		assert_string_equal(u.roles[0].role, ex[i].role);
		assert_false(u.has_password);
		assert_false(u.disabled);
		if (ex[i].fio)
			assert_string_equal(u.full_name, ex[i].fio);
		if (strcmp(ex[i].login, "admin") == 0)
			assert_int_equal(u.person_id, 0);
		else
			assert_true(u.person_id > 0);
		if (strcmp(ex[i].role, "municipal") == 0) {
			assert_int_equal(u.roles[0].mun_id, m01);
			assert_string_equal(u.roles[0].scope_code, "mun:M01");
		} else {
			assert_int_equal(u.roles[0].mun_id, 0);
		}
		if (strcmp(ex[i].role, "school") == 0) {
			school_org = u.roles[0].org_id;
			/* The head of that school. */
			snprintf(sql, sizeof sql, "SELECT count(*) FROM person WHERE id = %lld AND org_id = %lld"
				 " AND is_manager = 1", (long long)u.person_id, (long long)school_org);
			assert_int_equal(count(s, sql), 1);
		} else {
			assert_int_equal(u.roles[0].org_id, 0);
		}
		if (strcmp(ex[i].role, "curator") == 0) {
			curator = u.person_id;
			snprintf(sql, sizeof sql, "SELECT is_methodist FROM person WHERE id = %lld",
				 (long long)curator);
			assert_int_equal(count(s, sql), 1);
		}
		if (strcmp(ex[i].role, "teacher") == 0)
			teacher = u.person_id;
		store_user_free(&u);
	}
	/* The school is the first school of M01; the teacher works there. */
	assert_true(school_org > 0);
	snprintf(sql, sizeof sql, "SELECT id FROM organisation WHERE kind = 'school' AND mun_id = %lld"
		 " ORDER BY id LIMIT 1", (long long)m01);
	assert_int_equal(count(s, sql), school_org);
	snprintf(sql, sizeof sql, "SELECT org_id FROM person WHERE id = %lld", (long long)teacher);
	assert_int_equal(count(s, sql), school_org);

	/* The curator's list. */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM curatorship WHERE curator_id = %lld"
		 " AND start_date = '2026-09-01' AND end_date IS NULL", (long long)curator);
	assert_true(count(s, sql) >= 20);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM curatorship WHERE curator_id = %lld"
		 " AND person_id = %lld", (long long)curator, (long long)teacher);
	assert_int_equal(count(s, sql), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM (SELECT person_id FROM curatorship"
			       " GROUP BY person_id HAVING count(*) > 1)"), 0);
	close_db(s, path);
}

static const char snapshot_sql[] =
	"SELECT group_concat(x, ',') FROM (SELECT surname || name || coalesce(patronymic, '')"
	" || birth_date || org_id || coalesce(position, '') || coalesce(subjects, '')"
	" || coalesce(email, '') || coalesce(category, '') AS x FROM person ORDER BY id)";
static const char courses_sql[] =
	"SELECT group_concat(x, ',') FROM (SELECT person_id || title || hours || end_date AS x"
	" FROM course ORDER BY id)";
static const char orgs_sql[] =
	"SELECT group_concat(x, ',') FROM (SELECT code || name || coalesce(address, '')"
	" || coalesce(phone, '') AS x FROM organisation ORDER BY id)";

static void test_deterministic(void **state)
{
	char p1[256], p2[256];
	struct store *a, *b;
	const char *sqls[] = { snapshot_sql, courses_sql, orgs_sql };
	(void)state;

	a = demo_db("one.db", 600, p1, sizeof p1);
	b = demo_db("two.db", 600, p2, sizeof p2);
	for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
		char *x = text(a, sqls[i]), *y = text(b, sqls[i]);
		assert_true(strlen(x) > 1000);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	close_db(a, p1);
	close_db(b, p2);
}

/* The region's history: records of every kind, references intact, the
 * demo users and the curator's teachers untouched, card numbers unique and
 * the year's sequence after the last one, and the same history twice. */
static struct store *history_db(const char *name, char *path, size_t pathsz)
{
	struct store *s = demo_db(name, 600, path, pathsz);
	struct codifier_entry *e;
	struct actor sys = { 0, "test", "test" };
	char err[512] = "";
	int n, added;

	n = catalog_read_codifier("conf/codifier.conf", &e, err, sizeof err);
	if (n <= 0)
		fail_msg("codifier: %s", err);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_OK);
	catalog_free_codifier(e, n);
	struct config *cfg = config_defaults();
	if (store_demo_activity(s, cfg, err, sizeof err) != ST_OK)
		fail_msg("store_demo_activity: %s", err);
	config_free(cfg);
	return s;
}

static void test_activity(void **state)
{
	static const char *const tables[] = {
		"diagnostic", "diagnostic_block", "diagnostic_deficit", "iom", "mentoring_pair",
		"mentoring_survey", "participation", "innovation", "staff_count", "staffing_need",
	};
	static const char history_sql[] =
		"SELECT group_concat(x, '|') FROM (SELECT person_id || ':' || diag_date || ':' || pct_overall"
		" AS x FROM diagnostic UNION ALL SELECT number || ':' || status || ':' || start_date FROM iom"
		" UNION ALL SELECT mentor_id || '>' || mentee_id FROM mentoring_pair)";
	char p1[256], p2[256];
	struct store *a, *b;
	char *x, *y;
	(void)state;

	a = history_db("hist1.db", p1, sizeof p1);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		if (count(a, sql) <= 0)
			fail_msg("no %s in the demo history", tables[i]);
	}
	assert_int_equal(count(a, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(count(a, "SELECT count(*) FROM iom i WHERE EXISTS (SELECT 1 FROM app_user u"
			       " WHERE u.person_id = i.person_id) OR EXISTS (SELECT 1 FROM curatorship c"
			       " WHERE c.person_id = i.person_id)"), 0);
	assert_int_equal(count(a, "SELECT count(*) FROM diagnostic d WHERE EXISTS (SELECT 1 FROM app_user u"
			       " WHERE u.person_id = d.person_id)"), 0);
	assert_int_equal(count(a, "SELECT count(*) - count(DISTINCT number) FROM iom"), 0);
	assert_int_equal(count(a, "SELECT count(*) FROM iom WHERE number IS NULL"), 0);
	/* Both kinds of card and both states the monitoring counts. */
	assert_true(count(a, "SELECT count(*) FROM iom WHERE template = 'ippr'") > 0);
	assert_true(count(a, "SELECT count(*) FROM iom WHERE status = 'completed'") > 0);
	assert_true(count(a, "SELECT count(*) FROM iom WHERE status = 'in_progress'") > 0);
	/* The next number of a year follows the demo's last. */
	assert_int_equal(count(a, "SELECT count(*) FROM iom_number_seq q WHERE q.last <> (SELECT"
			       " max(CAST(substr(number, 10) AS INTEGER)) FROM iom WHERE substr(number, 5, 4)"
			       " = CAST(q.year AS TEXT))"), 0);
	assert_true(count(a, "SELECT count(*) FROM iom_number_seq") > 0);
	b = history_db("hist2.db", p2, sizeof p2);
	x = text(a, history_sql);
	y = text(b, history_sql);
	assert_true(strlen(x) > 1000);
	assert_string_equal(x, y);
	free(x);
	free(y);
	close_db(a, p1);
	close_db(b, p2);
}

static void test_small_and_refused(void **state)
{
	char path[256], err[256] = "";
	struct store *s;
	(void)state;

	s = demo_db("small.db", 20, path, sizeof path);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), 20);
	assert_int_equal(count(s, "SELECT count(*) FROM organisation"), 8);
	assert_int_equal(count(s, "SELECT count(*) FROM app_user"), 7);
	assert_true(count(s, "SELECT count(*) FROM curatorship") >= 2);
	close_db(s, path);

	/* A second fill into a filled base fails and writes nothing. */
	s = demo_db("twice.db", 50, path, sizeof path);
	assert_int_not_equal(store_demo_fill(s, 50, err, sizeof err), ST_OK);
	assert_true(err[0] != '\0');
	assert_int_equal(count(s, "SELECT count(*) FROM person"), 50);
	assert_int_equal(count(s, "SELECT count(*) FROM meta WHERE key = 'demo'"), 1);
	close_db(s, path);
}

static void test_large(void **state)
{
	char path[256];
	struct store *s;
	(void)state;

	s = demo_db("large.db", 30000, path, sizeof path);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), 30000);
	assert_int_equal(count(s, "SELECT count(*) FROM organisation"), 2000);
	assert_int_equal(count(s, "SELECT count(*) FROM curatorship"), 40);
	close_db(s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_users),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_activity),
		cmocka_unit_test(test_small_and_refused),
		cmocka_unit_test(test_large),
	};

	test_locale();
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
