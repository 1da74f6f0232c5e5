/* Unit tests for src/model.c: model_check for every field type, using the
 * real descriptors and the default limits; model_display; deficit levels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "config.h"
#include "model.h"
#include "util.h"

static struct config *cfg;

static int setup(void **state)
{
	(void)state;
	cfg = config_defaults();
	return cfg ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	config_free(cfg);
	cfg = NULL;
	return 0;
}

static const struct field_desc *person(const char *col)
{
	const struct field_desc *f = model_field(&model_person, col);

	if (f == NULL)
		fail_msg("no field person.%s", col);
	return f;
}

/* input must be accepted and stored as want (NULL: stored as empty). */
static void ok(const struct field_desc *f, const char *input, const char *want)
{
	char *out = (char *)"untouched";
	const char *m = model_check(cfg, f, input, &out);

	if (m != NULL)
		fail_msg("%s: «%s» refused: %s", f->col, input, m);
	if (want == NULL) {
		if (out != NULL)
			fail_msg("%s: «%s» stored as «%s», want empty", f->col, input, out);
		return;
	}
	if (out == NULL)
		fail_msg("%s: «%s» stored as empty, want «%s»", f->col, input, want);
	if (strcmp(out, want) != 0)
		fail_msg("%s: «%s» stored as «%s», want «%s»", f->col, input, out, want);
	free(out);
}

/* input must be refused with a message containing needle (if not NULL). */
static void bad(const struct field_desc *f, const char *input, const char *needle)
{
	char *out = (char *)"untouched";
	const char *m = model_check(cfg, f, input, &out);

	if (m == NULL) {
		fail_msg("%s: «%.60s» accepted as «%.60s»", f->col, input, out ? out : "(empty)");
	}
	if (out != NULL)
		fail_msg("%s: refused «%.60s» but *out is not NULL", f->col, input);
	if (m[0] == '\0')
		fail_msg("%s: empty message for «%.60s»", f->col, input);
	if (needle && strstr(m, needle) == NULL)
		fail_msg("%s: message «%s» for «%.60s» lacks «%s»", f->col, m, input, needle);
}

/* n copies of the UTF-8 character ch, malloc'd. */
static char *repeat(const char *ch, size_t n)
{
	size_t len = strlen(ch);
	char *s = xmalloc(len * n + 1);

	for (size_t i = 0; i < n; i++)
		memcpy(s + i * len, ch, len);
	s[len * n] = '\0';
	return s;
}

static void test_descriptors(void **state)
{
	(void)state;
	assert_int_equal(person("birth_date")->type, F_DATE);
	assert_int_equal(person("surname")->type, F_TEXT);
	assert_true(person("surname")->required);
	assert_false(person("patronymic")->required);
	assert_int_equal(person("awards")->type, F_MEMO);
	assert_int_equal(person("category")->type, F_ENUM);
	assert_int_equal(person("is_mentor")->type, F_BOOL);
	assert_int_equal(person("experience_years")->type, F_INT);
	assert_int_equal(person("experience_years")->min, 0);
	assert_int_equal(person("experience_years")->max, 70);
	assert_int_equal(person("email")->type, F_EMAIL);
	assert_int_equal(person("phone")->type, F_PHONE);
	assert_int_equal(person("org_id")->type, F_REF);
	assert_null(model_field(&model_person, "no_such_column"));
	assert_int_equal(model_field_index(&model_person, "surname"), 0);
	assert_int_equal(model_field_index(&model_person, "no_such_column"), -1);
	assert_ptr_equal(model_field(&model_person, "surname"), &model_person.fields[0]);
}

