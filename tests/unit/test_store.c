/* Unit tests for the storage layer (src/store/): opening, the one save path
 * (insert, versioned update, archive, audit), CHECK constraints, paged lists
 * by key with search, filters, access scope and Russian order, users and
 * roles, maintenance (check, backup) and hostile text kept as it was typed.
 * Every test has its own temporary database under /tmp, removed afterwards
 * (with -wal and -shm) by the teardown, also when an assertion fails. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "model.h"
#include "store/elem_latest.h"
#include "store/store.h"
#include "store/store_int.h"
#include <sys/wait.h>
#include "text.h"
#include "util.h"

#define DEMO_TEACHERS 200

/* One test's database: its own directory (the data directory), its path,
 * a second file to remove (a backup) and its directory, the open store. */
struct fx {
	char dir[64];
	char path[80];
	char extra_dir[80];
	char extra[100];
	struct store *s;
};

static const struct actor actor = { 0, "regional", "ivanov" };

static int open_tmp(void **state, int demo_teachers)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char err[512] = "";

	strlcpy0(f->dir, "/tmp/test_store_XXXXXX", sizeof f->dir);
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
	*state = f;
	f->s = store_open(f->path, true, err, sizeof err);
	if (f->s == NULL) {
		fprintf(stderr, "store_open(%s): %s\n", f->path, err);
		return -1;
	}
	if (demo_teachers > 0 && store_demo_fill(f->s, demo_teachers, err, sizeof err) != ST_OK) {
		fprintf(stderr, "store_demo_fill: %s\n", err);
		return -1;
	}
	return 0;
}

static int setup_empty(void **state)
{
	return open_tmp(state, 0);
}

static int setup_demo(void **state)
{
	return open_tmp(state, DEMO_TEACHERS);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f == NULL)
		return 0;
	store_close(f->s);
	test_remove_db(f->path);
	test_remove_db(f->extra);
	rmdir(f->dir);
	if (f->extra_dir[0])
		rmdir(f->extra_dir);
	free(f);
	*state = NULL;
	return 0;
}

/* --- direct SQL, independent of the code under test ---------------------- */

/* First column of the first row as an integer; every parameter of sql is
 * bound to a (0 when there is no row). */
static int64_t qint(struct store *s, const char *sql, int64_t a)
{
	sqlite3_stmt *st;
	int64_t v = 0;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++)
		sqlite3_bind_int64(st, i, a);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* First column of the first row as text, malloc'd; NULL for SQL NULL or no row. */
static char *qtext(struct store *s, const char *sql, int64_t a)
{
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++)
		sqlite3_bind_int64(st, i, a);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static void assert_qtext(struct store *s, const char *sql, int64_t a, const char *want)
{
	char *v = qtext(s, sql, a);

	if (want == NULL) {
		assert_null(v);
	} else {
		assert_non_null(v);
		assert_string_equal(v, want);
	}
	free(v);
}

static void exec_ok(struct store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

/* --- records ------------------------------------------------------------- */

static int pidx(const char *col)
{
	int i = model_field_index(&model_person, col);

	assert_true(i >= 0);
	return i;
}

static void pset(struct record *r, const char *col, const char *v)
{
	record_set(r, pidx(col), v);
}

static const char *pget(const struct record *r, const char *col)
{
	return r->v[pidx(col)];
}

/* A person record as the form would hand it over (flags unticked = "0"). */
static void person_rec(struct record *r, const char *surname, const char *name,
		       const char *patronymic, int64_t org_id)
{
	char buf[32];

	record_init(r, &model_person);
	pset(r, "surname", surname);
	pset(r, "name", name);
	pset(r, "patronymic", patronymic);
	if (org_id) {
		snprintf(buf, sizeof buf, "%lld", (long long)org_id);
		pset(r, "org_id", buf);
	}
	pset(r, "is_methodist", "0");
	pset(r, "is_mentor", "0");
	pset(r, "is_manager", "0");
}

static int64_t insert_person(struct store *s, const char *surname, const char *name,
			     const char *patronymic, int64_t org_id)
{
	struct record r;
	int64_t id;

	person_rec(&r, surname, name, patronymic, org_id);
	assert_int_equal(store_insert(s, &actor, &model_person, &r), ST_OK);
	id = r.id;
	assert_true(id > 0);
	record_free(&r);
	return id;
}

static int nvalues(const struct record *r)
{
	int n = 0;

	for (int i = 0; i < r->n; i++)
		n += r->v[i] != NULL;
	return n;
}

static bool same_value(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* A region and one organisation of our own (through the store's save path). */
static int64_t own_org(struct store *s, const char *code)
{
	const struct table_desc *t = &model_organisation;
	struct record r;
	int64_t id;

	if (qint(s, "SELECT count(*) FROM region", 0) == 0)
		exec_ok(s, "INSERT INTO region(code, name) VALUES ('TST', 'Тестовая область')");
	record_init(&r, t);
	record_set(&r, model_field_index(t, "code"), code);
	record_set(&r, model_field_index(t, "name"), "МБОУ «Тестовая школа»");
	record_set(&r, model_field_index(t, "short_name"), "Тестовая школа");
	record_set(&r, model_field_index(t, "kind"), "school");
	assert_int_equal(store_insert(s, &actor, t, &r), ST_OK);
	id = r.id;
	record_free(&r);
	assert_int_equal(store_org_by_code(s, code), id);
	assert_qtext(s, "SELECT name_key FROM organisation WHERE id = ?", id, "тестовая школа");
	return id;
}

/* --- scopes and pages ---------------------------------------------------- */

static char empty_json[] = "[]";

static struct store_scope scope_all(void)
{
	struct store_scope sc = { true, 0, 0, empty_json, empty_json };
	return sc;
}

static struct store_scope scope_none(void)
{
	struct store_scope sc = { false, 0, 0, empty_json, empty_json };
	return sc;
}

static int person_count(struct store *s, const struct store_scope *sc, const struct person_filter *f)
{
	int n = -1;

	assert_int_equal(store_person_count(s, sc, f, &n), ST_OK);
	return n;
}

/* The first page (up to limit rows) from the start. */
static void first_page(struct store *s, const struct store_scope *sc, const struct person_filter *f,
		       int limit, struct page *p)
{
	struct page_req r = { NULL, 0, 1, limit };

	assert_int_equal(store_person_page(s, sc, f, &r, p), ST_OK);
	assert_true(p->n <= limit);
}

static bool page_has(const struct page *p, int64_t id)
{
	for (int i = 0; i < p->n; i++)
		if (p->rows[i].id == id)
			return true;
	return false;
}

/* Whether the persons matching f in sc all fit in one page of limit rows
 * and the page holds exactly count of them. */
static void assert_page_complete(struct store *s, const struct store_scope *sc,
				 const struct person_filter *f, int count)
{
	struct page p;

	first_page(s, sc, f, 1000, &p);
	assert_int_equal(p.n, count);
	page_free(&p);
}

/* ======================================================================== */

static void test_open(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *v;

	assert_int_equal(stat(f->path, &st), 0);
	assert_true(st.st_size > 0);
	assert_int_equal(store_schema_version(f->s), store_latest_version());
	assert_true(store_latest_version() >= 3);
	assert_int_equal(qint(f->s, "PRAGMA user_version", 0), store_latest_version());
	assert_int_equal(qint(f->s, "PRAGMA foreign_keys", 0), 1);
	v = qtext(f->s, "PRAGMA journal_mode", 0);
	assert_non_null(v);
	assert_string_equal(v, "wal");
	free(v);
	/* Tables of every step are there, and the new base is empty. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
			      " AND name IN ('person', 'organisation', 'audit', 'iom', 'competency_block')", 0), 5);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM pragma_table_info('person')"
			      " WHERE name = 'is_manager'", 0), 1);
	assert_true(store_is_empty(f->s));
	assert_false(store_is_demo(f->s));

	/* Reopening an existing file without create keeps its version. */
	store_close(f->s);
	{
		char err[256] = "";
		f->s = store_open(f->path, false, err, sizeof err);
		if (f->s == NULL)
			fail_msg("reopen: %s", err);
	}
	assert_int_equal(store_schema_version(f->s), store_latest_version());
}

static void test_insert_person(void **state)
{
	struct fx *f = *state;
	struct record r, got;
	int64_t audits_before = qint(f->s, "SELECT count(*) FROM audit", 0);
	int n, cnt = -1;

	person_rec(&r, "Ёлкина", "Анна", "Сергеевна", 0);
	pset(&r, "birth_date", "1986-05-14");
	pset(&r, "sex", "f");
	pset(&r, "position", "учитель");
	pset(&r, "subjects", "Математика");
	pset(&r, "category", "first");
	pset(&r, "experience_years", "12");
	n = nvalues(&r);
	assert_int_equal(n, 12);

	assert_int_equal(store_insert(f->s, &actor, &model_person, &r), ST_OK);
	assert_true(r.id > 0);
	assert_int_equal(r.version, 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person", 0), 1);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", r.id), 1);
	assert_int_equal(qint(f->s, "SELECT archived FROM person WHERE id = ?", r.id), 0);
	assert_qtext(f->s, "SELECT surname_key FROM person WHERE id = ?", r.id, "елкина анна сергеевна");
	assert_qtext(f->s, "SELECT surname FROM person WHERE id = ?", r.id, "Ёлкина");

	/* One 'create' audit row per value given, each with who did it. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits_before + n);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = ?"
			      " AND action = 'create'", r.id), n);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = ?"
			      " AND action = 'create' AND login = 'regional' AND real_login = 'ivanov'"
			      " AND at IS NOT NULL AND user_id IS NULL", r.id), n);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE record_id = ? AND field = 'surname'"
			      " AND before IS NULL AND after = 'Ёлкина'", r.id), 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE record_id = ? AND field = 'patronymic'"
			      " AND after = 'Сергеевна'", r.id), 1);
	/* Nothing audited for the empty fields. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE record_id = ? AND field = 'email'", r.id), 0);
	assert_int_equal(store_audit_count(f->s, "person", r.id, &cnt), ST_OK);
	assert_int_equal(cnt, n);

	/* What is read back is what was written. */
	assert_int_equal(store_get(f->s, &model_person, NULL, r.id, &got), ST_OK);
	assert_int_equal(got.id, r.id);
	assert_int_equal(got.version, 1);
	assert_false(got.archived);
	assert_int_equal(got.n, model_person.nfields);
	for (int i = 0; i < got.n; i++)
		if (!same_value(got.v[i], r.v[i]))
			fail_msg("field %s: stored «%s», read «%s»", model_person.fields[i].col,
				 r.v[i] ? r.v[i] : "NULL", got.v[i] ? got.v[i] : "NULL");
	record_free(&got);
	assert_int_equal(store_get(f->s, &model_person, NULL, r.id + 1000, &got), ST_NOTFOUND);
	record_free(&r);
}

static void test_update_and_conflict(void **state)
{
	struct fx *f = *state;
	struct record r, old, rec, cur, stale, after;
	int64_t id, audits;

	person_rec(&r, "Ёлкина", "Анна", "Сергеевна", 0);
	pset(&r, "subjects", "Математика");
	pset(&r, "experience_years", "12");
	assert_int_equal(store_insert(f->s, &actor, &model_person, &r), ST_OK);
	id = r.id;
	record_free(&r);

	assert_int_equal(store_get(f->s, &model_person, NULL, id, &old), ST_OK);
	assert_int_equal(store_get(f->s, &model_person, NULL, id, &rec), ST_OK);
	assert_int_equal(store_get(f->s, &model_person, NULL, id, &stale), ST_OK);
	audits = qint(f->s, "SELECT count(*) FROM audit", 0);

	pset(&rec, "subjects", "Математика, Информатика");
	assert_int_equal(store_update(f->s, &actor, &model_person, &rec, NULL), ST_OK);
	assert_int_equal(rec.version, 2);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 2);
	assert_qtext(f->s, "SELECT subjects FROM person WHERE id = ?", id, "Математика, Информатика");
	/* Only that field changed. */
	assert_int_equal(store_get(f->s, &model_person, NULL, id, &after), ST_OK);
	for (int i = 0; i < after.n; i++) {
		if (i == pidx("subjects"))
			continue;
		if (!same_value(after.v[i], old.v[i]))
			fail_msg("field %s changed", model_person.fields[i].col);
	}
	assert_int_equal(after.version, 2);
	record_free(&after);
	/* Exactly one audit row, with the field and both values. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits + 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'update' AND tbl = 'person'"
			      " AND record_id = ? AND field = 'subjects' AND before = 'Математика'"
			      " AND after = 'Математика, Информатика' AND login = 'regional'"
			      " AND real_login = 'ivanov'", id), 1);
	/* The key was not touched: not a key field. */
	assert_qtext(f->s, "SELECT surname_key FROM person WHERE id = ?", id, "елкина анна сергеевна");

	/* A second save from the old version: refused, nothing written, the
	 * stored record handed back. */
	assert_int_equal(stale.version, 1);
	pset(&stale, "subjects", "Физика");
	pset(&stale, "experience_years", "13");
	memset(&cur, 0, sizeof cur);
	assert_int_equal(store_update(f->s, &actor, &model_person, &stale, &cur), ST_CONFLICT);
	assert_int_equal(stale.version, 1);
	assert_int_equal(cur.id, id);
	assert_int_equal(cur.version, 2);
	assert_int_equal(cur.n, model_person.nfields);
	assert_string_equal(pget(&cur, "subjects"), "Математика, Информатика");
	assert_string_equal(pget(&cur, "experience_years"), "12");
	assert_string_equal(pget(&cur, "surname"), "Ёлкина");
	record_free(&cur);
	assert_qtext(f->s, "SELECT subjects FROM person WHERE id = ?", id, "Математика, Информатика");
	assert_int_equal(qint(f->s, "SELECT experience_years FROM person WHERE id = ?", id), 12);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 2);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits + 1);

	/* Without a place for the current record the conflict is the same. */
	assert_int_equal(store_update(f->s, &actor, &model_person, &stale, NULL), ST_CONFLICT);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits + 1);

	/* The store is not left inside a transaction: the next save works. */
	pset(&rec, "experience_years", "14");
	assert_int_equal(store_update(f->s, &actor, &model_person, &rec, NULL), ST_OK);
	assert_int_equal(rec.version, 3);
	assert_int_equal(qint(f->s, "SELECT experience_years FROM person WHERE id = ?", id), 14);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits + 2);

	record_free(&old);
	record_free(&rec);
	record_free(&stale);
}

