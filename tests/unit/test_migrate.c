/* Unit tests for schema migrations (src/store/db.c store_migrate, the steps
 * in src/store/schema.c and schema_domain.c): a database written by release 1
 * (tests/fixtures/schema_v1.db, made from schema_v1.sql) is upgraded in place
 * on open with its data intact; opening again changes nothing; a database
 * from a newer program is refused. The fixture itself is only ever copied. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "model.h"
#include "store/store.h"
#include "util.h"

#define FIXTURE "tests/fixtures/schema_v1.db"

struct fx {
	char path[64];
	struct store *s;
	char *fixture;           /* the fixture's bytes when the test began */
	size_t fixture_len;
};

static const struct actor actor = { 0, "admin", "root" };

static char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	*len = n;
	return buf;
}

/* A temporary copy of the fixture at f->path. */
static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	ssize_t w;
	int fd;

	*state = f;
	f->fixture = read_all(FIXTURE, &f->fixture_len);
	if (f->fixture == NULL || f->fixture_len < 4096) {
		fprintf(stderr, "%s: %s (run the tests from the top of the tree)\n", FIXTURE,
			f->fixture ? "too short" : strerror(errno));
		return -1;
	}
	strlcpy0(f->path, "/tmp/test_migrate_XXXXXX", sizeof f->path);
	fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	w = write(fd, f->fixture, f->fixture_len);
	close(fd);
	return w == (ssize_t)f->fixture_len ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f == NULL)
		return 0;
	store_close(f->s);
	test_remove_db(f->path);
	free(f->fixture);
	free(f);
	*state = NULL;
	return 0;
}

/* The fixture on disk is byte for byte what it was. */
static void assert_fixture_untouched(const struct fx *f)
{
	size_t len = 0;
	char *now = read_all(FIXTURE, &len);

	assert_non_null(now);
	assert_int_equal(len, f->fixture_len);
	assert_memory_equal(now, f->fixture, len);
	free(now);
	assert_int_equal(access(FIXTURE "-wal", F_OK), -1);
}

/* --- direct SQL ---------------------------------------------------------- */

static int64_t dbint(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int64_t qint(struct store *s, const char *sql)
{
	return dbint(store_db(s), sql);
}

static void assert_qtext(struct store *s, const char *sql, const char *want)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(store_db(s)));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_not_equal(sqlite3_column_type(st, 0), SQLITE_NULL);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
	sqlite3_finalize(st);
}

/* user_version of a file, read without the store. */
static int file_version(const char *path)
{
	sqlite3 *db = NULL;
	int v;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	v = (int)dbint(db, "PRAGMA user_version");
	sqlite3_close(db);
	return v;
}

