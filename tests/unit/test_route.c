/* Unit tests for src/route.c: statuses, the lifecycle table for every role,
 * the curator rule, numbering, the allowed duration, deadlines against
 * conf/calendar.conf and archiving. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "config.h"
#include "date.h"
#include "route.h"
#include "util.h"

#define CAL_PATH TEST_CONF_DIR "/calendar.conf"

static dayno D(int y, int m, int d)
{
	return date_to_days(y, m, d);
}

static const char *const all_statuses[] = {
	"draft", "review", "final_form", "approved", "in_progress", "completed",
	"prolonged", "cancelled",
};
#define NST ((int)(sizeof all_statuses / sizeof all_statuses[0]))

static const char *const all_roles[] = {
	"teacher", "curator", "developer", "school", "municipal", "regional", "admin",
};
#define NROLES ((int)(sizeof all_roles / sizeof all_roles[0]))

/* The lifecycle as the statute describes it, written independently of the
 * table in route.c: the roles allowed, space-separated. */
static const struct {
	const char *from, *to, *roles;
} expected[] = {
	{ "draft", "review", "developer regional" },
	{ "review", "draft", "developer regional" },
	{ "review", "final_form", "developer regional" },
	{ "final_form", "approved", "school" },
	{ "approved", "in_progress", "curator developer regional" },
	{ "in_progress", "completed", "curator regional" },
	{ "in_progress", "prolonged", "curator regional" },
	{ "prolonged", "completed", "curator regional" },
	{ "draft", "cancelled", "developer regional" },
	{ "review", "cancelled", "developer regional" },
	{ "final_form", "cancelled", "regional" },
	{ "approved", "cancelled", "regional" },
	{ "in_progress", "cancelled", "regional" },
	{ "prolonged", "cancelled", "regional" },
};
#define NEXP ((int)(sizeof expected / sizeof expected[0]))

/* Index of the expected move from -> to, or -1. */
static int exp_move(const char *from, const char *to)
{
	int i;

	for (i = 0; i < NEXP; i++)
		if (strcmp(expected[i].from, from) == 0 && strcmp(expected[i].to, to) == 0)
			return i;
	return -1;
}

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

/* How a refusal names a role that may make the move (NULL: never named). */
static const char *role_mention(const char *role)
{
	if (strcmp(role, "curator") == 0)
		return "куратор";
	if (strcmp(role, "developer") == 0)
		return "разработчик";
	if (strcmp(role, "school") == 0)
		return "руководитель ОО";
	if (strcmp(role, "regional") == 0)
		return "ЦНППМ";
	return NULL;
}

static void test_statuses(void **state)
{
	int i;

	(void)state;
	assert_string_equal(route_status_label("draft"), "черновик");
	assert_string_equal(route_status_label("review"), "на согласовании");
	assert_string_equal(route_status_label("final_form"), "итоговая форма");
	assert_string_equal(route_status_label("approved"), "утверждён");
	assert_string_equal(route_status_label("in_progress"), "реализуется");
	assert_string_equal(route_status_label("completed"), "завершён");
	assert_string_equal(route_status_label("prolonged"), "пролонгирован");
	assert_string_equal(route_status_label("cancelled"), "отменён");
	assert_string_equal(route_status_label("bogus"), "bogus");
	assert_string_equal(route_status_label(NULL), "");

	for (i = 0; i < NST; i++) {
		assert_true(route_status_valid(all_statuses[i]));
		assert_string_equal(route_statuses[i].code, all_statuses[i]);
		assert_string_equal(route_statuses[i].label,
				    route_status_label(all_statuses[i]));
		assert_int_equal(route_status_final(all_statuses[i]),
				 strcmp(all_statuses[i], "completed") == 0 ||
				 strcmp(all_statuses[i], "cancelled") == 0);
	}
	assert_null(route_statuses[NST].code);
	assert_false(route_status_valid(NULL));
	assert_false(route_status_valid(""));
	assert_false(route_status_valid("Draft"));
	assert_false(route_status_final(NULL));
	assert_false(route_status_final("bogus"));
}

/* Every pair of statuses for every single role. */
static void test_moves_every_role(void **state)
{
	int f, t, r;

	(void)state;
	for (f = 0; f < NST; f++)
		for (t = 0; t < NST; t++)
			for (r = 0; r < NROLES; r++) {
				const char *from = all_statuses[f], *to = all_statuses[t];
				const char *role = all_roles[r], *why = "unset";
				int e = exp_move(from, to);
				bool want = e >= 0 && has_word(expected[e].roles, role);
				bool got = route_move_allowed(from, to, &role, 1, &why);
				int k;

				if (got != want)
					fail_msg("%s -> %s by %s: got %d", from, to, role, got);
				if (got) {
					assert_null(why);
					continue;
				}
				assert_non_null(why);
				assert_true(why[0] != '\0');
				if (e < 0) {
					assert_true(strstr(why, "нельзя перейти") != NULL ||
						    strstr(why, "больше не меняет") != NULL ||
						    strstr(why, "уже в статусе") != NULL);
					continue;
				}
				/* The reason names exactly the roles that may. */
				for (k = 0; k < NROLES; k++) {
					const char *m = role_mention(all_roles[k]);

					if (m == NULL)
						continue;
					if ((strstr(why, m) != NULL) !=
					    has_word(expected[e].roles, all_roles[k]))
						fail_msg("%s -> %s: reason «%s» and role %s",
							 from, to, why, all_roles[k]);
				}
			}
}

