/* The ИОМ card in the store (src/store/iom.c): numbers from the year's
 * sequence (sequential, formatted, unique, never reused), the card read with
 * its names, versioned edits, lifecycle moves with their dates, the history
 * of changes after approval with the three confirmations, the cards in a
 * scope, the roadmap page, proposals from the events catalogue and the demo
 * catalogue itself. Every test has its own temporary database (demo region,
 * the shipped codifier, the demo events), removed by the teardown. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "catalog.h"
#include "config.h"
#include "route.h"
#include "store/diag.h"
#include "store/iom.h"
#include "store/iom_review.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util.h"

struct fx {
	char path[64];
	struct store *s;
	struct config *cfg;
	int64_t person, other;       /* teachers of two different organisations */
	int64_t org, other_org;
	int64_t curator;             /* the demo curator's person */
	int64_t diag, other_diag;    /* entry diagnostics of person and other */
	struct actor regional, curator_user, school_user, teacher_user;
	int year;
	char today[11];
};

static int64_t user_id(struct store *s, const char *login)
{
	return store_int(s, "SELECT id FROM app_user WHERE login = ?", "t", login);
}

static int64_t code_id(struct fx *f, const char *code)
{
	int64_t id = store_int(f->s, "SELECT id FROM deficit_code WHERE code = ?", "t", code);
	assert_true(id > 0);
	return id;
}

/* An entry diagnostic of person with the given deficit codes. */
static int64_t make_diag(struct fx *f, int64_t person, const char *const *codes, int n)
{
	struct diagnostic d;
	int64_t id;

	diag_init(&d);
	d.person_id = person;
	strcpy(d.form, "standardized");
	strcpy(d.kind, "entry");
	strcpy(d.date, "2026-09-15");
	d.ndeficits = n;
	for (int i = 0; i < n; i++)
		d.deficit_ids[i] = code_id(f, codes[i]);
	assert_int_equal(store_diag_save(f->s, &f->regional, f->cfg, &d), ST_OK);
	id = d.id;
	diag_free(&d);
	return id;
}

static int setup(void **state)
{
	static const char *const codes[] = { "М-3", "К-2" };
	static const char *const other_codes[] = { "Ц-1" };
	struct fx *f = xcalloc(1, sizeof *f);
	struct codifier_entry *e;
	char err[512] = "";
	int fd, n, added;

	*state = f;
	strlcpy0(f->path, "/tmp/test_iom_XXXXXX", sizeof f->path);
	fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	f->s = store_open(f->path, true, err, sizeof err);
	if (f->s == NULL) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	if (store_demo_fill(f->s, 60, err, sizeof err) != ST_OK) {
		fprintf(stderr, "store_demo_fill: %s\n", err);
		return -1;
	}
	n = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	if (n <= 0) {
		fprintf(stderr, "codifier: %s\n", err);
		return -1;
	}
	f->regional = (struct actor){ user_id(f->s, "regional"), "regional", "ivanov" };
	if (store_codifier_import(f->s, &f->regional, e, n, &added) != ST_OK)
		return -1;
	catalog_free_codifier(e, n);
	if (store_demo_events(f->s, err, sizeof err) != ST_OK) {
		fprintf(stderr, "store_demo_events: %s\n", err);
		return -1;
	}
	f->cfg = config_defaults();
	/* «Today» fixed: cards are developed on 20.11.2026 and start later. */
	today_set("2026-11-20");
	f->curator_user = (struct actor){ user_id(f->s, "curator"), "curator", "petrova" };
	f->school_user = (struct actor){ user_id(f->s, "school"), "school", "sidorova" };
	f->teacher_user = (struct actor){ user_id(f->s, "teacher"), "teacher", "teacher" };
	f->curator = store_int(f->s, "SELECT person_id FROM app_user WHERE login = 'curator'", NULL);
	f->person = store_int(f->s, "SELECT min(id) FROM person WHERE is_manager = 0"
			      " AND org_id IS NOT NULL AND id <> ?", "i", f->curator);
	f->org = store_int(f->s, "SELECT org_id FROM person WHERE id = ?", "i", f->person);
	f->other = store_int(f->s, "SELECT min(id) FROM person WHERE is_manager = 0"
			     " AND org_id IS NOT NULL AND org_id <> ? AND id <> ?", "ii", f->org, f->curator);
	f->other_org = store_int(f->s, "SELECT org_id FROM person WHERE id = ?", "i", f->other);
	today_iso(f->today);
	f->year = atoi(f->today);
	if (f->person <= 0 || f->other <= 0 || f->curator <= 0 || f->regional.user_id <= 0 ||
	    f->curator_user.user_id <= 0 || f->school_user.user_id <= 0)
		return -1;
	f->diag = make_diag(f, f->person, codes, 2);
	f->other_diag = make_diag(f, f->other, other_codes, 1);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f == NULL)
		return 0;
	store_close(f->s);
	config_free(f->cfg);
	today_set(NULL);
	test_remove_db(f->path);
	free(f);
	*state = NULL;
	return 0;
}

static int64_t count(struct fx *f, const char *sql, int64_t a)
{
	return store_int(f->s, sql, "i", a);
}

/* A lifecycle move through the guarded path. */
static int mv(struct fx *f, const struct actor *a, int64_t id, int64_t version, const char *to,
	      const char *reason, const char *new_end)
{
	struct iom_move_args m = { to, reason, new_end, NULL, NULL, 0 };
	return store_iom_move(f->s, a, f->cfg, id, version, &m);
}

/* A model 1 draft of the fixture's person. */
static int64_t new_card(struct fx *f, struct iom_head *h)
{
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 1, f->diag,
					  f->curator, 0, h), ST_OK);
	return h->id;
}

static void expect_number(struct fx *f, const char *number, int seq)
{
	char want[80];

	snprintf(want, sizeof want, "ИОМ-%d-%06d", f->year, seq);
	assert_string_equal(number, want);
}

/* --- numbers ----------------------------------------------------------------- */

static void test_numbers(void **state)
{
	struct fx *f = *state;
	struct iom_head a, b, c, x;
	char *lower, *fmt, taken[80];

	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 1, f->diag,
					  f->curator, 0, &a), ST_OK);
	expect_number(f, a.number, 1);
	assert_string_equal(a.status, "draft");
	assert_string_equal(a.developed, f->today);
	assert_int_equal(a.org_id, f->org);
	assert_int_equal(a.model, 1);
	assert_int_equal(a.entry_diag_id, f->diag);
	assert_int_equal(a.version, 1);
	assert_int_equal(count(f, "SELECT created_by FROM iom WHERE id = ?", a.id), f->regional.user_id);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE tbl = 'iom' AND record_id = ?"
			       " AND action = 'create' AND field = 'number'", a.id), 1);

	/* Refused creations consume no number: a diagnostic of another person,
	 * a bad model, model 1 without a diagnostic, an unusable format. */
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 1, f->other_diag,
					  0, 0, &x), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "другого педагога"));
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 4, f->diag, 0, 0, &x),
			 ST_CONSTRAINT);
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 1, 0, 0, 0, &x),
			 ST_CONSTRAINT);
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 1, f->diag,
					  f->person, 0, &x), ST_CONSTRAINT);
	fmt = f->cfg->iom_number_format;
	f->cfg->iom_number_format = xstrdup("ИОМ-%Y-%Q");
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 2, 0, 0, 0, &x),
			 ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "формат номера ИОМ"));
	free(f->cfg->iom_number_format);
	f->cfg->iom_number_format = fmt;
	assert_int_equal(count(f, "SELECT count(*) FROM iom WHERE id > ?", a.id), 0);

	/* Model 2 needs no diagnostic; the next number follows. */
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 2, 0, 0, 0, &b),
			 ST_OK);
	expect_number(f, b.number, 2);
	assert_int_equal(b.entry_diag_id, 0);

	/* A deleted card's number is not given again. */
	assert_int_equal(store_run(f->s, "DELETE FROM iom WHERE id = ?", "i", b.id), ST_OK);
	assert_int_equal(store_iom_get(f->s, b.id, &x), ST_NOTFOUND);
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->other, 1, f->other_diag,
					  0, 0, &c), ST_OK);
	expect_number(f, c.number, 3);
	iom_free(&c);

	/* A number of that form already taken (an import) is skipped. */
	snprintf(taken, sizeof taken, "ИОМ-%d-%06d", f->year, 4);
	assert_int_equal(store_run(f->s, "INSERT INTO iom (number, person_id) VALUES (?, ?)", "ti",
				   taken, f->other), ST_OK);
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->other, 2, 0, 0, 0, &c),
			 ST_OK);
	expect_number(f, c.number, 5);
	assert_int_equal(count(f, "SELECT last FROM iom_number_seq WHERE year = ?", f->year), 5);
	assert_int_equal(store_int(f->s, "SELECT count(*) - count(DISTINCT number) FROM iom", NULL), 0);

	/* Found by number, also typed in lower case. */
	assert_int_equal(store_iom_by_number(f->s, a.number), a.id);
	lower = xasprintf("иом-%d-000001", f->year);
	assert_int_equal(store_iom_by_number(f->s, lower), a.id);
	free(lower);
	assert_int_equal(store_iom_by_number(f->s, "ИОМ-1999-000001"), 0);
	assert_int_equal(store_iom_by_number(f->s, ""), 0);
	iom_free(&a);
	iom_free(&b);
	iom_free(&c);
}

