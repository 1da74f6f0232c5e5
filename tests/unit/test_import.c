/* Unit tests for src/csvin.c (CSV in: libcsv, encodings, delimiters) and
 * src/import.c (spreadsheets into the register: headers, checks, keys,
 * all or nothing, --skip-bad, --dry-run, a second import changes nothing). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "config.h"
#include "csvin.h"
#include "import.h"
#include "store/import.h"
#include "store/store.h"
#include "util.h"

static char dbpath[64];
static struct config *cfg;
static const struct actor sys = { 0, "test", "test" };

static struct store *demo(void)
{
	char err[300];
	struct store *s;

	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-import-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 40, err, sizeof err), ST_OK);
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

/* Parse text as a file would be read. */
static void parse(const char *text, size_t len, enum csv_encoding enc, char delim, struct csv_table *t)
{
	char err[300] = "";
	if (csvin_parse(text, len, enc, delim, t, err, sizeof err) != 0)
		fail_msg("csvin_parse: %s", err);
}

/* Import text (UTF-8 unless said) and return the report. */
static int run(struct store *s, enum import_what w, const char *text, struct import_opts o,
	       struct import_report *r)
{
	struct csv_table t;
	int rc;

	parse(text, strlen(text), CSV_ENC_AUTO, 0, &t);
	rc = import_run(s, cfg, &sys, w, &t, &o, r);
	csvin_free(&t);
	return rc;
}

/* Whether the report has a problem at line with the text in its message. */
static bool has_problem(const struct import_report *r, int line, const char *column, const char *what)
{
	for (int i = 0; i < r->np; i++)
		if (r->p[i].line == line && (!column || (r->p[i].column && !strcmp(r->p[i].column, column))) &&
		    strstr(r->p[i].what, what))
			return true;
	return false;
}

static void test_csv_hazards(void **state)
{
	/* A BOM, CRLF, quoted ';' ',' quotes and a line break, a trailing empty row. */
	static const char bom_crlf[] =
		"\xEF\xBB\xBF" "А;Б;В\r\n"
		"\"x;y\";\"он сказал \"\"да\"\"\";\"две\r\nстроки\"\r\n"
		"1,5;;\r\n"
		";;\r\n";
	/* CP1251 with ';': «Фамилия;Имя» / «Ёлкина;Анна». */
	static const char cp1251[] = "\xD4\xE0\xEC\xE8\xEB\xE8\xFF;\xC8\xEC\xFF\r\n\xA8\xEB\xEA\xE8\xED\xE0;\xC0\xED\xED\xE0\r\n";
	struct csv_table t;
	char err[300];
	enum csv_encoding e;
	char d;

	(void)state;
	parse(bom_crlf, sizeof bom_crlf - 1, CSV_ENC_AUTO, 0, &t);
	assert_string_equal(t.encoding, "utf-8");
	assert_int_equal(t.delim, ';');
	assert_int_equal(t.ncols, 3);
	assert_string_equal(t.header[0], "А");
	assert_int_equal(t.nrows, 2);                 /* the empty row is left out */
	assert_string_equal(t.rows[0].cells[0], "x;y");
	assert_string_equal(t.rows[0].cells[1], "он сказал \"да\"");
	assert_string_equal(t.rows[0].cells[2], "две\r\nстроки");
	assert_int_equal(t.rows[0].line, 2);
	assert_string_equal(t.rows[1].cells[0], "1,5");
	assert_int_equal(t.rows[1].line, 3);
	csvin_free(&t);

	parse(cp1251, sizeof cp1251 - 1, CSV_ENC_AUTO, 0, &t);
	assert_string_equal(t.encoding, "cp1251");
	assert_string_equal(t.header[0], "Фамилия");
	assert_string_equal(t.rows[0].cells[0], "Ёлкина");
	csvin_free(&t);

	/* Commas detected; a tab-free header with more ';' keeps ';'. */
	parse("a,b,c\n1,\"2,5\",3\n", 16, CSV_ENC_AUTO, 0, &t);   /* (17 read the string's NUL as a row) */
	assert_int_equal(t.delim, ',');
	assert_string_equal(t.rows[0].cells[1], "2,5");
	csvin_free(&t);

	/* CP1251 bytes read as UTF-8: an error naming the row and column. */
	assert_int_equal(csvin_parse(cp1251, sizeof cp1251 - 1, CSV_ENC_UTF8, 0, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "строка 1, столбец 1"));
	assert_non_null(strstr(err, "UTF-8"));
	/* An unclosed quote. */
	assert_int_equal(csvin_parse("a;b\n\"x;y\n", 9, CSV_ENC_AUTO, 0, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "кавычк"));
	assert_int_equal(csvin_parse("", 0, CSV_ENC_AUTO, 0, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "пуст"));

	assert_int_equal(csvin_encoding_parse("cp1251", &e), 0);
	assert_int_equal(e, CSV_ENC_CP1251);
	assert_int_equal(csvin_encoding_parse("koi8-r", &e), -1);
	assert_int_equal(csvin_delim_parse(",", &d), 0);
	assert_int_equal(d, ',');
	assert_int_equal(csvin_delim_parse("|", &d), -1);
}

