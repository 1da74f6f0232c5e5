/* The Omsk card templates (000): the ИППР table and the interview after a
 * course. Their rows are saved through the generic save path. */
#include "store.h"
#include "store_int.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void id_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":id", *(const int64_t *)ctx);
}

int store_ippr_page(struct store *s, int64_t iom_id, const struct page_req *r, struct page *out)
{
	static const struct listq q = {
		"SELECT i.id, printf('%04d%06d', b.sort, i.sort), b.short_name, i.actions,"
		" coalesce(i.expected_result, ''),"
		" coalesce(strftime('%d.%m.%Y', i.due_date), i.deadline, ''), i.archived",
		" FROM ippr_row i JOIN competency_block b ON b.id = i.block_id",
		"i.iom_id = :id AND i.archived = 0",
		"printf('%04d%06d', b.sort, i.sort)",
		"i.id", false
	};
	return store_run_page(s, &q, id_bind, &iom_id, r, out);
}

int store_interview_page(struct store *s, int64_t person_id, const struct page_req *r,
			 struct page *out)
{
	static const struct listq q = {
		"SELECT c.id, 'k' || (99999999 - CAST(replace(c.interview_date, '-', '') AS INTEGER)),"
		" strftime('%d.%m.%Y', c.interview_date), coalesce(c.course_title, ''),"
		" coalesce(c.level_now, '') || '|' || coalesce(c.level_planned, ''),"
		" coalesce(strftime('%d.%m.%Y', c.employer_followup_date), ''), c.archived",
		" FROM course_interview c",
		"c.person_id = :id AND c.archived = 0",
		"'k' || (99999999 - CAST(replace(c.interview_date, '-', '') AS INTEGER))",
		"c.id", false
	};
	int rc = store_run_page(s, &q, id_bind, &person_id, r, out);

	/* "now|planned" as labels: "применение по образцу → трансляция опыта". */
	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		char *raw = out->rows[i].cols[2], *bar = strchr(raw, '|');
		const char *now = "", *planned = "";
		if (bar) {
			*bar = '\0';
			now = *raw ? model_enum_label(model_mastery_levels, raw) : "—";
			planned = bar[1] ? model_enum_label(model_mastery_levels, bar + 1) : "—";
		}
		out->rows[i].cols[2] = xasprintf("%s → %s", now, planned);
		free(raw);
	}
	return rc;
}