/* --- reading and editing --------------------------------------------------------- */

static void test_get_update(void **state)
{
	struct fx *f = *state;
	struct iom_head h, stale, r;
	char *name, *org, *cur;
	int64_t id = new_card(f, &h), last;

	name = store_ref_name(f->s, "person", f->person);
	org = store_ref_name(f->s, "organisation", f->org);
	cur = store_ref_name(f->s, "person", f->curator);
	assert_true(strlen(name) > 5 && strchr(name, ' ') != NULL);
	assert_string_equal(h.person_name, name);
	assert_string_equal(h.org_name, org);
	assert_string_equal(h.curator_name, cur);
	assert_string_equal(h.developer_name, "");
	assert_int_equal(h.person_id, f->person);
	assert_int_equal(h.final_event_participants, -1);
	assert_null(h.tasks);

	assert_int_equal(store_iom_get(f->s, id, &stale), ST_OK);
	last = store_int(f->s, "SELECT max(id) FROM audit", NULL);
	h.tasks = xstrdup("Освоить приёмы формирования функциональной грамотности;\nпровести открытый урок");
	strcpy(h.start, "2026-12-01");
	strcpy(h.end, "2027-06-30");
	h.developer_id = f->curator;
	h.curator_id = 0;
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	assert_int_equal(h.version, 2);
	assert_string_equal(h.developer_name, cur);
	assert_string_equal(h.curator_name, "");
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE id > ? AND action = 'update'"
			       " AND tbl = 'iom'", last), 5);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE id > ? AND field = 'end_date'"
				   " AND before IS NULL AND after = '2027-06-30' AND login = 'regional'",
				   "i", last), 1);
	/* Not approved yet: no history rows. */
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", id), 0);

	assert_int_equal(store_iom_get(f->s, id, &r), ST_OK);
	assert_string_equal(r.tasks, h.tasks);
	assert_string_equal(r.start, "2026-12-01");
	assert_int_equal(r.curator_id, 0);
	assert_int_equal(r.developer_id, f->curator);
	assert_string_equal(r.developer_name, cur);
	iom_free(&r);

	/* The same values again: no version, no audit. */
	last = store_int(f->s, "SELECT max(id) FROM audit", NULL);
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	assert_int_equal(h.version, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE id > ?", last), 0);

	/* A stale copy is refused and changes nothing. */
	stale.final_event = xstrdup("Выступление на заседании МО");
	assert_int_equal(store_iom_update(f->s, &f->regional, &stale), ST_CONFLICT);
	assert_int_equal(count(f, "SELECT count(*) FROM iom WHERE id = ? AND final_event IS NULL", id), 1);
	assert_int_equal(count(f, "SELECT version FROM iom WHERE id = ?", id), 2);

	/* Refused values. */
	strcpy(h.end, "2026-11-01");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_CONSTRAINT);
	strcpy(h.end, "2027-06-30");
	h.final_diag_id = f->other_diag;
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_CONSTRAINT);
	h.final_diag_id = 0;
	strcpy(h.outcome, "maybe");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_CONSTRAINT);
	h.outcome[0] = '\0';
	h.model = 7;
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_CONSTRAINT);
	h.model = 1;
	/* The final event's fields. */
	h.final_event = xstrdup("Мастер-класс для учителей района");
	strcpy(h.final_event_level, "municipal");
	h.final_event_participants = 25;
	strcpy(h.final_event_date, "2027-05-20");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	assert_int_equal(h.version, 3);
	assert_int_equal(count(f, "SELECT final_event_participants FROM iom WHERE id = ?", id), 25);
	assert_int_equal(store_iom_get(f->s, id, &r), ST_OK);
	assert_string_equal(r.final_event_level, "municipal");
	assert_string_equal(r.final_event_date, "2027-05-20");
	assert_int_equal(r.final_event_participants, 25);
	iom_free(&r);
	iom_free(&h);
	iom_free(&stale);
	free(name);
	free(org);
	free(cur);
}

/* --- moves ------------------------------------------------------------------------ */

static int64_t add_activity(struct fx *f, const struct actor *a, int64_t iom_id, const char *what)
{
	const struct table_desc *t = &model_iom_activity;
	struct record rec;
	char buf[24];
	int64_t id;

	record_init(&rec, t);
	snprintf(buf, sizeof buf, "%lld", (long long)iom_id);
	record_set(&rec, model_field_index(t, "iom_id"), buf);
	record_set(&rec, model_field_index(t, "category"), "2");
	record_set(&rec, model_field_index(t, "activity"), what);
	record_set(&rec, model_field_index(t, "start_date"), "2027-02-01");
	assert_int_equal(store_insert(f->s, a, t, &rec), ST_OK);
	id = rec.id;
	record_free(&rec);
	return id;
}

/* A roadmap change through the generic save path (records.c). */
static void set_activity(struct fx *f, const struct actor *a, int64_t id, const char *col,
			 const char *value)
{
	const struct table_desc *t = &model_iom_activity;
	struct record rec;

	assert_int_equal(store_get(f->s, t, NULL, id, &rec), ST_OK);
	record_set(&rec, model_field_index(t, col), value);
	assert_int_equal(store_update(f->s, a, t, &rec, NULL), ST_OK);
	record_free(&rec);
}

/* What the checks before review ask for: dates within the period after
 * the development date, tasks, and a roadmap row for each deficit. */
static void prepare(struct fx *f, int64_t id)
{
	struct iom_head h;
	struct route_facts facts;

	assert_int_equal(store_iom_get(f->s, id, &h), ST_OK);
	if (h.tasks == NULL)
		h.tasks = xstrdup("Освоить приёмы смыслового чтения");
	if (!h.start[0])
		strcpy(h.start, "2026-12-01");
	if (!h.end[0])
		strcpy(h.end, "2027-06-30");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	iom_free(&h);
	assert_int_equal(store_iom_move_facts(f->s, id, &facts), ST_OK);
	if (facts.rows == 0 && facts.uncovered_n == 0)
		add_activity(f, &f->regional, id, "Заседание школьного МО");
	if (facts.uncovered_n > 0) {
		int64_t act = add_activity(f, &f->regional, id, "Курс по дефицитам диагностики");
		set_activity(f, &f->regional, act, "deficit_codes", facts.uncovered);
	}
}


static void approve(struct fx *f, int64_t id)
{
	static const char *const path[] = { "review", "final_form", "approved" };
	struct iom_head g;

	prepare(f, id);
	for (size_t i = 0; i < NITEMS(path); i++) {
		assert_int_equal(store_iom_get(f->s, id, &g), ST_OK);
		if (mv(f, &f->regional, id, g.version, path[i], NULL, NULL) != ST_OK)
			fail_msg("%s: %s", path[i], store_errmsg(f->s));
		iom_free(&g);
	}
}

/* A final diagnostic of the fixture's person dated `date`. */
static int64_t final_diag(struct fx *f, const char *date)
{
	struct diagnostic d;
	int64_t id;

	diag_init(&d);
	d.person_id = f->person;
	strcpy(d.form, "standardized");
	strcpy(d.kind, "final");
	strcpy(d.date, date);
	assert_int_equal(store_diag_save(f->s, &f->regional, f->cfg, &d), ST_OK);
	id = d.id;
	diag_free(&d);
	return id;
}

