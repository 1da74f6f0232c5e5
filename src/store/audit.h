/* The audit log as a person reads it: what a logged record is and whose,
 * what a stored reference names, who a login is. Bounded look-ups by id
 * (one row each), for the rows on the screen only. */
#ifndef MARSHRUT_STORE_AUDIT_H
#define MARSHRUT_STORE_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

struct store;

struct audit_record {
	char *name;          /* its own name: a title, a number, a code; "" when it has none */
	int64_t person_id;   /* the person it belongs to (a card, his course, ИОМ…); 0 for none */
	bool gone;           /* no such row now (removed), or a table not known here */
};
/* What record id of table tbl is now. The person's name is not in it:
 * the caller asks the access policy first, then store_audit_person_name. */
int store_audit_record(struct store *s, const char *tbl, int64_t id, struct audit_record *out);
void store_audit_record_free(struct audit_record *r);

/* A person's name, full («Иванова Ирина Ивановна») or short («Иванова
 * И. И.»); malloc'd, "" when there is no such person. */
char *store_audit_person_name(struct store *s, int64_t person_id, bool full);

/* A user's full name by login; NULL when there is no such user. */
char *store_audit_user_name(struct store *s, const char *login);

/* The organisation or municipality of a role's scope code ("org:OO001",
 * "mun:M01") by name; NULL when unknown. */
char *store_audit_scope_name(struct store *s, const char *scope);

#endif
