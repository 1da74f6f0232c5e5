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
#include "date.h"
#include "indicators.h"
#include "route.h"
#include "store/indicators.h"
#include "store/deficit_counts.h"
#include "store/radar_due.h"
#include "store/store.h"
#include "util.h"

/* «Today» of every test here (the demo lays its dates out around it). */
#define TODAY "2026-12-07"

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
 * demo users and the curator's teachers out of it (their cards are today's
 * work), card numbers unique and the year's sequence after the last one,
 * and the same history twice. */
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
	{
		struct indicator_entry *ie;
		n = indicators_read("conf/indicators.conf", &ie, err, sizeof err);
		if (n <= 0)
			fail_msg("indicators: %s", err);
		assert_int_equal(store_indicators_import(s, &sys, ie, n, &added), ST_OK);
		indicators_free(ie, n);
	}
	struct config *cfg = config_defaults();
	free(cfg->calendar);
	cfg->calendar = xstrdup("conf/calendar.conf");
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
	/* The demo users and the curator's teachers have today's cards only:
	 * the teacher's own and four of the curator's list. */
	assert_int_equal(count(a, "SELECT count(*) FROM iom i WHERE EXISTS (SELECT 1 FROM app_user u"
			       " WHERE u.person_id = i.person_id) OR EXISTS (SELECT 1 FROM curatorship c"
			       " WHERE c.person_id = i.person_id)"), 5);
	assert_int_equal(count(a, "SELECT count(*) FROM diagnostic d WHERE EXISTS (SELECT 1 FROM app_user u"
			       " WHERE u.person_id = d.person_id)"), 1);
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

/* Every card keeps the statute's checks: tasks; a curator who is neither
 * the teacher nor the developer; a roadmap in all five categories inside
 * the period of 6 months – 2 years; a start not before development; each
 * deficit code of the entry diagnostic on a row; a completed card with
 * every row done and a final diagnostic on or before today. */
static void test_cards_keep_the_statute(void **state)
{
	char path[256];
	struct store *s = history_db("statute.db", path, sizeof path);
	struct config *cfg = config_defaults();
	sqlite3_stmt *st;
	int n = 0;
	(void)state;

	assert_true(count(s, "SELECT count(*) FROM iom") > 300);
	assert_int_equal(count(s, "SELECT count(*) FROM iom WHERE tasks IS NULL OR tasks = ''"
			       " OR curator_id IS NULL OR curator_id = person_id OR curator_id = developer_id"
			       " OR developer_id IS NULL"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM iom i WHERE (SELECT count(DISTINCT category)"
			       " FROM iom_activity a WHERE a.iom_id = i.id) <> 5"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM iom_activity a JOIN iom i ON i.id = a.iom_id"
			       " WHERE a.start_date < i.start_date OR a.end_date > i.end_date"
			       " OR a.start_date > a.end_date"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM iom WHERE start_date < developed_date"
			       " OR developed_date < (SELECT diag_date FROM diagnostic WHERE id = entry_diagnostic_id)"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM iom i JOIN diagnostic_deficit dd"
			       " ON dd.diagnostic_id = i.entry_diagnostic_id JOIN deficit_code c"
			       " ON c.id = dd.deficit_code_id WHERE NOT EXISTS (SELECT 1 FROM iom_activity a"
			       " WHERE a.iom_id = i.id AND instr(', ' || a.deficit_codes || ',', ' ' || c.code || ',') > 0)"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM iom i WHERE i.status = 'completed' AND"
			       " (i.final_diagnostic_id IS NULL OR (SELECT diag_date FROM diagnostic"
			       " WHERE id = i.final_diagnostic_id) > '" TODAY "' OR i.completed_date > '" TODAY "'"
			       " OR EXISTS (SELECT 1 FROM iom_activity a WHERE a.iom_id = i.id AND a.done IS NOT 1))"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM iom WHERE status = 'in_progress'"
			       " AND (start_date > '" TODAY "' OR end_date < '" TODAY "')"), 0);
	/* Rows done on cards under way, and rows the teachers have yet to mark. */
	assert_true(count(s, "SELECT count(*) FROM iom_activity a JOIN iom i ON i.id = a.iom_id"
			  " WHERE i.status = 'in_progress' AND a.done = 1") > 0);
	assert_true(count(s, "SELECT count(*) FROM iom_activity a JOIN iom i ON i.id = a.iom_id"
			  " WHERE i.status = 'in_progress' AND a.done IS NULL AND a.end_date < '" TODAY "'") > 0);
	/* The period, by the configured rule, card by card. */
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT start_date, end_date FROM iom ORDER BY id",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *why = route_check_period(cfg, (const char *)sqlite3_column_text(st, 0),
						     (const char *)sqlite3_column_text(st, 1));
		if (why)
			fail_msg("%s – %s: %s", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1), why);
		n++;
	}
	sqlite3_finalize(st);
	assert_true(n > 300);
	/* A target for every indicator the seeds give one and every year
	 * through today's; none for the Omsk ones (the seed gives none: the
	 * screen says «цель не задана»). */
	assert_int_equal(count(s, "WITH RECURSIVE y(v) AS (SELECT 2021 UNION ALL SELECT v + 1 FROM y"
			       " WHERE v < 2026) SELECT count(*) FROM indicator i, y WHERE i.source <> 'omsk'"
			       " AND NOT EXISTS (SELECT 1 FROM indicator_target t WHERE t.indicator_id = i.id"
			       " AND t.year = y.v AND t.mun_id IS NULL)"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM indicator_target t JOIN indicator i ON i.id = t.indicator_id"
			       " WHERE i.source = 'omsk'"), 0);
	assert_true(count(s, "SELECT count(*) FROM indicator WHERE source = 'omsk'") >= 7);
	assert_int_equal(count(s, "SELECT count(*) FROM indicator"), 24);
	config_free(cfg);
	close_db(s, path);
}

