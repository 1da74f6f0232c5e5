/* The forced command's parser (no shell: quotes, what a shell would act on,
 * control characters), the list of verbs it lets through, the note that
 * names the command for fetching a file, and standard input spooled into a
 * private file under its cap. Through the real sshd: tests/term/ssh_files.sh. */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "config.h"
#include "sshcmd.h"
#include "util.h"

/* Split line; the words joined by '|' into out, or NULL when refused. */
static const char *split(const char *line, char *out, size_t outsz)
{
	int argc;
	char **argv;
	const char *why = sshcmd_split(line, &argc, &argv);

	out[0] = '\0';
	if (why)
		return why;
	for (int i = 0; i < argc; i++)
		snprintf(out + strlen(out), outsz - strlen(out), "%s%s", i ? "|" : "", argv[i]);
	assert_null(argv[argc]);
	sshcmd_free(argc, argv);
	return NULL;
}

static void test_words_and_quotes(void **state)
{
	char w[512];

	(void)state;
	assert_null(split("report indicators --format xlsx -o -", w, sizeof w));
	assert_string_equal(w, "report|indicators|--format|xlsx|-o|-");
	/* Tabs and runs of blanks separate; leading and trailing ones vanish. */
	assert_null(split(" \treport\t\tlist  ", w, sizeof w));
	assert_string_equal(w, "report|list");
	/* Quotes keep a word with spaces whole, and join with what touches them. */
	assert_null(split("export card 12 -o 'карта Петровой.html'", w, sizeof w));
	assert_string_equal(w, "export|card|12|-o|карта Петровой.html");
	assert_null(split("report x --scope \"mun:Тобольский район\"", w, sizeof w));
	assert_string_equal(w, "report|x|--scope|mun:Тобольский район");
	assert_null(split("a'b c'\"d e\"f", w, sizeof w));
	assert_string_equal(w, "ab cd ef");
	/* Inside quotes the signs are literal; an empty pair is an empty word. */
	assert_null(split("report 'a;b|c&d$e`f' \"g;h\" ''", w, sizeof w));
	assert_string_equal(w, "report|a;b|c&d$e`f|g;h|");
	assert_null(split("import persons - --delimiter=';'", w, sizeof w));
	assert_string_equal(w, "import|persons|-|--delimiter=;");
}

static void test_refused_syntax(void **state)
{
	static const char *const bad[] = {
		"report list; id", "report list | cat", "report list && id", "report list &",
		"report `id`", "report $(id)", "report $HOME", "report list > /tmp/x",
		"import persons - < /etc/passwd", "report (x)", "report a\\ b", "report *",
		"report x?", "report ~/x", "report x # comment", "report {a,b}", "report [ab]",
		"report !x", "report 'unclosed", "report \"unclosed",
		"report \"$HOME\"", "report \"`id`\"", "report \"a\\\"b\"",
		"report list\nid", "report list\rid", "report \x1b[2J", "report 'a\x01b'",
		"report '\x7f'", "report \xc2\x85", "report \xff\xfe", "report \xe2\x80\xae",
		"report 'a\tb'",
	};
	char w[512];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *why = split(bad[i], w, sizeof w);
		if (why == NULL)
			fail_msg("accepted: %s", bad[i]);
		assert_true(strlen(why) > 10);
	}
	/* Too long, too many words. */
	{
		char *big = malloc(5000);
		memset(big, 'a', 4999);
		big[4999] = '\0';
		assert_non_null(split(big, w, sizeof w));
		for (int i = 0; i < 4999; i++)
			big[i] = i % 2 ? ' ' : 'a';
		big[200] = '\0';
		assert_non_null(split(big, w, sizeof w));
		free(big);
	}
	assert_non_null(strstr(split("report list; id", w, sizeof w), "«;»"));
	assert_non_null(strstr(split("report 'x", w, sizeof w), "кавычка"));
}

/* Check line as sshcmd_run does: NULL when allowed. */
static const char *check(const char *line)
{
	int argc;
	char **argv;
	const char *why = sshcmd_split(line, &argc, &argv);

	if (why)
		return why;
	why = sshcmd_check(argc, argv);
	sshcmd_free(argc, argv);
	return why;
}