/* Persons: one wrong date on row 7 refuses the whole file; --skip-bad
 * writes the rest; a second import changes nothing. */
static void test_persons_all_or_nothing(void **state)
{
	static const char file[] =
		"Фамилия;Имя;Отчество;Дата рождения;Организация;Табельный номер;Предметы\n"
		"Первова;Анна;Ивановна;01.02.1980;OO001;ИМП-1;математика\n"
		"Вторых;Борис;;1975-12-31;СШ № 12;ИМП-2;\n"
		"Третьякова;Вера;Петровна;;OO001;ИМП-3;\"физика; астрономия\"\n"
		"Четвертаков;Глеб;Ильич;03.03.1990;OO001;ИМП-4;\n"
		"Пятницкая;Дарья;;04.04.1991;OO001;ИМП-5;\n"
		"Шестаков;Егор;;31.02.1985;OO001;ИМП-6;\n"
		"Семёнова;Жанна;;05.05.1992;Нет такой школы;ИМП-7;\n";
	struct import_opts strict = { false, false }, skip = { false, true }, dry = { true, false };
	struct import_report r;
	struct store *s = demo();
	int64_t persons = count(s, "SELECT count(*) FROM person"), audits = count(s, "SELECT count(*) FROM audit");

	(void)state;
	assert_int_equal(run(s, IMPORT_PERSONS, file, strict, &r), 0);
	assert_true(r.header_ok);
	assert_int_equal(r.bad, 2);
	assert_true(has_problem(&r, 7, "Дата рождения", "дат"));
	assert_true(has_problem(&r, 8, "Организация", "не найдено"));
	assert_false(r.written);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons);
	assert_int_equal(count(s, "SELECT count(*) FROM audit"), audits);

	/* --dry-run: counted, nothing written. */
	assert_int_equal(run(s, IMPORT_PERSONS, file, dry, &r), 0);
	assert_int_equal(r.added, 5);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons);

	assert_int_equal(run(s, IMPORT_PERSONS, file, skip, &r), 0);
	assert_int_equal(r.added, 5);
	assert_int_equal(r.bad, 2);
	assert_true(r.written);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons + 5);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id = 'ИМП-3'"
			       " AND subjects = 'физика; астрономия' AND birth_date IS NULL"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id = 'ИМП-1'"
			       " AND birth_date = '1980-02-01' AND surname_key = 'первова анна ивановна'"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND action = 'create'"
			       " AND field = 'surname' AND after = 'Первова'"), 1);

	/* Again: nothing changes. */
	audits = count(s, "SELECT count(*) FROM audit");
	assert_int_equal(run(s, IMPORT_PERSONS, file, skip, &r), 0);
	assert_int_equal(r.added, 0);
	assert_int_equal(r.updated, 0);
	assert_int_equal(r.unchanged, 5);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons + 5);
	assert_int_equal(count(s, "SELECT count(*) FROM audit"), audits);

	/* A changed cell updates by the key (табельный номер), audited. */
	assert_int_equal(run(s, IMPORT_PERSONS, "Табельный номер;Фамилия;Имя;Организация;Предмет\n"
			     "ИМП-2;Вторых;Борис;OO001;химия\n", strict, &r), 0);
	assert_int_equal(r.updated, 1);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id = 'ИМП-2' AND subjects = 'химия'"
			       " AND birth_date = '1975-12-31'"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND action = 'update'"
			       " AND field = 'subjects' AND after = 'химия'"), 1);
	done(s);
}

