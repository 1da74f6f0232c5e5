/* UTF-8 validation, sanitising, case folding and column measurement.
 * See text.h for the contract of each function. */
#include "text.h"
#include "util.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <unicase.h>
#include <uninorm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* U+FFFD REPLACEMENT CHARACTER and U+2026 HORIZONTAL ELLIPSIS in UTF-8. */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"
#define UTF8_ELLIPSIS "\xE2\x80\xA6"

int utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	int len, i;

	if (n == 0)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2)		/* stray continuation byte, or overlong C0/C1 lead */
		return 0;
	if (c < 0xE0) {
		len = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c < 0xF0) {
		len = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c < 0xF5) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;	/* F5..FF never appear in UTF-8 */
	}
	if (n < (size_t)len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;	/* truncated (includes a NUL terminator) */
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min)		/* overlong */
		return 0;
	if (c >= 0xD800 && c <= 0xDFFF)	/* UTF-16 surrogate */
		return 0;
	if (c > 0x10FFFF)
		return 0;
	*cp = c;
	return len;
}

/* Encode cp (a valid scalar value) into out; returns the byte count. */
static int utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Columns of one code point: wcwidth(), unprintable counts 1. */
static int cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

size_t text_chars(const char *s)
{
	size_t n = 0, left = strlen(s);
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		if (len == 0)
			len = 1;	/* invalid byte: count it as one */
		s += len;
		left -= (size_t)len;
		n++;
	}
	return n;
}

int text_invisible(uint32_t cp)
{
	switch (cp) {
	case 0x00AD:		/* SOFT HYPHEN */
	case 0x034F:		/* COMBINING GRAPHEME JOINER */
	case 0x115F:		/* HANGUL CHOSEONG FILLER */
	case 0x1160:		/* HANGUL JUNGSEONG FILLER */
	case 0x17B4:		/* KHMER VOWEL INHERENT AQ */
	case 0x17B5:		/* KHMER VOWEL INHERENT AA */
	case 0x180E:		/* MONGOLIAN VOWEL SEPARATOR */
	case 0x3164:		/* HANGUL FILLER */
	case 0xFFA0:		/* HALFWIDTH HANGUL FILLER */
		return 1;
	default:
		break;
	}
	if (cp >= 0x200B && cp <= 0x200D)	/* ZERO WIDTH SPACE, ZWNJ, ZWJ */
		return 1;
	if (cp >= 0x2060 && cp <= 0x2064)	/* WORD JOINER, invisible operators */
		return 1;
	if (cp >= 0x206A && cp <= 0x206F)	/* deprecated format characters */
		return 1;
	if (cp >= 0xFE00 && cp <= 0xFE0F)	/* variation selectors */
		return 1;
	if (cp >= 0xE0000 && cp <= 0xE0FFF)	/* tags, variation selectors supplement */
		return 1;
	return 0;
}

int text_forbidden(uint32_t cp, int multiline)
{
	if (text_invisible(cp))
		return 1;
	if (cp < 0x20)
		return !(cp == '\n' && multiline);
	if (cp >= 0x7F && cp <= 0x9F)	/* DEL and C1 controls */
		return 1;
	switch (cp) {
	case 0x061C:		/* ARABIC LETTER MARK */
	case 0x200E:		/* LRM */
	case 0x200F:		/* RLM */
	case 0xFEFF:		/* BOM / ZWNBSP */
		return 1;
	default:
		break;
	}
	if (cp >= 0x202A && cp <= 0x202E)	/* LRE RLE PDF LRO RLO */
		return 1;
	if (cp >= 0x2066 && cp <= 0x2069)	/* LRI RLI FSI PDI */
		return 1;
	return 0;
}

/* The length message is formatted into a per-thread static buffer: the
 * returned pointer stays valid until the next text_check() call in the same
 * thread. The other messages are string literals. */