static void test_moves_table_complete(void **state)
{
	int f, t, i, n = 0;

	(void)state;
	/* Every move exists with an action name, and no other does. */
	for (f = 0; f < NST; f++)
		for (t = 0; t < NST; t++) {
			const char *a = route_move_action(all_statuses[f], all_statuses[t]);

			if (exp_move(all_statuses[f], all_statuses[t]) >= 0) {
				assert_non_null(a);
				assert_true(a[0] != '\0');
				n++;
			} else {
				assert_null(a);
			}
		}
	assert_int_equal(n, NEXP);
	assert_string_equal(route_move_action("draft", "review"), "направить на согласование");
	assert_string_equal(route_move_action("review", "draft"), "вернуть на доработку");
	assert_string_equal(route_move_action("review", "final_form"), "оформить итоговую форму");
	assert_string_equal(route_move_action("final_form", "approved"), "утвердить");
	assert_string_equal(route_move_action("approved", "in_progress"), "начать реализацию");
	assert_string_equal(route_move_action("in_progress", "completed"), "завершить");
	assert_string_equal(route_move_action("in_progress", "prolonged"), "пролонгировать");
	assert_string_equal(route_move_action("prolonged", "completed"), "завершить");
	for (i = 0; i < NST; i++)
		if (!route_status_final(all_statuses[i]))
			assert_string_equal(route_move_action(all_statuses[i], "cancelled"),
					    "отменить");
	assert_null(route_move_action(NULL, "draft"));
	assert_null(route_move_action("draft", NULL));
	assert_null(route_move_action("bogus", "draft"));
}

static void test_moves_reasons(void **state)
{
	const char *teacher[] = { "teacher" };
	const char *admin[] = { "admin" };
	const char *regional[] = { "regional" };
	const char *why;
	int f, t;

	(void)state;
	assert_false(route_move_allowed("draft", "approved", regional, 1, &why));
	assert_string_equal(why, "из статуса «черновик» нельзя перейти в «утверждён»");
	/* The text stays valid after other calls. */
	{
		const char *first = why;

		assert_false(route_move_allowed("review", "in_progress", regional, 1, &why));
		assert_string_equal(why,
				    "из статуса «на согласовании» нельзя перейти в «реализуется»");
		assert_string_equal(first, "из статуса «черновик» нельзя перейти в «утверждён»");
	}
	assert_false(route_move_allowed("draft", "draft", regional, 1, &why));
	assert_string_equal(why, "ИОМ уже в статусе «черновик»");
	assert_false(route_move_allowed("completed", "in_progress", regional, 1, &why));
	assert_string_equal(why, "ИОМ в статусе «завершён» больше не меняет статус");
	assert_false(route_move_allowed("cancelled", "draft", regional, 1, &why));
	assert_string_equal(why, "ИОМ в статусе «отменён» больше не меняет статус");

	assert_false(route_move_allowed("final_form", "approved", teacher, 1, &why));
	assert_string_equal(why, "утвердить ИОМ может только руководитель ОО");
	assert_false(route_move_allowed("final_form", "approved", regional, 1, &why));
	assert_string_equal(why, "утвердить ИОМ может только руководитель ОО");
	assert_false(route_move_allowed("approved", "cancelled", (const char *const *)
					(const char *[]){ "developer" }, 1, &why));
	assert_string_equal(why, "отменить оформленный ИОМ может только ЦНППМ");

	/* Unknown statuses and no roles at all. */
	assert_false(route_move_allowed("bogus", "draft", regional, 1, &why));
	assert_string_equal(why, "неизвестный статус ИОМ");
	assert_false(route_move_allowed("draft", NULL, regional, 1, &why));
	assert_string_equal(why, "неизвестный статус ИОМ");
	assert_false(route_move_allowed(NULL, "review", regional, 1, &why));
	assert_false(route_move_allowed("draft", "review", NULL, 0, &why));
	assert_non_null(strstr(why, "разработчик"));
	assert_false(route_move_allowed("draft", "review",
					(const char *const *)(const char *[]){ "bogus", NULL },
					2, &why));
	/* why may be NULL. */
	assert_true(route_move_allowed("draft", "review", regional, 1, NULL));
	assert_false(route_move_allowed("draft", "approved", regional, 1, NULL));

	/* Teacher and admin never move anything. */
	for (f = 0; f < NST; f++)
		for (t = 0; t < NST; t++) {
			assert_false(route_move_allowed(all_statuses[f], all_statuses[t],
							teacher, 1, NULL));
			assert_false(route_move_allowed(all_statuses[f], all_statuses[t],
							admin, 1, NULL));
		}
}

