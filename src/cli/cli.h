/* Command-line verbs: init, user, check, backup (and route, export in
 * cli/route.c). */
#ifndef MARSHRUT_CLI_H
#define MARSHRUT_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct config;

/* Exit codes: 0 success, 1 refused or failed, 2 usage error. */
enum { EXIT_OK = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };

struct cli_ctx {
	struct config *cfg;
	const char *db_path;     /* --db or the configuration's */
	const char *as_login;    /* --as */
};

/* A message on stderr, sanitised (it may echo what the user typed). */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the existing database and start the caller's session (the Unix
 * account, or --as where allowed); NULL after a message on stderr. */
struct session;
struct store;
struct store *cli_open_session(struct cli_ctx *ctx, struct session *ss);
/* Imports left half-written by a process that died are taken back (import.h). */
void cli_recover_imports(struct store *s);
/* Write buf to a new file, never over an existing one; a file that could
 * not be written completely is removed. Returns an exit code. */
int cli_write_new_file(const char *path, const char *buf, size_t len);
/* A record number as typed: 1 to 18 digits and nothing else. */
bool cli_all_digits(const char *s);
/* A command's whole output, when rc is EXIT_OK: into the new file path
 * (then "SAVED в PATH" on stdout) or, without a path, onto stdout; a write
 * or flush that fails is "не удалось вывести WHAT: …". Returns the rc. */
int cli_put_output(int rc, const char *path, const char *buf, size_t len, const char *saved, const char *what);

/* An option's value: "--opt VALUE" or "--opt=VALUE" (advancing *i past a
 * separate value); NULL when missing. */
const char *cli_opt_value(int argc, char **argv, int *i, const char *name);
/* Whether argument a is option name, alone or as "name=…". */
bool cli_is_opt(const char *a, const char *name);

/* marshrut import orgs|persons|diagnostics|events|courses ФАЙЛ [--dry-run]
 * [--skip-bad] [--encoding auto|utf-8|cp1251] [--delimiter auto|;|,] (cli/import.c) */
int verb_import(struct cli_ctx *ctx, int argc, char **argv);

/* marshrut analytics [--group region|mun:CODE|org:CODE|all] [--by position|subject|form]
 * [--year YYYY] [--format txt|csv] (cli/analytics.c) */
int verb_analytics(struct cli_ctx *ctx, int argc, char **argv);

/* Runs argv[0] as a verb; returns the exit code. */
int cli_run(struct cli_ctx *ctx, int argc, char **argv);
/* Whether argv0 names a verb. */
int cli_is_verb(const char *name);

/* Parse "ROLE[:SCOPE]" where SCOPE is org:CODE or mun:CODE. Fills the
 * role and the codes; returns NULL or a Russian message. Pure (no store). */
struct role_grant;
const char *cli_parse_grant(const char *spec, struct role_grant *g, char *kind, char *code,
			    unsigned codesz);

#endif
