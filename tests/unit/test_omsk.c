/* The Omsk ИППР (000): the template chosen for a card (store/omsk.c), its
 * print as the Omsk table (src/export.c), the interview after a course
 * with its levels per competency under the one disclosure rule, and the
 * guiding questions read from conf/interview.conf (src/catalog.c). Each
 * test has its own temporary demo database. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "access.h"
#include "catalog.h"
#include "config.h"
#include "export.h"
#include "model.h"
#include "store/iom.h"
#include "store/omsk.h"
#include "store/store.h"
#include "store/store_int.h"
#include "text.h"
#include "util.h"

struct fx {
	char path[64];
	struct store *s;
	struct config *cfg;
	struct actor regional;
	int64_t teacher, developer, card, course, other_course;
	char number[65];
};

static int64_t user_person(struct store *s, const char *login)
{
	return store_int(s, "SELECT person_id FROM app_user WHERE login = ?", "t", login);
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct iom_head h;
	char err[512] = "";
	int fd;

	*state = f;
	strlcpy0(f->path, "/tmp/test_omsk_XXXXXX", sizeof f->path);
	if ((fd = mkstemp(f->path)) < 0)
		return -1;
	close(fd);
	f->s = store_open(f->path, true, err, sizeof err);
	if (f->s == NULL || store_demo_fill(f->s, 40, err, sizeof err) != ST_OK) {
		fprintf(stderr, "demo: %s\n", err);
		return -1;
	}
	f->cfg = config_defaults();
	f->regional = (struct actor){ store_int(f->s, "SELECT id FROM app_user WHERE login = 'regional'",
						NULL), "regional", "regional" };
	f->teacher = user_person(f->s, "teacher");
	f->developer = user_person(f->s, "developer");
	if (store_iom_create(f->s, &f->regional, f->cfg, f->teacher, 2, 0, 0, f->developer, &h) != ST_OK) {
		fprintf(stderr, "card: %s\n", store_errmsg(f->s));
		return -1;
	}
	f->card = h.id;
	strlcpy0(f->number, h.number, sizeof f->number);
	strcpy(h.start, "2026-09-01");
	strcpy(h.end, "2027-05-31");
	if (store_iom_update(f->s, &f->regional, &h) != ST_OK)
		return -1;
	iom_free(&h);
	if (store_run(f->s, "INSERT INTO course(person_id, title, hours, end_date) VALUES"
		      " (?, 'Курс-маркер ИППР', 36, '2026-10-15'),"
		      " ((SELECT min(id) FROM person WHERE id <> ?), 'Чужой курс', 16, '2026-10-01')",
		      "ii", f->teacher, f->teacher) != ST_OK)
		return -1;
	f->course = store_int(f->s, "SELECT id FROM course WHERE title = 'Курс-маркер ИППР'", NULL);
	f->other_course = store_int(f->s, "SELECT id FROM course WHERE title = 'Чужой курс'", NULL);
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
	free(f);
	*state = NULL;
	return 0;
}

/* The card as `login` prints it. */
static char *render(struct fx *f, const char *login, enum export_format fmt)
{
	struct session ss;
	char e[300], err[300];
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(session_start(&ss, f->s, f->cfg, login, NULL, e, sizeof e), 0);
	assert_int_equal(export_card(&ss, f->card, fmt, fp, err, sizeof err), EXPORT_OK);
	fclose(fp);
	session_free(&ss);
	return buf;
}

static void add_row(struct fx *f, const char *block, const char *tasks, const char *deadline)
{
	const struct table_desc *t = &model_ippr_row;
	struct record r;
	char id[24], b[24];

	snprintf(id, sizeof id, "%lld", (long long)f->card);
	snprintf(b, sizeof b, "%lld", (long long)store_int(f->s, "SELECT id FROM competency_block WHERE code = ?",
							   "t", block));
	record_init(&r, t);
	record_set(&r, model_field_index(t, "iom_id"), id);
	record_set(&r, model_field_index(t, "block_id"), b);
	record_set(&r, model_field_index(t, "tasks"), tasks);
	record_set(&r, model_field_index(t, "labour_functions"), "А/01.6");
	record_set(&r, model_field_index(t, "knowledge_skills"), "Знания-маркер");
	record_set(&r, model_field_index(t, "actions"), "Действия-маркер");
	record_set(&r, model_field_index(t, "expected_result"), "Результат-маркер");
	record_set(&r, model_field_index(t, "deadline"), deadline);
	assert_int_equal(store_insert(f->s, &f->regional, t, &r), ST_OK);
	record_free(&r);
}