static void test_moves_role_union(void **state)
{
	const char *teacher_school[] = { "teacher", "school" };
	const char *teacher_admin[] = { "teacher", "admin", "municipal" };
	const char *curator_developer[] = { "curator", "developer" };
	const char *why;
	int f, t;

	(void)state;
	assert_true(route_move_allowed("final_form", "approved", teacher_school, 2, &why));
	assert_null(why);
	assert_false(route_move_allowed("draft", "review", teacher_school, 2, &why));
	assert_non_null(why);
	for (f = 0; f < NST; f++)
		for (t = 0; t < NST; t++)
			assert_false(route_move_allowed(all_statuses[f], all_statuses[t],
							teacher_admin, 3, NULL));
	/* Curator and developer together: both rights. */
	assert_true(route_move_allowed("draft", "review", curator_developer, 2, NULL));
	assert_true(route_move_allowed("in_progress", "completed", curator_developer, 2, NULL));
	assert_true(route_move_allowed("review", "cancelled", curator_developer, 2, NULL));
	assert_false(route_move_allowed("in_progress", "cancelled", curator_developer, 2, NULL));
	assert_false(route_move_allowed("final_form", "approved", curator_developer, 2, NULL));
}

/* route_moves_from() lists exactly what route_move_allowed() allows, in
 * table order, for every single role and a few unions. */
static void check_moves_from(const char *const *roles, int nroles)
{
	const char *to[16], *act[16];
	int f, t, n, i, want;

	for (f = 0; f < NST; f++) {
		const char *from = all_statuses[f];

		n = route_moves_from(from, roles, nroles, to, act, 16);
		want = 0;
		for (t = 0; t < NST; t++) {
			bool ok = route_move_allowed(from, all_statuses[t], roles, nroles, NULL);
			bool listed = false;

			for (i = 0; i < n; i++)
				if (strcmp(to[i], all_statuses[t]) == 0) {
					listed = true;
					assert_string_equal(act[i],
							    route_move_action(from, to[i]));
				}
			if (ok != listed)
				fail_msg("moves from %s to %s: allowed %d, listed %d",
					 from, all_statuses[t], ok, listed);
			want += ok;
		}
		assert_int_equal(n, want);
		if (route_status_final(from))
			assert_int_equal(n, 0);
	}
}

static void test_moves_from(void **state)
{
	const char *regional[] = { "regional" };
	const char *developer[] = { "developer" };
	const char *teacher_school[] = { "teacher", "school" };
	const char *curator_developer[] = { "curator", "developer" };
	const char *to[4], *act[4];
	int r, n;

	(void)state;
	for (r = 0; r < NROLES; r++)
		check_moves_from(&all_roles[r], 1);
	check_moves_from(all_roles, NROLES);
	check_moves_from(teacher_school, 2);
	check_moves_from(curator_developer, 2);
	check_moves_from(NULL, 0);

	/* Order of the table, and the limit. */
	n = route_moves_from("review", regional, 1, to, act, 4);
	assert_int_equal(n, 3);
	assert_string_equal(to[0], "draft");
	assert_string_equal(act[0], "вернуть на доработку");
	assert_string_equal(to[1], "final_form");
	assert_string_equal(to[2], "cancelled");
	assert_int_equal(route_moves_from("review", regional, 1, to, act, 1), 1);
	assert_string_equal(to[0], "draft");
	assert_int_equal(route_moves_from("review", regional, 1, to, act, 0), 0);
	assert_int_equal(route_moves_from("in_progress", regional, 1, NULL, NULL, 4), 3);
	n = route_moves_from("in_progress", developer, 1, to, act, 4);
	assert_int_equal(n, 0);
	n = route_moves_from("final_form", teacher_school, 2, to, NULL, 4);
	assert_int_equal(n, 1);
	assert_string_equal(to[0], "approved");
	assert_int_equal(route_moves_from("completed", all_roles, NROLES, to, act, 4), 0);
	assert_int_equal(route_moves_from("cancelled", all_roles, NROLES, to, act, 4), 0);
	assert_int_equal(route_moves_from("bogus", all_roles, NROLES, to, act, 4), 0);
	assert_int_equal(route_moves_from(NULL, all_roles, NROLES, to, act, 4), 0);
}

static void test_confirmation(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < NST; i++) {
		const char *s = all_statuses[i];
		bool want = strcmp(s, "approved") == 0 || strcmp(s, "in_progress") == 0 ||
			    strcmp(s, "prolonged") == 0;

		assert_int_equal(route_change_needs_confirmation(s), want);
	}
	assert_false(route_change_needs_confirmation(NULL));
	assert_string_equal(route_confirm_roles[0], "curator");
	assert_string_equal(route_confirm_roles[1], "school");
	assert_string_equal(route_confirm_roles[2], "teacher");
	assert_null(route_confirm_roles[3]);
}

