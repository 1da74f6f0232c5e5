/* Monitoring indicators (показатели мониторинга) shipped as data in
 * conf/indicators.conf: reading and checking the file, the registry of the
 * formula keys the store can compute (store/indicators.c), and the rule
 * that marks a value against the year's target. No SQL here. */
#ifndef MARSHRUT_INDICATORS_H
#define MARSHRUT_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>

enum indicator_unit {
	IND_PERCENT,     /* a share: 100 · numerator / denominator */
	IND_COUNT,       /* a number of records: the numerator itself */
};

/* One yearly target of an indicator. */
struct indicator_year {
	int year;        /* 2000..2100 */
	double value;    /* >= 0; <= 100 for a percent */
};

/* One indicator as read from the file. */
struct indicator_entry {
	char *code;          /* the section's title, 1..32 characters */
	char *name;
	char *source;        /* e.g. "ust-ilimsk", "omsk"; NULL when not given */
	char *unit;          /* "percent" | "count" (indicator.unit) */
	char *period;        /* "year" | "quarter" */
	char *criterion;     /* conditions | activity | qualification | other, or NULL */
	char *formula;       /* a key of the registry below */
	char *description;   /* how it is computed, or NULL */
	bool higher_better;
	int ntargets;
	struct indicator_year *targets;   /* in file order, years distinct */
};

/* Read an indicators file (libconfuse: indicator "CODE" { name = "..."
 * source = "..." unit = "percent" formula = "KEY" higher_better = true
 * period = "year" targets = { "2021:50", ... } }). Returns the number of
 * entries (*out malloc'd) or -1 with "FILE:LINE: what" in err. Texts are
 * checked as user text is; the formula must be in the registry and of the
 * same unit; targets are "YYYY:VALUE" with a dot or a comma for decimals. */
int indicators_read(const char *path, struct indicator_entry **out, char *err, int errsz);
void indicators_free(struct indicator_entry *e, int n);

/* What a formula counts. */
enum indicator_base {
	IND_BASE_PERSONS,    /* active persons (teachers) of the scope */
	IND_BASE_SCHOOLS,    /* active organisations of kind 'school' of the scope */
	IND_BASE_ORGS,       /* active educational organisations of the scope, of every kind
				(not the authorities nor the institute) */
	IND_BASE_ANSWERS,    /* survey answers of the scope's mentoring pairs */
	IND_BASE_RECORDS,    /* records counted, no denominator */
	IND_BASE_MUNS,       /* municipalities of the scope (an organisation's: its own) */
};

/* A formula key the store knows (store_indicator_compute). */
struct indicator_formula {
	const char *key;
	enum indicator_unit unit;
	enum indicator_base base;
	const char *label;       /* short Russian description of the numerator */
};

extern const struct indicator_formula indicator_formulas[];
extern const int indicator_nformulas;
/* NULL when the key is unknown. */
const struct indicator_formula *indicator_formula_find(const char *key);

/* Whether telling who counts in the formula tells a diagnostic's finding
 * (who was diagnosed in the year: the kind and date of a diagnostic, the
 * policy's DISCLOSE_FINDINGS): the list of names is then shown only to
 * whom the disclosure rule shows findings. */
bool indicator_formula_diagnostic(const char *key);

/* "percent" / "count" to the enum; -1 when neither. */
int indicator_unit_parse(const char *unit);

/* The figure from numerator and denominator: 100 · num / den for a
 * percent, num for a count. A percent with den = 0 has no value: returns
 * -1 (nothing to compute, e.g. a school with no young specialists). */
double indicator_value(long num, long den, enum indicator_unit unit);

/* Whether a figure over den must be withheld: a share over a group
 * smaller than the configured minimum (analytics_withheld), whatever its
 * base counts — teachers, schools, survey answers. The one test for the
 * monitoring screen and `marshrut report indicators` alike: a school's
 * own «100 % (1/1)» tells as much as a teacher's. */
struct config;
bool indicator_withheld(const struct config *cfg, enum indicator_unit unit, long den);

/* The mark of a value against a target: "met" when the target is reached
 * (value >= target, or <= for an indicator where lower is better),
 * "close" within the tolerance, otherwise "behind". indicator_mark is for
 * percents: the tolerance is 10 percentage points. indicator_mark_unit
 * takes the unit: for a count it is 10 % of the target. Bounds belong to
 * the better mark (90 against 100 is "close"). NULL for a negative or
 * non-finite value or target (no figure, no target). */
const char *indicator_mark(double value, double target, bool higher_better);
const char *indicator_mark_unit(double value, double target, bool higher_better,
				enum indicator_unit unit);
/* «выполнен» / «близко» / «отстаёт»; "" for anything else. */
const char *indicator_mark_label(const char *mark);

/* A value with at most two decimals, trailing zeros dropped, with sep as
 * the decimal separator ('.' for storage and audit, ',' for the screen),
 * independent of the locale: 90 → "90", 16.5 → "16,5". */
void indicator_format(double v, char sep, char *buf, size_t size);

#endif
