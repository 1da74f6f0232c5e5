/* The brief analytic note of seed 004 App.2 §6.4: non-personal results of a
 * group (the region, a municipality, an organisation) for a year «в разрезе
 * оцениваемых элементов» and the overall level of competencies, entry
 * against final diagnostic:
 *  - the participants: teachers whose latest entry (final) diagnostic of
 *    the year has results by element;
 *  - each assessed element (a code of the codifier): % solved = the sum of
 *    the scores over the sum of the maxima of its teachers;
 *  - each competency block and all blocks together: the same %, and the
 *    level of deficit it gives by the configured thresholds;
 *  - the typical deficits (deficits.c): teachers with each code, of how many.
 * Every figure goes through the one rule for aggregates (analytics.c,
 * an_protect) over the whole region at once: a group's % is shown only when
 * the number of its teachers it is made of is published, and no group of
 * 1..k−1 teachers can be had by subtracting published groups (a sum of
 * scores over a group and its parts gives away a part's as a count does);
 * a block's % is withheld with any of its elements', the % of all blocks
 * with any block's (a whole beside all its parts but one gives that one).
 * The screen «Аналитическая справка», its print (txt, HTML) and
 * `marshrut analytics --format txt|html|xlsx` all take it from here. */
#ifndef MARSHRUT_NOTE_H
#define MARSHRUT_NOTE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "deficits.h"

struct store;
struct config;
struct text_lines;
struct report_table;

/* A figure of the note: people, and the % solved of their results. */
struct note_figure {
	bool shown;          /* false: withheld («скр.») */
	bool pct_shown;      /* the % too (not when a part it is made of is withheld) */
	int people;          /* when shown; 0: nobody, no % */
	int pct;             /* when pct_shown and people > 0 */
};

struct note_row {
	char *code;          /* an element's code; NULL for a block */
	char *name;          /* the element's wording or the block's name */
	struct note_figure f[2];   /* entry, final */
};

struct note_view {
	char *group, *gcode;        /* the group's name; "region", "mun:CODE", "org:CODE" */
	int year, k;                /* k: min_group_size */
	int high_below, medium_below;   /* the thresholds of the deficit levels */
	struct note_figure people[2];   /* participants; pct: over all elements */
	int nelements, nblocks;
	struct note_row *elements, *blocks;
	struct deficit_view deficits;   /* typical deficits, the group as a whole */
};

/* The region's figures for a year, protected once; then each group's. */
struct note;
int note_compute(struct store *s, const struct config *cfg, int year, struct note **out);
void note_group(struct store *s, const struct note *n, const char *kind, int64_t id, struct note_view *v);
void note_free(struct note *n);
/* The typical deficits of the group as a whole (BY_NONE) the note holds:
 * the same as deficits_compute's, computed once (owned by the note). */
const struct deficits *note_deficits(const struct note *n);
/* One group at once. */
int note_view(struct store *s, const struct config *cfg, const char *kind, int64_t id, int year,
	      struct note_view *v);
void note_view_free(struct note_view *v);

/* The one rule on a lattice of groups, exposed for the tests: counts of
 * people per group (cells; group g's parent[g], -1 for the region),
 * published[g] set where the rule lets the count (and a % made of it) be
 * shown; a group of nobody is published (nothing to tell). */
void note_protect(int ngroups, const int *parent, const int *people, int k, bool *published);

/* «Аналитическая справка: ГРУППА, ГОД год» (malloc'd). */
char *note_title(const struct note_view *v);
/* The note as lines of at most width columns (at least 40): wordings
 * whole, wrapped on spaces; the typical deficits too when with_deficits
 * (the verb's text prints deficits.c's lines before). */
void note_lines(const struct note_view *v, int width, bool with_deficits, struct text_lines *out);
/* The note as one HTML page for A4, every text escaped. 0, or -1 when
 * writing failed. */
int note_html(const struct note_view *const *v, int nv, FILE *out);
/* The note as a table (XLSX): rows added to t, which starts zeroed. */
void note_table(const struct note_view *v, struct report_table *t);

#endif