const char *text_check(const char *s, size_t max_chars, int multiline)
{
	static _Thread_local char msg[128];
	size_t left = strlen(s), n = 0;
	int bad_ctl = 0, invisible = 0;
	uint32_t cp;

	/* One pass; invalid encoding wins over everything, so keep scanning
	 * after a forbidden character and decide at the end. */
	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		if (len == 0)
			return "недопустимая кодировка (не UTF-8)";
		if (text_invisible(cp))
			invisible = 1;
		else if (text_forbidden(cp, multiline))
			bad_ctl = 1;
		s += len;
		left -= (size_t)len;
		n++;
	}
	if (bad_ctl)
		return "недопустимый управляющий символ";
	if (invisible)
		return "недопустимый невидимый символ (пробел нулевой ширины, мягкий перенос и т. п.)";
	if (n > max_chars) {
		snprintf(msg, sizeof msg, "слишком длинно: не более %zu символов",
			 max_chars);
		return msg;
	}
	return NULL;
}

static char *sanitize(const char *s, int multiline)
{
	size_t left = strlen(s);
	/* Worst case: every input byte becomes a 3-byte U+FFFD. */
	char *out = xmalloc(left * 3 + 1), *o = out;
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		if (len == 0) {
			memcpy(o, UTF8_REPLACEMENT, 3);
			o += 3;
			len = 1;	/* resynchronise on the next byte */
		} else if (text_forbidden(cp, multiline)) {
			memcpy(o, UTF8_REPLACEMENT, 3);
			o += 3;
		} else {
			memcpy(o, s, (size_t)len);
			o += len;
		}
		s += len;
		left -= (size_t)len;
	}
	*o = '\0';
	return out;
}

char *text_sanitize(const char *s)
{
	return sanitize(s, 0);
}

char *text_sanitize_lines(const char *s)
{
	return sanitize(s, 1);
}

/* The letters text_code_fold() folds: those a code's key folds in built-in
 * SQL (CODE_CMP_* in store/schema.h), no more, so that the two agree. */
static uint32_t code_fold_cp(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + ('a' - 'A');
	if (cp >= 0x0410 && cp <= 0x042F)	/* А..Я -> а..я */
		return cp + 0x20;
	switch (cp) {
	case 0x0401:		/* Ё */
	case 0x0451:		/* ё */
		return 0x0435;	/* е */
	case 0x0404:		/* Є -> є */
	case 0x0405:		/* Ѕ -> ѕ */
	case 0x0406:		/* І -> і */
	case 0x0407:		/* Ї -> ї */
	case 0x0408:		/* Ј -> ј */
	case 0x040E:		/* Ў -> ў */
		return cp + 0x50;
	case 0x0490:		/* Ґ -> ґ */
		return 0x0491;
	default:
		return cp;
	}
}

char *text_code_fold(const char *s)
{
	size_t left = strlen(s);
	/* Never lengthens a character: every pair above has the same UTF-8
	 * length, and spaces only shrink. */
	char *out = xmalloc(left + 1), *o = out;
	int pending_space = 0;
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		if (len == 0) {
			len = 1;	/* invalid byte: dropped */
		} else if (cp == ' ' || cp == '\t') {
			if (o != out)
				pending_space = 1;
		} else {
			if (pending_space) {
				*o++ = ' ';
				pending_space = 0;
			}
			o += utf8_encode(code_fold_cp(cp), o);
		}
		s += len;
		left -= (size_t)len;
	}
	*o = '\0';
	return out;
}

/* Spaces as text_fold() reads them: runs collapse to one ' ', ends are
 * trimmed. The no-break spaces come with names pasted from documents. */
static bool fold_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x00A0 || cp == 0x202F;
}

