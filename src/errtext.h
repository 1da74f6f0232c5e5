/* The errno values and SQLite result codes a user can meet, in Russian:
 * one table instead of strerror() and sqlite3_errmsg(), whose English text
 * would otherwise reach the user. */
#ifndef MARSHRUT_ERRTEXT_H
#define MARSHRUT_ERRTEXT_H

struct sqlite3;

/* An errno value in Russian; for one the table does not know, a generic
 * phrase with the number («системная ошибка 123»). Never NULL. */
const char *errtext_errno(int e);

/* An SQLite result code (primary or extended) in Russian; an extended code
 * the table does not know falls back to its primary code, an unknown one to
 * a phrase with the number. Never NULL. */
const char *errtext_sqlite(int rc);

/* The last error of a connection: a message the schema raises on purpose
 * (RAISE in a trigger, a function's error) is already Russian and passes
 * through; SQLite's own English text becomes errtext_sqlite() of the
 * extended code. Never NULL (db NULL: «нехватка памяти»). */
const char *errtext_db(struct sqlite3 *db);

/* libconfuse's message format for a mistake in a configuration file, in
 * Russian with the same conversions in the same order; a format the table
 * does not know is returned as it is. */
const char *errtext_confuse(const char *fmt);

#endif
