/* A form over libform (wide build): one labelled field a row, as many pages
 * as the body needs, typed Cyrillic input, a field that opens a pick list
 * on Enter, and a message next to the field at fault. The form knows
 * nothing of the domain: the screen validates and saves. */
#ifndef MARSHRUT_UI_FORM_H
#define MARSHRUT_UI_FORM_H

#include <form.h>
#include "ui/ui.h"

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
/* Mark field i at fault with a message (NULL clears every mark). */
void uf_set_error(struct ui_form *f, int i, const char *msg);
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
