/* The dates of a person the deadline radar reads (store/radar.c), kept in
 * person_due by triggers on course, diagnostic, iom and person (schema
 * step 22) so that the radar's per-person kinds are index ranges instead
 * of a grouping of every course and diagnostic of the region:
 * - last_course: his latest course (the three years of RADAR_COURSE_3Y);
 * - last_comprehensive: his latest comprehensive diagnostic (RADAR_COMPREHENSIVE_3Y);
 * - awaiting_diag_id, awaiting_diag_date: the diagnostic that awaits a
 *   card no one was handed yet (RADAR_IOM_DEVELOP, §4.3.2): his latest
 *   entry, comprehensive or final diagnostic taken at the centre (not a
 *   self-diagnosis; by date, then record) when it is an entry or a
 *   comprehensive one, no developer is named on it, no card is built from
 *   it and no card of his is open.
 * The rule exists once: this SELECT (append " WHERE p.id = ..." for some
 * persons) fills the table, refreshes a person's row, and serves as the
 * from-scratch computation the kept rows are checked against. */
#ifndef MARSHRUT_STORE_RADAR_DUE_H
#define MARSHRUT_STORE_RADAR_DUE_H

/* The id of person pid's latest entry, comprehensive or final diagnostic
 * taken at the centre (by date, then record). */
#define RADAR_CENTRE_LATEST(pid) \
	"(SELECT y.id FROM diagnostic y WHERE y.person_id = " pid " AND y.archived = 0" \
	" AND y.kind IN ('entry', 'comprehensive', 'final') AND y.form <> 'self'" \
	" ORDER BY y.diag_date DESC, y.id DESC LIMIT 1)"

#define RADAR_PERSON_DATES \
	"SELECT p.id AS person_id," \
	" (SELECT max(c.end_date) FROM course c WHERE c.person_id = p.id AND c.archived = 0) AS last_course," \
	" (SELECT max(x.diag_date) FROM diagnostic x WHERE x.person_id = p.id AND x.archived = 0" \
	"   AND x.kind = 'comprehensive') AS last_comprehensive," \
	" l.id AS awaiting_diag_id, l.diag_date AS awaiting_diag_date" \
	" FROM person p LEFT JOIN diagnostic l ON l.id = " RADAR_CENTRE_LATEST("p.id") \
	"  AND l.kind IN ('entry', 'comprehensive') AND l.developer_id IS NULL" \
	"  AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.entry_diagnostic_id = l.id AND i.archived = 0)" \
	"  AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.person_id = p.id AND i.archived = 0" \
	"   AND i.status NOT IN ('completed', 'cancelled'))"

/* A trigger's statement: the rows of the persons p the condition names
 * (p.id = ... OR p.id = ...) recomputed, written only where they change (a
 * save that moves no date writes nothing). */
#define RADAR_DUE_REFRESH(cond) \
	"INSERT INTO person_due (person_id, last_course, last_comprehensive, awaiting_diag_id," \
	" awaiting_diag_date) " RADAR_PERSON_DATES " WHERE " cond \
	" ON CONFLICT (person_id) DO UPDATE SET last_course = excluded.last_course," \
	" last_comprehensive = excluded.last_comprehensive, awaiting_diag_id = excluded.awaiting_diag_id," \
	" awaiting_diag_date = excluded.awaiting_diag_date" \
	" WHERE last_course IS NOT excluded.last_course OR last_comprehensive IS NOT excluded.last_comprehensive" \
	" OR awaiting_diag_id IS NOT excluded.awaiting_diag_id OR awaiting_diag_date IS NOT excluded.awaiting_diag_date;"

#endif
