/* What the program keeps of its caller: the environment it trusts and the
 * files it writes for the user. (The setgid install itself is proved over
 * SSH in tests/term/ssh.sh.) */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pwd.h>

#include "testutil.h"
#include "secure.h"

static void test_environment(void **state)
{
	struct passwd *pw = getpwuid(getuid());

	(void)state;
	setenv("TERM", "xterm", 1);
	setenv("LC_TIME", "ru_RU.UTF-8", 1);
	setenv("ESCDELAY", "100", 1);
	setenv("LD_PRELOAD", "/tmp/evil.so", 1);
	setenv("TERMINFO", "/tmp/evil-terminfo", 1);
	setenv("HOME", "/tmp/not-my-home", 1);
	setenv("PATH", "/tmp/evil:/usr/bin", 1);
	setenv("SQLITE_TMPDIR", "/tmp/evil", 1);
	secure_start();
	assert_string_equal(getenv("TERM"), "xterm");
	assert_string_equal(getenv("LC_TIME"), "ru_RU.UTF-8");
	assert_string_equal(getenv("ESCDELAY"), "100");
	assert_null(getenv("LD_PRELOAD"));
	assert_null(getenv("TERMINFO"));
	assert_null(getenv("SQLITE_TMPDIR"));
	assert_string_equal(getenv("PATH"), "/usr/bin:/bin");
	/* Not setgid: the caller's HOME stays (setgid takes the password
	 * database's, proved in ssh.sh). */
	assert_non_null(pw);
	assert_string_equal(getenv("HOME"), "/tmp/not-my-home");
	assert_string_equal(secure_home(), "/tmp/not-my-home");
	/* Not installed setgid here: files may be chosen. */
	assert_false(secure_setgid());
	assert_true(secure_may_choose_files());
}

static void test_write_new(void **state)
{
	char dir[64], path[96], link[96], err[256];
	struct stat st;
	size_t len;
	char *back;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/marshrut-secure-%d", (int)getpid());
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/отчёт.csv", dir);
	snprintf(link, sizeof link, "%s/link.csv", dir);
	assert_int_equal(secure_write_new(path, "a;b\n", 4, err, sizeof err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_gid, getgid());
	back = secure_read_user_file(path, 100, &len);
	assert_non_null(back);
	assert_int_equal(len, 4);
	free(back);
	/* Never over an existing file, and it stays as it was. */
	assert_int_equal(secure_write_new(path, "xx", 2, err, sizeof err), -1);
	assert_non_null(strstr(err, "файл уже существует"));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 4);
	/* Never through a symbolic link. */
	assert_int_equal(symlink("/tmp/marshrut-secure-target", link), 0);
	assert_int_equal(secure_write_new(link, "xx", 2, err, sizeof err), -1);
	assert_int_equal(access("/tmp/marshrut-secure-target", F_OK), -1);
	unlink(link);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_write_new),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