static void set_file_version(const char *path, int v)
{
	sqlite3 *db = NULL;
	char sql[64];

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static bool has_table(struct store *s, const char *name)
{
	sqlite3_stmt *st;
	bool yes;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM sqlite_schema"
					    " WHERE type = 'table' AND name = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

static struct store *open_ok(const char *path)
{
	char err[512] = "";
	struct store *s = store_open(path, false, err, sizeof err);

	if (s == NULL)
		fail_msg("store_open(%s): %s", path, err);
	return s;
}

/* The release-1 data set of schema_v1.sql, as seen after any upgrade. */
static void assert_v1_data(struct store *s)
{
	struct user u;
	char *v;

	v = store_meta_get(s, "region_name");
	assert_non_null(v);
	assert_string_equal(v, "Смоленская область");
	free(v);
	assert_int_equal(qint(s, "SELECT count(*) FROM region"), 1);
	assert_int_equal(qint(s, "SELECT count(*) FROM municipality WHERE code = 'M01' AND kind = 'city'"), 1);
	assert_int_equal(qint(s, "SELECT count(*) FROM organisation"), 2);
	assert_int_equal(store_org_by_code(s, "OO001"), 1);
	assert_int_equal(store_org_by_code(s, "OO002"), 2);
	assert_int_equal(store_org_mun(s, 2), 1);
	assert_int_equal(qint(s, "SELECT count(*) FROM person"), 3);
	assert_qtext(s, "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE id = 1",
		     "Ёлкина Анна Сергеевна");
	assert_qtext(s, "SELECT surname_key FROM person WHERE id = 1", "елкина анна сергеевна");
	assert_qtext(s, "SELECT subjects FROM person WHERE id = 1", "Математика");
	assert_int_equal(qint(s, "SELECT experience_years FROM person WHERE id = 1"), 12);
	assert_int_equal(qint(s, "SELECT is_mentor FROM person WHERE id = 1"), 1);
	assert_int_equal(qint(s, "SELECT is_methodist FROM person WHERE id = 2"), 1);
	assert_qtext(s, "SELECT created_at FROM person WHERE id = 3", "2025-01-15 10:00:00");
	assert_int_equal(qint(s, "SELECT count(*) FROM course"), 1);
	assert_qtext(s, "SELECT title || '|' || form || '|' || hours || '|' || end_date FROM course"
		     " WHERE person_id = 1", "Функциональная грамотность школьников|advanced|36|2025-03-21");
	assert_int_equal(store_user_get(s, "sokolova", &u), ST_OK);
	assert_int_equal(u.person_id, 2);
	assert_string_equal(u.full_name, "Соколова Марина Викторовна");
	assert_int_equal(u.nroles, 1);
	assert_string_equal(u.roles[0].role, "school");
	assert_int_equal(u.roles[0].org_id, 1);
	assert_string_equal(u.roles[0].scope_code, "org:OO001");
	store_user_free(&u);
	assert_int_equal(qint(s, "SELECT count(*) FROM curatorship WHERE curator_id = 2 AND person_id = 1"
			      " AND start_date = '2025-09-01' AND end_date IS NULL"), 1);
	assert_int_equal(qint(s, "SELECT count(*) FROM audit WHERE login = 'sokolova' AND action = 'create'"
			      " AND tbl = 'person' AND record_id = 1 AND after = 'Ёлкина'"), 1);
}

/* ======================================================================== */

static void test_upgrade_v1(void **state)
{
	struct fx *f = *state;
	char empty[] = "[]";
	struct store_scope all = { true, 0, 0, empty, empty }, cur = { false, 0, 2, empty, empty };
	struct person_filter flt = { 0 };
	struct record rec;
	int n = -1;

	assert_true(store_latest_version() >= 3);
	assert_int_equal(file_version(f->path), 1);

	f->s = open_ok(f->path);
	assert_int_equal(store_schema_version(f->s), store_latest_version());
	assert_int_equal(qint(f->s, "PRAGMA user_version"), store_latest_version());
	assert_int_equal(qint(f->s, "PRAGMA foreign_keys"), 1);

	/* All the old data is there. */
	assert_v1_data(f->s);

	/* Step 2: the domain tables, with the competency blocks. */
	assert_true(has_table(f->s, "iom"));
	assert_true(has_table(f->s, "iom_activity"));
	assert_true(has_table(f->s, "diagnostic"));
	assert_true(has_table(f->s, "form_draft"));
	assert_true(has_table(f->s, "competency_block"));
	assert_int_equal(qint(f->s, "SELECT count(*) FROM competency_block"), 10);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM competency_block WHERE kind = 'teacher'"), 5);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM competency_block WHERE kind = 'manager'"), 5);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM iom"), 0);
	/* Step 3: is_manager, 0 for the old rows. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM pragma_table_info('person')"
			      " WHERE name = 'is_manager' AND \"notnull\" = 1"), 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person WHERE is_manager = 0"), 3);

	/* Consistent. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_qtext(f->s, "PRAGMA integrity_check", "ok");
	{
		char *report = NULL;
		assert_int_equal(store_check(f->s, &report), ST_OK);
		free(report);
	}

	/* The store works on the upgraded data: lists, search, scope. */
	assert_int_equal(store_person_count(f->s, &all, &flt, &n), ST_OK);
	assert_int_equal(n, 3);
	flt.search = "ёлк";
	assert_int_equal(store_person_count(f->s, &all, &flt, &n), ST_OK);
	assert_int_equal(n, 1);
	flt.search = NULL;
	assert_int_equal(store_person_count(f->s, &cur, &flt, &n), ST_OK);
	assert_int_equal(n, 1);
	/* ...and the save path, with the new column. */
	assert_int_equal(store_get(f->s, &model_person, NULL, 2, &rec), ST_OK);
	assert_int_equal(rec.version, 1);
	assert_string_equal(rec.v[model_field_index(&model_person, "is_manager")], "0");
	record_set(&rec, model_field_index(&model_person, "is_manager"), "1");
	assert_int_equal(store_update(f->s, &actor, &model_person, &rec, NULL), ST_OK);
	assert_int_equal(rec.version, 2);
	record_free(&rec);
	assert_int_equal(qint(f->s, "SELECT is_manager FROM person WHERE id = 2"), 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit"), 2);

	assert_fixture_untouched(f);
}

static void test_reopen_noop(void **state)
{
	struct fx *f = *state;
	int64_t tables, audits, blocks;
	char err[256] = "";

	/* Statistics (sqlite_stat1, kept by PRAGMA optimize at close) are
	 * not schema: only the objects a migration makes are counted. */
	f->s = open_ok(f->path);
	assert_int_equal(store_schema_version(f->s), store_latest_version());
	tables = qint(f->s, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'");
	audits = qint(f->s, "SELECT count(*) FROM audit");
	blocks = qint(f->s, "SELECT count(*) FROM competency_block");
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(file_version(f->path), store_latest_version());

	/* Again: nothing to do, nothing done. */
	f->s = open_ok(f->path);
	assert_int_equal(store_schema_version(f->s), store_latest_version());
	assert_int_equal(qint(f->s, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'"), tables);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM competency_block"), blocks);
	assert_int_equal(store_migrate(f->s, err, sizeof err), ST_OK);
	assert_int_equal(store_schema_version(f->s), store_latest_version());
	assert_int_equal(qint(f->s, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'"), tables);
	assert_v1_data(f->s);
	assert_fixture_untouched(f);
}

static void test_future_version_refused(void **state)
{
	struct fx *f = *state;
	char err[512] = "", want[32];
	int future = store_latest_version() + 1;

	set_file_version(f->path, future);
	f->s = store_open(f->path, false, err, sizeof err);
	assert_null(f->s);
	/* The message names the file's version (and the program's). */
	snprintf(want, sizeof want, "(%d)", future);
	if (strstr(err, want) == NULL)
		fail_msg("message without %s: «%s»", want, err);
	snprintf(want, sizeof want, "(%d)", store_latest_version());
	assert_non_null(strstr(err, want));
	assert_non_null(strstr(err, "верси"));
	/* No step was applied. */
	assert_int_equal(file_version(f->path), future);
	{
		sqlite3 *db = NULL;
		assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		assert_int_equal(dbint(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'competency_block'"), 0);
		assert_int_equal(dbint(db, "SELECT count(*) FROM pragma_table_info('person')"
				       " WHERE name = 'is_manager'"), 0);
		assert_int_equal(dbint(db, "SELECT count(*) FROM person"), 3);
		sqlite3_close(db);
	}
	assert_fixture_untouched(f);
}

static void test_missing_file_refused(void **state)
{
	struct fx *f = *state;
	char path[96], err[512] = "";
	struct stat st;

	snprintf(path, sizeof path, "%s.missing", f->path);
	f->s = store_open(path, false, err, sizeof err);
	assert_null(f->s);
	assert_true(err[0] != '\0');
	assert_non_null(strstr(err, path));
	/* Not created by a failed open without create. */
	assert_int_equal(stat(path, &st), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_upgrade_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_noop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_future_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file_refused, setup, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
