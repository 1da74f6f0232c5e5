/* Unit tests for src/text.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "text.h"
#include "util.h"

/* Every byte of s belongs to a complete, valid UTF-8 sequence. */
static int valid_utf8(const char *s)
{
	size_t left = strlen(s);
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		if (len == 0)
			return 0;
		s += len;
		left -= (size_t)len;
	}
	return 1;
}

/* Fixed-seed linear congruential generator (deterministic across runs). */
static uint32_t lcg_state = 12345u;

static uint32_t lcg_next(void)
{
	lcg_state = lcg_state * 1103515245u + 12345u;
	return lcg_state >> 16;
}

static void test_decode_valid(void **state)
{
	uint32_t cp = 0;
	(void)state;

	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(utf8_decode("\x7f", 1, &cp), 1);
	assert_int_equal(cp, 0x7F);
	assert_int_equal(utf8_decode("\xc2\x80", 2, &cp), 2);
	assert_int_equal(cp, 0x80);
	assert_int_equal(utf8_decode("Ё", 2, &cp), 2);
	assert_int_equal(cp, 0x401);
	assert_int_equal(utf8_decode("\xdf\xbf", 2, &cp), 2);
	assert_int_equal(cp, 0x7FF);
	assert_int_equal(utf8_decode("\xe0\xa0\x80", 3, &cp), 3);
	assert_int_equal(cp, 0x800);
	assert_int_equal(utf8_decode("日", 3, &cp), 3);
	assert_int_equal(cp, 0x65E5);
	assert_int_equal(utf8_decode("\xef\xbf\xbd", 3, &cp), 3);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
	/* Only the first sequence is decoded. */
	assert_int_equal(utf8_decode("Ёлка", 8, &cp), 2);
	assert_int_equal(cp, 0x401);
}

