/* Unit tests for the school's development plan as the seed's 3 × 3 grid
 * (src/devplan.c, src/store/devplan.c): rows grouped by form and level,
 * the seed's words, what has no cell, the store reading one organisation's
 * live rows of one year, and the print (text within 80 columns, HTML
 * escaped). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "devplan.h"
#include "store/devplan.h"
#include "store/store.h"
#include "store/store_int.h"
#include "text.h"
#include "util.h"

static void test_place(void **state)
{
	int f, l;

	(void)state;
	assert_true(devplan_place("formal", "staff", &f, &l));
	assert_int_equal(f, 0);
	assert_int_equal(l, 0);
	assert_true(devplan_place("informal", "individual", &f, &l));
	assert_int_equal(f, 2);
	assert_int_equal(l, 2);
	assert_true(devplan_place("nonformal", "groups", &f, &l));
	assert_int_equal(f, 1);
	assert_int_equal(l, 1);
	assert_false(devplan_place("self", "staff", &f, &l));
	assert_int_equal(f, -1);
	assert_false(devplan_place("formal", NULL, &f, &l));
	assert_false(devplan_place(NULL, "groups", &f, &l));
	/* The seed's words (000, App. 2). */
	assert_string_equal(devplan_level_titles[0], "Весь педагогический коллектив");
	assert_string_equal(devplan_level_titles[1], "Профессиональные объединения (группы)");
	assert_string_equal(devplan_level_titles[2], "Отдельные педагоги");
	assert_string_equal(devplan_form_titles[2], "Информальное образование");
}

/* Rows land in their cells in the order added; empty texts are none. */
static void test_grouping(void **state)
{
	struct devplan p;
	char *sum;

	(void)state;
	memset(&p, 0, sizeof p);
	devplan_add(&p, 1, "formal", "staff", "Цель А", "  ", "Формы А");
	devplan_add(&p, 2, "informal", "groups", NULL, "Содержание Б", NULL);
	devplan_add(&p, 3, "formal", "staff", "Цель В", NULL, NULL);
	devplan_add(&p, 4, "other", "staff", "ничья", NULL, NULL);
	assert_int_equal(p.items, 3);
	assert_int_equal(p.unplaced, 1);
	assert_int_equal(p.cell[0][0].n, 2);
	assert_int_equal(p.cell[0][0].v[0].id, 1);
	assert_int_equal(p.cell[0][0].v[1].id, 3);
	assert_null(p.cell[0][0].v[0].content);
	assert_int_equal(p.cell[2][1].n, 1);
	assert_string_equal(p.cell[2][1].v[0].content, "Содержание Б");
	for (int f = 0; f < DEVPLAN_FORMS; f++)
		for (int l = 0; l < DEVPLAN_LEVELS; l++)
			if (!((f == 0 && l == 0) || (f == 2 && l == 1)))
				assert_int_equal(p.cell[f][l].n, 0);
	sum = devplan_cell_summary(&p.cell[0][0]);
	assert_string_equal(sum, "Цель А; Формы А; Цель В");
	free(sum);
	sum = devplan_cell_summary(&p.cell[1][1]);
	assert_string_equal(sum, "");
	free(sum);
	devplan_free(&p);
	assert_int_equal(p.items, 0);
}

static char *print_to_mem(const struct devplan *p, bool html)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(devplan_print(p, html, f), 0);
	fclose(f);
	return buf;
}

/* Text: every line within 80 columns, each cell's text under its form;
 * HTML: the seed's headings, the texts escaped. */
static void test_print(void **state)
{
	struct devplan p;
	char *txt, *html, *line, *save = NULL;

	(void)state;
	memset(&p, 0, sizeof p);
	p.org_name = xstrdup("СШ № 12");
	p.year = 2026;
	devplan_add(&p, 1, "nonformal", "individual", "Наставничество для молодых педагогов первого и второго года работы",
		    "Посещение уроков", "Пары <наставник> & \"подопечный\"");
	devplan_add(&p, 2, "formal", "staff", "Курсы", NULL, NULL);
	txt = print_to_mem(&p, false);
	assert_non_null(strstr(txt, "План организации непрерывного профессионального развития педагогов"));
	assert_non_null(strstr(txt, "СШ № 12, 2026 год"));
	assert_non_null(strstr(txt, "| Неформальное образование"));
	assert_non_null(strstr(txt, "Посещение уроков"));
	for (line = strtok_r(txt, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		assert_true(text_width(line) <= DEVPLAN_TXT_COLS);
	free(txt);
	html = print_to_mem(&p, true);
	assert_non_null(strstr(html, "<th>Профессиональные объединения (группы)</th>"));
	assert_non_null(strstr(html, "Пары &lt;наставник&gt; &amp; &quot;подопечный&quot;"));
	assert_null(strstr(html, "<наставник>"));
	/* Three forms × (goal, content, forms) rows under the header. */
	{
		int n = 0;
		for (const char *q = html; (q = strstr(q, "<td class=\"part\">")) != NULL; q++)
			n++;
		assert_int_equal(n, 9);
	}
	free(html);
	devplan_free(&p);
}

/* The store reads one organisation's live rows of one year. */
static void test_store(void **state)
{
	char dir[] = "/tmp/test_devplan_XXXXXX", db[64], err[300], sql[900];
	struct devplan p;
	struct store *s;
	int64_t org, other;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/d.db", dir);
	s = store_open(db, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 20, err, sizeof err), ST_OK);
	org = store_int(s, "SELECT min(id) FROM organisation WHERE kind = 'school'", NULL);
	other = store_int(s, "SELECT max(id) FROM organisation WHERE id <> ?", "i", org);
	assert_true(org > 0 && other > 0 && other != org);
	snprintf(sql, sizeof sql,
		 "INSERT INTO school_dev_plan (org_id, year, education, audience, goal) VALUES"
		 " (%1$lld, 2026, 'formal', 'groups', 'А'), (%1$lld, 2026, 'informal', 'individual', 'Б'),"
		 " (%1$lld, 2025, 'formal', 'staff', 'прошлый год'), (%2$lld, 2026, 'formal', 'staff', 'чужая ОО');"
		 "INSERT INTO school_dev_plan (org_id, year, education, audience, goal, archived) VALUES"
		 " (%1$lld, 2026, 'nonformal', 'staff', 'в архиве', 1);",
		 (long long)org, (long long)other);
	assert_int_equal(sqlite3_exec(store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_devplan_load(s, org, 2026, &p), ST_OK);
	assert_int_equal(p.items, 2);
	assert_int_equal(p.cell[0][1].n, 1);
	assert_string_equal(p.cell[0][1].v[0].goal, "А");
	assert_int_equal(p.cell[2][2].n, 1);
	assert_int_equal(p.cell[0][0].n, 0);
	assert_int_equal(p.cell[1][0].n, 0);
	assert_non_null(p.org_name);
	assert_true(p.org_name[0] != '\0');
	devplan_free(&p);
	assert_int_equal(store_devplan_load(s, org, 2025, &p), ST_OK);
	assert_int_equal(p.items, 1);
	devplan_free(&p);
	assert_int_equal(store_devplan_load(s, 999999, 2026, &p), ST_NOTFOUND);
	assert_int_equal(store_devplan_load(s, org, 1999, &p), ST_CONSTRAINT);
	store_close(s);
	test_remove_db(db);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_place),
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_store),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
