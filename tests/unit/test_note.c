/* Unit tests for the analytic note (src/note.c, store/elements.c) and the
 * import of results by assessed element (src/import.c, kind "elements"):
 * a hand-made group whose figures are counted by hand, by element and by
 * block; the rule on a lattice of groups; the example files (CSV and
 * XLSX) load once and a second time change nothing; a bad row is refused
 * with its row and column and nothing is written. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "access.h"
#include "catalog.h"
#include "config.h"
#include "import.h"
#include "note.h"
#include "store/store.h"
#include "text.h"
#include "util.h"

static char dbpath[64];
static struct config *cfg;
static const struct actor sys = { 0, "test", "test" };

static struct store *demo(void)
{
	struct codifier_entry *e;
	char err[300];
	struct store *s;
	int n, added;

	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-note-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 40, err, sizeof err), ST_OK);
	n = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	assert_true(n > 0);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_OK);
	catalog_free_codifier(e, n);
	return s;
}

static void done(struct store *s)
{
	store_close(s);
	test_remove_db(dbpath);
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

static void exec(struct store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(s), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* The rule on a lattice: a region of two schools, of 6 and 3 teachers.
 * The 3 are withheld, and then the 6 too (the region less the 6 would give
 * the 3); with 6 and 7 all are shown; a school of nobody is shown (0). */
static void test_protect(void **state)
{
	const int parent[] = { -1, 0, 0 };
	const int small[] = { 9, 6, 3 }, both[] = { 13, 6, 7 }, none[] = { 6, 6, 0 };
	bool pub[3];

	(void)state;
	note_protect(3, parent, small, 5, pub);
	assert_true(pub[0]);
	assert_false(pub[1]);
	assert_false(pub[2]);
	note_protect(3, parent, both, 5, pub);
	assert_true(pub[0] && pub[1] && pub[2]);
	note_protect(3, parent, none, 5, pub);
	assert_true(pub[0] && pub[1] && pub[2]);
}

/* Six teachers of OO001 with an entry diagnostic on 16.03.2026 and these
 * scores (counted by hand):
 *   П-1 (max 10): 10 8 6 4 2 0   → 30 / 60 = 50 %
 *   П-2 (max 10): 10 10 10 10 10 5 → 55 / 60 = 91,7 → 92 %
 *   М-1 (max 6):  6 6 3 3 0 0    → 18 / 36 = 50 %
 *   block «Предметные»: 85 / 120 = 70,8 → 71 %, medium deficit (50…79)
 *   block «Методические»: 18 / 36 = 50 %, medium
 *   all blocks: 103 / 156 = 66,0 → 66 %, medium
 * and no final diagnostic. */
static void fixture(struct store *s)
{
	static const int p1[] = { 10, 8, 6, 4, 2, 0 }, p2[] = { 10, 10, 10, 10, 10, 5 }, m1[] = { 6, 6, 3, 3, 0, 0 };
	char sql[1200];

	exec(s, "UPDATE person SET org_id = (SELECT id FROM organisation WHERE code = 'OO001')"
		" WHERE id IN (SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 6)");
	for (int i = 0; i < 6; i++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date) SELECT id, org_id,"
			 " 'standardized', 'entry', '2026-03-16' FROM person WHERE archived = 0 ORDER BY id LIMIT 1 OFFSET %d;"
			 "INSERT INTO diagnostic_element (diagnostic_id, deficit_code_id, max_score, score, pct)"
			 " SELECT (SELECT max(id) FROM diagnostic), c.id, v.mx, v.sc, 0 FROM (SELECT 'П-1' AS code, 10 AS mx,"
			 " %d AS sc UNION ALL SELECT 'П-2', 10, %d UNION ALL SELECT 'М-1', 6, %d) v"
			 " JOIN deficit_code c ON c.code = v.code;",
			 i, p1[i], p2[i], m1[i]);
		exec(s, sql);
	}
}

static const struct note_row *row(const struct note_row *r, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(r[i].code ? r[i].code : r[i].name, key) == 0)
			return &r[i];
	fail_msg("no row %s", key);
	return NULL;
}