static void test_headers_first(void **state)
{
	struct import_opts o = { false, false };
	struct import_report r;
	struct store *s = demo();
	int64_t persons = count(s, "SELECT count(*) FROM person");

	(void)state;
	/* An unknown column and a missing required one, before any row is read. */
	assert_int_equal(run(s, IMPORT_PERSONS, "Фамилия;Имя;Любимый цвет\nИванов;Иван;синий\n", o, &r), 0);
	assert_false(r.header_ok);
	assert_true(has_problem(&r, 1, "Любимый цвет", "неизвестный столбец"));
	assert_true(has_problem(&r, 1, "Организация", "нет обязательного столбца"));
	assert_int_equal(r.added, 0);
	import_report_free(&r);
	/* A column twice. */
	assert_int_equal(run(s, IMPORT_ORGS, "Код;Полное наименование;Тип;код\nX;Y;школа;Z\n", o, &r), 0);
	assert_false(r.header_ok);
	assert_true(has_problem(&r, 1, "код", "повторяется"));
	import_report_free(&r);
	/* Courses need columns that name the person. */
	assert_int_equal(run(s, IMPORT_COURSES, "Программа;Форма;Часов;Окончание\nК;стажировка;16;01.01.2026\n", o, &r), 0);
	assert_false(r.header_ok);
	assert_true(has_problem(&r, 1, NULL, "называющих педагога"));
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons);
	done(s);
}

/* Courses and diagnostics name their person; duplicates in one file and
 * unknown persons are refused; enumerations by their Russian labels. */
static void test_courses_and_diagnostics(void **state)
{
	struct import_opts o = { false, false };
	struct import_report r;
	struct store *s = demo();
	int64_t courses = count(s, "SELECT count(*) FROM course");

	(void)state;
	assert_int_equal(run(s, IMPORT_COURSES,
			     "Табельный номер;Фамилия;Имя;Программа;Форма;Часов;Окончание\n"
			     "ТН-000001;;;Курс А;повышение квалификации;36;10.02.2026\n"
			     ";Кузнецова;Елена;Курс А;повышение квалификации;36;10.02.2026\n"
			     "ТН-000001;;;Курс А;повышение квалификации;72;10.02.2026\n"
			     "ТН-999999;;;Курс Б;стажировка;16;11.02.2026\n", o, &r), 0);
	assert_true(has_problem(&r, 3, "Педагог", "несколько") || has_problem(&r, 3, "Педагог", "не найден"));
	assert_true(has_problem(&r, 4, NULL, "повторяет"));
	assert_true(has_problem(&r, 5, "Педагог", "не найден"));
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM course"), courses);

	assert_int_equal(run(s, IMPORT_COURSES,
			     "Табельный номер;Программа;Форма;Часов;Окончание;Организатор\n"
			     "ТН-000001;Курс А;повышение квалификации;36;10.02.2026;СОИРО\n"
			     "ТН-000002;Курс А;retraining;250;10.02.2026;\n", o, &r), 0);
	assert_int_equal(r.added, 2);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM course WHERE title = 'Курс А' AND form = 'retraining'"
			       " AND hours = 250"), 1);

	assert_int_equal(run(s, IMPORT_DIAGNOSTICS,
			     "Табельный номер;Форма диагностики;Вид диагностики;Дата диагностики;Общий % выполнения\n"
			     "ТН-000003;стандартизированная процедура;входная;16.03.2026;64\n"
			     "ТН-000004;самодиагностика;итоговая;17.03.2026;140\n", o, &r), 0);
	assert_true(has_problem(&r, 3, "Общий % выполнения", ""));
	assert_int_equal(r.bad, 1);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic"), 0);
	/* The level is the percent's by the thresholds; the organisation the teacher's. */
	assert_int_equal(run(s, IMPORT_DIAGNOSTICS,
			     "Табельный номер;Форма диагностики;Вид диагностики;Дата диагностики;Общий % выполнения;"
			     "Уровень дефицита\n"
			     "ТН-000003;самодиагностика;входная;16.03.2026;90;высокий дефицит\n", o, &r), 0);
	assert_true(has_problem(&r, 2, "Уровень дефицита", "по порогам"));
	import_report_free(&r);
	assert_int_equal(run(s, IMPORT_DIAGNOSTICS,
			     "Табельный номер;Форма диагностики;Вид диагностики;Дата диагностики;Общий % выполнения\n"
			     "ТН-000003;самодиагностика;входная;16.03.2026;40\n", o, &r), 0);
	assert_int_equal(r.added, 1);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic d JOIN person p ON p.id = d.person_id"
			       " WHERE d.level = 'high' AND d.org_id = p.org_id"), 1);
	done(s);
}

