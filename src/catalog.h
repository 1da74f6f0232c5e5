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

struct selfcheck_entry {
	char *key;       /* the statement's own key in the file, e.g. "s01" */
	char *block;     /* competency_block.code */
	char *deficit;   /* deficit code or NULL */
	char *text;
};

/* Read the self-diagnosis statements (statement "KEY" { block = "..."
 * deficit = "..." text = "..." }); -1 with "FILE:LINE: what" in err. */
int catalog_read_selfcheck(const char *path, struct selfcheck_entry **out, char *err, int errsz);
void catalog_free_selfcheck(struct selfcheck_entry *e, int n);

/* The guiding questions of the interview after a course (000, App. 3):
 * stage "KEY" { title = "..." questions = { "...", ... } }, the keys those
 * of store/omsk.h (interview_stage_keys), each once. */
struct interview_stage {
	char *key, *title;
	char **questions;
	int nquestions;
};
/* Returns the number of stages (*out malloc'd) or -1 with "FILE:LINE: what"
 * in err; a key outside keys[0..nkeys) is refused. */
int catalog_read_interview(const char *path, const char *const *keys, int nkeys,
			   struct interview_stage **out, char *err, int errsz);
void catalog_free_interview(struct interview_stage *s, int n);

/* The city pedagogical associations (seed 003, Table 8):
 * association "KEY" { name = "..." kind = "mo" }, kind one of city_mo's
 * kinds (mo, creative, young, workgroup, council, other). */
struct association_entry {
	char *key, *name, *kind;
};
int catalog_read_associations(const char *path, struct association_entry **out, char *err, int errsz);
void catalog_free_associations(struct association_entry *e, int n);

/* The roadmap of support measures (seed 003, §IV): measure "KEY" {
 * activity = "..." responsible = "..." period = "..." documents = "..."
 * indicator = "CODE" }, all but activity optional (NULL when absent). */
struct measure_entry {
	char *key, *activity, *responsible, *period, *documents, *indicator;
};
int catalog_read_measures(const char *path, struct measure_entry **out, char *err, int errsz);
void catalog_free_measures(struct measure_entry *e, int n);

/* The self-diagnosis rule: answers 0..3 (не владею … владею полностью) of a
 * block give its mastery %, rounded; -1 when the block has no answers. An
 * answer of 0 or 1 points to the statement's deficit. */
#define SELFCHECK_MAX_SCORE 3
int selfcheck_percent(const int *scores, int n);
int selfcheck_is_deficit(int score);

#endif