static void test_update_key(void **state)
{
	struct fx *f = *state;
	struct record rec;
	int64_t id = insert_person(f->s, "Ёлкина", "Анна", "Сергеевна", 0);

	assert_int_equal(store_get(f->s, &model_person, NULL, id, &rec), ST_OK);
	pset(&rec, "surname", "ЖУРАВЛЁВА");
	pset(&rec, "patronymic", NULL);
	assert_int_equal(store_update(f->s, &actor, &model_person, &rec, NULL), ST_OK);
	assert_int_equal(rec.version, 2);
	/* Two fields changed: two audit rows, one version step. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'update' AND record_id = ?", id), 2);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'update' AND record_id = ?"
			      " AND field = 'patronymic' AND before = 'Сергеевна' AND after IS NULL", id), 1);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 2);
	assert_qtext(f->s, "SELECT patronymic FROM person WHERE id = ?", id, NULL);
	/* The folded key follows the name. */
	assert_qtext(f->s, "SELECT surname_key FROM person WHERE id = ?", id, "журавлева анна");
	record_free(&rec);
}

static void test_update_nothing(void **state)
{
	struct fx *f = *state;
	struct record rec;
	int64_t id = insert_person(f->s, "Петров", "Иван", NULL, 0);
	int64_t audits = qint(f->s, "SELECT count(*) FROM audit", 0);

	assert_int_equal(store_get(f->s, &model_person, NULL, id, &rec), ST_OK);
	assert_int_equal(store_update(f->s, &actor, &model_person, &rec, NULL), ST_OK);
	assert_int_equal(rec.version, 1);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits);
	/* The same value typed again is no change either. */
	pset(&rec, "surname", "Петров");
	assert_int_equal(store_update(f->s, &actor, &model_person, &rec, NULL), ST_OK);
	assert_int_equal(rec.version, 1);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits);
	record_free(&rec);
}

static void test_check_constraints(void **state)
{
	struct fx *f = *state;
	struct record r, rec;
	int64_t persons, audits, id;

	id = insert_person(f->s, "Иванова", "Мария", "Петровна", 0);
	persons = qint(f->s, "SELECT count(*) FROM person", 0);
	audits = qint(f->s, "SELECT count(*) FROM audit", 0);

	person_rec(&r, "Ёлкина", "Анна", NULL, 0);
	pset(&r, "category", "bogus");
	assert_int_equal(store_insert(f->s, &actor, &model_person, &r), ST_CONSTRAINT);
	assert_true(store_errmsg(f->s)[0] != '\0');
	record_free(&r);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person", 0), persons);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits);

	person_rec(&r, "Ёлкина", "Анна", NULL, 0);
	pset(&r, "experience_years", "200");
	assert_int_equal(store_insert(f->s, &actor, &model_person, &r), ST_CONSTRAINT);
	record_free(&r);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person", 0), persons);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits);

	/* The edge of the range is accepted; the transaction was rolled back
	 * cleanly, so the next insert works. */
	person_rec(&r, "Ёлкина", "Анна", NULL, 0);
	pset(&r, "experience_years", "70");
	assert_int_equal(store_insert(f->s, &actor, &model_person, &r), ST_OK);
	record_free(&r);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person", 0), persons + 1);

	/* An update with a refused value leaves the row and its version. */
	audits = qint(f->s, "SELECT count(*) FROM audit", 0);
	assert_int_equal(store_get(f->s, &model_person, NULL, id, &rec), ST_OK);
	pset(&rec, "position", "учитель");
	pset(&rec, "category", "bogus");
	assert_int_equal(store_update(f->s, &actor, &model_person, &rec, NULL), ST_CONSTRAINT);
	assert_int_equal(rec.version, 1);
	record_free(&rec);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 1);
	assert_qtext(f->s, "SELECT position FROM person WHERE id = ?", id, NULL);
	assert_qtext(f->s, "SELECT category FROM person WHERE id = ?", id, NULL);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit", 0), audits);
}

