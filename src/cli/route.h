/* Command-line verbs for ИОМ cards, for every role: «route list» (the cards
 * the user may see, tab-separated) and «export card НОМЕР» (the printed card,
 * text or HTML, to standard output or a new file). Same calling convention
 * as the verbs in cli.c. */
#ifndef MARSHRUT_CLI_ROUTE_H
#define MARSHRUT_CLI_ROUTE_H

struct cli_ctx;

/* marshrut route list */
int verb_route(struct cli_ctx *ctx, int argc, char **argv);
/* marshrut export card НОМЕР [--format html|txt] [-o ФАЙЛ] */
int verb_export(struct cli_ctx *ctx, int argc, char **argv);

#endif
