/* Unit tests for src/config.c and src/conftext.c: defaults, the shipped
 * conf/marshrut.conf, relative paths, and "FILE:LINE: what is wrong" for
 * every kind of mistake, with comments that must not shift the lines. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "config.h"
#include "util.h"

#define SHIPPED TEST_CONF_DIR "/marshrut.conf"

/* A fresh folder for the files of one test program. */
static char tmpdir[64];

static int make_tmpdir(void **state)
{
	(void)state;
	strlcpy0(tmpdir, "/tmp/test_config_XXXXXX", sizeof tmpdir);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

/* Writes text to tmpdir/name; path receives the full name. */
static void write_file(const char *name, const char *text, char *path, size_t pathsz)
{
	FILE *f;

	snprintf(path, pathsz, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Loads text as a file; returns the configuration (NULL on refusal) with
 * the message in err. The file is removed again. */
static struct config *load_text(const char *name, const char *text, char *path, size_t pathsz,
				char *err, int errsz)
{
	struct config *c;

	write_file(name, text, path, pathsz);
	err[0] = '\0';
	c = config_load(path, err, errsz);
	unlink(path);
	return c;
}

/* The text must be refused with a message that begins "PATH:LINE: " and
 * contains needle (when not NULL). */
static void expect_error_at(const char *name, const char *text, int line, const char *needle)
{
	char path[128], err[512], want[160];
	struct config *c = load_text(name, text, path, sizeof path, err, sizeof err);

	if (c != NULL) {
		config_free(c);
		fail_msg("%s: accepted a bad configuration:\n%s", name, text);
	}
	snprintf(want, sizeof want, "%s:%d: ", path, line);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("%s: message «%s» does not begin with «%s»", name, err, want);
	if (needle && strstr(err, needle) == NULL)
		fail_msg("%s: message «%s» lacks «%s»", name, err, needle);
}

/* A value quoted in a message cannot reach the terminal as an escape
 * sequence: every control is U+FFFD in the text printed. */
static void test_error_quotes_harmlessly(void **state)
{
	char path[128], err[512];
	struct config *c;

	(void)state;
	c = load_text("escape.conf", "auth = \"\033]0;X\007\"\n", path, sizeof path, err, sizeof err);
	assert_null(c);
	assert_non_null(strstr(err, "auth"));
	assert_null(strchr(err, '\033'));
	assert_null(strchr(err, '\007'));
	assert_non_null(strstr(err, "\xef\xbf\xbd]0;X\xef\xbf\xbd"));
}

static void test_defaults(void **state)
{
	char err[256] = "";
	struct config *c;

	(void)state;
	c = config_load(NULL, err, sizeof err);
	assert_non_null(c);
	assert_string_equal(err, "");
	assert_null(c->path);
	assert_int_equal(c->deficit_high_below, 50);
	assert_int_equal(c->deficit_medium_below, 80);
	assert_int_equal(c->min_group_size, 5);
	assert_true(c->color);
	assert_int_equal(c->auth, AUTH_UNIX);
	assert_int_equal(c->name_chars, 100);
	assert_int_equal(c->text_chars, 2000);
	assert_int_equal(c->dl_application_contact, 3);
	assert_int_equal(c->dl_results, 10);
	assert_int_equal(c->dl_results_ordered, 15);
	assert_int_equal(c->dl_iom_develop, 10);
	assert_int_equal(c->dl_iom_correct, 5);
	assert_int_equal(c->iom_min_months, 6);
	assert_int_equal(c->iom_max_months, 24);
	assert_string_equal(c->iom_number_format, "ИОМ-%Y-%06N");
	assert_string_equal(c->database, "/var/lib/marshrut/marshrut.db");
	/* DATADIR "/calendar.conf": the folder is set when the core is built. */
	assert_non_null(c->calendar);
	assert_true(c->calendar[0] == '/');
	assert_true(strlen(c->calendar) > strlen("/calendar.conf"));
	assert_string_equal(c->calendar + strlen(c->calendar) - strlen("/calendar.conf"),
			    "/calendar.conf");
	config_free(c);
}

static void test_defaults_function(void **state)
{
	struct config *a, *b;
	char err[256];

	(void)state;
	a = config_defaults();
	b = config_load(NULL, err, sizeof err);
	assert_non_null(a);
	assert_non_null(b);
	assert_null(a->path);
	assert_int_equal(a->deficit_high_below, b->deficit_high_below);
	assert_int_equal(a->deficit_medium_below, b->deficit_medium_below);
	assert_int_equal(a->min_group_size, b->min_group_size);
	assert_int_equal(a->auth, b->auth);
	assert_int_equal(a->name_chars, b->name_chars);
	assert_int_equal(a->text_chars, b->text_chars);
	assert_int_equal(a->iom_min_months, b->iom_min_months);
	assert_int_equal(a->iom_max_months, b->iom_max_months);
	assert_string_equal(a->calendar, b->calendar);
	config_free(a);
	config_free(b);
	config_free(NULL);	/* harmless */
}

static void test_shipped(void **state)
{
	char err[512] = "";
	struct config *c;
	size_t n, tail = strlen("conf/calendar.conf");

	(void)state;
	c = config_load(SHIPPED, err, sizeof err);
	if (c == NULL)
		fail_msg("%s refused: %s", SHIPPED, err);
	assert_string_equal(c->path, SHIPPED);
	/* The values written in the file are the defaults. */
	assert_int_equal(c->auth, AUTH_UNIX);
	assert_true(c->color);
	assert_int_equal(c->min_group_size, 5);
	assert_int_equal(c->deficit_high_below, 50);
	assert_int_equal(c->deficit_medium_below, 80);
	assert_int_equal(c->iom_min_months, 6);
	assert_int_equal(c->iom_max_months, 24);
	assert_string_equal(c->iom_number_format, "ИОМ-%Y-%06N");
	assert_int_equal(c->dl_application_contact, 3);
	assert_int_equal(c->dl_results, 10);
	assert_int_equal(c->dl_results_ordered, 15);
	assert_int_equal(c->dl_iom_develop, 10);
	assert_int_equal(c->dl_iom_correct, 5);
	assert_int_equal(c->name_chars, 100);
	assert_int_equal(c->text_chars, 2000);
	/* An absolute path stays as written. */
	assert_string_equal(c->database, "/var/lib/marshrut/marshrut.db");
	/* "calendar.conf" is relative to the folder of the file. */
	n = strlen(c->calendar);
	assert_true(n >= tail);
	assert_string_equal(c->calendar + n - tail, "conf/calendar.conf");
	assert_int_equal(access(c->calendar, R_OK), 0);
	config_free(c);
}

static void test_shipped_absolute(void **state)
{
	char err[512] = "", abs[PATH_MAX], want[PATH_MAX + 32];
	struct config *c;

	(void)state;
	assert_non_null(realpath(SHIPPED, abs));
	c = config_load(abs, err, sizeof err);
	if (c == NULL)
		fail_msg("%s refused: %s", abs, err);
	assert_non_null(realpath(TEST_CONF_DIR, want));
	strcat(want, "/calendar.conf");
	assert_string_equal(c->calendar, want);
	config_free(c);
}

static void test_values_and_paths(void **state)
{
	char path[128], err[512], want[160];
	struct config *c;

	(void)state;
	c = load_text("values.conf",
		      "database = \"data/m.db\"\n"
		      "auth = \"password\"\n"
		      "calendar = \"/srv/cal.conf\"\n"
		      "color = false\n"
		      "school_sees_results = false\n"
		      "min_group_size = 3\n"
		      "deficit { high_below = 40 medium_below = 70 }\n"
		      "iom { min_months = 3 max_months = 3 number_format = \"N-%N\" }\n"
		      "deadlines { application_contact = 1 results = 2 results_ordered = 4 iom_develop = 7 iom_correct = 9 }\n"
		      "limits { name_chars = 60 text_chars = 500 }\n",
		      path, sizeof path, err, sizeof err);
	if (c == NULL)
		fail_msg("refused: %s", err);
	snprintf(want, sizeof want, "%s/data/m.db", tmpdir);
	assert_string_equal(c->database, want);
	assert_string_equal(c->calendar, "/srv/cal.conf");
	assert_int_equal(c->auth, AUTH_PASSWORD);
	assert_false(c->color);
	assert_int_equal(c->min_group_size, 3);
	assert_int_equal(c->deficit_high_below, 40);
	assert_int_equal(c->deficit_medium_below, 70);
	assert_int_equal(c->iom_min_months, 3);	/* equal bounds are fine */
	assert_int_equal(c->iom_max_months, 3);
	assert_string_equal(c->iom_number_format, "N-%N");
	assert_int_equal(c->dl_application_contact, 1);
	assert_int_equal(c->dl_results, 2);
	assert_int_equal(c->dl_results_ordered, 4);
	assert_int_equal(c->dl_iom_develop, 7);
	assert_int_equal(c->dl_iom_correct, 9);
	assert_int_equal(c->name_chars, 60);
	assert_int_equal(c->text_chars, 500);
	config_free(c);

	/* A relative calendar in a file of tmpdir; unset options keep defaults. */
	c = load_text("relcal.conf", "calendar = \"cal/x.conf\"\n", path, sizeof path, err,
		      sizeof err);
	if (c == NULL)
		fail_msg("refused: %s", err);
	snprintf(want, sizeof want, "%s/cal/x.conf", tmpdir);
	assert_string_equal(c->calendar, want);
	assert_int_equal(c->deficit_high_below, 50);
	assert_int_equal(c->text_chars, 2000);
	config_free(c);

	/* An empty file is all defaults. */
	c = load_text("empty.conf", "", path, sizeof path, err, sizeof err);
	if (c == NULL)
		fail_msg("refused: %s", err);
	assert_int_equal(c->min_group_size, 5);
	assert_int_equal(c->auth, AUTH_UNIX);
	config_free(c);
}

static void test_error_syntax(void **state)
{
	(void)state;
	expect_error_at("syntax.conf",
			"database = \"x.db\"\n"
			"auth = \"unix\"\n"
			"color = {\n",
			3, NULL);
}

static void test_error_unknown_option(void **state)
{
	(void)state;
	expect_error_at("unknown.conf", "color = true\nfoo = 1\n", 2, "foo");
}

static void test_error_auth(void **state)
{
	(void)state;
	expect_error_at("auth.conf", "\n\nauth = \"ldap\"\n", 3, "auth");
	expect_error_at("auth2.conf", "auth = \"ldap\"\n", 1, "ldap");
}

static void test_error_deficit_order(void **state)
{
	(void)state;
	expect_error_at("deficit.conf",
			"color = true\n"
			"deficit { high_below = 80 medium_below = 50 }\n",
			2, "high_below");
	/* Equal thresholds leave no medium level: refused too. */
	expect_error_at("deficit_eq.conf", "deficit { high_below = 60 medium_below = 60 }\n", 1,
			"medium_below");
}

static void test_error_percent(void **state)
{
	(void)state;
	expect_error_at("percent.conf",
			"deficit {\n"
			"  high_below = 150\n"
			"}\n",
			2, "150");
	expect_error_at("percent0.conf", "\ndeficit { medium_below = 0 }\n", 2, "medium_below");
}

static void test_error_min_group_size(void **state)
{
	(void)state;
	expect_error_at("group.conf", "color = true\nauth = \"unix\"\nmin_group_size = 0\n", 3,
			"min_group_size");
	expect_error_at("group_neg.conf", "min_group_size = -5\n", 1, "min_group_size");
	expect_error_at("limits.conf", "limits {\n  name_chars = 100\n  text_chars = 0\n}\n", 3,
			"text_chars");
}

/* min_months above max_months: refused, naming the file and both options. */
static void test_error_iom_range(void **state)
{
	char path[128], err[512];
	struct config *c;

	(void)state;
	c = load_text("iom.conf", "# ИОМ\niom { min_months = 30 max_months = 24 }\n", path,
		      sizeof path, err, sizeof err);
	assert_null(c);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "min_months"));
	assert_non_null(strstr(err, "max_months"));
	assert_non_null(strstr(err, "30"));
	assert_non_null(strstr(err, "24"));
}

/* config.h promises "FILE:LINE: what is wrong" for every refusal; the
 * min/max check of iom must say where the section is too. */
static void test_error_iom_range_line(void **state)
{
	(void)state;
	expect_error_at("iom_line.conf", "# ИОМ\niom { min_months = 30 max_months = 24 }\n", 2,
			"min_months");
}

/* libconfuse counts comment lines twice on its own; conftext removes them
 * first, so the lines reported are the lines of the file. */
static void test_comments_keep_lines(void **state)
{
	(void)state;
	expect_error_at("comments1.conf",
			"# first comment\n"
			"# second comment\n"
			"\n"
			"# third comment with \"quotes\" and { braces\n"
			"color = true   # trailing comment\n"
			"// a C++ comment\n"
			"/* a C comment\n"
			"   over two lines */\n"
			"min_group_size = 0\n",
			9, "min_group_size");
	/* Comments inside a section. */
	expect_error_at("comments2.conf",
			"# header\n"
			"# more header\n"
			"deadlines {\n"
			"\t# inside the section\n"
			"\t# and again\n"
			"\tresults = 10   # trailing\n"
			"\t# once more\n"
			"\tiom_develop = 0\n"
			"}\n",
			8, "iom_develop");
	expect_error_at("comments3.conf",
			"# 1\n# 2\n# 3\n# 4\n# 5\n"
			"limits {\n"
			"  # 7\n"
			"  name_chars = 100 # 8\n"
			"  # 9\n"
			"  bogus = 1\n"
			"}\n",
			10, "bogus");
	expect_error_at("comments4.conf",
			"# a comment\n"
			"deficit {\n"
			"  # comment\n"
			"  high_below = 50\n"
			"  # comment\n"
			"  medium_below = 101\n"
			"}\n",
			6, "101");
}

static void test_comment_chars_in_strings(void **state)
{
	char path[128], err[512];
	struct config *c;

	(void)state;
	/* '#' and '//' inside a quoted value are not comments. */
	c = load_text("hash.conf",
		      "# comment\n"
		      "iom {\n"
		      "  number_format = \"ИОМ #%N // \\\"x\\\"\"  # real comment\n"
		      "}\n"
		      "database = \"/srv/a#b.db\"\n",
		      path, sizeof path, err, sizeof err);
	if (c == NULL)
		fail_msg("refused: %s", err);
	assert_string_equal(c->iom_number_format, "ИОМ #%N // \"x\"");
	assert_string_equal(c->database, "/srv/a#b.db");
	config_free(c);
}

static void test_unterminated_comment(void **state)
{
	(void)state;
	expect_error_at("unterminated.conf", "color = true\n\n/* no end\ncolor = false\n", 3,
			"комментарий");
}

static void test_missing_file(void **state)
{
	char path[128], err[512] = "";
	struct config *c;

	(void)state;
	snprintf(path, sizeof path, "%s/no-such.conf", tmpdir);
	c = config_load(path, err, sizeof err);
	assert_null(c);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "не удаётся открыть"));
}

