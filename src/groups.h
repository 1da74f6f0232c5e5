/* The groups an analytic figure is added up over: the region (group 0),
 * its municipalities (1 … nm) and its organisations (1 + nm …), each
 * organisation's parent its municipality (or the region when it has
 * none). Built once from the (municipality, organisation) pairs of a
 * query's rows, for the typical deficits (deficits.c) and the analytic
 * note (note.c). */
#ifndef MARSHRUT_GROUPS_H
#define MARSHRUT_GROUPS_H

#include <stdint.h>

struct groups {
	int ng, nm, no;
	int64_t *gid;     /* ng: the municipality's or organisation's id (0: the region) */
	char *gkind;      /* ng: 'r', 'm' or 'o' */
	int *parent;      /* ng: the group it adds up to; -1 for the region */
	int64_t *muns, *orgs;  /* sorted, distinct */
	int64_t *pmun, *porg;  /* the pairs added */
	int np;
};

/* Starts an empty set of groups for up to n rows. */
void groups_begin(struct groups *G, int n);
/* A row's pair (mun_id 0: an organisation of no municipality). */
void groups_add(struct groups *G, int64_t mun_id, int64_t org_id);
/* Makes the groups of the pairs added; the organisations' parents. */
void groups_end(struct groups *G);
/* The group of an organisation that was added. */
int groups_org(const struct groups *G, int64_t org_id);
/* gid, gkind and parent are the caller's after groups_end (it frees them);
 * this frees the rest. */
void groups_free_work(struct groups *G);

#endif
