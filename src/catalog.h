/* Catalogues shipped as data in conf/ (the deficit codifier): reading and
 * checking the files. No SQL: the store imports what is read here. */
#ifndef MARSHRUT_CATALOG_H
#define MARSHRUT_CATALOG_H

struct codifier_entry {
	char *code;
	char *block;     /* competency_block.code */
	char *wording;
};

/* Read a codifier file (libconfuse: deficit "CODE" { block = "..." wording = "..." }).
 * Returns the number of entries (*out malloc'd) or -1 with "FILE:LINE: what"
 * in err. Codes and wordings are checked as user text is. */
int catalog_read_codifier(const char *path, struct codifier_entry **out, char *err, int errsz);
void catalog_free_codifier(struct codifier_entry *e, int n);

#endif
