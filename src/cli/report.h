/* The verb «report»: the official monitoring reports (tables 3–12 and the
 * indicators) for a year and a scope, as text, CSV or XLSX, to standard
 * output or a new file. Nothing interactive: suitable for cron. Same
 * calling convention as the verbs in cli.c. */
#ifndef MARSHRUT_CLI_REPORT_H
#define MARSHRUT_CLI_REPORT_H

#include <stdint.h>

struct cli_ctx;
struct session;
struct store;

/* marshrut report list
 * marshrut report НАЗВАНИЕ [--year ГОД] [--scope region|mun:КОД|org:КОД]
 *                          [--format txt|csv|xlsx] [-o ФАЙЛ]
 * marshrut report pool [--year ГОД] [--format txt|csv|xlsx] [-o ФАЙЛ]
 *   (the annual list of the methodist pool; regional centre and admin) */
int verb_report(struct cli_ctx *ctx, int argc, char **argv);

/* A group of teachers on the command line (report --scope, analytics
 * --group), reached as the screens reach it (access_scope of
 * P_PERSON_VIEW). cli_scope_parse checks "region", "mun:CODE" or
 * "org:CODE" for form (exit 2 otherwise, naming option opt);
 * cli_scope_resolve finds the record (by code, else by number) and checks
 * that the user reaches it; cli_scope_widest picks the widest group he
 * reaches. Exit codes, with a message on stderr. */
int cli_scope_parse(const char *opt, const char *spec, char kind[8], const char **code);
int cli_scope_resolve(struct store *s, struct session *ss, const char *opt, const char *kind,
		      const char *code, int64_t *id);
int cli_scope_widest(struct session *ss, char kind[8], int64_t *id);
/* --year: 2000..2100 (exit 2 otherwise); NULL: this year. */
int cli_year(const char *spec, int *year);

#endif