static void test_date(void **state)
{
	const struct field_desc *f = person("birth_date");

	(void)state;
	ok(f, "05.03.1985", "1985-03-05");
	ok(f, "5.3.1985", "1985-03-05");
	ok(f, "  05.03.1985  ", "1985-03-05");
	ok(f, "29.02.2024", "2024-02-29");
	bad(f, "31.02.2026", "31.02.2026");
	bad(f, "29.02.2026", "29.02.2026");
	bad(f, "2026-03-05", "ДД.ММ.ГГГГ");
	/* Every typed form goes through the one date reader (date.c). */
	ok(f, "05.03.85", "1985-03-05");
	ok(f, "05,03,1985", "1985-03-05");
	ok(f, "05031985", "1985-03-05");
	bad(f, "05.03", "ДД.ММ.ГГГГ");
	bad(f, "вчера", NULL);
	ok(f, "", NULL);		/* optional */
	ok(f, "   ", NULL);
	/* A birth date is never in the future nor before 1930, wherever it
	 * comes from (a form or an imported file); other dates may be. */
	bad(f, "01.02.2030", "будущем");
	bad(f, "31.12.1929", "1930");
	ok(model_field(&model_course, "end_date"), "01.02.2030", "2030-02-01");
	/* A required date (course end) may not be empty. */
	bad(model_field(&model_course, "end_date"), "", "обязательное поле");
}

static void test_required_and_optional(void **state)
{
	(void)state;
	bad(person("surname"), "", "обязательное поле");
	bad(person("surname"), "    ", "обязательное поле");
	bad(person("name"), "", "обязательное поле");
	bad(person("org_id"), "", "обязательное поле");
	ok(person("patronymic"), "", NULL);
	ok(person("patronymic"), "   ", NULL);
	ok(person("awards"), "", NULL);
	ok(person("experience_years"), "", NULL);
	ok(person("category"), "", NULL);
	ok(person("email"), "", NULL);
	ok(person("phone"), "", NULL);
}

static void test_trim(void **state)
{
	(void)state;
	ok(person("surname"), "  Иванова  ", "Иванова");
	ok(person("surname"), "Иванова", "Иванова");
	ok(person("position"), " учитель математики ", "учитель математики");
	ok(person("experience_years"), " 12 ", "12");
	ok(person("email"), " ivanova@school12.ru ", "ivanova@school12.ru");
}

static void test_text_length(void **state)
{
	const struct field_desc *f = person("surname");
	char *s;

	(void)state;
	assert_int_equal(cfg->name_chars, 100);
	/* Exactly the limit, counted in characters, not bytes. */
	s = repeat("я", 100);
	ok(f, s, s);
	free(s);
	s = repeat("я", 101);
	bad(f, s, "100");
	free(s);
	/* Spaces around do not count: they are trimmed first. */
	{
		char *want = repeat("Я", 100);
		s = xasprintf("   %s   ", want);
		ok(f, s, want);
		free(want);
	}
	free(s);
}

/* The message names the limit the user must keep to, however long the
 * input is (static buffers: nothing leaks when an assertion fails). */
static void test_text_length_huge(void **state)
{
	static char name[10000 * 2 + 1], memo[9000 * 2 + 1];

	(void)state;
	for (size_t i = 0; i < 10000; i++)
		memcpy(name + 2 * i, "я", 2);
	for (size_t i = 0; i < 9000; i++)
		memcpy(memo + 2 * i, "ы", 2);
	bad(person("surname"), name, "не более 100 символов");
	bad(person("awards"), memo, "не более 2000 символов");
}

static void test_memo(void **state)
{
	const struct field_desc *f = person("awards");
	char *a, *b, *s;

	(void)state;
	assert_int_equal(cfg->text_chars, 2000);
	/* 2000 characters, one of them a line break. */
	a = repeat("я", 1000);
	b = repeat("ж", 999);
	s = xasprintf("%s\n%s", a, b);
	ok(f, s, s);
	free(s);
	/* 2001 characters. */
	s = xasprintf("%s\n%sж", a, b);
	bad(f, s, "2000");
	free(s);
	free(a);
	free(b);
	s = repeat("ы", 2000);
	ok(f, s, s);
	free(s);
	s = repeat("ы", 2001);
	bad(f, s, "2000");
	free(s);
	ok(f, "Почётная грамота\nЗнак «Почётный работник»", "Почётная грамота\nЗнак «Почётный работник»");
	ok(person("notes"), "строка 1\nстрока 2", "строка 1\nстрока 2");
	/* A one-line field refuses the line break. */
	bad(person("surname"), "Ива\nнова", NULL);
	bad(person("position"), "учитель\n", NULL);
}