/* Codes typed with Cyrillic look-alikes name the Latin code, as the
 * form's picker finds it: a teacher's «ОО001», a municipality's «М01»; an
 * organisation row «оо001» updates OO001 rather than adding a second. */
static void test_lookalike_codes(void **state)
{
	struct import_opts strict = { false, false };
	struct import_report r;
	struct store *s = demo();
	int64_t oo001 = count(s, "SELECT id FROM organisation WHERE code = 'OO001'");
	int64_t orgs = count(s, "SELECT count(*) FROM organisation");
	char sql[200];

	(void)state;
	assert_true(oo001 > 0);
	/* «ОО001» and «оо001» in Cyrillic letters, "Oo001" mixed. */
	assert_int_equal(run(s, IMPORT_PERSONS, "Табельный номер;Фамилия;Имя;Организация\n"
			     "КИР-1;Кириллова;Анна;ОО001\n"
			     "КИР-2;Кириллов;Борис;оо001\n"
			     "КИР-3;Смешанный;Вадим; Oо001 \n", strict, &r), 0);
	if (r.bad != 0)
		fail_msg("%d bad rows, first: %s", r.bad, r.np ? r.p[0].what : "");
	assert_int_equal(r.added, 3);
	import_report_free(&r);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM person WHERE external_id GLOB 'КИР-*' AND org_id = %lld",
		 (long long)oo001);
	assert_int_equal(count(s, sql), 3);
	/* A code that names nothing is still refused. */
	assert_int_equal(run(s, IMPORT_PERSONS, "Табельный номер;Фамилия;Имя;Организация\n"
			     "КИР-4;Никуда;Анна;ОО999\n", strict, &r), 0);
	assert_true(has_problem(&r, 2, "Организация", "не найдено"));
	import_report_free(&r);

	/* Organisations: the row's code in Cyrillic is OO001 (updated, not
	 * added), a municipality by its code in Cyrillic. */
	assert_int_equal(run(s, IMPORT_ORGS, "Код;Полное наименование;Тип;Муниципалитет\n"
			     "ОО001;МБОУ «Переименованная школа»;школа;М01\n", strict, &r), 0);
	if (r.bad != 0)
		fail_msg("%d bad rows, first: %s", r.bad, r.np ? r.p[0].what : "");
	assert_int_equal(r.added, 0);
	assert_int_equal(r.updated, 1);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM organisation"), orgs);
	assert_int_equal(count(s, "SELECT count(*) FROM organisation o JOIN municipality m ON m.id = o.mun_id"
			       " WHERE o.code = 'OO001' AND o.name = 'МБОУ «Переименованная школа»' AND m.code = 'M01'"), 1);
	/* A new organisation's Cyrillic code is saved in Latin letters. */
	assert_int_equal(run(s, IMPORT_ORGS, "Код;Полное наименование;Тип\n"
			     "ОО777;МБОУ «Новая школа»;школа\n", strict, &r), 0);
	assert_int_equal(r.added, 1);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM organisation WHERE code = 'OO777'"), 1);
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

/* A file read a piece at a time (64 KB) gives the same rows and line
 * numbers as the whole of it parsed at once: a quoted cell with line
 * breaks, and Cyrillic letters cut by the end of a piece, in UTF-8 and in
 * CP1251; the data rows are counted first. */