/* Today's work of the demo users: the curator's cards at every stage, the
 * teacher's in progress with a row to mark and a change to confirm, the
 * head's awaiting approval, the developer's two diagnostics with no card,
 * one past its 10 working days by the production calendar. */
static void test_workload(void **state)
{
	char path[256], err[256];
	struct store *s = history_db("work.db", path, sizeof path);
	struct calendar *cal = calendar_load("conf/calendar.conf", err, sizeof err);
	struct config *cfg = config_defaults();
	char *v;
	sqlite3_stmt *st;
	int late = 0, fresh = 0, y, m, d;
	dayno today;
	(void)state;

	assert_non_null(cal);
	assert_true(date_parse_iso(TODAY, &y, &m, &d));
	today = date_to_days(y, m, d);
	v = text(s, "SELECT group_concat(status, ',') FROM (SELECT i.status FROM iom i JOIN app_user u"
		 " ON u.person_id = i.curator_id WHERE u.login = 'curator' ORDER BY i.status)");
	assert_string_equal(v, "approved,completed,final_form,in_progress,in_progress,review");
	free(v);
	/* The teacher's: in progress, a row past its end unmarked, a change
	 * the curator confirmed and he has not. */
	v = text(s, "SELECT group_concat(status, ',') FROM iom i JOIN app_user u ON u.person_id = i.person_id"
		 " WHERE u.login = 'teacher'");
	assert_string_equal(v, "in_progress");
	free(v);
	assert_int_equal(count(s, "SELECT count(*) FROM iom_activity a JOIN iom i ON i.id = a.iom_id"
			       " JOIN app_user u ON u.person_id = i.person_id WHERE u.login = 'teacher'"
			       " AND a.done IS NULL AND a.end_date < '" TODAY "'"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM iom_activity a JOIN iom i ON i.id = a.iom_id"
			       " JOIN app_user u ON u.person_id = i.person_id WHERE u.login = 'teacher'"
			       " AND a.done = 1"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM iom_change c JOIN iom i ON i.id = c.iom_id"
			       " JOIN app_user u ON u.person_id = i.person_id WHERE u.login = 'teacher'"
			       " AND c.curator_confirmed_at IS NOT NULL AND c.head_confirmed_at IS NULL"
			       " AND c.teacher_confirmed_at IS NULL AND c.before < c.after"), 1);
	/* The change is what the row now says. */
	assert_int_equal(count(s, "SELECT count(*) FROM iom_change c JOIN iom_activity a ON a.id = c.record_id"
			       " WHERE c.tbl = 'iom_activity' AND c.field = 'end_date' AND a.end_date = c.after"), 2);
	/* The head's: a card of his school in its final form. */
	assert_int_equal(count(s, "SELECT count(*) FROM iom i JOIN person p ON p.id = i.person_id"
			       " JOIN user_role r ON r.org_id = p.org_id JOIN app_user u ON u.id = r.user_id"
			       " WHERE u.login = 'school' AND i.status = 'final_form' AND i.approved_date IS NULL"), 1);
	/* The review is inside its 5 working days. */
	v = text(s, "SELECT review_sent_date FROM iom WHERE status = 'review'");
	assert_true(date_parse_iso(v, &y, &m, &d));
	assert_true(route_correct_due(cal, cfg, date_to_days(y, m, d)) >= today);
	free(v);
	/* The curator's notes of the cards under way. */
	assert_int_equal(count(s, "SELECT count(*) FROM iom_note n JOIN iom i ON i.id = n.iom_id"
			       " WHERE i.status IN ('in_progress', 'completed') AND n.note_date <= '" TODAY "'"
			       " AND i.curator_id = n.author_id"), 6);
	/* The developer's diagnostics with no card. */
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT d.diag_date FROM diagnostic d JOIN app_user u"
					    " ON u.person_id = d.developer_id WHERE u.login = 'developer'"
					    " AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.entry_diagnostic_id = d.id)",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(date_parse_iso((const char *)sqlite3_column_text(st, 0), &y, &m, &d));
		if (route_develop_due(cal, cfg, date_to_days(y, m, d)) < today)
			late++;
		else
			fresh++;
	}
	sqlite3_finalize(st);
	assert_int_equal(late, 1);
	assert_int_equal(fresh, 1);
	calendar_free(cal);
	config_free(cfg);
	close_db(s, path);
}