static void test_decode_invalid(void **state)
{
	uint32_t cp;
	(void)state;

	/* Overlong forms. */
	assert_int_equal(utf8_decode("\xc0\x80", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xc1\xbf", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xe0\x80\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xe0\x9f\xbf", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xf0\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xf0\x8f\xbf\xbf", 4, &cp), 0);
	/* Surrogates. */
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xed\xbf\xbf", 3, &cp), 0);
	/* Beyond U+10FFFF. */
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xf5\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xff", 1, &cp), 0);
	/* Truncated: by n, and by a NUL / ASCII byte inside the buffer. */
	assert_int_equal(utf8_decode("\xd0", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xd0", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xd0\x81", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xe6\x97", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xe6\x97" "A", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xf0\x9f\x98", 3, &cp), 0);
	/* Stray continuation bytes. */
	assert_int_equal(utf8_decode("\x80", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xbf" "A", 2, &cp), 0);
	/* Nothing to decode. */
	assert_int_equal(utf8_decode("A", 0, &cp), 0);
}

static void test_chars(void **state)
{
	(void)state;
	assert_int_equal(text_chars("Ёлкина"), 6);
	assert_int_equal(text_chars(""), 0);
	assert_int_equal(text_chars("abc"), 3);
	assert_int_equal(text_chars("日本"), 2);
	assert_int_equal(text_chars("\xf0\x9f\x98\x80"), 1);
}

static void test_forbidden(void **state)
{
	(void)state;
	assert_true(text_forbidden(0x00, 0));
	assert_true(text_forbidden('\t', 0));
	assert_true(text_forbidden('\t', 1));
	assert_true(text_forbidden('\n', 0));
	assert_false(text_forbidden('\n', 1));
	assert_true(text_forbidden('\r', 1));
	assert_true(text_forbidden(0x1B, 0));
	assert_true(text_forbidden(0x7F, 0));
	assert_true(text_forbidden(0x80, 0));
	assert_true(text_forbidden(0x9B, 0));
	assert_true(text_forbidden(0x9F, 0));
	assert_true(text_forbidden(0x061C, 0));
	assert_true(text_forbidden(0x200E, 0));
	assert_true(text_forbidden(0x200F, 0));
	assert_true(text_forbidden(0x202A, 0));
	assert_true(text_forbidden(0x202E, 0));
	assert_true(text_forbidden(0x2066, 0));
	assert_true(text_forbidden(0x2069, 0));
	assert_true(text_forbidden(0xFEFF, 0));
	assert_false(text_forbidden(' ', 0));
	assert_false(text_forbidden('~', 0));
	assert_false(text_forbidden(0xA0, 0));
	assert_false(text_forbidden(0x401, 0));
	assert_true(text_forbidden(0x200D, 0));   /* joiners hide in names (issue 17) */
	assert_false(text_forbidden(0x2026, 0));
}

static void test_check_accepts(void **state)
{
	(void)state;
	assert_null(text_check("Ёлкина Анна Сергеевна", 100, 0));
	assert_null(text_check("", 0, 0));
	assert_null(text_check("Ёлкина", 6, 0));
	assert_null(text_check("строка 1\nстрока 2", 100, 1));
	assert_null(text_check("日本 \xf0\x9f\x98\x80", SIZE_MAX, 0));
}

static void test_check_refuses(void **state)
{
	const char *enc = "недопустимая кодировка (не UTF-8)";
	const char *ctl = "недопустимый управляющий символ";
	(void)state;

	assert_string_equal(text_check("\xff", 100, 0), enc);
	assert_string_equal(text_check("Ёлк\xd0", 100, 0), enc);
	assert_string_equal(text_check("\xc0\x80", 100, 0), enc);
	assert_string_equal(text_check("\xed\xa0\x80", 100, 0), enc);
	assert_string_equal(text_check("\x1b[2J", 100, 0), ctl);
	assert_string_equal(text_check("a\rb", 100, 0), ctl);
	assert_string_equal(text_check("a\bb", 100, 0), ctl);
	assert_string_equal(text_check("a\tb", 100, 0), ctl);
	assert_string_equal(text_check("a\x7f" "b", 100, 0), ctl);
	assert_string_equal(text_check("a\xe2\x80\xae" "b", 100, 0), ctl);
	assert_string_equal(text_check("a\xc2\x9b" "b", 100, 0), ctl);
	assert_string_equal(text_check("\xef\xbb\xbf" "abc", 100, 0), ctl);
	/* '\n' only in multiline fields. */
	assert_string_equal(text_check("a\nb", 100, 0), ctl);
	assert_null(text_check("a\nb", 100, 1));
	assert_string_equal(text_check("a\r\nb", 100, 1), ctl);
	/* Order: encoding, then controls, then length. */
	assert_string_equal(text_check("\x1b" "abc\xff", 1, 0), enc);
	assert_string_equal(text_check("\x1b" "abcdef", 1, 0), ctl);
	/* Invisible characters that make two names look alike. */
	static const char *const inv[] = {
		"Адми\u200bнистратор", "Адми\u200cн", "Адми\u200dн", "Адми\u2060н", "Адми\u00adн",
		"Адми\ufe0fн", "Адми\u3164н", "Адми\U000E0041н",
	};
	for (size_t i = 0; i < sizeof inv / sizeof inv[0]; i++) {
		const char *m = text_check(inv[i], 100, 0);
		assert_non_null(m);
		assert_non_null(strstr(m, "невидимый символ"));
		char *clean = text_sanitize(inv[i]);
		assert_non_null(strstr(clean, "\xef\xbf\xbd"));   /* drawn as U+FFFD */
		free(clean);
	}
	assert_null(text_check("Ёлкина-Зимина Анна", 100, 0));
}

static void test_check_length(void **state)
{
	size_t n = 10000;
	char *s = malloc(n + 1);
	const char *msg;
	(void)state;

	assert_non_null(s);
	memset(s, 'x', n);
	s[n] = '\0';
	msg = text_check(s, 100, 0);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "100"));
	assert_string_equal(msg, "слишком длинно: не более 100 символов");
	free(s);

	/* Counted in code points, not bytes: 6 letters, 12 bytes. */
	assert_null(text_check("Ёлкина", 6, 0));
	msg = text_check("Ёлкина", 5, 0);
	assert_non_null(msg);
	assert_string_equal(msg, "слишком длинно: не более 5 символов");
}

static void test_sanitize(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "\xff", "\xef\xbf\xbd" },
		{ "\x1b[2J", "\xef\xbf\xbd[2J" },
		{ "a\rb", "a\xef\xbf\xbd" "b" },
		{ "a\bb", "a\xef\xbf\xbd" "b" },
		{ "a\xe2\x80\xae" "b", "a\xef\xbf\xbd" "b" },
		{ "a\xc2\x9b" "b", "a\xef\xbf\xbd" "b" },
		{ "a\nb\tc", "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c" },
		{ "\xd0", "\xef\xbf\xbd" },
		{ "\xc0\x80", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "Ёлкина", "Ёлкина" },
		{ "日本 \xf0\x9f\x98\x80", "日本 \xf0\x9f\x98\x80" },
		{ "", "" },
	};
	size_t i;
	(void)state;

	for (i = 0; i < NITEMS(cases); i++) {
		char *r = text_sanitize(cases[i].in);
		assert_string_equal(r, cases[i].out);
		assert_null(text_check(r, SIZE_MAX, 0));
		free(r);
	}
}

/* A multi-line text keeps its line breaks for the wrap; every other
 * control still becomes U+FFFD. */
static void test_sanitize_lines(void **state)
{
	char *t;
	struct text_lines wl = { 0 };

	(void)state;
	t = text_sanitize_lines("1. Задача\n2. Задача\x1b[2J\r");
	assert_string_equal(t, "1. Задача\n2. Задача\xef\xbf\xbd[2J\xef\xbf\xbd");
	text_wrap(t, 40, 40, &wl);
	assert_int_equal(wl.n, 2);
	assert_string_equal(wl.v[0], "1. Задача");
	text_lines_free(&wl);
	free(t);
	t = text_sanitize("a\nb");
	assert_string_equal(t, "a\xef\xbf\xbd" "b");
	free(t);
}

static void test_sanitize_random(void **state)
{
	/* Fragments that make random strings look more like real input. */
	static const char *const frags[] = {
		"Ё", "日", "\xf0\x9f\x98\x80", "\xe2\x80\xae", "\xc2\x9b", "\xed\xa0\x80",
		"\xc0\x80", "\xf4\x90\x80\x80", "\x1b[", "\n", "\xe6\x97", "\xef\xbb\xbf",
	};
	char buf[128];
	int iter;
	(void)state;

	lcg_state = 20240601u;
	for (iter = 0; iter < 500; iter++) {
		size_t len = 0, target = lcg_next() % 48;
		char *r;

		while (len < target) {
			if (lcg_next() % 4 == 0) {
				const char *f = frags[lcg_next() % NITEMS(frags)];
				size_t fl = strlen(f);
				if (len + fl >= sizeof buf)
					break;
				memcpy(buf + len, f, fl);
				len += fl;
			} else {
				buf[len++] = (char)(1 + lcg_next() % 255);
			}
		}
		buf[len] = '\0';
		r = text_sanitize(buf);
		assert_null(text_check(r, SIZE_MAX, 0));
		free(r);
	}
}

static void test_fold(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "ЁЛКИНА Анна", "елкина анна" },
		{ "  Иванов   Пётр ", "иванов петр" },
		{ "\tIVANOV\t \tPetr\t", "ivanov petr" },
		{ "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", "абвгдежзийклмнопрстуфхцчшщъыьэюя" },
		{ "ЄІЇЎҐ", "єіїўґ" },
		{ "єіїўґ", "єіїўґ" },
		{ "Ёё", "ее" },
		{ "a\xff" "b\xd0", "ab" },
		{ "   ", "" },
		{ "", "" },
		{ "日本", "日本" },
	};
	size_t i;
	(void)state;

	for (i = 0; i < NITEMS(cases); i++) {
		char *r = text_fold(cases[i].in);
		assert_string_equal(r, cases[i].out);
		free(r);
	}
}

