/* The verbs route and export (see cli/route.h). Like the verbs of cli.c they
 * open the store themselves, identify the Unix user (or --as on a demo
 * database or for an admin), ask the access policy, and report in Russian
 * on stderr: exit 0 done, 1 refused or failed, 2 usage. Unlike init, user,
 * check and backup they are for every registered user, whatever his role.
 * The card is rendered into memory first, so a refusal or a failure leaves
 * nothing half-printed and no half-written file. */
#include "errtext.h"
#include "cli/route.h"
#include "cli/cli.h"
#include "cli/devplan.h"
#include "access.h"
#include "auth.h"
#include "date.h"
#include "export.h"
#include "store/iom.h"
#include "store/store.h"
#include "text.h"
#include "secure.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LIST_PAGE 50


/* Open the existing database and start the caller's session. */
struct store *cli_open_session(struct cli_ctx *ctx, struct session *ss)
{
	char e[600], login[64];
	struct store *s;

	if (!auth_unix_login(login, sizeof login)) {
		cli_err("не удаётся определить учётную запись (uid %u)", (unsigned)getuid());
		return NULL;
	}
	if ((s = store_open(ctx->db_path, false, e, sizeof e)) == NULL) {
		cli_err("%s", e);
		return NULL;
	}
	cli_recover_imports(s);
	if (session_start(ss, s, ctx->cfg, login, ctx->as_login, e, sizeof e) != 0) {
		cli_err("%s", e);
		store_close(s);
		return NULL;
	}
	return s;
}

/* One field of a tab-separated line: tabs and line breaks become spaces,
 * then anything unprintable becomes U+FFFD. */
static void put_field(const char *raw, bool last)
{
	char *t = xstrdup(raw ? raw : ""), *c;

	for (char *p = t; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	c = text_sanitize(t);
	fputs(c, stdout);
	fputc(last ? '\n' : '\t', stdout);
	free(c);
	free(t);
}

static int route_list(struct store *s, struct session *ss)
{
	struct iom_scope sc;
	struct iom_filter flt = { NULL, NULL };
	struct page_req req = { NULL, 0, 1, LIST_PAGE };
	char *key = NULL;
	int rc = EXIT_OK;

	access_iom_scope(ss, &sc);
	for (;;) {
		struct page pg;
		int n;

		if (store_iom_page(s, &sc, &flt, &req, &pg) != ST_OK) {
			cli_err("%s", store_errmsg(s));
			rc = EXIT_REFUSED;
			break;
		}
		for (int i = 0; i < pg.n; i++) {
			struct iom_head h;
			char start[11] = "", end[11] = "";

			if (store_iom_get(s, pg.rows[i].id, &h) == ST_OK) {
				date_format_ru(h.start, start);
				date_format_ru(h.end, end);
				iom_free(&h);
			}
			put_field(pg.rows[i].cols[0], false);   /* number */
			put_field(pg.rows[i].cols[1], false);   /* teacher */
			put_field(pg.rows[i].cols[2], false);   /* organisation */
			put_field(pg.rows[i].cols[3], false);   /* status label */
			put_field(start, false);
			put_field(end, true);
		}
		n = pg.n;
		if (n == LIST_PAGE) {
			free(key);
			key = xstrdup(pg.rows[n - 1].key);
			req.key = key;
			req.id = pg.rows[n - 1].id;
		}
		page_free(&pg);
		if (n < LIST_PAGE)
			break;
	}
	free(key);
	access_iom_scope_free(&sc);
	return rc;
}

int verb_route(struct cli_ctx *ctx, int argc, char **argv)
{
	struct session ss;
	struct store *s;
	int rc;

	if (argc != 2 || strcmp(argv[1], "list") != 0) {
		cli_err("использование: route list");
		return EXIT_USAGE;
	}
	if ((s = cli_open_session(ctx, &ss)) == NULL)
		return EXIT_REFUSED;
	rc = route_list(s, &ss);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_err("не удалось вывести список: %s", errtext_errno(errno));
		rc = EXIT_REFUSED;
	}
	session_free(&ss);
	store_close(s);
	return rc;
}

/* Write the whole buffer to a new file of the user's (never over an
 * existing one); a file that could not be written completely is removed. */
