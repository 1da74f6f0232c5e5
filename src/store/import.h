/* Lookups for the import of spreadsheets (src/import.c): what a cell names
 * (an organisation, a municipality, a person) and the stored record a row
 * is about, by the natural key of its table. */
#ifndef MARSHRUT_STORE_IMPORT_H
#define MARSHRUT_STORE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store/store.h"

/* The organisation or municipality a cell names: its code (exactly, else
 * by its key as the pickers find it: case and Cyrillic letters drawn like
 * Latin ones do not matter, «ОО001» is OO001), or its name (full or short,
 * compared folded: case and ё do not matter). 0 when none, -1 when the
 * name fits several. */
int64_t store_import_ref(struct store *s, const char *table, const char *text);

/* The person a row names: by the табельный номер when given, else by
 * surname, name, patronymic (folded) and birth date (ISO or NULL). 0 when
 * none, -1 when several fit. */
int64_t store_import_person(struct store *s, const char *external_id, const char *surname,
			    const char *name, const char *patronymic, const char *birth_date);

/* The stored record rec is about, by the table's key: an organisation by
 * its code; a person by the табельный номер, else surname, name,
 * patronymic and birth date; a course by its person, programme and end; a
 * diagnostic by its person, form, kind and date; an event by its title and
 * start. An organisation's code is compared by its key, as
 * store_code_taken does. 0 when none, -1 when several fit. */
int64_t store_import_find(struct store *s, const struct table_desc *t, const struct record *rec);

/* --- an import in two passes (src/import.c) ---------------------------------
 * The first pass checks every row of the file without holding the write
 * lock: its lookups run in read transactions, and what it keeps (the rows
 * to write, the keys seen) goes to scratch tables of this connection's
 * temporary database, on disk, so memory stays small whatever the file's
 * size. The second pass writes the rows in short batches; what each batch
 * did is kept so that a stop or a failure can take it all back. */

/* Empty (and create) the scratch tables. */
int store_import_stage_reset(struct store *s);
/* A read transaction for the first pass (its scratch writes touch only the
 * temporary database); ended every few thousand rows, so that the WAL may
 * be checkpointed meanwhile. */
int store_import_read_begin(struct store *s);
int store_import_read_end(struct store *s);
/* The line of an earlier row of the file that names the same record: the
 * stored one (id > 0), or, for a new one, by the table's key as
 * store_import_find compares it. 0 when none, and the row's keys are
 * remembered for line. */
int store_import_key_seen(struct store *s, const struct table_desc *t, const struct record *rec, int64_t id,
			  int line);
/* Keep a checked row (its values, encoded by the caller) to write later. */
int store_import_stage_put(struct store *s, int line, const void *vals, size_t n);
/* The next kept row after seq (0: the first); 0 when there is none, 1 with
 * its seq, line and values (malloc'd). */
int store_import_stage_next(struct store *s, int64_t after, int64_t *seq, int *line, void **vals, size_t *n);

/* Leave a kept row out (it failed when written, and bad rows are skipped). */
int store_import_stage_drop(struct store *s, int64_t seq);

/* A batch of the second pass: a write transaction in which saves take no
 * savepoints of their own and the audit rows are chained at commit. The
 * import waits for the lock up to wait_ms (others' saves are short). */
int store_import_batch_begin(struct store *s, long wait_ms);
int store_import_batch_commit(struct store *s);
void store_import_batch_rollback(struct store *s);
/* The process that writes an import: its pid, its start time (in clock
 * ticks since boot, /proc/PID/stat) and the boot's id: a pid reused after
 * the importer died, or a reboot, is not taken for it. */
struct import_owner {
	long pid;
	char pstart[24];
	char boot[40];
};
/* A run of the second pass, 'writing' from here on; s->import_run is its
 * id (what the batches do is kept under it). */
int store_import_run_begin(struct store *s, const char *kind, const struct actor *a,
			   const struct import_owner *o);
/* The run's state ('done' inside the last batch, 'undone' when all is
 * taken back). */
int store_import_run_state(struct store *s, const char *state);
/* The next unfinished run after `after`: 1 with its id, kind (malloc'd)
 * and owner; 0 when none. */
int store_import_run_next(struct store *s, int64_t after, int64_t *id, char **kind, struct import_owner *o);
/* Take over an unfinished run whose owner is gone: ST_OK (s->import_run
 * is it, 'undoing'), ST_CONFLICT when another process took it first. */
int store_import_run_claim(struct store *s, int64_t id, const struct import_owner *was,
			   const struct import_owner *me);
/* The run left (s->import_run 0), and the kept rows of finished runs
 * deleted, in short transactions with others' saves between them, for
 * about ms (-1: all). */
int store_import_run_close(struct store *s, long ms);
/* What a batch did to a row (inside the batch, under s->import_run): the
 * record it added or updated, its version after, and for an update the
 * record before (encoded by the caller). */
int store_import_done_put(struct store *s, int64_t seq, int64_t id, int64_t version, bool added, const void *pre,
			  size_t n);
/* The done rows, newest first: the one before seq (INT64_MAX: the last);
 * 0 when there is none, 1 with its fields and its line in the file (pre
 * malloc'd, NULL for an add). */
int store_import_done_prev(struct store *s, int64_t before, int64_t *seq, int *line, int64_t *id,
			   int64_t *version, bool *added, void **pre, size_t *n);
/* A done row taken back (inside the batch that takes it back). */
int store_import_done_drop(struct store *s, int64_t seq);
int64_t store_import_done_count(struct store *s);
/* Take back a record the import added: deleted when it is still as the
 * import left it (version), with an audit row «удалено». ST_CONFLICT when
 * someone changed it since, ST_CONSTRAINT when something refers to it. */
int store_import_undo_add(struct store *s, const struct actor *a, const struct table_desc *t, int64_t id,
			  int64_t version);

#endif