static void test_archive(void **state)
{
	struct fx *f = *state;
	struct store_scope all = scope_all();
	struct person_filter active = { 0 }, archived = { 0 };
	struct record rec;
	int64_t id = insert_person(f->s, "Смирнова", "Ольга", NULL, 0);

	archived.archived = true;
	assert_int_equal(person_count(f->s, &all, &active), 1);
	assert_int_equal(person_count(f->s, &all, &archived), 0);

	assert_int_equal(store_set_archived(f->s, &actor, &model_person, id, 1, true), ST_OK);
	assert_int_equal(qint(f->s, "SELECT archived FROM person WHERE id = ?", id), 1);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 2);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = ?"
			      " AND action = 'archive' AND field = 'archived' AND before = '0' AND after = '1'"
			      " AND login = 'regional' AND real_login = 'ivanov'", id), 1);
	assert_int_equal(store_get(f->s, &model_person, NULL, id, &rec), ST_OK);
	assert_true(rec.archived);
	assert_int_equal(rec.version, 2);
	record_free(&rec);
	/* Archived persons leave the active list and appear in the archive. */
	assert_int_equal(person_count(f->s, &all, &active), 0);
	assert_int_equal(person_count(f->s, &all, &archived), 1);

	/* A stale version: refused, unchanged. */
	assert_int_equal(store_set_archived(f->s, &actor, &model_person, id, 1, false), ST_CONFLICT);
	assert_int_equal(qint(f->s, "SELECT archived FROM person WHERE id = ?", id), 1);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 2);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE record_id = ? AND action = 'restore'", id), 0);
	/* No such record. */
	assert_int_equal(store_set_archived(f->s, &actor, &model_person, id + 1000, 1, true), ST_NOTFOUND);

	/* Restore with the current version. */
	assert_int_equal(store_set_archived(f->s, &actor, &model_person, id, 2, false), ST_OK);
	assert_int_equal(qint(f->s, "SELECT archived FROM person WHERE id = ?", id), 0);
	assert_int_equal(qint(f->s, "SELECT version FROM person WHERE id = ?", id), 3);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE record_id = ? AND action = 'restore'"
			      " AND before = '1' AND after = '0'", id), 1);
	assert_int_equal(person_count(f->s, &all, &active), 1);
}

static void test_paging(void **state)
{
	struct fx *f = *state;
	struct store_scope all = scope_all();
	struct person_filter flt = { 0 };
	struct page p;
	struct page_req r = { NULL, 0, 1, 7 };
	int64_t *ids = xcalloc(DEMO_TEACHERS + 1, sizeof *ids);
	char **keys = xcalloc(DEMO_TEACHERS + 1, sizeof *keys);
	char *anchor = NULL;
	int n = 0, pages = 0;

	assert_int_equal(person_count(f->s, &all, &flt), DEMO_TEACHERS);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person WHERE archived = 0", 0), DEMO_TEACHERS);

	for (;;) {
		assert_int_equal(store_person_page(f->s, &all, &flt, &r, &p), ST_OK);
		if (p.n == 0) {
			page_free(&p);
			break;
		}
		assert_true(p.n <= 7);
		pages++;
		for (int i = 0; i < p.n; i++) {
			const struct list_row *row = &p.rows[i];
			if (n >= DEMO_TEACHERS)
				fail_msg("more rows than persons");
			ids[n] = row->id;
			keys[n] = xstrdup(row->key);
			/* Sorted by (key, id), strictly increasing. */
			if (n > 0) {
				int c = strcmp(keys[n - 1], keys[n]);
				if (c > 0 || (c == 0 && ids[n - 1] >= ids[n]))
					fail_msg("order broken at row %d: «%s» #%lld then «%s» #%lld", n,
						 keys[n - 1], (long long)ids[n - 1], keys[n], (long long)ids[n]);
			}
			assert_true(row->cols[0][0] != '\0');
			assert_false(row->archived);
			n++;
		}
		/* A full page unless it is the last one. */
		assert_true(p.n == 7 || n == DEMO_TEACHERS);
		free(anchor);
		anchor = xstrdup(p.rows[p.n - 1].key);
		r.key = anchor;
		r.id = p.rows[p.n - 1].id;
		page_free(&p);
		if (pages > DEMO_TEACHERS)
			fail_msg("paging does not end");
	}
	free(anchor);
	assert_int_equal(n, DEMO_TEACHERS);
	assert_int_equal(pages, (DEMO_TEACHERS + 6) / 7);
	/* Every person exactly once. */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (ids[i] == ids[j])
				fail_msg("person %lld listed twice", (long long)ids[i]);
	for (int i = 0; i < n; i++)
		assert_int_equal(qint(f->s, "SELECT count(*) FROM person WHERE id = ?", ids[i]), 1);
	/* The key shown is the stored key. */
	for (int i = 0; i < n; i += 17)
		assert_qtext(f->s, "SELECT surname_key FROM person WHERE id = ?", ids[i], keys[i]);

	/* From the end backwards: the last rows, in ascending order. */
	r.key = NULL;
	r.id = 0;
	r.dir = -1;
	assert_int_equal(store_person_page(f->s, &all, &flt, &r, &p), ST_OK);
	assert_int_equal(p.n, 7);
	for (int i = 0; i < 7; i++)
		assert_int_equal(p.rows[i].id, ids[n - 7 + i]);
	page_free(&p);

	/* Backwards from a row in the middle: the rows just before it. */
	r.key = keys[30];
	r.id = ids[30];
	assert_int_equal(store_person_page(f->s, &all, &flt, &r, &p), ST_OK);
	assert_int_equal(p.n, 7);
	for (int i = 0; i < 7; i++)
		assert_int_equal(p.rows[i].id, ids[23 + i]);
	page_free(&p);

	/* Backwards near the start: only what there is. */
	r.key = keys[3];
	r.id = ids[3];
	assert_int_equal(store_person_page(f->s, &all, &flt, &r, &p), ST_OK);
	assert_int_equal(p.n, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(p.rows[i].id, ids[i]);
	page_free(&p);

	/* Before the first row: nothing. */
	r.key = keys[0];
	r.id = ids[0];
	assert_int_equal(store_person_page(f->s, &all, &flt, &r, &p), ST_OK);
	assert_int_equal(p.n, 0);
	page_free(&p);

	/* After the last row: nothing. */
	r.key = keys[n - 1];
	r.id = ids[n - 1];
	r.dir = 1;
	assert_int_equal(store_person_page(f->s, &all, &flt, &r, &p), ST_OK);
	assert_int_equal(p.n, 0);
	page_free(&p);

	for (int i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(ids);
}

static void test_search(void **state)
{
	struct fx *f = *state;
	struct store_scope all = scope_all();
	struct person_filter flt = { 0 };
	static const char *const hits[] = {
		"ёлк", "ЁЛК", "елк", "Елк", "Ёлкина", "ёлкина анна", "ЁЛКИНА  АННА С",
		/* any part, initials after or before the surname */
		"анна сергеевна", "сергеевна ёлкина", "ёлкина а.с.", "ёлкина а. с.", "ёлкина а с",
		"а.с. ёлкина", "Ёлкина А.С", "ёлкина,анна",
	};
	static const char *const misses[] = {
		"лкина", "елкинаа", "ёлкина б", "ёлкина а.б.", "анна анна", "ёлкина ё",
	};
	int64_t oo1 = store_org_by_code(f->s, "OO001");
	int64_t elkina;
	struct page p;

	assert_true(oo1 > 0);
	/* Nobody in the demo region is called so. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person WHERE surname_key LIKE 'елк%'", 0), 0);
	elkina = insert_person(f->s, "Ёлкина", "Анна", "Сергеевна", oo1);

	for (size_t i = 0; i < NITEMS(hits); i++) {
		flt.search = hits[i];
		if (person_count(f->s, &all, &flt) != 1)
			fail_msg("search «%s»: %d found", hits[i], person_count(f->s, &all, &flt));
		first_page(f->s, &all, &flt, 10, &p);
		assert_int_equal(p.n, 1);
		assert_int_equal(p.rows[0].id, elkina);
		assert_string_equal(p.rows[0].key, "елкина анна сергеевна");
		assert_string_equal(p.rows[0].cols[0], "Ёлкина Анна Сергеевна");
		page_free(&p);
	}
	/* Each word starts a part of its own, never inside one. */
	for (size_t i = 0; i < NITEMS(misses); i++) {
		flt.search = misses[i];
		if (person_count(f->s, &all, &flt) != 0)
			fail_msg("search «%s» found something", misses[i]);
		first_page(f->s, &all, &flt, 10, &p);
		assert_false(page_has(&p, elkina));
		page_free(&p);
	}
	/* A common prefix finds as many as the keys say: each person with a
	 * word or a hyphen piece of his name that starts so. */
	flt.search = "С";
	assert_int_equal(person_count(f->s, &all, &flt),
			 qint(f->s, "SELECT count(*) FROM person WHERE archived = 0"
			      " AND instr(' ' || replace(surname_key, '-', ' '), ' с') > 0", 0));
	assert_true(person_count(f->s, &all, &flt) > 0);
	/* An empty or blank search is no search. */
	flt.search = "";
	assert_int_equal(person_count(f->s, &all, &flt), DEMO_TEACHERS + 1);
	flt.search = "   ";
	assert_int_equal(person_count(f->s, &all, &flt), DEMO_TEACHERS + 1);
}

/* Whether the register's search finds the person id (its count and its
 * first page, which holds every match here, agree). */
static bool finds(struct store *s, const char *search, int64_t id)
{
	struct store_scope all = scope_all();
	struct person_filter flt = { 0 };
	struct page p;
	bool has;
	int n;

	flt.search = search;
	n = person_count(s, &all, &flt);
	first_page(s, &all, &flt, 200, &p);
	if (p.n != n)
		fail_msg("search «%s»: count %d, page %d", search, n, p.n);
	has = page_has(&p, id);
	page_free(&p);
	return has;
}

/* Names found as people write them (issue 14): any part of a double
 * surname, surname and initials with or without dots and spaces, letters
 * of Russia's languages in any case, a decomposed «й». */
static void test_search_parts(void **state)
{
	struct fx *f = *state;
	int64_t oo1 = store_org_by_code(f->s, "OO001");
	int64_t pv, is, al, zu;
	static const char *const pv_hits[] = {
		"водкина", "ВОДКИНА", "водк", "петрова-водкина", "Петрова-Водкина О.Н.", "петрова-в", "петрова-",
		"петрова о.н.", "петрова о н", "петрова о. н.", "о.н. петрова", "петрова ольга",
		"водкина ольга николаевна", "петрова водкина", "николаевна", "ольга ник",
	};
	static const char *const pv_misses[] = {
		"водкина о.а.", "водкина о.в.", "петрова п", "водкинаа", "етрова", "петрова ольга ольга",
		"водкина петрова-водкина",
	};

	pv = insert_person(f->s, "Петрова-Водкина", "Ольга", "Николаевна", oo1);
	is = insert_person(f->s, "Иванов-Сибиряк", "Пётр", "Ильич", oo1);
	al = insert_person(f->s, "Әлиева", "Гүзәл", "Ринатовна", oo1);
	/* «Зуйкова» pasted with и + U+0306 COMBINING BREVE. */
	zu = insert_person(f->s, "Зуи\xcc\x86кова", "Майя", "Юрьевна", oo1);
	assert_qtext(f->s, "SELECT surname_key FROM person WHERE id = ?", zu, "зуйкова майя юрьевна");
	assert_qtext(f->s, "SELECT surname_key FROM person WHERE id = ?", al, "әлиева гүзәл ринатовна");
	/* Every part in the index, with the key and the archived flag. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person_name_part WHERE person_id = ?", pv), 5);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person_name_part WHERE person_id = ?1"
			      " AND surname_key = (SELECT surname_key FROM person WHERE id = ?1) AND archived = 0"
			      " AND part IN ('петрова-водкина', 'петрова', 'водкина', 'ольга', 'николаевна')", pv), 5);

	for (size_t i = 0; i < NITEMS(pv_hits); i++)
		if (!finds(f->s, pv_hits[i], pv))
			fail_msg("«%s» does not find Петрова-Водкина", pv_hits[i]);
	for (size_t i = 0; i < NITEMS(pv_misses); i++)
		if (finds(f->s, pv_misses[i], pv))
			fail_msg("«%s» finds Петрова-Водкина", pv_misses[i]);
	assert_true(finds(f->s, "сибиряк", is));
	assert_true(finds(f->s, "Иванов-Сибиряк П.И.", is));
	assert_true(finds(f->s, "сибиряк петр", is));
	assert_true(finds(f->s, "ӘЛИЕВА", al));
	assert_true(finds(f->s, "әлиева г.р.", al));
	assert_true(finds(f->s, "гүзәл", al));
	assert_true(finds(f->s, "зуйкова", zu));
	assert_true(finds(f->s, "ЗУИ\xcc\x86КОВА М.Ю.", zu));
	assert_true(finds(f->s, "зуй", zu));
	{
		struct store_scope all = scope_all();
		struct person_filter flt = { 0 };
		flt.search = "нетакого";
		assert_int_equal(person_count(f->s, &all, &flt), 0);
		assert_page_complete(f->s, &all, &flt, 0);
	}

	/* A new surname: the parts follow the key. */
	{
		struct record r = { 0 };
		assert_int_equal(store_get(f->s, &model_person, NULL, is, &r), ST_OK);
		record_set(&r, model_field_index(&model_person, "surname"), "Иванов-Томский");
		assert_int_equal(store_update(f->s, &actor, &model_person, &r, NULL), ST_OK);
		record_free(&r);
	}
	assert_false(finds(f->s, "сибиряк", is));
	assert_true(finds(f->s, "томский", is));
	/* Archived: not in the active register (the count reads the index
	 * alone), found among the archived. */
	assert_int_equal(store_set_archived(f->s, &actor, &model_person, pv,
					    qint(f->s, "SELECT version FROM person WHERE id = ?", pv), true), ST_OK);
	assert_false(finds(f->s, "водкина", pv));
	{
		struct store_scope all = scope_all();
		struct person_filter flt = { 0 };
		flt.search = "водкина";
		flt.archived = true;
		assert_int_equal(person_count(f->s, &all, &flt), 1);
		assert_page_complete(f->s, &all, &flt, 1);
	}
	/* Removed by any statement: the parts go with the row. */
	assert_true(qint(f->s, "SELECT count(*) FROM person_name_part WHERE person_id = ?", zu) > 0);
	qint(f->s, "DELETE FROM person WHERE id = ?", zu);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person WHERE id = ?", zu), 0);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person_name_part WHERE person_id = ?", zu), 0);
}

