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

/* The key a code is compared by (store_code_key: case, ё and the Cyrillic
 * letters drawn like Latin ones do not matter), in built-in SQL only, so
 * that the columns and index made of it work in any sqlite3 shell: lower()
 * for ASCII, then each Cyrillic capital to its small letter and each
 * look-alike to its Latin letter. One expression of 56 replace() calls is
 * deeper than SQLite's parser takes, so it comes in four steps, each a
 * generated column of the one before (schema step 10: code_cmp1..3, then
 * code_cmp). Statements compare code_cmp with store_code_key() of the
 * text, bound. */
#define CODE_CMP_1(x) "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(" "lower(" x ")" \
	", 'А', 'a'), 'В', 'b'), 'Е', 'e'), 'К', 'k'), 'М', 'm')" \
	", 'Н', 'h'), 'О', 'o'), 'Р', 'p'), 'С', 'c'), 'Т', 't')" \
	", 'У', 'y'), 'Х', 'x'), 'а', 'a'), 'в', 'b')"
#define CODE_CMP_2(x) "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(" x \
	", 'е', 'e'), 'к', 'k'), 'м', 'm'), 'н', 'h'), 'о', 'o')" \
	", 'р', 'p'), 'с', 'c'), 'т', 't'), 'у', 'y'), 'х', 'x')" \
	", 'І', 'i'), 'і', 'i'), 'Ј', 'j'), 'ј', 'j')"
#define CODE_CMP_3(x) "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(" x \
	", 'Ѕ', 's'), 'ѕ', 's'), 'Ё', 'e'), 'ё', 'e'), 'Б', 'б')" \
	", 'Г', 'г'), 'Д', 'д'), 'Ж', 'ж'), 'З', 'з'), 'И', 'и')" \
	", 'Й', 'й'), 'Л', 'л'), 'П', 'п'), 'Ф', 'ф')"
#define CODE_CMP_4(x) "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(" x \
	", 'Ц', 'ц'), 'Ч', 'ч'), 'Ш', 'ш'), 'Щ', 'щ'), 'Ъ', 'ъ')" \
	", 'Ы', 'ы'), 'Ь', 'ь'), 'Э', 'э'), 'Ю', 'ю'), 'Я', 'я')" \
	", 'Є', 'є'), 'Ї', 'ї'), 'Ў', 'ў'), 'Ґ', 'ґ')"

#endif
