/* Diagnostics in the store (src/store/diag.c): levels and the overall %
 * derived from the configured thresholds, reading with and without results
 * (confidentiality), the versioned update with its audit rows, conflicts,
 * refused input, a person's page newest first, the management blocks.
 * Every test has its own temporary database, removed by the teardown. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "catalog.h"
#include "config.h"
#include "store/diag.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util.h"

struct fx {
	char path[64];
	struct store *s;
	struct config *cfg;
	int64_t person, other;   /* two teachers of the demo region */
};

static const struct actor actor = { 0, "regional", "ivanov" };

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct codifier_entry *e;
	char err[512] = "";
	int fd, n, added;

	*state = f;
	strlcpy0(f->path, "/tmp/test_diag_XXXXXX", sizeof f->path);
	fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	f->s = store_open(f->path, true, err, sizeof err);
	if (f->s == NULL) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	if (store_demo_fill(f->s, 50, err, sizeof err) != ST_OK) {
		fprintf(stderr, "store_demo_fill: %s\n", err);
		return -1;
	}
	n = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	if (n <= 0) {
		fprintf(stderr, "codifier: %s\n", err);
		return -1;
	}
	if (store_codifier_import(f->s, &actor, e, n, &added) != ST_OK)
		return -1;
	catalog_free_codifier(e, n);
	f->cfg = config_defaults();
	f->person = store_int(f->s, "SELECT min(id) FROM person WHERE is_manager = 0"
			      " AND org_id IS NOT NULL", NULL);
	f->other = store_int(f->s, "SELECT max(id) FROM person WHERE is_manager = 0", NULL);
	return f->person > 0 && f->other > f->person ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f == NULL)
		return 0;
	store_close(f->s);
	config_free(f->cfg);
	test_remove_db(f->path);
	free(f);
	*state = NULL;
	return 0;
}

static int64_t code_id(struct fx *f, const char *code)
{
	int64_t id = store_int(f->s, "SELECT id FROM deficit_code WHERE code = ?", "t", code);
	assert_true(id > 0);
	return id;
}

static int64_t count(struct fx *f, const char *sql, int64_t a)
{
	return store_int(f->s, sql, "i", a);
}

/* A filled-in entry diagnostic of person: five teacher blocks with overall
 * 45, 50, 79, 80, 100 and the deficits П-1, М-1, К-1. */
static void fill(struct fx *f, struct diagnostic *d, int64_t person, const char *date)
{
	static const int overall[5] = { 45, 50, 79, 80, 100 };

	diag_init(d);
	assert_int_equal(store_diag_blocks(f->s, false, d), ST_OK);
	assert_int_equal(d->nblocks, 5);
	d->person_id = person;
	strcpy(d->form, "standardized");
	strcpy(d->kind, "entry");
	strcpy(d->date, date);
	d->subject = xstrdup("математика");
	d->organiser = xstrdup("ЦНППМ");
	d->recommendations = xstrdup("Курсы по методике;\nпосещение уроков");
	d->ordered = true;
	strcpy(d->result_given, date);
	for (int i = 0; i < 5; i++) {
		d->blocks[i].pct_overall = overall[i];
		d->blocks[i].pct_low = 90;
		d->blocks[i].pct_medium = 60;
		d->blocks[i].pct_high = 10 * i;
	}
	d->blocks[0].difficulties = xstrdup("решение задач с параметром");
	d->ndeficits = 3;
	d->deficit_ids[0] = code_id(f, "П-1");
	d->deficit_ids[1] = code_id(f, "М-1");
	d->deficit_ids[2] = code_id(f, "К-1");
}

static int64_t save_one(struct fx *f, int64_t person, const char *date)
{
	struct diagnostic d;
	int64_t id;

	fill(f, &d, person, date);
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &d), ST_OK);
	id = d.id;
	diag_free(&d);
	return id;
}

