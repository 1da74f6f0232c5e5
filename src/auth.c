#include "auth.h"
#include "seclog.h"
#include "secure.h"
#include "store/store.h"
#include "util.h"

#include <crypt.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

bool auth_unix_login(char *out, size_t n)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw == NULL || pw->pw_name == NULL)
		return false;
	strlcpy0(out, pw->pw_name, n);
	return true;
}

const char *auth_password_rule(const char *pw)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
		if ((*p & 0xc0) != 0x80)
			chars++;
	if (chars < AUTH_MIN_PASSWORD)
		return "пароль должен быть не короче 8 символов";
	if (chars > AUTH_MAX_PASSWORD)
		return "пароль слишком длинный (не более 128 символов)";
	return NULL;
}

/* Run the hashing in a child so that the memory that held the password and
 * yescrypt's large work area go away with it. mode 'h' hashes pw; mode 'v'
 * hashes pw with the setting of `hash`. The result comes back on a pipe. */
static char *crypt_in_child(const char *pw, const char *setting)
{
	int fd[2];
	pid_t pid;
	char buf[CRYPT_OUTPUT_SIZE + 1];
	ssize_t got, total = 0;
	int status;

	if (pipe(fd) < 0)
		return NULL;
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	if (pid == 0) {
		struct crypt_data *cd;
		char salt[CRYPT_GENSALT_OUTPUT_SIZE];
		const char *out;

		secure_drop();
		cd = calloc(1, sizeof *cd);
		close(fd[0]);
		if (cd == NULL)
			_exit(1);
		if (setting == NULL) {
			if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
				_exit(1);
			setting = salt;
		}
		out = crypt_r(pw, setting, cd);
		if (out == NULL || out[0] == '*')
			_exit(1);
		if (write(fd[1], out, strlen(out)) < 0)
			_exit(1);
		explicit_bzero(cd, sizeof *cd);
		_exit(0);
	}
	close(fd[1]);
	while (total < (ssize_t)sizeof buf - 1 &&
	       ((got = read(fd[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0 ||
		(got < 0 && errno == EINTR)))
		if (got > 0)
			total += got;
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || total == 0)
		return NULL;
	buf[total] = '\0';
	return xstrdup(buf);
}

char *auth_hash(const char *pw)
{
	return crypt_in_child(pw, NULL);
}

bool auth_verify(const char *pw, const char *hash)
{
	char *h;
	bool ok;

	if (hash == NULL || hash[0] != '$')
		return false;
	h = crypt_in_child(pw, hash);
	ok = h && strlen(h) == strlen(hash) && strcmp(h, hash) == 0;
	free(h);
	return ok;
}

static void utc_plus_seconds(long seconds, char out[20])
{
	time_t t = time(NULL) + seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* A hash of the same kind and cost as the real ones: an unknown, disabled
 * or locked login spends the same time as a wrong password. */
static const char dummy_hash[] =
	"$y$j9T$aaaaaaaaaaaaaaaaaaaaa.$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

int auth_delay(int failed, int failed_source)
{
	int d = failed * 2;

	if (failed_source > d)
		d = failed_source;
	return d < 1 ? 1 : d > AUTH_MAX_DELAY ? AUTH_MAX_DELAY : d;
}

enum auth_result auth_login(struct store *s, const char *login, const char *pw,
			    const char *source, int *delay)
{
	struct user u;
	struct login_count c;
	char now[20], window[20], until[20], key[AUTH_MAX_LOGIN + 1];
	char *hash = NULL;
	bool known, ok;
	enum auth_result r;

	*delay = AUTH_MAX_DELAY;
	if (source == NULL || *source == '\0')
		source = "local";
	/* The typed string is counted as it is, known or not. */
	strlcpy0(key, login, sizeof key);
	now_utc(now);
	utc_plus_seconds(-AUTH_LOCK_MINUTES * 60L, window);
	/* The attempt is counted before the password is checked, in its own
	 * short transaction: parallel attempts are each counted, and the
	 * check (yescrypt, in a child) runs outside the lock. */
	if (store_login_reserve(s, key, source, now, window, &c) != ST_OK)
		return AUTH_ERROR;
	*delay = auth_delay(c.failed, c.failed_source);
	known = store_user_get(s, key, &u) == ST_OK;
	if (known && !c.locked && c.failed <= AUTH_MAX_FAILURES)
		hash = store_user_hash(s, u.id);
	ok = auth_verify(pw, hash ? hash : dummy_hash) && hash != NULL;
	free(hash);
	if (!known)
		r = AUTH_BAD;
	else if (c.locked || c.failed > AUTH_MAX_FAILURES)
		r = AUTH_LOCKED;
	else if (u.disabled)
		r = ok ? AUTH_DISABLED : AUTH_BAD;   /* only the password's holder learns it */
	else
		r = ok ? AUTH_OK : AUTH_BAD;
	until[0] = '\0';
	if (r == AUTH_BAD && c.failed >= AUTH_MAX_FAILURES)
		utc_plus_seconds(AUTH_LOCK_MINUTES * 60L, until);
	if (store_login_settle(s, key, source, known ? u.id : 0, r == AUTH_OK,
			       until[0] ? until : NULL) != ST_OK && r == AUTH_OK)
		r = AUTH_ERROR;
	if (r != AUTH_OK)
		seclog("неудачный вход: логин «%s» с адреса %s: %s", key, source,
		       !known ? "нет такого пользователя" : until[0] ? "закрыт для адреса на 15 минут"
		       : r == AUTH_LOCKED ? "вход для адреса закрыт"
		       : r == AUTH_DISABLED ? "учётная запись отключена" : "неверный пароль");
	if (known)
		store_user_free(&u);
	if (r == AUTH_OK)
		*delay = 0;
	return r;
}

const char *auth_result_text(enum auth_result r)
{
	switch (r) {
	case AUTH_OK:
		return "вход выполнен";
	case AUTH_BAD:
	case AUTH_LOCKED:
		/* One answer: nobody learns whether a login exists or is closed. */
		return "неверный логин или пароль";
	case AUTH_DISABLED:
		return "учётная запись отключена";
	default:
		return "ошибка проверки пароля";
	}
}

char *auth_read_password(const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else {
			tty = false;
		}
	}
	n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}
