/* Lookups for the import of spreadsheets (src/import.c): what a cell names
 * (an organisation, a municipality, a person) and the stored record a row
 * is about, by the natural key of its table. */
#ifndef MARSHRUT_STORE_IMPORT_H
#define MARSHRUT_STORE_IMPORT_H

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

#endif
