/* See csvin.h. */
#include "errtext.h"
#include "csvin.h"
#include "secure.h"
#include "text.h"
#include "util.h"
#include "xlsxin.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSVIN_MAX_BYTES (64L * 1024 * 1024)

int csvin_encoding_parse(const char *s, enum csv_encoding *e)
{
	if (strcmp(s, "auto") == 0)
		*e = CSV_ENC_AUTO;
	else if (strcmp(s, "utf-8") == 0 || strcmp(s, "utf8") == 0 || strcmp(s, "UTF-8") == 0)
		*e = CSV_ENC_UTF8;
	else if (strcmp(s, "cp1251") == 0 || strcmp(s, "windows-1251") == 0 || strcmp(s, "CP1251") == 0)
		*e = CSV_ENC_CP1251;
	else
		return -1;
	return 0;
}

int csvin_delim_parse(const char *s, char *d)
{
	if (strcmp(s, "auto") == 0)
		*d = 0;
	else if (strcmp(s, ";") == 0 || strcmp(s, ",") == 0)
		*d = s[0];
	else if (strcmp(s, "tab") == 0 || strcmp(s, "\t") == 0)
		*d = '\t';
	else
		return -1;
	return 0;
}

/* The commonest of ';' ',' and tab outside quotes in the first line. */
static char detect_delim(const char *b, size_t len)
{
	size_t semi = 0, comma = 0, tab = 0;
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		if (b[i] == '"')
			quoted = !quoted;
		else if (!quoted && (b[i] == '\n' || b[i] == '\r'))
			break;
		else if (!quoted)
			semi += b[i] == ';', comma += b[i] == ',', tab += b[i] == '\t';
	}
	if (comma > semi && comma >= tab)
		return ',';
	if (tab > semi && tab > comma)
		return '\t';
	return ';';
}

