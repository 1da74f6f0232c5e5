/* Every part of a person's folded name in person_name_part (schema step
 * 11): the rule exists once, for the step's fill, the triggers on person
 * and the demo generation's fill at its end (store/demo.c). src: a SELECT
 * of id, k (the surname key) and a (archived). */
#ifndef MARSHRUT_STORE_NAME_PARTS_H
#define MARSHRUT_STORE_NAME_PARTS_H

/* One recursion over the words of the key, then (when it has a hyphen)
 * over its words cut at hyphens too; INSERT OR IGNORE drops the repeats.
 * (Two recursions joined by UNION cost ten times as much a row.) */
#define NAME_PARTS(src) \
	"INSERT OR IGNORE INTO person_name_part (part, person_id, surname_key, archived)" \
	" WITH RECURSIVE w(id, k, a, x, rest) AS (SELECT id, k, a, ''," \
	"  CASE WHEN instr(k, '-') > 0 THEN k || ' ' || replace(k, '-', ' ') ELSE k END || ' '" \
	"  FROM (" src ")" \
	"  UNION ALL SELECT id, k, a, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)" \
	"  FROM w WHERE rest <> '')" \
	" SELECT x, id, k, a FROM w WHERE x <> ''"

/* The persons with a part of the name that starts with each letter, by
 * archived flag, among the parts that satisfy cond (person_initial_tally,
 * schema step 28: its fill and the demo generation's). */
#define PERSON_INITIAL_COUNT(cond) \
	"SELECT substr(part, 1, 1), archived, count(DISTINCT person_id) FROM person_name_part" \
	" WHERE " #cond " GROUP BY 1, 2"

#endif