static void test_verbs(void **state)
{
	static const char *const ok[] = {
		"report list", "report indicators --year 2024 --format xlsx -o -",
		"report table3 --scope mun:01 --format=csv -o -", "export card ИОМ-2026-000001 -o -",
		"export card 12 --format txt", "export plan OO001 --year 2026 --format html -o -",
		"analytics --group region --by position",
		"analytics", "route list", "import persons -", "import orgs - --dry-run --skip-bad",
		"import persons --encoding cp1251 --delimiter ';' -",
		"import courses - --encoding=utf-8",
	};
	static const char *const refused[] = {
		"sh -c id", "sh", "bash -i", "backup x", "backup /tmp/copy.db", "user add x --name y --role admin",
		"user list", "init", "init --demo", "check", "scp -t .", "internal-sftp", "/usr/lib/openssh/sftp-server",
		"-c /tmp/evil.conf report list", "--db /tmp/x.db route list", "--as admin route list",
		"report list --as admin", "report list --db=/tmp/x", "export card 1 -c x",
		"--help", "-h", "--version", "export", "export person 1", "route", "route list x",
		"route add", "import", "import persons", "import persons /etc/passwd",
		"import persons - /etc/passwd", "import secrets -",
		"import persons --encoding -", "REPORT list", "help",
	};

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		const char *why = check(ok[i]);
		if (why)
			fail_msg("refused «%s»: %s", ok[i], why);
	}
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		if (check(refused[i]) == NULL)
			fail_msg("allowed: %s", refused[i]);
	assert_non_null(strstr(check("backup x"), "report"));
	assert_non_null(strstr(check("--db x route list"), "--db"));
	assert_non_null(strstr(check("import persons /etc/passwd"), "стандартного ввода"));
}

static void test_pending(void **state)
{
	(void)state;
	unsetenv("SSH_ORIGINAL_COMMAND");
	sshcmd_capture();
	assert_false(sshcmd_pending());
	/* Empty or blank: the interface, as for a login with no command. */
	setenv("SSH_ORIGINAL_COMMAND", " \t ", 1);
	sshcmd_capture();
	assert_false(sshcmd_pending());
	setenv("SSH_ORIGINAL_COMMAND", "route list", 1);
	sshcmd_capture();
	/* Kept across the environment's cleaning. */
	unsetenv("SSH_ORIGINAL_COMMAND");
	assert_true(sshcmd_pending());
	unsetenv("SSH_ORIGINAL_COMMAND");
	sshcmd_capture();
}

static void test_fetch_note(void **state)
{
	static const char *const args[] = { "report", "indicators", "--year", "2024", "--scope",
					     "mun:Тобольский район", "--format", "xlsx" };
	struct config *cfg = config_defaults();
	const char *host;
	char *note;
	int port;

	(void)state;
	unsetenv("SSH_CONNECTION");
	sshcmd_capture();
	/* Not over SSH: nothing to fetch from afar. */
	assert_null(sshcmd_fetch_note(cfg, "petrova", "/home/petrova/x.xlsx", args, 8, "x.xlsx"));
	setenv("SSH_CONNECTION", "10.1.2.3 50000 192.0.2.7 22", 1);
	sshcmd_capture();
	host = sshcmd_server(cfg, &port);
	assert_string_equal(host, "192.0.2.7");
	assert_int_equal(port, 0);
	note = sshcmd_fetch_note(cfg, "petrova", "/home/petrova/x.xlsx", args, 8, "показатели.xlsx");
	assert_non_null(note);
	assert_non_null(strstr(note, "/home/petrova/x.xlsx"));
	assert_non_null(strstr(note, "ssh -T petrova@192.0.2.7 report indicators --year 2024 --scope "
				     "\"'mun:Тобольский район'\" --format xlsx -o - > показатели.xlsx"));
	free(note);
	/* Another port, and the configured name the users know. */
	setenv("SSH_CONNECTION", "10.1.2.3 50000 192.0.2.7 2222", 1);
	sshcmd_capture();
	note = sshcmd_fetch_note(cfg, "petrova", "/x", args, 2, "a.txt");
	assert_non_null(strstr(note, "ssh -T -p 2222 petrova@192.0.2.7 report indicators -o - > a.txt"));
	free(note);
	free(cfg->ssh_host);
	cfg->ssh_host = strdup("marshrut.example.ru");
	cfg->ssh_port = 22022;
	note = sshcmd_fetch_note(cfg, "petrova", "/x", args, 2, "a.txt");
	assert_non_null(strstr(note, "ssh -T -p 22022 petrova@marshrut.example.ru report"));
	free(note);
	/* The import screen's way in: the same client command, the kind's word. */
	note = sshcmd_upload_note(cfg, "petrova", "persons");
	assert_non_null(note);
	assert_non_null(strstr(note, "ssh -T -p 22022 petrova@marshrut.example.ru import persons - < файл.csv"));
	free(note);
	assert_null(sshcmd_upload_note(cfg, "petrova", "a b"));
	/* A local name the client's shell would act on: no command rather
	 * than a wrong one; the same for password mode. */
	assert_null(sshcmd_fetch_note(cfg, "petrova", "/x", args, 2, "a b.txt"));
	assert_null(sshcmd_fetch_note(cfg, "petrova", "/x", args, 2, "a&b.txt"));
	cfg->auth = AUTH_PASSWORD;
	assert_null(sshcmd_fetch_note(cfg, "petrova", "/x", args, 2, "a.txt"));
	assert_null(sshcmd_upload_note(cfg, "petrova", "persons"));
	config_free(cfg);
	unsetenv("SSH_CONNECTION");
	sshcmd_capture();
}

