/* The verb report (see cli/report.h). Like the other verbs it opens the
 * store itself, identifies the Unix user (or --as on a demo database or for
 * an admin) and reports in Russian on stderr: exit 0 done, 1 refused or
 * failed, 2 usage. A user reports only on what his scope reaches: the whole
 * region with the region-wide scope, a municipality of his scope, an
 * organisation in it. The report is rendered into memory first, so a
 * refusal or a failure prints nothing and leaves no file behind. */
#include "errtext.h"
#include "cli/report.h"
#include "cli/cli.h"
#include "access.h"
#include "auth.h"
#include "config.h"
#include "../report.h"    /* src/report.h: the renderers (not cli/report.h) */
#include "store/reports.h"
#include "store/store.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char report_usage[] =
	"использование: report list | report НАЗВАНИЕ [--year ГОД] [--scope region|mun:КОД|org:КОД]"
	" [--format txt|csv|xlsx] [-o ФАЙЛ|-] | report pool [--year ГОД] [--format txt|csv|xlsx] [-o ФАЙЛ|-]";

/* «report pool»: the annual list of the region's methodist pool (the pool
 * screen's F9), the regional centre's and the administrator's, as the
 * menu offers the pool to them only; no --scope (the pool is regional). */
static const char pool_name[] = "pool";



/* Whether a JSON array of ids ("[1,2]", as access_scope builds it) holds id. */
static bool ids_have(const char *json, int64_t id)
{
	const char *p = json;

	while (p && *p) {
		char *end;
		long long v;
		while (*p && (*p < '0' || *p > '9'))
			p++;
		if (*p == '\0')
			break;
		v = strtoll(p, &end, 10);
		if (v == id)
			return true;
		p = end;
	}
	return false;
}

static int64_t first_id(const char *json)
{
	const char *p = json;

	while (*p && (*p < '0' || *p > '9'))
		p++;
	return *p ? strtoll(p, NULL, 10) : 0;
}

bool cli_all_digits(const char *s)
{
	if (*s == '\0' || strlen(s) > 18)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int cli_scope_parse(const char *opt, const char *spec, char kind[8], const char **code)
{
	const char *v;

	if (strcmp(spec, "region") == 0) {
		strcpy(kind, "region");
		*code = NULL;
		return EXIT_OK;
	}
	if (strncmp(spec, "mun:", 4) == 0)
		strcpy(kind, "mun");
	else if (strncmp(spec, "org:", 4) == 0)
		strcpy(kind, "org");
	else
		goto bad;
	v = spec + 4;
	if (*v == '\0' || strlen(v) > 32)
		goto bad;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			goto bad;
	*code = v;
	return EXIT_OK;
bad:
	cli_err("%s: region, mun:КОД или org:КОД (код муниципалитета или организации)", opt);
	return EXIT_USAGE;
}

int cli_scope_resolve(struct store *s, struct session *ss, const char *opt, const char *kind,
		      const char *code, int64_t *id)
{
	struct store_scope sc = access_scope(ss, P_PERSON_VIEW);
	int rc = EXIT_OK;

	*id = 0;
	if (strcmp(kind, "region") == 0) {
		if (!sc.all) {
			cli_err("сведения по региону целиком доступны только тем, кому доступен весь регион "
				"(укажите %s mun:КОД или org:КОД)", opt);
			rc = EXIT_REFUSED;
		}
	} else {
		bool mun = strcmp(kind, "mun") == 0;
		const char *table = mun ? "municipality" : "organisation";
		*id = mun ? store_mun_by_code(s, code) : store_org_by_code(s, code);
		if (*id == 0 && cli_all_digits(code)) {
			char *name = store_ref_name(s, table, strtoll(code, NULL, 10));
			if (name[0])
				*id = strtoll(code, NULL, 10);
			free(name);
		}
		if (*id == 0) {
			cli_err(mun ? "нет муниципалитета с кодом %s" : "нет организации с кодом %s", code);
			rc = EXIT_REFUSED;
		} else if (!sc.all && !(mun ? ids_have(sc.muns, *id)
					    : ids_have(sc.orgs, *id) ||
					      ids_have(sc.muns, store_org_mun(s, *id)))) {
			cli_err(mun ? "нет доступа к сведениям муниципалитета %s"
				    : "нет доступа к сведениям организации %s", code);
			rc = EXIT_REFUSED;
		}
	}
	access_scope_free(&sc);
	return rc;
}

int cli_scope_widest(struct session *ss, char kind[8], int64_t *id)
{
	struct store_scope sc = access_scope(ss, P_PERSON_VIEW);
	int rc = EXIT_OK;

	if (sc.all) {
		strcpy(kind, "region");
		*id = 0;
	} else if ((*id = first_id(sc.muns)) != 0) {
		strcpy(kind, "mun");
	} else if ((*id = first_id(sc.orgs)) != 0) {
		strcpy(kind, "org");
	} else {
		cli_err("сведения по группам педагогов доступны специалистам организации, муниципалитета "
			"и региона: у вас нет доступа ни к одной организации");
		rc = EXIT_REFUSED;
	}
	access_scope_free(&sc);
	return rc;
}

int cli_year(const char *spec, int *year)
{
	char *end;
	long y;

	if (spec == NULL) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		*year = tm.tm_year + 1900;
		return EXIT_OK;
	}
	errno = 0;
	y = strtol(spec, &end, 10);
	if (*end || errno || y < 2000 || y > 2100 || spec[0] < '0' || spec[0] > '9') {
		cli_err("--year: год от 2000 до 2100");
		return EXIT_USAGE;
	}
	*year = (int)y;
	return EXIT_OK;
}

