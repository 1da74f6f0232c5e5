/* The register's kept counts and the login's archiving (issue 18) give the
 * answers of a computation from scratch: after random saves of persons,
 * organisations, curatorships and cards, every count and every page of the
 * register for each kind of scope and filter equals the one the old
 * conditions (json_each over the scope, every person read) give; the
 * archiving of completed cards in one statement archives the same cards
 * the card-by-card rule (route_archive_due) names, with one journal row
 * each. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "config.h"
#include "date.h"
#include "model.h"
#include "route.h"
#include "text.h"
#include "store/elem_latest.h"
#include "store/iom.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util.h"

#define TEACHERS 300

struct fx {
	char dir[64];
	char path[80];
	struct store *s;
	struct config *cfg;
	unsigned rng;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char err[512] = "";

	strlcpy0(f->dir, "/tmp/test_count_XXXXXX", sizeof f->dir);
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
	*state = f;
	f->rng = 18;
	f->cfg = config_defaults();
	free(f->cfg->calendar);
	f->cfg->calendar = xstrdup("conf/calendar.conf");
	f->s = store_open(f->path, true, err, sizeof err);
	/* Nothing here is about surviving a power cut: no fsync per save. */
	if (f->s)
		sqlite3_exec(store_db(f->s), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	if (f->s == NULL || store_demo_fill(f->s, TEACHERS, err, sizeof err) != ST_OK ||
	    store_demo_activity(f->s, f->cfg, err, sizeof err) != ST_OK) {
		fprintf(stderr, "setup: %s\n", err);
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
	config_free(f->cfg);
	test_remove_db(f->path);
	rmdir(f->dir);
	free(f);
	*state = NULL;
	return 0;
}

static unsigned rnd(struct fx *f, unsigned n)
{
	f->rng = f->rng * 1103515245u + 12345u;
	return (f->rng >> 8) % n;
}

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

static void exec_ok(struct store *s, const char *sql)
{
	char *e = NULL;
	int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, &e);

	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, e ? e : "?");
}

/* --- the register from scratch ------------------------------------------- */

/* The scope and filters as the register had them before the kept counts:
 * every person read, the organisation joined, the scope's lists through
 * json_each, each filter a bound condition. */
static const char scratch_sql[] =
	"SELECT p.id FROM person p LEFT JOIN organisation o ON o.id = p.org_id"
	" WHERE p.archived = :archived AND (:org = 0 OR p.org_id = :org)"
	" AND (:subj IS NULL OR instr(fold(p.subjects), :subj) > 0)"
	" AND (:cat IS NULL OR p.category = :cat)"
	" AND (:nq IS NULL OR name_match(p.surname_key, :nq))"
	" AND (:sc_all OR p.id = :sc_self"
	" OR p.id IN (SELECT person_id FROM curatorship WHERE curator_id = :sc_cur"
	"             AND (end_date IS NULL OR end_date >= today()))"
	" OR p.id IN (SELECT person_id FROM iom WHERE curator_id = :sc_cur AND archived = 0)"
	" OR p.org_id IN (SELECT value FROM json_each(:sc_orgs))"
	" OR o.mun_id IN (SELECT value FROM json_each(:sc_muns)))"
	" ORDER BY p.surname_key, p.id";

static void bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i > 0 && v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else if (i > 0)
		sqlite3_bind_null(st, i);
}

/* The ids the register must list, in its order; their number returned. */
static int scratch(struct store *s, const struct store_scope *sc, const struct person_filter *pf,
		   int64_t **ids)
{
	sqlite3_stmt *st;
	char *subj = pf->subject && *pf->subject ? text_fold(pf->subject) : NULL;
	struct name_query nq;
	int n = 0, cap = 64;

	store_name_query(s, pf->search, false, &nq);
	assert_int_equal(sqlite3_prepare_v2(store_db(s), scratch_sql, -1, &st, NULL), SQLITE_OK);
	bind_int(st, ":archived", pf->archived);
	bind_int(st, ":org", pf->org_id);
	bind_text(st, ":subj", subj && *subj ? subj : NULL);
	bind_text(st, ":cat", pf->category);
	bind_text(st, ":nq", nq.q);
	bind_int(st, ":sc_all", sc->all);
	bind_int(st, ":sc_self", sc->self_person);
	bind_int(st, ":sc_cur", sc->curator_person);
	bind_text(st, ":sc_orgs", sc->orgs);
	bind_text(st, ":sc_muns", sc->muns);
	*ids = xcalloc((size_t)cap, sizeof **ids);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			*ids = realloc(*ids, (size_t)cap * sizeof **ids);
			assert_non_null(*ids);
		}
		(*ids)[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	store_name_query_free(&nq);
	free(subj);
	return n;
}

