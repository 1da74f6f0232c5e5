/* Small helpers shared by every layer: allocation that cannot fail, fatal errors. */
#ifndef MARSHRUT_UTIL_H
#define MARSHRUT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* The impossible: print to stderr and exit(3). Never used for user mistakes. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Copy with truncation; always NUL-terminates (size > 0). Byte-wise: use
 * text_fit() for text that will be shown. */
void strlcpy0(char *dst, const char *src, size_t size);

/* Trim ASCII spaces from both ends in place; returns s. */
char *strtrim(char *s);

/* Current time as UTC "YYYY-MM-DD HH:MM:SS". */
void now_utc(char out[20]);
/* A stored UTC time "YYYY-MM-DD HH:MM:SS" as local "ДД.ММ.ГГГГ ЧЧ:ММ";
 * "" when malformed. */
void utc_to_local(const char *utc, char out[17]);
/* The UTC time "YYYY-MM-DD HH:MM:SS" of local midnight starting the day
 * iso "YYYY-MM-DD" plus plus_days. */
void local_day_start_utc(const char *iso, int plus_days, char out[20]);
/* Today's local date as ISO "YYYY-MM-DD". */
void today_iso(char out[11]);      /* local date, or the one fixed by today_set() */
void today_set(const char *iso);   /* ISO date, already validated; NULL: the clock */
/* Now as UTC "YYYY-MM-DD HH:MM:SS", on the day today_iso() gives (the
 * clock's time of day): for records whose date is shown beside the
 * program's dates (a proposal, a change and its confirmations). */
void now_utc_today(char out[20]);

/* A whole file read into a NUL-terminated buffer (its length in *len when
 * len is not NULL); NULL with errno set, EFBIG when it is larger than max
 * bytes. Caller frees. */
char *read_file(const char *path, size_t max, size_t *len);

#endif
