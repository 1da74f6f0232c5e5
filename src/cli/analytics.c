/* The verb analytics: typical deficits of a group for a year — exactly what
 * the viewer's screen «Типичные дефициты» shows, each figure with the size
 * of its group (deficits.c: the same figures, the same withholding). The
 * brief analytic note of 004 App.2 §6.4 that the regional centre sends out:
 *
 *   marshrut analytics [--group region|mun:КОД|org:КОД|all]
 *                      [--by position|subject|form] [--year ГОД] [--format txt|csv|html|xlsx]
 *                      [-o ФАЙЛ|-]
 *
 * txt: the typical deficits as the screen shows them, then the analytic
 * note's results by assessed element and by block (note.c); html and xlsx:
 * the whole analytic note (note.c), as the screen prints it; csv: the
 * typical deficits' figures, one a row. XLSX never goes to a terminal.
 *
 * --group all: every group the user reaches, one after another (the note
 * for every municipality and school at once).
 * Groups are reached as in `report` (cli_scope_*); exit 0 done, 1 refused
 * or failed, 2 usage. */
#include "errtext.h"
#include "cli/cli.h"
#include "cli/report.h"
#include "access.h"
#include "analytics.h"
#include "config.h"
#include "deficits.h"
#include "note.h"
#include "../report.h"    /* src/report.h: the renderers */
#include "store/deficit_counts.h"
#include "store/store.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char analytics_usage[] =
	"использование: analytics [--group region|mun:КОД|org:КОД|all] [--by position|subject|form]"
	" [--year ГОД] [--format txt|csv|html|xlsx] [-o ФАЙЛ|-]";

/* The view as text: the screen's title (in 80 columns), then its lines. */
static void add_text(const struct deficit_view *v, char **buf, size_t *len)
{
	struct text_lines lines = { NULL, 0, 0 };
	char *title = deficits_title(v);
	size_t size = *len + 2;

	if (*len > 0)
		text_lines_push(&lines, "", 0);
	text_wrap(title, 80, 80, &lines);
	deficits_lines(v, &lines);
	for (int i = 0; i < lines.n; i++)
		size += strlen(lines.v[i]) + 1;
	*buf = xrealloc(*buf, size);
	for (int i = 0; i < lines.n; i++)
		*len += (size_t)snprintf(*buf + *len, size - *len, "%s\n", lines.v[i]);
	free(title);
	text_lines_free(&lines);
}

/* The note's results by element and by block, after the deficits' text. */
static void add_note_text(const struct note_view *v, char **buf, size_t *len)
{
	struct text_lines lines = { NULL, 0, 0 };
	size_t size = *len + 2;

	text_lines_push(&lines, "", 0);
	note_lines(v, 80, false, &lines);
	for (int i = 0; i < lines.n; i++)
		size += strlen(lines.v[i]) + 1;
	*buf = xrealloc(*buf, size);
	for (int i = 0; i < lines.n; i++)
		*len += (size_t)snprintf(*buf + *len, size - *len, "%s\n", lines.v[i]);
	text_lines_free(&lines);
}

/* The groups asked for: one (--group, or the widest the user reaches), or
 * with --group all every group he reaches, as the screens offer them. */
static int groups_of(struct store *s, struct session *ss, const char *group, char kind[8],
		     const char *code, struct deficit_group_ref **out, int *n)
{
	int rc;

	*out = NULL;
	*n = 0;
	if (group && strcmp(group, "all") == 0) {
		struct store_scope sc = access_scope(ss, P_PERSON_VIEW);
		int64_t none;
		if (!sc.all && strcmp(sc.muns, "[]") == 0 && strcmp(sc.orgs, "[]") == 0) {
			access_scope_free(&sc);
			return cli_scope_widest(ss, kind, &none);   /* its refusal */
		}
		rc = store_deficit_groups(s, &sc, out, n) == ST_OK ? EXIT_OK : EXIT_REFUSED;
		if (rc != EXIT_OK)
			cli_err("типичные дефициты: %s", store_errmsg(s));
		access_scope_free(&sc);
		return rc;
	}
	*out = xcalloc(1, sizeof **out);
	if (group)
		rc = cli_scope_resolve(s, ss, "--group", kind, code, &(*out)->id);
	else
		rc = cli_scope_widest(ss, kind, &(*out)->id);
	strlcpy0((*out)->kind, kind, sizeof (*out)->kind);
	*n = rc == EXIT_OK;
	return rc;
}