/* The register's count and its pages, forward by 7 rows, equal scratch. */
static void assert_register(struct store *s, const struct store_scope *sc, const struct person_filter *pf)
{
	int64_t *ids;
	int n = scratch(s, sc, pf, &ids), count = -1, seen = 0;
	char *key = NULL;
	int64_t id = 0;

	assert_int_equal(store_person_count(s, sc, pf, &count), ST_OK);
	if (count != n)
		fail_msg("count %d, from scratch %d (all %d self %lld cur %lld orgs %s muns %s; archived %d org %lld"
			 " subj %s cat %s search %s)", count, n, sc->all, (long long)sc->self_person,
			 (long long)sc->curator_person, sc->orgs, sc->muns, pf->archived, (long long)pf->org_id,
			 pf->subject ? pf->subject : "-", pf->category ? pf->category : "-",
			 pf->search ? pf->search : "-");
	for (;;) {
		struct page_req r = { key, id, +1, 7 };
		struct page p;
		assert_int_equal(store_person_page(s, sc, pf, &r, &p), ST_OK);
		for (int i = 0; i < p.n; i++) {
			assert_true(seen < n);
			assert_int_equal(p.rows[i].id, ids[seen]);
			seen++;
		}
		free(key);
		key = p.n ? xstrdup(p.rows[p.n - 1].key) : NULL;
		id = p.n ? p.rows[p.n - 1].id : 0;
		page_free(&p);
		if (key == NULL)
			break;
	}
	assert_int_equal(seen, n);
	free(ids);
}

/* The kept counts are the table's. */
static void assert_tally(struct store *s)
{
	assert_int_equal(qint(s, "SELECT count(*) FROM (SELECT org_id, archived, n FROM person_tally WHERE n <> 0"
			      " EXCEPT SELECT coalesce(org_id, 0), archived, count(*) FROM person GROUP BY 1, 2)", 0), 0);
	assert_int_equal(qint(s, "SELECT count(*) FROM (SELECT coalesce(org_id, 0), archived, count(*) FROM person"
			      " GROUP BY 1, 2 EXCEPT SELECT org_id, archived, n FROM person_tally)", 0), 0);
	/* and the letters' (schema step 28): the persons with a part of the
	 * name that starts with each letter, counted from the persons. */
	exec_ok(s, "CREATE TEMP TABLE IF NOT EXISTS initials AS SELECT '' AS i, 0 AS a, 0 AS p WHERE 0;"
		" DELETE FROM initials; INSERT INTO initials SELECT substr(part, 1, 1), archived, person_id"
		" FROM person_name_part");
	assert_int_equal(qint(s, "SELECT count(*) FROM (SELECT initial, archived, n FROM person_initial_tally WHERE n <> 0"
			      " EXCEPT SELECT i, a, count(DISTINCT p) FROM initials GROUP BY 1, 2)", 0), 0);
	assert_int_equal(qint(s, "SELECT count(*) FROM (SELECT i, a, count(DISTINCT p) FROM initials GROUP BY 1, 2"
			      " EXCEPT SELECT initial, archived, n FROM person_initial_tally)", 0), 0);
}

/* One random change of what the register reads, through the store's save
 * path where there is one. */