static int64_t version_of(struct fx *f, int64_t id)
{
	return count(f, "SELECT version FROM iom WHERE id = ?", id);
}

static void test_moves(void **state)
{
	struct fx *f = *state;
	struct iom_head h, g;
	int64_t id = new_card(f, &h), other_id, school_person, act, fin;
	char *v;

	prepare(f, id);
	act = count(f, "SELECT max(id) FROM iom_activity WHERE iom_id = ?", id);
	assert_int_equal(version_of(f, id), 2);

	assert_int_equal(mv(f, &f->regional, id, 2, "nowhere", NULL, NULL), ST_CONSTRAINT);
	assert_int_equal(mv(f, &f->regional, id, 1, "review", NULL, NULL), ST_CONFLICT);
	assert_int_equal(mv(f, &f->regional, id, 2, "review", NULL, NULL), ST_OK);
	assert_int_equal(store_iom_get(f->s, id, &g), ST_OK);
	assert_string_equal(g.status, "review");
	assert_string_equal(g.review_sent, f->today);
	assert_int_equal(g.version, 3);
	iom_free(&g);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'iom' AND record_id = ?"
				   " AND action = 'status' AND field = 'status' AND before = 'draft'"
				   " AND after = 'review'", "i", id), 1);

	assert_int_equal(mv(f, &f->regional, id, 3, "final_form", NULL, NULL), ST_OK);
	v = store_text(f->s, "SELECT corrected_date FROM iom WHERE id = ?", "i", id);
	assert_string_equal(v, f->today);
	free(v);

	/* The head approves, with the paper order: both its number and date. */
	{
		struct iom_move_args m = { "approved", NULL, NULL, "17-о", NULL, 0 };
		assert_int_equal(store_iom_move(f->s, &f->school_user, f->cfg, id, 4, &m), ST_CONSTRAINT);
		assert_non_null(strstr(store_errmsg(f->s), "и номер, и дата"));
		m.order_date = "2026-12-31";
		assert_int_equal(store_iom_move(f->s, &f->school_user, f->cfg, id, 4, &m), ST_CONSTRAINT);
		assert_non_null(strstr(store_errmsg(f->s), "позже сегодняшнего"));
		m.order_date = "2026-11-19";
		assert_int_equal(store_iom_move(f->s, &f->school_user, f->cfg, id, 4, &m), ST_OK);
	}
	school_person = store_int(f->s, "SELECT person_id FROM app_user WHERE id = ?", "i",
				  f->school_user.user_id);
	assert_int_equal(store_iom_get(f->s, id, &g), ST_OK);
	assert_string_equal(g.status, "approved");
	assert_string_equal(g.approved, f->today);
	assert_string_equal(g.order_no, "17-о");
	assert_string_equal(g.order_date, "2026-11-19");
	iom_free(&g);
	assert_int_equal(count(f, "SELECT coalesce(approved_by_id, 0) FROM iom WHERE id = ?", id),
			 school_person);
	/* Approval itself is no change to confirm. */
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", id), 0);

	/* Nor is a later move: moves are kept in the audit log. */
	assert_int_equal(mv(f, &f->curator_user, id, 5, "in_progress", NULL, NULL), ST_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", id), 0);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'iom' AND record_id = ?"
				   " AND field = 'status' AND before = 'approved' AND after = 'in_progress'"
				   " AND login = 'curator'", "i", id), 1);

	/* Prolongation needs the final diagnostic and a continuation's end
	 * within the allowed period. */
	assert_int_equal(mv(f, &f->curator_user, id, 6, "prolonged", NULL, "2027-12-31"), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "не выбрана итоговая диагностика"));
	fin = final_diag(f, "2026-11-18");
	assert_int_equal(store_iom_get(f->s, id, &g), ST_OK);
	g.final_diag_id = fin;
	assert_int_equal(store_iom_update(f->s, &f->curator_user, &g), ST_OK);
	iom_free(&g);
	/* The final diagnostic concludes the route: no change to sign (§5.11). */
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", id), 0);
	assert_int_equal(store_iom_confirm(f->s, &f->school_user, id, "school", NULL), ST_OK);
	assert_int_equal(store_iom_confirm(f->s, &f->teacher_user, id, "teacher", NULL), ST_OK);
	assert_int_equal(mv(f, &f->curator_user, id, 7, "prolonged", NULL, "2026-01-01"), ST_CONSTRAINT);
	assert_int_equal(mv(f, &f->curator_user, id, 7, "prolonged", NULL, "31.12.2027"), ST_CONSTRAINT);
	assert_int_equal(mv(f, &f->curator_user, id, 7, "prolonged", NULL, "2026-12-31"), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "от 6 месяцев"));
	assert_int_equal(mv(f, &f->curator_user, id, 7, "prolonged", NULL, NULL), ST_CONSTRAINT);
	{
		struct iom_move_args m = { "prolonged", NULL, "2027-12-31", NULL, NULL, 0 };
		struct iom_head c;
		assert_int_equal(store_iom_move(f->s, &f->curator_user, f->cfg, id, 7, &m), ST_OK);
		assert_true(m.continuation_id > 0);
		assert_int_equal(store_iom_get(f->s, id, &g), ST_OK);
		assert_string_equal(g.status, "prolonged");
		assert_string_equal(g.outcome, "prolongation");
		assert_string_equal(g.end, "2027-06-30");
		assert_int_equal(g.next_id, m.continuation_id);
		/* The continuation: a draft from the first card's final diagnostic. */
		assert_int_equal(store_iom_get(f->s, m.continuation_id, &c), ST_OK);
		assert_string_equal(c.status, "draft");
		assert_int_equal(c.prev_id, id);
		assert_string_equal(c.prev_number, g.number);
		assert_string_equal(g.next_number, c.number);
		assert_int_equal(c.entry_diag_id, fin);
		assert_int_equal(c.curator_id, g.curator_id);
		assert_int_equal(c.model, 1);
		assert_string_equal(c.tasks, g.tasks);
		assert_string_equal(c.start, f->today);
		assert_string_equal(c.end, "2027-12-31");
		iom_free(&c);
		iom_free(&g);
	}

	/* Completion: every row marked done or given a reason. */
	assert_int_equal(mv(f, &f->curator_user, id, 8, "completed", NULL, NULL), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "без отметки"));
	store_run(f->s, "UPDATE iom_activity SET done = 1 WHERE id = ?", "i", act);
	assert_int_equal(mv(f, &f->curator_user, id, 8, "completed", NULL, NULL), ST_OK);
	assert_int_equal(store_iom_get(f->s, id, &g), ST_OK);
	assert_string_equal(g.status, "completed");
	assert_string_equal(g.completed, f->today);
	assert_string_equal(g.outcome, "success");
	assert_int_equal(g.version, 9);
	iom_free(&g);

	/* Cancelled with its reason. */
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->other, 1, f->other_diag, 0,
					  0, &g), ST_OK);
	other_id = g.id;
	iom_free(&g);
	assert_int_equal(mv(f, &f->regional, other_id, 1, "cancelled", "педагог уволился", NULL), ST_OK);
	assert_int_equal(store_iom_get(f->s, other_id, &g), ST_OK);
	assert_string_equal(g.status, "cancelled");
	assert_string_equal(g.cancel_reason, "педагог уволился");
	iom_free(&g);
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", other_id), 0);
	iom_free(&h);
}

