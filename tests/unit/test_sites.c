/* Unit tests for src/site.c (the internship sites' rules) and the store's
 * lifecycle moves and places (src/store/sites.c, the booking in iom.c). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "site.h"
#include "store/iom.h"
#include "store/sites.h"
#include "store/store.h"
#include "model.h"
#include "util.h"

/* The window is the entry day's: an application backdated into a window
 * that has closed is refused, and the message names the window. */
static void test_window(void **state)
{
	const char *m;

	(void)state;
	assert_null(site_check_application("2026-09-01", "2026-09-01"));
	assert_null(site_check_application("2026-10-20", "2026-10-15"));
	assert_null(site_check_application("2026-11-01", "2026-11-01"));
	/* Entered in December, dated in October: refused. */
	m = site_check_application("2026-12-07", "2026-10-15");
	assert_non_null(m);
	assert_non_null(strstr(m, "с 1 сентября по 1 ноября"));
	assert_non_null(strstr(m, "в 2026 году он закрыт"));
	m = site_check_application("2026-08-31", "2026-08-31");
	assert_non_null(strstr(m, "ещё не открыт"));
	assert_non_null(site_check_application("2026-11-02", "2026-10-31"));
	/* Inside the window, but dated after the entry day or in last year's. */
	assert_non_null(strstr(site_check_application("2026-10-20", "2026-10-21"), "позже"));
	assert_non_null(strstr(site_check_application("2026-10-20", "2025-10-15"), "вне приёма 2026 года"));
	assert_non_null(site_check_application("2026-10-20", NULL));
	assert_non_null(site_check_application("2026-10-20", "31.10.2026"));
}

static void test_grant_term(void **state)
{
	char end[11];

	(void)state;
	site_default_end("2026-12-01", end);
	assert_string_equal(end, "2029-11-30");
	site_default_end("2028-02-29", end);
	assert_string_equal(end, "2031-02-27");
	assert_null(site_check_grant("2026-12-01", "2029-11-30"));
	assert_null(site_check_grant("2026-12-01", "2027-05-31"));
	assert_non_null(strstr(site_check_grant("2026-12-01", "2029-12-01"), "30.11.2029"));
	assert_non_null(site_check_grant("2026-12-01", "2026-11-30"));
	assert_non_null(site_check_grant(NULL, "2027-01-01"));
}

static void test_moves(void **state)
{
	const char *to[4];

	(void)state;
	assert_true(site_move_allowed("applied", "review"));
	assert_true(site_move_allowed("review", "granted"));
	assert_true(site_move_allowed("granted", "terminated"));
	assert_false(site_move_allowed("applied", "granted"));     /* reviewed first */
	assert_false(site_move_allowed("terminated", "granted"));  /* a new application instead */
	assert_false(site_move_allowed("rejected", "review"));
	assert_int_equal(site_moves("granted", to), 2);
	assert_int_equal(site_moves("expired", to), 0);
}

static const char *book(const char *state, const char *entered, const char *ev_start, const char *ev_end,
			int places, int used)
{
	struct site_booking b = { state, "2026-12-01", "2029-11-30", entered, ev_start, ev_end, places, used };
	return site_may_book(&b);
}

/* A booking: the site's state, the entry day and the event in the term,
 * the event's own places. */
static void test_booking_rule(void **state)
{
	const char *m;

	(void)state;
	assert_null(book("granted", "2026-12-10", "2027-02-01", NULL, 2, 1));
	assert_null(book("granted", "2026-12-01", "2029-11-30", "2029-11-30", 2, 0));
	assert_null(book("granted", "2026-12-10", NULL, NULL, -1, 500));
	assert_non_null(strstr(book("review", "2026-12-10", NULL, NULL, 2, 0), "не действует"));
	assert_non_null(book("terminated", "2026-12-10", NULL, NULL, 2, 0));
	/* Entered before the term or after it, whatever the event's date. */
	m = book("granted", "2026-11-25", "2027-02-01", NULL, 2, 0);
	assert_non_null(m);
	assert_non_null(strstr(m, "с 01.12.2026 по 30.11.2029"));
	assert_non_null(strstr(m, "запись 25.11.2026 вне срока"));
	assert_non_null(strstr(book("granted", "2029-12-01", "2029-11-01", NULL, 2, 0), "по 30.11.2029"));
	/* Entered in the term, the event outside it. */
	m = book("granted", "2026-12-10", "2029-11-20", "2029-12-05", 2, 0);
	assert_non_null(strstr(m, "мероприятие 05.12.2029 вне срока площадки"));
	assert_non_null(strstr(book("granted", "2026-12-10", "2026-11-30", NULL, 2, 0), "мероприятие 30.11.2026"));
	/* Full. */
	assert_non_null(strstr(book("granted", "2026-12-10", "2027-02-01", NULL, 2, 2), "занято 2 из 2"));
	assert_non_null(strstr(book("granted", "2026-12-10", "2027-02-01", NULL, 0, 0), "занято 0 из 0"));
	/* An early end: inside the term, before its last day. */
	assert_null(site_check_end("2026-12-01", "2029-11-30", "2027-01-31"));
	assert_null(site_check_end("2026-12-01", "2029-11-30", "2026-12-01"));
	assert_non_null(strstr(site_check_end("2026-12-01", "2029-11-30", "2029-11-30"), "30.11.2029"));
	assert_non_null(strstr(site_check_end("2026-12-01", "2029-11-30", "2026-11-30"), "01.12.2026"));
	assert_non_null(site_check_end("2026-12-01", "2029-11-30", NULL));
}