/* One pass of text_fold() over n bytes of s. */
static char *fold_pass(const char *s, size_t n)
{
	char *clean = xmalloc(n + 1), *out, *o;
	size_t c = 0, flen, left;
	const char *f, *p;
	uint8_t *folded;
	int pending_space = 0;
	uint32_t cp;

	/* Invalid bytes are dropped before libunistring sees the text. */
	while (n > 0) {
		int len = utf8_decode(s, n, &cp);
		if (len == 0) {
			s++;
			n--;
			continue;
		}
		memcpy(clean + c, s, (size_t)len);
		c += (size_t)len;
		s += len;
		n -= (size_t)len;
	}
	if (c == 0) {
		clean[0] = '\0';
		return clean;
	}
	/* NFD, full case folding, NFC (u8_casefold decomposes first). */
	folded = u8_casefold((const uint8_t *)clean, c, NULL, UNINORM_NFC, NULL, &flen);
	free(clean);
	if (folded == NULL)
		fatal("нет памяти (свёртка регистра, %zu байт)", c);
	out = xmalloc(flen + 1);
	o = out;
	f = (const char *)folded;
	p = f;
	left = flen;
	while (left > 0) {
		int len = utf8_decode(p, left, &cp);
		if (len == 0) {
			len = 1;	/* not expected from libunistring: dropped */
		} else if (fold_space(cp)) {
			if (o != out)
				pending_space = 1;
		} else {
			if (pending_space) {
				*o++ = ' ';
				pending_space = 0;
			}
			if (cp == 0x0451)	/* ё -> е (Ё is ё by now) */
				o += utf8_encode(0x0435, o);
			else {
				memcpy(o, p, (size_t)len);
				o += len;
			}
		}
		p += len;
		left -= (size_t)len;
	}
	*o = '\0';
	free(folded);
	return out;
}

/* Whether a folded key is surely stable under another fold: ASCII and the
 * Cyrillic block only (no combining mark left behind by ё -> е). */
static bool fold_plain(const char *k)
{
	for (const unsigned char *p = (const unsigned char *)k; *p; p++)
		if (*p >= 0xC0 && (*p < 0xD0 || *p > 0xD3))
			return false;
	return true;
}

char *text_fold(const char *s)
{
	char *k = fold_pass(s, strlen(s));

	/* «е» + two diaeresis marks folds to «е» + one at the first pass (the
	 * first pair composes to ё, which becomes е): fold again until the key
	 * no longer changes, so that a key folds to itself. */
	for (int i = 0; i < 8 && !fold_plain(k); i++) {
		char *again = fold_pass(k, strlen(k));
		bool same = strcmp(again, k) == 0;
		free(k);
		k = again;
		if (same)
			break;
	}
	return k;
}

int text_width(const char *s)
{
	size_t left = strlen(s);
	int w = 0;
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		if (len == 0) {
			len = 1;	/* invalid byte: one column, like U+FFFD */
			w += 1;
		} else {
			w += cp_width(cp);
		}
		s += len;
		left -= (size_t)len;
	}
	return w;
}

/* Longest prefix of s within cols columns and maxbytes bytes, stopping at
 * the first invalid sequence. Stores its byte length in *bytes and returns
 * its columns. */
static int fit_prefix(const char *s, int cols, size_t maxbytes, size_t *bytes)
{
	size_t left = strlen(s), used = 0;
	int w = 0;
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s + used, left, &cp);
		int cw;
		if (len == 0)
			break;
		cw = cp_width(cp);
		if (cw > cols - w || (size_t)len > maxbytes - used)
			break;	/* never split a wide character or a sequence */
		w += cw;
		used += (size_t)len;
		left -= (size_t)len;
	}
	*bytes = used;
	return w;
}

/* Invalid UTF-8 in s ends the copy there, so the result is always valid. */
int text_fit(const char *s, int cols, char *out, size_t outsz)
{
	size_t bytes;
	int w;

	if (outsz == 0)
		return 0;
	if (cols < 0)
		cols = 0;
	w = fit_prefix(s, cols, outsz - 1, &bytes);
	memcpy(out, s, bytes);
	out[bytes] = '\0';
	return w;
}