/* The facts the checks read, and the refusals through the store. */
static void test_guards(void **state)
{
	struct fx *f = *state;
	struct iom_head h;
	struct route_facts facts;
	int64_t id = new_card(f, &h), ev, act, own, fin;
	const char *e;
	int lines = 0;

	assert_int_equal(store_iom_move_facts(f->s, id, &facts), ST_OK);
	assert_string_equal(facts.today, "2026-11-20");
	assert_string_equal(facts.developed, "2026-11-20");
	assert_string_equal(facts.start, "");
	assert_false(facts.has_tasks);
	assert_int_equal(facts.rows, 0);
	assert_int_equal(facts.uncovered_n, 2);
	assert_string_equal(facts.uncovered, "К-2, М-3");
	assert_false(facts.has_final_diag);
	/* A blank draft goes nowhere, and says what it lacks, one a line. */
	assert_int_equal(mv(f, &f->regional, id, 1, "review", NULL, NULL), ST_CONSTRAINT);
	e = store_errmsg(f->s);
	for (const char *p = e; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 3);
	assert_non_null(strstr(e, "не указан срок реализации"));
	assert_non_null(strstr(e, "не сформулированы задачи"));
	assert_non_null(strstr(e, "дорожная карта пуста"));
	assert_non_null(strstr(e, "для дефицитов: К-2, М-3"));
	assert_int_equal(count(f, "SELECT count(*) FROM iom WHERE id = ? AND status = 'draft' AND version = 1", id), 1);

	/* A catalogue event addressing М-3 covers it; a row of one's own
	 * naming К-2 covers that. */
	ev = store_int(f->s, "SELECT id FROM event WHERE title = 'Формирование функциональной грамотности обучающихся'", NULL);
	assert_int_equal(store_iom_accept_event(f->s, &f->regional, id, ev, &act), ST_OK);
	assert_int_equal(store_iom_move_facts(f->s, id, &facts), ST_OK);
	assert_int_equal(facts.rows, 1);
	assert_int_equal(facts.uncovered_n, 1);
	assert_string_equal(facts.uncovered, "К-2");
	own = add_activity(f, &f->regional, id, "Наставничество: посещение уроков");
	set_activity(f, &f->regional, own, "deficit_codes", "Ц-1,К-2");
	assert_int_equal(store_iom_move_facts(f->s, id, &facts), ST_OK);
	assert_int_equal(facts.uncovered_n, 0);
	assert_string_equal(facts.uncovered, "");
	assert_int_equal(facts.unmarked, 2);
	/* A removed row covers nothing any more. */
	assert_int_equal(store_iom_remove_activity(f->s, &f->regional, id, act), ST_OK);
	assert_int_equal(store_iom_move_facts(f->s, id, &facts), ST_OK);
	assert_int_equal(facts.rows, 1);
	assert_string_equal(facts.uncovered, "М-3");
	set_activity(f, &f->regional, own, "deficit_codes", "К-2, М-3");

	/* The start before the development date. */
	assert_int_equal(store_iom_get(f->s, id, &h), ST_OK);
	h.tasks = xstrdup("Освоить приёмы смыслового чтения");
	strcpy(h.start, "2026-11-02");
	strcpy(h.end, "2027-06-30");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	assert_int_equal(mv(f, &f->regional, id, h.version, "review", NULL, NULL), ST_CONSTRAINT);
	assert_string_equal(store_errmsg(f->s),
			    "начало реализации (02.11.2026) раньше даты разработки ИОМ (20.11.2026)");
	/* A period of under six months. */
	strcpy(h.start, "2026-12-01");
	strcpy(h.end, "2027-03-01");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	assert_int_equal(mv(f, &f->regional, id, h.version, "review", NULL, NULL), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "от 6 месяцев до 2 лет, а здесь меньше"));
	strcpy(h.end, "2027-06-30");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	iom_free(&h);
	/* A row of one's own outside the period: refused, naming it. */
	{
		const struct table_desc *t = &model_iom_activity;
		struct record rec;
		char buf[24];

		record_init(&rec, t);
		snprintf(buf, sizeof buf, "%lld", (long long)id);
		record_set(&rec, model_field_index(t, "iom_id"), buf);
		record_set(&rec, model_field_index(t, "category"), "3");
		record_set(&rec, model_field_index(t, "activity"), "Открытый урок");
		record_set(&rec, model_field_index(t, "start_date"), "2026-11-25");
		assert_int_equal(store_insert(f->s, &f->regional, t, &rec), ST_CONSTRAINT);
		assert_string_equal(store_errmsg(f->s), "мероприятие вне срока реализации ИОМ"
				    " (01.12.2026–30.06.2027): измените его даты");
		record_set(&rec, model_field_index(t, "start_date"), "2027-07-01");
		record_set(&rec, model_field_index(t, "end_date"), "2027-07-25");
		assert_int_equal(store_insert(f->s, &f->regional, t, &rec), ST_CONSTRAINT);
		/* A programme running into the period belongs to it. */
		record_set(&rec, model_field_index(t, "start_date"), "2026-09-01");
		record_set(&rec, model_field_index(t, "end_date"), "2027-05-31");
		assert_int_equal(store_insert(f->s, &f->regional, t, &rec), ST_OK);
		assert_int_equal(store_iom_remove_activity(f->s, &f->regional, id, rec.id), ST_OK);
		record_free(&rec);
		assert_int_equal(store_get(f->s, t, NULL, own, &rec), ST_OK);
		record_set(&rec, model_field_index(t, "start_date"), "2027-08-01");
		record_set(&rec, model_field_index(t, "end_date"), "2027-08-01");
		assert_int_equal(store_update(f->s, &f->regional, t, &rec, NULL), ST_CONSTRAINT);
		record_free(&rec);
	}

	approve(f, id);
	assert_int_equal(mv(f, &f->curator_user, id, version_of(f, id), "in_progress", NULL, NULL), ST_OK);
	/* Completion: the final diagnostic, dated no later than today. */
	assert_int_equal(mv(f, &f->curator_user, id, version_of(f, id), "completed", NULL, NULL), ST_CONSTRAINT);
	e = store_errmsg(f->s);
	assert_non_null(strstr(e, "не выбрана итоговая диагностика"));
	assert_non_null(strstr(e, "без отметки «выполнено» или причины: 1"));
	fin = final_diag(f, "2026-11-19");
	store_run(f->s, "UPDATE diagnostic SET diag_date = '2027-06-01' WHERE id = ?", "i", fin);
	store_run(f->s, "UPDATE iom SET final_diagnostic_id = ? WHERE id = ?", "ii", fin, id);
	set_activity(f, &f->curator_user, own, "done", "1");
	assert_int_equal(store_iom_move_facts(f->s, id, &facts), ST_OK);
	assert_int_equal(facts.unconfirmed, 1);
	assert_int_equal(facts.unmarked, 0);
	assert_string_equal(facts.final_diag_date, "2027-06-01");
	assert_int_equal(mv(f, &f->curator_user, id, version_of(f, id), "completed", NULL, NULL), ST_CONSTRAINT);
	assert_string_equal(store_errmsg(f->s), "итоговая диагностика датирована 01.06.2027 — позже"
			    " сегодняшнего дня (20.11.2026)\nне подтверждены изменения карты после утверждения: 1");
	store_run(f->s, "UPDATE diagnostic SET diag_date = '2026-11-19' WHERE id = ?", "i", fin);
	assert_int_equal(mv(f, &f->curator_user, id, version_of(f, id), "completed", NULL, NULL), ST_CONSTRAINT);
	assert_string_equal(store_errmsg(f->s), "не подтверждены изменения карты после утверждения: 1");
	assert_int_equal(store_iom_confirm(f->s, &f->school_user, id, "school", NULL), ST_OK);
	assert_int_equal(store_iom_confirm(f->s, &f->teacher_user, id, "teacher", NULL), ST_OK);
	assert_int_equal(mv(f, &f->curator_user, id, version_of(f, id), "completed", NULL, NULL), ST_OK);
}

/* F8 on the roadmap: before approval the row simply goes; after approval
 * its removal is a change awaiting the confirmations. */
static void test_remove_activity(void **state)
{
	struct fx *f = *state;
	struct page_req r = { NULL, 0, +1, 20 };
	struct page p;
	struct iom_head h;
	int64_t id = new_card(f, &h), a1, a2;

	a1 = add_activity(f, &f->regional, id, "Семинар по смысловому чтению");
	a2 = add_activity(f, &f->regional, id, "Открытый урок");
	assert_int_equal(store_iom_remove_activity(f->s, &f->regional, id, a1), ST_OK);
	assert_int_equal(count(f, "SELECT archived FROM iom_activity WHERE id = ?", a1), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE tbl = 'iom_activity' AND record_id = ?"
			       " AND action = 'archive'", a1), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", id), 0);
	assert_int_equal(store_iom_activity_page(f->s, id, &r, &p), ST_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.rows[0].id, a2);
	page_free(&p);
	/* Gone already; a row of another card. */
	assert_int_equal(store_iom_remove_activity(f->s, &f->regional, id, a1), ST_NOTFOUND);
	assert_int_equal(store_iom_remove_activity(f->s, &f->regional, id + 1000, a2), ST_NOTFOUND);

	approve(f, id);
	assert_int_equal(store_iom_remove_activity(f->s, &f->regional, id, a2), ST_OK);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom_change WHERE iom_id = ? AND"
				   " tbl = 'iom_activity' AND record_id = ? AND before = 'Открытый урок'"
				   " AND after IS NULL", "ii", id, a2), 1);
	assert_int_equal(store_iom_awaiting(f->s, id, NULL), 1);
	iom_free(&h);
}

