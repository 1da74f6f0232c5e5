/* See cli/devplan.h. */
#include "cli/devplan.h"
#include "cli/cli.h"
#include "access.h"
#include "devplan.h"
#include "errtext.h"
#include "store/devplan.h"
#include "store/store.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] = "использование: export plan КОД_ОО [--year ГОД] [--format html|txt] [-o ФАЙЛ|-]";

int verb_export_plan(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *code = NULL, *path = NULL, *year_s = NULL, *fmt_s = NULL, *why;
	struct session ss;
	struct devplan p;
	struct store *s;
	char *buf = NULL;
	size_t len = 0;
	int64_t org;
	int year, rc = EXIT_OK;
	bool html = false;
	FILE *mem;

	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], **slot, *v;
		if (cli_is_opt(a, "--year")) {
			slot = &year_s;
			v = cli_opt_value(argc, argv, &i, "--year");
		} else if (cli_is_opt(a, "--format")) {
			slot = &fmt_s;
			v = cli_opt_value(argc, argv, &i, "--format");
		} else if (strcmp(a, "-o") == 0 || cli_is_opt(a, "--output")) {
			slot = &path;
			v = a[1] == 'o' ? (i + 1 < argc ? argv[++i] : NULL) : cli_opt_value(argc, argv, &i, "--output");
		} else if (a[0] != '-' && a[0] != '\0' && code == NULL) {
			code = a;
			continue;
		} else {
			cli_err("export plan: неизвестный параметр %s", a);
			return EXIT_USAGE;
		}
		if (v == NULL || *v == '\0' || *slot != NULL) {
			cli_err("%s", usage);
			return EXIT_USAGE;
		}
		*slot = v;
	}
	if (code == NULL || strlen(code) > 32) {
		cli_err("%s", usage);
		return EXIT_USAGE;
	}
	if (fmt_s && strcmp(fmt_s, "html") != 0 && strcmp(fmt_s, "txt") != 0) {
		cli_err("--format: html или txt");
		return EXIT_USAGE;
	}
	html = fmt_s && strcmp(fmt_s, "html") == 0;
	if (year_s) {
		char *end;
		long y = strtol(year_s, &end, 10);
		if (*end || y < 2000 || y > 2100 || year_s[0] < '0' || year_s[0] > '9') {
			cli_err("--year: год от 2000 до 2100");
			return EXIT_USAGE;
		}
		year = (int)y;
	} else {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	/* -o -: standard output, byte for byte what the file would get. */
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	if ((s = cli_open_session(ctx, &ss)) == NULL)
		return EXIT_REFUSED;
	org = store_org_by_code(s, code);
	if (org == 0 && cli_all_digits(code)) {
		char *name = store_ref_name(s, "organisation", strtoll(code, NULL, 10));
		if (name[0])
			org = strtoll(code, NULL, 10);
		free(name);
	}
	if (org == 0) {
		char *clean = text_sanitize(code);
		cli_err("нет организации с кодом %s", clean);
		free(clean);
		rc = EXIT_REFUSED;
	} else if (!access_may(&ss, P_ORG_EDIT, org, &why)) {
		cli_err("план развития этой организации: %s", why);
		rc = EXIT_REFUSED;
	} else if (store_devplan_load(s, org, year, &p) != ST_OK) {
		cli_err("план развития: %s", store_errmsg(s));
		rc = EXIT_REFUSED;
	} else {
		/* Into memory first: nothing is printed or created unless whole. */
		mem = open_memstream(&buf, &len);
		if (mem == NULL || devplan_print(&p, html, mem) != 0) {
			cli_err("недостаточно памяти");
			rc = EXIT_REFUSED;
		}
		if (mem)
			fclose(mem);
		devplan_free(&p);
	}
	rc = cli_put_output(rc, path, buf, len, "План развития сохранён", "план");
	free(buf);
	session_free(&ss);
	store_close(s);
	return rc;
}