static void random_save(struct fx *f)
{
	struct store *s = f->s;
	const struct actor a = { 0, "regional", "test" };
	int64_t pid = qint(s, "SELECT id FROM person ORDER BY random() LIMIT 1", 0);
	int64_t org = qint(s, "SELECT id FROM organisation ORDER BY random() LIMIT 1", 0);
	static const char *const cats[] = { "highest", "first", "none", "szd" };
	static const char *const subjects[] = { "математика", "физика, математика", "история", "" };
	static const char *const surnames[] = { "Иванова", "Ёлкин", "Петрова-Водкина", "Ивашкин" };
	struct record rec;
	char sql[512];

	switch (rnd(f, 9)) {
	case 0: /* archived or back */
		assert_int_equal(store_get(s, &model_person, NULL, pid, &rec), ST_OK);
		assert_int_equal(store_set_archived(s, &a, &model_person, rec.id, rec.version, !rec.archived), ST_OK);
		record_free(&rec);
		break;
	case 1: /* to another organisation */
	case 2: /* category, subjects, surname */
		assert_int_equal(store_get(s, &model_person, NULL, pid, &rec), ST_OK);
		{
			int fo = model_field_index(&model_person, "org_id");
			int fc = model_field_index(&model_person, "category");
			int fs = model_field_index(&model_person, "subjects");
			int fn = model_field_index(&model_person, "surname");
			free(rec.v[fo]);
			rec.v[fo] = xasprintf("%lld", (long long)org);
			free(rec.v[fc]);
			rec.v[fc] = xstrdup(cats[rnd(f, NITEMS(cats))]);
			free(rec.v[fs]);
			rec.v[fs] = xstrdup(subjects[rnd(f, NITEMS(subjects))]);
			free(rec.v[fn]);
			rec.v[fn] = xstrdup(surnames[rnd(f, NITEMS(surnames))]);
		}
		assert_int_equal(store_update(s, &a, &model_person, &rec, NULL), ST_OK);
		record_free(&rec);
		break;
	case 3: /* a new person, like a copy of one */
		snprintf(sql, sizeof sql, "INSERT INTO person (surname, name, patronymic, surname_key, org_id, position,"
			 " category, subjects, archived) SELECT 'Ивахненко', name, patronymic,"
			 " fold('Ивахненко ' || name || ' ' || coalesce(patronymic, '')), %lld, position, category,"
			 " subjects, 0 FROM person WHERE id = ?",
			 (long long)org);
		qint(s, sql, pid);
		break;
	case 4: /* no organisation */
		qint(s, "UPDATE person SET org_id = NULL WHERE id = ?", pid);
		break;
	case 5: /* a curatorship, begun or ended */
		snprintf(sql, sizeof sql, "INSERT INTO curatorship (curator_id, person_id, start_date, end_date)"
			 " SELECT curator_id, ?1, '2024-09-01', %s FROM curatorship ORDER BY random() LIMIT 1",
			 rnd(f, 2) ? "NULL" : "'2024-12-31'");
		qint(s, sql, pid);
		break;
	case 6: /* a card's curator */
		qint(s, "UPDATE iom SET curator_id = (SELECT curator_id FROM curatorship ORDER BY random() LIMIT 1)"
		     " WHERE id = (SELECT id FROM iom ORDER BY random() LIMIT 1) AND ?1 = ?1", pid);
		break;
	case 7: /* an organisation to another municipality */
		qint(s, "UPDATE organisation SET mun_id = (SELECT id FROM municipality ORDER BY random() LIMIT 1)"
		     " WHERE id = ?", org);
		break;
	default: /* a person added here removed (nothing refers to him) */
		qint(s, "DELETE FROM person WHERE id = (SELECT max(id) FROM person WHERE surname = 'Ивахненко')"
		     " AND NOT EXISTS (SELECT 1 FROM curatorship c WHERE c.person_id = person.id) AND ?1 = ?1", pid);
		break;
	}
}

