/* Identity: the Unix account of the real uid, or a login and a password
 * hashed with libcrypt (yescrypt) in a short-lived child process. */
#ifndef MARSHRUT_AUTH_H
#define MARSHRUT_AUTH_H

#include <stdbool.h>
#include <stddef.h>

struct store;

#define AUTH_MIN_PASSWORD 8
#define AUTH_MAX_FAILURES 5
#define AUTH_LOCK_MINUTES 15

/* Login of the process's real uid (getuid(), never $USER). */
bool auth_unix_login(char *out, size_t n);

/* NULL when the new password is acceptable, else a Russian reason. */
const char *auth_password_rule(const char *pw);

/* yescrypt hash of pw, computed in a child process; malloc'd or NULL. */
char *auth_hash(const char *pw);
/* Whether pw matches hash (also in a child process). */
bool auth_verify(const char *pw, const char *hash);

enum auth_result { AUTH_OK, AUTH_BAD, AUTH_LOCKED, AUTH_DISABLED, AUTH_ERROR };
/* Check a login and password against the database, keeping the failure
 * count and the 15-minute lockout after 5 failures. *delay is the pause in
 * seconds the caller makes before the next attempt (grows with failures). */
enum auth_result auth_login(struct store *s, const char *login, const char *pw, int *delay);
const char *auth_result_text(enum auth_result r);

/* Read a password from the terminal without echo (or a line from stdin when
 * it is not a terminal). Returns malloc'd text without the newline, or NULL. */
char *auth_read_password(const char *prompt);

#endif