/* A search pages by (key, id) like the register, forward and back, and its
 * count and pages agree with the parts of the keys, whichever plan the
 * store picks: the part index (few candidates), or the walk in surname
 * order (a name common beyond the surnames: 320 Ий). */
static void test_search_paging(void **state)
{
	struct fx *f = *state;
	struct store_scope all = scope_all(), none = scope_none();
	struct person_filter flt = { 0 };
	int64_t oo1 = store_org_by_code(f->s, "OO001");
	static const char *const queries[] = { "ий", "с", "ий ив", "а" };

	for (int i = 0; i < 320; i++) {
		char sur[32];
		snprintf(sur, sizeof sur, "Тест%03d", i);
		insert_person(f->s, sur, "Ий", i % 2 ? "Иванович" : "Петрович", oo1);
	}
	/* A key of more parts than the matcher's stack holds: the part
	 * beyond them is found, and counted alike (the letters' tally). */
	{
		struct page p;
		int64_t id = insert_person(f->s, "А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-А-Ъ", "Ъ", NULL, oo1);
		flt.search = "ъ";
		assert_int_equal(person_count(f->s, &all, &flt), 1);
		first_page(f->s, &all, &flt, 10, &p);
		assert_int_equal(p.n, 1);
		assert_int_equal(p.rows[0].id, id);
		page_free(&p);
		flt.search = "ъ ъ";
		assert_int_equal(person_count(f->s, &all, &flt), 1);
		first_page(f->s, &all, &flt, 10, &p);
		assert_int_equal(p.n, 1);
		page_free(&p);
		flt.search = NULL;
	}
	/* Both plans are met below. */
	{
		struct name_query nq;
		store_name_query(f->s, "ий", true, &nq);
		assert_int_equal(nq.plan, NAME_WALK);
		store_name_query_free(&nq);
		store_name_query(f->s, "ий", false, &nq);
		assert_int_equal(nq.plan, NAME_DRIVE);
		store_name_query_free(&nq);
		/* Several words meet in few rows: the same drive, not walked
		 * (its range does not fill the plan's read). */
		store_name_query(f->s, "ий ив", true, &nq);
		assert_int_equal(nq.plan, NAME_DRIVE);
		assert_string_equal(nq.drive, "ий");
		store_name_query_free(&nq);
		store_name_query(f->s, "Тест001 И.", true, &nq);
		assert_int_equal(nq.plan, NAME_DRIVE);
		assert_string_equal(nq.q, "тест001 и");
		assert_string_equal(nq.drive, "тест001");
		store_name_query_free(&nq);
		store_name_query(f->s, " . ,- ", true, &nq);
		assert_int_equal(nq.plan, NAME_NONE);
		assert_null(nq.q);
		store_name_query_free(&nq);
	}
	for (size_t k = 0; k < NITEMS(queries); k++) {
		struct page_req r = { NULL, 0, 1, 7 };
		struct page p;
		char *last_key = NULL;
		int64_t last_id = 0;
		int seen = 0, got, n;
		char *q = text_fold(queries[k]), *sql;

		flt.search = queries[k];
		n = person_count(f->s, &all, &flt);
		/* Independently: persons with a word or piece starting with each
		 * word of the query (the queries here have distinct words whose
		 * parts cannot coincide). */
		if (strchr(q, ' '))
			sql = xasprintf("SELECT count(*) FROM person WHERE archived = 0 AND ?1 = ?1"
					" AND instr(' ' || replace(surname_key, '-', ' '), ' %.*s') > 0"
					" AND instr(' ' || replace(surname_key, '-', ' '), ' %s') > 0",
					(int)(strchr(q, ' ') - q), q, strchr(q, ' ') + 1);
		else
			sql = xasprintf("SELECT count(*) FROM person WHERE archived = 0 AND ?1 = ?1"
					" AND instr(' ' || replace(surname_key, '-', ' '), ' %s') > 0", q);
		assert_int_equal(n, qint(f->s, sql, 0));
		free(sql);
		assert_true(n > 20);
		do {
			assert_int_equal(store_person_page(f->s, &all, &flt, &r, &p), ST_OK);
			for (int i = 0; i < p.n; i++) {
				if (last_key) {
					int c = strcmp(last_key, p.rows[i].key);
					assert_true(c < 0 || (c == 0 && last_id < p.rows[i].id));
				}
				free(last_key);
				last_key = xstrdup(p.rows[i].key);
				last_id = p.rows[i].id;
				seen++;
			}
			r.key = last_key;
			r.id = last_id;
			got = p.n;
			page_free(&p);
		} while (got == 7 && seen <= n);
		assert_int_equal(seen, n);
		/* Back from the end: the page before the last row. */
		r.dir = -1;
		assert_int_equal(store_person_page(f->s, &all, &flt, &r, &p), ST_OK);
		assert_int_equal(p.n, 7);
		assert_true(strcmp(p.rows[6].key, last_key) <= 0);
		page_free(&p);
		free(last_key);
		free(q);
		/* Out of scope: nobody, whichever plan. */
		assert_int_equal(person_count(f->s, &none, &flt), 0);
		first_page(f->s, &none, &flt, 10, &p);
		assert_int_equal(p.n, 0);
		page_free(&p);
	}
}

