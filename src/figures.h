/* The monitoring figures a viewer gets: an indicator's numerator and
 * denominator for a year and a group (the region, a municipality, an
 * organisation). The monitoring screen and `marshrut report indicators`
 * both take them from here, so a figure is the same whoever looks at it
 * and wherever.
 *
 * A formula that counts persons (teachers, their survey answers: the
 * store's store_indicator_of_persons) is decided by the one rule for
 * aggregates (analytics.c, an_protect) over the whole region at once, as
 * typical deficits are (deficits.h): the region, every municipality, every
 * organisation, each with its denominator, its numerator and what the
 * numerator leaves of the denominator, and a parent the sum of its
 * children. No published figure, and nothing computable from them — a
 * municipality minus its shown organisations, the region minus its shown
 * municipalities, a denominator minus its numerator — covers 1 to k − 1
 * persons (k = min_group_size); where a difference would, one more figure
 * is withheld (secondary suppression). The denominators are decided first,
 * by themselves, so that a denominator shared by several formulas and
 * years (all active persons) gets the same decision in each; then the
 * numerators with the denominators fixed. The decision is kept in
 * figure_cache under a key of its own for as long as the figures' change
 * counters stay the same.
 *
 * A formula that counts schools or records keeps the small-group rule of
 * indicator_withheld (a share over fewer than k schools is withheld; the
 * denominator is shown). */
#ifndef MARSHRUT_FIGURES_H
#define MARSHRUT_FIGURES_H

#include <stdbool.h>
#include <stdint.h>

#include "access.h"
#include "indicators.h"

struct store;
struct config;

/* A figure as published: each of num and den only when shown. */
struct indicator_figure {
	bool of_persons;     /* decided by the rule across the region */
	bool num_shown, den_shown;
	long num, den;       /* 0 unless shown */
};

/* The figure of a formula (indicators.h registry) for a year and a group:
 * kind "region" (id 0: the whole database), "mun" or "org" with the
 * record's id. ST_OK, or the store's error. */
int indicator_figure_get(struct store *s, const struct config *cfg, const char *formula, int year,
			 const char *kind, int64_t id, struct indicator_figure *f);
/* Whether the value is withheld (num or den not shown). */
bool indicator_figure_withheld(const struct indicator_figure *f);
/* The value: indicator_value of what is shown; -1 when withheld or there
 * is nothing to compute (a share of 0). */
double indicator_figure_value(const struct indicator_figure *f, enum indicator_unit unit);
/* Why figures of persons are withheld, in Russian (malloc'd): for the
 * report, or brief (three lines of 78 columns) for the screen. */
char *indicator_figure_explanation(int k, bool brief);

/* Why the names of who counts in a formula's figure for a group (kind
 * "region", "mun" or "org", as above) are not listed to user u, or NULL
 * when they are (then narrowed to his scope, store_indicator_member_page).
 * Survey answers are never listed by name, records have no list; who was
 * diagnosed is a diagnostic's finding, listed only to whom the one
 * disclosure rule (access.h) shows the findings of the group's teachers
 * by his roles. A Russian sentence. */
struct user;
const char *indicator_members_refusal(const struct user *u, const char *formula, const char *kind,
				      int64_t id);

/* The permission whose scope narrows the list of who counts in a formula
 * (access_scope): the mentoring registry's for who is mentored
 * (P_MENTORING), the register's for other persons (P_PERSON_VIEW), the
 * organisations' for organisations (P_ORG_VIEW). */
enum perm indicator_members_perm(const char *formula);

/* --- the decision, for the store's figures and for tests --- */

/* An organisation's figures (as store_indicator_orgs gives them). */
struct share_org {
	int64_t org, mun;    /* mun 0: none; the organisation is the region's own */
	long num, den;
};
/* A group of the region and what is published of it. */
struct share_group {
	char kind;           /* 'r' the region, 'm' a municipality, 'o' an organisation */
	int64_t id;          /* 0 for the region */
	int parent;          /* index of the parent group; -1 for the region */
	long num, den;       /* the true figures */
	bool num_shown, den_shown;
};
/* Decide the region made of these organisations (any order) for minimum k:
 * returns the number of groups in *out (malloc'd): [0] the region, then
 * the municipalities and the organisations, each by id. */
int shares_decide(const struct share_org *orgs, int n, int k, struct share_group **out);

#endif
