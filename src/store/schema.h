/* Numbered schema steps: migration N brings user_version N-1 to N. */
#ifndef MARSHRUT_SCHEMA_H
#define MARSHRUT_SCHEMA_H

struct migration {
	int version;
	const char *sql;
};

extern const struct migration schema_migrations[];
extern const int schema_nmigrations;

/* Step 2, in schema_domain.c: the rest of the domain (diagnostics, ИОМ...). */
extern const char schema_v2_domain[];

#endif
