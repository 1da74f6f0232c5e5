/* Identity: the Unix account of the real uid, or a login and a password
 * hashed with libcrypt (yescrypt) in a short-lived child process. */
#ifndef MARSHRUT_AUTH_H
#define MARSHRUT_AUTH_H

#include <stdbool.h>
#include <stddef.h>

struct store;

#define AUTH_MIN_PASSWORD 8
#define AUTH_MAX_PASSWORD 128   /* characters, in user add and at the login field */
#define AUTH_MAX_LOGIN 64        /* bytes of a typed login that are counted */
#define AUTH_MAX_FAILURES 5
#define AUTH_LOCK_MINUTES 15
#define AUTH_MAX_DELAY 10        /* seconds */

/* Login of the process's real uid (getuid(), never $USER). */
bool auth_unix_login(char *out, size_t n);

/* NULL when the new password is acceptable, else a Russian reason. */
const char *auth_password_rule(const char *pw);

/* yescrypt hash of pw, computed in a child process; malloc'd or NULL. */
char *auth_hash(const char *pw);
/* Whether pw matches hash (also in a child process). */
bool auth_verify(const char *pw, const char *hash);

enum auth_result { AUTH_OK, AUTH_BAD, AUTH_LOCKED, AUTH_DISABLED, AUTH_ERROR };
/* Check a login and password typed at the form (password mode). Each
 * attempt is counted atomically before the password is checked, per typed
 * login (known or not) and source address (the client's address from
 * SSH_CONNECTION; NULL or "": "local"). After AUTH_MAX_FAILURES failures a
 * login is closed for AUTH_LOCK_MINUTES — for that source only, so a
 * stranger cannot lock a colleague out. Unknown, wrong, locked and
 * disabled (with a wrong password) answer alike, in the same time;
 * AUTH_DISABLED only to the right password. *delay is the pause in seconds
 * the caller makes before the next attempt; it grows per login and per
 * source (auth_delay). */
enum auth_result auth_login(struct store *s, const char *login, const char *pw,
			    const char *source, int *delay);
int auth_delay(int failed, int failed_source);
const char *auth_result_text(enum auth_result r);

/* Read a password from the terminal without echo (or a line from stdin when
 * it is not a terminal). Returns malloc'd text without the newline, or NULL. */
char *auth_read_password(const char *prompt);

#endif
