/* Text on the way in and on the way out: UTF-8 validation, sanitising,
 * Cyrillic case folding for search keys, and measuring in screen columns.
 * No terminal here: pure functions over NUL-terminated UTF-8 strings.
 * Column measurement uses wcwidth(), so LC_CTYPE must be a UTF-8 locale
 * (main() and the tests set C.UTF-8 when the user's locale is not UTF-8). */
#ifndef MARSHRUT_TEXT_H
#define MARSHRUT_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decode one UTF-8 sequence at s (at most n bytes). Stores the code point in
 * *cp and returns its length in bytes (1..4); returns 0 for an invalid,
 * overlong, surrogate or truncated sequence (then *cp is undefined). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Number of code points in valid UTF-8 s. */
size_t text_chars(const char *s);

/* Characters never stored and never drawn raw: C0 controls (except \n when
 * multiline), DEL, C1 controls U+0080..U+009F, bidirectional controls
 * U+200E U+200F U+202A..U+202E U+2066..U+2069 U+061C, U+FEFF, and the
 * invisible ones below. */
int text_forbidden(uint32_t cp, int multiline);
/* Invisible characters that would make two names look alike: zero-width
 * space and joiners, word joiner and invisible operators, soft hyphen,
 * fillers, variation selectors, tags. */
int text_invisible(uint32_t cp);

/* Check text entered by a user before it is stored. Returns NULL when it is
 * acceptable, otherwise a short Russian message for the field, e.g.
 * "недопустимая кодировка (не UTF-8)", "слишком длинно: не более 100 символов",
 * "недопустимый управляющий символ". max_chars counts code points;
 * multiline allows '\n' (free-text fields). */
const char *text_check(const char *s, size_t max_chars, int multiline);

/* A copy safe to draw on a terminal: invalid bytes become U+FFFD, forbidden
 * characters (see text_forbidden, with multiline=0, so '\n' and '\t' too)
 * become U+FFFD, nothing else changes. Caller frees. */
char *text_sanitize(const char *s);
/* The same, keeping the line breaks ('\n') of a multi-line text (a card's
 * tasks, a note) for text_wrap to break on. Caller frees. */
char *text_sanitize_lines(const char *s);

/* Search and sort key, the same in every locale: invalid bytes dropped;
 * then, by libunistring, canonical decomposition, full Unicode case folding
 * and canonical composition (NFC), so every letter of every script folds
 * (Tatar, Bashkir, Chuvash Ә Ө Ү Җ Ң Һ Ҫ Ӑ Ӗ Ҡ...) and «и» + combining
 * breve (U+0306), as some programs paste it, is «й»; then ё -> е; runs of
 * spaces (tab, line breaks, no-break spaces too) collapse to one, leading
 * and trailing ones dropped. Keys are compared bytewise: their byte order
 * is Russian alphabetical order for Cyrillic (а..я are contiguous code
 * points once ё is е). A key folds to itself. The key may be longer than
 * s (ß -> ss, Unicode's expansions). Caller frees. */
char *text_fold(const char *s);

/* The narrower fold of codes (organisation and codifier codes): Latin
 * A..Z, the Cyrillic capitals А..Я, Ё, Є Ѕ І Ї Ј Ў Ґ to small letters, ё -> е,
 * spaces as text_fold(); nothing else changes. It is the fold schema step
 * 10 keeps in built-in SQL (store/schema.h CODE_CMP_*), which a code's key
 * must equal. Caller frees. */
char *text_code_fold(const char *s);

/* Screen columns of valid UTF-8 s (wcwidth; unprintable counts 1). */
int text_width(const char *s);
/* The key pressed, read by its position on a Russian keyboard: a Latin
 * letter becomes the ЙЦУКЕН letter printed on the same key (l → д, y → н),
 * a Cyrillic letter stays; both come back lower case. Anything else is
 * returned unchanged. Answers to «да/нет» questions read keys this way, so
 * the key labelled «Н» means «нет» whichever layout is on. */
uint32_t text_key_letter(uint32_t cp);

/* Copy into out (outsz bytes, NUL included) the longest prefix of s that
 * fits in cols columns without cutting a UTF-8 sequence or a wide character;
 * returns the columns used. */
int text_fit(const char *s, int cols, char *out, size_t outsz);

/* Like text_fit but when s is wider than cols, ends the result with "…"
 * (U+2026, one column) inside the same cols. */
int text_fit_ellipsis(const char *s, int cols, char *out, size_t outsz);

/* Lines of wrapped text (each malloc'd, without the line break). */
struct text_lines {
	char **v;
	int n, cap;
};
void text_lines_push(struct text_lines *l, const char *s, size_t len);
/* A line made by printf's rules. */
void text_lines_add(struct text_lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void text_lines_free(struct text_lines *l);
/* Wrap clean text (valid UTF-8; '\n' separates paragraphs) into lines: the
 * first at most w1 columns, every other at most w2. Lines break at spaces;
 * a word wider than a line is cut between characters, never inside one. */
void text_wrap(const char *text, int w1, int w2, struct text_lines *out);

/* The Cyrillic letters drawn like Latin ones (А В Е К М Н О Р С Т У Х,
 * lower case too, and a few more) as those Latin letters, case kept; the
 * rest unchanged, invalid bytes dropped: a code typed in the Russian
 * layout («ОО026») reads as the Latin code (OO026). Caller frees. */
char *text_latin_lookalike(const char *s);

/* "Фамилия Имя Отчество" -> "Фамилия И. О." (for a cell too narrow for
 * the full name); at most outsz-1 bytes, never cut inside a character. */
void text_fio_short(const char *fio, char *out, size_t outsz);

#endif