int cli_write_new_file(const char *path, const char *buf, size_t len)
{
	char e[600];

	if (secure_write_new(path, buf, len, e, sizeof e) != 0) {
		cli_err("%s", e);
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}

int cli_put_output(int rc, const char *path, const char *buf, size_t len, const char *saved, const char *what)
{
	if (rc == EXIT_OK && path) {
		rc = cli_write_new_file(path, buf, len);
		if (rc == EXIT_OK) {
			char *clean = text_sanitize(path);
			printf("%s в %s\n", saved, clean);
			free(clean);
		}
	} else if (rc == EXIT_OK && fwrite(buf, 1, len, stdout) != len) {
		cli_err("не удалось вывести %s: %s", what, errtext_errno(errno));
		rc = EXIT_REFUSED;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == EXIT_OK)
			cli_err("не удалось вывести %s: %s", what, errtext_errno(errno));
		rc = EXIT_REFUSED;
	}
	return rc;
}

static const char export_usage[] = "использование: export card НОМЕР [--format html|txt] [-o ФАЙЛ|-]"
				   " | export plan КОД_ОО [--year ГОД] [--format html|txt] [-o ФАЙЛ|-]";

int verb_export(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *number = NULL, *path = NULL;
	enum export_format fmt = EXPORT_TXT;
	struct session ss;
	struct store *s;
	char e[600], *buf = NULL;
	size_t len = 0;
	int64_t id;
	FILE *mem;
	int rc;

	/* A school's development plan: cli/devplan.c. */
	if (argc >= 2 && strcmp(argv[1], "plan") == 0)
		return verb_export_plan(ctx, argc, argv);
	if (argc < 2 || strcmp(argv[1], "card") != 0) {
		cli_err("%s", export_usage);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
			const char *v = a[8] == '=' ? a + 9 : i + 1 < argc ? argv[++i] : NULL;
			if (v == NULL || !export_format_parse(v, &fmt)) {
				cli_err("--format: html или txt");
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0' || path) {
				cli_err("%s", export_usage);
				return EXIT_USAGE;
			}
			path = argv[++i];
		} else if (a[0] != '-' && number == NULL && a[0] != '\0') {
			number = a;
		} else {
			cli_err("export card: неизвестный параметр %s", a);
			return EXIT_USAGE;
		}
	}
	if (number == NULL) {
		cli_err("%s", export_usage);
		return EXIT_USAGE;
	}
	/* -o -: standard output, byte for byte what the file would get. */
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	if ((s = cli_open_session(ctx, &ss)) == NULL)
		return EXIT_REFUSED;
	if ((id = store_iom_by_number(s, number)) == 0) {
		cli_err("нет ИОМ с номером %s", number);
		session_free(&ss);
		store_close(s);
		return EXIT_REFUSED;
	}
	/* Into memory first: nothing is printed or created unless it is whole. */
	if ((mem = open_memstream(&buf, &len)) == NULL) {
		cli_err("недостаточно памяти");
		session_free(&ss);
		store_close(s);
		return EXIT_REFUSED;
	}
	rc = export_card(&ss, id, fmt, mem, e, sizeof e);
	if (fclose(mem) != 0 && rc == EXPORT_OK) {
		snprintf(e, sizeof e, "недостаточно памяти");
		rc = EXPORT_ERROR;
	}
	if (rc != EXPORT_OK) {
		cli_err("ИОМ %s: %s", number, e);
		rc = EXIT_REFUSED;
	} else if (path) {
		rc = cli_write_new_file(path, buf, len);
		if (rc == EXIT_OK) {
			char *n = store_ref_name(s, "iom", id), *clean = text_sanitize(path);
			char *cn = text_sanitize(n);
			printf("Карта %s сохранена в %s\n", cn, clean);
			free(n);
			free(cn);
			free(clean);
		}
	} else {
		rc = EXIT_OK;
		if (fwrite(buf, 1, len, stdout) != len) {
			cli_err("не удалось вывести карту: %s", errtext_errno(errno));
			rc = EXIT_REFUSED;
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == EXIT_OK)
			cli_err("не удалось вывести карту: %s", errtext_errno(errno));
		rc = EXIT_REFUSED;
	}
	free(buf);
	session_free(&ss);
	store_close(s);
	return rc;
}