/* Entry against final: a block assessed on one side only is named so. */
static void test_compare(void **state)
{
	struct diagnostic e, fd;
	struct iom_cmp rows[8];
	int n;

	(void)state;
	diag_init(&e);
	diag_init(&fd);
	e.nblocks = 4;
	e.blocks[0] = (struct diag_block){ .block_id = 1, .block_name = "Предметные", .pct_overall = 40 };
	e.blocks[1] = (struct diag_block){ .block_id = 2, .block_name = "Методические", .pct_overall = 31 };
	e.blocks[2] = (struct diag_block){ .block_id = 3, .block_name = "Психолого-педагогические", .pct_overall = -1 };
	e.blocks[3] = (struct diag_block){ .block_id = 5, .block_name = "Цифровые", .pct_overall = -1 };
	fd.nblocks = 3;
	fd.blocks[0] = (struct diag_block){ .block_id = 3, .block_name = "Психолого-педагогические", .pct_overall = 60 };
	fd.blocks[1] = (struct diag_block){ .block_id = 1, .block_name = "Предметные", .pct_overall = 70 };
	fd.blocks[2] = (struct diag_block){ .block_id = 4, .block_name = "Коммуникативные", .pct_overall = 50 };
	n = iom_compare_blocks(&e, &fd, rows, 8);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0].block, "Предметные");
	assert_int_equal(rows[0].entry_pct, 40);
	assert_int_equal(rows[0].final_pct, 70);
	/* Not in the final diagnostic: never «31 % → 0 %». */
	assert_string_equal(rows[1].block, "Методические");
	assert_int_equal(rows[1].entry_pct, 31);
	assert_int_equal(rows[1].final_pct, -1);
	/* Not assessed at entry, assessed at the end: listed, not left out. */
	assert_string_equal(rows[2].block, "Психолого-педагогические");
	assert_int_equal(rows[2].entry_pct, -1);
	assert_int_equal(rows[2].final_pct, 60);
	/* Only in the final diagnostic. */
	assert_string_equal(rows[3].block, "Коммуникативные");
	assert_int_equal(rows[3].entry_pct, -1);
	assert_int_equal(rows[3].final_pct, 50);
	/* Assessed in neither (Цифровые): not listed. The limit holds. */
	assert_int_equal(iom_compare_blocks(&e, &fd, rows, 2), 2);
	diag_free(&e);
	diag_free(&fd);
}

/* --- history and confirmations ----------------------------------------------------- */

