/* The printed ИОМ card (src/export.c) and the verbs route and export
 * (src/cli/route.c). Each test has its own temporary demo database (the
 * shipped codifier, the demo events) with an entry diagnostic of the demo
 * teacher carrying per-block %, a card built from it with two roadmap rows,
 * and a card of another teacher; the teardown removes it. Sessions are
 * started for the demo users as a login would start them. The last tests
 * walk the one disclosure rule through every output path below the
 * screens: the diagnostic, the list, the changes, the catalogue, the
 * journal, every marked column, and the view rows. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "access.h"
#include "auth.h"
#include "catalog.h"
#include "cli/cli.h"
#include "cli/route.h"
#include "config.h"
#include "date.h"
#include "export.h"
#include "model.h"
#include "store/diag.h"
#include "store/iom.h"
#include "store/iom_review.h"
#include "store/store.h"
#include "store/store_int.h"
#include "text.h"
#include "util.h"

#define DIFFICULTY "затруднение-маркер в решении задач"
#define RECOMMEND "рекомендация-маркер: курс по функциональной грамотности"
#define TASKS "Задача <script>alert('x')</script> & \"кавычки\""
#define COURSE_NEW "Курс-маркер недавний"
#define COURSE_OLD "Курс-маркер давний"

struct fx {
	char path[64];
	struct store *s;
	struct config *cfg;
	struct actor regional;
	int64_t teacher, developer, curator, other;   /* persons */
	int64_t diag, card, other_card;
	char number[65], other_number[65], teacher_name[200];
};

static int64_t user_person(struct store *s, const char *login)
{
	return store_int(s, "SELECT person_id FROM app_user WHERE login = ?", "t", login);
}

static void days_ago(int n, char out[11])
{
	char today[11];
	int y, m, d;

	today_iso(today);
	assert_true(date_parse_iso(today, &y, &m, &d));
	date_iso(date_to_days(y, m, d) - n, out);
}

static void add_course(struct fx *f, const char *title, int ended_days_ago)
{
	const struct table_desc *t = &model_course;
	struct record r;
	char id[24], end[11];

	days_ago(ended_days_ago, end);
	snprintf(id, sizeof id, "%lld", (long long)f->teacher);
	record_init(&r, t);
	record_set(&r, model_field_index(t, "person_id"), id);
	record_set(&r, model_field_index(t, "title"), title);
	record_set(&r, model_field_index(t, "form"), "advanced");
	record_set(&r, model_field_index(t, "hours"), "36");
	record_set(&r, model_field_index(t, "provider"), "ГАУ ДПО СОИРО");
	record_set(&r, model_field_index(t, "end_date"), end);
	assert_int_equal(store_insert(f->s, &f->regional, t, &r), ST_OK);
	record_free(&r);
}

static int64_t add_activity(struct fx *f, int64_t iom, const char *cat, const char *what,
			    const char *done)
{
	const struct table_desc *t = &model_iom_activity;
	struct record r;
	char id[24];
	int64_t rid;

	snprintf(id, sizeof id, "%lld", (long long)iom);
	record_init(&r, t);
	record_set(&r, model_field_index(t, "iom_id"), id);
	record_set(&r, model_field_index(t, "category"), cat);
	record_set(&r, model_field_index(t, "activity"), what);
	record_set(&r, model_field_index(t, "competencies"), "методические");
	record_set(&r, model_field_index(t, "level"), "regional");
	record_set(&r, model_field_index(t, "organiser"), "ГАУ ДПО СОИРО");
	record_set(&r, model_field_index(t, "start_date"), "2027-02-01");
	record_set(&r, model_field_index(t, "end_date"), "2027-02-20");
	record_set(&r, model_field_index(t, "deficit_codes"), "М-3, К-2");
	record_set(&r, model_field_index(t, "done"), done);
	record_set(&r, model_field_index(t, "result"), "Удостоверение о повышении квалификации");
	record_set(&r, model_field_index(t, "result_form"), "council");
	assert_int_equal(store_insert(f->s, &f->regional, t, &r), ST_OK);
	rid = r.id;
	record_free(&r);
	return rid;
}

