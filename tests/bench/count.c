/* The register's counts and pages and the login's archiving (issue 18),
 * measured in-process; included by bench.c (its report() and now_ms()).
 * Goals: a count or page of the whole region <= 200 ms at 30 000 and
 * <= 500 ms at 100 000 computed cold (each figure is the first after the
 * page cache was emptied by reopening), a scrolled line <= 5 ms at 100 000,
 * a login <= 100 ms at 100 000 whatever it archives; the page and count a
 * screen re-reads on the key after another session's commit within the
 * keystroke's 20 ms. */

static int64_t count_bench_int(struct store *s, const char *sql)
{
	sqlite3_stmt *q;
	int64_t v = 0;

	if (sqlite3_prepare_v2(store_db(s), sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* One register view: first page and count, then one line scrolled down
 * (the median of 21, the window's last row as the anchor). */
static void count_view(struct store *s, struct store *other, const char *name, const struct store_scope *sc,
		       const struct person_filter *pf, double goal, double line_goal)
{
	struct page_req first = { NULL, 0, +1, 20 };
	struct page p;
	double t0 = now_ms(), lines[21];
	char what[96], anchor[256] = "";
	int64_t anchor_id = 0;
	int n = 0;

	store_person_page(s, sc, pf, &first, &p);
	if (p.n > 0) {
		snprintf(anchor, sizeof anchor, "%s", p.rows[p.n - 1].key);
		anchor_id = p.rows[p.n - 1].id;
	}
	page_free(&p);
	store_person_count(s, sc, pf, &n);
	snprintf(what, sizeof what, "register %s: page and count (%d)", name, n);
	report_goal(what, now_ms() - t0, goal);
	/* Another session saves a card: the screen re-reads its page and
	 * count before the next key. */
	sqlite3_exec(store_db(other), "UPDATE iom SET version = version WHERE id = (SELECT min(id) FROM iom)",
		     NULL, NULL, NULL);
	t0 = now_ms();
	store_person_page(s, sc, pf, &first, &p);
	page_free(&p);
	store_person_count(s, sc, pf, &n);
	snprintf(what, sizeof what, "register %s: again after a card saved", name);
	report_goal(what, now_ms() - t0, 20);
	/* Another session saves a teacher: what the count reads changed. */
	sqlite3_exec(store_db(other), "UPDATE person SET category = category WHERE id = (SELECT max(id) FROM person)",
		     NULL, NULL, NULL);
	t0 = now_ms();
	store_person_page(s, sc, pf, &first, &p);
	page_free(&p);
	store_person_count(s, sc, pf, &n);
	snprintf(what, sizeof what, "register %s: again after a teacher saved", name);
	report_goal(what, now_ms() - t0, goal);
	for (int i = 0; i < 21; i++) {
		struct page_req line = { anchor[0] ? anchor : NULL, anchor_id, +1, 1 };
		double t1 = now_ms();
		store_person_page(s, sc, pf, &line, &p);
		lines[i] = now_ms() - t1;
		if (p.n > 0) {
			snprintf(anchor, sizeof anchor, "%s", p.rows[0].key);
			anchor_id = p.rows[0].id;
		}
		page_free(&p);
	}
	for (int i = 1; i < 21; i++)
		for (int j = i; j > 0 && lines[j] < lines[j - 1]; j--) {
			double x = lines[j];
			lines[j] = lines[j - 1];
			lines[j - 1] = x;
		}
	snprintf(what, sizeof what, "register %s: a scrolled line (median)", name);
	report_goal(what, lines[10], line_goal);
}

static void count_bench(const char *path, int teachers)
{
	char err[512], orgs[32], muns[32];
	struct store *s = store_open(path, true, err, sizeof err);
	bool big = teachers > 30000;
	double goal = big ? 500 : 200, line = 5;
	struct person_filter pf = { NULL, 0, NULL, NULL, false };
	struct store_scope all = { true, 0, 0, (char *)"[]", (char *)"[]" };
	struct store_scope mun = { false, 0, 0, (char *)"[]", muns };
	struct store_scope org = { false, 0, 0, orgs, (char *)"[]" };
	struct store_scope cur = { false, 0, 0, (char *)"[]", (char *)"[]" };
	static const char *const typed[] = { "и", "ив", "ива", "иван" };
	struct store *other;

	if (s == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		return;
	}
	printf("-- register and login, %d teachers (goals of issue 18)\n", teachers);
	snprintf(muns, sizeof muns, "[%lld]", (long long)count_bench_int(s, "SELECT min(id) FROM municipality"));
	snprintf(orgs, sizeof orgs, "[%lld]", (long long)count_bench_int(s,
		 "SELECT org_id FROM person WHERE org_id IS NOT NULL GROUP BY org_id ORDER BY count(*) DESC LIMIT 1"));
	cur.curator_person = count_bench_int(s, "SELECT curator_id FROM iom WHERE archived = 0 AND curator_id IS NOT NULL"
					     " GROUP BY curator_id ORDER BY count(*) DESC LIMIT 1");
	cur.self_person = cur.curator_person;
	/* Cold: a fresh connection, nothing in its page cache; another
	 * session's beside it. */
	store_close(s);
	s = store_open(path, true, err, sizeof err);
	other = store_open(path, true, err, sizeof err);
	count_view(s, other, "whole region", &all, &pf, goal, line);
	count_view(s, other, "a municipality", &mun, &pf, goal, line);
	count_view(s, other, "a school", &org, &pf, goal, line);
	count_view(s, other, "a curator", &cur, &pf, goal, line);
	pf.archived = true;
	count_view(s, other, "archive, whole region", &all, &pf, goal, line);
	pf.archived = false;
	pf.category = "highest";
	count_view(s, other, "category filter, region", &all, &pf, goal, line);
	pf.category = NULL;
	pf.subject = "математ";
	count_view(s, other, "subject filter, region", &all, &pf, goal, line);
	pf.subject = NULL;
	/* Typing a surname: each key a page of the region and its count. */
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
		char what[64];
		pf.search = typed[i];
		snprintf(what, sizeof what, "search «%s»", typed[i]);
		count_view(s, other, what, &all, &pf, goal, line);
	}
	pf.search = NULL;
	{
		/* A key while typing (the page's plan and count), median of 15. */
		double t[15];
		struct page_req first = { NULL, 0, +1, 20 };
		struct page p;
		int n;
		pf.search = "ива";
		for (int i = 0; i < 15; i++) {
			double t0 = now_ms();
			store_person_page(s, &all, &pf, &first, &p);
			page_free(&p);
			store_person_count(s, &all, &pf, &n);
			t[i] = now_ms() - t0;
		}
		pf.search = NULL;
		for (int i = 1; i < 15; i++)
			for (int j = i; j > 0 && t[j] < t[j - 1]; j--) {
				double x = t[j];
				t[j] = t[j - 1];
				t[j - 1] = x;
			}
		report_goal("register search «ива», a key (median, warm)", t[7], line);
	}
	store_close(other);
	store_close(s);
}

/* The login's housekeeping: the first after the region was built (on a
 * copy, so the bench database stays as built), then the next. */
static void count_login_bench(const char *path, int teachers, const struct config *cfg)
{
	char err[512], copy[512], today[11];
	struct store *s;
	const struct actor sys = { 0, "система", "bench" };
	int n = 0;
	double t0;

	snprintf(copy, sizeof copy, "%s.login", path);
	unlink(copy);
	s = store_open(path, true, err, sizeof err);
	if (s == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		return;
	}
	{
		char *sql = sqlite3_mprintf("VACUUM INTO %Q", copy);
		int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		store_close(s);
		if (rc != SQLITE_OK) {
			fprintf(stderr, "bench: no copy of %s\n", path);
			return;
		}
	}
	today_iso(today);
	s = store_open(copy, true, err, sizeof err);
	if (s == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		unlink(copy);
		return;
	}
	t0 = now_ms();
	store_iom_archive_due(s, &sys, cfg->iom_keep_months, today, &n);
	{
		char what[96];
		snprintf(what, sizeof what, "archiving a backlog of %d cards (init does it)", n);
		printf("%-58s %8.1f ms  (one transaction; was one per card)\n", what, now_ms() - t0);
	}
	store_close(s);
	t0 = now_ms();
	s = store_open(copy, true, err, sizeof err);
	if (s == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		unlink(copy);
		return;
	}
	printf("%-58s %8.1f ms\n", "login: opening the database", now_ms() - t0);
	t0 = now_ms();
	store_iom_archive_due(s, &sys, cfg->iom_keep_months, today, &n);
	report_goal("login: the archive's check, nothing due", now_ms() - t0, 1);
	{
		/* A day's worth: the cards completed on the cutoff's day. */
		char what[96];
		sqlite3_exec(store_db(s), "UPDATE iom SET archived = 0 WHERE id IN (SELECT id FROM iom WHERE archived = 1"
			      " AND status = 'completed' ORDER BY completed_date DESC LIMIT 40)", NULL, NULL, NULL);
		t0 = now_ms();
		store_iom_archive_due(s, &sys, cfg->iom_keep_months, today, &n);
		snprintf(what, sizeof what, "login: archiving a day's cards (%d)", n);
		report_goal(what, now_ms() - t0, 100);
	}
	store_close(s);
	(void)teachers;
	unlink(copy);
}