/* Organisations are found word by word with the new fold too: a Tatar
 * name in capitals by its words in small letters, and the other way. */
static void test_search_org_fold(void **state)
{
	struct fx *f = *state;
	const struct table_desc *t = &model_organisation;
	struct store_scope all = scope_all();
	static const char *const hits[] = { "әлмәт", "ӘЛМӘТ ГИМНАЗИЯСЕ", "гимназиясе", "№ 2", "Әлмә" };
	struct record r;
	int64_t id;

	record_init(&r, t);
	record_set(&r, model_field_index(t, "code"), "OO977");
	record_set(&r, model_field_index(t, "name"), "МБОУ «ӘЛМӘТ ГИМНАЗИЯСЕ № 2»");
	record_set(&r, model_field_index(t, "short_name"), "Әлмәт гимназиясе № 2");
	record_set(&r, model_field_index(t, "kind"), "school");
	assert_int_equal(store_insert(f->s, &actor, t, &r), ST_OK);
	id = r.id;
	record_free(&r);
	assert_qtext(f->s, "SELECT name_key FROM organisation WHERE id = ?", id, "әлмәт гимназиясе № 2");
	for (size_t i = 0; i < NITEMS(hits); i++) {
		struct org_filter of = { hits[i], 0 };
		struct page_req pr = { NULL, 0, 1, 50 };
		struct page p;
		int n = -1;

		assert_int_equal(store_org_page(f->s, &all, &of, &pr, &p), ST_OK);
		assert_int_equal(store_org_count(f->s, &all, &of, &n), ST_OK);
		if (!page_has(&p, id))
			fail_msg("«%s» does not find the organisation", hits[i]);
		assert_int_equal(n, p.n);
		page_free(&p);
	}
}

/* Schema step 11 on a file of step 10: the keys the old fold made are made
 * again, and the parts of every name are in the index. */
static void test_search_migration(void **state)
{
	struct fx *f = *state;
	int64_t oo1 = store_org_by_code(f->s, "OO001");
	int64_t al = insert_person(f->s, "Әлиева", "Гүзәл", "Ринатовна", oo1);
	char err[512] = "";

	/* As step 10 left it: the hand table kept Ә and Ү capital (and the
	 * card had no columns of the later steps). */
	exec_ok(f->s, "ALTER TABLE iom DROP COLUMN approval_order_no;"
		" ALTER TABLE iom DROP COLUMN approval_order_date;"
		" DROP TRIGGER person_name_part_ins; DROP TRIGGER person_name_part_upd;"
		" DROP TRIGGER person_name_part_del; DROP TABLE person_name_part;"
		" UPDATE organisation SET name_key = 'X' WHERE code = 'OO001';"
		/* and without what later steps added (step 12: the curator
		 * profile and the radar's index), as a file of step 10 is */
		" DROP INDEX diagnostic_awaiting_card; ALTER TABLE person DROP COLUMN curator_profile;"
		/* (step 19: the change counters follow its columns and step
		 * 18's, dropped below) */
		" DROP TRIGGER organisation_stamp_upd; DROP TRIGGER person_stamp_upd;"
		/* (step 24: the indexes of region-wide figures read the
		 * columns of steps 18 and 19) */
		" DROP INDEX person_ped_id; DROP INDEX person_ped_org;"
		/* (step 18: a course's form of study and event, the founder) */
		" DROP INDEX course_event; ALTER TABLE course DROP COLUMN study_mode;"
		" ALTER TABLE course DROP COLUMN event_id; ALTER TABLE organisation DROP COLUMN founder;"
		" ALTER TABLE organisation DROP COLUMN mentoring_plan_date; ALTER TABLE person DROP COLUMN employment;"
		/* (step 19: the organisation's plans, the modern technologies) */
		" ALTER TABLE organisation DROP COLUMN attestation_plan_date;"
		" ALTER TABLE organisation DROP COLUMN pd_statute_date; ALTER TABLE organisation DROP COLUMN vsoko_ippr_date;"
		" ALTER TABLE organisation DROP COLUMN job_ippr_date; ALTER TABLE person DROP COLUMN modern_tech_date;"
		/* (step 20: the keys of the shipped catalogues) */
		" DROP INDEX city_mo_conf_key; ALTER TABLE city_mo DROP COLUMN conf_key;"
		" DROP INDEX support_measure_conf_key; ALTER TABLE support_measure DROP COLUMN conf_key;"
		/* (step 27: the latest diagnostics' parts kept, by triggers
		 * reading step 23's columns) */
		" " LATEST_PARTS_UNDO
		/* (step 23: an element's maximum and score, versioned) */
		" ALTER TABLE diagnostic_element DROP COLUMN max_score; ALTER TABLE diagnostic_element DROP COLUMN score;"
		" ALTER TABLE diagnostic_element DROP COLUMN version; ALTER TABLE diagnostic_element DROP COLUMN archived;"
		/* (step 26: the municipality's МСОКО date, its change counter) */
		" DROP TRIGGER municipality_stamp_upd; ALTER TABLE municipality DROP COLUMN msoko_ippr_date;"
		" PRAGMA user_version = 10;");
	qint(f->s, "UPDATE person SET surname_key = 'Әлиева гҮзәл ринатовна' WHERE id = ?", al);
	store_close(f->s);
	f->s = store_open(f->path, false, err, sizeof err);
	assert_non_null(f->s);
	assert_int_equal(store_schema_version(f->s), store_latest_version());
	assert_qtext(f->s, "SELECT surname_key FROM person WHERE id = ?", al, "әлиева гүзәл ринатовна");
	assert_int_equal(qint(f->s, "SELECT count(*) FROM organisation WHERE name_key = 'X'", 0), 0);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM organisation WHERE name_key <> fold("
			      "CASE WHEN coalesce(short_name, '') <> '' THEN short_name ELSE name END)", 0), 0);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person WHERE surname_key <> fold("
			      "surname || ' ' || name || ' ' || coalesce(patronymic, ''))", 0), 0);
	/* Three words a person at least, each in the index. */
	assert_true(qint(f->s, "SELECT count(*) FROM person_name_part", 0)
		    >= 3 * qint(f->s, "SELECT count(*) FROM person", 0));
	assert_int_equal(qint(f->s, "SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM"
			      " person_name_part n WHERE n.person_id = p.id AND n.part = substr(p.surname_key, 1,"
			      " instr(p.surname_key || ' ', ' ') - 1))", 0), 0);
	assert_true(finds(f->s, "ӘЛИЕВА", al));
	assert_true(finds(f->s, "гүзәл", al));
	/* The triggers are back. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
			      " AND name LIKE 'person_name_part_%'", 0), 3);
}

static void test_filters(void **state)
{
	struct fx *f = *state;
	struct store_scope all = scope_all();
	struct person_filter flt = { 0 };
	int64_t oo1 = store_org_by_code(f->s, "OO001"), n;
	static const char *const matem[] = { "МАТЕМ", "матем", "Матем", "атематик", "МАТЕМАТИКА" };
	struct page p;

	assert_true(oo1 > 0);
	/* Organisation. */
	flt.org_id = oo1;
	n = qint(f->s, "SELECT count(*) FROM person WHERE archived = 0 AND org_id = ?", oo1);
	assert_true(n > 0 && n < DEMO_TEACHERS);
	assert_int_equal(person_count(f->s, &all, &flt), n);
	assert_page_complete(f->s, &all, &flt, (int)n);
	flt.org_id = 0;

	/* Category (a code). */
	flt.category = "highest";
	n = qint(f->s, "SELECT count(*) FROM person WHERE archived = 0 AND category = 'highest'", 0);
	assert_true(n > 0 && n < DEMO_TEACHERS);
	assert_int_equal(person_count(f->s, &all, &flt), n);
	/* The list shows its label. */
	first_page(f->s, &all, &flt, 5, &p);
	assert_true(p.n > 0);
	for (int i = 0; i < p.n; i++)
		assert_string_equal(p.rows[i].cols[3], "высшая");
	page_free(&p);

	/* Organisation and category together. */
	flt.org_id = oo1;
	assert_int_equal(person_count(f->s, &all, &flt),
			 qint(f->s, "SELECT count(*) FROM person WHERE archived = 0 AND category = 'highest'"
			      " AND org_id = ?", oo1));
	flt.org_id = 0;
	flt.category = NULL;

	/* Subject: a case-insensitive Cyrillic substring. */
	n = qint(f->s, "SELECT count(*) FROM person WHERE archived = 0 AND"
		 " (instr(subjects, 'Математ') > 0 OR instr(subjects, 'математ') > 0)", 0);
	assert_true(n > 0 && n < DEMO_TEACHERS);
	for (size_t i = 0; i < NITEMS(matem); i++) {
		flt.subject = matem[i];
		if (person_count(f->s, &all, &flt) != n)
			fail_msg("subject «%s»: %d, expected %lld", matem[i],
				 person_count(f->s, &all, &flt), (long long)n);
	}
	/* Inside a list of subjects too. */
	flt.subject = "ЛИТЕРАТУР";
	assert_int_equal(person_count(f->s, &all, &flt),
			 qint(f->s, "SELECT count(*) FROM person WHERE archived = 0"
			      " AND instr(subjects, 'литератур') > 0", 0));
	flt.subject = "нет такого предмета";
	assert_int_equal(person_count(f->s, &all, &flt), 0);

	/* Subject and category. */
	flt.subject = "матем";
	flt.category = "first";
	assert_int_equal(person_count(f->s, &all, &flt),
			 qint(f->s, "SELECT count(*) FROM person WHERE archived = 0 AND category = 'first'"
			      " AND (instr(subjects, 'Математ') > 0 OR instr(subjects, 'математ') > 0)", 0));
}