static void test_register_counts(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	char orgs[64], orgs2[64], muns[64], both_o[64];
	int64_t org = qint(s, "SELECT org_id FROM person GROUP BY org_id ORDER BY count(*) DESC LIMIT 1", 0);
	int64_t org2 = qint(s, "SELECT max(id) FROM organisation", 0);
	int64_t mun = qint(s, "SELECT mun_id FROM organisation WHERE id = ?", org);
	int64_t cur = qint(s, "SELECT curator_id FROM curatorship GROUP BY curator_id ORDER BY count(*) DESC LIMIT 1", 0);
	int64_t self = qint(s, "SELECT max(id) FROM person", 0);
	static const char *const searches[] = { NULL, "ива", "и", "петрова-в", "ёлк", "ива а", "а в" };
	static const char *const cats[] = { NULL, "highest" };
	static const char *const subjects[] = { NULL, "математ" };

	assert_true(org > 0 && mun > 0 && cur > 0);
	snprintf(orgs, sizeof orgs, "[%lld]", (long long)org);
	snprintf(orgs2, sizeof orgs2, "[%lld,%lld]", (long long)org, (long long)org2);
	snprintf(muns, sizeof muns, "[%lld]", (long long)mun);
	snprintf(both_o, sizeof both_o, "[%lld]", (long long)org2);
	{
		const struct store_scope scopes[] = {
			{ true, 0, 0, (char *)"[]", (char *)"[]" },         /* the region */
			{ false, 0, 0, (char *)"[]", (char *)"[]" },        /* nothing */
			{ false, self, 0, orgs, (char *)"[]" },             /* a school's head */
			{ false, 0, 0, orgs2, (char *)"[]" },               /* two schools */
			{ false, self, 0, (char *)"[]", muns },             /* a municipality */
			{ false, 0, 0, both_o, muns },                      /* a school and a municipality */
			{ false, cur, cur, (char *)"[]", (char *)"[]" },    /* a curator */
			{ false, cur, cur, orgs, muns },                    /* everything at once */
		};
		for (int round = 0; round < 6; round++) {
			for (size_t k = 0; k < NITEMS(scopes); k++)
				for (int arch = 0; arch < 2; arch++)
					for (size_t q = 0; q < NITEMS(searches); q++) {
						struct person_filter pf = { searches[q], 0, NULL, NULL, arch };
						assert_register(s, &scopes[k], &pf);
						/* Each filter alone, and with the organisation. */
						if (q > 0 || arch)
							continue;
						for (size_t c = 1; c < NITEMS(cats); c++) {
							pf.category = cats[c];
							assert_register(s, &scopes[k], &pf);
						}
						pf.category = NULL;
						for (size_t j = 1; j < NITEMS(subjects); j++) {
							pf.subject = subjects[j];
							assert_register(s, &scopes[k], &pf);
						}
						pf.subject = NULL;
						pf.org_id = org;
						assert_register(s, &scopes[k], &pf);
						pf.org_id = org2;
						assert_register(s, &scopes[k], &pf);
					}
			assert_tally(s);
			/* Then some saves, and the same again (the kept counts and
			 * plans must notice each). */
			for (int i = 0; i < 25; i++) {
				/* A view counted just before a save is counted
				 * again just after (a kept count must not answer). */
				const struct person_filter watch[] = {
					{ "ива", 0, NULL, NULL, false }, { NULL, 0, "математ", NULL, false },
					{ NULL, 0, NULL, "highest", false }, { NULL, org, NULL, NULL, false },
					{ "и", 0, NULL, NULL, true },
				};
				const struct store_scope *sc = &scopes[(size_t)i % NITEMS(scopes)];
				const struct person_filter *w = &watch[(size_t)i % NITEMS(watch)];
				assert_register(s, sc, w);
				random_save(f);
				assert_register(s, sc, w);
			}
		}
	}
	/* A step run again (as test_store's migration test does) refills the
	 * tally from the table. */
	exec_ok(s, "UPDATE person_tally SET n = n + 5; UPDATE person_initial_tally SET n = n + 5");
	/* (step 27 keeps the latest diagnostics' parts, read by triggers) */
	exec_ok(s, LATEST_PARTS_UNDO);
	/* (step 23 adds columns: as a file of step 20, without them) */
	exec_ok(s, "ALTER TABLE diagnostic_element DROP COLUMN max_score; ALTER TABLE diagnostic_element DROP COLUMN score;"
		" ALTER TABLE diagnostic_element DROP COLUMN version; ALTER TABLE diagnostic_element DROP COLUMN archived");
	/* (step 26 adds the municipality's МСОКО date and its change counter) */
	exec_ok(s, "DROP TRIGGER municipality_stamp_upd; ALTER TABLE municipality DROP COLUMN msoko_ippr_date");
	exec_ok(s, "PRAGMA user_version = 20");
	store_close(f->s);
	{
		char err[512];
		f->s = store_open(f->path, true, err, sizeof err);
		assert_non_null(f->s);
	}
	assert_tally(f->s);
}