static void test_insert_and_read(void **state)
{
	static const char *levels[5] = { "high", "medium", "medium", "low", "low" };
	struct fx *f = *state;
	struct diagnostic d, r;
	char *org;

	fill(f, &d, f->person, "2026-02-10");
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &d), ST_OK);
	assert_true(d.id > 0);
	assert_int_equal(d.version, 1);
	assert_int_equal(d.pct_overall, 71);
	assert_string_equal(d.level, "medium");
	for (int i = 0; i < 5; i++)
		assert_string_equal(d.blocks[i].level, levels[i]);
	/* As stored: the person's organisation, five block rows, three deficits. */
	org = store_text(f->s, "SELECT CAST(org_id AS TEXT) FROM diagnostic WHERE id = ?", "i", d.id);
	assert_non_null(org);
	assert_int_equal(atoll(org), store_int(f->s, "SELECT org_id FROM person WHERE id = ?", "i",
					      f->person));
	free(org);
	assert_int_equal(count(f, "SELECT pct_overall FROM diagnostic WHERE id = ?", d.id), 71);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_block WHERE diagnostic_id = ?", d.id), 5);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_block WHERE diagnostic_id = ?"
			       " AND level = 'medium' AND typeof(pct_overall) = 'integer'", d.id), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_deficit WHERE diagnostic_id = ?", d.id), 3);
	assert_true(count(f, "SELECT count(*) FROM audit WHERE tbl = 'diagnostic' AND record_id = ?", d.id) >= 10);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE tbl = 'diagnostic_deficit'"
			       " AND record_id = ? AND action = 'add'", d.id), 3);
	assert_int_equal(store_diag_person(f->s, d.id), f->person);
	assert_int_equal(store_diag_person(f->s, d.id + 1000), 0);

	/* With results: everything as saved. */
	assert_int_equal(store_diag_get(f->s, d.id, DIAG_WITH_ALL, &r), ST_OK);
	assert_true(r.with_results);
	assert_int_equal(r.person_id, f->person);
	assert_int_equal(r.version, 1);
	assert_string_equal(r.form, "standardized");
	assert_string_equal(r.kind, "entry");
	assert_string_equal(r.date, "2026-02-10");
	assert_string_equal(r.result_given, "2026-02-10");
	assert_string_equal(r.subject, "математика");
	assert_string_equal(r.organiser, "ЦНППМ");
	assert_string_equal(r.recommendations, "Курсы по методике;\nпосещение уроков");
	assert_true(r.ordered);
	assert_int_equal(r.pct_overall, 71);
	assert_string_equal(r.level, "medium");
	assert_int_equal(r.nblocks, 5);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(r.blocks[i].block_id, i + 1);
		assert_int_equal(r.blocks[i].pct_overall, d.blocks[i].pct_overall);
		assert_int_equal(r.blocks[i].pct_low, 90);
		assert_int_equal(r.blocks[i].pct_medium, 60);
		assert_int_equal(r.blocks[i].pct_high, 10 * i);
		assert_string_equal(r.blocks[i].level, levels[i]);
	}
	assert_string_equal(r.blocks[0].block_name, "Предметные");
	assert_string_equal(r.blocks[0].difficulties, "решение задач с параметром");
	assert_null(r.blocks[1].difficulties);
	assert_int_equal(r.ndeficits, 3);
	assert_string_equal(r.deficit_codes[0], "К-1");
	assert_string_equal(r.deficit_codes[1], "М-1");
	assert_string_equal(r.deficit_codes[2], "П-1");
	assert_int_equal(r.deficit_ids[2], code_id(f, "П-1"));
	diag_free(&r);

	/* Without results (a head's view): no % anywhere, no levels, no
	 * difficulties; the date, kind, form, deficits and recommendations —
	 * the findings the card carries — are there. */
	assert_int_equal(store_diag_get(f->s, d.id, DIAG_WITH_FINDINGS, &r), ST_OK);
	assert_false(r.with_results);
	assert_true(r.with_findings);
	assert_int_equal(r.pct_overall, -1);
	assert_string_equal(r.level, "");
	assert_string_equal(r.date, "2026-02-10");
	assert_string_equal(r.kind, "entry");
	assert_string_equal(r.form, "standardized");
	assert_string_equal(r.recommendations, "Курсы по методике;\nпосещение уроков");
	for (int i = 0; i < r.nblocks; i++) {
		assert_int_equal(r.blocks[i].pct_low, -1);
		assert_int_equal(r.blocks[i].pct_medium, -1);
		assert_int_equal(r.blocks[i].pct_high, -1);
		assert_int_equal(r.blocks[i].pct_overall, -1);
		assert_string_equal(r.blocks[i].level, "");
		assert_null(r.blocks[i].difficulties);
	}
	assert_int_equal(r.ndeficits, 3);
	diag_free(&r);
	/* Neither (municipal, admin): no codes and no recommendations either. */
	assert_int_equal(store_diag_get(f->s, d.id, 0, &r), ST_OK);
	assert_false(r.with_findings);
	assert_null(r.recommendations);
	assert_int_equal(r.ndeficits, 0);
	assert_int_equal(r.pct_overall, -1);
	/* Saved without findings: the recommendations and codes stay. */
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &r), ST_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_deficit WHERE diagnostic_id = ?", d.id), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic WHERE id = ? AND recommendations IS NOT NULL",
			       d.id), 1);
	diag_free(&r);
	assert_int_equal(store_diag_get(f->s, d.id, DIAG_WITH_FINDINGS, &r), ST_OK);

	/* Saved by someone who may not see results: the results stay. */
	free(r.recommendations);
	r.recommendations = xstrdup("Стажировка");
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &r), ST_OK);
	assert_int_equal(r.version, 2);
	assert_int_equal(count(f, "SELECT pct_overall FROM diagnostic WHERE id = ?", d.id), 71);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_block WHERE diagnostic_id = ?"
			       " AND pct_overall IS NOT NULL", d.id), 5);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_block WHERE diagnostic_id = ?"
			       " AND difficulties IS NOT NULL", d.id), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_deficit WHERE diagnostic_id = ?", d.id), 3);
	diag_free(&r);
	diag_free(&d);

	/* A diagnostic without any block value: no block rows, no overall. */
	fill(f, &d, f->person, "2026-03-01");
	for (int i = 0; i < 5; i++) {
		free(d.blocks[i].difficulties);
		d.blocks[i].difficulties = NULL;
		d.blocks[i].pct_low = d.blocks[i].pct_medium = d.blocks[i].pct_high = -1;
		d.blocks[i].pct_overall = -1;
	}
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &d), ST_OK);
	assert_int_equal(d.pct_overall, -1);
	assert_string_equal(d.level, "");
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic WHERE id = ?"
			       " AND pct_overall IS NULL AND level IS NULL", d.id), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_block WHERE diagnostic_id = ?", d.id), 0);
	diag_free(&d);
}

