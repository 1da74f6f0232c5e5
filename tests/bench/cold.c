/* Every screen and report for the whole region computed cold (issue 18),
 * on the demo regions of make bench (one database per scale): what a user
 * meets first after someone writes to every table it reads. Before each
 * figure every kept figure is cleared (figure_cache, deficit_cache) and
 * every table's counter is moved, so that nothing kept in the file or in
 * the connection (the counts remembered while the counters stay) is used.
 * The connection is a session's (store_set_session_memory: its page cache),
 * opened once per region, as a server's long-lived session is. A figure is
 * the CPU time of this process (getrusage: the machine is shared, the wall
 * clock is not this program's), the median of three. Goal: ≤ 200 ms at
 * 30 000 teachers and below, ≤ 500 ms above. Then a login's housekeeping
 * at every scale (the archive's check and a day's cards archived, on a
 * copy: ≤ 100 ms at 100 000). Included by bench.c
 * (`bench --cold N DB [N DB ...]`). */
#include <sys/resource.h>

#include "note.h"

enum { COLD_RUNS = 3, COLD_MAX_SCALES = 8, COLD_MAX_FIGURES = 32 };

static double cpu_ms(void)
{
	struct rusage r;

	getrusage(RUSAGE_SELF, &r);
	return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1000.0 + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1000.0;
}

/* Nothing kept: every kept figure gone, every table's counter moved. */
static void cold_forget(struct store *s)
{
	sqlite3_exec(store_db(s), "DELETE FROM figure_cache; DELETE FROM deficit_cache;"
		     " UPDATE data_stamp SET n = n + 1", NULL, NULL, NULL);
}

struct cold_ctx {
	struct store *s;
	struct config *cfg;
	const struct calendar *cal;
	int year;
};

/* The screens: the register (first page and count), the deadline radar
 * (first page and count), monitoring (the year's figures of every indicator
 * as the screen shows them, decided for the region), typical deficits by
 * subject and as a whole, the analytic note (the region). */
static void cold_register(struct cold_ctx *c)
{
	struct store_scope all = { true, 0, 0, (char *)"[]", (char *)"[]" };
	struct person_filter pf = { NULL, 0, NULL, NULL, false };
	struct page_req first = { NULL, 0, +1, 20 };
	struct page p;
	int n;

	store_person_page(c->s, &all, &pf, &first, &p);
	page_free(&p);
	store_person_count(c->s, &all, &pf, &n);
}

static void cold_radar(struct cold_ctx *c)
{
	struct store_scope all = { true, 0, 0, (char *)"[]", (char *)"[]" };
	struct radar_cutoffs cut;
	struct radar_filter rf = { &cut, true, 0 };
	struct page_req top = { NULL, 0, +1, 20 };
	struct page p;
	char today[11];
	int y, m, d, n;

	today_iso(today);
	date_parse_iso(today, &y, &m, &d);
	radar_cutoffs(c->cal, c->cfg, date_to_days(y, m, d), 10, &cut);
	store_radar_page(c->s, &all, &rf, &top, &p);
	page_free(&p);
	store_radar_count(c->s, &all, &rf, &n);
}

static void cold_monitoring(struct cold_ctx *c)
{
	struct indicator_row rows[64];
	int n = store_indicator_list(c->s, rows, 64);
	int wide = store_wide_begin(c->s);   /* as the screen does (screens/monitoring.c) */

	if (getenv("COLD_EACH")) {   /* each formula's CPU ms, for profiling (then kept) */
		struct indicator_figure f;
		for (int i = 0; i < n; i++) {
			double t0 = cpu_ms();
			indicator_figure_get(c->s, c->cfg, rows[i].formula, c->year, "region", 0, &f);
			fprintf(stderr, "%-28s %6.1f ms\n", rows[i].formula, cpu_ms() - t0);
		}
	}
	screen_indicators(c->s, c->cfg, rows, n, c->year, "region", 0, false);
	store_wide_end(c->s, wide);
	store_indicator_rows_free(rows, n);
}

static void cold_deficits_by(struct cold_ctx *c, int by)
{
	struct deficit_query dq = { "region", 0, c->year, by };
	struct deficit_view dv;

	deficits_view(c->s, c->cfg, &dq, &dv);
	deficits_view_free(&dv);
}

static void cold_deficits(struct cold_ctx *c)
{
	cold_deficits_by(c, BY_SUBJECT);
}

static void cold_whole(struct cold_ctx *c)
{
	cold_deficits_by(c, BY_NONE);
}

/* The analytic note as its screen and `marshrut analytics` (txt, html)
 * compute it: the results by element and block, and typical deficits. */
static void cold_note(struct cold_ctx *c)
{
	struct note_view v;

	note_view(c->s, c->cfg, "region", 0, c->year, &v);
	note_view_free(&v);
}

