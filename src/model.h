/* The domain's records as data: each editable table is described once here
 * (columns, Russian labels, types, limits, enumerations). The form widget
 * builds its fields from these descriptors, the store builds its statements
 * from the column names, and model_check() is the one validation rule for
 * what a user types. No I/O. */
#ifndef MARSHRUT_MODEL_H
#define MARSHRUT_MODEL_H

#include <stdbool.h>
#include <stdint.h>

struct config;

enum ftype {
	F_TEXT,   /* one line, name_chars long */
	F_MEMO,   /* free text, text_chars long, may hold line breaks */
	F_DATE,   /* ДД.ММ.ГГГГ on screen, ISO in the database */
	F_INT,    /* whole number in [min, max] */
	F_ENUM,   /* one code of opts[] */
	F_EMAIL,
	F_PHONE,
	F_REF,    /* id of a row of ref_table, picked from a list */
	F_BOOL,   /* "0"/"1", shown as нет/да */
};

struct enum_opt {
	const char *code;
	const char *label;
};

struct field_desc {
	const char *col;
	const char *label;
	enum ftype type;
	bool required;
	int min, max;                    /* F_INT range */
	const struct enum_opt *opts;     /* F_ENUM, NULL-terminated */
	const char *ref_table;           /* F_REF */
};

struct table_desc {
	const char *table;
	const char *label;               /* Russian, for messages and audit */
	const struct field_desc *fields;
	int nfields;
	/* Optional folded search key: column and the columns it is made of. */
	const char *key_col;
	const char *key_from[4];
	/* The reference to the record a row belongs to (a course's person, a
	 * roadmap row's ИОМ): set by the screen it is opened from, never typed. */
	const char *parent_col;
};

extern const struct table_desc model_organisation;
extern const struct table_desc model_municipality;   /* its МСОКО date (ОМ-7) */
extern const struct table_desc model_person;
extern const struct table_desc model_course;
extern const struct table_desc model_deficit_code;
extern const struct table_desc model_iom_activity;   /* a roadmap row of an ИОМ */
extern const struct table_desc model_iom;            /* the editable fields of an ИОМ card */
extern const struct table_desc model_application;    /* an application for diagnostics */
extern const struct table_desc model_consent;        /* a teacher's consent in an application */
extern const struct enum_opt model_application_states[];
extern const struct table_desc model_ippr_row;       /* a row of the Omsk ИППР table */
extern const struct table_desc model_interview;      /* the interview after a course */
extern const struct enum_opt model_mastery_levels[];
extern const struct table_desc model_measure;        /* a support measure of the plan */
extern const struct table_desc model_recommendation; /* a targeted recommendation */
extern const struct enum_opt model_measure_states[];
extern const struct table_desc model_event;          /* an event of the catalogue */
extern const struct table_desc model_participation;  /* a person's part in an event */
extern const struct enum_opt model_participation_kinds[];
extern const struct enum_opt model_contest_results[];
extern const struct enum_opt model_participation_roles[];
extern const struct table_desc model_internship_site;  /* the application and passport */
extern const struct table_desc model_site_decision;    /* the institute's decision on a site */
extern const struct table_desc model_site_event;       /* an event held by a site */
extern const struct enum_opt model_site_directions[];
extern const struct enum_opt model_site_states[];
extern const struct enum_opt model_site_termination_reasons[];
extern const struct table_desc model_methodist_pool;   /* a person in the pool for a year */
extern const struct enum_opt model_pool_states[];
extern const struct table_desc model_mentoring_pair;   /* a mentor and a mentee */
extern const struct table_desc model_mentoring_survey; /* a yes/no satisfaction answer of a year */
extern const struct table_desc model_mentor_training;  /* a mentor's training of a year */
extern const struct enum_opt model_pair_states[];
extern const struct table_desc model_staff_movement;   /* hired / left (table 9) */
extern const struct table_desc model_staffing_need;    /* a vacancy (table 10) */
extern const struct table_desc model_staff_count;      /* staff numbers of a year (table 10) */
extern const struct table_desc model_school_dev_plan;  /* a row of a school's development plan */
extern const struct table_desc model_innovation;       /* a teacher's product with its conclusion */
extern const struct table_desc model_city_mo;          /* a city methodological association (003) */
extern const struct table_desc model_difficulty_bank;  /* a typical difficulty and its best practice */
extern const struct enum_opt model_recommendation_states[];

extern const struct enum_opt model_activity_categories[];  /* "1".."5", DOMAIN.md §6 */
extern const struct enum_opt model_event_levels[];
extern const struct enum_opt model_result_forms[];

extern const struct enum_opt model_org_kinds[];
extern const struct enum_opt model_sexes[];
extern const struct enum_opt model_educations[];
extern const struct enum_opt model_categories[];
extern const struct enum_opt model_course_forms[];
extern const struct enum_opt model_study_modes[];   /* Table 3 «Форма обучения» */
extern const struct enum_opt model_founders[];      /* an organisation's founder */
extern const struct enum_opt model_employments[];   /* main place, internal or external part-timer */
extern const struct enum_opt model_roles[];

int model_field_index(const struct table_desc *t, const char *col);
/* The descriptor of a described table by its SQL name, or NULL. */
const struct table_desc *model_by_table(const char *table);
const struct field_desc *model_field(const struct table_desc *t, const char *col);

/* Label of a code, or the code itself when unknown, or "" for NULL. */
const char *model_enum_label(const struct enum_opt *opts, const char *code);
/* Code for a label or a code typed by the user (case as given); NULL if none. */
const char *model_enum_code(const struct enum_opt *opts, const char *text);

/* Check what a user typed for field f and turn it into the stored form
 * (ISO date, enum code, trimmed text; "" means NULL). Returns NULL when it
 * is acceptable (and *out is a malloc'd stored value, or NULL for empty),
 * otherwise a Russian message for the field (and *out is NULL). */
/* A date field holding a birth date: read with the birth-date rules (a
 * two-digit year never in the future, no date before 1930 or after today). */
bool model_field_is_birth(const struct field_desc *f);
/* A code field (an organisation's, a deficit's): model_check turns its
 * look-alike letters into the code's one alphabet, and a code may be saved
 * only once (store_code_taken compares them by key). */
bool model_field_is_code(const struct field_desc *f);
const char *model_check(const struct config *cfg, const struct field_desc *f,
			const char *input, char **out);
/* The stored value as shown on screen (date as ДД.ММ.ГГГГ, enum label,
 * boolean да/нет); refs are resolved by the caller. Caller frees. */
char *model_display(const struct field_desc *f, const char *stored);

/* A person's pedagogical experience on a day (ISO): the years recorded on
 * on_date (experience_years, experience_date) plus the whole years since
 * that date; on a day before on_date, less the years back, a part of a
 * year counted whole; -1 when no years are recorded or when on that day
 * he had not begun yet (hired later). The one count: the person's card
 * and every print show it for today, and SQL counts a year's young
 * specialists with it (experience_on(), store/indicators.c, on the
 * year's last day). */
int model_experience(const char *years, const char *on_date, const char *day);
/* The same as shown: «14», «2 (молодой специалист)», "" when unknown.
 * Caller frees. */
char *model_experience_text(const char *years, const char *on_date, const char *today);

/* Deficit level for a block's overall mastery percent by the configured
 * thresholds: "high", "medium" or "low". */
const char *model_deficit_level(const struct config *cfg, int percent);

#endif