static void test_update_audit_conflict(void **state)
{
	struct fx *f = *state;
	struct diagnostic d, stale;
	int64_t id = save_one(f, f->person, "2026-02-10"), last, row;
	char *v;

	assert_int_equal(store_diag_get(f->s, id, DIAG_WITH_ALL, &d), ST_OK);
	assert_int_equal(store_diag_get(f->s, id, DIAG_WITH_ALL, &stale), ST_OK);
	last = store_int(f->s, "SELECT max(id) FROM audit", NULL);
	/* Block 3 goes from 79 to 40 (medium -> high), the overall from 71
	 * to 63 (still medium); М-1 is swapped for ПП-2. */
	d.blocks[2].pct_overall = 40;
	d.deficit_ids[1] = code_id(f, "ПП-2");   /* was М-1 */
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &d), ST_OK);
	assert_int_equal(d.version, 2);
	assert_int_equal(d.pct_overall, 63);
	assert_string_equal(d.level, "medium");
	assert_int_equal(count(f, "SELECT version FROM diagnostic WHERE id = ?", id), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE id > ?", last), 5);
	row = store_int(f->s, "SELECT id FROM diagnostic_block WHERE diagnostic_id = ? AND block_id = 3",
			"i", id);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE id > ? AND action = 'update'"
				   " AND tbl = 'diagnostic_block' AND record_id = ? AND field = 'pct_overall'"
				   " AND before = '79' AND after = '40' AND login = 'regional'"
				   " AND real_login = 'ivanov'", "ii", last, row), 1);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE id > ? AND action = 'update'"
				   " AND tbl = 'diagnostic_block' AND record_id = ? AND field = 'level'"
				   " AND before = 'medium' AND after = 'high'", "ii", last, row), 1);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE id > ? AND action = 'update'"
				   " AND tbl = 'diagnostic' AND record_id = ? AND field = 'pct_overall'"
				   " AND before = '71' AND after = '63'", "ii", last, id), 1);
	v = store_text(f->s, "SELECT before FROM audit WHERE id > ? AND action = 'remove'"
		       " AND tbl = 'diagnostic_deficit' AND record_id = ?", "ii", last, id);
	assert_string_equal(v, "М-1");
	free(v);
	v = store_text(f->s, "SELECT after FROM audit WHERE id > ? AND action = 'add'"
		       " AND tbl = 'diagnostic_deficit' AND record_id = ?", "ii", last, id);
	assert_string_equal(v, "ПП-2");
	free(v);
	assert_int_equal(count(f, "SELECT pct_overall FROM diagnostic_block WHERE id = ?", row), 40);
	assert_int_equal(count(f, "SELECT version FROM diagnostic_block WHERE id = ?", row), 2);

	/* The same values again: nothing changes, no version, no audit. */
	last = store_int(f->s, "SELECT max(id) FROM audit", NULL);
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &d), ST_OK);
	assert_int_equal(d.version, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE id > ?", last), 0);

	/* Saving over the stale copy (version 1): refused, nothing changed. */
	stale.blocks[0].pct_overall = 99;
	free(stale.recommendations);
	stale.recommendations = xstrdup("другое");
	stale.ndeficits = 0;
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &stale), ST_CONFLICT);
	assert_int_equal(stale.version, 1);
	assert_int_equal(count(f, "SELECT version FROM diagnostic WHERE id = ?", id), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE id > ?", last), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_deficit WHERE diagnostic_id = ?", id), 3);
	assert_int_equal(count(f, "SELECT pct_overall FROM diagnostic_block WHERE diagnostic_id = ?"
			       " AND block_id = 1", id), 45);
	assert_int_equal(count(f, "SELECT pct_overall FROM diagnostic WHERE id = ?", id), 63);
	diag_free(&stale);

	/* Clearing a block's values removes its row (audited). */
	d.blocks[4].pct_low = d.blocks[4].pct_medium = d.blocks[4].pct_high = -1;
	d.blocks[4].pct_overall = -1;
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &d), ST_OK);
	assert_int_equal(d.version, 3);
	assert_int_equal(d.pct_overall, 54);   /* (45 + 50 + 40 + 80) / 4 = 53.75 */
	assert_int_equal(count(f, "SELECT count(*) FROM diagnostic_block WHERE diagnostic_id = ?", id), 4);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE id > ? AND action = 'remove'"
			       " AND tbl = 'diagnostic_block'", last), 1);
	diag_free(&d);
}