int verb_analytics(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *group = NULL, *by_s = NULL, *year_s = NULL, *fmt_s = NULL, *code = NULL, *path = NULL;
	struct deficit_group_ref *groups = NULL;
	struct deficits *d = NULL;
	struct note *note = NULL;
	struct note_view *views = NULL;
	struct report_table t;
	struct session ss;
	struct store *s;
	char kind[8] = "", e[300], *buf = NULL;
	size_t len = 0;
	int by = BY_NONE, year, ngroups = 0, rc;
	bool csv, html, xlsx, to_stdout = false;

	for (int i = 1; i < argc; i++) {
		static const char *const opts[] = { "--group", "--by", "--year", "--format", "--output", "-o" };
		const char **slots[] = { &group, &by_s, &year_s, &fmt_s, &path, &path }, *val = NULL;
		int o = 0;
		while (o < (int)NITEMS(opts) && !cli_is_opt(argv[i], opts[o]))
			o++;
		if (o == (int)NITEMS(opts)) {
			cli_err("analytics: неизвестный параметр %s", argv[i]);
			return EXIT_USAGE;
		}
		if (o == 5)
			val = i + 1 < argc ? argv[++i] : NULL;
		else
			val = cli_opt_value(argc, argv, &i, opts[o]);
		/* Each option once, with a value. */
		if (val == NULL || *val == '\0' || *slots[o] != NULL) {
			cli_err("%s", analytics_usage);
			return EXIT_USAGE;
		}
		*slots[o] = val;
	}
	if (by_s && ((by = analytics_breakdown_parse(by_s)) < 0)) {
		cli_err("--by: position, subject или form");
		return EXIT_USAGE;
	}
	if (fmt_s && strcmp(fmt_s, "txt") != 0 && strcmp(fmt_s, "csv") != 0 && strcmp(fmt_s, "html") != 0 &&
	    strcmp(fmt_s, "xlsx") != 0) {
		cli_err("--format: txt, csv, html или xlsx");
		return EXIT_USAGE;
	}
	csv = fmt_s && strcmp(fmt_s, "csv") == 0;
	html = fmt_s && strcmp(fmt_s, "html") == 0;
	xlsx = fmt_s && strcmp(fmt_s, "xlsx") == 0;
	if (path && strcmp(path, "-") == 0)
		path = NULL, to_stdout = true;
	if (xlsx && (to_stdout ? isatty(STDOUT_FILENO) : path == NULL)) {
		cli_err("XLSX — двоичный файл: он не выводится в терминал, укажите -o ФАЙЛ "
			"(или -o - и перенаправление в файл)");
		return EXIT_USAGE;
	}
	if ((html || xlsx) && by_s && by != BY_NONE) {
		cli_err("аналитическая справка (html, xlsx) — по группе в целом, без --by");
		return EXIT_USAGE;
	}
	if ((rc = cli_year(year_s, &year)) != EXIT_OK)
		return rc;
	/* The form of --group before the database is opened. */
	if (group && strcmp(group, "all") != 0 && (rc = cli_scope_parse("--group", group, kind, &code)) != EXIT_OK)
		return rc;
	if ((s = cli_open_session(ctx, &ss)) == NULL)
		return EXIT_REFUSED;
	rc = groups_of(s, &ss, group, kind, code, &groups, &ngroups);
	/* The group as a whole with the note: the note's own deficits, not
	 * computed twice. */
	if (rc == EXIT_OK && !html && !xlsx && (csv || by != BY_NONE) &&
	    deficits_compute(s, ctx->cfg, year, by, &d) != ST_OK) {
		cli_err("типичные дефициты: %s", store_errmsg(s));
		rc = EXIT_REFUSED;
	}
	if (rc == EXIT_OK && !csv && note_compute(s, ctx->cfg, year, &note) != ST_OK) {
		cli_err("аналитическая справка: %s", store_errmsg(s));
		rc = EXIT_REFUSED;
	}
	memset(&t, 0, sizeof t);
	if (rc == EXIT_OK && (html || xlsx))
		views = xcalloc((size_t)ngroups + 1, sizeof *views);
	for (int i = 0; rc == EXIT_OK && i < ngroups; i++) {
		struct deficit_view v;
		if (html || xlsx) {
			note_group(s, note, groups[i].kind, groups[i].id, &views[i]);
			if (xlsx)
				note_table(&views[i], &t);
			continue;
		}
		deficits_group(s, d ? d : note_deficits(note), groups[i].kind, groups[i].id, &v);
		if (csv) {
			deficits_table(&v, &t);
		} else {
			struct note_view nv;
			add_text(&v, &buf, &len);
			note_group(s, note, groups[i].kind, groups[i].id, &nv);
			add_note_text(&nv, &buf, &len);
			note_view_free(&nv);
		}
		deficits_view_free(&v);
	}
	if (rc == EXIT_OK && html) {
		const struct note_view **pv = xcalloc((size_t)ngroups + 1, sizeof *pv);
		FILE *mem = open_memstream(&buf, &len);
		for (int i = 0; i < ngroups; i++)
			pv[i] = &views[i];
		if (mem == NULL || note_html(pv, ngroups, mem) != 0) {
			cli_err("аналитическая справка: %s", errtext_errno(errno));
			rc = EXIT_REFUSED;
		}
		if (mem)
			fclose(mem);
		free(pv);
	}
	if (rc == EXIT_OK && xlsx) {
		if (ngroups > 1) {
			free(t.caption);
			t.caption = xasprintf("Аналитическая справка: все группы, доступные пользователю, %d год", year);
		}
		if (report_render(&t, REPORT_XLSX, &buf, &len, e, sizeof e) != 0) {
			cli_err("аналитическая справка: %s", e);
			rc = EXIT_REFUSED;
		}
	}
	for (int i = 0; views && i < ngroups; i++)
		note_view_free(&views[i]);
	free(views);
	if (rc == EXIT_OK && csv) {
		if (ngroups > 1) {
			free(t.caption);
			t.caption = xasprintf("Все группы, доступные пользователю, %d год%s%s", year,
					      by == BY_NONE ? "" : ", ", by == BY_NONE ? "" : analytics_breakdown(by)->label);
		}
		if (report_render(&t, REPORT_CSV, &buf, &len, e, sizeof e) != 0) {
			cli_err("типичные дефициты: %s", e);
			rc = EXIT_REFUSED;
		}
	}
	report_table_free(&t);
	if (rc == EXIT_OK && path) {
		rc = cli_write_new_file(path, buf, len);
		if (rc == EXIT_OK) {
			char *clean = text_sanitize(path);
			printf("Сохранено в %s\n", clean);
			free(clean);
		}
	} else if (rc == EXIT_OK && (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0)) {
		cli_err("не удалось вывести: %s", errtext_errno(errno));
		rc = EXIT_REFUSED;
	}
	free(buf);
	free(groups);
	deficits_free(d);
	note_free(note);
	session_free(&ss);
	store_close(s);
	return rc;
}