/* A calendar that lacks a year says so once, where a count first meets
 * it and on calendar_year_known(), through the sink it was given. */
static int warnings;
static char last_warning[512];

static void catch_warning(void *ctx, const char *msg)
{
	(void)ctx;
	warnings++;
	strlcpy0(last_warning, msg, sizeof last_warning);
}

static void test_calendar_warns(void **state)
{
	char path[256], err[256];
	struct calendar *cal;
	FILE *f;
	(void)state;

	snprintf(path, sizeof path, "%s/cal.conf", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("year 2026 { holidays = { \"01.01\" } workdays = { } }\n", f);
	fclose(f);
	cal = calendar_load(path, err, sizeof err);
	assert_non_null(cal);
	calendar_set_warn(cal, catch_warning, NULL);
	warnings = 0;
	assert_true(calendar_year_known(cal, 2026));
	assert_false(calendar_is_workday(cal, date_to_days(2026, 1, 1)));
	assert_int_equal(warnings, 0);
	/* 2027: weekends only, and said once however often it is counted. */
	assert_true(calendar_is_workday(cal, date_to_days(2027, 1, 1)));
	assert_int_equal(calendar_workdays_between(cal, date_to_days(2026, 12, 31), date_to_days(2027, 1, 11)), 7);
	assert_int_equal(warnings, 1);
	assert_non_null(strstr(last_warning, "нет 2027 года"));
	assert_non_null(strstr(last_warning, path));
	assert_false(calendar_year_known(cal, 2027));
	assert_int_equal(warnings, 1);
	assert_false(calendar_year_known(cal, 2028));
	assert_int_equal(warnings, 2);
	assert_non_null(strstr(last_warning, "нет 2028 года"));
	calendar_free(cal);
	remove(path);
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

/* The generation drops the keeping triggers and the write-only tables'
 * indexes for its transactions (store/demo.c, bulk): afterwards every
 * trigger and index is back as the schema made it, what the triggers keep
 * equals its computation from scratch, the change counters count every
 * row added, and the triggers fire again on the next write. */
static const char schema_objects[] =
	"SELECT count(*), coalesce(sum(length(type || name || tbl_name || sql)), 0),"
	" group_concat(name, ',') FROM (SELECT * FROM sqlite_master WHERE type IN ('index', 'trigger')"
	" AND sql IS NOT NULL ORDER BY name)";

static void test_bulk_keeps(void **state)
{
	char path[256], fpath[256], err[512] = "", *before, *after;
	struct store *s, *f;
	(void)state;

	snprintf(fpath, sizeof fpath, "%s/fresh.db", tmpdir);
	test_remove_db(fpath);
	f = store_open(fpath, true, err, sizeof err);
	if (f == NULL)
		fail_msg("store_open: %s", err);
	before = text(f, schema_objects);
	close_db(f, fpath);
	assert_true(strlen(before) > 0);

	s = history_db("bulk.db", path, sizeof path);
	after = text(s, schema_objects);
	assert_string_equal(after, before);
	free(before);
	free(after);
	assert_true(count(s, "SELECT count(*) FROM diagnostic") > 500);
	/* The radar's dates: a row for every person with a course, a
	 * diagnostic or a card, each as computed from scratch. */
	assert_int_equal(count(s, "SELECT count(*) FROM person_due"),
			 count(s, "SELECT count(*) FROM (SELECT person_id FROM course UNION"
			       " SELECT person_id FROM diagnostic UNION SELECT person_id FROM iom)"));
	assert_int_equal(count(s, "SELECT count(*) FROM (" RADAR_PERSON_DATES ") f JOIN person_due k"
			       " ON k.person_id = f.person_id WHERE k.last_course IS NOT f.last_course"
			       " OR k.last_comprehensive IS NOT f.last_comprehensive"
			       " OR k.awaiting_diag_id IS NOT f.awaiting_diag_id"
			       " OR k.awaiting_diag_date IS NOT f.awaiting_diag_date"), 0);
	assert_true(count(s, "SELECT count(*) FROM person_due WHERE awaiting_diag_id IS NOT NULL") > 0);
	/* The latest diagnostics, the organisations' counts, the name parts. */
	assert_true(count(s, "SELECT count(*) FROM diag_latest") > 100);
	assert_int_equal(count(s, "SELECT count(*) FROM (SELECT year, kind, person_id, diag_id FROM diag_latest"
			       " EXCEPT " DIAG_LATEST_OF DIAG_LATEST_GROUP ")"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM (" DIAG_LATEST_OF DIAG_LATEST_GROUP
			       " EXCEPT SELECT year, kind, person_id, diag_id FROM diag_latest)"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM (SELECT org_id, archived, n FROM person_tally EXCEPT"
			       " SELECT coalesce(org_id, 0), archived, count(*) FROM person GROUP BY 1, 2)"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person_tally"),
			 count(s, "SELECT count(*) FROM (SELECT DISTINCT coalesce(org_id, 0), archived FROM person)"));
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE NOT EXISTS (SELECT 1 FROM person_name_part n"
			       " WHERE n.person_id = person.id AND n.part = substr(surname_key, 1, instr(surname_key, ' ') - 1))"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person_name_part n JOIN person p ON p.id = n.person_id"
			       " WHERE n.surname_key <> p.surname_key OR n.archived <> p.archived"
			       " OR instr(' ' || replace(p.surname_key, '-', ' ') || ' ', ' ' || n.part || ' ') = 0"
			       " AND instr(' ' || p.surname_key || ' ', ' ' || n.part || ' ') = 0"), 0);
	/* A change counter per row added (nothing of these was updated). */
	assert_int_equal(count(s, "SELECT n FROM data_stamp WHERE tbl = 'diagnostic'"),
			 1 + count(s, "SELECT count(*) FROM diagnostic"));
	assert_int_equal(count(s, "SELECT n FROM data_stamp WHERE tbl = 'course'"),
			 1 + count(s, "SELECT count(*) FROM course"));
	assert_int_equal(count(s, "SELECT n FROM data_stamp WHERE tbl = 'person_register'"),
			 1 + count(s, "SELECT count(*) FROM person"));
	/* The triggers fire again: a course moves its person's date and the
	 * counter; a person gets his parts and his organisation's count. */
	{
		int64_t n0 = count(s, "SELECT n FROM data_stamp WHERE tbl = 'course'");
		int64_t t0 = count(s, "SELECT n FROM person_tally WHERE org_id = (SELECT org_id FROM person WHERE id = 7)"
				   " AND archived = 0");
		assert_int_equal(sqlite3_exec(store_db(s), "INSERT INTO course (person_id, title, hours, end_date)"
					      " VALUES (7, 'Проверка', 16, '2099-01-01')", NULL, NULL, NULL), SQLITE_OK);
		assert_int_equal(count(s, "SELECT n FROM data_stamp WHERE tbl = 'course'"), n0 + 1);
		after = text(s, "SELECT last_course FROM person_due WHERE person_id = 7");
		assert_string_equal(after, "2099-01-01");
		free(after);
		assert_int_equal(sqlite3_exec(store_db(s), "INSERT INTO person (surname, name, surname_key, org_id)"
					      " SELECT 'Жёлудева', 'Ия', 'желудева ия', org_id FROM person WHERE id = 7",
					      NULL, NULL, NULL), SQLITE_OK);
		assert_int_equal(count(s, "SELECT n FROM person_tally WHERE org_id = (SELECT org_id FROM person WHERE id = 7)"
				       " AND archived = 0"), t0 + 1);
		assert_int_equal(count(s, "SELECT count(*) FROM person_name_part WHERE part = 'желудева'"), 1);
	}
	close_db(s, path);
}

/* init --demo's bulk load (store_set_bulk_memory .. store_bulk_end): the
 * generator writes without its CHECK and foreign key constraints and the
 * file without WAL; afterwards the file is in WAL again, the constraints
 * hold again, and the rows are those of the checked generation. */
static void test_bulk_load_same(void **state)
{
	char path[256], bpath[256], err[512] = "", *v, *sql;
	struct store *s, *b;
	static const char *const same[] = {
		"SELECT id, surname, name, patronymic, surname_key, birth_date, sex, external_id, org_id, position,"
		" subjects, education, experience_years, category, attestation_date, is_methodist, is_manager,"
		" phone, email, employment, modern_tech_date FROM %sperson",
		"SELECT * FROM %scourse", "SELECT * FROM %sorganisation", "SELECT * FROM %smunicipality",
		"SELECT * FROM %scuratorship", "SELECT * FROM %sperson_name_part", "SELECT * FROM %sperson_tally",
		"SELECT * FROM %sperson_due", "SELECT * FROM %sdata_stamp", "SELECT login, full_name, person_id FROM %sapp_user",
	};
	(void)state;

	s = demo_db("checked.db", 200, path, sizeof path);
	snprintf(bpath, sizeof bpath, "%s/bulkload.db", tmpdir);
	test_remove_db(bpath);
	b = store_open(bpath, true, err, sizeof err);
	if (b == NULL)
		fail_msg("store_open: %s", err);
	store_set_bulk_memory(b);
	v = text(b, "PRAGMA journal_mode");
	assert_string_equal(v, "memory");
	free(v);
	if (store_demo_fill(b, 200, err, sizeof err) != ST_OK)
		fail_msg("store_demo_fill (bulk): %s", err);
	/* The constraints are back once the generation's transaction is over. */
	assert_int_equal(count(b, "PRAGMA foreign_keys"), 1);
	assert_int_equal(count(b, "PRAGMA ignore_check_constraints"), 0);
	store_bulk_end(b);
	v = text(b, "PRAGMA journal_mode");
	assert_string_equal(v, "wal");
	free(v);
	assert_int_not_equal(sqlite3_exec(store_db(b), "UPDATE person SET sex = 'x' WHERE id = 1",
					  NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(b), "UPDATE person SET org_id = 999999 WHERE id = 1",
					  NULL, NULL, NULL), SQLITE_OK);
	/* The same rows as the checked generation's, both ways. */
	sql = xasprintf("ATTACH '%s' AS c", path);
	assert_int_equal(sqlite3_exec(store_db(b), sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	for (size_t i = 0; i < NITEMS(same); i++) {
		char *mine = xasprintf(same[i], "main."), *theirs = xasprintf(same[i], "c.");
		char *q1 = xasprintf("SELECT count(*) FROM (%s EXCEPT %s)", mine, theirs);
		char *q2 = xasprintf("SELECT count(*) FROM (%s EXCEPT %s)", theirs, mine);
		char *q3 = xasprintf("SELECT count(*) FROM (%s)", mine);
		assert_true(count(b, q3) > 0);
		if (count(b, q1) != 0 || count(b, q2) != 0)
			fail_msg("the bulk load differs: %s", mine);
		free(mine);
		free(theirs);
		free(q1);
		free(q2);
		free(q3);
	}
	assert_int_equal(sqlite3_exec(store_db(b), "DETACH c", NULL, NULL, NULL), SQLITE_OK);
	close_db(b, bpath);
	close_db(s, path);
}


/* Each table read through a non-unique index of it (what makes PRAGMA
 * optimize look at a table), by the first column of each index. */
static void read_every_table(struct store *s)
{
	sqlite3_stmt *st, *q;
	int tables = 0;

	assert_int_equal(sqlite3_prepare_v2(store_db(s),
		"SELECT m.tbl_name, (SELECT name FROM pragma_index_info(m.name) WHERE seqno = 0)"
		" FROM sqlite_schema m WHERE m.type = 'index' AND m.tbl_name NOT LIKE 'sqlite%'", -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *sql;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;   /* an expression */
		sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE \"%w\" = 1",
				      (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
		assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &q, NULL), SQLITE_OK);
		while (sqlite3_step(q) == SQLITE_ROW)
			;
		sqlite3_finalize(q);
		sqlite3_free(sql);
		tables++;
	}
	sqlite3_finalize(st);
	assert_true(tables > 20);
}

/* What a session's close would analyze (PRAGMA optimize, listed only):
 * the first statement, or NULL (malloc'd). */
static char *close_would_analyze(struct store *s)
{
	sqlite3_stmt *st;
	char *what = NULL;

	/* 3 = list (1) what ANALYZE (2) would run, without running it. */
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "PRAGMA optimize(3)", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		what = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return what;
}

/* A table is analyzed once, not at every session's close: PRAGMA
 * optimize analyzes again any table read with an index that has no
 * statistics — an empty partial index (every session's close analyzed
 * iom, diagnostic, course and participation again: 0.6 s at 100 000
 * teachers, holding the write lock). After init's ANALYZE (store_analyze)
 * nothing is left; on a file never analyzed, the first session's close
 * analyzes what it read, and the next one's nothing. */
static void test_analyzed_once(void **state)
{
	char path[256], err[512] = "", *what;
	struct store *s;
	(void)state;

	s = history_db("analyzed.db", path, sizeof path);
	store_analyze(s);
	store_close(s);
	s = store_open(path, false, err, sizeof err);
	if (s == NULL)
		fail_msg("store_open: %s", err);
	read_every_table(s);
	if ((what = close_would_analyze(s)) != NULL)
		fail_msg("after init, a session's close would run: %s", what);
	store_close(s);
	/* No statistics at all: the first close analyzes what the session
	 * read, the next has nothing left. */
	{
		sqlite3 *db;
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "DELETE FROM sqlite_stat1", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	s = store_open(path, false, err, sizeof err);
	read_every_table(s);
	assert_non_null(what = close_would_analyze(s));
	free(what);
	store_close(s);
	s = store_open(path, false, err, sizeof err);
	assert_true(count(s, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'iom' AND stat <> '0'") > 0);
	read_every_table(s);
	if ((what = close_would_analyze(s)) != NULL)
		fail_msg("after a close that analyzed, the next close would run: %s", what);
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
		cmocka_unit_test(test_cards_keep_the_statute),
		cmocka_unit_test(test_workload),
		cmocka_unit_test(test_calendar_warns),
		cmocka_unit_test(test_small_and_refused),
		cmocka_unit_test(test_bulk_keeps),
		cmocka_unit_test(test_bulk_load_same),
		cmocka_unit_test(test_analyzed_once),
		cmocka_unit_test(test_large),
	};

	test_locale();
	today_set(TODAY);
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
