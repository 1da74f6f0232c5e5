/* The verb import (see cli.h): a spreadsheet into the register, all or
 * nothing, with a report of every bad cell on stdout (row, column, value,
 * what is wrong). Exit 0 when the file was imported (or, with --dry-run,
 * would be), 1 when something was refused, 2 for usage. */
#include "cli/cli.h"
#include "access.h"
#include "config.h"
#include "csvin.h"
#include "import.h"
#include "progress.h"
#include "sshcmd.h"
#include "store/store.h"
#include "text.h"
#include "util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Ctrl-C, a hang-up or a kill while the import runs: it stops at its next
 * row or batch and takes back what it wrote, as Esc does on the screen. */
static struct progress *running;

static void ask_stop(int sig)
{
	(void)sig;
	if (running)
		*(volatile bool *)&running->stop = true;
}

static const char import_usage[] =
	"использование: import orgs|persons|diagnostics|events|courses|elements ФАЙЛ(.csv|.xlsx)|- [--dry-run] [--skip-bad]"
	" [--encoding auto|utf-8|cp1251] [--delimiter auto|;|,]";

int verb_import(struct cli_ctx *ctx, int argc, char **argv)
{
	struct import_opts o = { false, false };
	enum csv_encoding enc = CSV_ENC_AUTO;
	enum import_what w;
	struct import_report r;
	struct session ss;
	struct store *s;
	const char *path = NULL, *why;
	char delim = 0, err[600];
	int rc = EXIT_OK;

	if (argc < 3 || import_what_parse(argv[1], &w) != 0) {
		cli_err("%s", import_usage);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v;
		if (strcmp(a, "--dry-run") == 0) {
			o.dry_run = true;
		} else if (strcmp(a, "--skip-bad") == 0) {
			o.skip_bad = true;
		} else if (cli_is_opt(a, "--encoding")) {
			if ((v = cli_opt_value(argc, argv, &i, "--encoding")) == NULL || csvin_encoding_parse(v, &enc)) {
				cli_err("--encoding: auto, utf-8 или cp1251");
				return EXIT_USAGE;
			}
		} else if (cli_is_opt(a, "--delimiter")) {
			if ((v = cli_opt_value(argc, argv, &i, "--delimiter")) == NULL || csvin_delim_parse(v, &delim)) {
				cli_err("--delimiter: auto, ; или ,");
				return EXIT_USAGE;
			}
		} else if (a[0] == '-' && a[1] != '\0') {
			cli_err("import: неизвестный параметр %s", a);
			return EXIT_USAGE;
		} else if (path == NULL) {
			path = a;
		} else {
			cli_err("%s", import_usage);
			return EXIT_USAGE;
		}
	}
	if (path == NULL) {
		cli_err("%s", import_usage);
		return EXIT_USAGE;
	}
	if ((s = cli_open_session(ctx, &ss)) == NULL)
		return EXIT_REFUSED;
	if (!access_may(&ss, P_IMPORT, 0, &why)) {
		cli_err("import: %s", why);
		rc = EXIT_REFUSED;
	} else {
		/* Standard input through a private temporary file (capped, see
		 * sshcmd.h), then read exactly as a file is. */
		char tmp[512] = "";
		struct progress pr;
		int run_rc = -2;

		if (strcmp(path, "-") != 0 || sshcmd_spool_stdin(tmp, sizeof tmp, err, sizeof err) == 0) {
			struct sigaction sa, old[3];
			static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };

			/* A line on stderr while it works, if stderr is a terminal. */
			progress_tty_begin(&pr, o.dry_run ? "Проверка" : "Импорт", "строк");
			running = &pr;
			memset(&sa, 0, sizeof sa);
			sa.sa_handler = ask_stop;
			sa.sa_flags = SA_RESTART;
			sigemptyset(&sa.sa_mask);
			for (int k = 0; k < 3; k++)
				sigaction(sigs[k], &sa, &old[k]);
			run_rc = import_file(s, ctx->cfg, &ss.actor, w, tmp[0] ? tmp : path, enc, delim, &o, &pr, &r,
					     err, sizeof err);
			for (int k = 0; k < 3; k++)
				sigaction(sigs[k], &old[k], NULL);
			running = NULL;
			progress_tty_end(&pr);
		}
		if (tmp[0])
			unlink(tmp);
		if (run_rc == -2) {
			cli_err("import: %s", err);
			rc = EXIT_REFUSED;
		} else if (run_rc != 0) {
			cli_err("import: %s", store_errmsg(s));
			rc = EXIT_REFUSED;
		} else {
			char *clean = text_sanitize(strcmp(path, "-") == 0 ? "стандартного ввода" : path), how[80];
			printf("Импорт (%s) из %s: %s.\n", import_what_label(w), clean,
			       import_format_text(&r, how, sizeof how));
			free(clean);
			import_report_print(&r, &o, stdout);
			if (!r.header_ok || r.unreadable || r.failed || r.stopped || (r.bad > 0 && !o.skip_bad))
				rc = EXIT_REFUSED;
		}
		if (run_rc != -2)
			import_report_free(&r);
	}
	session_free(&ss);
	store_close(s);
	return rc;
}