static int report_list_print(void)
{
	int n;
	const struct report_def *d = report_list(&n);

	for (int i = 0; i < n; i++)
		printf("%-12s %s\n", d[i].name, d[i].title);
	printf("%-12s %s\n", pool_name, "Список методического актива за год");
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_err("не удалось вывести список: %s", errtext_errno(errno));
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}

int verb_report(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *name, *scope_spec = NULL, *path = NULL, *year_s = NULL, *fmt_s = NULL, *code = NULL;
	enum report_format fmt = REPORT_TXT;
	struct report_table t;
	struct session ss;
	struct store *s;
	char kind[8] = "", e[600], *buf = NULL;
	size_t len = 0;
	int64_t scope_id = 0;
	int year, rc;
	bool to_stdout = false;

	if (argc < 2) {
		cli_err("%s", report_usage);
		return EXIT_USAGE;
	}
	name = argv[1];
	if (strcmp(name, "list") == 0) {
		if (argc != 2) {
			cli_err("%s", report_usage);
			return EXIT_USAGE;
		}
		return report_list_print();
	}
	if (strcmp(name, pool_name) != 0 && report_find(name) == NULL) {
		cli_err("нет отчёта «%s» (названия: marshrut report list)", name);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], **slot, *v;
		if (cli_is_opt(a, "--year")) {
			slot = &year_s;
			v = cli_opt_value(argc, argv, &i, "--year");
		} else if (cli_is_opt(a, "--scope")) {
			slot = &scope_spec;
			v = cli_opt_value(argc, argv, &i, "--scope");
		} else if (cli_is_opt(a, "--format")) {
			slot = &fmt_s;
			v = cli_opt_value(argc, argv, &i, "--format");
		} else if (cli_is_opt(a, "--output")) {
			slot = &path;
			v = cli_opt_value(argc, argv, &i, "--output");
		} else if (strcmp(a, "-o") == 0) {
			slot = &path;
			v = i + 1 < argc ? argv[++i] : NULL;
		} else {
			cli_err("report: неизвестный параметр %s", a);
			return EXIT_USAGE;
		}
		/* Each option once, with a value. */
		if (v == NULL || *v == '\0' || *slot != NULL) {
			cli_err("%s", report_usage);
			return EXIT_USAGE;
		}
		*slot = v;
	}
	if ((rc = cli_year(year_s, &year)) != EXIT_OK)
		return rc;
	if (fmt_s && !report_format_parse(fmt_s, &fmt)) {
		cli_err("--format: txt, csv или xlsx");
		return EXIT_USAGE;
	}
	/* -o -: standard output, the same bytes the file would get (for
	 * `ssh -T … report … -o - > file`). */
	if (path && strcmp(path, "-") == 0)
		path = NULL, to_stdout = true;
	if (fmt == REPORT_XLSX && (to_stdout ? isatty(STDOUT_FILENO) : path == NULL)) {
		cli_err("XLSX — двоичный файл: он не выводится в терминал, укажите -o ФАЙЛ "
			"(или -o - и перенаправление в файл)");
		return EXIT_USAGE;
	}
	if (strcmp(name, pool_name) == 0 && scope_spec) {
		cli_err("report pool: актив — региональный, --scope не нужен");
		return EXIT_USAGE;
	}
	if (scope_spec && (rc = cli_scope_parse("--scope", scope_spec, kind, &code)) != EXIT_OK)
		return rc;
	if ((s = cli_open_session(ctx, &ss)) == NULL)
		return EXIT_REFUSED;
	if (strcmp(name, pool_name) == 0) {
		if (!access_has_role(&ss.user, "regional") && !access_has_role(&ss.user, "admin")) {
			cli_err("список методического актива доступен региональному центру и администратору");
			rc = EXIT_REFUSED;
		} else if (store_pool_report(s, year, &t) != ST_OK) {
			cli_err("отчёт %s: %s", name, store_errmsg(s));
			rc = EXIT_REFUSED;
		} else {
			if (report_render(&t, fmt, &buf, &len, e, sizeof e) != 0) {
				cli_err("отчёт %s: %s", name, e);
				rc = EXIT_REFUSED;
			}
			report_table_free(&t);
		}
	} else if ((rc = scope_spec ? cli_scope_resolve(s, &ss, "--scope", kind, code, &scope_id)
				    : cli_scope_widest(&ss, kind, &scope_id)) == EXIT_OK) {
		if (store_report_build(s, ctx->cfg, name, year, kind, scope_id, &t) != ST_OK) {
			cli_err("отчёт %s: %s", name, store_errmsg(s));
			rc = EXIT_REFUSED;
		} else {
			if (report_render(&t, fmt, &buf, &len, e, sizeof e) != 0) {
				cli_err("отчёт %s: %s", name, e);
				rc = EXIT_REFUSED;
			}
			report_table_free(&t);
		}
	}
	{
		char *saved = xasprintf("Отчёт %s сохранён", name);
		rc = cli_put_output(rc, path, buf, len, saved, "отчёт");
		free(saved);
	}
	free(buf);
	session_free(&ss);
	store_close(s);
	return rc;
}
