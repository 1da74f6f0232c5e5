/* The verb «report»: the official monitoring reports (tables 3–12 and the
 * indicators) for a year and a scope, as text, CSV or XLSX, to standard
 * output or a new file. Nothing interactive: suitable for cron. Same
 * calling convention as the verbs in cli.c. */
#ifndef MARSHRUT_CLI_REPORT_H
#define MARSHRUT_CLI_REPORT_H

struct cli_ctx;

/* marshrut report list
 * marshrut report НАЗВАНИЕ [--year ГОД] [--scope region|mun:КОД|org:КОД]
 *                          [--format txt|csv|xlsx] [-o ФАЙЛ] */
int verb_report(struct cli_ctx *ctx, int argc, char **argv);

#endif