/* Standard input from a file of size bytes (sparse: zeros, then text). */
static void stdin_from(const char *path, const char *text, off_t size)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	if (size > (off_t)strlen(text))
		assert_int_equal(ftruncate(fd, size), 0);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
}

static void test_spool_stdin(void **state)
{
	char in[] = "/tmp/marshrut-test-stdin-XXXXXX", path[512], err[300], *buf;
	struct stat st;
	size_t len;
	int fd = mkstemp(in);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unsetenv("TMPDIR");
	stdin_from(in, "Фамилия;Имя\nПетрова;Ольга\n", 0);
	assert_int_equal(sshcmd_spool_stdin(path, sizeof path, err, sizeof err), 0);
	assert_int_equal(strncmp(path, "/tmp/marshrut-import-", 21), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_uid, getuid());
	buf = read_file(path, 1000, &len);
	assert_non_null(buf);
	assert_string_equal(buf, "Фамилия;Имя\nПетрова;Ольга\n");
	free(buf);
	unlink(path);
	/* The cap exactly is taken; one byte more is refused, with no file left. */
	stdin_from(in, "x", SSHCMD_STDIN_MAX);
	assert_int_equal(sshcmd_spool_stdin(path, sizeof path, err, sizeof err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, SSHCMD_STDIN_MAX);
	unlink(path);
	stdin_from(in, "x", SSHCMD_STDIN_MAX + 1);
	assert_int_equal(sshcmd_spool_stdin(path, sizeof path, err, sizeof err), -1);
	assert_non_null(strstr(err, "больше 64 МБ"));
	assert_string_equal(path, "");
	unlink(in);
}

/* ssh_host and ssh_port in the configuration: a name the client's shell
 * takes as it is, a port in range. */
static void test_config_host(void **state)
{
	static const struct { const char *text; bool ok; } cases[] = {
		{ "ssh_host = \"marshrut.example.ru\"\nssh_port = 2222\n", true },
		{ "ssh_host = \"10.0.0.7\"\n", true },
		{ "ssh_host = \"a b\"\n", false },
		{ "ssh_host = \"srv;id\"\n", false },
		{ "ssh_host = \"$(id)\"\n", false },
		{ "ssh_port = 70000\n", false },
		{ "ssh_port = -1\n", false },
	};
	char path[] = "/tmp/marshrut-test-conf-XXXXXX", err[300];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int fd = mkstemp(path);
		struct config *c;
		assert_true(fd >= 0);
		assert_int_equal(write(fd, cases[i].text, strlen(cases[i].text)), (ssize_t)strlen(cases[i].text));
		close(fd);
		c = config_load(path, err, sizeof err);
		unlink(path);
		strcpy(path, "/tmp/marshrut-test-conf-XXXXXX");
		if (cases[i].ok != (c != NULL))
			fail_msg("%s: %s", cases[i].text, c ? "accepted" : err);
		if (!cases[i].ok)
			assert_non_null(strstr(err, "ssh_"));
		config_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_quotes),
		cmocka_unit_test(test_refused_syntax),
		cmocka_unit_test(test_verbs),
		cmocka_unit_test(test_pending),
		cmocka_unit_test(test_fetch_note),
		cmocka_unit_test(test_spool_stdin),
		cmocka_unit_test(test_config_host),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