static void test_scope(void **state)
{
	struct fx *f = *state;
	struct person_filter flt = { 0 };
	struct store_scope sc;
	struct page p;
	struct user u;
	struct record rec;
	int64_t oo1 = store_org_by_code(f->s, "OO001"), m02 = store_mun_by_code(f->s, "M02");
	int64_t n, curator, teacher, outsider, insider;
	char orgs[64], muns[64];

	assert_true(oo1 > 0);
	assert_true(m02 > 0);

	/* An organisation. */
	snprintf(orgs, sizeof orgs, "[%lld]", (long long)oo1);
	sc = scope_none();
	sc.orgs = orgs;
	n = qint(f->s, "SELECT count(*) FROM person WHERE archived = 0 AND org_id = ?", oo1);
	assert_true(n > 0 && n < DEMO_TEACHERS);
	assert_int_equal(person_count(f->s, &sc, &flt), n);
	first_page(f->s, &sc, &flt, 1000, &p);
	assert_int_equal(p.n, n);
	for (int i = 0; i < p.n; i++)
		assert_int_equal(qint(f->s, "SELECT org_id FROM person WHERE id = ?", p.rows[i].id), oo1);
	page_free(&p);
	insider = qint(f->s, "SELECT min(id) FROM person WHERE org_id = ?", oo1);
	outsider = qint(f->s, "SELECT min(id) FROM person WHERE org_id <> ?", oo1);
	assert_true(insider > 0 && outsider > 0);
	assert_int_equal(store_get(f->s, &model_person, &sc, insider, &rec), ST_OK);
	assert_int_equal(rec.id, insider);
	record_free(&rec);
	assert_int_equal(store_get(f->s, &model_person, &sc, outsider, &rec), ST_NOTFOUND);
	record_free(&rec);
	/* A filter on another organisation inside that scope finds nobody. */
	flt.org_id = qint(f->s, "SELECT org_id FROM person WHERE id = ?", outsider);
	assert_int_equal(person_count(f->s, &sc, &flt), 0);
	flt.org_id = 0;

	/* A municipality. */
	snprintf(muns, sizeof muns, "[%lld]", (long long)m02);
	sc = scope_none();
	sc.muns = muns;
	n = qint(f->s, "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id"
		 " WHERE p.archived = 0 AND o.mun_id = ?", m02);
	assert_true(n > 0 && n < DEMO_TEACHERS);
	assert_int_equal(person_count(f->s, &sc, &flt), n);

	/* One's own record only. */
	assert_int_equal(store_user_get(f->s, "teacher", &u), ST_OK);
	teacher = u.person_id;
	store_user_free(&u);
	assert_true(teacher > 0);
	sc = scope_none();
	sc.self_person = teacher;
	assert_int_equal(person_count(f->s, &sc, &flt), 1);
	first_page(f->s, &sc, &flt, 10, &p);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.rows[0].id, teacher);
	page_free(&p);
	assert_int_equal(store_get(f->s, &model_person, &sc, teacher, &rec), ST_OK);
	record_free(&rec);
	assert_int_not_equal(outsider, teacher);
	assert_int_equal(store_get(f->s, &model_person, &sc, outsider, &rec), ST_NOTFOUND);

	/* The curator's list: exactly the persons of table curatorship. */
	assert_int_equal(store_user_get(f->s, "curator", &u), ST_OK);
	curator = u.person_id;
	store_user_free(&u);
	assert_true(curator > 0);
	sc = scope_none();
	sc.curator_person = curator;
	n = qint(f->s, "SELECT count(DISTINCT person_id) FROM curatorship WHERE curator_id = ?", curator);
	assert_true(n >= 2);
	assert_int_equal(person_count(f->s, &sc, &flt), n);
	first_page(f->s, &sc, &flt, 1000, &p);
	assert_int_equal(p.n, n);
	for (int i = 0; i < p.n; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM curatorship WHERE curator_id = %lld"
			 " AND person_id = ?", (long long)curator);
		assert_int_equal(qint(f->s, sql, p.rows[i].id), 1);
	}
	assert_true(page_has(&p, teacher));
	assert_false(page_has(&p, curator));
	page_free(&p);

	/* Nothing at all. */
	sc = scope_none();
	assert_int_equal(person_count(f->s, &sc, &flt), 0);
	first_page(f->s, &sc, &flt, 10, &p);
	assert_int_equal(p.n, 0);
	page_free(&p);
	assert_int_equal(store_get(f->s, &model_person, &sc, teacher, &rec), ST_NOTFOUND);
	/* ...while without a scope (system code) the record is there. */
	assert_int_equal(store_get(f->s, &model_person, NULL, teacher, &rec), ST_OK);
	record_free(&rec);
}

static int cmp_fold(const void *a, const void *b)
{
	char *x = text_fold(*(const char *const *)a), *y = text_fold(*(const char *const *)b);
	int c = strcmp(x, y);

	free(x);
	free(y);
	return c;
}

static void test_sorting(void **state)
{
	struct fx *f = *state;
	struct store_scope all = scope_all();
	struct person_filter flt = { 0 };
	/* As typed (unsorted), and in Russian order with ё as е. */
	static const char *const typed[] = {
		"Жуков", "Яковлева", "Ёлкина", "Эртель", "Ежов", "Абрамов", "Елисеев", "ежова",
	};
	static const char *const want[] = {
		"Абрамов", "Ежов", "ежова", "Елисеев", "Ёлкина", "Жуков", "Эртель", "Яковлева",
	};
	const char *sorted[NITEMS(typed)];
	int64_t org = own_org(f->s, "SORT1");
	struct page p;

	for (size_t i = 0; i < NITEMS(typed); i++)
		insert_person(f->s, typed[i], "Анна", NULL, org);
	/* The expected order, from the folded keys. */
	memcpy(sorted, typed, sizeof sorted);
	qsort(sorted, NITEMS(sorted), sizeof sorted[0], cmp_fold);
	for (size_t i = 0; i < NITEMS(want); i++)
		assert_string_equal(sorted[i], want[i]);

	flt.org_id = org;
	first_page(f->s, &all, &flt, 20, &p);
	assert_int_equal(p.n, NITEMS(want));
	for (int i = 0; i < p.n; i++) {
		char full[64];
		snprintf(full, sizeof full, "%s Анна", want[i]);
		assert_string_equal(p.rows[i].cols[0], full);
		assert_string_equal(p.rows[i].cols[1], "Тестовая школа");
	}
	page_free(&p);

	/* The same order within a search: "е" then "ж". */
	flt.org_id = 0;
	flt.search = "Е";
	first_page(f->s, &all, &flt, 20, &p);
	assert_int_equal(p.n, 4);
	assert_string_equal(p.rows[0].cols[0], "Ежов Анна");
	assert_string_equal(p.rows[1].cols[0], "ежова Анна");
	assert_string_equal(p.rows[2].cols[0], "Елисеев Анна");
	assert_string_equal(p.rows[3].cols[0], "Ёлкина Анна");
	page_free(&p);
	flt.search = "ж";
	first_page(f->s, &all, &flt, 20, &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.rows[0].cols[0], "Жуков Анна");
	page_free(&p);
}