static void test_curator_rule(void **state)
{
	static const char *const levels[] = { "high", "medium", "low", NULL, "", "bogus" };
	size_t i;
	int model;

	(void)state;
	assert_int_equal(route_curator_rule(1, "high"), ROUTE_CURATOR_REGIONAL_METHODIST);
	assert_int_equal(route_curator_rule(1, "medium"), ROUTE_CURATOR_LECTURER);
	assert_int_equal(route_curator_rule(1, "low"), ROUTE_CURATOR_LECTURER);
	assert_int_equal(route_curator_rule(1, NULL), ROUTE_CURATOR_UNKNOWN);
	assert_int_equal(route_curator_rule(1, ""), ROUTE_CURATOR_UNKNOWN);
	assert_int_equal(route_curator_rule(1, "High"), ROUTE_CURATOR_UNKNOWN);
	/* Models 2 and 3 do not depend on the level. */
	for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		assert_int_equal(route_curator_rule(2, levels[i]),
				 ROUTE_CURATOR_LECTURER_OR_MO_HEAD);
		assert_int_equal(route_curator_rule(3, levels[i]),
				 ROUTE_CURATOR_MENTOR_OR_METHODIST);
		assert_int_equal(route_curator_rule(0, levels[i]), ROUTE_CURATOR_UNKNOWN);
		assert_int_equal(route_curator_rule(4, levels[i]), ROUTE_CURATOR_UNKNOWN);
		assert_int_equal(route_curator_rule(-1, levels[i]), ROUTE_CURATOR_UNKNOWN);
	}

	assert_string_equal(route_curator_label(ROUTE_CURATOR_REGIONAL_METHODIST),
			    "региональный методист");
	assert_non_null(strstr(route_curator_label(ROUTE_CURATOR_LECTURER), "преподаватель"));
	assert_non_null(strstr(route_curator_label(ROUTE_CURATOR_LECTURER), "профиля"));
	assert_non_null(strstr(route_curator_label(ROUTE_CURATOR_LECTURER_OR_MO_HEAD),
			       "методического объединения"));
	assert_non_null(strstr(route_curator_label(ROUTE_CURATOR_MENTOR_OR_METHODIST),
			       "наставник"));
	assert_non_null(strstr(route_curator_label(ROUTE_CURATOR_MENTOR_OR_METHODIST),
			       "региональный методист"));
	assert_non_null(strstr(route_curator_label(ROUTE_CURATOR_UNKNOWN), "не определён"));
	assert_non_null(route_curator_label((enum route_curator_kind)99));

	for (model = 1; model <= 3; model++)
		assert_non_null(route_model_label(model));
	assert_non_null(strstr(route_model_label(1), "диагностики"));
	assert_non_null(strstr(route_model_label(2), "посткурсовое"));
	assert_non_null(strstr(route_model_label(3), "наставничества"));
	assert_null(route_model_label(0));
	assert_null(route_model_label(4));
}

static void expect_number(const char *fmt, int year, long seq, const char *want)
{
	char *s = route_format_number(fmt, year, seq);

	if (s == NULL)
		fail_msg("route_format_number(%s) gave NULL", fmt);
	assert_string_equal(s, want);
	free(s);
}

