/* See progress.h. */
#include "progress.h"
#include "text.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_EVERY_MS 100

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void progress_init(struct progress *p, const char *title, const char *unit,
		   void (*step)(void *ctx, const char *stage, long done, long total), void *ctx)
{
	memset(p, 0, sizeof *p);
	p->title = title;
	p->unit = unit;
	p->step = step;
	p->ctx = ctx;
	p->next_ms = now_ms() + PROGRESS_EVERY_MS;
}

bool progress_step(struct progress *p, const char *stage, long done, long total)
{
	int64_t now;

	if (p == NULL)
		return true;
	if (p->step == NULL || p->stop)
		return !p->stop;
	now = now_ms();
	if (now < p->next_ms)
		return true;
	p->next_ms = now + PROGRESS_EVERY_MS;
	p->step(p->ctx, stage, done, total);
	return !p->stop;
}

/* 30000 as «30 000». */
static void grouped(long v, char *buf, size_t size)
{
	char digits[24];
	int n = snprintf(digits, sizeof digits, "%ld", v < 0 ? -v : v), k = 0;
	size_t len = 0;

	if (v < 0 && len + 1 < size)
		buf[len++] = '-';
	for (int i = 0; i < n && len + 2 < size; i++) {
		buf[len++] = digits[i];
		k = n - i - 1;
		if (k > 0 && k % 3 == 0)
			buf[len++] = ' ';
	}
	buf[len] = '\0';
}

char *progress_line(const struct progress *p, const char *stage, long done, long total, char *buf,
		    size_t size)
{
	char d[32], t[32];
	const char *unit = p->unit ? p->unit : "";

	grouped(done, d, sizeof d);
	if (total > 0) {
		grouped(total, t, sizeof t);
		snprintf(buf, size, "%s: %s %s из %s%s%s (%ld %%)", p->title ? p->title : "", stage, d, t,
			 *unit ? " " : "", unit, (long)((double)done * 100 / (double)total));
	} else {
		snprintf(buf, size, "%s: %s %s%s%s", p->title ? p->title : "", stage, d, *unit ? " " : "", unit);
	}
	return buf;
}

/* --- the terminal watcher ------------------------------------------------ */

static void tty_write(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* The line over the one shown before: \r, the text, spaces over what is
 * left of the longer old one, \r. Kept within the terminal's width less
 * one column, so it never wraps (a wrapped line cannot be rewritten). */
static void tty_step(void *ctx, const char *stage, long done, long total)
{
	struct progress *p = ctx;
	struct winsize ws;
	char line[512], fit[512], out[1200];
	int cols = 80, w;
	size_t len = 0;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		cols = ws.ws_col;
	progress_line(p, stage, done, total, line, sizeof line);
	text_fit_ellipsis(line, cols - 1, fit, sizeof fit);
	w = text_width(fit);
	out[len++] = '\r';
	len += (size_t)snprintf(out + len, sizeof out - len, "%s", fit);
	if (w < p->shown_cols) {
		/* What is left of a longer line goes; the cursor then stands
		 * after the text, where a terminal user expects it. */
		for (int i = w; i < p->shown_cols && len + 2 < sizeof out; i++)
			out[len++] = ' ';
		out[len++] = '\r';
		len += (size_t)snprintf(out + len, sizeof out - len, "%s", fit);
	}
	tty_write(out, len);
	if (w > p->shown_cols)
		p->shown_cols = w;
}

void progress_tty_begin(struct progress *p, const char *title, const char *unit)
{
	progress_init(p, title, unit, isatty(STDERR_FILENO) ? tty_step : NULL, p);
}

void progress_tty_end(struct progress *p)
{
	char out[600];
	size_t len = 0;

	if (p->shown_cols > 0) {
		out[len++] = '\r';
		for (int i = 0; i < p->shown_cols && len + 2 < sizeof out; i++)
			out[len++] = ' ';
		out[len++] = '\r';
		tty_write(out, len);
	}
	p->shown_cols = 0;
	p->step = NULL;
}