/* --- the archive ----------------------------------------------------------- */

static void test_archive_same_cards(void **state)
{
	struct fx *f = *state;
	struct store *s = f->s;
	const struct actor sys = { 0, "система", "test" };
	static const char *const days[] = {
		"2024-02-29", "2025-02-28", "2025-03-01", "2025-01-31", "2025-11-30", "2025-12-01",
		"2025-12-06", "2025-12-07", "2025-12-08", "2026-11-07", "2026-12-07", "2023-06-15",
		"2026-06-07", "2026-06-08",
	};
	static const int keeps[] = { 12, 0, 1, 6, 13, 24, -1 };
	static const char *const todays[] = { "2026-12-07", "2026-02-28", "2027-03-31" };
	int ncards = (int)qint(s, "SELECT count(*) FROM iom", 0);

	assert_true(ncards > 20);
	for (size_t t = 0; t < NITEMS(todays); t++)
		for (size_t k = 0; k < NITEMS(keeps); k++) {
			sqlite3_stmt *st;
			int64_t *want = xcalloc((size_t)ncards + 1, sizeof *want);
			int nwant = 0, n = -1;
			int64_t audit0 = qint(s, "SELECT count(*) FROM audit WHERE action = 'archive' AND tbl = 'iom'", 0);
			int64_t last_audit = qint(s, "SELECT coalesce(max(id), 0) FROM audit", 0);
			char sql[256];

			/* Every card back, with a completion date from the list (or
			 * none) and a status, at random (one transaction). */
			exec_ok(s, "BEGIN");
			assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT id FROM iom ORDER BY id", -1, &st, NULL),
					 SQLITE_OK);
			while (sqlite3_step(st) == SQLITE_ROW) {
				int64_t id = sqlite3_column_int64(st, 0);
				unsigned r = rnd(f, NITEMS(days) + 1);
				snprintf(sql, sizeof sql, "UPDATE iom SET archived = 0, status = '%s', completed_date = %s%s%s"
					 " WHERE id = ?", rnd(f, 4) ? "completed" : "in_progress", r < NITEMS(days) ? "'" : "",
					 r < NITEMS(days) ? days[r] : "NULL", r < NITEMS(days) ? "'" : "");
				qint(s, sql, id);
			}
			sqlite3_finalize(st);
			exec_ok(s, "COMMIT");
			/* The rule card by card, as the login applied it before. */
			assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT id, completed_date FROM iom WHERE archived = 0"
							    " AND status = 'completed' AND completed_date IS NOT NULL ORDER BY id",
							    -1, &st, NULL), SQLITE_OK);
			while (sqlite3_step(st) == SQLITE_ROW)
				if (route_archive_due((const char *)sqlite3_column_text(st, 1), todays[t], keeps[k]))
					want[nwant++] = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);

			assert_int_equal(store_iom_archive_due(s, &sys, keeps[k], todays[t], &n), ST_OK);
			assert_int_equal(n, nwant);
			assert_int_equal(qint(s, "SELECT count(*) FROM iom WHERE archived = 1", 0), nwant);
			for (int i = 0; i < nwant; i++) {
				assert_int_equal(qint(s, "SELECT archived FROM iom WHERE id = ?", want[i]), 1);
				/* One journal row per card, the system's. */
				snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'archive'"
					 " AND tbl = 'iom' AND record_id = ? AND login = 'система' AND id > %lld",
					 (long long)last_audit);
				assert_int_equal(qint(s, sql, want[i]), 1);
			}
			assert_int_equal(qint(s, "SELECT count(*) FROM audit WHERE action = 'archive' AND tbl = 'iom'", 0),
					 audit0 + nwant);
			/* The journal's chain covers the new rows. */
			assert_int_equal(qint(s, "SELECT count(*) FROM audit a WHERE NOT EXISTS (SELECT 1 FROM audit_chain c"
					      " WHERE c.audit_id = a.id)", 0), 0);
			/* Again the same day: nothing more. */
			assert_int_equal(store_iom_archive_due(s, &sys, keeps[k], todays[t], &n), ST_OK);
			assert_int_equal(n, 0);
			free(want);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_register_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_same_cards, setup, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
