/* Running setgid on a shared server: the program's group owns the database
 * directory, so users reach their data only through the program. This
 * module keeps that privilege away from everything that is the user's own:
 * the environment is reduced before anything else runs, the user's files
 * (exports, imports) are opened with the user's own group, and children
 * run with the privilege dropped for good. Without setgid every call here
 * is harmless. */
#ifndef MARSHRUT_SECURE_H
#define MARSHRUT_SECURE_H

#include <stdbool.h>
#include <stddef.h>

/* First thing in main(): keep only TERM, the locale variables, ESCDELAY and
 * TZ; HOME stays, but when setgid it comes from the password database;
 * PATH to the system's; remember the program's group; umask 007 so the
 * database and its journal stay group-writable and nothing is world-readable. */
void secure_start(void);

/* Running with a group that is not the user's own (installed setgid). */
bool secure_setgid(void);

/* Whether -c and --db may be honoured: not when setgid unless the caller is
 * root (the database that says who is admin would be the one he chooses). */
bool secure_may_choose_files(void);

/* For the user's own files: switch the effective group to the user's, and
 * back. Calls do not nest. */
void secure_as_user(void);
void secure_as_program(void);

/* In a child process: drop the program's group for good. */
void secure_drop(void);

/* The user's home directory (see secure_start; "" if none). */
const char *secure_home(void);

/* Write buf to a new file at path (never over an existing one, never
 * through a symbolic link), created with the user's own ids; a file that
 * could not be written completely is removed. 0, or -1 with a Russian
 * message in err. */
int secure_write_new(const char *path, const char *buf, size_t len, char *err, size_t errsz);

/* Read a user's file (with the user's own group) like read_file(). */
char *secure_read_user_file(const char *path, size_t max, size_t *len);

#endif