static void expect_refused(struct fx *f, struct diagnostic *d, const char *msg)
{
	int64_t audits = store_int(f->s, "SELECT count(*) FROM audit", NULL);

	assert_non_null(store_diag_check(f->s, d));
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, d), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), msg));
	assert_int_equal(d->id, 0);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM diagnostic", NULL), 0);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM diagnostic_block", NULL), 0);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM diagnostic_deficit", NULL), 0);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit", NULL), audits);
}

static void test_refused(void **state)
{
	struct fx *f = *state;
	struct diagnostic d;

	fill(f, &d, f->person, "2026-02-10");
	assert_null(store_diag_check(f->s, &d));
	d.blocks[2].pct_overall = 101;
	expect_refused(f, &d, "процент должен быть от 0 до 100");
	d.blocks[2].pct_overall = 79;
	d.blocks[1].pct_low = -5;
	expect_refused(f, &d, "процент должен быть от 0 до 100");
	d.blocks[1].pct_low = 90;

	strcpy(d.result_given, "2026-02-09");
	expect_refused(f, &d, "дата выдачи результатов раньше даты диагностики");
	strcpy(d.result_given, "");

	strcpy(d.form, "astrology");
	expect_refused(f, &d, "неизвестная форма диагностики");
	strcpy(d.form, "expert");
	strcpy(d.kind, "whatever");
	expect_refused(f, &d, "неизвестный вид диагностики");
	strcpy(d.kind, "final");

	d.deficit_ids[1] = 999999;
	expect_refused(f, &d, "нет такого кода дефицита");
	d.deficit_ids[1] = d.deficit_ids[0];
	expect_refused(f, &d, "дважды");
	d.deficit_ids[1] = code_id(f, "М-1");

	strcpy(d.date, "2026-02-30");
	expect_refused(f, &d, "дата");
	strcpy(d.date, "2026-02-10");
	d.person_id = 999999;
	expect_refused(f, &d, "нет такого педагога");
	d.person_id = f->person;
	free(d.subject);
	d.subject = xstrdup("мате\x1b[2Jматика");
	expect_refused(f, &d, "управляющий");
	free(d.subject);
	d.subject = NULL;

	/* All corrected: saved. */
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &d), ST_OK);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM diagnostic", NULL), 1);
	diag_free(&d);
}