static void test_bad_characters(void **state)
{
	static const char *const cols[] = { "surname", "position", "awards", "email", "phone" };
	static const char *const inputs[] = {
		"\x1b[2J", "a\rb", "a\bb", "a\x01" "b", "a\x7f" "b",
		"abc\xe2\x80\xae" "def",	/* U+202E right-to-left override */
		"\xe2\x80\x8f" "x",		/* U+200F */
		"\xef\xbb\xbf" "x",		/* U+FEFF */
		"\xc2\x9b" "2J",		/* C1 CSI */
	};

	(void)state;
	bad(person("surname"), "\xff\xfe", "UTF-8");
	bad(person("awards"), "\xff\xfe", "UTF-8");
	bad(person("surname"), "Ив\xd0", "UTF-8");	/* truncated sequence */
	bad(person("birth_date"), "\xff", "UTF-8");
	bad(person("surname"), "a\tb", NULL);
	for (size_t c = 0; c < NITEMS(cols); c++)
		for (size_t i = 0; i < NITEMS(inputs); i++)
			bad(person(cols[c]), inputs[i], NULL);
	bad(person("surname"), "\x1b[2J", "управляющий");
	bad(person("awards"), "a\rb", "управляющий");
}

static void test_enum(void **state)
{
	const struct field_desc *f = person("category");

	(void)state;
	ok(f, "высшая", "highest");
	ok(f, "ВЫСШАЯ", "highest");
	ok(f, "Высшая", "highest");
	ok(f, "  высшая ", "highest");
	ok(f, "first", "first");
	ok(f, "первая", "first");
	ok(f, "без  категории", "none");	/* runs of spaces fold */
	ok(f, "Соответствие должности", "szd");
	bad(f, "вторая", "списка");
	bad(f, "высш", NULL);
	ok(person("sex"), "женский", "f");
	ok(person("sex"), "m", "m");
	bad(person("sex"), "иной", NULL);
	ok(person("education"), "СПО педагогическое", "spo_ped");
	ok(person("education"), "спо", "spo");
	ok(model_field(&model_course, "form"), "Стажировка", "internship");
	bad(model_field(&model_course, "form"), "", "обязательное поле");
	ok(model_field(&model_organisation, "kind"), "детский сад (ДОО)", "kindergarten");
}

static void test_enum_helpers(void **state)
{
	(void)state;
	assert_string_equal(model_enum_label(model_categories, "highest"), "высшая");
	assert_string_equal(model_enum_label(model_categories, "unknown"), "unknown");
	assert_string_equal(model_enum_label(model_categories, NULL), "");
	assert_string_equal(model_enum_code(model_categories, "ВЫСШАЯ"), "highest");
	assert_string_equal(model_enum_code(model_categories, "szd"), "szd");
	assert_null(model_enum_code(model_categories, "нет такой"));
	assert_string_equal(model_enum_code(model_roles, "Куратор ИОМ"), "curator");
}

static void test_bool(void **state)
{
	const struct field_desc *f = person("is_mentor");

	(void)state;
	ok(f, "да", "1");
	ok(f, "Да", "1");
	ok(f, "ДА", "1");
	ok(f, "1", "1");
	ok(f, " да ", "1");
	ok(f, "нет", "0");
	ok(f, "Нет", "0");
	ok(f, "0", "0");
	ok(f, "", "0");		/* an unticked flag is "нет" */
	ok(f, "  ", "0");
	bad(f, "может быть", "да или нет");
	bad(f, "yes", NULL);
	bad(f, "2", NULL);
	ok(person("is_methodist"), "да", "1");
	ok(person("is_manager"), "нет", "0");
}

