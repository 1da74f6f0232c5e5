/* Setgid hygiene: see secure.h. Modelled on what tmux and fossil do before
 * they trust anything from the caller, with one difference: we keep the
 * program's group only for the database and give it up around every file
 * the user names. */
#include "errtext.h"
#include "secure.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static gid_t program_gid, user_gid;
static bool started;
static char home[512];

static bool kept(const char *name, size_t len)
{
	static const char *const keep[] = { "TERM", "LANG", "LANGUAGE", "ESCDELAY", "TZ",
					    "COLUMNS", "LINES" };

	if (len > 3 && strncmp(name, "LC_", 3) == 0)
		return true;
	for (size_t i = 0; i < NITEMS(keep); i++)
		if (strlen(keep[i]) == len && strncmp(name, keep[i], len) == 0)
			return true;
	return false;
}

void secure_start(void)
{
	extern char **environ;
	char **saved;
	size_t n = 0, k = 0;
	const char *h = getenv("HOME");
	struct passwd *pw;

	program_gid = getegid();
	user_gid = getgid();
	started = true;
	umask(007);
	/* Setgid: HOME is the password database's, never the caller's. */
	if (h && *h && !secure_setgid()) {
		strlcpy0(home, h, sizeof home);
	} else if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir) {
		strlcpy0(home, pw->pw_dir, sizeof home);
	}
	for (char **e = environ; *e; e++)
		n++;
	saved = xcalloc(n + 1, sizeof *saved);
	for (char **e = environ; *e; e++) {
		const char *eq = strchr(*e, '=');
		if (eq && kept(*e, (size_t)(eq - *e)))
			saved[k++] = xstrdup(*e);
	}
	clearenv();
	for (size_t i = 0; i < k; i++) {
		char *eq = strchr(saved[i], '=');
		*eq = '\0';
		setenv(saved[i], eq + 1, 1);
		free(saved[i]);
	}
	free(saved);
	setenv("PATH", "/usr/bin:/bin", 1);
	if (home[0])
		setenv("HOME", home, 1);
}

bool secure_setgid(void)
{
	return started ? program_gid != user_gid : getegid() != getgid();
}

bool secure_may_choose_files(void)
{
	return !secure_setgid() || getuid() == 0;
}

void secure_as_user(void)
{
	if (secure_setgid() && setegid(user_gid) != 0)
		fatal("не удаётся сменить группу: %s", errtext_errno(errno));
}

void secure_as_program(void)
{
	if (secure_setgid() && setegid(program_gid) != 0)
		fatal("не удаётся вернуть группу программы: %s", errtext_errno(errno));
}

void secure_drop(void)
{
	gid_t g = getgid();

	if (setresgid(g, g, g) != 0)
		_exit(127);
}

const char *secure_home(void)
{
	return home;
}

int secure_write_new(const char *path, const char *buf, size_t len, char *err, size_t errsz)
{
	int fd, e;
	size_t done = 0;

	secure_as_user();
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW, 0644);
	e = errno;
	secure_as_program();
	if (fd < 0) {
		snprintf(err, errsz, "%s: %s", path,
			 e == EEXIST ? "файл уже существует, ничего не записано — выберите другое имя"
				     : errtext_errno(e));
		return -1;
	}
	/* The file is the user's: his group, not the program's. */
	if (secure_setgid() && fchown(fd, (uid_t)-1, getgid()) != 0) {
		e = errno;
		close(fd);
		unlink(path);
		snprintf(err, errsz, "%s: %s", path, errtext_errno(e));
		return -1;
	}
	while (done < len) {
		ssize_t w = write(fd, buf + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = w < 0 ? errno : EIO;
			close(fd);
			unlink(path);
			snprintf(err, errsz, "%s: ошибка записи: %s", path, errtext_errno(e));
			return -1;
		}
		done += (size_t)w;
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(path);
		snprintf(err, errsz, "%s: ошибка записи: %s", path, errtext_errno(e));
		return -1;
	}
	return 0;
}

char *secure_read_user_file(const char *path, size_t max, size_t *len)
{
	char *buf;
	int e;

	secure_as_user();
	buf = read_file(path, max, len);
	e = errno;
	secure_as_program();
	errno = e;
	return buf;
}
