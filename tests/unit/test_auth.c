/* Passwords: the rule, yescrypt hashes made in a child process, and the
 * growing delay with a 15-minute lockout after 5 failures. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "auth.h"
#include "store/store.h"
#include "store/store_int.h"

static char path[64];

static struct store *fresh(int64_t *uid)
{
	char err[256];
	struct store *s;
	struct actor a = { 0, "test", "test" };
	char *hash;

	snprintf(path, sizeof path, "/tmp/marshrut-auth-%d.db", (int)getpid());
	unlink(path);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_user_add(s, &a, "ivanova", "Иванова", 0, uid), ST_OK);
	hash = auth_hash("верный-пароль");
	assert_non_null(hash);
	assert_int_equal(store_user_set_hash(s, &a, *uid, hash), ST_OK);
	free(hash);
	return s;
}

static void done(struct store *s)
{
	store_close(s);
	test_remove_db(path);
}

static void test_rule(void **state)
{
	(void)state;
	assert_non_null(auth_password_rule("1234567"));
	assert_null(auth_password_rule("12345678"));
	/* Characters, not bytes: 7 Cyrillic letters are 14 bytes but too short. */
	assert_non_null(auth_password_rule("пароль1"));
	assert_null(auth_password_rule("пароль12"));
}

static void test_hash_verify(void **state)
{
	char *h1, *h2;

	(void)state;
	h1 = auth_hash("длинный-пароль");
	h2 = auth_hash("длинный-пароль");
	assert_non_null(h1);
	assert_non_null(h2);
	assert_memory_equal(h1, "$y$", 3);          /* yescrypt */
	assert_string_not_equal(h1, h2);            /* salted */
	assert_true(auth_verify("длинный-пароль", h1));
	assert_false(auth_verify("длинный-парол", h1));
	assert_false(auth_verify("длинный-пароль", NULL));
	assert_false(auth_verify("длинный-пароль", "plain"));
	free(h1);
	free(h2);
}

static void test_login_ok_and_bad(void **state)
{
	int64_t uid;
	struct store *s = fresh(&uid);
	int delay;

	(void)state;
	assert_int_equal(auth_login(s, "ivanova", "верный-пароль", &delay), AUTH_OK);
	assert_int_equal(auth_login(s, "ivanova", "не тот", &delay), AUTH_BAD);
	assert_int_equal(delay, 2);
	assert_int_equal(auth_login(s, "ivanova", "не тот", &delay), AUTH_BAD);
	assert_int_equal(delay, 4);                 /* grows */
	/* A success resets the count. */
	assert_int_equal(auth_login(s, "ivanova", "верный-пароль", &delay), AUTH_OK);
	assert_int_equal(store_int(s, "SELECT failed_logins FROM app_user WHERE id = ?", "i", uid), 0);
	/* An unknown login looks the same as a wrong password. */
	assert_int_equal(auth_login(s, "nobody", "что-нибудь", &delay), AUTH_BAD);
	done(s);
}

static void test_lockout(void **state)
{
	int64_t uid;
	struct store *s = fresh(&uid);
	int delay;

	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(auth_login(s, "ivanova", "не тот", &delay), AUTH_BAD);
	assert_int_equal(auth_login(s, "ivanova", "не тот", &delay), AUTH_LOCKED);
	/* Locked: even the right password is refused for 15 minutes. */
	assert_int_equal(auth_login(s, "ivanova", "верный-пароль", &delay), AUTH_LOCKED);
	assert_int_equal(store_int(s, "SELECT locked_until > datetime('now', '+14 minutes')"
				   " AND locked_until <= datetime('now', '+15 minutes')"
				   " FROM app_user WHERE id = ?", "i", uid), 1);
	/* Failed logins are in the audit log. */
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE action = 'login_failed'", NULL), 5);
	/* When the lock has passed, the right password works again. */
	store_run(s, "UPDATE app_user SET locked_until = datetime('now', '-1 minute') WHERE id = ?", "i", uid);
	assert_int_equal(auth_login(s, "ivanova", "верный-пароль", &delay), AUTH_OK);
	done(s);
}

static void test_disabled(void **state)
{
	int64_t uid;
	struct store *s = fresh(&uid);
	struct actor a = { 0, "test", "test" };
	int delay;

	(void)state;
	assert_int_equal(store_user_disable(s, &a, uid), ST_OK);
	assert_int_equal(auth_login(s, "ivanova", "верный-пароль", &delay), AUTH_DISABLED);
	done(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_login_ok_and_bad),
		cmocka_unit_test(test_lockout),
		cmocka_unit_test(test_disabled),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