static void test_changes(void **state)
{
	struct fx *f = *state;
	struct page_req r = { NULL, 0, +1, 20 };
	struct page p;
	struct iom_head h;
	int64_t id = new_card(f, &h), act, act2;
	int n;
	/* Who made a change: the user's person by name (else his name, login). */
	char *who = store_text(f->s, "SELECT coalesce(" STORE_FIO("p") ", u.full_name, u.login) FROM app_user u"
			       " LEFT JOIN person p ON p.id = u.person_id WHERE u.login = 'regional'", NULL);

	/* Before approval: edits and roadmap rows leave no history. */
	h.tasks = xstrdup("Задачи до утверждения");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	act = add_activity(f, &f->regional, id, "Посещение уроков учителей-наставников");
	set_activity(f, &f->regional, act, "organiser", "МБОУ «СШ № 1»");
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", id), 0);
	assert_int_equal(store_iom_awaiting(f->s, id, NULL), 0);

	approve(f, id);
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", id), 0);
	iom_free(&h);
	assert_int_equal(store_iom_get(f->s, id, &h), ST_OK);

	/* After approval: an edit of the card, a new roadmap row and a mark. */
	free(h.tasks);
	h.tasks = xstrdup("Задачи после корректировки");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	act2 = add_activity(f, &f->regional, id, "Вебинар по смысловому чтению");
	set_activity(f, &f->regional, act, "done", "1");
	assert_int_equal(count(f, "SELECT count(*) FROM iom_change WHERE iom_id = ?", id), 3);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom_change WHERE iom_id = ? AND"
				   " tbl = 'iom_activity' AND record_id = ? AND field = 'activity'"
				   " AND before IS NULL", "ii", id, act2), 1);
	assert_int_equal(store_iom_awaiting(f->s, id, NULL), 3);
	for (int i = 0; route_confirm_roles[i]; i++)
		assert_int_equal(store_iom_awaiting(f->s, id, route_confirm_roles[i]), 3);

	assert_int_equal(store_iom_change_rows_page(f->s, id, NULL, NULL, &r, &p), ST_OK);
	assert_int_equal(p.n, 3);
	/* Newest first: the mark, the new row, the card's tasks. */
	assert_non_null(strstr(p.rows[0].cols[2], "Отметка о выполнении: — → выполнено"));
	assert_non_null(strstr(p.rows[0].cols[2], "Посещение уроков"));
	assert_string_equal(p.rows[1].cols[2], "Дорожная карта: Мероприятие: — → Вебинар по смысловому чтению");
	assert_string_equal(p.rows[2].cols[2], "Задачи: Задачи до утверждения → Задачи после корректировки");
	for (int i = 0; i < p.n; i++) {
		assert_string_equal(p.rows[i].cols[1], who);
		assert_string_equal(p.rows[i].cols[3], "куратор, руководитель ОО, педагог");
		assert_int_equal(strlen(p.rows[i].cols[0]), strlen("22.11.2026 09:36"));
	}
	page_free(&p);

	/* One role at a time. */
	assert_int_equal(store_iom_confirm(f->s, &f->curator_user, id, "curator", &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_iom_awaiting(f->s, id, "curator"), 0);
	assert_int_equal(store_iom_awaiting(f->s, id, "school"), 3);
	assert_int_equal(store_iom_awaiting(f->s, id, NULL), 3);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom_change WHERE iom_id = ? AND"
				   " curator_user_id = ? AND curator_confirmed_at IS NOT NULL", "ii",
				   id, f->curator_user.user_id), 3);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE action = 'confirm'"
				   " AND tbl = 'iom_change' AND login = 'curator'", NULL), 3);
	assert_int_equal(store_iom_change_rows_page(f->s, id, NULL, NULL, &r, &p), ST_OK);
	assert_string_equal(p.rows[0].cols[3], "руководитель ОО, педагог");
	page_free(&p);
	assert_int_equal(store_iom_confirm(f->s, &f->curator_user, id, "curator", &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_iom_confirm(f->s, &f->school_user, id, "school", &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_iom_awaiting(f->s, id, "teacher"), 3);
	assert_int_equal(store_iom_change_rows_page(f->s, id, NULL, NULL, &r, &p), ST_OK);
	assert_string_equal(p.rows[2].cols[3], "педагог");
	page_free(&p);
	assert_int_equal(store_iom_confirm(f->s, &f->teacher_user, id, "teacher", &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_iom_awaiting(f->s, id, NULL), 0);
	assert_int_equal(store_iom_change_rows_page(f->s, id, NULL, NULL, &r, &p), ST_OK);
	for (int i = 0; i < p.n; i++)
		assert_string_equal(p.rows[i].cols[3], "подтверждено");
	page_free(&p);
	assert_int_equal(store_iom_confirm(f->s, &f->teacher_user, id, "admin", &n), ST_CONSTRAINT);
	assert_int_equal(store_iom_awaiting(f->s, id, "admin"), 0);

	/* A change by the system: "система"; a new change awaits everyone again. */
	set_activity(f, NULL, act2, "end_date", "2027-02-15");
	assert_int_equal(store_iom_awaiting(f->s, id, "curator"), 1);
	r.limit = 1;
	assert_int_equal(store_iom_change_rows_page(f->s, id, NULL, NULL, &r, &p), ST_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.rows[0].cols[1], "система");
	assert_non_null(strstr(p.rows[0].cols[2], "Окончание: — → 15.02.2027"));
	page_free(&p);
	/* A change made by the card's curator is confirmed for his part. */
	set_activity(f, &f->curator_user, act, "result", "Проведён открытый урок");
	assert_int_equal(store_int(f->s, "SELECT curator_confirmed_at IS NOT NULL AND head_confirmed_at IS NULL"
				   " AND teacher_confirmed_at IS NULL FROM iom_change WHERE iom_id = ?"
				   " ORDER BY id DESC LIMIT 1", "i", id), 1);
	iom_free(&h);
	free(who);
}

/* --- lists -------------------------------------------------------------------------- */

static void test_pages(void **state)
{
	struct fx *f = *state;
	struct page_req r = { NULL, 0, +1, 50 };
	struct page p;
	struct iom_head a, b, c;
	struct iom_scope mine = { 0 }, theirs = { 0 }, all = { 0 };
	struct iom_filter none = { NULL, NULL };
	char *orgs, *other_orgs, *surname, *prefix, *num;
	int n;

	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 1, f->diag, 0, 0, &a),
			 ST_OK);
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->other, 1, f->other_diag, 0,
					  0, &b), ST_OK);
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 2, 0, 0, 0, &c),
			 ST_OK);
	orgs = xasprintf("[%lld]", (long long)f->org);
	other_orgs = xasprintf("[%lld]", (long long)f->other_org);
	mine.persons.orgs = orgs;
	theirs.persons.orgs = other_orgs;
	all.persons.all = true;

	/* The scope of the person's organisation holds his two cards only. */
	assert_int_equal(store_iom_page(f->s, &mine, &none, &r, &p), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.rows[0].id, a.id);
	assert_int_equal(p.rows[1].id, c.id);
	assert_string_equal(p.rows[0].cols[0], a.number);
	assert_string_equal(p.rows[0].cols[1], a.person_name);
	assert_string_equal(p.rows[0].cols[2], a.org_name);
	assert_string_equal(p.rows[0].cols[3], "черновик");
	page_free(&p);
	assert_int_equal(store_iom_count(f->s, &mine, &none, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_iom_page(f->s, &theirs, &none, &r, &p), ST_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.rows[0].id, b.id);
	page_free(&p);
	assert_int_equal(store_iom_count(f->s, NULL, &none, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_iom_count(f->s, &all, &none, &n), ST_OK);
	assert_int_equal(n, 3);

	/* Paging by number. */
	r.limit = 2;
	assert_int_equal(store_iom_page(f->s, &all, &none, &r, &p), ST_OK);
	assert_int_equal(p.n, 2);
	{
		char *key = xstrdup(p.rows[1].key);
		struct page_req next = { key, p.rows[1].id, +1, 2 };
		struct page q;
		assert_int_equal(store_iom_page(f->s, &all, &none, &next, &q), ST_OK);
		assert_int_equal(q.n, 1);
		assert_int_equal(q.rows[0].id, c.id);
		page_free(&q);
		free(key);
	}
	page_free(&p);
	r.limit = 50;

	/* Search: a number prefix (any case), digits of the number, a surname prefix. */
	{
		struct iom_filter byno = { a.number, NULL };
		assert_int_equal(store_iom_count(f->s, &all, &byno, &n), ST_OK);
		assert_int_equal(n, 1);
	}
	prefix = xasprintf("иом-%d", f->year);
	{
		struct iom_filter byno = { prefix, NULL };
		assert_int_equal(store_iom_count(f->s, &all, &byno, &n), ST_OK);
		assert_int_equal(n, 3);
	}
	num = xstrdup(b.number + strlen(b.number) - 6);
	{
		struct iom_filter bydigits = { num, NULL };
		assert_int_equal(store_iom_page(f->s, &all, &bydigits, &r, &p), ST_OK);
		assert_int_equal(p.n, 1);
		assert_int_equal(p.rows[0].id, b.id);
		page_free(&p);
	}
	surname = store_text(f->s, "SELECT surname FROM person WHERE id = ?", "i", f->other);
	{
		struct iom_filter byname = { surname, NULL };
		assert_int_equal(store_iom_page(f->s, &all, &byname, &r, &p), ST_OK);
		assert_true(p.n >= 1);
		for (int i = 0; i < p.n; i++)
			assert_true(p.rows[i].id == b.id ||
				    strncmp(p.rows[i].cols[1], surname, strlen(surname)) == 0);
		page_free(&p);
		/* In the other organisation's scope the surname finds nothing. */
		assert_int_equal(store_iom_count(f->s, &mine, &byname, &n), ST_OK);
		assert_true(n == 0 || strncmp(a.person_name, surname, strlen(surname)) == 0);
	}
	/* Status filter. */
	prepare(f, c.id);
	if (mv(f, &f->regional, c.id, version_of(f, c.id), "review", NULL, NULL) != ST_OK)
		fail_msg("%s", store_errmsg(f->s));
	{
		struct iom_filter st = { NULL, "review" };
		assert_int_equal(store_iom_page(f->s, &all, &st, &r, &p), ST_OK);
		assert_int_equal(p.n, 1);
		assert_int_equal(p.rows[0].id, c.id);
		assert_string_equal(p.rows[0].cols[3], "на согласовании");
		page_free(&p);
		st.status = "approved";
		assert_int_equal(store_iom_count(f->s, &all, &st, &n), ST_OK);
		assert_int_equal(n, 0);
	}

	/* The person's own cards, newest first. */
	assert_int_equal(store_iom_of_person_page(f->s, f->person, &r, &p), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.rows[0].id, c.id);
	assert_int_equal(p.rows[1].id, a.id);
	assert_string_equal(p.rows[0].cols[0], c.number);
	assert_string_equal(p.rows[0].cols[1], "на согласовании");
	assert_string_equal(p.rows[1].cols[2], "");
	page_free(&p);

	free(orgs);
	free(other_orgs);
	free(surname);
	free(prefix);
	free(num);
	iom_free(&a);
	iom_free(&b);
	iom_free(&c);
}

/* --- proposals and the roadmap -------------------------------------------------------- */

static int find_row(const struct page *p, int col, const char *text)
{
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->rows[i].cols[col], text) == 0)
			return i;
	return -1;
}

/* The catalogue picker's search: each word typed starts a word of the
 * title, in any order, case and «ё» aside; paged as the whole list is;
 * characters that mean something to SQL (% _ ') are only text. */
static void test_proposals_search(void **state)
{
	struct fx *f = *state;
	struct page_req r = { NULL, 0, +1, 50 };
	struct page p, next;
	struct iom_head h;
	int64_t id = new_card(f, &h);
	int all, n;

	assert_int_equal(store_iom_proposals_find_page(f->s, id, true, NULL, &r, &p), ST_OK);
	all = p.n;
	page_free(&p);
	assert_int_equal(store_iom_proposals_find_page(f->s, id, true, "", &r, &p), ST_OK);
	assert_int_equal(p.n, all);
	page_free(&p);
	/* «урок цифр»: «Цифровая … для урока», «Конкурс … «Цифровой урок»». */
	assert_int_equal(store_iom_proposals_find_page(f->s, id, true, "урок цифр", &r, &p), ST_OK);
	n = store_int(f->s, "SELECT count(*) FROM event WHERE archived = 0"
		      " AND (title LIKE '%урок%' OR title LIKE '%Урок%') AND title LIKE '%Цифров%'", NULL);
	assert_true(n >= 2);
	assert_int_equal(p.n, n);
	assert_true(find_row(&p, 1, "Конкурс методических разработок «Цифровой урок»") >= 0);
	page_free(&p);
	assert_int_equal(store_iom_proposals_find_page(f->s, id, false, "  ЦИФРОВОЙ   урок ", &r, &p), ST_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.rows[0].cols[1], "Конкурс методических разработок «Цифровой урок»");
	page_free(&p);
	/* «приемы» finds «приёмы»; «емы» starts no word. */
	assert_int_equal(store_iom_proposals_find_page(f->s, id, true, "приемы", &r, &p), ST_OK);
	assert_int_equal(p.n, 1);
	page_free(&p);
	assert_int_equal(store_iom_proposals_find_page(f->s, id, true, "емы", &r, &p), ST_OK);
	assert_int_equal(p.n, 0);
	page_free(&p);
	for (const char *const *q = (const char *const[]){ "%", "_", "'", "урок%", NULL }; *q; q++) {
		assert_int_equal(store_iom_proposals_find_page(f->s, id, true, *q, &r, &p), ST_OK);
		assert_int_equal(p.n, 0);
		page_free(&p);
	}
	/* Paged: one row at a time from the last one's key gives the same rows. */
	assert_int_equal(store_iom_proposals_find_page(f->s, id, true, "урок", &r, &p), ST_OK);
	assert_true(p.n >= 3);
	{
		struct page_req one = { NULL, 0, +1, 1 };
		char *key = NULL;
		int64_t after = 0;
		for (int i = 0; i < p.n; i++) {
			one.key = key;
			one.id = after;
			assert_int_equal(store_iom_proposals_find_page(f->s, id, true, "урок", &one, &next), ST_OK);
			assert_int_equal(next.n, 1);
			assert_true(next.rows[0].id == p.rows[i].id);
			free(key);
			key = xstrdup(next.rows[0].key);
			after = next.rows[0].id;
			page_free(&next);
		}
		one.key = key;
		one.id = after;
		assert_int_equal(store_iom_proposals_find_page(f->s, id, true, "урок", &one, &next), ST_OK);
		assert_int_equal(next.n, 0);
		page_free(&next);
		free(key);
	}
	page_free(&p);
}

