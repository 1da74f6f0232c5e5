/* The shipped codifier: reading the file, refusing bad ones with their line,
 * importing idempotently into the store. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "catalog.h"
#include "cli/cli.h"
#include "config.h"
#include "store/store.h"
#include "store/store_int.h"

static char dbpath[64], confpath[64];
static const struct actor sys = { 0, "init", "init" };

static void write_conf(const char *text)
{
	FILE *f;
	snprintf(confpath, sizeof confpath, "/tmp/marshrut-codifier-%d.conf", (int)getpid());
	f = fopen(confpath, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_shipped_file(void **state)
{
	struct codifier_entry *e;
	char err[300];
	int n;

	(void)state;
	n = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	assert_true(n >= 20);
	assert_string_equal(e[0].code, "П-1");
	assert_string_equal(e[0].block, "predmet");
	assert_non_null(strstr(e[0].wording, "учебного предмета"));
	catalog_free_codifier(e, n);
}

static void test_bad_files(void **state)
{
	struct codifier_entry *e;
	char err[300];

	(void)state;
	write_conf("# комментарий\n\ndeficit \"A-1\" { block = \"metod\" }\n");
	assert_int_equal(catalog_read_codifier(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "формулировка"));
	assert_non_null(strstr(err, confpath));
	write_conf("deficit \"A-1\" { wording = \"x\" }\n");
	assert_int_equal(catalog_read_codifier(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "блок"));
	write_conf("# 1\n# 2\ndeficit \"A\x1b[2J\" { block = \"metod\" wording = \"x\" }\n");
	assert_int_equal(catalog_read_codifier(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "управляющий"));
	write_conf("deficit \"A-1\" { block = \"metod\" wording = \"x\" }\n"
		   "deficit \"A-1\" { block = \"metod\" wording = \"y\" }\n");
	assert_int_equal(catalog_read_codifier(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, ":2:"));   /* the repeated code, with its line */
	assert_int_equal(catalog_read_codifier("/nonexistent/codifier.conf", &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "не удаётся открыть"));
	unlink(confpath);
}

static void test_import(void **state)
{
	struct codifier_entry *e;
	struct store *s;
	char err[300];
	int n, added;

	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-catalog-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	assert_non_null(s);
	n = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	assert_true(n > 0);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_OK);
	assert_int_equal(added, n);
	assert_int_equal(store_int(s, "SELECT count(*) FROM deficit_code", NULL), n);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'deficit_code'", NULL), n);
	/* An edited wording survives a second import, which adds nothing. */
	store_run(s, "UPDATE deficit_code SET wording = 'изменено' WHERE code = 'П-1'", NULL);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_OK);
	assert_int_equal(added, 0);
	assert_int_equal(store_int(s, "SELECT count(*) FROM deficit_code WHERE wording = 'изменено'", NULL), 1);
	catalog_free_codifier(e, n);
	/* An unknown block refuses the whole import. */
	write_conf("deficit \"Н-1\" { block = \"metod\" wording = \"новый\" }\n"
		   "deficit \"Н-2\" { block = \"astrology\" wording = \"x\" }\n");
	n = catalog_read_codifier(confpath, &e, err, sizeof err);
	assert_int_equal(n, 2);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "astrology"));
	assert_int_equal(store_int(s, "SELECT count(*) FROM deficit_code WHERE code = 'Н-1'", NULL), 0);
	catalog_free_codifier(e, n);
	unlink(confpath);
	store_close(s);
	test_remove_db(dbpath);
}

static void test_paging_and_search(void **state)
{
	struct codifier_entry *e;
	struct store *s;
	struct deficit_filter f = { NULL, 0, false };
	struct page_req r = { NULL, 0, +1, 100 };
	struct page p;
	char err[300];
	int n, added, count;

	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-catalog-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	n = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_OK);
	catalog_free_codifier(e, n);
	/* In block order, in the order of the file. */
	assert_int_equal(store_deficit_page(s, &f, &r, &p), ST_OK);
	assert_int_equal(p.n, n);
	assert_string_equal(p.rows[0].cols[0], "П-1");
	assert_string_equal(p.rows[n - 1].cols[0], "У-7");
	page_free(&p);
	/* Words of the wording, in any case, or a code prefix. */
	f.search = "ФУНКЦИОНАЛЬН";
	assert_int_equal(store_deficit_count(s, &f, &count), ST_OK);
	assert_int_equal(count, 1);
	f.search = "ПП-";
	assert_int_equal(store_deficit_count(s, &f, &count), ST_OK);
	assert_int_equal(count, 4);
	f.search = NULL;
	f.block_id = 2; /* metod */
	assert_int_equal(store_deficit_count(s, &f, &count), ST_OK);
	assert_int_equal(count, 4);
	store_close(s);
	test_remove_db(dbpath);
}