static void test_users(void **state)
{
	struct fx *f = *state;
	int64_t org = own_org(f->s, "OO777"), uid = 0, uid2 = 0;
	struct role_grant school = { "school", 0, 0, "" }, teacher = { "teacher", 0, 0, "" };
	struct role_grant bare_school = { "school", 0, 0, "" }, bare_mun = { "municipal", 0, 0, "" };
	struct user u;

	/* As the command line fills it: the scope code goes to the audit. */
	school.org_id = org;
	strlcpy0(school.scope_code, "org:OO777", sizeof school.scope_code);
	assert_int_equal(store_user_add(f->s, &actor, "ivanova", "Иванова Ирина Петровна", 0, &uid), ST_OK);
	assert_true(uid > 0);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'user_add' AND record_id = ?"
			      " AND after = 'ivanova' AND login = 'regional'", uid), 1);
	assert_int_equal(store_user_grant(f->s, &actor, uid, &school), ST_OK);
	assert_int_equal(store_user_get(f->s, "ivanova", &u), ST_OK);
	assert_int_equal(u.id, uid);
	assert_string_equal(u.login, "ivanova");
	assert_string_equal(u.full_name, "Иванова Ирина Петровна");
	assert_int_equal(u.person_id, 0);
	assert_false(u.disabled);
	assert_false(u.has_password);
	assert_int_equal(u.nroles, 1);
	assert_string_equal(u.roles[0].role, "school");
	assert_int_equal(u.roles[0].org_id, org);
	assert_int_equal(u.roles[0].mun_id, 0);
	assert_string_equal(u.roles[0].scope_code, "org:OO777");
	store_user_free(&u);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'role_grant' AND record_id = ?"
			      " AND after = 'school:org:OO777'", uid), 1);

	/* The same role twice. */
	assert_int_equal(store_user_grant(f->s, &actor, uid, &school), ST_CONSTRAINT);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM user_role WHERE user_id = ?", uid), 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'role_grant' AND record_id = ?", uid), 1);
	/* A role the user does not have. */
	assert_int_equal(store_user_revoke(f->s, &actor, uid, &teacher), ST_NOTFOUND);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'role_revoke'", 0), 0);
	/* A school role without its school, a municipal one without its municipality. */
	assert_int_equal(store_user_grant(f->s, &actor, uid, &bare_school), ST_CONSTRAINT);
	assert_int_equal(store_user_grant(f->s, &actor, uid, &bare_mun), ST_CONSTRAINT);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM user_role WHERE user_id = ?", uid), 1);

	/* A second role; then the first is revoked. */
	assert_int_equal(store_user_grant(f->s, &actor, uid, &teacher), ST_OK);
	assert_int_equal(store_user_get(f->s, "ivanova", &u), ST_OK);
	assert_int_equal(u.nroles, 2);
	assert_string_equal(u.roles[1].role, "teacher");
	assert_string_equal(u.roles[1].scope_code, "");
	store_user_free(&u);
	assert_int_equal(store_user_revoke(f->s, &actor, uid, &school), ST_OK);
	assert_int_equal(store_user_get(f->s, "ivanova", &u), ST_OK);
	assert_int_equal(u.nroles, 1);
	assert_string_equal(u.roles[0].role, "teacher");
	store_user_free(&u);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'role_revoke' AND record_id = ?", uid), 1);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE action = 'role_revoke' AND record_id = ?"
			      " AND before = 'school:org:OO777' AND after IS NULL", uid), 1);

	/* Logins are unique; unknown logins are not found. */
	assert_int_equal(store_user_add(f->s, &actor, "ivanova", "Другая Иванова", 0, &uid2), ST_CONSTRAINT);
	assert_int_equal(qint(f->s, "SELECT count(*) FROM app_user", 0), 1);
	assert_int_equal(store_user_get(f->s, "nobody", &u), ST_NOTFOUND);
}

static void test_check(void **state)
{
	struct fx *f = *state;
	char *report = NULL;

	insert_person(f->s, "Иванов", "Иван", NULL, 0);
	assert_int_equal(store_check(f->s, &report), ST_OK);
	assert_non_null(report);
	assert_non_null(strstr(report, "база исправна"));
	assert_null(strstr(report, "внешний ключ"));
	free(report);
	report = NULL;

	exec_ok(f->s, "PRAGMA foreign_keys=OFF; INSERT INTO course(person_id,title,hours,end_date)"
		" VALUES (999999,'x',10,'2025-01-01')");
	assert_int_not_equal(store_check(f->s, &report), ST_OK);
	assert_non_null(report);
	assert_non_null(strstr(report, "внешний ключ"));
	assert_non_null(strstr(report, "course"));
	assert_non_null(strstr(report, "person"));
	assert_non_null(strstr(report, "есть ошибки"));
	assert_null(strstr(report, "база исправна"));
	free(report);
}

/* The journal's hash chain: whole after saves; an edited row, a deleted
 * one and a deleted link each named by the row where the chain breaks; a
 * redacted row (content cleared, marked) keeps it whole. */