static bool valid_utf8(const char *b, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(b + i, len - i, &cp);
		if (n == 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

int csvin_cells_check(const struct csv_row *row, char *err, size_t errsz)
{
	for (int k = 0; k < row->n; k++) {
		const unsigned char *c = (const unsigned char *)row->cells[k];
		if (!valid_utf8(row->cells[k], strlen(row->cells[k]))) {
			snprintf(err, errsz, "строка %d, столбец %d: байты не в кодировке UTF-8", row->line, k + 1);
			return -1;
		}
		for (; *c; c++)
			if ((*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') || *c == 0x7F) {
				snprintf(err, errsz, "строка %d, столбец %d: недопустимый управляющий символ "
					 "(NUL или другой невидимый знак) — уберите его из ячейки", row->line, k + 1);
				return -1;
			}
	}
	return 0;
}

struct parse {
	struct csv_table *t;
	char **cur;         /* the row being read, raw bytes */
	size_t ncur, cap;
	int records;        /* records seen, the header included */
	iconv_t cd;         /* CP1251 → UTF-8, or (iconv_t)-1 */
	char *err;
	size_t errsz;
	bool failed;
};

static void fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err, p->errsz, fmt, ap);
	va_end(ap);
	p->failed = true;
}

static void on_field(void *s, size_t len, void *data)
{
	struct parse *p = data;

	if (p->failed)
		return;
	if (p->ncur == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->cur = xrealloc(p->cur, p->cap * sizeof *p->cur);
	}
	p->cur[p->ncur] = xmalloc(len + 1);
	if (len)
		memcpy(p->cur[p->ncur], s, len);
	p->cur[p->ncur][len] = '\0';
	/* A NUL would cut the field short: it becomes DEL, which the check of
	 * control bytes refuses (csvin_cells_check). */
	for (char *z; (z = memchr(p->cur[p->ncur], '\0', len)) != NULL;)
		*z = 0x7F;
	p->ncur++;
}

/* One raw field to UTF-8 (malloc'd), or NULL with the reason. */
static char *to_utf8(struct parse *p, const char *raw, const char **why)
{
	size_t in = strlen(raw), outsz = 3 * in + 1, left = outsz - 1;
	char *out, *o, *i = (char *)raw;

	*why = NULL;
	if (p->cd == (iconv_t)-1) {
		if (!valid_utf8(raw, in)) {
			*why = "байты не в кодировке UTF-8 (сохраните файл как «CSV UTF-8» или укажите --encoding cp1251)";
			return NULL;
		}
		return xstrdup(raw);
	}
	out = o = xmalloc(outsz);
	iconv(p->cd, NULL, NULL, NULL, NULL);
	if (iconv(p->cd, &i, &in, &o, &left) == (size_t)-1) {
		free(out);
		*why = "байт, которого нет в кодировке CP1251";
		return NULL;
	}
	*o = '\0';
	return out;
}

static void on_row(int c, void *data)
{
	struct parse *p = data;
	struct csv_table *t = p->t;
	bool empty = true;
	char **cells;

	(void)c;
	if (p->failed)
		goto out;
	p->records++;
	cells = xcalloc(p->ncur ? p->ncur : 1, sizeof *cells);
	for (size_t k = 0; k < p->ncur; k++) {
		const char *why;
		cells[k] = to_utf8(p, p->cur[k], &why);
		if (cells[k] == NULL) {
			fail(p, "строка %d, столбец %zu: %s", p->records, k + 1, why);
			for (size_t j = 0; j < k; j++)
				free(cells[j]);
			free(cells);
			goto out;
		}
		if (cells[k][strspn(cells[k], " \t")] != '\0')
			empty = false;
	}
	{
		/* Control bytes (a NUL came as DEL, on_field) refused with their cell. */
		struct csv_row chk = { p->records, (int)p->ncur, cells };
		if (csvin_cells_check(&chk, p->err, p->errsz) != 0) {
			p->failed = true;
			for (size_t j = 0; j < p->ncur; j++)
				free(cells[j]);
			free(cells);
			goto out;
		}
	}
	if (t->header == NULL) {
		/* The header: a BOM that survived (a second one) is dropped. */
		if (p->ncur && strncmp(cells[0], "\xEF\xBB\xBF", 3) == 0)
			memmove(cells[0], cells[0] + 3, strlen(cells[0] + 3) + 1);
		t->header = cells;
		t->ncols = (int)p->ncur;
	} else if (empty) {
		for (size_t k = 0; k < p->ncur; k++)
			free(cells[k]);
		free(cells);
	} else {
		struct csv_row *r;
		t->rows = xrealloc(t->rows, (size_t)(t->nrows + 1) * sizeof *t->rows);
		r = &t->rows[t->nrows++];
		r->line = p->records;
		r->n = (int)p->ncur;
		r->cells = cells;
	}
out:
	for (size_t k = 0; k < p->ncur; k++)
		free(p->cur[k]);
	p->ncur = 0;
}

int csvin_parse(const char *buf, size_t len, enum csv_encoding enc, char delim, struct csv_table *t,
		char *err, size_t errsz)
{
	struct csv_parser cp;
	struct parse p;
	bool bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
	int rc = 0;

	memset(t, 0, sizeof *t);
	memset(&p, 0, sizeof p);
	p.t = t;
	p.err = err;
	p.errsz = errsz;
	p.cd = (iconv_t)-1;
	if (bom) {
		buf += 3;
		len -= 3;
	}
	if (enc == CSV_ENC_AUTO)
		enc = bom || valid_utf8(buf, len) ? CSV_ENC_UTF8 : CSV_ENC_CP1251;
	if (enc == CSV_ENC_CP1251 && (p.cd = iconv_open("UTF-8", "CP1251")) == (iconv_t)-1) {
		snprintf(err, errsz, "перекодировка из CP1251 недоступна: %s", errtext_errno(errno));
		return -1;
	}
	strlcpy0(t->encoding, enc == CSV_ENC_CP1251 ? "cp1251" : "utf-8", sizeof t->encoding);
	t->delim = delim ? delim : detect_delim(buf, len);
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		snprintf(err, errsz, "не хватает памяти для разбора CSV");
		rc = -1;
	} else {
		csv_set_delim(&cp, (unsigned char)t->delim);
		if (csv_parse(&cp, buf, len, on_field, on_row, &p) != len ||
		    csv_fini(&cp, on_field, on_row, &p) != 0) {
			if (!p.failed && csv_error(&cp) == CSV_EPARSE)
				fail(&p, "строка %d: ошибка в кавычках (кавычка внутри поля должна быть удвоена, "
				     "поле — закрыто)", p.records + 1);
			else if (!p.failed)
				fail(&p, "строка %d: %s", p.records + 1, csv_strerror(csv_error(&cp)));
		}
		csv_free(&cp);
	}
	for (size_t k = 0; k < p.ncur; k++)
		free(p.cur[k]);
	free(p.cur);
	if (p.cd != (iconv_t)-1)
		iconv_close(p.cd);
	if (rc == 0 && !p.failed && t->header == NULL)
		fail(&p, "файл пуст: нет строки заголовков");
	if (rc != 0 || p.failed) {
		csvin_free(t);
		return -1;
	}
	return 0;
}

