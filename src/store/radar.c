/* The deadline radar in one paged query: a UNION of the rules, each
 * selecting the rows whose base date is on or before the rule's cut-off
 * (computed from the working-day calendar by radar.c), within the scope. */
#include "store.h"
#include "store_int.h"
#include "radar.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Each branch: id, sort key (kind, base date, row id), base, kind, who, detail. */
static const char union_sql[] =
	" (SELECT a.id AS id, '01' || a.received_date || printf('%012d', a.id) AS k,"
	"   a.received_date AS base, 1 AS kind,"
	"   coalesce(a.applicant_name, '') || coalesce(' — ' || coalesce(o.short_name, o.name), '') AS who,"
	"   'получена ' || strftime('%d.%m.%Y', a.received_date) AS detail"
	"  FROM diagnostic_application a LEFT JOIN organisation o ON o.id = a.org_id"
	"  WHERE :apps AND a.archived = 0 AND a.contacted_date IS NULL"
	"   AND a.state NOT IN ('declined', 'cancelled', 'results_given') AND a.received_date <= :c1"
	"   AND (:sc_all OR (a.org_id IS NOT NULL AND ORGSCOPE))"
	" UNION ALL"
	" SELECT a.id, printf('%02d', 2 + a.ordered_by_authority) || a.diagnostic_date || printf('%012d', a.id),"
	"   a.diagnostic_date, 2 + a.ordered_by_authority,"
	"   coalesce(a.applicant_name, '') || coalesce(' — ' || coalesce(o.short_name, o.name), ''),"
	"   'диагностика ' || strftime('%d.%m.%Y', a.diagnostic_date)"
	"  FROM diagnostic_application a LEFT JOIN organisation o ON o.id = a.org_id"
	"  WHERE :apps AND a.archived = 0 AND a.diagnostic_date IS NOT NULL AND a.results_date IS NULL"
	"   AND a.state NOT IN ('declined', 'cancelled', 'results_given')"
	"   AND a.diagnostic_date <= CASE a.ordered_by_authority WHEN 1 THEN :c3 ELSE :c2 END"
	"   AND (:sc_all OR (a.org_id IS NOT NULL AND ORGSCOPE))"
	" UNION ALL"
	" SELECT i.id, '04' || d.diag_date || printf('%012d', i.id), d.diag_date, 4, i.number || ' — ' || " STORE_FIO("p") ","
	"   'диагностика ' || strftime('%d.%m.%Y', d.diag_date)"
	"  FROM iom i JOIN diagnostic d ON d.id = i.entry_diagnostic_id JOIN person p ON p.id = i.person_id"
	"  LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE i.archived = 0 AND i.status = 'draft' AND d.diag_date <= :c4 AND PERSONSCOPE"
	" UNION ALL"
	/* A diagnostic handed to a developer and no card built from it yet:
	 * the same 10 days, his (the key's 'D' tells the row opens the diagnostic). */
	" SELECT d.id, '04' || d.diag_date || 'D' || printf('%012d', d.id), d.diag_date, 4,"
	"   'диагностика — ' || " STORE_FIO("p") ", 'карту строит ' || " STORE_FIO("dev") ""
	"  FROM diagnostic d JOIN person p ON p.id = d.person_id JOIN person dev ON dev.id = d.developer_id"
	"  LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE d.developer_id IS NOT NULL AND d.archived = 0 AND d.diag_date <= :c4 AND PERSONSCOPE"
	"   AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.entry_diagnostic_id = d.id AND i.archived = 0)"
	" UNION ALL"
	/* A diagnostic no one was handed yet and no card built from it: the 10
	 * days run from the diagnostic all the same (§4.3.2), for whoever may
	 * build it. An entry or comprehensive diagnostic taken at the centre
	 * (not a self-diagnosis), the teacher's latest, with no card of his
	 * open; within a year (an older one awaits a new diagnostic, not a
	 * card). The application it answers, if any, is named: the radar
	 * follows the application to the card. */
	" SELECT d.id, '04' || d.diag_date || 'D' || printf('%012d', d.id), d.diag_date, 4,"
	"   'диагностика — ' || " STORE_FIO("p") ","
	"   'разработчик не назначен' || coalesce(', заявка № ' || nullif(da.number, ''), '')"
	"  FROM diagnostic d JOIN person p ON p.id = d.person_id LEFT JOIN organisation o ON o.id = p.org_id"
	"  LEFT JOIN diagnostic_application da ON da.id = d.application_id"
	"  WHERE d.developer_id IS NULL AND d.archived = 0 AND d.kind IN ('entry', 'comprehensive')"
	"   AND d.form <> 'self' AND d.diag_date <= :c4 AND d.diag_date > date(:c4, '-1 year') AND PERSONSCOPE"
	"   AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.entry_diagnostic_id = d.id AND i.archived = 0)"
	"   AND NOT EXISTS (SELECT 1 FROM diagnostic l WHERE l.person_id = d.person_id AND l.archived = 0"
	"    AND l.kind IN ('entry', 'comprehensive', 'final') AND l.form <> 'self'"
	"    AND (l.diag_date > d.diag_date OR (l.diag_date = d.diag_date AND l.id > d.id)))"
	"   AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.person_id = d.person_id AND i.archived = 0"
	"    AND i.status NOT IN ('completed', 'cancelled'))"
	" UNION ALL"
	" SELECT i.id, '05' || i.review_sent_date || printf('%012d', i.id), i.review_sent_date, 5,"
	"   i.number || ' — ' || " STORE_FIO("p") ", 'на согласовании с ' || strftime('%d.%m.%Y', i.review_sent_date)"
	"  FROM iom i JOIN person p ON p.id = i.person_id LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE i.archived = 0 AND i.status = 'review' AND i.review_sent_date <= :c5 AND PERSONSCOPE"
	" UNION ALL"
	" SELECT i.id, '06' || t.end_date || printf('%012d', t.id), t.end_date, 6,"
	"   i.number || ' — ' || " STORE_FIO("p") ", t.activity"
	"  FROM iom_activity t JOIN iom i ON i.id = t.iom_id JOIN person p ON p.id = i.person_id"
	"  LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE t.archived = 0 AND t.done IS NULL AND t.end_date IS NOT NULL AND t.end_date <= :c6"
	"   AND i.archived = 0 AND i.status IN ('approved', 'in_progress', 'prolonged') AND PERSONSCOPE"
	" UNION ALL"
	" SELECT i.id, '07' || i.end_date || printf('%012d', i.id), i.end_date, 7,"
	"   i.number || ' — ' || " STORE_FIO("p") ", 'окончание ' || strftime('%d.%m.%Y', i.end_date)"
	"  FROM iom i JOIN person p ON p.id = i.person_id LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE i.archived = 0 AND i.status IN ('in_progress', 'prolonged') AND i.final_diagnostic_id IS NULL"
	"   AND i.end_date IS NOT NULL AND i.end_date <= :c7 AND PERSONSCOPE"
	" UNION ALL"
	" SELECT p.id, '08' || lc.last || printf('%012d', p.id), lc.last, 8, " STORE_FIO("p") ","
	"   'последний курс ' || strftime('%d.%m.%Y', lc.last)"
	"  FROM (SELECT person_id, max(end_date) AS last FROM course WHERE archived = 0 GROUP BY person_id) lc"
	"  JOIN person p ON p.id = lc.person_id LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE p.archived = 0 AND lc.last <= :c8 AND PERSONSCOPE"
	" UNION ALL"
	" SELECT p.id, '09' || lc.last || printf('%012d', p.id), lc.last, 9, " STORE_FIO("p") ","
	"   'комплексная ' || strftime('%d.%m.%Y', lc.last)"
	"  FROM (SELECT person_id, max(diag_date) AS last FROM diagnostic"
	"        WHERE archived = 0 AND kind = 'comprehensive' GROUP BY person_id) lc"
	"  JOIN person p ON p.id = lc.person_id LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE p.archived = 0 AND lc.last <= :c9 AND PERSONSCOPE"
	" UNION ALL"
	/* Changes after approval not signed by all three (§5.11): since the
	 * oldest, and whose signatures they await. */
	" SELECT i.id, '11' || date(min(c.at)) || printf('%012d', i.id), date(min(c.at)), 11,"
	"   i.number || ' — ' || " STORE_FIO("p") ","
	"   'ждут подписи: ' || rtrim(CASE WHEN sum(c.curator_confirmed_at IS NULL) > 0 THEN 'куратор, ' ELSE '' END"
	"   || CASE WHEN sum(c.head_confirmed_at IS NULL) > 0 THEN 'руководитель ОО, ' ELSE '' END"
	"   || CASE WHEN sum(c.teacher_confirmed_at IS NULL) > 0 THEN 'педагог, ' ELSE '' END, ', ')"
	"  FROM iom_change c JOIN iom i ON i.id = c.iom_id JOIN person p ON p.id = i.person_id"
	"  LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE (c.curator_confirmed_at IS NULL OR c.head_confirmed_at IS NULL OR c.teacher_confirmed_at IS NULL)"
	"   AND i.archived = 0 AND i.status IN ('approved', 'in_progress', 'prolonged') AND PERSONSCOPE"
	"  GROUP BY i.id HAVING date(min(c.at)) <= :c11"
	" UNION ALL"
	" SELECT o.id, '10' || t.granted_to || printf('%012d', t.id), t.granted_to, 10,"
	"   coalesce(o.short_name, o.name) || ': ' || t.topic, 'до ' || strftime('%d.%m.%Y', t.granted_to)"
	"  FROM internship_site t JOIN organisation o ON o.id = t.org_id"
	"  WHERE t.state = 'granted' AND t.granted_to <= :c10 AND ORGSCOPE) r";