static void test_stream_pieces(void **state)
{
	char path[80], err[300] = "";
	size_t cap = 400000, len = 0;
	char *text = malloc(cap);

	(void)state;
	snprintf(path, sizeof path, "/tmp/marshrut-stream-%d.csv", (int)getpid());
	len += (size_t)snprintf(text + len, cap - len, "\xEF\xBB\xBFТабельный номер;Фамилия;Заметки\n");
	for (int i = 1; len < 300000; i++) {
		/* Odd widths so that two-byte letters fall across every boundary. */
		static const char yo[] = "ёёёёёёё";
		len += (size_t)snprintf(text + len, cap - len, "ТН-%d;Ёлкин%s;\"строка один;\nстрока два\"\n%s",
					i, yo + 2 * (7 - i % 7), i % 500 == 0 ? ";;\n" : "");
	}
	for (int enc = 0; enc < 2; enc++) {
		struct csv_table whole, t;
		struct csvin_stream *st;
		/* The same in CP1251, without the BOM. */
		char cmd[200];
		FILE *f;
		long rows = 0;
		int more, k = 0;

		if (enc == 0)
			snprintf(cmd, sizeof cmd, "cat > %s", path);
		else
			snprintf(cmd, sizeof cmd, "tail -c +4 | iconv -f UTF-8 -t CP1251 > %s", path);
		f = popen(cmd, "w");
		assert_non_null(f);
		assert_int_equal(fwrite(text, 1, len, f), len);
		assert_int_equal(pclose(f), 0);
		if (csvin_read_file(path, CSV_ENC_AUTO, 0, &whole, err, sizeof err) != 0)
			fail_msg("%s", err);
		st = csvin_open(path, CSV_ENC_AUTO, 0, &t, err, sizeof err);
		assert_non_null(st);
		assert_string_equal(t.encoding, enc == 0 ? "utf-8" : "cp1251");
		assert_int_equal(t.ncols, 3);
		assert_string_equal(t.header[0], "Табельный номер");
		assert_int_equal(csvin_rows(st), whole.nrows);
		while ((more = csvin_more(st, &t, err, sizeof err)) > 0)
			for (int i = 0; i < t.nrows; i++, k++) {
				assert_true(k < whole.nrows);
				assert_int_equal(t.rows[i].line, whole.rows[k].line);
				assert_int_equal(t.rows[i].n, whole.rows[k].n);
				for (int c = 0; c < t.rows[i].n; c++)
					assert_string_equal(t.rows[i].cells[c], whole.rows[k].cells[c]);
				rows++;
			}
		assert_int_equal(more, 0);
		assert_int_equal(rows, whole.nrows);
		csvin_close(st, &t);
		csvin_free(&whole);
	}
	/* A broken quote far into the file: the row is named. */
	{
		struct csv_table t;
		struct csvin_stream *st;
		FILE *f = fopen(path, "wb");
		int more;
		assert_non_null(f);
		fwrite(text, 1, len, f);
		fputs("ТН-x;\"Незакрытая;1\n", f);
		fclose(f);
		st = csvin_open(path, CSV_ENC_AUTO, 0, &t, err, sizeof err);
		assert_non_null(st);
		while ((more = csvin_more(st, &t, err, sizeof err)) > 0)
			;
		assert_int_equal(more, -1);
		assert_non_null(strstr(err, "кавычк"));
		csvin_close(st, &t);
	}
	unlink(path);
	free(text);
}

/* The import of a file: two rows of the file about the same new record
 * are refused (the check keeps the keys it has seen), the file is written
 * in many batches (here one a row) and a second import changes nothing. */
