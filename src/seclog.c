/* Security events: see seclog.h. */
#include "seclog.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static char sock_path[108] = "/dev/log";
static int fd = -1;

void seclog_open(const char *socket_path)
{
	seclog_close();
	strlcpy0(sock_path, socket_path && *socket_path ? socket_path : "/dev/log", sizeof sock_path);
}

void seclog_close(void)
{
	if (fd >= 0)
		close(fd);
	fd = -1;
}

static bool connect_socket(void)
{
	struct sockaddr_un sa;

	if (fd >= 0)
		return true;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strlcpy0(sa.sun_path, sock_path, sizeof sa.sun_path);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return false;
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		fd = -1;
		return false;
	}
	return true;
}

void seclog(const char *fmt, ...)
{
	char msg[900], line[1100], stamp[32];
	char *clean;
	va_list ap;
	time_t now = time(NULL);
	struct tm tm;
	int n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	clean = text_sanitize(msg);
	localtime_r(&now, &tm);
	/* RFC 3164 wants English month names whatever the locale. */
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	snprintf(stamp, sizeof stamp, "%s %2d %02d:%02d:%02d", mon[tm.tm_mon], tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec);
	n = snprintf(line, sizeof line, "<%d>%s marshrut[%ld]: %s", LOG_AUTHPRIV | LOG_NOTICE, stamp,
		     (long)getpid(), clean);
	free(clean);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = (int)sizeof line - 1;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!connect_socket())
			return;
		if (send(fd, line, (size_t)n, MSG_NOSIGNAL) >= 0)
			return;
		/* The log daemon restarted: connect again once. */
		int e = errno;
		seclog_close();
		if (e != ECONNREFUSED && e != ENOTCONN)
			return;
	}
}