/* A card is a «Карта ИОМ» unless the ИППР is chosen as it is created; the
 * choice is logged, refused for an unknown template and once the card has
 * left the draft; the print follows the template. */
static void test_template_choice(void **state)
{
	struct fx *f = *state;
	char tpl[8];
	char *out;

	assert_int_equal(store_iom_template(f->s, f->card, tpl), ST_OK);
	assert_string_equal(tpl, "iom");
	out = render(f, "developer", EXPORT_TXT);
	assert_non_null(strstr(out, "КАРТА ИНДИВИДУАЛЬНОГО ОБРАЗОВАТЕЛЬНОГО МАРШРУТА ПЕДАГОГА"));
	free(out);

	assert_int_equal(store_iom_set_template(f->s, &f->regional, f->card, "omsk"), ST_CONSTRAINT);
	assert_int_equal(store_iom_set_template(f->s, &f->regional, f->card, IOM_TEMPLATE_IPPR), ST_OK);
	assert_int_equal(store_iom_template(f->s, f->card, tpl), ST_OK);
	assert_string_equal(tpl, "ippr");
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'iom' AND record_id = ?"
				   " AND field = 'template' AND before = 'iom' AND after = 'ippr'", "i", f->card), 1);
	out = render(f, "developer", EXPORT_TXT);
	assert_null(strstr(out, "КАРТА ИНДИВИДУАЛЬНОГО"));
	assert_non_null(strstr(out, "Программа профессионального развития педагога в межкурсовой период"));
	free(out);

	/* Chosen at creation: a card in review keeps its template. */
	assert_int_equal(store_run(f->s, "UPDATE iom SET status = 'review' WHERE id = ?", "i", f->card), ST_OK);
	assert_int_equal(store_iom_set_template(f->s, &f->regional, f->card, IOM_TEMPLATE_IOM), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(f->s), "при создании карты"));
	assert_int_equal(store_iom_template(f->s, f->card, tpl), ST_OK);
	assert_string_equal(tpl, "ippr");
	assert_int_equal(store_iom_template(f->s, 999999, tpl), ST_NOTFOUND);

	/* As the create-card dialog does it: the card and its template at once. */
	{
		struct iom_head h;
		int64_t before = store_int(f->s, "SELECT count(*) FROM iom", NULL);

		iom_init(&h);
		assert_int_equal(store_iom_create_template(f->s, &f->regional, f->cfg, IOM_TEMPLATE_IPPR,
							   f->teacher, 2, 0, 0, f->developer, &h), ST_OK);
		assert_int_equal(store_iom_template(f->s, h.id, tpl), ST_OK);
		assert_string_equal(tpl, "ippr");
		iom_free(&h);
		/* A refused card leaves nothing behind, of either template. */
		assert_int_equal(store_iom_create_template(f->s, &f->regional, f->cfg, IOM_TEMPLATE_IPPR,
							   f->teacher, 7, 0, 0, f->developer, &h), ST_CONSTRAINT);
		iom_free(&h);
		assert_int_equal(store_iom_create_template(f->s, &f->regional, f->cfg, "omsk",
							   f->teacher, 2, 0, 0, f->developer, &h), ST_CONSTRAINT);
		iom_free(&h);
		assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom", NULL), before + 1);
	}
}

/* The print's columns, in the seed's order, the title with the card's
 * years, a line for each teacher competency (one with no tasks too). */