static void test_numbering(void **state)
{
	static const char *const bad[] = {
		"ИОМ-%Y", "%Y-%Q", "%N-%", "%6N", "%0N", "%00N", "%019N", "%06Y",
		"%N%N", "%N-%06N", "", "%y-%N", "%n", "%-6N", "% N",
	};
	char longfmt[80];
	const char *msg;
	size_t i;

	(void)state;
	expect_number("ИОМ-%Y-%06N", 2026, 123, "ИОМ-2026-000123");
	expect_number("ИОМ-%Y-%06N", 2026, 0, "ИОМ-2026-000000");
	expect_number("ИОМ-%Y-%06N", 2026, 1234567, "ИОМ-2026-1234567");
	expect_number("%N", 2026, 42, "42");
	expect_number("%N/%Y", 2027, 7, "7/2027");
	expect_number("%01N", 2026, 5, "5");
	expect_number("%018N", 2026, 5, "000000000000000005");
	expect_number("%010N", 2026, 5, "0000000005");
	expect_number("100%%-%N", 2026, 5, "100%-5");
	expect_number("%%%N%%", 2026, 5, "%5%");
	expect_number("№ %Y.%03N", 2026, 9, "№ 2026.009");
	assert_null(route_check_number_format("ИОМ-%Y-%06N"));
	assert_null(route_check_number_format("%N"));
	assert_null(route_check_number_format("100%%-%N"));

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *s = route_format_number(bad[i], 2026, 1);

		if (s != NULL)
			fail_msg("format «%s» accepted: %s", bad[i], s);
		msg = route_check_number_format(bad[i]);
		if (msg == NULL)
			fail_msg("format «%s» passed the check", bad[i]);
	}
	assert_null(route_format_number(NULL, 2026, 1));
	assert_non_null(route_check_number_format(NULL));
	assert_null(route_format_number("%N", 2026, -1));
	assert_null(route_format_number("%Y-%N", -1, 1));

	msg = route_check_number_format("%Y-%Q");
	assert_non_null(strstr(msg, "«%Q»"));
	msg = route_check_number_format("%6N");
	assert_non_null(strstr(msg, "«%6N»"));
	msg = route_check_number_format("ИОМ-%Y");
	assert_non_null(strstr(msg, "%N"));
	msg = route_check_number_format("%N-%N");
	assert_non_null(strstr(msg, "ровно один"));

	/* Length: 64 bytes pass, 65 do not: 57 + "2026" + "-" + 2 digits = 64. */
	memset(longfmt, 'x', 57);
	strcpy(longfmt + 57, "%Y-%N");
	expect_number(longfmt, 2026, 1, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2026-1");
	assert_int_equal(strlen("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2026-1"), 63);
	expect_number(longfmt, 2026, 12, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2026-12");
	assert_null(route_format_number(longfmt, 2026, 123));
	/* The check allows for six-digit sequences: this format can overflow. */
	assert_non_null(route_check_number_format(longfmt));
	assert_non_null(strstr(route_check_number_format(longfmt), "64"));
	/* Cyrillic counts in bytes: 30 letters are 60 bytes. */
	strcpy(longfmt, "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ%N");
	expect_number(longfmt, 2026, 1234, "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ1234");
	assert_null(route_format_number(longfmt, 2026, 12345));
	strcpy(longfmt, "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ%N");
	assert_null(route_format_number(longfmt, 2026, 1));
}

static void test_period(void **state)
{
	struct config *cfg = config_defaults();
	struct config c3 = { 0 };
	const char *msg;

	(void)state;
	assert_int_equal(cfg->iom_min_months, 6);
	assert_int_equal(cfg->iom_max_months, 24);
	assert_null(route_check_number_format(cfg->iom_number_format));

	assert_null(route_check_period(cfg, "2026-01-15", "2026-07-15"));
	msg = route_check_period(cfg, "2026-01-15", "2026-07-14");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "срок ИОМ — от 6 месяцев до 2 лет"));
	assert_non_null(strstr(msg, "меньше"));
	assert_null(route_check_period(cfg, "2026-01-15", "2028-01-15"));
	msg = route_check_period(cfg, "2026-01-15", "2028-01-16");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "срок ИОМ — от 6 месяцев до 2 лет"));
	assert_non_null(strstr(msg, "больше"));
	assert_null(route_check_period(cfg, "2026-01-15", "2027-01-15"));
	/* A day the month lacks is its last day. */
	assert_null(route_check_period(cfg, "2026-08-31", "2027-02-28"));
	assert_non_null(route_check_period(cfg, "2026-08-31", "2027-02-27"));
	assert_null(route_check_period(cfg, "2026-02-28", "2026-08-28"));
	assert_null(route_check_period(cfg, "2024-02-29", "2026-02-28"));
	assert_non_null(route_check_period(cfg, "2024-02-29", "2026-03-01"));
	/* Bad input. */
	assert_non_null(strstr(route_check_period(cfg, "2026-07-15", "2026-01-15"), "раньше"));
	assert_non_null(route_check_period(cfg, "2026-01-15", "2026-01-15"));
	assert_non_null(strstr(route_check_period(cfg, "15.01.2026", "2026-07-15"), "начала"));
	assert_non_null(strstr(route_check_period(cfg, "2026-01-15", "2026-02-30"), "окончания"));
	assert_non_null(route_check_period(cfg, NULL, "2026-07-15"));
	assert_non_null(route_check_period(cfg, "2026-01-15", ""));
	config_free(cfg);

	/* 001: three months to two years. */
	c3.iom_min_months = 3;
	c3.iom_max_months = 24;
	assert_null(route_check_period(&c3, "2026-01-15", "2026-04-15"));
	msg = route_check_period(&c3, "2026-01-15", "2026-04-14");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "от 3 месяцев до 2 лет"));
	assert_null(route_check_period(&c3, "2026-01-15", "2028-01-15"));
	assert_non_null(route_check_period(&c3, "2026-01-15", "2028-01-16"));
	assert_null(route_check_period(&c3, "2025-11-30", "2026-02-28"));
	assert_non_null(route_check_period(&c3, "2025-11-30", "2026-02-27"));

	/* Russian forms of the limits. */
	c3.iom_min_months = 1;
	c3.iom_max_months = 12;
	assert_non_null(strstr(route_check_period(&c3, "2026-01-15", "2026-01-16"),
			       "от 1 месяца до 1 года"));
	c3.iom_min_months = 21;
	c3.iom_max_months = 60;
	assert_non_null(strstr(route_check_period(&c3, "2026-01-15", "2026-01-16"),
			       "от 21 месяца до 5 лет"));
	c3.iom_min_months = 11;
	c3.iom_max_months = 132;
	assert_non_null(strstr(route_check_period(&c3, "2026-01-15", "2026-01-16"),
			       "от 11 месяцев до 11 лет"));
}

/* ---- guarded moves: each refusal with its reason ---------------------- */

/* A card ready for review: the period within the limits after the
 * development date, tasks, a roadmap covering every deficit. */
static struct route_facts ready_facts(void)
{
	struct route_facts f;

	memset(&f, 0, sizeof f);
	strcpy(f.today, "2026-12-07");
	strcpy(f.developed, "2026-11-20");
	strcpy(f.start, "2026-12-01");
	strcpy(f.end, "2027-06-30");
	f.has_tasks = true;
	f.rows = 3;
	return f;
}

/* Facts of a card ready to be completed. */
static struct route_facts done_facts(void)
{
	struct route_facts f = ready_facts();

	f.has_final_diag = true;
	strcpy(f.final_diag_date, "2026-12-07");
	return f;
}

/* Exactly one thing is missing, and its text holds `part`. */
static void expect_one(const struct config *cfg, const char *from, const char *to,
		       const struct route_facts *f, const char *part)
{
	struct route_missing m;

	assert_int_equal(route_move_check(cfg, from, to, f, &m), 1);
	if (strstr(m.what[0], part) == NULL)
		fail_msg("%s → %s: «%s» lacks «%s»", from, to, m.what[0], part);
}

