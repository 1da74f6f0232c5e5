/* The region, its municipalities and organisations as groups (groups.h). */
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "util.h"

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* Distinct values, sorted; returns the count. */
static int uniq_ids(int64_t *v, int n)
{
	int w = 0;

	qsort(v, (size_t)n, sizeof *v, cmp_id);
	for (int i = 0; i < n; i++)
		if (w == 0 || v[w - 1] != v[i])
			v[w++] = v[i];
	return w;
}

static int find_id(const int64_t *v, int n, int64_t id)
{
	const int64_t *p = bsearch(&id, v, (size_t)n, sizeof *v, cmp_id);
	return p ? (int)(p - v) : -1;
}

void groups_begin(struct groups *G, int n)
{
	memset(G, 0, sizeof *G);
	G->pmun = xcalloc((size_t)n + 1, sizeof *G->pmun);
	G->porg = xcalloc((size_t)n + 1, sizeof *G->porg);
}

void groups_add(struct groups *G, int64_t mun_id, int64_t org_id)
{
	/* Rows come by organisation: the same pair again adds nothing. */
	if (G->np > 0 && G->porg[G->np - 1] == org_id && G->pmun[G->np - 1] == mun_id)
		return;
	G->pmun[G->np] = mun_id;
	G->porg[G->np++] = org_id;
}

void groups_end(struct groups *G)
{
	G->muns = xcalloc((size_t)G->np + 1, sizeof *G->muns);
	G->orgs = xcalloc((size_t)G->np + 1, sizeof *G->orgs);
	for (int i = 0; i < G->np; i++) {
		if (G->pmun[i])
			G->muns[G->nm++] = G->pmun[i];
		G->orgs[G->no++] = G->porg[i];
	}
	G->nm = uniq_ids(G->muns, G->nm);
	G->no = uniq_ids(G->orgs, G->no);
	G->ng = 1 + G->nm + G->no;
	G->gid = xcalloc((size_t)G->ng, sizeof *G->gid);
	G->gkind = xcalloc((size_t)G->ng, 1);
	G->parent = xcalloc((size_t)G->ng, sizeof *G->parent);
	G->gkind[0] = 'r';
	G->parent[0] = -1;
	for (int i = 0; i < G->nm; i++) {
		G->gid[1 + i] = G->muns[i];
		G->gkind[1 + i] = 'm';
	}
	for (int i = 0; i < G->no; i++) {
		G->gid[1 + G->nm + i] = G->orgs[i];
		G->gkind[1 + G->nm + i] = 'o';
	}
	for (int i = 0; i < G->np; i++)
		G->parent[groups_org(G, G->porg[i])] = G->pmun[i] ? 1 + find_id(G->muns, G->nm, G->pmun[i]) : 0;
}

int groups_org(const struct groups *G, int64_t org_id)
{
	return 1 + G->nm + find_id(G->orgs, G->no, org_id);
}

void groups_free_work(struct groups *G)
{
	free(G->muns);
	free(G->orgs);
	free(G->pmun);
	free(G->porg);
	G->muns = G->orgs = G->pmun = G->porg = NULL;
}