static void test_proposals(void **state)
{
	struct fx *f = *state;
	struct page_req r = { NULL, 0, +1, 50 };
	struct page p;
	struct iom_head h, m2;
	int64_t id = new_card(f, &h), course, act, expected, act2;
	int i, before;
	char *v;

	/* Events (not archived) sharing a code with the diagnostic (М-3, К-2). */
	expected = store_int(f->s, "SELECT count(DISTINCT ed.event_id) FROM event_deficit ed"
			     " JOIN event e ON e.id = ed.event_id AND e.archived = 0"
			     " JOIN deficit_code dc ON dc.id = ed.deficit_code_id"
			     " WHERE dc.code IN ('М-3', 'К-2')", NULL);
	assert_true(expected >= 4);
	assert_int_equal(store_iom_proposals_page(f->s, id, true, &r, &p), ST_OK);
	/* The whole catalogue to pick from, the matching events first. */
	assert_int_equal(p.n, store_int(f->s, "SELECT count(*) FROM event WHERE archived = 0", NULL));
	before = p.n;
	for (i = 0; i < p.n; i++)
		assert_true(i < expected
			    ? (strcmp(p.rows[i].cols[3], "М-3") == 0 || strcmp(p.rows[i].cols[3], "К-2") == 0 ||
			       strcmp(p.rows[i].cols[3], "К-2, М-3") == 0)
			    : p.rows[i].cols[3][0] == '\0');
	i = find_row(&p, 1, "Формирование функциональной грамотности обучающихся");
	assert_true(i >= 0);
	assert_string_equal(p.rows[i].cols[0], "1. Знания");
	assert_string_equal(p.rows[i].cols[2], "05.10.2026–16.10.2026");
	assert_string_equal(p.rows[i].cols[3], "М-3");
	course = p.rows[i].id;
	i = find_row(&p, 1, "Школа молодого педагога");
	assert_true(i >= 0);
	assert_string_equal(p.rows[i].cols[3], "К-2");
	/* Not matching the deficits: listed after the proposals, with no codes. */
	i = find_row(&p, 1, "Конкурс методических разработок «Цифровой урок»");
	assert_true(i >= expected);
	assert_string_equal(p.rows[i].cols[3], "");
	page_free(&p);

	/* Accepted: a roadmap row from the event, and no longer proposed. */
	assert_int_equal(store_iom_accept_event(f->s, &f->regional, id, course, &act), ST_OK);
	assert_true(act > 0);
	assert_int_equal(count(f, "SELECT event_id FROM iom_activity WHERE id = ?", act), course);
	assert_int_equal(count(f, "SELECT category FROM iom_activity WHERE id = ?", act), 1);
	assert_int_equal(count(f, "SELECT hours FROM iom_activity WHERE id = ?", act), 36);
	v = store_text(f->s, "SELECT activity || '|' || level || '|' || organiser || '|' || start_date"
		       " || '|' || end_date || '|' || deficit_codes FROM iom_activity WHERE id = ?", "i", act);
	assert_string_equal(v, "Формирование функциональной грамотности обучающихся|regional|"
			    "СОИРО (ЦНППМ)|2026-10-05|2026-10-16|М-3");
	free(v);
	assert_true(count(f, "SELECT count(*) FROM audit WHERE tbl = 'iom_activity' AND record_id = ?"
			  " AND action = 'create'", act) >= 7);
	assert_int_equal(store_iom_accept_event(f->s, &f->regional, id, course, &act2), ST_CONSTRAINT);
	assert_int_equal(act2, 0);
	assert_int_equal(store_iom_accept_event(f->s, &f->regional, id, 999999, &act2), ST_NOTFOUND);
	assert_int_equal(store_iom_proposals_page(f->s, id, true, &r, &p), ST_OK);
	assert_int_equal(p.n, before - 1);
	assert_int_equal(find_row(&p, 1, "Формирование функциональной грамотности обучающихся"), -1);
	page_free(&p);

	/* The roadmap page: by category, with the period and the mark. */
	act2 = add_activity(f, &f->regional, id, "Открытый урок по функциональной грамотности");
	set_activity(f, &f->regional, act2, "category", "3");
	set_activity(f, &f->regional, act2, "done", "0");
	set_activity(f, &f->regional, act2, "reason_not_done", "карантин в школе");
	assert_int_equal(store_iom_activity_page(f->s, id, &r, &p), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.rows[0].id, act);
	assert_string_equal(p.rows[0].cols[0], "1. Знания");
	assert_string_equal(p.rows[0].cols[1], "Формирование функциональной грамотности обучающихся");
	assert_string_equal(p.rows[0].cols[2], "05.10.2026–16.10.2026");
	assert_string_equal(p.rows[0].cols[3], "");
	assert_int_equal(p.rows[1].id, act2);
	assert_string_equal(p.rows[1].cols[0], "3. Свой опыт");
	assert_string_equal(p.rows[1].cols[2], "с 01.02.2027");
	assert_string_equal(p.rows[1].cols[3], "не выполнено: карантин в школе");
	page_free(&p);
	set_activity(f, &f->regional, act, "done", "1");
	assert_int_equal(store_iom_activity_page(f->s, id, &r, &p), ST_OK);
	assert_string_equal(p.rows[0].cols[3], "выполнено");
	page_free(&p);

	/* After approval an accepted event awaits the confirmations. */
	approve(f, id);
	/* An event outside the card's period is refused, naming the period. */
	course = store_int(f->s, "SELECT min(id) FROM event WHERE archived = 0 AND end_date < '2026-12-01'"
			   " AND id NOT IN (SELECT event_id FROM iom_activity WHERE iom_id = ? AND event_id IS NOT NULL)",
			   "i", id);
	assert_true(course > 0);
	assert_int_equal(store_iom_accept_event(f->s, &f->curator_user, id, course, &act2), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "вне срока реализации ИОМ (01.12.2026–30.06.2027)"));
	course = store_int(f->s, "SELECT min(id) FROM event WHERE archived = 0 AND start_date >= '2026-12-01'"
			   " AND end_date <= '2027-06-30'"
			   " AND id NOT IN (SELECT event_id FROM iom_activity WHERE iom_id = ? AND event_id IS NOT NULL)",
			   "i", id);
	assert_true(course > 0);
	assert_int_equal(store_iom_accept_event(f->s, &f->curator_user, id, course, &act2), ST_OK);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom_change WHERE iom_id = ? AND"
				   " tbl = 'iom_activity' AND record_id = ?", "ii", id, act2), 1);
	assert_int_equal(store_iom_awaiting(f->s, id, NULL), 1);

	/* A card without an entry diagnostic: the catalogue, with no proposals. */
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 2, 0, 0, 0, &m2), ST_OK);
	assert_int_equal(store_iom_proposals_page(f->s, m2.id, true, &r, &p), ST_OK);
	assert_int_equal(p.n, store_int(f->s, "SELECT count(*) FROM event WHERE archived = 0", NULL));
	for (i = 0; i < p.n; i++)
		assert_string_equal(p.rows[i].cols[3], "");
	page_free(&p);
	iom_free(&m2);
	iom_free(&h);
}

