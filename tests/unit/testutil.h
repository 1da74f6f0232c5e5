/* Shared by the cmocka unit tests. */
#ifndef MARSHRUT_TESTUTIL_H
#define MARSHRUT_TESTUTIL_H

#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* Tests measure text in columns: a UTF-8 character type, as main() ensures. */
static inline void test_locale(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
}

/* Remove a database file with its WAL and shared-memory companions. */
static inline void test_remove_db(const char *path)
{
	char buf[300];

	if (path == NULL || path[0] == '\0')
		return;
	unlink(path);
	snprintf(buf, sizeof buf, "%s-wal", path);
	unlink(buf);
	snprintf(buf, sizeof buf, "%s-shm", path);
	unlink(buf);
}

/* Directory of the repository's conf/ (tests run from the top level). */
#define TEST_CONF_DIR "conf"

#endif
