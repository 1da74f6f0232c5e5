/* The parts of each teacher's latest diagnostics, kept (issue 18). The
 * element results of each teacher's latest diagnostics: the
 * analytic note reads, for a year, the results of every diagnostic kept
 * in diag_latest (store/deficit_counts.h); scattered among all the years'
 * results they cost a read of nearly every page of diagnostic_element
 * when computed cold. elem_latest keeps them, one row per latest
 * diagnostic (year, kind, person) and element, clustered by year and kind:
 * what the note counts (not archived, with a score and a maximum). Kept
 * by triggers as diag_latest changes (a latest diagnostic taken, replaced
 * or gone) and as a result is saved, changed or deleted. ELEM_LATEST_OF is
 * the rule itself: it fills the table and is the from-scratch computation
 * the tests compare with. */
#ifndef STORE_ELEM_LATEST_H
#define STORE_ELEM_LATEST_H

#define ELEM_LATEST_COLS "year, kind, person_id, code_id, diag_id, score, max_score"
#define ELEM_LATEST_OF \
	"SELECT l.year, l.kind, l.person_id, e.deficit_code_id, l.diag_id, e.score, e.max_score" \
	" FROM diag_latest l JOIN diagnostic_element e ON e.diagnostic_id = l.diag_id" \
	" WHERE e.archived = 0 AND e.score IS NOT NULL AND e.max_score IS NOT NULL"

/* A result r (OLD or NEW of diagnostic_element): its row taken out, or
 * written when its diagnostic is a latest one. */
#define ELEM_LATEST_OUT(r) \
	"DELETE FROM elem_latest WHERE diag_id = " r ".diagnostic_id AND code_id = " r ".deficit_code_id" \
	" AND (year, kind, person_id) IN (SELECT CAST(substr(d.diag_date, 1, 4) AS INTEGER), d.kind," \
	" d.person_id FROM diagnostic d WHERE d.id = " r ".diagnostic_id);"
#define ELEM_LATEST_IN(r) \
	"INSERT OR REPLACE INTO elem_latest (" ELEM_LATEST_COLS ")" \
	" SELECT l.year, l.kind, l.person_id, " r ".deficit_code_id, l.diag_id, " r ".score, " r ".max_score" \
	" FROM diagnostic d JOIN diag_latest l ON l.year = CAST(substr(d.diag_date, 1, 4) AS INTEGER)" \
	" AND l.kind = d.kind AND l.person_id = d.person_id AND l.diag_id = d.id" \
	" WHERE d.id = " r ".diagnostic_id AND " r ".archived = 0 AND " r ".score IS NOT NULL" \
	" AND " r ".max_score IS NOT NULL;"
/* A latest diagnostic r (OLD or NEW of diag_latest): its results taken
 * out, or written. */
#define ELEM_LATEST_DROP(r) \
	"DELETE FROM elem_latest WHERE year = " r ".year AND kind = " r ".kind AND person_id = " r ".person_id;"
#define ELEM_LATEST_TAKE(r) \
	"INSERT OR REPLACE INTO elem_latest (" ELEM_LATEST_COLS ") " ELEM_LATEST_OF \
	" AND l.year = " r ".year AND l.kind = " r ".kind AND l.person_id = " r ".person_id;"

/* The same for typical deficits (store/analytics.c): the deficit codes
 * (code_latest) and the blocks' levels, when set (block_latest), of each
 * latest diagnostic, clustered by year and kind. */
#define CODE_LATEST_COLS "year, kind, person_id, code_id, diag_id"
#define CODE_LATEST_OF \
	"SELECT l.year, l.kind, l.person_id, dd.deficit_code_id, l.diag_id" \
	" FROM diag_latest l JOIN diagnostic_deficit dd ON dd.diagnostic_id = l.diag_id WHERE 1"
#define BLOCK_LATEST_COLS "year, kind, person_id, block_id, diag_id, level"
#define BLOCK_LATEST_OF \
	"SELECT l.year, l.kind, l.person_id, b.block_id, l.diag_id, b.level" \
	" FROM diag_latest l JOIN diagnostic_block b ON b.diagnostic_id = l.diag_id WHERE b.level IS NOT NULL"