static int fold_cmp(const char *a, const char *b);

/* The letters of Russia's languages fold by Unicode, not by a table of
 * Russian ones; a decomposed «й» is «й»; ё stays е whichever way typed. */
static void test_fold_unicode(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "ӘЛИЕВА", "әлиева" },
		{ "ӘӨҮҖҢҺҪӐӖҠҒҘ", "әөүҗңһҫӑӗҡғҙ" },
		{ "әөүҗңһҫӑӗҡғҙ", "әөүҗңһҫӑӗҡғҙ" },
		{ "ӲӴӸҔӢ", "ӳӵӹҕӣ" },
		/* и + U+0306 COMBINING BREVE, Й likewise: one letter й. */
		{ "Кузьми\xcc\x86", "кузьмй" },
		{ "\xd0\x98\xcc\x86\xd0\xbe\xd1\x84\xd0\xb5", "йофе" },
		/* е + U+0308 COMBINING DIAERESIS, Е + two of them: е. */
		{ "\xd0\x95\xcc\x88\xd0\xbb\xd0\xba\xd0\xb8\xd0\xbd\xd0\xb0", "елкина" },
		{ "\xd0\xb5\xcc\x88\xcc\x88", "е" },
		{ "Straße", "strasse" },
		{ "Иванов\xc2\xa0Пётр", "иванов петр" },
		{ "\xd0\x99\xff\xcc\x86", "й" "\xcc\x86" },
	};
	size_t i;
	(void)state;

	for (i = 0; i < NITEMS(cases); i++) {
		char *r = text_fold(cases[i].in), *again = text_fold(r);
		assert_string_equal(r, cases[i].out);
		assert_string_equal(again, r);
		free(again);
		free(r);
	}
	/* а < б < ... < я, capitals too, ё with е. */
	{
		static const char *const abc[] = {
			"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "Й", "К", "Л", "М", "Н", "О", "П",
			"Р", "С", "Т", "У", "Ф", "Х", "Ц", "Ч", "Ш", "Щ", "Ъ", "Ы", "Ь", "Э", "Ю", "Я",
		};
		for (i = 1; i < NITEMS(abc); i++) {
			assert_true(fold_cmp(abc[i - 1], abc[i]) < 0);
			assert_true(fold_cmp(abc[i - 1], "я") < 0);
		}
		assert_int_equal(fold_cmp("Ё", "е"), 0);
		assert_true(fold_cmp("Ёж", "Ж") < 0);
	}
	/* Upper and lower case, composed and decomposed: one key. */
	{
		char *a = text_fold("ӘЛИЕВА"), *b = text_fold("Әлиева");
		char *c = text_fold("Кузьмин Андрей"), *d = text_fold("КУЗЬМИН АНДРЕ\xd0\x98\xcc\x86");
		char *e = text_fold("андрей"), *f = text_fold("андре\xd0\xb8\xcc\x86");
		assert_string_equal(a, b);
		assert_string_equal(e, f);
		assert_string_equal(d, "кузьмин андрей");
		assert_string_equal(c, "кузьмин андрей");
		free(a);
		free(b);
		free(c);
		free(d);
		free(e);
		free(f);
	}
}