/* When out is too small for "…" (outsz < 4) or cols < 1, the result is a
 * plain truncation, as by text_fit(). */
int text_fit_ellipsis(const char *s, int cols, char *out, size_t outsz)
{
	size_t bytes;
	int w;

	if (outsz == 0)
		return 0;
	if (cols < 0)
		cols = 0;
	w = fit_prefix(s, cols, outsz - 1, &bytes);
	if (s[bytes] == '\0' || cols < 1 || outsz < 4) {
		memcpy(out, s, bytes);
		out[bytes] = '\0';
		return w;
	}
	w = fit_prefix(s, cols - 1, outsz - 4, &bytes);
	memcpy(out, s, bytes);
	memcpy(out + bytes, UTF8_ELLIPSIS, sizeof UTF8_ELLIPSIS);
	return w + 1;
}

/* --- wrapping --- */

void text_lines_push(struct text_lines *l, const char *s, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
	}
	l->v[l->n++] = xstrndup(s, len);
}

void text_lines_add(struct text_lines *l, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	text_lines_push(l, s, strlen(s));
	free(s);
}

void text_lines_free(struct text_lines *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Bytes of the longest prefix of s within cols columns; at least one whole
 * character, so a line always moves on. */
static size_t fit_bytes(const char *s, int cols)
{
	size_t n = strlen(s), b;
	char *buf = xmalloc(n + 1);
	uint32_t cp;

	text_fit(s, cols, buf, n + 1);
	b = strlen(buf);
	free(buf);
	if (b == 0 && n > 0) {
		int len = utf8_decode(s, n, &cp);
		b = len > 0 ? (size_t)len : 1;
	}
	return b;
}

/* Wrap clean text (valid UTF-8; '\n' separates paragraphs) into lines: the
 * first at most w1 columns, every other at most w2. Lines break at spaces;
 * a word wider than a line is cut between characters. */
void text_wrap(const char *text, int w1, int w2, struct text_lines *out)
{
	const char *p = text;
	char *line = xmalloc(strlen(text) + 1);
	int avail = w1 > 0 ? w1 : 1;

	if (w2 < 1)
		w2 = 1;
	for (;;) {
		const char *end = strchr(p, '\n'), *q = p;
		size_t ll = 0;
		int lw = 0;

		if (end == NULL)
			end = p + strlen(p);
		while (q < end) {
			const char *ws;
			char *word, *wp;
			int ww;

			while (q < end && *q == ' ')
				q++;
			if (q >= end)
				break;
			ws = q;
			while (q < end && *q != ' ')
				q++;
			word = wp = xstrndup(ws, (size_t)(q - ws));
			ww = text_width(wp);
			if (ll > 0 && lw + 1 + ww <= avail) {
				line[ll++] = ' ';
				memcpy(line + ll, wp, strlen(wp));
				ll += strlen(wp);
				lw += 1 + ww;
			} else {
				if (ll > 0) {
					text_lines_push(out, line, ll);
					ll = 0;
					avail = w2;
				}
				while (ww > avail) {
					size_t b = fit_bytes(wp, avail);
					text_lines_push(out, wp, b);
					wp += b;
					ww = text_width(wp);
					avail = w2;
				}
				memcpy(line, wp, strlen(wp));
				ll = strlen(wp);
				lw = ww;
			}
			free(word);
		}
		text_lines_push(out, line, ll);
		avail = w2;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	free(line);
}

uint32_t text_key_letter(uint32_t cp)
{
	/* QWERTY letters a..z and the ЙЦУКЕН letter on the same key. */
	static const uint32_t by_latin[26] = {
		0x0444, 0x0438, 0x0441, 0x0432, 0x0443, 0x0430, 0x043f, 0x0440, /* a..h: ф и с в у а п р */
		0x0448, 0x043e, 0x043b, 0x0434, 0x044c, 0x0442, 0x0449, 0x0437, /* i..p: ш о л д ь т щ з */
		0x0439, 0x043a, 0x044b, 0x0435, 0x0433, 0x043c, 0x0446, 0x0447, /* q..x: й к ы е г м ц ч */
		0x043d, 0x044f,                                                 /* y, z: н я */
	};

	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp >= 'a' && cp <= 'z')
		return by_latin[cp - 'a'];
	if (cp >= 0x0410 && cp <= 0x042f)   /* А..Я */
		return cp + 0x20;
	if (cp == 0x0401)                   /* Ё */
		return 0x0451;
	return cp;
}

char *text_latin_lookalike(const char *s)
{
	/* Cyrillic letter -> the Latin one it is drawn like (upper, lower). */
	static const struct { uint32_t cyr; char lat; } pairs[] = {
		{ 0x0410, 'A' }, { 0x0412, 'B' }, { 0x0415, 'E' }, { 0x041a, 'K' },
		{ 0x041c, 'M' }, { 0x041d, 'H' }, { 0x041e, 'O' }, { 0x0420, 'P' },
		{ 0x0421, 'C' }, { 0x0422, 'T' }, { 0x0423, 'Y' }, { 0x0425, 'X' },
		{ 0x0406, 'I' }, { 0x0408, 'J' }, { 0x0405, 'S' }, { 0x0401, 'E' },
		{ 0x0430, 'a' }, { 0x0432, 'b' }, { 0x0435, 'e' }, { 0x043a, 'k' },
		{ 0x043c, 'm' }, { 0x043d, 'h' }, { 0x043e, 'o' }, { 0x0440, 'p' },
		{ 0x0441, 'c' }, { 0x0442, 't' }, { 0x0443, 'y' }, { 0x0445, 'x' },
		{ 0x0456, 'i' }, { 0x0458, 'j' }, { 0x0455, 's' }, { 0x0451, 'e' },
	};
	size_t left = strlen(s);
	/* A letter only ever shrinks (two bytes to one). */
	char *out = xmalloc(left + 1), *o = out;
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		size_t k;

		if (len == 0) {
			s++;		/* invalid byte: dropped */
			left--;
			continue;
		}
		for (k = 0; k < sizeof pairs / sizeof pairs[0] && pairs[k].cyr != cp; k++)
			;
		if (k < sizeof pairs / sizeof pairs[0]) {
			*o++ = pairs[k].lat;
		} else {
			memcpy(o, s, (size_t)len);
			o += len;
		}
		s += len;
		left -= (size_t)len;
	}
	*o = '\0';
	return out;
}

