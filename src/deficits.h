/* Typical deficits of a group — the region, a municipality, an organisation
 * — for a year, whole or by a closed breakdown (analytics.h), entry against
 * final diagnostic: the brief analytic note of 004 App.2 §6.4. The screen
 * («Типичные дефициты») and the verb `marshrut analytics` both take it from
 * here, so a viewer gets the same figures either way.
 *
 * The region's counts come from the store; every figure goes through the
 * one rule for aggregates (analytics.c, an_protect) over the whole region at
 * once — the region, every municipality and organisation, every class of the
 * breakdown — so that what is withheld for one group cannot be recovered
 * from any other group or breakdown; each column (entry, final) is checked
 * against its own group. A figure is the same for every viewer who may see
 * its group. */
#ifndef MARSHRUT_DEFICITS_H
#define MARSHRUT_DEFICITS_H

#include <stdbool.h>
#include <stdint.h>

struct store;
struct config;
struct text_lines;
struct report_table;

struct deficit_query {
	const char *kind;       /* "region", "mun" or "org" */
	int64_t id;             /* the municipality or organisation */
	int year;
	int by;                 /* enum analytics_by */
};

/* A figure: its value only when shown. */
struct deficit_figure {
	bool shown;
	int value;
};

struct deficit_code_row {
	char *code, *wording;
	struct deficit_figure f[2];          /* entry, final: teachers with the code */
};

struct deficit_block_row {
	char *name;
	struct deficit_figure assessed[2];   /* entry, final: teachers with a level for the block */
	struct deficit_figure level[2][3];   /* entry, final × high, medium, low */
};

/* The group as a whole, or one class of the breakdown. */
struct deficit_section {
	const char *label;                   /* «Все педагоги группы», «Должность: учителя» */
	struct deficit_figure people[2];     /* teachers with an entry, a final diagnostic */
	int ncodes, nblocks;                 /* only what has a figure to show */
	struct deficit_code_row *codes;
	struct deficit_block_row *blocks;
};

struct deficit_view {
	char *group;            /* the group's name */
	char *code;             /* "region", "mun:CODE", "org:CODE" */
	int year, by, k;        /* k: the minimum group (min_group_size) */
	int nsections;
	struct deficit_section *sections;
};

/* Compute the view; ST_OK or the store's error. The caller has checked
 * that the viewer reaches the group. Free with deficits_view_free. */
int deficits_view(struct store *s, const struct config *cfg, const struct deficit_query *q,
		  struct deficit_view *v);
void deficits_view_free(struct deficit_view *v);

/* The same for many groups of one year and breakdown: the region's
 * figures protected once, then each group's part (q->kind, q->id). */
struct deficits;
int deficits_compute(struct store *s, const struct config *cfg, int year, int by, struct deficits **out);
void deficits_group(struct store *s, const struct deficits *d, const char *kind, int64_t id,
		    struct deficit_view *v);
void deficits_free(struct deficits *d);

/* A code's share of the teachers with a diagnostic of the kind: n of them
 * have it. Shown only when both figures are (a withheld side stays
 * withheld); pct in whole per cent, rounded half up (as the note rounds).
 * none: nobody had the diagnostic (of is a shown 0), no share to give. */
struct deficit_share {
	bool shown, none;
	int n, of, pct;
};
struct deficit_share deficits_share(struct deficit_figure n, struct deficit_figure of);
/* «5 из 10 (50 %)», «скр.» (withheld) or «—» (nobody had the diagnostic):
 * buf or a constant. */
const char *deficits_share_text(struct deficit_share sh, char buf[48]);
/* The change from entry to final in percentage points: the difference of
 * the two shares as shown (final − entry), so that a reader gets the same
 * from the figures printed. False (withheld or nothing to compare) unless
 * both shares are shown. */
bool deficits_change(struct deficit_share entry, struct deficit_share final, int *pp);

/* «Типичные дефициты: ГРУППА, ГОД год[, по …]» (malloc'd). */
char *deficits_title(const struct deficit_view *v);
/* The view as text: lines of at most 78 columns, each figure with the size
 * of its group («N из M (P %)»), the change in п.п., each code's whole
 * wording wrapped under its row, and why figures are withheld. */
void deficits_lines(const struct deficit_view *v, struct text_lines *out);
/* The same for the screen: the wordings left out (the screen shows the
 * selected code's beneath the list); code_line[i] is the line of the i-th
 * code row, counting the rows of every section in order (deficits_ncodes
 * of them). */
void deficits_screen_lines(const struct deficit_view *v, struct text_lines *out, int *code_line);
int deficits_ncodes(const struct deficit_view *v);
/* The i-th code row, counting as above (NULL past the end). */
const struct deficit_code_row *deficits_code_at(const struct deficit_view *v, int i);
/* The same as a table, one row per figure with its group and its group's
 * size (for CSV): added to t, which starts zeroed (then the columns and
 * the caption are set). Free with report_table_free. */
void deficits_table(const struct deficit_view *v, struct report_table *t);

#endif