static void test_file_import(void **state)
{
	static const char file[] = "Табельный номер;Фамилия;Имя;Организация\n"
		"ФИ-1;Файлова;Анна;OO001\nФИ-2;Файлов;Борис;OO001\nФИ-3;Файлова;Вера;OO001\n";
	struct import_opts strict = { false, false };
	struct import_report r;
	struct store *s = demo();
	char path[80], err[300];
	int64_t persons = count(s, "SELECT count(*) FROM person");
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "/tmp/marshrut-fileimp-%d.csv", (int)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%sФИ-2;Файлов;Борис;OO001\n", file);
	fclose(f);
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_PERSONS, path, CSV_ENC_AUTO, 0, &strict, NULL, &r, err,
				     sizeof err), 0);
	assert_int_equal(r.bad, 1);
	assert_true(has_problem(&r, 5, NULL, "повторяет запись из строки 3"));
	assert_false(r.written);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons);

	f = fopen(path, "w");
	fputs(file, f);
	fclose(f);
	import_batch_ms = 0;
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_PERSONS, path, CSV_ENC_AUTO, 0, &strict, NULL, &r, err,
				     sizeof err), 0);
	assert_int_equal(r.added, 3);
	assert_true(r.written);
	assert_string_equal(r.encoding, "utf-8");
	import_report_free(&r);
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_PERSONS, path, CSV_ENC_AUTO, 0, &strict, NULL, &r, err,
				     sizeof err), 0);
	import_batch_ms = 100;
	assert_int_equal(r.added, 0);
	assert_int_equal(r.unchanged, 3);
	assert_false(r.written);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons + 3);
	assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND action = 'create'"
			       " AND field = 'surname' AND after LIKE 'Файлов%'"), 3);
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_PERSONS, "/nonexistent/x.csv", CSV_ENC_AUTO, 0, &strict,
				     NULL, &r, err, sizeof err), -2);
	assert_non_null(strstr(err, "нет такого файла"));
	unlink(path);
	done(s);
}

/* Taking back a record an import added: deleted with an audit row when it
 * is as the import left it; left when someone changed it since, or when
 * someone's record would go with it (a course of the new teacher). */
static void test_undo_add(void **state)
{
	struct import_opts strict = { false, false };
	struct import_report r;
	struct store *s = demo();
	struct record c;
	int64_t a, b;
	char buf[24];

	(void)state;
	assert_int_equal(run(s, IMPORT_PERSONS, "Табельный номер;Фамилия;Имя;Организация\n"
			     "ОТ-1;Отменов;Иван;OO001\nОТ-2;Оставлен;Пётр;OO001\n", strict, &r), 0);
	assert_int_equal(r.added, 2);
	import_report_free(&r);
	a = count(s, "SELECT id FROM person WHERE external_id = 'ОТ-1'");
	b = count(s, "SELECT id FROM person WHERE external_id = 'ОТ-2'");
	record_init(&c, &model_course);
	snprintf(buf, sizeof buf, "%lld", (long long)b);
	record_set(&c, model_field_index(&model_course, "person_id"), buf);
	record_set(&c, model_field_index(&model_course, "title"), "Курс после импорта");
	record_set(&c, model_field_index(&model_course, "form"), model_course_forms[0].code);
	record_set(&c, model_field_index(&model_course, "hours"), "36");
	record_set(&c, model_field_index(&model_course, "end_date"), "2026-05-01");
	assert_int_equal(store_insert(s, &sys, &model_course, &c), ST_OK);
	record_free(&c);

	assert_int_equal(store_import_undo_add(s, &sys, &model_person, a, 2), ST_CONFLICT);
	assert_int_equal(store_import_undo_add(s, &sys, &model_person, b, 1), ST_CONSTRAINT);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id IN ('ОТ-1', 'ОТ-2')"), 2);
	assert_int_equal(count(s, "SELECT count(*) FROM course WHERE title = 'Курс после импорта'"), 1);
	assert_int_equal(store_import_undo_add(s, &sys, &model_person, a, 1), ST_OK);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id = 'ОТ-1'"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE tbl = 'person' AND action = 'delete'"), 1);
	done(s);
}

/* The start time of this process (/proc/self/stat's 22nd field) and the
 * boot's id, as an import's run keeps its owner. */
static void self_owner(char start[24], char boot[40])
{
	char buf[1024], *p;
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	assert_non_null(p);
	p += 2;
	for (int field = 3; field < 22; field++)
		p = strchr(p, ' ') + 1;
	snprintf(start, 24, "%.*s", (int)strcspn(p, " "), p);
	f = fopen("/proc/sys/kernel/random/boot_id", "r");
	assert_non_null(f);
	assert_non_null(fgets(boot, 40, f));
	boot[strcspn(boot, "\n")] = '\0';
	fclose(f);
}

/* A finished run of two added persons made to look unfinished again, as
 * a process that died would have left it: owned by pid, started at
 * start, in boot; its rows kept for taking back. */