static void test_int(void **state)
{
	const struct field_desc *f = person("experience_years");
	const struct field_desc *hours = model_field(&model_course, "hours");

	(void)state;
	ok(f, "12", "12");
	ok(f, "0", "0");
	ok(f, "70", "70");
	ok(f, "007", "7");
	bad(f, "-1", "от 0 до 70");
	bad(f, "71", "от 0 до 70");
	bad(f, "12a", "целое");
	bad(f, "a12", "целое");
	bad(f, "1.5", "целое");
	bad(f, "12 лет", "целое");
	bad(f, "99999999999999999999999", NULL);
	ok(hours, "72", "72");
	ok(hours, "3000", "3000");
	bad(hours, "0", "от 1 до 3000");
	bad(hours, "3001", "от 1 до 3000");
	bad(hours, "", "обязательное поле");
	/* References are whole numbers without a range. */
	ok(person("org_id"), "17", "17");
	bad(person("org_id"), "школа 17", "целое");
}

static void test_email(void **state)
{
	const struct field_desc *f = person("email");

	(void)state;
	ok(f, "ivanova@school12.ru", "ivanova@school12.ru");
	ok(f, "i.ivanova@mail.school-12.ru", "i.ivanova@mail.school-12.ru");
	bad(f, "ivanova@", "имя@домен");
	bad(f, "a b@c.ru", NULL);
	bad(f, "@school12.ru", NULL);
	bad(f, "ivanova", NULL);
	bad(f, "ivanova@school12", NULL);
	bad(f, "ivanova@.ru", NULL);
	bad(f, "ivanova@school12.", NULL);
	bad(f, "a@b@c.ru", NULL);
	ok(model_field(&model_organisation, "email"), "school12@edu.ru", "school12@edu.ru");
}

static void test_phone(void **state)
{
	const struct field_desc *f = person("phone");

	(void)state;
	ok(f, "+7 (4812) 38-12-45", "+7 (4812) 38-12-45");
	ok(f, "89101234567", "89101234567");
	ok(f, "38-12-45", "38-12-45");
	bad(f, "abc", "телефон");
	bad(f, "8 910 123 45 67 доб. 2", NULL);
	bad(f, "12-34", NULL);			/* too few digits */
	bad(f, "1234567890123456", NULL);	/* too many */
	bad(f, "+7 (4812) 38/12/45", NULL);
}

static void test_display(void **state)
{
	char *s;

	(void)state;
	s = model_display(person("birth_date"), "1985-03-05");
	assert_string_equal(s, "05.03.1985");
	free(s);
	s = model_display(person("category"), "highest");
	assert_string_equal(s, "высшая");
	free(s);
	s = model_display(person("category"), "szd");
	assert_string_equal(s, "соответствие должности");
	free(s);
	s = model_display(person("is_mentor"), "1");
	assert_string_equal(s, "да");
	free(s);
	s = model_display(person("is_mentor"), "0");
	assert_string_equal(s, "нет");
	free(s);
	s = model_display(person("surname"), "Иванова");
	assert_string_equal(s, "Иванова");
	free(s);
	s = model_display(person("experience_years"), "12");
	assert_string_equal(s, "12");
	free(s);
	s = model_display(person("surname"), NULL);
	assert_string_equal(s, "");
	free(s);
	s = model_display(person("birth_date"), NULL);
	assert_string_equal(s, "");
	free(s);
	s = model_display(person("birth_date"), "garbage");
	assert_string_equal(s, "");
	free(s);
}

/* What is shown can be typed back and gives the same stored value. */
static void test_display_round_trip(void **state)
{
	static const struct {
		const char *col, *stored;
	} cases[] = {
		{ "birth_date", "1985-03-05" }, { "attestation_date", "2024-02-29" },
		{ "category", "none" }, { "category", "szd" }, { "category", "first" },
		{ "category", "highest" }, { "education", "higher_ped" }, { "education", "spo" },
		{ "sex", "f" }, { "is_mentor", "1" }, { "is_mentor", "0" },
		{ "experience_years", "33" }, { "surname", "Ёлкина" },
	};

	(void)state;
	for (size_t i = 0; i < NITEMS(cases); i++) {
		char *shown = model_display(person(cases[i].col), cases[i].stored);
		ok(person(cases[i].col), shown, cases[i].stored);
		free(shown);
	}
}