static void test_chain(void **state)
{
	struct fx *f = *state;
	struct chain_report r;
	char head[65];
	int64_t p1, p2, mid;

	p1 = insert_person(f->s, "Цепочкина", "Анна", "Петровна", store_org_by_code(f->s, "OO001"));
	p2 = insert_person(f->s, "Звенина", "Ольга", "Ивановна", store_org_by_code(f->s, "OO001"));
	(void)p1;
	(void)p2;
	assert_int_equal(store_chain_verify(f->s, &r), ST_OK);
	assert_true(r.rows >= 2);
	assert_int_equal(r.head_id, qint(f->s, "SELECT max(id) FROM audit", 0));
	assert_int_equal(store_chain_head(f->s, head), r.head_id);
	assert_string_equal(head, r.head);
	mid = qint(f->s, "SELECT min(id) FROM audit", 0) + 1;
	/* Whoever edits the file itself must first drop the triggers. */
	exec_ok(f->s, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
	exec_ok(f->s, "SAVEPOINT t; UPDATE audit SET after = 'подделка' WHERE id = (SELECT min(id) + 1 FROM audit);");
	assert_int_equal(store_chain_verify(f->s, &r), ST_ERROR);
	assert_int_equal(r.bad_id, mid);
	assert_string_equal(r.why, "содержимое записи журнала изменено");
	/* Redacted after its retention time: cleared and marked, still whole. */
	exec_ok(f->s, "UPDATE audit_chain SET redacted = 1 WHERE audit_id = (SELECT min(id) + 1 FROM audit);");
	assert_int_equal(store_chain_verify(f->s, &r), ST_ERROR);   /* marked, yet content in it */
	exec_ok(f->s, "UPDATE audit SET before = NULL, after = NULL WHERE id = (SELECT min(id) + 1 FROM audit);");
	assert_int_equal(store_chain_verify(f->s, &r), ST_OK);
	exec_ok(f->s, "ROLLBACK TO t; RELEASE t;");
	exec_ok(f->s, "SAVEPOINT t; DELETE FROM audit WHERE id = (SELECT min(id) + 1 FROM audit);");
	assert_int_equal(store_chain_verify(f->s, &r), ST_ERROR);
	assert_int_equal(r.bad_id, mid);
	assert_string_equal(r.why, "запись журнала удалена");
	exec_ok(f->s, "DELETE FROM audit_chain WHERE audit_id = (SELECT min(audit_id) + 1 FROM audit_chain);");
	assert_int_equal(store_chain_verify(f->s, &r), ST_ERROR);
	assert_int_equal(r.bad_id, mid + 1);
	exec_ok(f->s, "ROLLBACK TO t; RELEASE t;");
	assert_int_equal(store_chain_verify(f->s, &r), ST_OK);
}

static void test_backup(void **state)
{
	struct fx *f = *state;
	char err[512] = "";
	struct stat st;
	struct store *b;
	int64_t persons = qint(f->s, "SELECT count(*) FROM person", 0);
	int64_t courses = qint(f->s, "SELECT count(*) FROM course", 0);

	assert_int_equal(persons, DEMO_TEACHERS);
	/* Beside the data directory, not in it (its name begins with the
	 * data directory's: still outside). */
	snprintf(f->extra_dir, sizeof f->extra_dir, "%s.bak", f->dir);
	assert_int_equal(mkdir(f->extra_dir, 0700), 0);
	snprintf(f->extra, sizeof f->extra, "%s/test.db", f->extra_dir);
	assert_int_equal(store_backup(f->s, f->extra, true, err, sizeof err), ST_OK);
	assert_int_equal(stat(f->extra, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);

	/* A second backup over it is refused and leaves it alone. */
	err[0] = '\0';
	assert_int_not_equal(store_backup(f->s, f->extra, false, err, sizeof err), ST_OK);
	assert_non_null(strstr(err, "существует"));
	assert_non_null(strstr(err, f->extra));

	b = store_open(f->extra, false, err, sizeof err);
	if (b == NULL)
		fail_msg("open backup: %s", err);
	assert_int_equal(store_schema_version(b), store_latest_version());
	assert_int_equal(qint(b, "SELECT count(*) FROM person", 0), persons);
	assert_int_equal(qint(b, "SELECT count(*) FROM course", 0), courses);
	assert_true(store_is_demo(b));
	{
		struct store_scope all = scope_all();
		struct person_filter flt = { 0 };
		assert_int_equal(person_count(b, &all, &flt), DEMO_TEACHERS);
	}
	store_close(b);
	assert_int_equal(stat(f->extra, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
}

/* store_backup(path) refuses, with `why` in the message, and leaves path as
 * it was (absent, or the same file). */
static void backup_refused(struct fx *f, const char *path, const char *why)
{
	char err[512] = "";
	struct stat before, after;
	bool existed = lstat(path, &before) == 0;

	assert_int_not_equal(store_backup(f->s, path, false, err, sizeof err), ST_OK);
	if (strstr(err, why) == NULL)
		fail_msg("backup %s: \"%s\", expected \"%s\"", path, err, why);
	if (existed) {
		assert_int_equal(lstat(path, &after), 0);
		assert_true(after.st_ino == before.st_ino && after.st_size == before.st_size);
	} else {
		assert_int_not_equal(lstat(path, &after), 0);
	}
}

/* Issue 12: a backup never goes into the data directory (the one holding
 * the database, also reached through a symbolic link) nor under a name of
 * the database's own -journal, -wal or -shm files, where SQLite would take
 * it for the database's journal and stop the service. */
static void test_backup_refused_targets(void **state)
{
	struct fx *f = *state;
	static const char *const sfx[] = { "-journal", "-wal", "-shm" };
	char p[300], link[200], err[512] = "";

	snprintf(f->extra_dir, sizeof f->extra_dir, "%s.bak", f->dir);
	assert_int_equal(mkdir(f->extra_dir, 0700), 0);
	snprintf(p, sizeof p, "%s/copy.db", f->dir);
	backup_refused(f, p, "папку данных");
	backup_refused(f, f->path, "папку данных");
	snprintf(p, sizeof p, "%s/sub", f->dir);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/sub/copy.db", f->dir);
	backup_refused(f, p, "папку данных");
	snprintf(p, sizeof p, "%s/sub", f->dir);
	rmdir(p);
	snprintf(link, sizeof link, "%s/link", f->extra_dir);
	assert_int_equal(symlink(f->dir, link), 0);
	snprintf(p, sizeof p, "%s/copy.db", link);
	backup_refused(f, p, "папку данных");
	unlink(link);
	for (size_t i = 0; i < NITEMS(sfx); i++) {
		snprintf(p, sizeof p, "%s%s", f->path, sfx[i]);
		backup_refused(f, p, "служебный файл базы");
		/* Elsewhere too: such a name is never a backup. */
		snprintf(p, sizeof p, "%s/test.db%s", f->extra_dir, sfx[i]);
		backup_refused(f, p, "служебный файл базы");
	}
	snprintf(p, sizeof p, "%s/", f->extra_dir);
	backup_refused(f, p, "имя нового файла");
	snprintf(p, sizeof p, "%s/none/copy.db", f->extra_dir);
	backup_refused(f, p, "папка копии");
	/* The database is as it was, and a backup beside it still works. */
	{
		char *report = NULL;
		assert_int_equal(store_check(f->s, &report), ST_OK);
		free(report);
	}
	snprintf(f->extra, sizeof f->extra, "%s/copy.db", f->extra_dir);
	assert_int_equal(store_backup(f->s, f->extra, false, err, sizeof err), ST_OK);
}

static void test_hostile_text(void **state)
{
	struct fx *f = *state;
	static const char hostile[] = "Ива\x1b[2Jнов\r\xE2\x80\xAEвонавИ";
	static const char memo[] = "строка 1\n\x1b]0;title\x07строка 2\r\n\xE2\x80\xAE конец";
	struct record r, got;
	const char *fields[] = { "surname", "position", "notes" };
	const char *values[] = { hostile, hostile, memo };
	const char *visible[] = { "нов", "нов", "строка 2" };

	person_rec(&r, hostile, "Анна", NULL, 0);
	pset(&r, "position", hostile);
	pset(&r, "notes", memo);
	assert_int_equal(store_insert(f->s, &actor, &model_person, &r), ST_OK);
	assert_int_equal(store_get(f->s, &model_person, NULL, r.id, &got), ST_OK);
	for (size_t i = 0; i < NITEMS(fields); i++) {
		const char *v = pget(&got, fields[i]);
		char *clean;
		assert_non_null(v);
		/* Byte for byte what was given. */
		assert_int_equal(strlen(v), strlen(values[i]));
		assert_memory_equal(v, values[i], strlen(values[i]));
		/* Made safe only when drawn. */
		clean = text_sanitize(v);
		assert_null(strchr(clean, '\x1b'));
		assert_null(strchr(clean, '\r'));
		assert_null(strchr(clean, '\x07'));
		assert_null(strstr(clean, "\xE2\x80\xAE"));
		assert_non_null(strstr(clean, visible[i]));
		free(clean);
	}
	/* The audit keeps it as given too. */
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE record_id = ? AND field = 'surname'"
			      " AND after = (SELECT surname FROM person WHERE id = ?)", r.id), 1);
	record_free(&got);
	record_free(&r);
}

/* Nothing holds a read or write transaction between calls: the program
 * waits for keys with every statement reset and autocommit on. */
static void test_nothing_left_open(void **state)
{
	struct fx *f = *state;
	struct store_scope all = { true, 0, 0, (char *)"[]", (char *)"[]" };
	struct person_filter pf = { NULL, 0, NULL, NULL, false };
	struct org_filter of = { NULL, 0 };
	struct page_req r = { NULL, 0, +1, 5 };
	struct page p;
	struct user u;
	int n;

	assert_int_equal(store_person_page(f->s, &all, &pf, &r, &p), ST_OK);
	page_free(&p);
	assert_int_equal(store_org_page(f->s, &all, &of, &r, &p), ST_OK);
	page_free(&p);
	assert_int_equal(store_person_count(f->s, &all, &pf, &n), ST_OK);
	assert_int_equal(store_user_get(f->s, "curator", &u), ST_OK);
	store_user_free(&u);
	assert_true(sqlite3_get_autocommit(store_db(f->s)));
	for (sqlite3_stmt *st = sqlite3_next_stmt(store_db(f->s), NULL); st;
	     st = sqlite3_next_stmt(store_db(f->s), st))
		assert_false(sqlite3_stmt_busy(st));
}

/* Another process holds the write lock for hold_ms; it tells the parent
 * through the pipe once it holds it. */
static pid_t hold_lock(const char *path, int hold_ms)
{
	int fd[2];
	pid_t pid;
	char c;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db;
		close(fd[0]);
		if (sqlite3_open(path, &db) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(fd[1], "x", 1) != 1)
			_exit(1);
		usleep((useconds_t)hold_ms * 1000);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	close(fd[1]);
	assert_int_equal(read(fd[0], &c, 1), 1);
	close(fd[0]);
	return pid;
}

/* A writer waits for another one with short jittered sleeps; past the
 * bound it fails with a message of ours, never SQLite's "locked". */
static void test_busy_waits_then_says_so(void **state)
{
	struct fx *f = *state;
	pid_t pid;
	int status;

	/* A short hold: the write goes through after it. */
	pid = hold_lock(f->path, 150);
	assert_int_equal(store_begin(f->s), ST_OK);
	assert_int_equal(store_run(f->s, "INSERT INTO meta(key, value) VALUES ('busy', '1')", NULL), ST_OK);
	assert_int_equal(store_commit(f->s), ST_OK);
	waitpid(pid, &status, 0);
	assert_int_equal(WEXITSTATUS(status), 0);
	/* A hold beyond the bound (shortened here): refused, said in Russian. */
	f->s->busy_limit_us = 200 * 1000L;
	pid = hold_lock(f->path, 1500);
	assert_int_equal(store_begin(f->s), ST_ERROR);
	assert_non_null(strstr(store_errmsg(f->s), "база занята другими пользователями"));
	assert_null(strstr(store_errmsg(f->s), "locked"));
	waitpid(pid, &status, 0);
	/* And then it works again. */
	assert_int_equal(store_begin(f->s), ST_OK);
	assert_int_equal(store_commit(f->s), ST_OK);
}

/* What a save hook was told (test_save_hooks). */
static int hook_calls, hook_new;
static char hook_seen[200];
static int hook_answer = ST_OK;

static int watch_person(struct store *s, const struct actor *a, const struct table_desc *t,
			const struct record *row, const char *col, const char *before, const char *after)
{
	(void)s;
	(void)a;
	hook_calls++;
	if (col == NULL) {
		hook_new++;
		assert_string_equal(t->table, "person");
		assert_true(row->id > 0);
	} else {
		snprintf(hook_seen, sizeof hook_seen, "%s:%s>%s", col, before ? before : "", after ? after : "");
	}
	return hook_answer;
}

/* A table's owner watches the generic save path: told of a new row once
 * and of each changed column with its old and new value, inside the save;
 * a refusal rolls the whole save back. Other tables are not its business. */
static void test_save_hooks(void **state)
{
	struct fx *f = *state;
	struct record r;
	int64_t id;

	store_on_save(f->s, "person", watch_person);
	hook_calls = hook_new = 0;
	hook_answer = ST_OK;
	person_rec(&r, "Крюкова", "Анна", NULL, 0);
	assert_int_equal(store_insert(f->s, &actor, &model_person, &r), ST_OK);
	assert_int_equal(hook_new, 1);
	assert_int_equal(hook_calls, 1);
	id = r.id;
	pset(&r, "position", "учитель");
	assert_int_equal(store_update(f->s, &actor, &model_person, &r, NULL), ST_OK);
	assert_int_equal(hook_calls, 2);
	assert_string_equal(hook_seen, "position:>учитель");
	/* Refused: neither the change nor its audit stays. */
	hook_answer = ST_CONSTRAINT;
	pset(&r, "position", "директор");
	assert_int_not_equal(store_update(f->s, &actor, &model_person, &r, NULL), ST_OK);
	assert_qtext(f->s, "SELECT position FROM person WHERE id = ?", id, "учитель");
	assert_int_equal(qint(f->s, "SELECT count(*) FROM audit WHERE record_id = ? AND after = 'директор'", id), 0);
	hook_answer = ST_OK;
	record_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_chain, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_insert_person, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_save_hooks, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_update_and_conflict, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_update_key, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_update_nothing, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_check_constraints, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_archive, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_paging, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_search_parts, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_search_paging, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_search_migration, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_search_org_fold, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_scope, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_sorting, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_users, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_check, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_backup_refused_targets, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_text, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_left_open, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_busy_waits_then_says_so, setup_empty, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