static void test_print_columns(void **state)
{
	static const char *const heads[] = {
		"<th>№</th>", "<th>Компетенции</th>",
		"<th>Ведущие задачи по развитию профессиональной компетентности</th>", "<th>ТФ*</th>",
		"<th>Необходимые знания и умения</th>", "<th>Что предполагается для этого сделать</th>",
		"<th>Ожидаемый результат</th>", "<th>Срок реализации задач</th>",
	};
	static const char *const cells[] = {
		"Задачи-маркер", "А/01.6", "Знания-маркер", "Действия-маркер", "Результат-маркер", "май 2027",
	};
	struct fx *f = *state;
	const char *p;
	char *html, *txt;

	assert_int_equal(store_iom_set_template(f->s, &f->regional, f->card, IOM_TEMPLATE_IPPR), ST_OK);
	add_row(f, "metod", "Задачи-маркер", "май 2027");
	html = render(f, "developer", EXPORT_HTML);
	assert_non_null(strstr(html, "<title>ИППР "));
	assert_null(strstr(html, "Карта ИОМ"));
	assert_non_null(strstr(html, "<h1>Программа профессионального развития педагога в межкурсовой период"
				     " (2026–2027 гг.)</h1>"));
	p = html;
	for (size_t i = 0; i < NITEMS(heads); i++) {
		p = strstr(p, heads[i]);
		if (p == NULL)
			fail_msg("the column %s is missing or out of order", heads[i]);
	}
	/* The row: the competency, then the six cells in the columns' order. */
	p = strstr(html, "<td>Методические</td>");
	assert_non_null(p);
	for (size_t i = 0; i < NITEMS(cells); i++) {
		char td[200];
		snprintf(td, sizeof td, "<td>%s</td>", cells[i]);
		p = strstr(p, td);
		if (p == NULL)
			fail_msg("the cell %s is missing or out of order", cells[i]);
	}
	assert_non_null(strstr(html, "<td>Предметные</td><td>—</td>"));
	assert_non_null(strstr(html, "<td>Коммуникативные</td>"));
	free(html);

	txt = render(f, "developer", EXPORT_TXT);
	assert_non_null(strstr(txt, "2. Методические\n"));
	assert_non_null(strstr(txt, "Ведущие задачи по развитию профессиональной компетентности: Задачи-маркер"));
	assert_non_null(strstr(txt, "ТФ*: А/01.6"));
	assert_non_null(strstr(txt, "Необходимые знания и умения: Знания-маркер"));
	assert_non_null(strstr(txt, "Что предполагается для этого сделать: Действия-маркер"));
	assert_non_null(strstr(txt, "Ожидаемый результат: Результат-маркер"));
	assert_non_null(strstr(txt, "Срок реализации задач: май 2027"));
	assert_non_null(strstr(txt, "1. Предметные\n  задачи не поставлены"));
	/* No line wider than the printer's. */
	for (const char *l = txt; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		char *line = xstrndup(l, n);
		assert_true(text_width(line) <= EXPORT_TXT_COLS);
		free(line);
		l += n + (nl != NULL);
	}
	free(txt);
}

/* The interview: the course must come from the teacher's history; the
 * levels per competency are kept, journaled, printed with the ИППР for
 * those the rule shows results to, and masked for the school head. */