int csvin_read_file(const char *path, enum csv_encoding enc, char delim, struct csv_table *t,
		    char *err, size_t errsz)
{
	size_t len;
	char *buf = secure_read_user_file(path, CSVIN_MAX_BYTES, &len);
	int rc;

	memset(t, 0, sizeof *t);
	if (buf == NULL) {
		snprintf(err, errsz, "%s: %s", path, errno == EFBIG ? "файл больше 64 МБ"
			 : errno == ENOENT ? "не удаётся открыть: нет такого файла" : errtext_errno(errno));
		return -1;
	}
	rc = csvin_parse(buf, len, enc, delim, t, err, errsz);
	free(buf);
	return rc;
}

/* --- a file a piece at a time ------------------------------------------- */

#define CSVIN_PIECE 65536

struct csvin_stream {
	FILE *f;
	struct csv_parser cp;
	struct parse p;
	long rows;          /* data rows in the file, counted by the first pass */
	bool parser, ended;
	bool fresh;         /* the rows read with the header are not handed out yet */
	char *buf;
	struct xlsxin *x;   /* an .xlsx workbook instead (xlsxin.h) */
};

/* The first pass counts data rows: records after the header with a
 * non-blank cell. */
struct count {
	long records, rows;
	bool blank;
};

static void count_field(void *s, size_t len, void *data)
{
	const char *b = s;
	struct count *c = data;

	for (size_t i = 0; i < len && c->blank; i++)
		c->blank = b[i] == ' ' || b[i] == '\t';
}

static void count_row(int ch, void *data)
{
	struct count *c = data;

	(void)ch;
	if (c->records++ > 0 && !c->blank)
		c->rows++;
	c->blank = true;
}

/* Whether len bytes are UTF-8; a sequence cut by the end of a piece that
 * is not the last is carried over (*carry bytes) to the next. */