/* Codes fold only as the built-in SQL of their key does. */
static void test_code_fold(void **state)
{
	char *k;
	(void)state;

	k = text_code_fold(" ОО026 ЁЖ ЄЅІЇЈЎҐ a\xff");
	assert_string_equal(k, "оо026 еж єѕіїјўґ a");
	free(k);
	k = text_code_fold("ӘÉ");
	assert_string_equal(k, "ӘÉ");
	free(k);
}

static int cmp_folded(const void *a, const void *b)
{
	char *fa = text_fold(*(const char *const *)a);
	char *fb = text_fold(*(const char *const *)b);
	int r = strcmp(fa, fb);
	free(fa);
	free(fb);
	return r;
}

static int fold_cmp(const char *a, const char *b)
{
	return cmp_folded(&a, &b);
}

static void test_fold_order(void **state)
{
	const char *names[] = {
		"Яковлев", "Ельцин", "Жуков", "Ёлкина", "Щукин", "Абрамов", "Петров",
		"Рябов",
	};
	const char *const sorted[] = {
		"Абрамов", "Ёлкина", "Ельцин", "Жуков", "Петров", "Рябов", "Щукин",
		"Яковлев",
	};
	size_t i;
	(void)state;

	assert_true(fold_cmp("Ёлкина", "Жуков") < 0);
	/* е-л-к before е-л-ь: к (U+043A) < ь (U+044C). */
	assert_true(fold_cmp("Ёлкина", "Ельцин") < 0);
	assert_true(fold_cmp("Щукин", "Яковлев") < 0);
	/* п (D0 BF) before р (D1 80) across the UTF-8 lead byte change. */
	assert_true(fold_cmp("Петров", "Рябов") < 0);
	assert_int_equal(fold_cmp("ЁЛКИНА", "елкина"), 0);

	qsort(names, NITEMS(names), sizeof names[0], cmp_folded);
	for (i = 0; i < NITEMS(names); i++)
		assert_string_equal(names[i], sorted[i]);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("Ёлкина"), 6);
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("\xe2\x80\xa6"), 1);
}