struct cold_figure {
	char what[80];
	void (*run)(struct cold_ctx *c);
	const char *report;   /* or a report of `marshrut report list` */
	double ms[COLD_MAX_SCALES];
};

/* COLD_TRACE: each statement's wall ms and its text (for profiling). */
static int cold_trace(unsigned what, void *ctx, void *p, void *x)
{
	(void)ctx;
	if (what == SQLITE_TRACE_PROFILE && *(sqlite3_int64 *)x > 2000000) {
		char *sql = sqlite3_expanded_sql(p);
		fprintf(stderr, "%8.1f ms  %.300s\n", *(sqlite3_int64 *)x / 1e6, sql ? sql : "");
		sqlite3_free(sql);
	}
	return 0;
}

static double cold_once(struct cold_ctx *c, const struct cold_figure *f)
{
	double t0;

	cold_forget(c->s);
	t0 = cpu_ms();
	if (f->run) {
		f->run(c);
	} else {
		struct report_table t;
		store_report_build(c->s, c->cfg, f->report, c->year, "region", 0, &t);
		report_table_free(&t);
	}
	return cpu_ms() - t0;
}

static double cold_goal(int teachers)
{
	return teachers > 30000 ? 500 : 200;
}

static int cold_bench(int argc, char **argv, struct config *cfg, const struct calendar *cal)
{
	struct cold_figure f[COLD_MAX_FIGURES] = {
		{ "register: first page and count", cold_register, NULL, { 0 } },
		{ "deadline radar: first page and count", cold_radar, NULL, { 0 } },
		{ "monitoring: the year's figures, every indicator", cold_monitoring, NULL, { 0 } },
		{ "typical deficits by subject", cold_deficits, NULL, { 0 } },
		{ "typical deficits, the group as a whole", cold_whole, NULL, { 0 } },
		{ "the analytic note (elements, blocks, deficits)", cold_note, NULL, { 0 } },
	};
	int nf = 6, ns = 0, teachers[COLD_MAX_SCALES];
	const struct report_def *defs;
	int nd;

	defs = report_list(&nd);
	for (int i = 0; i < nd && nf < COLD_MAX_FIGURES; i++, nf++) {
		snprintf(f[nf].what, sizeof f[nf].what, "report %s", defs[i].name);
		f[nf].report = defs[i].name;
	}
	for (int a = 0; a + 1 < argc && ns < COLD_MAX_SCALES; a += 2, ns++) {
		char err[256];
		struct store *s = store_open(argv[a + 1], false, err, sizeof err);
		struct cold_ctx c = { s, cfg, cal, 2024 };

		teachers[ns] = atoi(argv[a]);
		if (s == NULL) {
			fprintf(stderr, "bench: %s\n", err);
			return 1;
		}
		store_set_session_memory(s);
		if (getenv("COLD_TRACE"))
			sqlite3_trace_v2(store_db(s), SQLITE_TRACE_PROFILE, cold_trace, NULL);
		if (getenv("COLD_PRAGMA"))
			sqlite3_exec(store_db(s), getenv("COLD_PRAGMA"), NULL, NULL, NULL);
		for (int i = 0; i < nf; i++) {
			if (getenv("COLD_ONLY") && strstr(f[i].what, getenv("COLD_ONLY")) == NULL)
				continue;
			double ms[COLD_RUNS];
			for (int r = 0; r < COLD_RUNS; r++)
				ms[r] = cold_once(&c, &f[i]);
			qsort(ms, COLD_RUNS, sizeof ms[0], cmp_ms);
			f[i].ms[ns] = ms[COLD_RUNS / 2];
		}
		store_close(s);
	}
	printf("\nEvery region-wide screen and report computed cold (every kept figure cleared, every table's\n"
	       "counter moved first): CPU ms of the computation, median of %d, on a session's connection.\n\n",
	       COLD_RUNS);
	printf("| %-48s | ", "figure, CPU ms");
	for (int j = 0; j < ns; j++)
		printf("%9d ", teachers[j]);
	printf("| %-22s |        |\n|%.*s|", "target", 50,
	       "--------------------------------------------------------------------");
	for (int j = 0; j < ns; j++)
		printf("----------");
	printf("-|------------------------|--------|\n");
	for (int i = 0; i < nf; i++) {
		bool ok = true;
		printf("| %-48s | ", f[i].what);
		for (int j = 0; j < ns; j++) {
			printf("%9.1f ", f[i].ms[j]);
			ok = ok && f[i].ms[j] <= cold_goal(teachers[j]);
		}
		printf("| %-22s | %-6s |\n", "<= 200 (500 > 30000)", ok ? "ok" : "MISSES");
	}
	/* A login's housekeeping at every scale (count.c: on a copy). */
	for (int j = 0; j < ns; j++) {
		printf("\nA login at %d teachers:\n", teachers[j]);
		count_login_bench(argv[2 * j + 1], teachers[j], cfg);
	}
	return 0;
}