static int64_t store_int64(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = 0;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static struct record site_record(const char *org, const char *applied)
{
	const struct table_desc *t = &model_internship_site;
	struct record r;

	record_init(&r, t);
	record_set(&r, model_field_index(t, "org_id"), org);
	record_set(&r, model_field_index(t, "applied_date"), applied);
	record_set(&r, model_field_index(t, "direction"), "fgos");
	record_set(&r, model_field_index(t, "topic"), "Тема");
	record_set(&r, model_field_index(t, "bearer"), "org");
	record_set(&r, model_field_index(t, "format"), "group");
	return r;
}

/* In the store: moves with their checks, the window of the entry day, the
 * places of each event, and an early end that lists and notes the
 * bookings it leaves without a place. */
static void test_store(void **state)
{
	char path[64], err[300], org[32], sid[32];
	struct actor a = { 0, "test", "test" };
	struct store_scope all = { true, 0, 0, NULL, NULL };
	struct site_move m;
	struct store *s;
	struct record r;
	struct page pg = { 0, NULL };
	struct page_req req = { NULL, 0, 1, 10 };
	int64_t site, e1, e2, e3, iom1, act;
	int used, places, n;

	(void)state;
	snprintf(path, sizeof path, "/tmp/marshrut-sites-%d.db", (int)getpid());
	test_remove_db(path);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 30, err, sizeof err), ST_OK);

	/* The application through the save path: entered on 10.12.2026 and
	 * dated in October, refused; entered on 20.10.2026, stored. */
	snprintf(org, sizeof org, "%lld",
		 (long long)store_int64(s, "SELECT min(id) FROM organisation WHERE kind = 'school'"));
	today_set("2026-12-10");
	r = site_record(org, "2026-10-15");
	assert_int_equal(store_insert(s, &a, &model_internship_site, &r), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "Дата заявки: приём заявок с 1 сентября по 1 ноября"));
	assert_int_equal(store_int64(s, "SELECT count(*) FROM internship_site"), 0);
	record_free(&r);
	today_set("2026-10-20");
	r = site_record(org, "2026-10-15");
	record_set(&r, model_field_index(&model_internship_site, "max_places"), "2");
	assert_int_equal(store_insert(s, &a, &model_internship_site, &r), ST_OK);
	site = r.id;
	record_free(&r);
	snprintf(sid, sizeof sid, "%lld", (long long)site);

	/* An event's own places not beyond the site's maximum. */
	record_init(&r, &model_site_event);
	record_set(&r, model_field_index(&model_site_event, "internship_site_id"), sid);
	record_set(&r, model_field_index(&model_site_event, "title"), "Лишние места");
	record_set(&r, model_field_index(&model_site_event, "level"), "regional");
	record_set(&r, model_field_index(&model_site_event, "places"), "3");
	assert_int_equal(store_insert(s, &a, &model_site_event, &r), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "максимум стажировочных мест площадки (2)"));
	record_set(&r, model_field_index(&model_site_event, "places"), "1");
	record_set(&r, model_field_index(&model_site_event, "title"), "Стажировка 2");
	record_set(&r, model_field_index(&model_site_event, "start_date"), "2027-03-01");
	assert_int_equal(store_insert(s, &a, &model_site_event, &r), ST_OK);
	e2 = r.id;
	record_free(&r);
	/* Changed later: the event's places, or the site's maximum below them. */
	assert_int_equal(store_get(s, &model_site_event, NULL, e2, &r), ST_OK);
	record_set(&r, model_field_index(&model_site_event, "places"), "5");
	assert_int_equal(store_update(s, &a, &model_site_event, &r, NULL), ST_CONSTRAINT);
	record_free(&r);
	assert_int_equal(store_get(s, &model_internship_site, NULL, site, &r), ST_OK);
	record_set(&r, model_field_index(&model_internship_site, "max_places"), "0");
	assert_int_equal(store_update(s, &a, &model_internship_site, &r, NULL), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "не может быть меньше"));
	record_free(&r);
	assert_int_equal(store_int64(s, "SELECT max_places FROM internship_site"), 2);
	assert_int_equal(store_int64(s, "SELECT places FROM event WHERE title = 'Стажировка 2'"), 1);

	assert_int_equal(sqlite3_exec(store_db(s),
		"INSERT INTO event (title, level, start_date, internship_site_id) VALUES ('Стажировка 1', 'regional',"
		" '2027-02-01', (SELECT max(id) FROM internship_site));"
		"INSERT INTO event (title, level, start_date, end_date, internship_site_id) VALUES ('Поздняя',"
		" 'regional', '2029-11-20', '2029-12-05', (SELECT max(id) FROM internship_site));"
		"INSERT INTO iom (person_id, status) SELECT id, 'draft' FROM person ORDER BY id LIMIT 3;",
		NULL, NULL, NULL), SQLITE_OK);
	e1 = store_int64(s, "SELECT id FROM event WHERE title = 'Стажировка 1'");
	e3 = store_int64(s, "SELECT id FROM event WHERE title = 'Поздняя'");
	iom1 = store_int64(s, "SELECT min(id) FROM iom");

	/* Not granted yet: no booking. */
	assert_int_equal(store_iom_accept_event(s, &a, iom1, e1, &act), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "не действует"));
	memset(&m, 0, sizeof m);
	m.to = "granted";
	m.date = "2026-11-20";
	m.granted_from = "2026-12-01";
	m.granted_to = "2029-11-30";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);   /* reviewed first */
	m.to = "review";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_OK);
	m.to = "granted";
	m.granted_to = "2030-01-01";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "3 года"));
	m.granted_to = "2029-11-30";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_OK);
	m.to = "expired";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);   /* the term runs */

	/* Entered on 25.11.2026, before the term begins: refused though the
	 * event is inside it. */
	today_set("2026-11-25");
	assert_int_equal(store_iom_accept_event(s, &a, iom1, e1, &act), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "с 01.12.2026 по 30.11.2029"));
	today_set("2026-12-10");
	/* An event past the term: refused. */
	assert_int_equal(store_iom_accept_event(s, &a, iom1, e3, &act), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "вне срока площадки"));

	/* Event 1 has the site's two places, event 2 its own one. */
	assert_int_equal(store_iom_accept_event(s, &a, iom1, e1, &act), ST_OK);
	assert_int_equal(store_iom_accept_event(s, &a, iom1 + 1, e1, &act), ST_OK);
	assert_int_equal(store_iom_accept_event(s, &a, iom1 + 2, e1, &act), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "занято 2 из 2"));
	/* Event 1's bookings do not use event 2's place. */
	assert_int_equal(store_iom_accept_event(s, &a, iom1 + 2, e2, &act), ST_OK);
	assert_int_equal(store_iom_accept_event(s, &a, iom1, e2, &act), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "занято 1 из 1"));
	assert_int_equal(store_site_event_places(s, e1, &used, &places), ST_OK);
	assert_int_equal(used, 2);
	assert_int_equal(places, 2);
	assert_int_equal(store_site_event_places(s, e2, &used, &places), ST_OK);
	assert_int_equal(used, 1);
	assert_int_equal(places, 1);
	assert_int_equal(store_site_event_count(s, site, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_site_event_page(s, site, &req, &pg), ST_OK);
	assert_int_equal(pg.n, 3);
	assert_string_equal(pg.rows[0].cols[2], "занято 2 из 2");
	assert_string_equal(pg.rows[1].cols[2], "занято 1 из 1");
	assert_string_equal(pg.rows[2].cols[2], "занято 0 из 2");
	page_free(&pg);

	/* Ended early on 31.01.2027: the three bookings after it are listed,
	 * and the end is refused until they are seen. */
	today_set("2027-01-15");
	m.to = "terminated";
	m.date = "2027-01-31";
	m.reason = NULL;
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);
	m.reason = "no_demand";
	m.date = "2029-11-30";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "и так кончается"));
	m.date = "2027-01-31";
	assert_int_equal(store_site_ending_count(s, site, "2027-01-31", &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_site_ending_count(s, site, "2027-02-15", &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_site_ending_page(s, &all, site, "2027-01-31", &req, &pg), ST_OK);
	assert_int_equal(pg.n, 3);
	assert_string_equal(pg.rows[0].cols[1], "Стажировка 1");
	assert_string_equal(pg.rows[0].cols[2], "01.02.2027");
	assert_string_equal(pg.rows[2].cols[1], "Стажировка 2");
	assert_null(strstr(pg.rows[0].cols[0], "данные закрыты"));
	page_free(&pg);
	{
		struct store_scope none = { false, 0, 0, NULL, NULL };
		assert_int_equal(store_site_ending_page(s, &none, site, "2027-01-31", &req, &pg), ST_OK);
		assert_int_equal(pg.n, 3);
		assert_non_null(strstr(pg.rows[0].cols[0], "данные закрыты"));
		page_free(&pg);
	}
	m.affected_seen = 2;
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "записей ИОМ: 3"));
	assert_int_equal(store_int64(s, "SELECT state = 'granted' FROM internship_site"), 1);
	assert_int_equal(store_int64(s, "SELECT count(*) FROM iom_note"), 0);
	m.affected_seen = 3;
	assert_int_equal(store_site_move(s, &a, site, &m), ST_OK);
	assert_int_equal(store_int64(s, "SELECT state = 'terminated' AND termination_date = '2027-01-31'"
					" FROM internship_site"), 1);
	/* Nothing lost: the bookings stay, each card has its note. */
	assert_int_equal(store_int64(s, "SELECT count(*) FROM iom_activity WHERE internship_site_id IS NOT NULL"), 3);
	assert_int_equal(store_int64(s, "SELECT count(*) FROM iom_note WHERE kind = 'correction'"
					" AND text LIKE '%только по 31.01.2027%'"), 3);
	assert_int_equal(store_int64(s, "SELECT count(DISTINCT iom_id) FROM iom_note"), 3);
	store_close(s);
	today_set(NULL);
	test_remove_db(path);
}