static bool has_line(const struct text_lines *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

static void test_fixture_group(void **state)
{
	struct store *s = demo();
	struct note_view v;
	struct text_lines l = { NULL, 0, 0 };
	const struct note_row *r;
	int64_t org;

	(void)state;
	assert_true(count(s, "SELECT count(*) FROM deficit_code WHERE code IN ('П-1', 'П-2', 'М-1')") == 3);
	fixture(s);
	org = count(s, "SELECT id FROM organisation WHERE code = 'OO001'");
	assert_int_equal(note_view(s, cfg, "org", org, 2026, &v), ST_OK);
	assert_true(v.people[0].shown);
	assert_int_equal(v.people[0].people, 6);
	assert_int_equal(v.people[0].pct, 66);
	assert_true(v.people[1].shown);
	assert_int_equal(v.people[1].people, 0);
	assert_int_equal(v.nelements, 3);
	/* By block, then by code: П-1, П-2, М-1. */
	assert_string_equal(v.elements[0].code, "П-1");
	assert_string_equal(v.elements[1].code, "П-2");
	assert_string_equal(v.elements[2].code, "М-1");
	r = row(v.elements, v.nelements, "П-1");
	assert_int_equal(r->f[0].people, 6);
	assert_int_equal(r->f[0].pct, 50);
	assert_string_equal(r->name, "Знание содержания учебного предмета в рамках школьной программы");
	assert_int_equal(row(v.elements, v.nelements, "П-2")->f[0].pct, 92);
	assert_int_equal(row(v.elements, v.nelements, "М-1")->f[0].pct, 50);
	assert_int_equal(v.nblocks, 2);
	r = row(v.blocks, v.nblocks, "Предметные");
	assert_int_equal(r->f[0].people, 6);
	assert_int_equal(r->f[0].pct, 71);
	assert_int_equal(row(v.blocks, v.nblocks, "Методические")->f[0].pct, 50);

	/* As text: figures with their group, wordings whole, the level. */
	note_lines(&v, 60, true, &l);
	assert_true(has_line(&l, "  П-1: 50 % (6 чел.) → —"));
	assert_true(has_line(&l, "  П-2: 92 % (6 чел.) → —"));
	assert_true(has_line(&l, "      Знание содержания учебного предмета в рамках школьной"));
	assert_true(has_line(&l, "      программы"));
	assert_true(has_line(&l, "  Предметные"));
	assert_true(has_line(&l, "      71 % (6 чел.) → —; уровень дефицита: средний → —"));
	assert_true(has_line(&l, "      66 % (6 чел.) → —; уровень дефицита: средний → —"));
	for (int i = 0; i < l.n; i++)
		assert_true(text_width(l.v[i]) <= 60);
	text_lines_free(&l);
	note_view_free(&v);

	/* The region is the same six; a school of nobody has no figures. */
	assert_int_equal(note_view(s, cfg, "region", 0, 2026, &v), ST_OK);
	assert_int_equal(v.people[0].people, 6);
	assert_int_equal(row(v.elements, v.nelements, "П-2")->f[0].pct, 92);
	note_view_free(&v);
	assert_int_equal(note_view(s, cfg, "region", 0, 2025, &v), ST_OK);
	assert_int_equal(v.people[0].people, 0);
	assert_int_equal(v.nelements, 0);
	note_view_free(&v);

	/* A seventh teacher of OO001 did only П-3 (3 of 10): one teacher, so
	 * П-3 is withheld, and with it the % of its block and of all blocks
	 * (they would give his score away); the teachers are still counted. */
	exec(s, "UPDATE person SET org_id = (SELECT id FROM organisation WHERE code = 'OO001')"
		" WHERE id = (SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 1 OFFSET 6);"
		"INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date) SELECT id, org_id, 'standardized',"
		" 'entry', '2026-03-16' FROM person WHERE archived = 0 ORDER BY id LIMIT 1 OFFSET 6;"
		"INSERT INTO diagnostic_element (diagnostic_id, deficit_code_id, max_score, score, pct)"
		" SELECT (SELECT max(id) FROM diagnostic), id, 10, 3, 30 FROM deficit_code WHERE code = 'П-3'");
	assert_int_equal(note_view(s, cfg, "org", org, 2026, &v), ST_OK);
	assert_int_equal(v.people[0].people, 7);
	assert_false(v.people[0].pct_shown);
	assert_false(row(v.elements, v.nelements, "П-3")->f[0].shown);
	r = row(v.blocks, v.nblocks, "Предметные");
	assert_true(r->f[0].shown);
	assert_int_equal(r->f[0].people, 7);
	assert_false(r->f[0].pct_shown);
	assert_true(row(v.blocks, v.nblocks, "Методические")->f[0].pct_shown);
	assert_int_equal(row(v.blocks, v.nblocks, "Методические")->f[0].pct, 50);
	assert_int_equal(row(v.elements, v.nelements, "П-1")->f[0].pct, 50);
	note_lines(&v, 80, false, &l);
	assert_true(has_line(&l, "      скр. (7 чел.) → —; уровень дефицита: скр. → —"));
	text_lines_free(&l);
	note_view_free(&v);

	/* Two more teachers in another school: 2 is under 5, and the six of
	 * OO001 would give them away from the region: both withheld. */
	exec(s, "INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date) SELECT p.id, p.org_id, 'standardized',"
		" 'entry', '2026-03-17' FROM person p WHERE p.archived = 0 AND p.org_id <>"
		" (SELECT id FROM organisation WHERE code = 'OO001') ORDER BY p.id LIMIT 2;"
		"INSERT INTO diagnostic_element (diagnostic_id, deficit_code_id, max_score, score, pct)"
		" SELECT d.id, c.id, 10, 5, 50 FROM diagnostic d JOIN deficit_code c ON c.code = 'П-1'"
		" WHERE d.diag_date = '2026-03-17'");
	assert_int_equal(note_view(s, cfg, "org", org, 2026, &v), ST_OK);
	assert_false(row(v.elements, v.nelements, "П-1")->f[0].shown);
	assert_true(row(v.elements, v.nelements, "П-2")->f[0].shown);   /* only the six had it */
	note_view_free(&v);
	done(s);
}

/* Blocks whose sort is not unique (all 0, the default) and two of one
 * name: «Другой блок» (ДБ-1, ДБ-2) and two «Общий блок» (ОА-1, ОА-2 and
 * ОБ-1). Six teachers of OO001 did ДБ-1, ОА-1 and ОБ-1 (scores as in
 * fixture()); a seventh only ДБ-2 (7 of 10) and ОА-2 (3 of 10), so those
 * two are withheld, and with them the % of their own blocks (else ДБ-2
 * would be its block's sums less ДБ-1's), while the other «Общий блок»
 * keeps its %; the two of one name are not summed together. All seven
 * have the deficit ОА-1 (five more of OO001 none): the HTML gives it as «N из M (P %)», as the text. */
static void test_same_sort_blocks(void **state)
{
	static const int a1[] = { 10, 8, 6, 4, 2, 0 }, b1[] = { 10, 10, 10, 10, 10, 5 }, d1[] = { 6, 6, 3, 3, 0, 0 };
	struct store *s = demo();
	struct note_view v;
	struct text_lines l = { NULL, 0, 0 };
	const struct note_view *vs[1];
	const struct deficit_section *ds;
	const struct note_row *r;
	char sql[1400], *html = NULL, want[96];
	size_t hlen = 0;
	int64_t org;
	FILE *f;
	int j;

	(void)state;
	exec(s, "INSERT INTO competency_block (id, code, kind, name, sort) VALUES"
		" (101, 'dup_a', 'teacher', 'Общий блок', 0), (102, 'dup_b', 'teacher', 'Общий блок', 0),"
		" (103, 'other', 'teacher', 'Другой блок', 0);"
		"INSERT INTO deficit_code (code, block_id, wording, sort) VALUES"
		" ('ОА-1', 101, 'Элемент А один', 0), ('ОА-2', 101, 'Элемент А два', 0),"
		" ('ОБ-1', 102, 'Элемент Б один', 0), ('ДБ-1', 103, 'Элемент Д один', 0),"
		" ('ДБ-2', 103, 'Элемент Д два', 0);"
		"UPDATE person SET org_id = (SELECT id FROM organisation WHERE code = 'OO001')"
		" WHERE id IN (SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 7)");
	for (int i = 0; i < 7; i++) {
		if (i < 6) {
			char part[300];
			snprintf(part, sizeof part, "SELECT 'ОА-1' AS code, 10 AS mx, %d AS sc UNION ALL SELECT 'ОБ-1', 10, %d"
				 " UNION ALL SELECT 'ДБ-1', 6, %d", a1[i], b1[i], d1[i]);
			snprintf(sql, sizeof sql,
				 "INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date) SELECT id, org_id,"
				 " 'standardized', 'entry', '2026-03-16' FROM person WHERE archived = 0 ORDER BY id"
				 " LIMIT 1 OFFSET %d;"
				 "INSERT INTO diagnostic_deficit (diagnostic_id, deficit_code_id) SELECT (SELECT max(id)"
				 " FROM diagnostic), id FROM deficit_code WHERE code = 'ОА-1';"
				 "INSERT INTO diagnostic_element (diagnostic_id, deficit_code_id, max_score, score, pct)"
				 " SELECT (SELECT max(id) FROM diagnostic), c.id, v.mx, v.sc, 0 FROM (%s) v"
				 " JOIN deficit_code c ON c.code = v.code;", i, part);
		} else
			snprintf(sql, sizeof sql,
				 "INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date) SELECT id, org_id,"
				 " 'standardized', 'entry', '2026-03-16' FROM person WHERE archived = 0 ORDER BY id"
				 " LIMIT 1 OFFSET %d;"
				 "INSERT INTO diagnostic_deficit (diagnostic_id, deficit_code_id) SELECT (SELECT max(id)"
				 " FROM diagnostic), id FROM deficit_code WHERE code = 'ОА-1';"
				 "INSERT INTO diagnostic_element (diagnostic_id, deficit_code_id, max_score, score, pct)"
				 " SELECT (SELECT max(id) FROM diagnostic), c.id, 10, CASE c.code WHEN 'ДБ-2' THEN 7 ELSE 3 END, 0"
				 " FROM deficit_code c WHERE c.code IN ('ДБ-2', 'ОА-2');", i);
		exec(s, sql);
	}
	/* Five more teachers of OO001 with a diagnostic and no deficit (so
	 * that «all of them» is not what ОА-1 tells) and no element results. */
	exec(s, "UPDATE person SET org_id = (SELECT id FROM organisation WHERE code = 'OO001')"
		" WHERE id IN (SELECT id FROM person WHERE archived = 0 ORDER BY id LIMIT 5 OFFSET 7);"
		"INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date) SELECT id, org_id,"
		" 'standardized', 'entry', '2026-03-16' FROM person WHERE archived = 0 ORDER BY id LIMIT 5 OFFSET 7");
	org = count(s, "SELECT id FROM organisation WHERE code = 'OO001'");
	assert_int_equal(note_view(s, cfg, "org", org, 2026, &v), ST_OK);
	assert_int_equal(v.people[0].people, 7);
	assert_false(v.people[0].pct_shown);
	/* Three blocks, by sort (all 0), then name, then id: the two of one
	 * name apart; each element after its own block. */
	assert_int_equal(v.nblocks, 3);
	assert_string_equal(v.blocks[0].name, "Другой блок");
	assert_string_equal(v.blocks[1].name, "Общий блок");
	assert_string_equal(v.blocks[2].name, "Общий блок");
	assert_int_equal(v.nelements, 5);
	assert_string_equal(v.elements[0].code, "ДБ-1");
	assert_string_equal(v.elements[1].code, "ДБ-2");
	assert_string_equal(v.elements[2].code, "ОА-1");
	assert_string_equal(v.elements[3].code, "ОА-2");
	assert_string_equal(v.elements[4].code, "ОБ-1");
	/* The withheld elements, and their own blocks' % with them. */
	assert_false(row(v.elements, v.nelements, "ДБ-2")->f[0].shown);
	assert_false(row(v.elements, v.nelements, "ОА-2")->f[0].shown);
	assert_int_equal(row(v.elements, v.nelements, "ДБ-1")->f[0].pct, 50);
	assert_int_equal(row(v.elements, v.nelements, "ОА-1")->f[0].pct, 50);
	r = &v.blocks[0];   /* Другой блок: 7 teachers, ДБ-1 + ДБ-2 */
	assert_true(r->f[0].shown);
	assert_int_equal(r->f[0].people, 7);
	assert_false(r->f[0].pct_shown);
	r = &v.blocks[1];   /* Общий блок 101: ОА-1 + ОА-2 */
	assert_true(r->f[0].shown);
	assert_int_equal(r->f[0].people, 7);
	assert_false(r->f[0].pct_shown);
	r = &v.blocks[2];   /* Общий блок 102: ОБ-1 only, 55 / 60 = 92 % */
	assert_int_equal(r->f[0].people, 6);
	assert_true(r->f[0].pct_shown);
	assert_int_equal(r->f[0].pct, 92);
	/* Nothing derivable: a block whose % is shown has every element's %. */
	for (int b = 0; b < v.nblocks; b++)
		if (v.blocks[b].f[0].pct_shown)
			assert_true(b == 2 && row(v.elements, v.nelements, "ОБ-1")->f[0].pct_shown);

	/* The typical deficit ОА-1: «N из M (P %)» in the text and the HTML. */
	ds = v.deficits.nsections > 0 ? &v.deficits.sections[0] : NULL;
	assert_non_null(ds);
	for (j = 0; j < ds->ncodes && strcmp(ds->codes[j].code, "ОА-1") != 0; j++)
		;
	assert_true(j < ds->ncodes);
	assert_true(ds->codes[j].f[0].shown && ds->people[0].shown);
	assert_int_equal(ds->codes[j].f[0].value, 7);
	snprintf(want, sizeof want, "7 из %d (%d %%)", ds->people[0].value,
		 (200 * 7 + ds->people[0].value) / (2 * ds->people[0].value));
	note_lines(&v, 200, true, &l);
	{
		bool in_text = false;
		for (int i = 0; i < l.n; i++)
			in_text |= strncmp(l.v[i], "  ОА-1: входная — ", strlen("  ОА-1: входная — ")) == 0 &&
				   strstr(l.v[i], want) != NULL;
		assert_true(in_text);
	}
	text_lines_free(&l);
	vs[0] = &v;
	f = open_memstream(&html, &hlen);
	assert_non_null(f);
	assert_int_equal(note_html(vs, 1, f), 0);
	fclose(f);
	snprintf(sql, sizeof sql, "<td class=\"n\">%s</td>", want);
	if (strstr(html, sql) == NULL)
		fail_msg("no «%s» in the HTML", want);
	free(html);
	note_view_free(&v);
	done(s);
}

static int import_path(struct store *s, const char *path, struct import_report *r)
{
	struct import_opts strict = { false, false };
	char err[300] = "";
	int rc = import_file(s, cfg, &sys, IMPORT_ELEMENTS, path, CSV_ENC_AUTO, 0, &strict, NULL, r, err, sizeof err);

	if (rc == -2)
		fail_msg("%s: %s", path, err);
	return rc;
}

static void test_import_examples(void **state)
{
	struct import_report r;
	struct store *s = demo();
	char path[80];
	int64_t audit;
	FILE *f;

	(void)state;
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id = 'ТН-000002'"), 1);
	exec(s, "INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date) SELECT id, org_id, 'standardized',"
		" 'entry', '2026-03-16' FROM person WHERE external_id = 'ТН-000002'");
	import_batch_ms = 0;
	assert_int_equal(import_path(s, TEST_CONF_DIR "/import/elements.csv", &r), 0);
	assert_int_equal(r.bad, 0);
	assert_int_equal(r.added, 6);
	assert_true(r.written);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic_element"), 6);
	/* Written through the one save path: audited, each value a result the
	 * journal shows only to whom the policy discloses the teacher's. */
	assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE tbl = 'diagnostic_element' AND action = 'create'"
			       " AND field = 'score'"), 6);
	assert_int_equal(access_column_class("diagnostic_element", "score"), DISCLOSE_RESULTS);
	assert_int_equal(access_column_class("diagnostic_element", "max_score"), DISCLOSE_RESULTS);
	{
		int64_t iom, diag, el = count(s, "SELECT min(id) FROM diagnostic_element");
		assert_int_equal(store_record_person(s, "diagnostic_element", el, &iom, &diag),
				 count(s, "SELECT id FROM person WHERE external_id = 'ТН-000002'"));
		assert_int_equal(diag, count(s, "SELECT diagnostic_id FROM diagnostic_element WHERE id ="
						" (SELECT min(id) FROM diagnostic_element)"));
	}
	/* П-1: 8 of 10 → 80 %; М-3: 2 of 6 → 33 %. */
	assert_int_equal(count(s, "SELECT pct FROM diagnostic_element e JOIN deficit_code c ON c.id = e.deficit_code_id"
			       " WHERE c.code = 'П-1'"), 80);
	assert_int_equal(count(s, "SELECT pct FROM diagnostic_element e JOIN deficit_code c ON c.id = e.deficit_code_id"
			       " WHERE c.code = 'М-3'"), 33);
	audit = count(s, "SELECT count(*) FROM audit");
	/* Again, from the CSV and from the workbook: nothing changes. */
	assert_int_equal(import_path(s, TEST_CONF_DIR "/import/elements.csv", &r), 0);
	assert_int_equal(r.unchanged, 6);
	assert_int_equal(r.added + r.updated, 0);
	import_report_free(&r);
	assert_int_equal(import_path(s, TEST_CONF_DIR "/import/elements.xlsx", &r), 0);
	assert_string_equal(r.encoding, "xlsx");
	assert_int_equal(r.unchanged, 6);
	assert_int_equal(r.added + r.updated + r.bad, 0);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM audit"), audit);

	/* A bad row (a score over the maximum) next to a good change: nothing
	 * is written, the row and the column are named. */
	snprintf(path, sizeof path, "/tmp/marshrut-note-bad-%d.csv", (int)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("Табельный номер;Дата диагностики;Форма;Блок;Код элемента;Максимальный балл;Балл\n"
	      "ТН-000002;16.03.2026;стандартизированная процедура;Предметные;П-1;10;9\n"
	      "ТН-000002;16.03.2026;стандартизированная процедура;Предметные;П-3;10;11\n"
	      "ТН-000002;16.03.2026;стандартизированная процедура;Методические;П-2;10;1\n", f);
	fclose(f);
	assert_int_equal(import_path(s, path, &r), 0);
	assert_int_equal(r.bad, 2);
	assert_false(r.written);
	{
		bool score = false, block = false;
		for (int i = 0; i < r.np; i++) {
			score |= r.p[i].line == 3 && r.p[i].column && strcmp(r.p[i].column, "Балл") == 0 &&
				 strstr(r.p[i].what, "больше максимального");
			block |= r.p[i].line == 4 && r.p[i].column && strcmp(r.p[i].column, "Блок") == 0 &&
				 strstr(r.p[i].what, "«Предметные»");
		}
		assert_true(score);
		assert_true(block);
	}
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM audit"), audit);
	assert_int_equal(count(s, "SELECT score FROM diagnostic_element e JOIN deficit_code c ON c.id = e.deficit_code_id"
			       " WHERE c.code = 'П-1'"), 8);

	/* The form as schools write it (a synonym in import_words), the
	 * headers' usual other names: П-1 becomes 9 of 10, 90 %. */
	free(cfg->import_words);
	cfg->import_words = xstrdup(TEST_CONF_DIR "/import_words.conf");
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("Табельный номер;Дата диагностики;Форма диагностики;Блок компетенций;Код элемента;Макс. балл;Балл\n"
	      "ТН-000002;2026-03-16;стандартизированная;предметные;П-1;10;9\n", f);
	fclose(f);
	assert_int_equal(import_path(s, path, &r), 0);
	assert_int_equal(r.bad, 0);
	assert_int_equal(r.updated, 1);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT pct FROM diagnostic_element e JOIN deficit_code c ON c.id = e.deficit_code_id"
			       " WHERE c.code = 'П-1'"), 90);
	import_batch_ms = 100;
	unlink(path);
	done(s);
}

static int setup(void **state)
{
	(void)state;
	cfg = config_defaults();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	config_free(cfg);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_protect),
		cmocka_unit_test(test_fixture_group),
		cmocka_unit_test(test_same_sort_blocks),
		cmocka_unit_test(test_import_examples),
	};
	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
