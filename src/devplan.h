/* The school's plan of continuous professional development of its teachers
 * (000, App. 2: «План организации непрерывного профессионального развития
 * педагогов») as the seed draws it: a 3 × 3 grid, the forms of education
 * (формальное / неформальное / информальное) by the levels (весь
 * педагогический коллектив / профессиональные объединения (группы) /
 * отдельные педагоги), each cell with its items' goal, content and forms.
 * The grouping of the plan's rows into cells, and the plan printed as
 * plain text (at most DEVPLAN_TXT_COLS columns a line, wrapped on spaces,
 * never cutting a UTF-8 sequence) or one self-contained HTML page for A4.
 * Pure: no SQL, no terminal; the rows come from store/devplan.h. */
#ifndef MARSHRUT_DEVPLAN_H
#define MARSHRUT_DEVPLAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define DEVPLAN_FORMS 3
#define DEVPLAN_LEVELS 3
#define DEVPLAN_TXT_COLS 80

/* The codes (school_dev_plan.education and .audience) in the seed's order,
 * and the seed's words for the rows and the columns. */
extern const char *const devplan_form_codes[DEVPLAN_FORMS];    /* formal, nonformal, informal */
extern const char *const devplan_level_codes[DEVPLAN_LEVELS];  /* staff, groups, individual */
extern const char *const devplan_form_titles[DEVPLAN_FORMS];   /* «Формальное образование» … */
extern const char *const devplan_level_titles[DEVPLAN_LEVELS]; /* «Весь педагогический коллектив» … */

/* One item of the plan: a row of school_dev_plan (texts raw, malloc'd,
 * NULL when empty). */
struct devplan_item {
	int64_t id;
	char *goal, *content, *forms;
};

struct devplan_cell {
	int n, cap;
	struct devplan_item *v;      /* in the order added */
};

struct devplan {
	int64_t org_id;
	int year;
	char *org_name;              /* raw, malloc'd */
	struct devplan_cell cell[DEVPLAN_FORMS][DEVPLAN_LEVELS];
	int items;                   /* placed in a cell */
	int unplaced;                /* with a form or a level outside the lists */
};

/* The cell of a form and a level (codes); false when either is not one of
 * the lists' (then *form and *level are -1). */
bool devplan_place(const char *form, const char *level, int *f, int *l);
/* Group a row into its cell (copies the texts; empty ones become NULL);
 * a row of no cell is only counted in p->unplaced. */
void devplan_add(struct devplan *p, int64_t id, const char *form, const char *level, const char *goal,
		 const char *content, const char *forms);
void devplan_free(struct devplan *p);

/* A cell's items as one line of text (goal, content, forms of each item,
 * «; » between), "" for an empty cell. Caller frees. */
char *devplan_cell_summary(const struct devplan_cell *c);

/* Write the plan as text (html false) or as an HTML page to out; 0, or -1
 * when writing failed. Every text from the database is sanitised and, in
 * HTML, escaped. */
int devplan_print(const struct devplan *p, bool html, FILE *out);

#endif