struct radar_bind {
	const struct store_scope *sc;
	const struct radar_filter *f;
};

static void radar_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct radar_bind *b = ctx;
	char name[8];

	store_bind_scope(st, b->sc);
	store_bind_named_int(st, ":apps", b->f->applications);
	store_bind_named_int(st, ":kind", b->f->kind);
	for (int k = 1; k < RADAR_KINDS; k++) {
		snprintf(name, sizeof name, ":c%d", k);
		store_bind_named_text(st, name, b->f->cut->date[k]);
	}
}

/* The union with the two scope conditions put in their places. */
static const struct listq *radar_q(void)
{
	static struct listq q;
	static char *from;

	if (from == NULL) {
		char *a = NULL, *b = xstrdup(union_sql);
		const char *marks[2] = { "PERSONSCOPE", "ORGSCOPE" };
		const char *with[2] = { store_scope_sql, store_org_scope_sql };
		for (int m = 0; m < 2; m++) {
			char *at;
			while ((at = strstr(b, marks[m])) != NULL) {
				*at = '\0';
				a = xasprintf("%s%s%s", b, with[m], at + strlen(marks[m]));
				free(b);
				b = a;
			}
		}
		from = xasprintf(" FROM%s", b);
		free(b);
		q.select = "SELECT r.id, r.k, r.base, r.kind, r.who, r.detail, 0";
		q.from = from;
		q.where = "(:kind = 0 OR r.kind = :kind)";
		q.key = "r.k";
		q.id = "r.id";
	}
	return &q;
}

int store_radar_page(struct store *s, const struct store_scope *sc, const struct radar_filter *f,
		     const struct page_req *r, struct page *out)
{
	struct radar_bind b = { sc, f };
	return store_run_page(s, radar_q(), radar_bind, &b, r, out);
}

int store_radar_count(struct store *s, const struct store_scope *sc, const struct radar_filter *f,
		      int *count)
{
	struct radar_bind b = { sc, f };
	return store_run_count(s, radar_q(), radar_bind, &b, count);
}
