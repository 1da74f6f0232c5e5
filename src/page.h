/* A page of list rows: what the store hands a list and the list widget
 * draws. Plain data, shared by the store and the terminal widgets. */
#ifndef MARSHRUT_PAGE_H
#define MARSHRUT_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#define LIST_COLS 4
struct list_row {
	int64_t id;
	char *key;               /* sort key, for paging */
	char *cols[LIST_COLS];
	bool archived;
};

struct page_req {
	const char *key;         /* anchor (sort key, id), NULL for an end */
	int64_t id;
	int dir;                 /* +1 rows after anchor, -1 rows before it */
	int limit;
};

struct page {
	int n;
	struct list_row *rows;   /* always in ascending order */
};

void page_free(struct page *p);
/* Replace one cell with a copy of text (which may point into the old cell). */
void page_set_col(struct page *p, int row, int col, const char *text);

#endif