/* --- the demo catalogue --------------------------------------------------------------- */

static void test_demo_events(void **state)
{
	struct fx *f = *state;
	char err[256];
	int64_t n = store_int(f->s, "SELECT count(*) FROM event", NULL);

	assert_true(n >= 15);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM event WHERE organiser <> 'СОИРО (ЦНППМ)'"
				   " OR organiser_org_id IS NULL OR start_date < '2026-01-01'"
				   " OR end_date > '2027-12-31' OR place IS NULL", NULL), 0);
	/* Every event addresses one to three codes. */
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM event e WHERE (SELECT count(*)"
				   " FROM event_deficit WHERE event_id = e.id) NOT BETWEEN 1 AND 3", NULL), 0);
	for (int c = 1; c <= 5; c++)
		assert_true(count(f, "SELECT count(*) FROM event WHERE category = ?", c) >= 1);
	assert_int_equal(store_int(f->s, "SELECT hours FROM event WHERE title ="
				   " 'Формирование функциональной грамотности обучающихся'", NULL), 36);
	assert_int_equal(store_int(f->s, "SELECT hours FROM event WHERE title ="
				   " 'Методика преподавания предмета по обновлённым ФГОС'", NULL), 72);
	/* A second run adds nothing. */
	assert_int_equal(store_demo_events(f->s, err, sizeof err), ST_OK);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM event", NULL), n);
}

/* A completed card is archived once its keeping period has passed. */
static void test_archive_due(void **state)
{
	struct fx *f = *state;
	struct iom_head a, b;
	int n;

	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 1, f->diag, f->curator, 0, &a),
			 ST_OK);
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->other, 1, f->other_diag, 0, 0, &b),
			 ST_OK);
	store_run(f->s, "UPDATE iom SET status = 'completed', completed_date = '2025-10-01' WHERE id = ?", "i", a.id);
	store_run(f->s, "UPDATE iom SET status = 'completed', completed_date = '2026-10-01' WHERE id = ?", "i", b.id);
	assert_int_equal(store_iom_archive_due(f->s, &f->regional, 12, "2026-11-22", &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_int(f->s, "SELECT archived FROM iom WHERE id = ?", "i", a.id), 1);
	assert_int_equal(store_int(f->s, "SELECT archived FROM iom WHERE id = ?", "i", b.id), 0);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'iom' AND action = 'archive'", NULL), 1);
	/* Again: nothing more to do. */
	assert_int_equal(store_iom_archive_due(f->s, &f->regional, 12, "2026-11-22", &n), ST_OK);
	assert_int_equal(n, 0);
	/* A shorter keeping period, from the configuration. */
	assert_int_equal(store_iom_archive_due(f->s, &f->regional, 1, "2026-11-22", &n), ST_OK);
	assert_int_equal(n, 1);
	iom_free(&a);
	iom_free(&b);
}

/* The journal of a card past its keeping time (App.3 §4.5.4: a year from
 * completion) is redacted as it goes to the archive: a card completed 13
 * months ago has its rows' content cleared and marked, one completed 11
 * months ago keeps it; the chain still verifies, the program's own
 * connection can neither edit a row nor give a redacted one its content
 * back, and a row edited by hand is still caught. */
static void test_redact_due(void **state)
{
	struct fx *f = *state;
	struct iom_head a, b;
	struct chain_report r;
	int n;
	int64_t row_a, row_b;

	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->person, 1, f->diag, f->curator, 0, &a),
			 ST_OK);
	assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, f->other, 1, f->other_diag, 0, 0, &b),
			 ST_OK);
	{
		/* A roadmap row from a catalogue event: its own journal rows. */
		int64_t ev = store_int(f->s, "SELECT min(id) FROM event", NULL), act;
		assert_int_equal(store_iom_accept_event(f->s, &f->regional, a.id, ev, &act), ST_OK);
	}
	store_run(f->s, "UPDATE iom SET status = 'completed', completed_date = '2025-10-20' WHERE id = ?", "i", a.id);
	store_run(f->s, "UPDATE iom SET status = 'completed', completed_date = '2025-12-20' WHERE id = ?", "i", b.id);
#define CONTENT_ROWS(id) store_int(f->s, "SELECT count(*) FROM audit a WHERE ((a.tbl = 'iom' AND a.record_id = ?1)" \
	" OR (a.tbl = 'iom_activity' AND a.record_id IN (SELECT id FROM iom_activity WHERE iom_id = ?1)))" \
	" AND a.action <> 'archive' AND (a.before IS NOT NULL OR a.after IS NOT NULL)", "i", id)
	/* The card and its roadmap's rows are journalled with their content. */
	assert_true(CONTENT_ROWS(a.id) > 0);
	assert_true(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'iom_activity' AND after IS NOT NULL"
			      " AND record_id IN (SELECT id FROM iom_activity WHERE iom_id = ?)", "i", a.id) > 0);
	assert_true(CONTENT_ROWS(b.id) > 0);
	assert_int_equal(store_iom_archive_due(f->s, &f->regional, 12, "2026-11-22", &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(CONTENT_ROWS(a.id), 0);
	assert_true(CONTENT_ROWS(b.id) > 0);
	assert_true(store_int(f->s, "SELECT count(*) FROM audit_chain c JOIN audit a ON a.id = c.audit_id"
			      " WHERE c.redacted = 1 AND a.tbl = 'iom' AND a.record_id = ?", "i", a.id) > 0);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit_chain c JOIN audit a ON a.id = c.audit_id"
				   " WHERE c.redacted = 1 AND a.tbl = 'iom' AND a.record_id = ?", "i", b.id), 0);
	/* The archiving itself stays said. */
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'iom' AND record_id = ?"
				   " AND action = 'archive' AND after = '1'", "i", a.id), 1);
	assert_int_equal(store_chain_verify(f->s, &r), ST_OK);
	/* The program's connection: no row edited, no redacted one refilled. */
	row_a = store_int(f->s, "SELECT min(a.id) FROM audit a JOIN audit_chain c ON c.audit_id = a.id"
			  " WHERE c.redacted = 1 AND a.tbl = 'iom' AND a.record_id = ?", "i", a.id);
	row_b = store_int(f->s, "SELECT min(id) FROM audit WHERE tbl = 'iom' AND record_id = ? AND after IS NOT NULL",
			  "i", b.id);
	assert_int_not_equal(store_run(f->s, "UPDATE audit SET after = 'подделка' WHERE id = ?", "i", row_b), ST_OK);
	assert_int_not_equal(store_run(f->s, "UPDATE audit SET after = 'подделка' WHERE id = ?", "i", row_a), ST_OK);
	assert_int_not_equal(store_run(f->s, "UPDATE audit SET before = NULL, after = NULL WHERE id = ?", "i", row_b),
			     ST_OK);
	/* Whoever edits the file by hand (triggers dropped) is still caught:
	 * a kept row changed, a redacted one given content back. */
	assert_int_equal(store_run(f->s, "DROP TRIGGER audit_no_update", NULL), ST_OK);
	assert_int_equal(store_run(f->s, "UPDATE audit SET after = 'подделка' WHERE id = ?", "i", row_b), ST_OK);
	assert_int_equal(store_chain_verify(f->s, &r), ST_ERROR);
	assert_int_equal(r.bad_id, row_b);
	assert_string_equal(r.why, "содержимое записи журнала изменено");
	assert_int_equal(store_run(f->s, "UPDATE audit SET after = NULL, before = NULL WHERE id = ?", "i", row_b), ST_OK);
	assert_int_equal(store_chain_verify(f->s, &r), ST_ERROR);   /* not marked: still an edit */
	assert_int_equal(store_run(f->s, "UPDATE audit SET after = 'вернули' WHERE id = ?", "i", row_a), ST_OK);
	assert_int_equal(store_chain_verify(f->s, &r), ST_ERROR);
	assert_true(r.bad_id == row_a || r.bad_id == row_b);
#undef CONTENT_ROWS
	iom_free(&a);
	iom_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redact_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guards, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_activity, setup, teardown),
		cmocka_unit_test(test_compare),
		cmocka_unit_test_setup_teardown(test_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proposals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proposals_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo_events, setup, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