/* "Фамилия Имя Отчество" -> "Фамилия И. О.": a person kept whole in a
 * narrow cell (two names in one row at 80 columns), where the full name
 * would be cut. Text without spaces is copied as it is (at most outsz-1
 * bytes, never cut inside a character). */
void text_fio_short(const char *fio, char *out, size_t outsz)
{
	const char *p = fio, *sp;
	size_t o = 0;

	if (outsz == 0)
		return;
	out[0] = '\0';
	while (*p == ' ')
		p++;
	sp = strchr(p, ' ');
	if (sp == NULL) {
		text_fit(p, INT_MAX / 2, out, outsz);
		return;
	}
	/* The surname whole (or, past outsz, as much as fits). */
	if ((size_t)(sp - p) + 1 > outsz) {
		text_fit(p, INT_MAX / 2, out, outsz);
		return;
	}
	while (p < sp)
		out[o++] = *p++;
	/* Each further word by its first letter and a dot. */
	for (;;) {
		uint32_t cp;
		int len;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = utf8_decode(p, strlen(p), &cp);
		if (len <= 0)
			len = 1;
		if (o + 2 + (size_t)len + 1 > outsz)
			break;
		out[o++] = ' ';
		memcpy(out + o, p, (size_t)len);
		o += (size_t)len;
		out[o++] = '.';
		while (*p && *p != ' ')
			p++;
	}
	out[o] = '\0';
}