/* Later edits keep the rules: an application's date stays in the window
 * of the day it was entered (its journal "create" row, else the window of
 * the date it was stored with); an event moved to another site fits the new
 * site's maximum, and its places never drop below its bookings. Each refusal
 * leaves the row as it was. */
static void test_store_edits(void **state)
{
	char path[64], err[300];
	struct actor a = { 0, "test", "test" };
	const struct table_desc *t = &model_internship_site, *et = &model_site_event;
	struct store *s;
	struct record r;
	int64_t s1, s2, old, ev;
	int di = model_field_index(t, "applied_date");

	(void)state;
	snprintf(path, sizeof path, "/tmp/marshrut-sitesed-%d.db", (int)getpid());
	test_remove_db(path);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 30, err, sizeof err), ST_OK);
	today_set("2026-12-10");
	/* Entered on 05.10.2026 (its journal row), and one older than the rule
	 * with no such row, dated 01.08.2025. */
	assert_int_equal(sqlite3_exec(store_db(s),
		"DELETE FROM event WHERE internship_site_id IS NOT NULL;"
		"DELETE FROM internship_site;"
		"INSERT INTO internship_site (org_id, applied_date, direction, topic, bearer, format, max_places)"
		" SELECT min(id), '2026-10-01', 'fgos', 'Тема', 'org', 'group', 2 FROM organisation;"
		"INSERT INTO audit (at, action, tbl, record_id, field, after) SELECT '2026-10-05 09:00:00',"
		" 'create', 'internship_site', max(id), 'applied_date', '2026-10-01' FROM internship_site;"
		"INSERT INTO internship_site (org_id, applied_date, direction, topic, bearer, format, max_places)"
		" SELECT min(id), '2025-08-01', 'fgos', 'Тема', 'org', 'group', 1 FROM organisation;",
		NULL, NULL, NULL), SQLITE_OK);
	s1 = store_int64(s, "SELECT min(id) FROM internship_site");
	old = store_int64(s, "SELECT max(id) FROM internship_site");

	/* Before the window, and after the entry day: refused, unchanged. */
	assert_int_equal(store_get(s, t, NULL, s1, &r), ST_OK);
	record_set(&r, di, "2026-08-20");
	assert_int_equal(store_update(s, &a, t, &r, NULL), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "Дата заявки: заявка от 20.08.2026 вне приёма 2026 года"));
	record_set(&r, di, "2026-10-10");
	assert_int_equal(store_update(s, &a, t, &r, NULL), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "позже сегодняшнего дня (05.10.2026)"));
	assert_int_equal(store_int64(s, "SELECT applied_date = '2026-10-01' FROM internship_site"
					" WHERE id = (SELECT min(id) FROM internship_site)"), 1);
	/* Inside the window, not after the entry day: stored. */
	record_set(&r, di, "2026-09-15");
	assert_int_equal(store_update(s, &a, t, &r, NULL), ST_OK);
	record_free(&r);
	assert_int_equal(store_int64(s, "SELECT applied_date = '2026-09-15' FROM internship_site"
					" WHERE id = (SELECT min(id) FROM internship_site)"), 1);

	/* The old row: other fields change with its date as it is; a new date
	 * only inside the window of 2025. */
	assert_int_equal(store_get(s, t, NULL, old, &r), ST_OK);
	record_set(&r, model_field_index(t, "topic"), "Новая тема");
	assert_int_equal(store_update(s, &a, t, &r, NULL), ST_OK);
	record_set(&r, di, "2025-12-01");
	assert_int_equal(store_update(s, &a, t, &r, NULL), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "Дата заявки:"));
	assert_int_equal(store_int64(s, "SELECT applied_date = '2025-08-01' FROM internship_site"
					" WHERE id = (SELECT max(id) FROM internship_site)"), 1);
	record_set(&r, di, "2025-10-01");
	assert_int_equal(store_update(s, &a, t, &r, NULL), ST_OK);
	record_free(&r);

	/* An event on site 1 (maximum 2) with its own 2 places, both booked;
	 * site 2 ("old", maximum 1). */
	s2 = old;
	assert_int_equal(sqlite3_exec(store_db(s),
		"INSERT INTO event (title, level, places, internship_site_id) SELECT 'Записано двое',"
		" 'regional', 2, min(id) FROM internship_site;"
		"INSERT INTO iom (person_id, status) SELECT id, 'draft' FROM person ORDER BY id LIMIT 2;"
		"INSERT INTO iom_activity (iom_id, category, activity, event_id)"
		" SELECT id, 1, 'Запись на тест', (SELECT max(id) FROM event) FROM iom"
		" ORDER BY id DESC LIMIT 2;",
		NULL, NULL, NULL), SQLITE_OK);
	ev = store_int64(s, "SELECT max(id) FROM event");
	assert_int_equal(store_get(s, et, NULL, ev, &r), ST_OK);
	/* Moved to a site whose maximum its places exceed: refused. */
	{
		char id2[32];
		snprintf(id2, sizeof id2, "%lld", (long long)s2);
		record_set(&r, model_field_index(et, "internship_site_id"), id2);
	}
	assert_int_equal(store_update(s, &a, et, &r, NULL), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "максимум стажировочных мест площадки (1)"));
	assert_int_equal(store_int64(s, "SELECT internship_site_id FROM event WHERE id ="
					" (SELECT max(id) FROM event)"), s1);
	record_free(&r);
	/* Fewer places than booked: refused; as many: stored. */
	assert_int_equal(store_get(s, et, NULL, ev, &r), ST_OK);
	record_set(&r, model_field_index(et, "places"), "1");
	assert_int_equal(store_update(s, &a, et, &r, NULL), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "мест не может быть меньше, чем уже записано на мероприятие: 2"));
	assert_int_equal(store_int64(s, "SELECT places FROM event WHERE id = (SELECT max(id) FROM event)"), 2);
	/* Emptied, so the site's maximum 2 counts: stored. */
	record_set(&r, model_field_index(et, "places"), NULL);
	assert_int_equal(store_update(s, &a, et, &r, NULL), ST_OK);
	record_free(&r);
	/* With one booking left, moved to site 2 with its own 1 place: stored. */
	assert_int_equal(sqlite3_exec(store_db(s), "UPDATE iom_activity SET archived = 1 WHERE id ="
				      " (SELECT max(id) FROM iom_activity WHERE activity = 'Запись на тест')",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_get(s, et, NULL, ev, &r), ST_OK);
	{
		char id2[32];
		snprintf(id2, sizeof id2, "%lld", (long long)s2);
		record_set(&r, model_field_index(et, "internship_site_id"), id2);
	}
	record_set(&r, model_field_index(et, "places"), "1");
	assert_int_equal(store_update(s, &a, et, &r, NULL), ST_OK);
	record_free(&r);
	assert_int_equal(store_int64(s, "SELECT internship_site_id = (SELECT max(id) FROM internship_site)"
					" AND places = 1 FROM event WHERE id = (SELECT max(id) FROM event)"), 1);
	store_close(s);
	today_set(NULL);
	test_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_grant_term),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_booking_rule),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_store_edits),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