static void test_fit(void **state)
{
	char out[64];
	(void)state;

	assert_int_equal(text_fit("Ёлкина", 3, out, sizeof out), 3);
	assert_string_equal(out, "Ёлк");
	assert_int_equal(text_fit("日本", 3, out, sizeof out), 2);
	assert_string_equal(out, "日");
	assert_int_equal(text_fit("日本", 4, out, sizeof out), 4);
	assert_string_equal(out, "日本");
	assert_int_equal(text_fit("日本", 1, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* A wide character that does not fit ends the copy. */
	assert_int_equal(text_fit("a日b", 2, out, sizeof out), 1);
	assert_string_equal(out, "a");
	assert_int_equal(text_fit("abc", 0, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_fit("abc", 10, out, sizeof out), 3);
	assert_string_equal(out, "abc");
	/* The output buffer limits too, without cutting a sequence. */
	assert_int_equal(text_fit("Ёлкина", 10, out, 4), 1);
	assert_string_equal(out, "Ё");
	assert_int_equal(text_fit("Ёлкина", 10, out, 1), 0);
	assert_string_equal(out, "");
}

static void test_fit_always_valid(void **state)
{
	static const char *const strs[] = {
		"Ёлкина Анна Сергеевна", "日本語のテキスト", "a日b本c", "\xf0\x9f\x98\x80x\xf0\x9f\x98\x80",
		"abc", "", "Ёё日a\xe2\x80\xa6",
	};
	char out[64];
	size_t i, sz;
	int cols, w;
	(void)state;

	for (i = 0; i < NITEMS(strs); i++) {
		for (cols = 0; cols <= 20; cols++) {
			w = text_fit(strs[i], cols, out, sizeof out);
			assert_true(valid_utf8(out));
			assert_true(w <= cols);
			assert_int_equal(w, text_width(out));
			assert_true(strncmp(out, strs[i], strlen(out)) == 0);

			w = text_fit_ellipsis(strs[i], cols, out, sizeof out);
			assert_true(valid_utf8(out));
			assert_true(w <= cols);
			assert_int_equal(w, text_width(out));

			for (sz = 1; sz <= 12; sz++) {
				char small[12];
				w = text_fit(strs[i], cols, small, sz);
				assert_true(strlen(small) < sz);
				assert_true(valid_utf8(small));
				assert_true(w <= cols);
				w = text_fit_ellipsis(strs[i], cols, small, sz);
				assert_true(strlen(small) < sz);
				assert_true(valid_utf8(small));
				assert_true(w <= cols);
			}
		}
	}
}

static void test_fit_ellipsis(void **state)
{
	char out[64];
	(void)state;

	assert_int_equal(text_fit_ellipsis("Ёлкина Анна", 6, out, sizeof out), 6);
	assert_string_equal(out, "Ёлкин…");
	/* Fits whole: no ellipsis. */
	assert_int_equal(text_fit_ellipsis("Ёлкина", 6, out, sizeof out), 6);
	assert_string_equal(out, "Ёлкина");
	assert_int_equal(text_fit_ellipsis("abc", 10, out, sizeof out), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(text_fit_ellipsis("abc", 1, out, sizeof out), 1);
	assert_string_equal(out, "…");
	assert_int_equal(text_fit_ellipsis("abc", 0, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* Wide characters are not split before the ellipsis. */
	assert_int_equal(text_fit_ellipsis("日本語", 4, out, sizeof out), 3);
	assert_string_equal(out, "日…");
	assert_int_equal(text_fit_ellipsis("日本語", 5, out, sizeof out), 5);
	assert_string_equal(out, "日本…");
}

static void test_key_letter(void **state)
{
	(void)state;
	/* The keys of «да» and «нет» in either layout. */
	assert_int_equal(text_key_letter('l'), 0x0434);
	assert_int_equal(text_key_letter('L'), 0x0434);
	assert_int_equal(text_key_letter(0x0414), 0x0434);   /* Д */
	assert_int_equal(text_key_letter('y'), 0x043d);
	assert_int_equal(text_key_letter('Y'), 0x043d);
	assert_int_equal(text_key_letter(0x041d), 0x043d);   /* Н */
	/* n is the key of «т», not «нет». */
	assert_int_equal(text_key_letter('n'), 0x0442);
	assert_int_equal(text_key_letter('q'), 0x0439);
	assert_int_equal(text_key_letter('z'), 0x044f);
	assert_int_equal(text_key_letter(0x0401), 0x0451);   /* Ё */
	assert_int_equal(text_key_letter('7'), '7');
	assert_int_equal(text_key_letter(' '), ' ');
}

static void test_fio_short(void **state)
{
	char out[64];
	(void)state;

	text_fio_short("Медведева Алёна Константиновна", out, sizeof out);
	assert_string_equal(out, "Медведева А. К.");
	text_fio_short("  Ершов  Фёдор ", out, sizeof out);
	assert_string_equal(out, "Ершов Ф.");
	text_fio_short("Ёлкина", out, sizeof out);
	assert_string_equal(out, "Ёлкина");
	text_fio_short("", out, sizeof out);
	assert_string_equal(out, "");
	/* Too small for the initials: the surname alone, whole. */
	text_fio_short("Ершов Фёдор Михайлович", out, 12);
	assert_string_equal(out, "Ершов");
	/* Too small for the surname: whole characters only. */
	text_fio_short("Ершов Фёдор", out, 6);
	assert_string_equal(out, "Ер");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_chars),
		cmocka_unit_test(test_forbidden),
		cmocka_unit_test(test_check_accepts),
		cmocka_unit_test(test_check_refuses),
		cmocka_unit_test(test_check_length),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_lines),
		cmocka_unit_test(test_sanitize_random),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_order),
		cmocka_unit_test(test_fold_unicode),
		cmocka_unit_test(test_code_fold),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_always_valid),
		cmocka_unit_test(test_fit_ellipsis),
		cmocka_unit_test(test_key_letter),
		cmocka_unit_test(test_fio_short),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