static void test_interview_levels(void **state)
{
	struct fx *f = *state;
	struct interview iv;
	char *out;

	assert_int_equal(access_column_class("course_interview_level", "level_now"), DISCLOSE_RESULTS);
	assert_int_equal(access_column_class("course_interview", "level_planned"), DISCLOSE_RESULTS);
	assert_int_equal(store_iom_set_template(f->s, &f->regional, f->card, IOM_TEMPLATE_IPPR), ST_OK);
	assert_int_equal(store_interview_get(f->s, 0, f->teacher, &iv), ST_OK);
	assert_int_equal(iv.iom_id, f->card);      /* the teacher's ИППР */
	assert_int_equal(iv.nlevels, 5);           /* the teacher's competency blocks */
	assert_string_equal(iv.levels[0].name, "Предметные");
	strcpy(iv.date, "2026-11-20");
	iv.course_id = f->other_course;
	assert_int_equal(store_interview_save(f->s, &f->regional, &iv), ST_CONSTRAINT);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM course_interview", NULL), 0);
	iv.course_id = f->course;
	iv.stage[0] = xstrdup("Установочный-маркер");
	strcpy(iv.levels[0].now, "by_model");
	strcpy(iv.levels[0].planned, "translation");
	assert_int_equal(store_interview_save(f->s, &f->regional, &iv), ST_OK);
	assert_string_equal(iv.course_title, "Курс-маркер ИППР (15.10.2026)");
	interview_free(&iv);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM course_interview_level l JOIN competency_block b"
				   " ON b.id = l.block_id WHERE b.code = 'predmet' AND l.level_now = 'by_model'"
				   " AND l.level_planned = 'translation'", NULL), 1);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'course_interview'"
				   " AND field = 'level_now' AND after = 'Предметные: by_model'", NULL), 1);

	/* The journal renders the level through the rule: masked for the head. */
	{
		int64_t aid = store_int(f->s, "SELECT id FROM audit WHERE tbl = 'course_interview'"
					" AND field = 'level_now'", NULL);
		static const char *const who[] = { "school", "regional" };
		for (int i = 0; i < 2; i++) {
			struct session ss;
			struct audit_entry e;
			char err[300];
			assert_int_equal(session_start(&ss, f->s, f->cfg, who[i], NULL, err, sizeof err), 0);
			assert_int_equal(store_audit_get(f->s, aid, &e), ST_OK);
			access_mask_audit_entry(&ss, &e);
			assert_string_equal(e.after, i == 0 ? ACCESS_MASKED : "Предметные: by_model");
			store_audit_entry_free(&e);
			session_free(&ss);
		}
	}
	/* A second save with a stale version is a conflict. */
	assert_int_equal(store_interview_get(f->s, store_ippr_interview(f->s, f->card), f->teacher, &iv), ST_OK);
	assert_string_equal(iv.stage[0], "Установочный-маркер");
	assert_string_equal(iv.levels[0].now, "by_model");
	strcpy(iv.levels[1].now, "creative");
	assert_int_equal(store_interview_save(f->s, &f->regional, &iv), ST_OK);
	iv.version = 1;
	assert_int_equal(store_interview_save(f->s, &f->regional, &iv), ST_CONFLICT);
	interview_free(&iv);

	out = render(f, "developer", EXPORT_TXT);
	assert_non_null(strstr(out, "Курс (КПК): Курс-маркер ИППР (15.10.2026)"));
	assert_non_null(strstr(out, "Предметные: применение по образцу → трансляция опыта"));
	assert_non_null(strstr(out, "Методические: творческая деятельность → —"));
	free(out);
	/* The developer's print opened the teacher's levels: a view row. */
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM result_view WHERE person_id = ? AND login = 'developer'"
				   " AND what = 'export' AND place = 'печать ИППР'", "i", f->teacher), 1);
	out = render(f, "school", EXPORT_TXT);
	assert_null(strstr(out, "применение по образцу"));
	assert_non_null(strstr(out, ACCESS_MASKED));
	free(out);
	/* A school set to see results sees the levels. */
	assert_int_equal(store_run(f->s, "UPDATE organisation SET sees_results = 1 WHERE id ="
				   " (SELECT org_id FROM person WHERE id = ?)", "i", f->teacher), ST_OK);
	out = render(f, "school", EXPORT_TXT);
	assert_non_null(strstr(out, "Предметные: применение по образцу → трансляция опыта"));
	free(out);
}

/* The guiding questions of the five stages come from conf/interview.conf,
 * worded as seed 000 words them; a stage the program does not know is
 * refused. */
static void test_interview_questions(void **state)
{
	struct interview_stage *st;
	char err[400], path[] = "/tmp/test_omsk_conf_XXXXXX";
	int n, fd;
	FILE *fp;

	(void)state;
	n = catalog_read_interview(TEST_CONF_DIR "/interview.conf", interview_stage_keys, INTERVIEW_STAGES,
				   &st, err, sizeof err);
	assert_int_equal(n, INTERVIEW_STAGES);
	for (int i = 0; i < n; i++) {
		assert_string_equal(st[i].key, interview_stage_keys[i]);
		assert_true(st[i].nquestions > 0);
	}
	assert_string_equal(st[0].title, "Установочный");
	assert_string_equal(st[4].title, "Прогностический");
	assert_string_equal(st[1].questions[1], "Что изменилось? В чём приращение?");
	catalog_free_interview(st, n);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("stage \"closing\" { title = \"Заключительный\" questions = { \"?\" } }\n", fp);
	fclose(fp);
	assert_int_equal(catalog_read_interview(path, interview_stage_keys, INTERVIEW_STAGES, &st, err,
						sizeof err), -1);
	assert_non_null(strstr(err, "closing"));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_template_choice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_print_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_levels, setup, teardown),
		cmocka_unit_test(test_interview_questions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