static int setup(void **state)
{
	static const char *const codes[] = { "М-3", "К-2" };
	struct fx *f = xcalloc(1, sizeof *f);
	struct codifier_entry *e;
	struct diagnostic d;
	struct iom_head h;
	char err[512] = "";
	int fd, n, added;

	*state = f;
	strlcpy0(f->path, "/tmp/test_export_XXXXXX", sizeof f->path);
	if ((fd = mkstemp(f->path)) < 0)
		return -1;
	close(fd);
	f->s = store_open(f->path, true, err, sizeof err);
	if (f->s == NULL || store_demo_fill(f->s, 60, err, sizeof err) != ST_OK) {
		fprintf(stderr, "demo: %s\n", err);
		return -1;
	}
	n = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	if (n <= 0)
		return -1;
	f->regional = (struct actor){ store_int(f->s, "SELECT id FROM app_user WHERE login = 'regional'",
						NULL), "regional", "regional" };
	if (store_codifier_import(f->s, &f->regional, e, n, &added) != ST_OK)
		return -1;
	catalog_free_codifier(e, n);
	if (store_demo_events(f->s, err, sizeof err) != ST_OK)
		return -1;
	f->cfg = config_defaults();
	f->teacher = user_person(f->s, "teacher");
	f->developer = user_person(f->s, "developer");
	f->curator = user_person(f->s, "curator");
	f->other = store_int(f->s, "SELECT min(id) FROM person WHERE is_manager = 0 AND org_id IS NOT NULL"
			     " AND org_id <> (SELECT org_id FROM person WHERE id = ?) AND id NOT IN (?, ?)",
			     "iii", f->teacher, f->developer, f->curator);
	if (f->teacher <= 0 || f->developer <= 0 || f->curator <= 0 || f->other <= 0)
		return -1;
	add_course(f, COURSE_NEW, 60);
	add_course(f, COURSE_OLD, 4 * 366);

	/* The entry diagnostic: two blocks with results, two deficits. */
	diag_init(&d);
	d.person_id = f->teacher;
	strcpy(d.form, "standardized");
	strcpy(d.kind, "entry");
	days_ago(10, d.date);
	if (store_diag_blocks(f->s, false, &d) != ST_OK || d.nblocks < 2)
		return -1;
	d.blocks[0].pct_low = 13;
	d.blocks[0].pct_medium = 27;
	d.blocks[0].pct_high = 31;
	d.blocks[0].pct_overall = 47;
	d.blocks[0].difficulties = xstrdup(DIFFICULTY);
	d.blocks[1].pct_low = 90;
	d.blocks[1].pct_medium = 60;
	d.blocks[1].pct_high = 22;
	d.blocks[1].pct_overall = 81;
	d.recommendations = xstrdup(RECOMMEND);
	d.ndeficits = 2;
	for (int i = 0; i < 2; i++)
		d.deficit_ids[i] = store_deficit_by_code(f->s, codes[i]);
	if (d.deficit_ids[0] <= 0 || d.deficit_ids[1] <= 0 ||
	    store_diag_save(f->s, &f->regional, f->cfg, &d) != ST_OK) {
		fprintf(stderr, "diag: %s\n", store_errmsg(f->s));
		return -1;
	}
	f->diag = d.id;
	diag_free(&d);

	/* The card, developed by the demo developer, curated by the demo curator. */
	if (store_iom_create(f->s, &f->regional, f->cfg, f->teacher, 1, f->diag, f->curator,
			     f->developer, &h) != ST_OK)
		return -1;
	f->card = h.id;
	strlcpy0(f->number, h.number, sizeof f->number);
	strlcpy0(f->teacher_name, h.person_name, sizeof f->teacher_name);
	h.tasks = xstrdup(TASKS);
	strcpy(h.start, "2026-09-01");
	strcpy(h.end, "2027-05-31");
	h.final_event = xstrdup("Мастер-класс для учителей района");
	strcpy(h.final_event_level, "municipal");
	h.final_event_participants = 25;
	if (store_iom_update(f->s, &f->regional, &h) != ST_OK) {
		fprintf(stderr, "update: %s\n", store_errmsg(f->s));
		return -1;
	}
	iom_free(&h);
	add_activity(f, f->card, "1", "Курс повышения квалификации «Формирование функциональной "
		     "грамотности обучающихся: читательская, математическая и естественнонаучная "
		     "грамотность на уроках математики»", "1");
	add_activity(f, f->card, "3", "Открытый урок", "0");

	if (store_iom_create(f->s, &f->regional, f->cfg, f->other, 2, 0, 0, 0, &h) != ST_OK)
		return -1;
	f->other_card = h.id;
	strlcpy0(f->other_number, h.number, sizeof f->other_number);
	iom_free(&h);
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

static char *slurp(FILE *fp)
{
	long n;
	char *buf;

	assert_int_equal(fflush(fp), 0);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	return buf;
}

/* The card as `login` would print it; *rc gets export_card's result. */
static char *render(struct fx *f, const char *login, int64_t id, enum export_format fmt, int *rc,
		    char *err, int errsz)
{
	struct session ss;
	char e[300];
	FILE *fp = tmpfile();
	char *out;

	assert_non_null(fp);
	assert_int_equal(session_start(&ss, f->s, f->cfg, login, NULL, e, sizeof e), 0);
	*rc = export_card(&ss, id, fmt, fp, err, errsz);
	out = slurp(fp);
	fclose(fp);
	session_free(&ss);
	return out;
}

static char *render_ok(struct fx *f, const char *login, int64_t id, enum export_format fmt)
{
	char err[300];
	int rc;
	char *out = render(f, login, id, fmt, &rc, err, sizeof err);

	if (rc != EXPORT_OK)
		fprintf(stderr, "export as %s: %s\n", login, err);
	assert_int_equal(rc, EXPORT_OK);
	return out;
}

/* Every line at most 80 columns, valid UTF-8, no control but '\n'. */
static void check_txt_shape(const char *txt)
{
	const char *p = txt;

	assert_null(text_check(txt, SIZE_MAX, 1));
	while (*p) {
		const char *nl = strchr(p, '\n');
		char *line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		if (text_width(line) > EXPORT_TXT_COLS)
			fail_msg("line wider than 80 columns (%d): %s", text_width(line), line);
		free(line);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* The line that starts with prefix (at the start of a line), or NULL. */
static char *line_starting(const char *txt, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = txt; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, prefix, n) == 0) {
			const char *nl = strchr(p, '\n');
			return nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		}
	return NULL;
}

static void expect_results(const char *txt)
{
	char *row = line_starting(txt, "Предметные");

	/* Deficits with codes and wordings. */
	assert_non_null(strstr(txt, "К-2 — "));
	assert_non_null(strstr(txt, "М-3 — "));

	assert_non_null(row);
	/* 13 / 27 / 31 / 47 in the order of the columns. */
	assert_non_null(strstr(row, "13"));
	assert_true(strstr(row, "13") < strstr(row, "27"));
	assert_true(strstr(row, "27") < strstr(row, "31"));
	assert_true(strstr(row, "31") < strstr(row, "47"));
	free(row);
	row = line_starting(txt, "Методические");
	assert_non_null(row);
	assert_non_null(strstr(row, "81"));
	free(row);
	assert_non_null(strstr(txt, "Общий процент освоения: 64 %"));
	assert_non_null(strstr(txt, "низкий"));
	assert_non_null(strstr(txt, DIFFICULTY));
	assert_non_null(strstr(txt, "Уровень профессионального дефицита: средний дефицит"));
}

static void expect_common(struct fx *f, const char *txt)
{
	assert_non_null(strstr(txt, "КАРТА ИНДИВИДУАЛЬНОГО ОБРАЗОВАТЕЛЬНОГО МАРШРУТА ПЕДАГОГА"));
	assert_non_null(strstr(txt, f->number));
	assert_non_null(strstr(txt, f->teacher_name));
	assert_non_null(strstr(txt, "Дорожная карта"));
	assert_non_null(strstr(txt, "4.1. Получение дополнительных знаний, опыта"));
	assert_non_null(strstr(txt, "4.5. Профилактика профессионального выгорания"));
	assert_non_null(strstr(txt, "1) Курс повышения квалификации"));
	assert_non_null(strstr(txt, "2) Открытый урок"));
	assert_non_null(strstr(txt, "Отметка о выполнении / причины невыполнения: выполнено"));
	assert_non_null(strstr(txt, "Форма представления результата: презентация на заседании педсовета"));
	assert_non_null(strstr(txt, "Уровень мероприятия: региональный"));
	/* The deficits section and the recommendations (the codes are
	 * results: see expect_results). */
	assert_non_null(strstr(txt, "Выявленные профессиональные дефициты"));
	assert_non_null(strstr(txt, "рекомендация-маркер"));
	assert_non_null(strstr(txt, "Вид диагностики: входная"));
	/* Information sheet: labels of the model, courses of the last 3 years. */
	assert_non_null(strstr(txt, "Табельный номер: "));
	assert_non_null(strstr(txt, "Образование: "));
	assert_non_null(strstr(txt, COURSE_NEW));
	assert_null(strstr(txt, COURSE_OLD));
	assert_non_null(strstr(txt, TASKS));
	assert_non_null(strstr(txt, "Количество участников: 25"));
	assert_non_null(strstr(txt, "Уровень проведения: муниципальный"));
	assert_non_null(strstr(txt, "Продолжительность прохождения ИОМ: 9 мес."));
	assert_non_null(strstr(txt, "Итоговая диагностика ещё не проведена"));
	assert_non_null(strstr(txt, "Региональный методист / куратор ИОМ: "));
	assert_non_null(strstr(txt, "Педагогический работник: "));
	assert_non_null(strstr(txt, "Руководитель образовательной организации: "));
	assert_non_null(strstr(txt, "Подпись ____"));
	check_txt_shape(txt);
}

static void test_txt_developer(void **state)
{
	struct fx *f = *state;
	char *txt = render_ok(f, "developer", f->card, EXPORT_TXT);

	expect_common(f, txt);
	expect_results(txt);
	assert_null(strstr(txt, "конфиденциальны"));
	/* No order recorded: no line for it. */
	assert_null(strstr(txt, "ИОМ утверждён"));
	free(txt);

	/* The head's order, printed right after the approval date. */
	assert_int_equal(sqlite3_exec(store_db(f->s), "UPDATE iom SET status = 'approved',"
				      " approved_date = '2026-11-20', approval_order_no = '17-о',"
				      " approval_order_date = '2026-11-19'", NULL, NULL, NULL), SQLITE_OK);
	txt = render_ok(f, "developer", f->card, EXPORT_TXT);
	assert_non_null(strstr(txt, "Дата утверждения ИОМ: 20.11.2026\nИОМ утверждён: приказом № 17-о от 19.11.2026"));
	free(txt);
	txt = render_ok(f, "developer", f->card, EXPORT_HTML);
	assert_non_null(strstr(txt, "приказом № 17-о от 19.11.2026"));
	free(txt);
}

static void test_txt_teacher_and_curator(void **state)
{
	struct fx *f = *state;
	char *txt = render_ok(f, "teacher", f->card, EXPORT_TXT);

	expect_common(f, txt);
	expect_results(txt);
	free(txt);
	txt = render_ok(f, "curator", f->card, EXPORT_TXT);
	expect_results(txt);
	free(txt);
}

/* The school head sees the card, the deficits with their codes and
 * wordings and the recommendations (App.3 §4.3.4, §5.4), but no result of
 * the diagnostic (004 App.2 §6.3) unless his organisation is set to. */
static void test_school_without_results(void **state)
{
	struct fx *f = *state;
	char *txt = render_ok(f, "school", f->card, EXPORT_TXT), *html, *sql;

	expect_common(f, txt);
	assert_non_null(strstr(txt, "конфиденциальны"));
	assert_null(line_starting(txt, "Предметные"));
	assert_null(line_starting(txt, "Методические"));
	assert_null(strstr(txt, "Общий процент"));
	assert_null(strstr(txt, "Уровень освоения"));
	assert_null(strstr(txt, "низкий"));
	assert_null(strstr(txt, DIFFICULTY));
	assert_null(strstr(txt, "Уровень профессионального дефицита"));
	/* The findings the statute hands him: the codes, in the card and
	 * in its roadmap. */
	assert_non_null(strstr(txt, "К-2"));
	assert_non_null(strstr(txt, "М-3"));
	free(txt);

	html = render_ok(f, "school", f->card, EXPORT_HTML);
	assert_non_null(strstr(html, "М-3"));
	assert_non_null(strstr(html, "рекомендация-маркер"));
	assert_null(strstr(html, "Общий процент"));
	assert_null(strstr(html, "Уровень (%)"));
	assert_null(strstr(html, "<td class=\"n\">13</td>"));
	assert_null(strstr(html, "<td class=\"n\">47</td>"));
	assert_null(strstr(html, "затруднение-маркер"));
	free(html);

	/* The admin and the municipality get neither: no codes, no
	 * recommendations. */
	txt = render_ok(f, "admin", f->card, EXPORT_TXT);
	assert_null(strstr(txt, "К-2"));
	assert_null(strstr(txt, "М-3"));
	assert_null(strstr(txt, "рекомендация-маркер"));
	assert_null(strstr(txt, DIFFICULTY));
	assert_null(strstr(txt, "Общий процент"));
	free(txt);

	/* With the Aromashevo setting of his organisation (not a switch for
	 * the region) the head sees the results too. */
	sql = xasprintf("UPDATE organisation SET sees_results = 1 WHERE id = (SELECT org_id FROM person"
			" WHERE id = %lld)", (long long)f->teacher);
	assert_int_equal(sqlite3_exec(store_db(f->s), sql, NULL, NULL, NULL), SQLITE_OK);
	txt = render_ok(f, "school", f->card, EXPORT_TXT);
	expect_results(txt);
	free(txt);
	free(sql);
	sql = xasprintf("UPDATE organisation SET sees_results = 0 WHERE id = (SELECT org_id FROM person"
			" WHERE id = %lld)", (long long)f->teacher);
	assert_int_equal(sqlite3_exec(store_db(f->s), sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
}

static void test_html(void **state)
{
	struct fx *f = *state;
	char *html = render_ok(f, "developer", f->card, EXPORT_HTML);

	assert_non_null(strstr(html, "<!DOCTYPE html>"));
	assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(html, "@page"));
	assert_non_null(strstr(html, "size: A4"));
	assert_non_null(strstr(html, "page-break-inside: avoid"));
	assert_non_null(strstr(html, "border"));
	/* The tasks, escaped: no raw markup of a user ever. */
	assert_non_null(strstr(html, "Задача &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
				     "&quot;кавычки&quot;"));
	assert_null(strstr(html, "<script"));
	assert_non_null(strstr(html, f->number));
	assert_non_null(strstr(html, "<td class=\"n\">13</td><td class=\"n\">27</td>"
				     "<td class=\"n\">31</td><td class=\"n\">47</td>"));
	assert_non_null(strstr(html, "Дорожная карта"));
	assert_non_null(strstr(html, "</html>"));
	assert_null(text_check(html, SIZE_MAX, 1));
	free(html);
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	char err[300];
	int rc;
	char *out;

	/* The teacher sees his own card only. */
	out = render(f, "teacher", f->other_card, EXPORT_TXT, &rc, err, sizeof err);
	assert_int_equal(rc, EXPORT_DENIED);
	assert_non_null(strstr(err, "нет доступа"));
	assert_string_equal(out, "");
	free(out);
	/* So does the school head: the other card is of another school. */
	out = render(f, "school", f->other_card, EXPORT_HTML, &rc, err, sizeof err);
	assert_int_equal(rc, EXPORT_DENIED);
	free(out);
	out = render(f, "developer", 999999, EXPORT_TXT, &rc, err, sizeof err);
	assert_int_equal(rc, EXPORT_NOTFOUND);
	assert_non_null(strstr(err, "не найдена"));
	free(out);
	/* The card without a diagnostic (model 2) prints for the regional centre. */
	out = render_ok(f, "regional", f->other_card, EXPORT_TXT);
	assert_non_null(strstr(out, f->other_number));
	assert_non_null(strstr(out, "Входная диагностика к карте не привязана"));
	check_txt_shape(out);
	free(out);
}

/* Hostile values stored behind the program's back: escapes, bidi
 * overrides, invalid UTF-8, tabs, a word longer than a line, wide CJK. */
static void test_hostile(void **state)
{
	struct fx *f = *state;
	char *sql = xasprintf(
		"UPDATE person SET patronymic = 'Ник' || char(27) || '[2J<b>олаевна</b>' || char(8238),"
		" awards = 'первая' || char(10) || 'вторая' || char(9) || 'строка ' || hex(zeroblob(70))"
		" || ' ' || '漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字"
		"漢字漢字漢字漢字漢字漢字', notes = CAST(x'd0bfff41c3' AS TEXT) WHERE id = %lld;"
		"UPDATE iom_activity SET activity = 'а' || char(13) || 'б' || char(7) || 'в' WHERE iom_id = %lld"
		" AND category = 3;",
		(long long)f->teacher, (long long)f->card);
	char *txt, *html;

	assert_int_equal(sqlite3_exec(store_db(f->s), sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	txt = render_ok(f, "developer", f->card, EXPORT_TXT);
	check_txt_shape(txt);
	assert_null(strchr(txt, '\033'));
	assert_null(strchr(txt, '\t'));
	assert_null(strstr(txt, "\xe2\x80\xae"));
	assert_non_null(strstr(txt, "漢字"));
	assert_non_null(strstr(txt, "    первая\n"));
	free(txt);
	html = render_ok(f, "developer", f->card, EXPORT_HTML);
	assert_null(text_check(html, SIZE_MAX, 1));
	assert_null(strstr(html, "<b>"));
	assert_non_null(strstr(html, "&lt;b&gt;олаевна&lt;/b&gt;"));
	assert_null(strstr(html, "\xe2\x80\xae"));
	free(html);
}

/* The width of the text: wrapping on spaces, long words cut between
 * characters, never inside one. */
static void test_long_roadmap(void **state)
{
	struct fx *f = *state;
	char *txt, *what = xstrdup("");

	for (int i = 0; i < 40; i++) {
		char *t = xasprintf("%sслово%d ", what, i);
		free(what);
		what = t;
	}
	/* More rows than one page of the store. */
	for (int i = 0; i < 55; i++)
		add_activity(f, f->card, i % 2 ? "2" : "4", what, i % 3 ? "1" : "0");
	free(what);
	txt = render_ok(f, "developer", f->card, EXPORT_TXT);
	check_txt_shape(txt);
	assert_non_null(strstr(txt, "57) "));
	assert_non_null(strstr(txt, "слово39"));
	free(txt);
	txt = render_ok(f, "developer", f->card, EXPORT_HTML);
	assert_non_null(strstr(txt, "<td class=\"n\">57</td>"));
	free(txt);
}

/* --- the verbs ---------------------------------------------------------------- */

/* Run a verb with its standard output into a file; returns the exit code
 * and the output (malloc'd) in *out. */
static int run_verb(int (*verb)(struct cli_ctx *, int, char **), struct cli_ctx *ctx, char **out,
		    int argc, ...)
{
	char *argv[16], tmpl[] = "/tmp/test_export_out_XXXXXX";
	int fd = mkstemp(tmpl), saved, rc;
	va_list ap;
	FILE *fp;

	assert_true(fd >= 0 && argc < 16);
	va_start(ap, argc);
	for (int i = 0; i < argc; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	argv[argc] = NULL;
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	rc = verb(ctx, argc, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	fp = fdopen(fd, "r");
	*out = slurp(fp);
	fclose(fp);
	unlink(tmpl);
	return rc;
}

static void test_verbs(void **state)
{
	struct fx *f = *state;
	char login[64], dir[] = "/tmp/test_export_dir_XXXXXX", *file, *file2, *out, *before;
	struct cli_ctx ctx = { f->cfg, f->path, "developer" };
	struct stat st;
	mode_t mask;
	int lines = 0, tabs = 0;

	if (!auth_unix_login(login, sizeof login))
		skip();   /* no passwd entry for this uid: the verbs cannot identify anyone */
	assert_non_null(mkdtemp(dir));
	file = xasprintf("%s/card.html", dir);
	file2 = xasprintf("%s/other.txt", dir);

	/* Usage errors: 2. */
	assert_int_equal(run_verb(verb_export, &ctx, &out, 2, "export", "card"), EXIT_USAGE);
	free(out);
	assert_int_equal(run_verb(verb_export, &ctx, &out, 1, "export"), EXIT_USAGE);
	free(out);
	assert_int_equal(run_verb(verb_export, &ctx, &out, 5, "export", "card", f->number, "--format",
				  "pdf"), EXIT_USAGE);
	free(out);
	assert_int_equal(run_verb(verb_export, &ctx, &out, 4, "export", "card", f->number, "-o"),
			 EXIT_USAGE);
	free(out);
	assert_int_equal(run_verb(verb_route, &ctx, &out, 1, "route"), EXIT_USAGE);
	free(out);
	assert_int_equal(run_verb(verb_route, &ctx, &out, 3, "route", "list", "x"), EXIT_USAGE);
	free(out);

	/* Unknown number: 1. */
	assert_int_equal(run_verb(verb_export, &ctx, &out, 3, "export", "card", "ИОМ-1900-000009"),
			 EXIT_REFUSED);
	assert_string_equal(out, "");
	free(out);

	/* Text to standard output. */
	assert_int_equal(run_verb(verb_export, &ctx, &out, 3, "export", "card", f->number), EXIT_OK);
	assert_non_null(strstr(out, f->number));
	before = line_starting(out, "Предметные");
	assert_non_null(before);
	free(before);
	check_txt_shape(out);
	free(out);

	/* HTML into a new file, mode 0644 less the umask; never over it. */
	mask = umask(022);
	assert_int_equal(run_verb(verb_export, &ctx, &out, 7, "export", "card", f->number, "--format",
				  "html", "-o", file), EXIT_OK);
	umask(mask);
	free(out);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	{
		FILE *fp = fopen(file, "r");
		assert_non_null(fp);
		before = slurp(fp);
		fclose(fp);
	}
	assert_non_null(strstr(before, "<meta charset=\"utf-8\">"));
	assert_int_equal(run_verb(verb_export, &ctx, &out, 7, "export", "card", f->number, "-o", file,
				  "--format", "txt"), EXIT_REFUSED);
	free(out);
	{
		FILE *fp = fopen(file, "r");
		char *after;
		assert_non_null(fp);
		after = slurp(fp);
		fclose(fp);
		assert_string_equal(after, before);
		free(after);
	}
	free(before);

	/* A card the user may not see: 1, and no file is left behind. */
	ctx.as_login = "teacher";
	assert_int_equal(run_verb(verb_export, &ctx, &out, 5, "export", "card", f->other_number, "-o",
				  file2), EXIT_REFUSED);
	free(out);
	assert_int_equal(access(file2, F_OK), -1);

	/* route list: the teacher's own card only; tab-separated. */
	assert_int_equal(run_verb(verb_route, &ctx, &out, 2, "route", "list"), EXIT_OK);
	assert_non_null(strstr(out, f->number));
	assert_null(strstr(out, f->other_number));
	assert_non_null(strstr(out, "\t01.09.2026\t31.05.2027\n"));
	free(out);

	/* The regional centre sees every card, across several pages. */
	for (int i = 0; i < 55; i++) {
		struct iom_head h;
		int64_t p = store_int(f->s, "SELECT id FROM person ORDER BY id LIMIT 1 OFFSET ?", "i",
				      (int64_t)i);
		assert_int_equal(store_iom_create(f->s, &f->regional, f->cfg, p, 2, 0, 0, 0, &h), ST_OK);
		iom_free(&h);
	}
	ctx.as_login = "regional";
	assert_int_equal(run_verb(verb_route, &ctx, &out, 2, "route", "list"), EXIT_OK);
	for (const char *p = out; *p; p++) {
		lines += *p == '\n';
		tabs += *p == '\t';
	}
	assert_int_equal(lines, 57);
	assert_int_equal(tabs, 57 * 5);
	assert_non_null(strstr(out, f->other_number));
	free(out);

	/* A user who is not in the database is refused. */
	ctx.as_login = "nobody";
	assert_int_equal(run_verb(verb_route, &ctx, &out, 2, "route", "list"), EXIT_REFUSED);
	free(out);

	unlink(file);
	rmdir(dir);
	free(file);
	free(file2);
}

/* --- the one disclosure rule on every output path (issue 12) ---------- */

static const struct {
	const char *login;
	unsigned bits;   /* what the rule gives him of the demo teacher's card */
} viewers[] = {
	{ "teacher", DISCLOSE_RESULTS | DISCLOSE_FINDINGS },
	{ "curator", DISCLOSE_RESULTS | DISCLOSE_FINDINGS },     /* the card's curator */
	{ "developer", DISCLOSE_RESULTS | DISCLOSE_FINDINGS },   /* the card's developer */
	{ "regional", DISCLOSE_RESULTS | DISCLOSE_FINDINGS },
	{ "school", DISCLOSE_FINDINGS },                        /* the head: what the card carries */
	{ "municipal", 0 },
	{ "admin", 0 },
};

/* A session in the caller's variable: its actor points into it. */
static void start_as(struct fx *f, struct session *ss, const char *login)
{
	char e[300];

	assert_int_equal(session_start(ss, f->s, f->cfg, login, NULL, e, sizeof e), 0);
}

/* An audit entry of tbl.field, the newest, rendered for the viewer. */
static char *journal_value(struct fx *f, struct session *ss, const char *tbl, const char *field)
{
	int64_t id = store_int(f->s, "SELECT max(id) FROM audit WHERE tbl = ? AND field = ?", "tt", tbl, field);
	struct audit_entry e;
	char *out;

	assert_true(id > 0);
	assert_int_equal(store_audit_get(f->s, id, &e), ST_OK);
	access_mask_audit_entry(ss, &e);
	out = xasprintf("%s|%s", e.before ? e.before : "", e.after ? e.after : "");
	store_audit_entry_free(&e);
	return out;
}

static bool page_has(const struct page *p, const char *text)
{
	for (int i = 0; i < p->n; i++)
		for (int c = 0; c < 4; c++)
			if (p->rows[i].cols[c] && strstr(p->rows[i].cols[c], text))
				return true;
	return false;
}

static void test_disclosure_paths(void **state)
{
	struct fx *f = *state;
	struct page_req req = { NULL, 0, 1, 50 };
	struct record row;
	int64_t rid = store_int(f->s, "SELECT min(id) FROM iom_activity WHERE iom_id = ?", "i", f->card);

	/* The card approved, then a roadmap row's codes changed: a change
	 * that waits for confirmations, with the codes before and after. */
	assert_int_equal(sqlite3_exec(store_db(f->s), "UPDATE iom SET status = 'approved'", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(store_get(f->s, &model_iom_activity, NULL, rid, &row), ST_OK);
	record_set(&row, model_field_index(&model_iom_activity, "deficit_codes"), "М-3, К-2, Ц-7");
	assert_int_equal(store_update(f->s, &f->regional, &model_iom_activity, &row, NULL), ST_OK);
	record_free(&row);

	for (size_t v = 0; v < NITEMS(viewers); v++) {
		struct session ss;
		unsigned want = viewers[v].bits, got;
		bool results = want & DISCLOSE_RESULTS, findings = want & DISCLOSE_FINDINGS;
		struct diagnostic d;
		struct page p;
		char *j;
		const char *tbl, *col;
		unsigned cls;

		start_as(f, &ss, viewers[v].login);
		got = access_disclosure(&ss, f->teacher, f->card, 0);
		if (got != want)
			fail_msg("%s: the rule gives %u, the table says %u", viewers[v].login, got, want);
		/* The diagnostic as the card and the diagnostic screen read it. */
		assert_int_equal(store_diag_get(f->s, f->diag, access_disclosure(&ss, f->teacher, 0, f->diag), &d),
				 ST_OK);
		assert_int_equal(d.recommendations != NULL, findings);
		assert_int_equal(d.ndeficits > 0, findings);
		assert_int_equal(d.blocks[0].difficulties != NULL, results);
		assert_int_equal(d.blocks[0].pct_overall == 47, results);
		diag_free(&d);
		/* The person's list of diagnostics: the level only with results. */
		assert_int_equal(store_diag_page(f->s, f->teacher, access_disclosure(&ss, f->teacher, 0, 0), &req, &p),
				 ST_OK);
		assert_int_equal(page_has(&p, "конфиденциально"), !results);
		page_free(&p);
		/* The changes tab (item 2). */
		assert_int_equal(store_iom_change_rows_page(f->s, f->card, access_masker, &got, &req, &p), ST_OK);
		assert_true(p.n > 0);
		assert_int_equal(page_has(&p, "Ц-7"), findings);
		page_free(&p);
		/* The catalogue picker (item 3): no codes and no order by them. */
		assert_int_equal(store_iom_proposals_page(f->s, f->card, findings, &req, &p), ST_OK);
		assert_false(!findings && (page_has(&p, "М-3") || page_has(&p, "К-2")));
		page_free(&p);
		/* The journal (item 4), rendered for the viewer now. */
		j = journal_value(f, &ss, "iom_activity", "deficit_codes");
		assert_int_equal(strstr(j, "Ц-7") != NULL, findings);
		free(j);
		j = journal_value(f, &ss, "diagnostic", "recommendations");
		assert_int_equal(strstr(j, "рекомендация-маркер") != NULL, findings);
		free(j);
		j = journal_value(f, &ss, "diagnostic_block", "difficulties");
		assert_int_equal(strstr(j, "затруднение-маркер") != NULL, results);
		free(j);
		/* Every column the schema marks, for the row form and the rest. */
		for (int i = 0; access_disclosed_column(i, &tbl, &col, &cls); i++) {
			bool masked = access_column_masked(&ss, tbl, col, f->teacher, f->card, 0);
			assert_true(store_int(f->s, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", "tt",
					      tbl, col) +
				    store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = ? AND field = ?", "tt",
					      tbl, col) > 0);
			if (masked != ((cls & ~want) != 0))
				fail_msg("%s: %s.%s masked %d", viewers[v].login, tbl, col, masked);
		}
		session_free(&ss);
	}
}

/* A row that is gone still keeps its journal confidential (item 4), and
 * its id is never given to a new row of another person. */
static void test_disclosure_gone_rows(void **state)
{
	struct fx *f = *state;
	struct diagnostic d;
	struct session adm, reg;
	int64_t gone = store_int(f->s, "SELECT max(id) FROM diagnostic_block WHERE diagnostic_id = ?", "i", f->diag);
	char *j;

	start_as(f, &adm, "admin");
	start_as(f, &reg, "regional");
	/* The regional centre clears the last block of the teacher's diagnostic. */
	assert_int_equal(store_diag_get(f->s, f->diag, DIAG_WITH_ALL, &d), ST_OK);
	for (int i = 0; i < d.nblocks; i++) {
		if (store_int(f->s, "SELECT id FROM diagnostic_block WHERE diagnostic_id = ? AND block_id = ?", "ii",
			      f->diag, d.blocks[i].block_id) != gone)
			continue;
		free(d.blocks[i].difficulties);
		d.blocks[i].difficulties = xstrdup("ВТОРОЙ секрет");
	}
	assert_int_equal(store_diag_save(f->s, &f->regional, f->cfg, &d), ST_OK);
	for (int i = 0; i < d.nblocks; i++) {
		free(d.blocks[i].difficulties);
		d.blocks[i].difficulties = NULL;
		d.blocks[i].pct_low = d.blocks[i].pct_medium = d.blocks[i].pct_high = d.blocks[i].pct_overall = -1;
	}
	assert_int_equal(store_diag_save(f->s, &f->regional, f->cfg, &d), ST_OK);
	diag_free(&d);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM diagnostic_block WHERE id = ?", "i", gone), 0);

	j = journal_value(f, &adm, "diagnostic_block", "difficulties");
	assert_null(strstr(j, "секрет"));
	free(j);
	j = journal_value(f, &reg, "diagnostic_block", "difficulties");
	assert_non_null(strstr(j, "секрет"));
	free(j);

	/* Another teacher's new diagnostic: its blocks get new ids. */
	diag_init(&d);
	d.person_id = f->other;
	strcpy(d.form, "standardized");
	strcpy(d.kind, "entry");
	days_ago(3, d.date);
	assert_int_equal(store_diag_blocks(f->s, false, &d), ST_OK);
	d.blocks[0].pct_overall = 55;
	assert_int_equal(store_diag_save(f->s, &f->regional, f->cfg, &d), ST_OK);
	assert_true(store_int(f->s, "SELECT min(id) FROM diagnostic_block WHERE diagnostic_id = ?", "i", d.id) > gone);

	/* Handed to the developer for the card: then, and only then, he sees it. */
	{
		struct session dev;
		start_as(f, &dev, "developer");
		assert_int_equal(access_disclosure(&dev, f->other, 0, d.id), 0);
		assert_int_equal(store_diag_set_developer(f->s, &f->regional, d.id, d.version, f->developer), ST_OK);
		assert_int_equal(access_disclosure(&dev, f->other, 0, d.id), DISCLOSE_RESULTS | DISCLOSE_FINDINGS);
		assert_int_equal(store_diag_set_developer(f->s, &f->regional, d.id, d.version, 0), ST_CONFLICT);
		session_free(&dev);
	}
	diag_free(&d);
	session_free(&adm);
	session_free(&reg);
}

/* Only the regional centre opens results to a head (per organisation);
 * the head himself, the municipality or the admin cannot. */
static void test_sees_results_setting(void **state)
{
	struct fx *f = *state;
	int64_t org = store_int(f->s, "SELECT org_id FROM person WHERE id = ?", "i", f->teacher);
	static const struct { const char *login; bool may; } who[] = {
		{ "school", false }, { "municipal", false }, { "admin", false }, { "regional", true },
	};

	for (size_t i = 0; i < NITEMS(who); i++) {
		struct session ss;
		struct record r;
		const char *why = NULL;

		start_as(f, &ss, who[i].login);
		assert_int_equal(store_get(f->s, &model_organisation, NULL, org, &r), ST_OK);
		record_set(&r, model_field_index(&model_organisation, "sees_results"), "1");
		if (access_may_save(&ss, &model_organisation, &r, 0, &why) != who[i].may)
			fail_msg("%s: may open results to the head: %d", who[i].login, !who[i].may);
		if (!who[i].may)
			assert_non_null(strstr(why, "региональный центр"));
		record_free(&r);
		session_free(&ss);
	}
}

/* Opening someone's results leaves a view row the teacher sees; his own
 * opening and a head's (no results) leave none. */
static void test_result_views(void **state)
{
	struct fx *f = *state;
	struct session cur, me, head;
	struct page_req req = { NULL, 0, 1, 50 };
	struct page p;
	int n;

	start_as(f, &cur, "curator");
	start_as(f, &me, "teacher");
	start_as(f, &head, "school");
	assert_int_equal(store_result_view_count(f->s, f->teacher, NULL, &n), ST_OK);
	assert_int_equal(n, 0);
	access_disclosure_open(&cur, f->teacher, 0, f->diag, "diagnostic", f->diag, "карточка диагностики");
	access_disclosure_open(&me, f->teacher, 0, f->diag, "diagnostic", f->diag, "карточка диагностики");
	access_disclosure_open(&head, f->teacher, f->card, 0, "card", f->card, "карта ИОМ");
	assert_int_equal(store_result_view_count(f->s, f->teacher, NULL, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_result_view_page(f->s, f->teacher, NULL, &req, &p), ST_OK);
	assert_int_equal(p.n, 1);
	assert_non_null(strstr(p.rows[0].cols[1], cur.user.full_name));
	assert_string_equal(p.rows[0].cols[3], "карточка диагностики");
	page_free(&p);
	/* Who may list them: the teacher himself and the regional centre. */
	assert_true(access_may_list_views(&me, f->teacher));
	assert_false(access_may_list_views(&head, f->teacher));
	assert_false(access_may_list_views(&cur, 0));
	/* The rows cannot be rewritten. */
	assert_int_not_equal(sqlite3_exec(store_db(f->s), "DELETE FROM result_view", NULL, NULL, NULL), SQLITE_OK);
	session_free(&cur);
	session_free(&me);
	session_free(&head);
}

/* Experience is counted once (model_experience): the print shows the years
 * recorded on a date grown to today, as the person's card does — 13 on
 * 01.09.2025 is 14 on 07.12.2026, never the stored 13. */
static void test_experience_as_on_screen(void **state)
{
	struct fx *f = *state;
	char *txt, *line, *eol;

	today_set("2026-12-07");
	assert_int_equal(store_run(f->s, "UPDATE person SET experience_years = 13,"
				   " experience_date = '2025-09-01' WHERE id = ?", "i", f->teacher), ST_OK);
	assert_int_equal(model_experience("13", "2025-09-01", "2026-12-07"), 14);
	txt = render_ok(f, "developer", f->card, EXPORT_TXT);
	today_set(NULL);
	line = strstr(txt, "Пед. стаж, лет");
	assert_non_null(line);
	eol = strchr(line, '\n');
	if (eol)
		*eol = '\0';
	assert_non_null(strstr(line, "14"));
	assert_null(strstr(line, "13"));
	free(txt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_txt_developer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_txt_teacher_and_curator, setup, teardown),
		cmocka_unit_test_setup_teardown(test_school_without_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_roadmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verbs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disclosure_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disclosure_gone_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_result_views, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sees_results_setting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_experience_as_on_screen, setup, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
