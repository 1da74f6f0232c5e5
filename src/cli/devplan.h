/* marshrut export plan КОД_ОО [--year ГОД] [--format html|txt] [-o ФАЙЛ|-]:
 * a school's plan of continuous professional development of a year for
 * print, as the seed's 3 × 3 grid (devplan.h) — the same bytes the plan
 * screen's F9 saves. For whoever may keep the organisation's plan (the
 * policy's P_ORG_EDIT on it). Called by «export» (cli/route.c) with argv[1]
 * = "plan". Exit 0 done, 1 refused or failed, 2 usage. */
#ifndef MARSHRUT_CLI_DEVPLAN_H
#define MARSHRUT_CLI_DEVPLAN_H

struct cli_ctx;
int verb_export_plan(struct cli_ctx *ctx, int argc, char **argv);

#endif
