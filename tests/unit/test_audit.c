/* The audit log read back: a page newest first, the filters (person with
 * his diagnostics and ИОМ rows, one record, period, who), one entry in
 * full, and a log that cannot be changed or shortened. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util.h"

static char path[64];

static struct store *fresh(void)
{
	char err[256];
	struct store *s;

	snprintf(path, sizeof path, "/tmp/marshrut-audit-%d.db", (int)getpid());
	unlink(path);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	return s;
}

static int64_t add_person(struct store *s, const struct actor *a, int64_t org, const char *surname)
{
	struct record r;
	char buf[24];

	record_init(&r, &model_person);
	record_set(&r, model_field_index(&model_person, "surname"), surname);
	record_set(&r, model_field_index(&model_person, "name"), "Анна");
	snprintf(buf, sizeof buf, "%lld", (long long)org);
	record_set(&r, model_field_index(&model_person, "org_id"), buf);
	if (store_insert(s, a, &model_person, &r) != ST_OK)
		fail_msg("%s", store_errmsg(s));
	record_free(&r);
	return r.id;
}

static int page_ids(struct store *s, const struct audit_filter *f, int64_t *ids, int max)
{
	struct page_req rq = { NULL, 0, 1, max };
	struct page p;
	int n;

	assert_int_equal(store_audit_page(s, f, &rq, &p), ST_OK);
	n = p.n;
	for (int i = 0; i < n; i++)
		ids[i] = p.rows[i].id;
	page_free(&p);
	return n;
}

static void test_pages_and_filters(void **state)
{
	struct store *s = fresh();
	struct actor admin = { 1, "admin", "ivanov" }, meth = { 2, "metod", "metod" };
	struct audit_filter all = { 0 }, f;
	struct audit_entry e;
	int64_t ids[64], org, p1, p2, last;
	struct record r;
	int n, cnt;

	(void)state;
	assert_int_equal(sqlite3_exec(store_db(s),
		"INSERT INTO region (id, code, name) VALUES (1, 'R', 'Регион');"
		"INSERT INTO municipality (id, region_id, code, name, kind) VALUES (1, 1, 'M1', 'Город', 'city');"
		"INSERT INTO organisation (id, region_id, mun_id, code, name, short_name, kind)"
		" VALUES (1, 1, 1, 'S1', 'Школа № 1', 'СШ № 1', 'school');", NULL, NULL, NULL), SQLITE_OK);
	org = store_int(s, "SELECT id FROM organisation", NULL);
	p1 = add_person(s, &admin, org, "Первова");
	p2 = add_person(s, &meth, org, "Вторая");
	/* An edit of p1 by the methodist. */
	assert_int_equal(store_get(s, &model_person, NULL, p1, &r), ST_OK);
	record_set(&r, model_field_index(&model_person, "position"), "учитель");
	assert_int_equal(store_update(s, &meth, &model_person, &r, NULL), ST_OK);
	record_free(&r);
	last = store_int(s, "SELECT max(id) FROM audit", NULL);

	/* Newest first, and paging goes on from the anchor. */
	n = page_ids(s, &all, ids, 64);
	assert_true(n > 3);
	assert_int_equal(ids[0], last);
	for (int i = 1; i < n; i++)
		assert_true(ids[i] < ids[i - 1]);
	{
		struct page_req rq = { NULL, 0, 1, 2 };
		struct page a, b;
		char key[24];
		assert_int_equal(store_audit_page(s, &all, &rq, &a), ST_OK);
		assert_int_equal(a.n, 2);
		snprintf(key, sizeof key, "%s", a.rows[1].key);
		rq.key = key;
		rq.id = a.rows[1].id;
		assert_int_equal(store_audit_page(s, &all, &rq, &b), ST_OK);
		assert_true(b.n > 0);
		assert_int_equal(b.rows[0].id, ids[2]);
		/* And back. */
		rq.key = b.rows[0].key;
		rq.id = b.rows[0].id;
		rq.dir = -1;
		page_free(&a);
		assert_int_equal(store_audit_page(s, &all, &rq, &a), ST_OK);
		assert_int_equal(a.n, 2);
		assert_int_equal(a.rows[0].id, ids[0]);
		assert_int_equal(a.rows[1].id, ids[1]);
		page_free(&a);
		page_free(&b);
	}

	/* One entry in full. */
	assert_int_equal(store_audit_get(s, last, &e), ST_OK);
	assert_string_equal(e.login, "metod");
	assert_string_equal(e.tbl, "person");
	assert_int_equal(e.record_id, p1);
	assert_string_equal(e.field, "position");
	assert_null(e.before);
	assert_string_equal(e.after, "учитель");
	store_audit_entry_free(&e);

	/* Person: only p1's entries. */
	f = all;
	f.person_id = p1;
	n = page_ids(s, &f, ids, 64);
	assert_int_equal(n, store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = ?", "i", p1));
	/* A diagnostic of p2 belongs to p2's changes. */
	store_run(s, "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date) VALUES (?, ?, 'standardized', 'entry', '2026-10-01')",
		  "ii", p2, org);
	store_audit(s, &admin, "create", "diagnostic", store_int(s, "SELECT max(id) FROM diagnostic", NULL),
		    "kind", NULL, "entry");
	f.person_id = p2;
	n = page_ids(s, &f, ids, 64);
	assert_int_equal(n, 1 + store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = ?", "i", p2));
	/* Who: by the effective or the real login. */
	f = all;
	f.login = "ivanov";
	n = page_ids(s, &f, ids, 64);
	assert_int_equal(n, store_int(s, "SELECT count(*) FROM audit WHERE real_login = 'ivanov'", NULL));
	assert_true(n > 0);
	/* One record. */
	f = all;
	f.tbl = "person";
	f.record_id = p2;
	assert_int_equal(store_audit_filter_count(s, &f, &cnt), ST_OK);
	assert_int_equal(cnt, store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = ?", "i", p2));
	/* Period: today has everything, yesterday nothing. */
	{
		char today[11], y[11];
		time_t t = time(NULL) - 86400;
		struct tm tm;
		today_iso(today);
		localtime_r(&t, &tm);
		strftime(y, sizeof y, "%Y-%m-%d", &tm);
		f = all;
		f.from = today;
		f.to = today;
		assert_int_equal(store_audit_filter_count(s, &f, &cnt), ST_OK);
		assert_int_equal(cnt, store_int(s, "SELECT count(*) FROM audit", NULL));
		f.from = y;
		f.to = y;
		assert_int_equal(store_audit_filter_count(s, &f, &cnt), ST_OK);
		assert_int_equal(cnt, 0);
	}
	store_close(s);
	test_remove_db(path);
}

static void test_append_only(void **state)
{
	struct store *s = fresh();
	struct actor a = { 1, "admin", "admin" };
	int64_t n;

	(void)state;
	assert_int_equal(store_audit(s, &a, "create", "person", 1, "surname", NULL, "Иванова"), ST_OK);
	n = store_int(s, "SELECT count(*) FROM audit", NULL);
	assert_int_not_equal(sqlite3_exec(store_db(s), "UPDATE audit SET after = 'Петрова'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(s), "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit", NULL), n);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE after = 'Иванова'", NULL), 1);
	store_close(s);
	test_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_and_filters),
		cmocka_unit_test(test_append_only),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
