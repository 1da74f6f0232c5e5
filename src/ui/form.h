/* A form over libform (wide build): one labelled field a row, as many pages
 * as the body needs, typed Cyrillic input, a field that opens a pick list
 * on Enter, and a message next to the field at fault. The form knows
 * nothing of the domain: the screen validates and saves. */
#ifndef MARSHRUT_UI_FORM_H
#define MARSHRUT_UI_FORM_H

#include <form.h>
#include "ui/ui.h"

/* Columns a label may take (its « *» included); the mark «! » of a field
 * at fault has two columns of its own before it. */
#define UF_LABEL_COLS 24

struct uf_field {
	const char *label;
	int max_chars;       /* input limit in characters */
	bool required;       /* marked with * */
	bool pick;           /* Enter opens a pick list; typing is still allowed unless pick_only */
	bool pick_only;      /* value comes only from the pick list */
	bool readonly;
	const char *hint;    /* shown below the form while the field is current */
};

struct ui_form;

struct ui_form *uf_new(const struct uf_field *fields, int n);
void uf_free(struct ui_form *f);
/* Set the shown text of field i (also the value that "unchanged" compares to
 * when initial is true). */
void uf_set(struct ui_form *f, int i, const char *text, bool initial);
/* The text of field i, trailing blanks trimmed; malloc'd. */
char *uf_get(struct ui_form *f, int i);
bool uf_modified(struct ui_form *f);
/* The text field i was set to with initial (what "modified" compares to). */
const char *uf_initial(struct ui_form *f, int i);
/* The screen's rule for one field: NULL when text is good, else the
 * message (the form copies it). It may set *shown to a malloc'd text the
 * field shows instead once left (a date typed 18,09,88 as 18.09.1988). */
typedef const char *(*uf_check_fn)(void *ctx, int i, const char *text, char **shown);
/* The form checks a field with fn when the cursor leaves it (an empty
 * field not marked already is left alone: a missing required value is
 * said on save), and again after each edit while it is marked, so that
 * its «!» and message go as soon as it is fixed. */
void uf_set_check(struct ui_form *f, uf_check_fn fn, void *ctx);
/* Check field i now (as when the cursor leaves it, empty included, e.g.
 * after a pick); true when it is good. */
bool uf_check(struct ui_form *f, int i);
/* Mark field i at fault with msg, or clear its mark (msg NULL). Every
 * marked field keeps its «!»; the message line shows the current field's,
 * else the one marked last. */
void uf_set_error(struct ui_form *f, int i, const char *msg);
void uf_clear_errors(struct ui_form *f);
/* The first marked field, -1 when none. */
int uf_first_error(struct ui_form *f);
int uf_current(struct ui_form *f);
void uf_goto(struct ui_form *f, int i);

enum uf_result { UF_NONE, UF_HANDLED, UF_PICK };
/* Feed a key. UF_PICK: Enter on a pick field (the screen opens its list). */
enum uf_result uf_key(struct ui_form *f, struct ui_key k);
/* Draw (post) into w; reposts after a resize. */
void uf_draw(struct ui_form *f, WINDOW *w);
/* Hide the cursor when the form is not on top. */
void uf_unpost(struct ui_form *f);

#endif