static void test_page(void **state)
{
	struct fx *f = *state;
	struct page_req r = { NULL, 0, +1, 10 };
	struct page p;
	struct diagnostic d;
	int64_t a, b, c;

	a = save_one(f, f->person, "2025-10-01");
	b = save_one(f, f->person, "2026-03-15");
	c = save_one(f, f->person, "2026-01-20");
	save_one(f, f->other, "2026-05-01");
	/* The middle one: a final self-diagnosis with a low deficit, one code. */
	assert_int_equal(store_diag_get(f->s, c, DIAG_WITH_ALL, &d), ST_OK);
	strcpy(d.kind, "final");
	strcpy(d.form, "self");
	for (int i = 0; i < d.nblocks; i++)
		d.blocks[i].pct_overall = 90;
	d.ndeficits = 1;
	d.deficit_ids[0] = code_id(f, "М-2");
	assert_int_equal(store_diag_save(f->s, &actor, f->cfg, &d), ST_OK);
	diag_free(&d);

	assert_int_equal(store_diag_page(f->s, f->person, DIAG_WITH_ALL, &r, &p), ST_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.rows[0].id, b);
	assert_int_equal(p.rows[1].id, c);
	assert_int_equal(p.rows[2].id, a);
	assert_string_equal(p.rows[0].cols[0], "15.03.2026");
	assert_string_equal(p.rows[0].cols[1], "входная");
	assert_string_equal(p.rows[0].cols[2], "стандартизированная процедура");
	assert_string_equal(p.rows[0].cols[3], "средний дефицит");
	assert_string_equal(p.rows[1].cols[0], "20.01.2026");
	assert_string_equal(p.rows[1].cols[1], "итоговая");
	assert_string_equal(p.rows[1].cols[2], "самодиагностика");
	assert_string_equal(p.rows[1].cols[3], "низкий дефицит");
	assert_string_equal(p.rows[2].cols[0], "01.10.2025");
	page_free(&p);

	/* Without results: neither the level nor the deficit codes. */
	assert_int_equal(store_diag_page(f->s, f->person, DIAG_WITH_FINDINGS, &r, &p), ST_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.rows[0].id, b);
	assert_string_equal(p.rows[1].cols[1], "итоговая");
	for (int i = 0; i < p.n; i++) {
		assert_string_equal(p.rows[i].cols[3], "конфиденциально");
		assert_null(strstr(p.rows[i].cols[3], "дефицит"));
	}
	page_free(&p);

	/* Paging by key: two rows, then the rest after the last one. */
	r.limit = 2;
	assert_int_equal(store_diag_page(f->s, f->person, DIAG_WITH_ALL, &r, &p), ST_OK);
	assert_int_equal(p.n, 2);
	{
		char *key = xstrdup(p.rows[1].key);
		struct page_req next = { key, p.rows[1].id, +1, 2 };
		struct page q;
		page_free(&p);
		assert_int_equal(store_diag_page(f->s, f->person, DIAG_WITH_ALL, &next, &q), ST_OK);
		assert_int_equal(q.n, 1);
		assert_int_equal(q.rows[0].id, a);
		page_free(&q);
		free(key);
	}
	/* Another person's page holds only his. */
	r.limit = 10;
	assert_int_equal(store_diag_page(f->s, f->other, DIAG_WITH_FINDINGS, &r, &p), ST_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.rows[0].cols[0], "01.05.2026");
	page_free(&p);
}

static void test_blocks(void **state)
{
	static const char *mgmt[5] = { "Управление процессами", "Управление ресурсами",
				       "Управление кадрами", "Управление результатами",
				       "Управление информацией" };
	struct fx *f = *state;
	struct diagnostic d;

	diag_init(&d);
	assert_int_equal(store_diag_blocks(f->s, true, &d), ST_OK);
	assert_int_equal(d.nblocks, 5);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(d.blocks[i].block_id, 6 + i);
		assert_string_equal(d.blocks[i].block_name, mgmt[i]);
		assert_int_equal(d.blocks[i].pct_overall, -1);
		assert_int_equal(d.blocks[i].pct_low, -1);
		assert_string_equal(d.blocks[i].level, "");
	}
	assert_int_equal(store_diag_blocks(f->s, false, &d), ST_OK);
	assert_int_equal(d.nblocks, 5);
	assert_int_equal(d.blocks[0].block_id, 1);
	assert_string_equal(d.blocks[4].block_name, "ИКТ-компетентность (цифровые)");
	diag_free(&d);
	assert_string_equal(diag_levels[0].label, "высокий дефицит");
	assert_string_equal(diag_kinds[4].label, "итоговая в рамках ДПП");
	assert_string_equal(diag_forms[1].label, "самодиагностика");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_and_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_audit_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blocks, setup, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
