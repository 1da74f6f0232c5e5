/* Unit tests for the meeting mode's list of people (src/store/participation.c):
 * found by name as the register finds them, ranked for a methodist who
 * types the first letters of a surname — the surnames the letters start
 * first, then those found by name or patronymic, each group by name — and
 * paged by key forward and back across the two groups, the same in both
 * plans (the part index driving; the walk in surname order, region-wide). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "model.h"
#include "store/participation.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util.h"

struct fx {
	char dir[64];
	char path[80];
	struct store *s;
};

static const struct actor actor = { 0, "regional", "ivanov" };
static char empty_json[] = "[]";

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char err[512] = "";

	test_locale();
	strlcpy0(f->dir, "/tmp/test_meeting_XXXXXX", sizeof f->dir);
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
	*state = f;
	f->s = store_open(f->path, true, err, sizeof err);
	if (f->s == NULL || store_demo_fill(f->s, 200, err, sizeof err) != ST_OK) {
		fprintf(stderr, "store: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f == NULL)
		return 0;
	store_close(f->s);
	test_remove_db(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void pset(struct record *r, const char *col, const char *v)
{
	int i = model_field_index(&model_person, col);

	assert_true(i >= 0);
	record_set(r, i, v);
}

static int64_t insert_person(struct store *s, const char *surname, const char *name, const char *patronymic,
			     int64_t org_id)
{
	struct record r;
	char org[32];
	int64_t id;

	record_init(&r, &model_person);
	pset(&r, "surname", surname);
	pset(&r, "name", name);
	pset(&r, "patronymic", patronymic);
	snprintf(org, sizeof org, "%lld", (long long)org_id);
	pset(&r, "org_id", org);
	pset(&r, "is_methodist", "0");
	pset(&r, "is_mentor", "0");
	pset(&r, "is_manager", "0");
	assert_int_equal(store_insert(s, &actor, &model_person, &r), ST_OK);
	id = r.id;
	record_free(&r);
	return id;
}

/* The ids of a statement's first column, in order; *n their number. */
static int64_t *query_ids(struct store *s, const char *sql, int *n)
{
	sqlite3_stmt *st;
	int64_t *ids = NULL;

	*n = 0;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		ids = xrealloc(ids, (size_t)(*n + 1) * sizeof *ids);
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return ids;
}

/* The whole list by pages of seven, forward from the start or back from
 * the end, in ascending order; checks that the keys ascend. */
static int64_t *walk_list(struct store *s, const struct store_scope *sc, const char *search, int dir, int *n)
{
	int64_t *ids = NULL, id = 0;
	char *key = NULL;

	*n = 0;
	for (;;) {
		struct page_req r = { key, id, dir, 7 };
		struct page p;
		const struct list_row *a;

		assert_int_equal(store_meeting_people_page(s, sc, search, 0, &r, &p), ST_OK);
		for (int i = 1; i < p.n; i++) {
			int c = strcmp(p.rows[i - 1].key, p.rows[i].key);
			assert_true(c < 0 || (c == 0 && p.rows[i - 1].id < p.rows[i].id));
		}
		if (p.n == 0) {
			page_free(&p);
			break;
		}
		assert_true(*n < 100000);
		ids = xrealloc(ids, (size_t)(*n + p.n) * sizeof *ids);
		if (dir < 0)
			memmove(ids + p.n, ids, (size_t)*n * sizeof *ids);
		for (int i = 0; i < p.n; i++)
			ids[(dir > 0 ? *n : 0) + i] = p.rows[i].id;
		*n += p.n;
		a = dir > 0 ? &p.rows[p.n - 1] : &p.rows[0];
		free(key);
		key = xstrdup(a->key);
		id = a->id;
		page_free(&p);
	}
	free(key);
	return ids;
}

/* «Як»: 320 teachers named Яков sort before the surnames Яковлев and
 * Якушева («Абаев…»), and make the region-wide search walk; a school's
 * list is driven by the part index. Both list the surnames first, each
 * person once, then the others by name, as an independent query orders
 * them, forward and back, and count them alike. */