static void left_writing(struct store *s, const char *prefix, long pid, const char *start, const char *boot)
{
	char *sql = sqlite3_mprintf(
		"UPDATE import_run SET state = 'writing', pid = %ld, pstart = %Q, boot = %Q"
		" WHERE id = (SELECT max(id) FROM import_run);"
		"DELETE FROM import_undo;"
		"INSERT INTO import_undo (run_id, seq, id, version, added, pre)"
		" SELECT (SELECT max(id) FROM import_run), id, id, version, 1, NULL FROM person"
		" WHERE external_id LIKE '%q%%';", pid, start, boot, prefix);
	assert_int_equal(sqlite3_exec(store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
}

/* An import left half-written by a process that died is taken back by
 * the next one that looks (import_recover): after a power cut (another
 * boot) and after a SIGKILL (the pid gone, or reused by another process
 * since: another start time); a run whose process still runs is left. */
static void test_recover(void **state)
{
	static const char a[] = "Фамилия;Имя;Отчество;Дата рождения;Организация;Табельный номер\n"
				"Обрывова;Анна;Ивановна;01.02.1980;OO001;ОБР-1\n"
				"Обрывов;Борис;;02.03.1981;OO001;ОБР-2\n";
	static const char b[] = "Фамилия;Имя;Отчество;Дата рождения;Организация;Табельный номер\n"
				"Сбоева;Вера;Ивановна;01.02.1982;OO001;СБО-1\n"
				"Сбоев;Глеб;;02.03.1983;OO001;СБО-2\n";
	struct import_opts strict = { false, false };
	struct import_report r;
	struct store *s = demo();
	char start[24], boot[40];
	int undone, kept;

	(void)state;
	self_owner(start, boot);
	assert_int_equal(run(s, IMPORT_PERSONS, a, strict, &r), 0);
	assert_int_equal(r.added, 2);
	import_report_free(&r);
	/* A finished run is done, and keeps nothing. */
	assert_int_equal(count(s, "SELECT count(*) FROM import_run WHERE state = 'done'"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM import_undo"), 0);
	assert_int_equal(import_recover(s, &sys, &undone, &kept), 0);
	assert_int_equal(undone + kept, 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id LIKE 'ОБР-%'"), 2);

	/* Its process still runs (this one): left alone. */
	left_writing(s, "ОБР-", (long)getpid(), start, boot);
	assert_int_equal(import_recover(s, &sys, &undone, &kept), 0);
	assert_int_equal(undone, 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id LIKE 'ОБР-%'"), 2);
	assert_int_equal(count(s, "SELECT count(*) FROM import_run WHERE state = 'writing'"), 1);

	/* The pid taken by another process since (another start time). */
	left_writing(s, "ОБР-", (long)getpid(), "1", boot);
	assert_int_equal(import_recover(s, &sys, &undone, &kept), 0);
	assert_int_equal(undone, 2);
	assert_int_equal(kept, 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id LIKE 'ОБР-%'"), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM import_run WHERE state = 'undone'"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM import_undo"), 0);
	/* Journalled: the deletes, as the one who took it back. */
	assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE action = 'delete' AND tbl = 'person'"
			     " AND login = 'test'"), 2);

	/* A power cut: the server booted since. */
	assert_int_equal(run(s, IMPORT_PERSONS, b, strict, &r), 0);
	assert_int_equal(r.added, 2);
	import_report_free(&r);
	left_writing(s, "СБО-", (long)getpid(), start, "another-boot");
	assert_int_equal(import_recover(s, &sys, &undone, &kept), 0);
	assert_int_equal(undone, 2);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id LIKE 'СБО-%'"), 0);
	/* Taken back once: a second look finds nothing. */
	assert_int_equal(import_recover(s, &sys, &undone, &kept), 0);
	assert_int_equal(undone + kept, 0);
	{
		struct chain_report cr;
		assert_int_equal(store_chain_verify(s, &cr), ST_OK);
	}
	done(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_hazards),
		cmocka_unit_test(test_persons_all_or_nothing),
		cmocka_unit_test(test_headers_first),
		cmocka_unit_test(test_courses_and_diagnostics),
		cmocka_unit_test(test_lookalike_codes),
		cmocka_unit_test(test_stream_pieces),
		cmocka_unit_test(test_file_import),
		cmocka_unit_test(test_undo_add),
		cmocka_unit_test(test_recover),
	};
	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