static void test_selfcheck(void **state)
{
	struct selfcheck_entry *q;
	struct codifier_entry *e;
	struct store *s;
	struct selfcheck_item items[40];
	char err[300];
	int n, m, added;
	int all3[] = { 3, 3, 3 }, mixed[] = { 3, 1, 1, 0 }, half[] = { 2, 1 };

	(void)state;
	/* The rule: 100 · sum / (3 n), rounded. */
	assert_int_equal(selfcheck_percent(all3, 3), 100);
	assert_int_equal(selfcheck_percent(mixed, 4), 42);
	assert_int_equal(selfcheck_percent(half, 2), 50);
	assert_int_equal(selfcheck_percent(NULL, 0), -1);
	assert_true(selfcheck_is_deficit(0) && selfcheck_is_deficit(1));
	assert_false(selfcheck_is_deficit(2) || selfcheck_is_deficit(3));

	n = catalog_read_selfcheck(TEST_CONF_DIR "/selfcheck.conf", &q, err, sizeof err);
	assert_true(n >= 17);
	write_conf("statement \"x\" { block = \"metod\" }\n");
	{
		struct selfcheck_entry *bad;
		assert_int_equal(catalog_read_selfcheck(confpath, &bad, err, sizeof err), -1);
	}
	assert_non_null(strstr(err, "текст"));
	unlink(confpath);

	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-catalog-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	m = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	assert_int_equal(store_codifier_import(s, &sys, e, m, &added), ST_OK);
	catalog_free_codifier(e, m);
	assert_int_equal(store_selfcheck_import(s, &sys, q, n, &added), ST_OK);
	assert_int_equal(added, n);
	assert_int_equal(store_selfcheck_import(s, &sys, q, n, &added), ST_OK);
	assert_int_equal(added, 0);   /* idempotent */
	catalog_free_selfcheck(q, n);
	/* Teachers get the teacher blocks' statements, in block order. */
	m = store_selfcheck_items(s, false, items, 40);
	assert_int_equal(m, 17);
	assert_string_equal(items[0].block, "Предметные");
	assert_true(items[0].deficit_id > 0);
	for (int i = 0; i < m; i++)
		free(items[i].text);
	m = store_selfcheck_items(s, true, items, 40);
	assert_int_equal(m, 7);
	for (int i = 0; i < m; i++)
		free(items[i].text);
	store_close(s);
	test_remove_db(dbpath);
}

/* `marshrut init` with the shipped conf/: the 29 associations of seed 003's
 * Table 8 and the 15 measures of its roadmap, those the seed ties to an
 * indicator linked to it (a reference, not text); a second init adds
 * nothing and keeps what users changed. */
static int run_init(struct config *cfg)
{
	struct cli_ctx ctx = { cfg, dbpath, NULL };
	char *argv[] = { (char *)"init", NULL };
	return cli_run(&ctx, 1, argv);
}

