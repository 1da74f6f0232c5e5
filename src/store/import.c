/* See store/import.h. Constant statements, bound values. */
#include "store/import.h"
#include "store_int.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The one id the statement yields, -1 when it yields several, 0 none. */
static int64_t one_id(sqlite3_stmt *st)
{
	int64_t id = 0;

	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = -1;
	}
	sqlite3_reset(st);
	return id;
}

int64_t store_import_ref(struct store *s, const char *table, const char *text)
{
	char *key = text_fold(text ? text : ""), *ck = store_code_key(text ? text : "");
	sqlite3_stmt *st;
	int64_t id;

	if (strcmp(table, "organisation") == 0) {
		/* A code names one, compared by its key as a form's picker
		 * finds it («ОО001» typed in Cyrillic is OO001; the key's
		 * index); a name may name several. */
		st = store_prepare(s, "SELECT id FROM organisation WHERE code = ?1 AND archived = 0");
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		if ((id = one_id(st)) == 0) {
			st = store_prepare(s, "SELECT id FROM organisation WHERE code_cmp = ?1 AND archived = 0 LIMIT 2");
			sqlite3_bind_text(st, 1, ck, -1, SQLITE_STATIC);
			id = one_id(st);
		}
		if (id == 0) {
			st = store_prepare(s, "SELECT id FROM organisation WHERE archived = 0"
					   " AND (fold(name) = ?1 OR fold(coalesce(short_name, '')) = ?1) LIMIT 2");
			sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
			id = one_id(st);
		}
	} else if (strcmp(table, "municipality") == 0) {
		st = store_prepare(s, "SELECT id FROM municipality WHERE code_key(code) = ?1 OR fold(name) = ?2 LIMIT 2");
		sqlite3_bind_text(st, 1, ck, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		id = one_id(st);
	} else {
		id = 0;
	}
	free(key);
	free(ck);
	return id;
}

int64_t store_import_person(struct store *s, const char *external_id, const char *surname,
			    const char *name, const char *patronymic, const char *birth_date)
{
	sqlite3_stmt *st;
	char *fio, *key;
	int64_t id;

	if (external_id && *external_id) {
		st = store_prepare(s, "SELECT id FROM person WHERE external_id = ? LIMIT 2");
		sqlite3_bind_text(st, 1, external_id, -1, SQLITE_STATIC);
		return one_id(st);
	}
	fio = xasprintf("%s %s %s", surname ? surname : "", name ? name : "", patronymic ? patronymic : "");
	key = text_fold(fio);
	st = store_prepare(s, "SELECT id FROM person WHERE surname_key = ? AND birth_date IS ? LIMIT 2");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (birth_date && *birth_date)
		sqlite3_bind_text(st, 2, birth_date, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	id = one_id(st);
	free(key);
	free(fio);
	return id;
}

static const char *val(const struct table_desc *t, const struct record *rec, const char *col)
{
	int i = model_field_index(t, col);
	return i >= 0 ? rec->v[i] : NULL;
}

static void bind_val(sqlite3_stmt *st, int k, const char *v)
{
	if (v)
		sqlite3_bind_text(st, k, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, k);
}

int64_t store_import_find(struct store *s, const struct table_desc *t, const struct record *rec)
{
	static const struct {
		const char *table;
		const char *sql;
		const char *cols[4];
	} keys[] = {
		{ "organisation", "SELECT id FROM organisation WHERE code_cmp = code_key(?1) AND archived = 0 LIMIT 2",
		  { "code" } },
		{ "course", "SELECT id FROM course WHERE person_id = ?1 AND title = ?2 AND end_date IS ?3"
		  " AND archived = 0", { "person_id", "title", "end_date" } },
		{ "diagnostic", "SELECT id FROM diagnostic WHERE person_id = ?1 AND form = ?2 AND kind = ?3"
		  " AND diag_date = ?4 AND archived = 0", { "person_id", "form", "kind", "diag_date" } },
		{ "event", "SELECT id FROM event WHERE title = ?1 AND start_date IS ?2 AND archived = 0",
		  { "title", "start_date" } },
	};
	sqlite3_stmt *st;

	if (strcmp(t->table, "person") == 0)
		return store_import_person(s, val(t, rec, "external_id"), val(t, rec, "surname"),
					   val(t, rec, "name"), val(t, rec, "patronymic"), val(t, rec, "birth_date"));
	for (size_t i = 0; i < NITEMS(keys); i++) {
		if (strcmp(keys[i].table, t->table) != 0)
			continue;
		st = store_prepare(s, keys[i].sql);
		for (int k = 0; k < 4 && keys[i].cols[k]; k++)
			bind_val(st, k + 1, val(t, rec, keys[i].cols[k]));
		return one_id(st);
	}
	return 0;
}