static bool utf8_piece(const char *b, size_t len, bool last, size_t *carry)
{
	*carry = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(b + i, len - i, &cp);
		if (n == 0) {
			if (!last && len - i < 4) {
				*carry = len - i;
				return true;
			}
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

/* Read the whole file once: is it UTF-8 throughout, how many data rows.
 * Leaves f at the first byte after a BOM. */
static int first_pass(struct csvin_stream *st, char delim, bool *utf8, bool *bom, char *err, size_t errsz)
{
	struct csv_parser cp;
	struct count c = { 0, 0, true };
	size_t carry = 0, got;
	long start;

	*utf8 = true;
	*bom = fread(st->buf, 1, 3, st->f) == 3 && memcmp(st->buf, "\xEF\xBB\xBF", 3) == 0;
	start = *bom ? 3 : 0;
	if (fseek(st->f, start, SEEK_SET) != 0 || csv_init(&cp, 0) != 0) {
		snprintf(err, errsz, "не удаётся прочитать файл: %s", errtext_errno(errno));
		return -1;
	}
	csv_set_delim(&cp, (unsigned char)delim);
	while ((got = fread(st->buf + carry, 1, CSVIN_PIECE - carry, st->f)) > 0 || carry) {
		size_t len = carry + got;
		bool last = got == 0;
		csv_parse(&cp, st->buf + carry, got, count_field, count_row, &c);
		if (*utf8 && !utf8_piece(st->buf, len, last, &carry))
			*utf8 = false;
		if (!*utf8 || last)
			carry = 0;
		if (carry)
			memmove(st->buf, st->buf + len - carry, carry);
		if (last)
			break;
	}
	csv_fini(&cp, count_field, count_row, &c);
	csv_free(&cp);
	st->rows = c.rows;
	if (ferror(st->f) || fseek(st->f, start, SEEK_SET) != 0) {
		snprintf(err, errsz, "не удаётся прочитать файл: %s", errtext_errno(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* Feed the parser pieces until a row is read or the file ends. */
static int feed(struct csvin_stream *st, struct csv_table *t)
{
	struct parse *p = &st->p;

	while (!p->failed && !st->ended && (t->header == NULL || t->nrows == 0)) {
		size_t got = fread(st->buf, 1, CSVIN_PIECE, st->f);
		if (got == 0) {
			st->ended = true;
			if (ferror(st->f))
				fail(p, "ошибка чтения файла: %s", errtext_errno(errno ? errno : EIO));
			else if (csv_fini(&st->cp, on_field, on_row, p) != 0 && !p->failed)
				fail(p, "строка %d: ошибка в кавычках (кавычка внутри поля должна быть удвоена, "
				     "поле — закрыто)", p->records + 1);
			break;
		}
		if (csv_parse(&st->cp, st->buf, got, on_field, on_row, p) != got && !p->failed) {
			if (csv_error(&st->cp) == CSV_EPARSE)
				fail(p, "строка %d: ошибка в кавычках (кавычка внутри поля должна быть удвоена, "
				     "поле — закрыто)", p->records + 1);
			else
				fail(p, "строка %d: %s", p->records + 1, csv_strerror(csv_error(&st->cp)));
		}
	}
	return p->failed ? -1 : 0;
}

static void drop_rows(struct csv_table *t)
{
	for (int i = 0; i < t->nrows; i++) {
		for (int k = 0; k < t->rows[i].n; k++)
			free(t->rows[i].cells[k]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
}

/* The next row of the workbook as t's only row, its control bytes
 * checked: 1, 0 at the end, -1 with err. */
static int xlsx_row(struct csvin_stream *st, struct csv_table *t, char *err, size_t errsz)
{
	struct csv_row row;
	int rc;

	drop_rows(t);
	if ((rc = xlsxin_next(st->x, &row, err, errsz)) <= 0)
		return rc;
	t->rows = xmalloc(sizeof *t->rows);
	t->rows[0] = row;
	t->nrows = 1;
	return csvin_cells_check(&row, err, errsz) == 0 ? 1 : -1;
}

struct csvin_stream *csvin_open(const char *path, enum csv_encoding enc, char delim, struct csv_table *t,
				char *err, size_t errsz)
{
	struct csvin_stream *st = xcalloc(1, sizeof *st);
	bool utf8, bom;
	int e;

	memset(t, 0, sizeof *t);
	st->buf = xmalloc(CSVIN_PIECE + 4);
	st->p.t = t;
	st->p.err = err;
	st->p.errsz = errsz;
	st->p.cd = (iconv_t)-1;
	secure_as_user();
	st->f = fopen(path, "rb");
	e = errno;
	secure_as_program();
	if (st->f == NULL) {
		snprintf(err, errsz, "%s: %s", path, e == ENOENT ? "не удаётся открыть: нет такого файла"
			 : errtext_errno(e));
		goto fail;
	}
	/* A workbook: its first sheet gives the rows (xlsxin.h). */
	{
		char head[4];
		size_t got = fread(head, 1, sizeof head, st->f);
		rewind(st->f);
		if (xlsxin_is_zip(head, got)) {
			fclose(st->f);
			st->f = NULL;
			if ((st->x = xlsxin_open(path, err, errsz)) == NULL)
				goto fail;
			strlcpy0(t->encoding, "xlsx", sizeof t->encoding);
			int rc = xlsx_row(st, t, err, errsz);
			if (rc == 0)
				snprintf(err, errsz, "лист книги пуст: нет строки заголовков");
			if (rc <= 0)
				goto fail;
			t->header = t->rows[0].cells;
			t->ncols = t->rows[0].n;
			t->header_line = t->rows[0].line;
			free(t->rows);
			t->rows = NULL;
			t->nrows = 0;
			st->rows = xlsxin_rows(st->x) - 1;
			return st;
		}
	}
	/* The delimiter from the first line (after a BOM). */
	if (delim == 0) {
		size_t got = fread(st->buf, 1, CSVIN_PIECE, st->f), off = 0;
		if (got >= 3 && memcmp(st->buf, "\xEF\xBB\xBF", 3) == 0)
			off = 3;
		delim = detect_delim(st->buf + off, got - off);
		rewind(st->f);
	}
	if (first_pass(st, delim, &utf8, &bom, err, errsz) != 0)
		goto fail;
	if (enc == CSV_ENC_AUTO)
		enc = bom || utf8 ? CSV_ENC_UTF8 : CSV_ENC_CP1251;
	if (enc == CSV_ENC_CP1251 && (st->p.cd = iconv_open("UTF-8", "CP1251")) == (iconv_t)-1) {
		snprintf(err, errsz, "перекодировка из CP1251 недоступна: %s", errtext_errno(errno));
		goto fail;
	}
	strlcpy0(t->encoding, enc == CSV_ENC_CP1251 ? "cp1251" : "utf-8", sizeof t->encoding);
	t->delim = delim;
	if (csv_init(&st->cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		snprintf(err, errsz, "не хватает памяти для разбора CSV");
		goto fail;
	}
	st->parser = true;
	csv_set_delim(&st->cp, (unsigned char)delim);
	if (feed(st, t) != 0)
		goto fail;
	if (t->header == NULL) {
		snprintf(err, errsz, "файл пуст: нет строки заголовков");
		goto fail;
	}
	st->fresh = true;
	return st;
fail:
	csvin_close(st, t);
	return NULL;
}

int csvin_more(struct csvin_stream *st, struct csv_table *t, char *err, size_t errsz)
{
	if (st->x)
		return xlsx_row(st, t, err, errsz);
	/* The rows read with the header come first. */
	if (st->fresh) {
		st->fresh = false;
		if (t->nrows > 0)
			return 1;
	}
	drop_rows(t);
	st->p.err = err;
	st->p.errsz = errsz;
	if (feed(st, t) != 0)
		return -1;
	return t->nrows > 0 ? 1 : 0;
}

long csvin_rows(const struct csvin_stream *st)
{
	return st->rows;
}

void csvin_close(struct csvin_stream *st, struct csv_table *t)
{
	if (st == NULL)
		return;
	if (st->parser)
		csv_free(&st->cp);
	xlsxin_close(st->x);
	for (size_t k = 0; k < st->p.ncur; k++)
		free(st->p.cur[k]);
	free(st->p.cur);
	if (st->p.cd != (iconv_t)-1)
		iconv_close(st->p.cd);
	if (st->f)
		fclose(st->f);
	free(st->buf);
	free(st);
	csvin_free(t);
}

void csvin_free(struct csv_table *t)
{
	for (int k = 0; k < t->ncols; k++)
		free(t->header[k]);
	free(t->header);
	for (int i = 0; i < t->nrows; i++) {
		for (int k = 0; k < t->rows[i].n; k++)
			free(t->rows[i].cells[k]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	memset(t, 0, sizeof *t);
}