static void test_guards_card(void **state)
{
	static const char *const card_moves[][2] = {
		{ "draft", "review" }, { "review", "final_form" }, { "final_form", "approved" },
	};
	struct config *cfg = config_defaults();
	struct route_missing m;
	struct route_facts f;
	char text[2048];

	(void)state;
	for (size_t i = 0; i < NITEMS(card_moves); i++) {
		const char *from = card_moves[i][0], *to = card_moves[i][1];

		f = ready_facts();
		assert_int_equal(route_move_check(cfg, from, to, &f, &m), 0);
		f.end[0] = '\0';
		expect_one(cfg, from, to, &f, "не указан срок реализации");
		f = ready_facts();
		f.start[0] = '\0';
		expect_one(cfg, from, to, &f, "не указан срок реализации");
		f = ready_facts();
		strcpy(f.end, "2027-03-01");
		expect_one(cfg, from, to, &f, "от 6 месяцев до 2 лет, а здесь меньше (01.12.2026 – 01.03.2027)");
		f = ready_facts();
		strcpy(f.end, "2029-01-01");
		expect_one(cfg, from, to, &f, "а здесь больше");
		f = ready_facts();
		strcpy(f.start, "2026-11-02");
		strcpy(f.end, "2027-06-30");
		expect_one(cfg, from, to, &f, "начало реализации (02.11.2026) раньше даты разработки ИОМ (20.11.2026)");
		f = ready_facts();
		f.has_tasks = false;
		expect_one(cfg, from, to, &f, "не сформулированы задачи");
		f = ready_facts();
		f.rows = 0;
		expect_one(cfg, from, to, &f, "дорожная карта пуста");
		f = ready_facts();
		f.uncovered_n = 2;
		strcpy(f.uncovered, "К-2, М-3");
		expect_one(cfg, from, to, &f, "нет мероприятий дорожной карты для дефицитов: К-2, М-3");
		f.uncovered_n = 1;
		strcpy(f.uncovered, "М-3");
		expect_one(cfg, from, to, &f, "для дефицита: М-3");
		/* Codes withheld from this user: how many, not which. */
		f.uncovered_n = 2;
		f.uncovered[0] = '\0';
		expect_one(cfg, from, to, &f, "для выявленных дефицитов: 2");
	}
	/* A card with nothing: every reason at once, one a line. */
	memset(&f, 0, sizeof f);
	strcpy(f.developed, "2026-11-20");
	f.uncovered_n = 1;
	strcpy(f.uncovered, "М-3");
	assert_int_equal(route_move_check(cfg, "draft", "review", &f, &m), 4);
	route_missing_text(&m, text, sizeof text);
	assert_string_equal(text, "не указан срок реализации: нужны дата начала и дата окончания\n"
			    "не сформулированы задачи ИОМ\n"
			    "дорожная карта пуста: нет ни одного мероприятия\n"
			    "нет мероприятий дорожной карты для дефицита: М-3");
	/* The final form waits for every correction proposal to be answered
	 * (§4.3.7); sending for review and approving do not ask it. */
	f = ready_facts();
	f.open_proposals = 2;
	expect_one(cfg, "review", "final_form", &f, "предложения по корректировке без ответа разработчика: 2");
	assert_int_equal(route_move_check(cfg, "draft", "review", &f, &m), 0);
	assert_int_equal(route_move_check(cfg, "final_form", "approved", &f, &m), 0);
	/* The conditions of completion are not asked before review. */
	f = ready_facts();
	f.unmarked = 3;
	f.unconfirmed = 2;
	assert_int_equal(route_move_check(cfg, "draft", "review", &f, &m), 0);
	/* Starting the work: the period and its start only. */
	f = ready_facts();
	f.rows = 0;
	f.has_tasks = false;
	assert_int_equal(route_move_check(cfg, "approved", "in_progress", &f, &m), 0);
	strcpy(f.start, "2026-11-01");
	expect_one(cfg, "approved", "in_progress", &f, "раньше даты разработки");
	/* Returning, cancelling: nothing to check. */
	memset(&f, 0, sizeof f);
	assert_int_equal(route_move_check(cfg, "review", "draft", &f, &m), 0);
	assert_int_equal(route_move_check(cfg, "draft", "cancelled", &f, &m), 0);
	assert_int_equal(route_move_check(cfg, "in_progress", "cancelled", &f, &m), 0);
	/* A move that does not exist lacks nothing here (route_move_allowed refuses it). */
	assert_int_equal(route_move_check(cfg, "draft", "completed", &f, &m), 0);
	assert_int_equal(route_move_check(cfg, "draft", "review", NULL, &m), 0);
	config_free(cfg);
}