static void test_rank(void **state)
{
	struct fx *f = *state;
	int64_t org = store_org_by_code(f->s, "OO001");
	char orgs[64], in_school[64], *sql;
	struct store_scope all = { true, 0, 0, empty_json, empty_json };
	struct store_scope school = { false, 0, 0, orgs, empty_json };
	int64_t yakovlev, yakusheva, *want, *got;
	int nwant, ngot, count;

	assert_true(org > 0);
	snprintf(orgs, sizeof orgs, "[%lld]", (long long)org);
	snprintf(in_school, sizeof in_school, "AND org_id = %lld", (long long)org);
	for (int i = 0; i < 320; i++) {
		char sur[32];
		snprintf(sur, sizeof sur, "Абаев%03d", i);
		insert_person(f->s, sur, "Яков", i % 2 ? "Иванович" : "Петрович", org);
	}
	yakovlev = insert_person(f->s, "Яковлев", "Яков", "Яковлевич", org);
	yakusheva = insert_person(f->s, "Якушева", "Анна", "Петровна", org);
	{
		struct name_query nq;
		store_name_query(f->s, "Як", true, &nq);
		assert_int_equal(nq.plan, NAME_WALK);
		store_name_query_free(&nq);
	}
	for (int k = 0; k < 2; k++) {
		const struct store_scope *sc = k ? &school : &all;

		sql = xasprintf("SELECT id FROM person WHERE archived = 0 %s"
				" AND instr(' ' || replace(surname_key, '-', ' '), ' як') > 0"
				" ORDER BY substr(surname_key, 1, 2) <> 'як', surname_key, id",
				k ? in_school : "");
		want = query_ids(f->s, sql, &nwant);
		free(sql);
		assert_true(nwant >= 322);
		assert_int_equal(store_meeting_people_count(f->s, sc, "Як", &count), ST_OK);
		assert_int_equal(count, nwant);
		for (int dir = 1; dir >= -1; dir -= 2) {
			got = walk_list(f->s, sc, "Як", dir, &ngot);
			assert_int_equal(ngot, nwant);
			assert_memory_equal(got, want, (size_t)nwant * sizeof *want);
			free(got);
		}
		/* The surnames first: Яковлев before Якушева, both before any
		 * Абаев… (the demo's own Як… surnames may come between). */
		{
			int iv = -1, iu = -1, first_other = -1;
			for (int i = 0; i < nwant; i++) {
				if (want[i] == yakovlev)
					iv = i;
				if (want[i] == yakusheva)
					iu = i;
				if (first_other < 0 && want[i] != yakovlev && want[i] != yakusheva &&
				    store_int(f->s, "SELECT substr(surname_key, 1, 2) <> 'як' FROM person WHERE id = ?1",
					      "i", want[i]))
					first_other = i;
			}
			assert_true(iv >= 0 && iv < iu && iu < first_other);
		}
		free(want);
	}
}

/* Initials after a space narrow the list: «Як А» finds Якушева Анна, not
 * Яковлев Яков Яковлевич (no part of his starts with «а»), and the count
 * agrees with the rows. */
static void test_initials(void **state)
{
	struct fx *f = *state;
	int64_t org = store_org_by_code(f->s, "OO001");
	struct store_scope all = { true, 0, 0, empty_json, empty_json };
	struct page_req r = { NULL, 0, 1, 50 };
	struct page p;
	int64_t yakovlev, yakusheva;
	bool seen = false;
	int count;

	yakovlev = insert_person(f->s, "Яковлев", "Яков", "Яковлевич", org);
	yakusheva = insert_person(f->s, "Якушева", "Анна", "Петровна", org);
	assert_int_equal(store_meeting_people_count(f->s, &all, "Як А", &count), ST_OK);
	assert_int_equal(store_meeting_people_page(f->s, &all, "Як А", 0, &r, &p), ST_OK);
	assert_int_equal(p.n, count);
	for (int i = 0; i < p.n; i++) {
		assert_true(p.rows[i].id != yakovlev);
		seen = seen || p.rows[i].id == yakusheva;
	}
	assert_true(seen);
	page_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rank, setup, teardown),
		cmocka_unit_test_setup_teardown(test_initials, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
