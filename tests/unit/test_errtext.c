/* Unit tests for src/errtext.c: errno values and SQLite codes in Russian. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "errtext.h"

/* No Latin letter at all: the user sees no English word. */
static int no_latin(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			return 0;
	return 1;
}

static void test_errno_known(void **state)
{
	static const int common[] = {
		ENOENT, EACCES, EPERM, ENOSPC, EROFS, EISDIR, ENOTDIR, EEXIST, ELOOP,
		ENAMETOOLONG, EMFILE, ENFILE, EIO, EFBIG, EDQUOT, ENOMEM, EILSEQ, EPIPE,
		ETXTBSY, EBUSY, EINVAL, EAGAIN, ENOTEMPTY, EXDEV,
	};
	size_t i;
	(void)state;

	assert_string_equal(errtext_errno(ENOENT), "нет такого файла или каталога");
	assert_string_equal(errtext_errno(EACCES), "нет прав доступа");
	assert_string_equal(errtext_errno(ENOSPC), "нет места на диске");
	for (i = 0; i < sizeof common / sizeof common[0]; i++) {
		const char *t = errtext_errno(common[i]);
		assert_non_null(t);
		assert_true(no_latin(t));
		/* A value the table knows is named, not numbered. */
		assert_null(strstr(t, "системная ошибка"));
	}
}

static void test_errno_unknown(void **state)
{
	(void)state;
	assert_string_equal(errtext_errno(0x7654), "системная ошибка 30292");
	assert_string_equal(errtext_errno(-5), "системная ошибка -5");
}

static void test_sqlite_codes(void **state)
{
	static const int common[] = {
		SQLITE_ERROR, SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM,
		SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN,
		SQLITE_CONSTRAINT, SQLITE_NOTADB, SQLITE_TOOBIG, SQLITE_AUTH,
		SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_NOTNULL, SQLITE_CONSTRAINT_FOREIGNKEY,
		SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_TRIGGER, SQLITE_READONLY_DIRECTORY,
		SQLITE_CANTOPEN_ISDIR, SQLITE_IOERR_SHORT_READ, SQLITE_BUSY_SNAPSHOT,
	};
	size_t i;
	(void)state;

	assert_string_equal(errtext_sqlite(SQLITE_NOTADB), "файл не является базой данных");
	assert_string_equal(errtext_sqlite(SQLITE_CORRUPT), "файл базы повреждён");
	for (i = 0; i < sizeof common / sizeof common[0]; i++) {
		const char *t = errtext_sqlite(common[i]);
		assert_true(no_latin(t));
		assert_null(strstr(t, "ошибка базы данных "));
	}
	/* An extended code with its own text says more than its primary... */
	assert_string_not_equal(errtext_sqlite(SQLITE_CONSTRAINT_UNIQUE), errtext_sqlite(SQLITE_CONSTRAINT));
	/* ...one without falls back to the primary's. */
	assert_string_equal(errtext_sqlite(SQLITE_IOERR_CORRUPTFS), errtext_sqlite(SQLITE_IOERR));
	assert_string_equal(errtext_sqlite(SQLITE_CORRUPT_INDEX), errtext_sqlite(SQLITE_CORRUPT));
	assert_string_equal(errtext_sqlite(250), "ошибка базы данных 250");
}

/* A real connection: SQLite's English text is replaced; a message the
 * schema raises on purpose (Russian) passes through unchanged. */
static void test_db_messages(void **state)
{
	char path[] = "/tmp/marshrut-errtext-XXXXXX";
	sqlite3 *db = NULL;
	char junk[512];
	int fd, rc;
	(void)state;

	/* Not a database. */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	memset(junk, 'x', sizeof junk);
	assert_int_equal(write(fd, junk, sizeof junk), (int)sizeof junk);
	close(fd);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_extended_result_codes(db, 1);
	rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	assert_int_equal(rc, SQLITE_NOTADB);
	assert_string_equal(errtext_db(db), "файл не является базой данных");
	sqlite3_close(db);
	unlink(path);

	/* In memory: a constraint, and a trigger's own message. */
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	sqlite3_extended_result_codes(db, 1);
	assert_int_equal(sqlite3_exec(db,
		"CREATE TABLE t(x TEXT UNIQUE NOT NULL);"
		"CREATE TABLE log(y);"
		"CREATE TRIGGER no_del BEFORE DELETE ON log"
		" BEGIN SELECT RAISE(ABORT, 'журнал изменений только дополняется'); END;"
		"INSERT INTO t VALUES ('a'); INSERT INTO log VALUES (1);", NULL, NULL, NULL), SQLITE_OK);
	rc = sqlite3_exec(db, "INSERT INTO t VALUES ('a')", NULL, NULL, NULL);
	assert_int_equal(rc, SQLITE_CONSTRAINT_UNIQUE);
	assert_string_equal(errtext_db(db), errtext_sqlite(SQLITE_CONSTRAINT_UNIQUE));
	assert_true(no_latin(errtext_db(db)));
	rc = sqlite3_exec(db, "DELETE FROM log", NULL, NULL, NULL);
	assert_int_equal(rc & 0xff, SQLITE_CONSTRAINT);
	assert_string_equal(errtext_db(db), "журнал изменений только дополняется");
	sqlite3_close(db);

	/* A database in a folder that does not exist: the system's reason too. */
	rc = sqlite3_open_v2("/nonexistent-marshrut/x.db", &db, SQLITE_OPEN_READWRITE, NULL);
	assert_int_equal(rc & 0xff, SQLITE_CANTOPEN);
	assert_non_null(strstr(errtext_db(db), "не удаётся открыть файл базы"));
	assert_non_null(strstr(errtext_db(db), "нет такого файла или каталога"));
	sqlite3_close(db);

	assert_string_equal(errtext_db(NULL), errtext_sqlite(SQLITE_NOMEM));
}

/* libconfuse's formats: known ones in Russian with the same conversions,
 * others unchanged. */
static void test_confuse(void **state)
{
	char buf[200];
	(void)state;

	assert_string_equal(errtext_confuse("no such option '%s'"), "неизвестный параметр «%s»");
	snprintf(buf, sizeof buf, errtext_confuse("no sub-section '%s' in '%s'"), "a", "b");
	assert_string_equal(buf, "нет раздела «a» в «b»");
	assert_true(no_latin(errtext_confuse("premature end of file")));
	assert_true(no_latin(errtext_confuse("unterminated string constant")));
	assert_string_equal(errtext_confuse("something new '%s'"), "something new '%s'");
	assert_null(errtext_confuse(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errno_known),
		cmocka_unit_test(test_errno_unknown),
		cmocka_unit_test(test_sqlite_codes),
		cmocka_unit_test(test_db_messages),
		cmocka_unit_test(test_confuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