static void test_guards_finish(void **state)
{
	static const char *const finish_moves[][2] = {
		{ "in_progress", "completed" }, { "prolonged", "completed" },
	};
	struct config *cfg = config_defaults();
	struct route_missing m;
	struct route_facts f;
	char text[2048];

	(void)state;
	for (size_t i = 0; i < NITEMS(finish_moves); i++) {
		const char *from = finish_moves[i][0], *to = finish_moves[i][1];

		f = done_facts();
		assert_int_equal(route_move_check(cfg, from, to, &f, &m), 0);
		f.has_final_diag = false;
		f.final_diag_date[0] = '\0';
		expect_one(cfg, from, to, &f, "не выбрана итоговая диагностика");
		f = done_facts();
		strcpy(f.final_diag_date, "2027-06-01");
		expect_one(cfg, from, to, &f, "итоговая диагностика датирована 01.06.2027 — позже сегодняшнего дня (07.12.2026)");
		f = done_facts();
		f.unconfirmed = 4;
		expect_one(cfg, from, to, &f, "не подтверждены изменения карты после утверждения: 4");
		f = done_facts();
		f.unmarked = 2;
		expect_one(cfg, from, to, &f, "без отметки «выполнено» или причины: 2");
		/* The card's content is not asked again at the end. */
		f = done_facts();
		f.rows = 0;
		f.has_tasks = false;
		assert_int_equal(route_move_check(cfg, from, to, &f, &m), 0);
	}
	/* The case of the issue: completed on 06.12.2026 with 4 changes
	 * unconfirmed and a final diagnostic dated 01.06.2027. */
	f = done_facts();
	strcpy(f.today, "2026-12-06");
	strcpy(f.final_diag_date, "2027-06-01");
	f.unconfirmed = 4;
	f.unmarked = 1;
	assert_int_equal(route_move_check(cfg, "in_progress", "completed", &f, &m), 3);
	route_missing_text(&m, text, sizeof text);
	assert_non_null(strstr(text, "01.06.2027"));
	assert_non_null(strstr(text, "\nне подтверждены изменения карты после утверждения: 4\n"));
	/* Prolongation: the diagnostic and the confirmations; unfinished rows
	 * go on in the continuation. */
	f = done_facts();
	f.unmarked = 5;
	assert_int_equal(route_move_check(cfg, "in_progress", "prolonged", &f, &m), 0);
	f.unconfirmed = 1;
	expect_one(cfg, "in_progress", "prolonged", &f, "не подтверждены изменения");
	f = done_facts();
	f.has_final_diag = false;
	expect_one(cfg, "in_progress", "prolonged", &f, "не выбрана итоговая диагностика");
	/* A short buffer is cut, never overrun. */
	f = done_facts();
	f.has_final_diag = false;
	f.unconfirmed = 1;
	assert_int_equal(route_move_check(cfg, "in_progress", "completed", &f, &m), 2);
	route_missing_text(&m, text, 10);
	assert_int_equal(strlen(text), 9);        /* «не вы»: whole characters */
	route_missing_text(&m, text, 9);
	assert_string_equal(text, "не в");        /* never half of «ы» */
	config_free(cfg);
}

static void test_add_months(void **state)
{
	(void)state;
	assert_int_equal(route_add_months(2026, 1, 15, 6), D(2026, 7, 15));
	assert_int_equal(route_add_months(2026, 1, 31, 1), D(2026, 2, 28));
	assert_int_equal(route_add_months(2024, 1, 31, 1), D(2024, 2, 29));
	assert_int_equal(route_add_months(2026, 8, 31, 6), D(2027, 2, 28));
	assert_int_equal(route_add_months(2026, 11, 30, 3), D(2027, 2, 28));
	assert_int_equal(route_add_months(2026, 12, 15, 1), D(2027, 1, 15));
	assert_int_equal(route_add_months(2026, 3, 31, 0), D(2026, 3, 31));
	assert_int_equal(route_add_months(2026, 3, 31, -1), D(2026, 2, 28));
}

static int cal_setup(void **state)
{
	char err[300];
	struct calendar *c = calendar_load(CAL_PATH, err, sizeof(err));

	if (c == NULL) {
		print_error("calendar_load(%s): %s\n", CAL_PATH, err);
		return -1;
	}
	*state = c;
	return 0;
}

static int cal_teardown(void **state)
{
	calendar_free(*state);
	return 0;
}

/* May 2026: 1–3 and 9–11 May are days off (Fri 1 May a holiday, Mon 11 May
 * the transfer of Sat 9 May). */
