/* libFuzzer harness for src/text.c: UTF-8 decoding, checking, sanitising,
 * folding, measuring, fitting and wrapping, with the invariants text.h
 * promises checked on every input (abort() on a broken one).
 *
 * Input: four parameter bytes (columns, output size, wrap widths), then the
 * text. The raw bytes are decoded as they are (not NUL-terminated, so an
 * over-read shows); the string functions get a NUL-terminated copy. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Column measurement needs a UTF-8 character type, as main() ensures. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	return 0;
}

/* The shortest encoding of a code point: utf8_decode() must refuse every
 * other (overlong) one. */
static int utf8_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Whether s (NUL-terminated) is entirely valid UTF-8. */
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

/* The text with every ' ' and '\n' removed (what wrapping must keep). */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	if (out == NULL)
		abort();
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			*o++ = *s;
	*o = '\0';
	return out;
}

static void check_decode(const uint8_t *data, size_t size)
{
	size_t i = 0;

	while (i < size) {
		uint32_t cp = 0xFFFFFFFFu;
		int len = utf8_decode((const char *)data + i, size - i, &cp);

		CHECK(len >= 0 && len <= 4 && (size_t)len <= size - i);
		if (len == 0) {
			i++;
			continue;
		}
		CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
		CHECK(utf8_len(cp) == len);
		i += (size_t)len;
	}
}

/* text_fit() and text_fit_ellipsis() on s: a valid prefix (plus "…"), no
 * wider than cols, no longer than outsz - 1 bytes; text_fit() takes the
 * longest such prefix. */
static void check_fit(const char *s, int cols, size_t outsz)
{
	char *out = malloc(outsz ? outsz : 1);
	size_t n;
	int w, ccols = cols < 0 ? 0 : cols;

	if (out == NULL)
		abort();
	w = text_fit(s, cols, out, outsz);
	if (outsz == 0) {
		CHECK(w == 0);
	} else {
		n = strlen(out);
		CHECK(n < outsz);
		CHECK(strncmp(out, s, n) == 0);
		CHECK(valid_utf8(out));
		CHECK(w >= 0 && w <= ccols);
		CHECK(w == text_width(out));
		if (s[n] != '\0') {
			/* Longest: the next character is invalid, or does not fit. */
			uint32_t cp;
			int len = utf8_decode(s + n, strlen(s + n), &cp);
			if (len > 0) {
				char one[5] = { 0 };
				memcpy(one, s + n, (size_t)len);
				CHECK(w + text_width(one) > ccols || n + (size_t)len > outsz - 1);
			}
		}
	}

	w = text_fit_ellipsis(s, cols, out, outsz);
	if (outsz == 0) {
		CHECK(w == 0);
	} else {
		n = strlen(out);
		CHECK(n < outsz);
		CHECK(valid_utf8(out));
		CHECK(w >= 0 && w <= ccols);
		CHECK(w == text_width(out));
		if (n >= 3 && strcmp(out + n - 3, "\xE2\x80\xA6") == 0 &&
		    strncmp(out, s, n) != 0) {
			/* Shortened: a prefix of s and the ellipsis. */
			CHECK(strncmp(out, s, n - 3) == 0);
		} else {
			CHECK(strncmp(out, s, n) == 0);
		}
	}
	free(out);
}

/* text_wrap() of clean text: every line valid, without '\n', within its
 * width (or a single character wider than the line), and nothing but the
 * spaces and line breaks lost. */
static void check_wrap(const char *s, int w1, int w2)
{
	struct text_lines l = { 0 };
	char *all, *in, *joined;
	size_t total = 0;
	int lim1 = w1 > 0 ? w1 : 1, lim2 = w2 > 0 ? w2 : 1;

	text_wrap(s, w1, w2, &l);
	CHECK(l.n >= 1);
	for (int i = 0; i < l.n; i++) {
		const char *line = l.v[i];
		int lim = i == 0 ? lim1 : lim2, w = text_width(line);
		uint32_t cp;

		CHECK(valid_utf8(line));
		CHECK(strchr(line, '\n') == NULL);
		if (w > lim) {
			/* Only a single character (a wide one in a narrow line) may overflow. */
			CHECK(utf8_decode(line, strlen(line), &cp) == (int)strlen(line));
		}
		total += strlen(line);
	}
	joined = malloc(total + 1);
	if (joined == NULL)
		abort();
	joined[0] = '\0';
	for (int i = 0, off = 0; i < l.n; i++) {
		size_t len = strlen(l.v[i]);
		memcpy(joined + off, l.v[i], len + 1);
		off += (int)len;
	}
	all = squeeze(joined);
	in = squeeze(s);
	CHECK(strcmp(all, in) == 0);
	free(all);
	free(in);
	free(joined);
	text_lines_free(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int cols, w1, w2;
	size_t outsz, maxc;
	char *s, *san, *fold, *fold2;
	const char *m;

	check_decode(data, size);
	if (size < 4)
		return 0;
	cols = (int)(int8_t)data[0];          /* negative too: treated as 0 */
	outsz = data[1];                       /* 0 .. 255 bytes */
	w1 = (int)(int8_t)data[2];
	w2 = (int)(int8_t)data[3];
	maxc = data[1];
	data += 4;
	size -= 4;

	s = malloc(size + 1);
	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';

	/* text_check: accepted text is valid, free of forbidden characters and short enough. */
	for (int ml = 0; ml <= 1; ml++) {
		m = text_check(s, maxc, ml);
		if (m == NULL) {
			const char *p = s;
			size_t left = strlen(s);
			uint32_t cp;
			CHECK(valid_utf8(s));
			CHECK(text_chars(s) <= maxc);
			while (left > 0) {
				int len = utf8_decode(p, left, &cp);
				CHECK(!text_forbidden(cp, ml));
				p += len;
				left -= (size_t)len;
			}
		}
	}

	/* text_sanitize: valid, nothing forbidden, one character for each one in
	 * (an invalid byte counting one), and unchanged when already clean. */
	san = text_sanitize(s);
	CHECK(text_check(san, SIZE_MAX, 0) == NULL);
	CHECK(text_chars(san) == text_chars(s));
	if (text_check(s, SIZE_MAX, 0) == NULL)
		CHECK(strcmp(san, s) == 0);
	CHECK(text_width(san) >= 0);

	/* text_fold: valid, idempotent (it may be longer: ß -> ss). */
	fold = text_fold(s);
	CHECK(valid_utf8(fold));
	CHECK(fold[0] != ' ' && (fold[0] == '\0' || fold[strlen(fold) - 1] != ' '));
	CHECK(strstr(fold, "  ") == NULL);
	fold2 = text_fold(fold);
	CHECK(strcmp(fold, fold2) == 0);
	free(fold2);
	free(fold);

	/* text_code_fold: valid, never longer, idempotent. */
	fold = text_code_fold(s);
	CHECK(valid_utf8(fold));
	CHECK(strlen(fold) <= strlen(s));
	fold2 = text_code_fold(fold);
	CHECK(strcmp(fold, fold2) == 0);
	free(fold2);
	free(fold);

	check_fit(s, cols, outsz);     /* raw input: stops at invalid bytes */
	check_fit(san, cols, outsz);

	/* Wrapping takes clean text: the input itself when it is clean
	 * multiline text, else the sanitised copy. */
	check_wrap(text_check(s, SIZE_MAX, 1) == NULL ? s : san, w1, w2);

	free(san);
	free(s);
	return 0;
}
