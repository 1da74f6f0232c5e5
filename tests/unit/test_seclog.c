/* Security events reach syslog: the format, harmless text, and the three
 * kinds the issue names — a failed login, a refused action, nothing for a
 * check that only decides what to offer. The test listens on its own
 * socket (these machines have no /dev/log). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "testutil.h"
#include "access.h"
#include "auth.h"
#include "config.h"
#include "seclog.h"
#include "store/store.h"

static char sock_path[64];
static int listener = -1;

static int setup(void **state)
{
	struct sockaddr_un sa;

	(void)state;
	test_locale();
	snprintf(sock_path, sizeof sock_path, "/tmp/marshrut-log-%d.sock", (int)getpid());
	unlink(sock_path);
	listener = socket(AF_UNIX, SOCK_DGRAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, sock_path);
	if (listener < 0 || bind(listener, (struct sockaddr *)&sa, sizeof sa) != 0)
		return -1;
	seclog_open(sock_path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	seclog_close();
	close(listener);
	unlink(sock_path);
	return 0;
}

/* The next datagram, or "" when none is waiting. */
static const char *next_line(void)
{
	static char buf[2048];
	ssize_t n = recv(listener, buf, sizeof buf - 1, MSG_DONTWAIT);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void test_format_and_sanitising(void **state)
{
	const char *line;
	char head[64];

	(void)state;
	seclog("вход «%s»", "зло\033]0;HACK\007\r\xe2\x80\xae");
	line = next_line();
	/* <PRI>: LOG_AUTHPRIV (10) * 8 + LOG_NOTICE (5) = 85. */
	snprintf(head, sizeof head, "marshrut[%d]: ", (int)getpid());
	assert_memory_equal(line, "<85>", 4);
	assert_non_null(strstr(line, head));
	assert_non_null(strstr(line, "вход «зло"));
	for (const char *p = line; *p; p++)
		assert_false(*p == '\033' || *p == '\r' || *p == '\007');
	assert_null(strstr(line, "\xe2\x80\xae"));
	assert_string_equal(next_line(), "");
}

static void test_nobody_listening(void **state)
{
	(void)state;
	seclog_open("/tmp/marshrut-no-such-socket");
	seclog("никто не слушает");   /* must simply return */
	seclog_open(sock_path);
	seclog("снова слушают");
	assert_non_null(strstr(next_line(), "снова слушают"));
}

static void test_failed_login(void **state)
{
	char err[256], path[64];
	struct actor a = { 0, "test", "test" };
	struct store *s;
	int64_t uid;
	int delay;
	char *hash;

	(void)state;
	snprintf(path, sizeof path, "/tmp/marshrut-seclog-%d.db", (int)getpid());
	unlink(path);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_user_add(s, &a, "petrova", "Петрова", 0, &uid), ST_OK);
	hash = auth_hash("верный-пароль");
	assert_int_equal(store_user_set_hash(s, &a, uid, hash), ST_OK);
	free(hash);
	assert_int_equal(auth_login(s, "petrova", "верный-пароль", "192.0.2.5", &delay), AUTH_OK);
	assert_string_equal(next_line(), "");
	/* The security log says what the user is not told: the address, and
	 * whether the login exists. */
	assert_int_equal(auth_login(s, "petrova", "не тот", "192.0.2.5", &delay), AUTH_BAD);
	assert_non_null(strstr(next_line(), "неудачный вход: логин «petrova» с адреса 192.0.2.5: неверный пароль"));
	assert_int_equal(auth_login(s, "nobody", "что-нибудь", "192.0.2.5", &delay), AUTH_BAD);
	assert_non_null(strstr(next_line(), "неудачный вход: логин «nobody» с адреса 192.0.2.5: нет такого пользователя"));
	store_close(s);
	test_remove_db(path);
}

static void test_refused_action(void **state)
{
	struct config *cfg = config_defaults();
	struct session ss;
	const char *why;
	const char *line;

	(void)state;
	memset(&ss, 0, sizeof ss);
	strcpy(ss.user.login, "sidorov");
	strcpy(ss.real_login, "sidorov");
	ss.cfg = cfg;
	ss.user.nroles = 1;
	strcpy(ss.user.roles[0].role, "teacher");
	/* Deciding what to offer (why not asked): not an attempt, not logged. */
	assert_false(access_may(&ss, P_ADMIN_TASKS, 0, NULL));
	assert_string_equal(next_line(), "");
	/* An attempt the user is told about: logged with who and why. */
	assert_false(access_may(&ss, P_ADMIN_TASKS, 0, &why));
	line = next_line();
	assert_non_null(strstr(line, "отказ: пользователь sidorov"));
	assert_non_null(strstr(line, why));
	assert_false(access_may_place(&ss, P_TARGETS, 0, 7, &why));
	assert_non_null(strstr(next_line(), "запись 7"));
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_and_sanitising),
		cmocka_unit_test(test_nobody_listening),
		cmocka_unit_test(test_failed_login),
		cmocka_unit_test(test_refused_action),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