/* The latest diagnostic of a year, kind and teacher is in diag_latest as
 * l: a row r of a diagnostic's part (OLD or NEW) whose diagnostic is one. */
#define LATEST_OF_PART(r) \
	" FROM diagnostic d JOIN diag_latest l ON l.year = CAST(substr(d.diag_date, 1, 4) AS INTEGER)" \
	" AND l.kind = d.kind AND l.person_id = d.person_id AND l.diag_id = d.id" \
	" WHERE d.id = " r ".diagnostic_id"
#define LATEST_KEY_OF_PART(r) \
	" AND diag_id = " r ".diagnostic_id AND (year, kind, person_id) IN" \
	" (SELECT CAST(substr(d.diag_date, 1, 4) AS INTEGER), d.kind, d.person_id FROM diagnostic d" \
	" WHERE d.id = " r ".diagnostic_id);"
#define CODE_LATEST_OUT(r) \
	"DELETE FROM code_latest WHERE code_id = " r ".deficit_code_id" LATEST_KEY_OF_PART(r)
#define CODE_LATEST_IN(r) \
	"INSERT OR REPLACE INTO code_latest (" CODE_LATEST_COLS ")" \
	" SELECT l.year, l.kind, l.person_id, " r ".deficit_code_id, l.diag_id" LATEST_OF_PART(r) ";"
#define BLOCK_LATEST_OUT(r) \
	"DELETE FROM block_latest WHERE block_id = " r ".block_id" LATEST_KEY_OF_PART(r)
#define BLOCK_LATEST_IN(r) \
	"INSERT OR REPLACE INTO block_latest (" BLOCK_LATEST_COLS ")" \
	" SELECT l.year, l.kind, l.person_id, " r ".block_id, l.diag_id, " r ".level" LATEST_OF_PART(r) \
	" AND " r ".level IS NOT NULL;"
#define PARTS_LATEST_DROP(r) \
	ELEM_LATEST_DROP(r) \
	" DELETE FROM code_latest WHERE year = " r ".year AND kind = " r ".kind AND person_id = " r ".person_id;" \
	" DELETE FROM block_latest WHERE year = " r ".year AND kind = " r ".kind AND person_id = " r ".person_id;"
#define PARTS_LATEST_TAKE(r) \
	ELEM_LATEST_TAKE(r) \
	" INSERT OR REPLACE INTO code_latest (" CODE_LATEST_COLS ") " CODE_LATEST_OF \
	" AND l.year = " r ".year AND l.kind = " r ".kind AND l.person_id = " r ".person_id;" \
	" INSERT OR REPLACE INTO block_latest (" BLOCK_LATEST_COLS ") " BLOCK_LATEST_OF \
	" AND l.year = " r ".year AND l.kind = " r ".kind AND l.person_id = " r ".person_id;"

/* A teacher's class for typical deficits (position, subjects) with what
 * they are counted by (organisation, archived), kept apart from his wide
 * row: a cold computation reads a few pages, not most of person's. */
#define PERSON_CLS_COLS "id, archived, org_id, subjects, position"
#define PERSON_CLS_PUT(r) \
	"INSERT OR REPLACE INTO person_cls (" PERSON_CLS_COLS ") VALUES (" r ".id, " r ".archived, " r ".org_id," \
	" " r ".subjects, " r ".position);"

/* What step 27 adds, taken away: for the tests that make a file of an
 * older step (its triggers read columns those tests drop). */
#define LATEST_PARTS_UNDO \
	"DROP TRIGGER parts_latest_take; DROP TRIGGER parts_latest_swap; DROP TRIGGER parts_latest_drop;" \
	" DROP TRIGGER elem_latest_ins; DROP TRIGGER elem_latest_upd; DROP TRIGGER elem_latest_del;" \
	" DROP TRIGGER code_latest_ins; DROP TRIGGER code_latest_upd; DROP TRIGGER code_latest_del;" \
	" DROP TRIGGER block_latest_ins; DROP TRIGGER block_latest_upd; DROP TRIGGER block_latest_del;" \
	" DROP TRIGGER person_cls_ins; DROP TRIGGER person_cls_upd; DROP TRIGGER person_cls_del;" \
	" DROP TABLE elem_latest; DROP TABLE code_latest; DROP TABLE block_latest; DROP TABLE person_cls;"

#endif