static void test_small_error_buffer(void **state)
{
	char path[128], err[16];
	struct config *c;

	(void)state;
	memset(err, 'x', sizeof err);
	c = load_text("small.conf", "min_group_size = 0\n", path, sizeof path, err, sizeof err);
	assert_null(c);
	/* Cut, but terminated within the buffer. */
	assert_non_null(memchr(err, '\0', sizeof err));
	assert_int_equal(strncmp(err, path, strlen(err)), 0);
}

/* The ИОМ number format is checked by route.c's rule, with its line. */
static void test_error_number_format(void **state)
{
	char path[64], err[512];
	FILE *f;
	struct config *c;

	(void)state;
	snprintf(path, sizeof path, "/tmp/marshrut-numfmt-%d.conf", (int)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# номер\niom {\n  number_format = \"ИОМ-%Y\"\n}\n", f);
	fclose(f);
	c = config_load(path, err, sizeof err);
	assert_null(c);
	assert_non_null(strstr(err, "number_format"));
	assert_non_null(strstr(err, path));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_number_format),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_error_quotes_harmlessly),
		cmocka_unit_test(test_defaults_function),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_shipped_absolute),
		cmocka_unit_test(test_values_and_paths),
		cmocka_unit_test(test_error_syntax),
		cmocka_unit_test(test_error_unknown_option),
		cmocka_unit_test(test_error_auth),
		cmocka_unit_test(test_error_deficit_order),
		cmocka_unit_test(test_error_percent),
		cmocka_unit_test(test_error_min_group_size),
		cmocka_unit_test(test_error_iom_range),
		cmocka_unit_test(test_error_iom_range_line),
		cmocka_unit_test(test_comments_keep_lines),
		cmocka_unit_test(test_comment_chars_in_strings),
		cmocka_unit_test(test_unterminated_comment),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_small_error_buffer),
	};

	test_locale();
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