static void test_init_seed_catalogues(void **state)
{
	char err[300];
	struct config *cfg = config_load(TEST_CONF_DIR "/marshrut.conf", err, sizeof err);
	struct store *s;

	(void)state;
	assert_non_null(cfg);
	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-catalog-init-%d.db", (int)getpid());
	test_remove_db(dbpath);
	assert_int_equal(run_init(cfg), EXIT_OK);
	s = store_open(dbpath, false, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_int(s, "SELECT count(*) FROM city_mo", NULL), 29);
	assert_int_equal(store_int(s, "SELECT count(DISTINCT name) FROM city_mo", NULL), 29);
	/* «учителей-логопедов», twice in the seed, is there once. */
	assert_int_equal(store_int(s, "SELECT count(*) FROM city_mo WHERE name LIKE '%логопед%'", NULL), 1);
	assert_int_equal(store_int(s, "SELECT count(*) FROM city_mo WHERE kind = 'young'", NULL), 3);
	assert_int_equal(store_int(s, "SELECT count(*) FROM support_measure", NULL), 15);
	assert_int_equal(store_int(s, "SELECT count(*) FROM support_measure WHERE period = 'май, ежегодно'", NULL), 2);
	/* The links are references to the indicators, by code. */
	assert_int_equal(store_int(s, "SELECT count(*) FROM support_measure m JOIN indicator i ON i.id = m.indicator_id"
				   " WHERE i.code IN ('УИ-1', 'УИ-3', 'УИ-5', 'УИ-7', 'УИ-14', 'УИ-17')", NULL), 6);
	assert_int_equal(store_int(s, "SELECT count(*) FROM support_measure WHERE indicator_id IS NULL", NULL), 9);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl IN ('city_mo', 'support_measure')", NULL),
			 44);
	/* Users rename one association, archive another, move a measure to a
	 * year and unlink its indicator. */
	assert_int_equal(store_run(s, "UPDATE city_mo SET name = 'ГМО химиков' WHERE conf_key = 'mo01'", NULL), ST_OK);
	assert_int_equal(store_run(s, "UPDATE city_mo SET archived = 1 WHERE conf_key = 'mo02'", NULL), ST_OK);
	assert_int_equal(store_run(s, "UPDATE support_measure SET year = 2024, indicator_id = NULL"
				   " WHERE conf_key = 'm01'", NULL), ST_OK);
	store_close(s);
	assert_int_equal(run_init(cfg), EXIT_OK);
	s = store_open(dbpath, false, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_int(s, "SELECT count(*) FROM city_mo", NULL), 29);
	assert_int_equal(store_int(s, "SELECT count(*) FROM support_measure", NULL), 15);
	assert_int_equal(store_int(s, "SELECT count(*) FROM city_mo WHERE name = 'ГМО химиков'", NULL), 1);
	assert_int_equal(store_int(s, "SELECT count(*) FROM city_mo WHERE name LIKE '%учителей химии'", NULL), 0);
	assert_int_equal(store_int(s, "SELECT archived FROM city_mo WHERE conf_key = 'mo02'", NULL), 1);
	assert_int_equal(store_int(s, "SELECT year FROM support_measure WHERE conf_key = 'm01'", NULL), 2024);
	assert_int_equal(store_int(s, "SELECT count(*) FROM support_measure WHERE conf_key = 'm01'"
				   " AND indicator_id IS NULL", NULL), 1);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl IN ('city_mo', 'support_measure')"
				   " AND action = 'create'", NULL), 44);
	store_close(s);
	test_remove_db(dbpath);
	config_free(cfg);
}

/* An association made by hand under the seed's name is the seed's: init
 * keys it instead of adding a second; a measure naming an indicator the
 * database lacks refuses the whole import, with its name. */
static void test_seed_catalogue_edges(void **state)
{
	struct association_entry *as;
	struct measure_entry *me;
	struct store *s;
	char err[300];
	int n, added;

	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-catalog-edge-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_run(s, "INSERT INTO city_mo (name) VALUES ('школа молодого учителя')", NULL), ST_OK);
	n = catalog_read_associations(TEST_CONF_DIR "/associations.conf", &as, err, sizeof err);
	assert_int_equal(n, 29);
	assert_int_equal(store_associations_import(s, &sys, as, n, &added), ST_OK);
	assert_int_equal(added, 28);
	assert_int_equal(store_int(s, "SELECT count(*) FROM city_mo", NULL), 29);
	assert_int_equal(store_int(s, "SELECT conf_key = 'mo22' FROM city_mo WHERE name = 'школа молодого учителя'",
				   NULL), 1);
	catalog_free_associations(as, n);
	n = catalog_read_measures(TEST_CONF_DIR "/measures.conf", &me, err, sizeof err);
	assert_int_equal(n, 15);
	assert_int_equal(store_measures_import(s, &sys, me, n, &added), ST_CONSTRAINT);   /* no indicators */
	assert_non_null(strstr(store_errmsg(s), "УИ-1"));
	assert_int_equal(store_int(s, "SELECT count(*) FROM support_measure", NULL), 0);
	catalog_free_measures(me, n);
	write_conf("association \"x\" { name = \"Клуб\" kind = \"club\" }\n");
	assert_int_equal(catalog_read_associations(confpath, &as, err, sizeof err), -1);
	assert_non_null(strstr(err, "вид"));
	write_conf("measure \"x\" { responsible = \"Иванов\" }\n");
	assert_int_equal(catalog_read_measures(confpath, &me, err, sizeof err), -1);
	assert_non_null(strstr(err, "мероприятие"));
	unlink(confpath);
	store_close(s);
	test_remove_db(dbpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_file),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_paging_and_search),
		cmocka_unit_test(test_selfcheck),
		cmocka_unit_test(test_init_seed_catalogues),
		cmocka_unit_test(test_seed_catalogue_edges),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