static void test_deficit_level(void **state)
{
	struct config *c;

	(void)state;
	assert_string_equal(model_deficit_level(cfg, 0), "high");
	assert_string_equal(model_deficit_level(cfg, 49), "high");
	assert_string_equal(model_deficit_level(cfg, 50), "medium");
	assert_string_equal(model_deficit_level(cfg, 79), "medium");
	assert_string_equal(model_deficit_level(cfg, 80), "low");
	assert_string_equal(model_deficit_level(cfg, 100), "low");

	c = config_defaults();
	c->deficit_high_below = 40;
	c->deficit_medium_below = 70;
	assert_string_equal(model_deficit_level(c, 39), "high");
	assert_string_equal(model_deficit_level(c, 40), "medium");
	assert_string_equal(model_deficit_level(c, 49), "medium");
	assert_string_equal(model_deficit_level(c, 69), "medium");
	assert_string_equal(model_deficit_level(c, 70), "low");
	assert_string_equal(model_deficit_level(c, 79), "low");
	assert_string_equal(model_deficit_level(c, 100), "low");
	config_free(c);
}

/* The limits come from the configuration, not from constants. */
static void test_configured_limits(void **state)
{
	struct config *c = config_defaults();
	const struct field_desc *f = person("surname");
	char *out = NULL, *s;
	const char *m;

	(void)state;
	c->name_chars = 10;
	c->text_chars = 20;
	m = model_check(c, f, "Иванова-Петрова", &out);
	assert_non_null(m);
	assert_non_null(strstr(m, "10"));
	assert_null(out);
	m = model_check(c, f, "Иванова", &out);
	assert_null(m);
	assert_string_equal(out, "Иванова");
	free(out);
	s = repeat("ю", 21);
	m = model_check(c, person("awards"), s, &out);
	assert_non_null(m);
	assert_non_null(strstr(m, "20"));
	assert_null(out);
	free(s);
	config_free(c);
}

/* One count of experience: the years on a date plus the whole years since. */
static void test_experience(void **state)
{
	(void)state;
	assert_int_equal(model_experience("13", "2025-09-01", "2026-12-07"), 14);
	assert_int_equal(model_experience("13", "2025-12-08", "2026-12-07"), 13);
	assert_int_equal(model_experience("13", NULL, "2026-12-07"), 13);
	assert_int_equal(model_experience(NULL, "2025-09-01", "2026-12-07"), -1);
	/* A day before the record: the years back, a part of one counted
	 * whole; before he could have begun, none (-1), never 0. */
	assert_int_equal(model_experience("5", "2027-01-01", "2026-12-07"), 4);
	assert_int_equal(model_experience("2", "2024-09-01", "2023-09-01"), 1);
	assert_int_equal(model_experience("2", "2024-09-01", "2023-09-02"), 1);
	assert_int_equal(model_experience("2", "2024-09-01", "2022-08-31"), -1);
	assert_int_equal(model_experience("0", "2024-09-01", "2023-12-31"), -1);
	assert_int_equal(model_experience("0", "2024-09-01", "2024-09-01"), 0);
	assert_int_equal(model_experience("3", "2024-01-01", "2023-12-31"), 2);
	char *t = model_experience_text("2", "2025-09-01", "2026-12-07");
	assert_string_equal(t, "3 (молодой специалист)");
	free(t);
	t = model_experience_text(NULL, NULL, "2026-12-07");
	assert_string_equal(t, "");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptors),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_required_and_optional),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_text_length),
		cmocka_unit_test(test_text_length_huge),
		cmocka_unit_test(test_memo),
		cmocka_unit_test(test_bad_characters),
		cmocka_unit_test(test_enum),
		cmocka_unit_test(test_enum_helpers),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_display_round_trip),
		cmocka_unit_test(test_deficit_level),
		cmocka_unit_test(test_experience),
		cmocka_unit_test(test_configured_limits),
	};

	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