static void test_deadlines_may(void **state)
{
	const struct calendar *c = *state;
	struct config *cfg = config_defaults();

	assert_int_equal(cfg->dl_iom_develop, 10);
	assert_int_equal(cfg->dl_iom_correct, 5);
	assert_int_equal(date_weekday(D(2026, 5, 1)), 5);

	/* Diagnostic Tue 28.04: 29, 30 Apr, 4–8 May, 12, 13, 14 May. */
	assert_int_equal(route_develop_due(c, cfg, D(2026, 4, 28)), D(2026, 5, 14));
	/* Diagnostic on Sat 9 May: 12–15, 18–22, 25 May. */
	assert_int_equal(route_develop_due(c, cfg, D(2026, 5, 9)), D(2026, 5, 25));
	/* Received Thu 30.04: 4, 5, 6, 7, 8 May. */
	assert_int_equal(route_correct_due(c, cfg, D(2026, 4, 30)), D(2026, 5, 8));
	/* Received Thu 07.05: 8, 12, 13, 14, 15 May. */
	assert_int_equal(route_correct_due(c, cfg, D(2026, 5, 7)), D(2026, 5, 15));
	/* Received on the holiday 1 May: 4–8 May. */
	assert_int_equal(route_correct_due(c, cfg, D(2026, 5, 1)), D(2026, 5, 8));

	/* Overdue: due Fri 8 May. */
	assert_int_equal(route_days_overdue(c, D(2026, 5, 8), D(2026, 5, 1)), 0);
	assert_int_equal(route_days_overdue(c, D(2026, 5, 8), D(2026, 5, 8)), 0);
	assert_int_equal(route_days_overdue(c, D(2026, 5, 8), D(2026, 5, 9)), 0);
	assert_int_equal(route_days_overdue(c, D(2026, 5, 8), D(2026, 5, 11)), 0);
	assert_int_equal(route_days_overdue(c, D(2026, 5, 8), D(2026, 5, 12)), 1);
	assert_int_equal(route_days_overdue(c, D(2026, 5, 8), D(2026, 5, 15)), 4);
	assert_int_equal(route_days_overdue(c, D(2026, 5, 8), D(2026, 5, 18)), 5);
	config_free(cfg);
}

/* New Year: 31.12.2025 and 1–11 January 2026 are days off; the first
 * working day is Mon 12 January. Likewise 31.12.2026 and 1–10 January 2027. */
static void test_deadlines_new_year(void **state)
{
	const struct calendar *c = *state;
	struct config *cfg = config_defaults();
	struct config fast = { 0 };

	/* Diagnostic Fri 26.12.2025: 29, 30 Dec, 12–16, 19, 20, 21 Jan. */
	assert_int_equal(date_weekday(D(2025, 12, 26)), 5);
	assert_int_equal(route_develop_due(c, cfg, D(2025, 12, 26)), D(2026, 1, 21));
	/* Received Tue 30.12.2025: 12–16 January. */
	assert_int_equal(route_correct_due(c, cfg, D(2025, 12, 30)), D(2026, 1, 16));
	/* Due 30.12.2025: on 12 January one working day is lost. */
	assert_int_equal(route_days_overdue(c, D(2025, 12, 30), D(2026, 1, 9)), 0);
	assert_int_equal(route_days_overdue(c, D(2025, 12, 30), D(2026, 1, 12)), 1);
	assert_int_equal(route_days_overdue(c, D(2025, 12, 30), D(2026, 1, 19)), 6);

	/* Diagnostic Fri 25.12.2026: 28, 29, 30 Dec, 11–15, 18, 19 Jan 2027. */
	assert_int_equal(route_develop_due(c, cfg, D(2026, 12, 25)), D(2027, 1, 19));
	/* Received Wed 30.12.2026: 11–15 January 2027. */
	assert_int_equal(route_correct_due(c, cfg, D(2026, 12, 30)), D(2027, 1, 15));

	/* Deadlines follow the configuration. */
	fast.dl_iom_develop = 1;
	fast.dl_iom_correct = 2;
	assert_int_equal(route_develop_due(c, &fast, D(2025, 12, 30)), D(2026, 1, 12));
	assert_int_equal(route_correct_due(c, &fast, D(2025, 12, 30)), D(2026, 1, 13));
	config_free(cfg);
}

static void test_archive(void **state)
{
	(void)state;
	assert_int_equal(ROUTE_KEEP_MONTHS, 12);
	assert_false(route_archive_due("2026-03-10", "2026-03-10", ROUTE_KEEP_MONTHS));
	assert_false(route_archive_due("2026-03-10", "2027-03-09", ROUTE_KEEP_MONTHS));
	assert_true(route_archive_due("2026-03-10", "2027-03-10", ROUTE_KEEP_MONTHS));
	assert_true(route_archive_due("2026-03-10", "2028-01-01", ROUTE_KEEP_MONTHS));
	assert_false(route_archive_due("2024-02-29", "2025-02-27", 12));
	assert_true(route_archive_due("2024-02-29", "2025-02-28", 12));
	assert_false(route_archive_due("2026-03-10", "2026-09-09", 6));
	assert_true(route_archive_due("2026-03-10", "2026-09-10", 6));
	assert_true(route_archive_due("2026-03-10", "2026-03-10", 0));
	assert_false(route_archive_due("2026-03-10", "2030-01-01", -1));
	assert_false(route_archive_due("", "2030-01-01", 12));
	assert_false(route_archive_due(NULL, "2030-01-01", 12));
	assert_false(route_archive_due("2026-03-10", "10.03.2030", 12));
	assert_false(route_archive_due("2026-02-30", "2030-01-01", 12));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_moves_every_role),
		cmocka_unit_test(test_moves_table_complete),
		cmocka_unit_test(test_moves_reasons),
		cmocka_unit_test(test_moves_role_union),
		cmocka_unit_test(test_moves_from),
		cmocka_unit_test(test_confirmation),
		cmocka_unit_test(test_curator_rule),
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_guards_card),
		cmocka_unit_test(test_guards_finish),
		cmocka_unit_test_setup_teardown(test_deadlines_may, cal_setup, cal_teardown),
		cmocka_unit_test_setup_teardown(test_deadlines_new_year, cal_setup, cal_teardown),
		cmocka_unit_test(test_archive),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
