/* Change counters of the tables kept results are computed from (schema
 * step 6): a trigger bumps a table's counter in the transaction that
 * changes it, so the sum over a result's tables tells whether it is
 * still current. */
#include "store_int.h"
#include "util.h"

#include <string.h>

/* The counted tables in bit order (T_* in store_int.h). */
static const char *const stamp_tables[] = {
	"person", "organisation", "municipality", "iom", "course", "diagnostic", "mentoring_pair",
	"mentoring_survey", "innovation", "participation", "staffing_need", "staff_count",
	"recommendation", "diagnostic_deficit", "diagnostic_block", "deficit_code", "competency_block",
};

int64_t store_tables_stamp(struct store *s, unsigned mask)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT tbl, n FROM data_stamp");
	int64_t sum = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		for (size_t i = 0; t && i < NITEMS(stamp_tables); i++)
			if ((mask & (1u << i)) && strcmp(t, stamp_tables[i]) == 0)
				sum += sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return sum;
}
