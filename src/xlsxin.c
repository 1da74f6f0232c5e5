/* See xlsxin.h. */
#include "dynlib.h"
#include "errtext.h"
#include "secure.h"
#include "util.h"
#include "xlsxin.h"

#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define PIECE 65536
#define MAX_CELL (256 * 1024)       /* bytes of one cell's text */
#define MAX_COLS 16384              /* XFD, as Excel */
#define MAX_ROW 1048576

bool xlsxin_is_zip(const void *head, size_t len)
{
	return len >= 4 && memcmp(head, "PK\3\4", 4) == 0;
}

/* --- growing text -------------------------------------------------------- */

struct sbuf {
	char *s;
	size_t n, cap;
	bool over;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n > MAX_CELL) {
		b->over = true;
		return;
	}
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void sb_reset(struct sbuf *b)
{
	b->n = 0;
	b->over = false;
	if (b->s)
		b->s[0] = '\0';
}

static char *sb_take(struct sbuf *b)
{
	char *s = xstrndup(b->s ? b->s : "", b->n);
	sb_reset(b);
	return s;
}

/* OOXML writes characters XML cannot hold as _xHHHH_ (and "_" before such
 * a text as _x005F_): decoded in place (UTF-8 is never longer). */
static void unescape(char *s)
{
	char *o = s;

	while (*s) {
		unsigned cp;
		int used = 0;
		if (s[0] == '_' && s[1] == 'x' && sscanf(s + 2, "%4x%n", &cp, &used) == 1 && used == 4 &&
		    s[6] == '_') {
			if (cp < 0x80) {
				*o++ = (char)cp;
			} else if (cp < 0x800) {
				*o++ = (char)(0xC0 | cp >> 6);
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else {
				*o++ = (char)(0xE0 | cp >> 12);
				*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			}
			s += 7;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
}

static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(local(a[0]), name) == 0)
			return a[1];
	return NULL;
}

/* --- the archive --------------------------------------------------------- */

enum kind { K_GENERAL, K_DATE, K_DATETIME, K_TIME, K_PERCENT };

struct fmt {
	int id;
	enum kind k;
};

struct sheet;

/* libzip's and libexpat's functions, loaded by the first open (dynlib.h):
 * everything below runs on a workbook that an open returned. */
static const struct dynlib_read *dl;

struct xlsxin {
	zip_t *za;
	char **strings;          /* the shared strings */
	size_t nstrings;
	enum kind *xf;           /* the kind of each cell style */
	size_t nxf;
	struct fmt *fmts;        /* custom number formats */
	size_t nfmts;
	bool date1904;
	char sheet_path[256];
	long rows;
	struct sheet *sh;        /* the sheet being read */
	char err[400];
	char *buf;
};

struct entry {
	zip_file_t *f;
	const char *name;
	zip_uint64_t declared, comp, got;
};

static int entry_open(struct xlsxin *x, const char *name, struct entry *e, bool required)
{
	zip_int64_t i = dl->zip_name_locate(x->za, name, 0);
	zip_stat_t st;

	memset(e, 0, sizeof *e);
	e->name = name;
	if (i < 0)
		i = dl->zip_name_locate(x->za, name, ZIP_FL_NOCASE);
	if (i < 0) {
		if (required)
			snprintf(x->err, sizeof x->err, "в файле .xlsx нет части «%s»: это не книга Excel "
				 "или она повреждена", name);
		return required ? -1 : 0;
	}
	dl->zip_stat_init(&st);
	if (dl->zip_stat_index(x->za, (zip_uint64_t)i, 0, &st) != 0 || (e->f = dl->zip_fopen_index(x->za, (zip_uint64_t)i, 0)) == NULL) {
		snprintf(x->err, sizeof x->err, "файл .xlsx повреждён: часть «%s» не читается (%s)", name,
			 dl->zip_strerror(x->za));
		return -1;
	}
	e->declared = st.valid & ZIP_STAT_SIZE ? st.size : 0;
	e->comp = st.valid & ZIP_STAT_COMP_SIZE ? st.comp_size : 0;
	return 1;
}

/* Up to PIECE bytes of the entry into x->buf, the limits checked as it
 * inflates; the bytes XML cannot hold become DEL, refused later with
 * their cell. -1 with x->err. */
static zip_int64_t entry_read(struct xlsxin *x, struct entry *e)
{
	zip_int64_t n = dl->zip_fread(e->f, x->buf, PIECE);

	if (n < 0) {
		snprintf(x->err, sizeof x->err, "файл .xlsx повреждён: часть «%s» не распаковывается (%s)",
			 e->name, dl->zip_file_strerror(e->f));
		return -1;
	}
	e->got += (zip_uint64_t)n;
	if (e->got > e->declared || e->got > (zip_uint64_t)XLSXIN_MAX_ENTRY ||
	    (e->got > 1024 * 1024 && e->got > (zip_uint64_t)XLSXIN_MAX_RATIO * e->comp)) {
		snprintf(x->err, sizeof x->err, "файл .xlsx отклонён как «zip-бомба»: часть «%s» распаковывается "
			 "больше заявленного размера или допустимого (до %ld МБ, сжатие не больше %d:1)",
			 e->name, XLSXIN_MAX_ENTRY / (1024 * 1024), XLSXIN_MAX_RATIO);
		return -1;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)x->buf[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			x->buf[i] = 0x7F;
	}
	return n;
}

static void entry_close(struct entry *e)
{
	if (e->f)
		dl->zip_fclose(e->f);
	e->f = NULL;
}

/* A document type declaration (the way to entity bombs) is refused. */
/* Every parser's user data begins with its parser. */
static void XMLCALL no_doctype(void *data, const XML_Char *name, const XML_Char *sys, const XML_Char *pub,
			       int internal)
{
	(void)name, (void)sys, (void)pub, (void)internal;
	dl->XML_StopParser(*(XML_Parser *)data, XML_FALSE);
}

static XML_Parser parser_new(void *data, XML_StartElementHandler start, XML_EndElementHandler end,
			     XML_CharacterDataHandler text)
{
	XML_Parser p = dl->XML_ParserCreate("UTF-8");

	if (p == NULL)
		fatal("не хватает памяти");
	*(XML_Parser *)data = p;
	dl->XML_SetUserData(p, data);
	dl->XML_SetElementHandler(p, start, end);
	if (text)
		dl->XML_SetCharacterDataHandler(p, text);
	dl->XML_SetStartDoctypeDeclHandler(p, no_doctype);
	return p;
}

static void xml_error(struct xlsxin *x, XML_Parser p, const char *name)
{
	if (dl->XML_GetErrorCode(p) == XML_ERROR_ABORTED)
		snprintf(x->err, sizeof x->err, "файл .xlsx отклонён: часть «%s» объявляет тип документа (DOCTYPE)",
			 name);
	else
		snprintf(x->err, sizeof x->err, "файл .xlsx повреждён: часть «%s», строка XML %lu: %s", name,
			 (unsigned long)dl->XML_GetCurrentLineNumber(p), dl->XML_ErrorString(dl->XML_GetErrorCode(p)));
}

/* A whole part through a parser whose user data is x's; a part that is
 * not there is no error unless required. */
static int xml_whole(struct xlsxin *x, const char *name, bool required, void *data,
		     XML_StartElementHandler start, XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	struct entry e;
	XML_Parser p;
	zip_int64_t n;
	int rc = entry_open(x, name, &e, required);

	if (rc <= 0)
		return rc;
	p = parser_new(data, start, end, text);
	rc = 0;
	do {
		if ((n = entry_read(x, &e)) < 0) {
			rc = -1;
			break;
		}
		if (dl->XML_Parse(p, x->buf, (int)n, n == 0) != XML_STATUS_OK) {
			xml_error(x, p, name);
			rc = -1;
			break;
		}
	} while (n > 0);
	dl->XML_ParserFree(p);
	entry_close(&e);
	return rc;
}

/* --- shared strings ------------------------------------------------------ */

struct sst {
	XML_Parser p;
	struct xlsxin *x;
	struct sbuf b;
	int in_t, in_rph;
	bool in_si;
	size_t cap;
};

static void XMLCALL sst_start(void *data, const XML_Char *name, const XML_Char **a)
{
	struct sst *s = data;
	const char *l = local(name);

	(void)a;
	if (strcmp(l, "si") == 0) {
		s->in_si = true;
		sb_reset(&s->b);
	} else if (strcmp(l, "t") == 0) {
		s->in_t++;
	} else if (strcmp(l, "rPh") == 0) {
		s->in_rph++;
	}
}

static void XMLCALL sst_end(void *data, const XML_Char *name)
{
	struct sst *s = data;
	struct xlsxin *x = s->x;
	const char *l = local(name);

	if (strcmp(l, "si") == 0 && s->in_si) {
		if (x->nstrings == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 256;
			x->strings = xrealloc(x->strings, s->cap * sizeof *x->strings);
		}
		x->strings[x->nstrings] = sb_take(&s->b);
		unescape(x->strings[x->nstrings++]);
		s->in_si = false;
	} else if (strcmp(l, "t") == 0 && s->in_t) {
		s->in_t--;
	} else if (strcmp(l, "rPh") == 0 && s->in_rph) {
		s->in_rph--;
	}
}

static void XMLCALL sst_text(void *data, const XML_Char *t, int len)
{
	struct sst *s = data;

	if (s->in_si && s->in_t && !s->in_rph)
		sb_add(&s->b, t, (size_t)len);
}

/* --- styles: which cells are dates, times or percents -------------------- */

static enum kind builtin_kind(int id)
{
	if (id == 9 || id == 10)
		return K_PERCENT;
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
		return K_DATE;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
		return K_TIME;
	if (id == 22)
		return K_DATETIME;
	return K_GENERAL;
}

/* The kind of a format code, by its first section outside quotes,
 * brackets (colours, locales) and escaped characters. */
static enum kind code_kind(const char *c)
{
	bool date = false, time = false, pct = false, month = false;

	for (; *c && *c != ';'; c++) {
		if (*c == '"') {
			while (c[1] && c[1] != '"')
				c++;
			if (c[1])
				c++;
		} else if (*c == '\\' || *c == '_' || *c == '*') {
			if (c[1])
				c++;
		} else if (*c == '[') {
			/* [h] [mm] [ss]: elapsed time */
			if (c[1] == 'h' || c[1] == 'H' || c[1] == 's' || c[1] == 'S' ||
			    ((c[1] == 'm' || c[1] == 'M') && (c[2] == 'm' || c[2] == 'M' || c[2] == ']')))
				time = true;
			while (c[1] && c[1] != ']')
				c++;
			if (c[1])
				c++;
		} else {
			switch (*c) {
			case 'y': case 'Y': case 'd': case 'D': case 'e': case 'E':
				date = true;
				break;
			case 'h': case 'H': case 's': case 'S':
				time = true;
				break;
			case 'm': case 'M':
				month = true;
				break;
			case '%':
				pct = true;
				break;
			}
		}
	}
	if (date && time)
		return K_DATETIME;
	if (date || (month && !time))
		return K_DATE;
	if (time)
		return K_TIME;
	return pct ? K_PERCENT : K_GENERAL;
}

struct styles {
	XML_Parser p;
	struct xlsxin *x;
	bool in_xfs;
	size_t cap_xf, cap_fmt;
};

static enum kind fmt_kind(const struct xlsxin *x, int id)
{
	for (size_t i = 0; i < x->nfmts; i++)
		if (x->fmts[i].id == id)
			return x->fmts[i].k;
	return builtin_kind(id);
}

static void XMLCALL styles_start(void *data, const XML_Char *name, const XML_Char **a)
{
	struct styles *s = data;
	struct xlsxin *x = s->x;
	const char *l = local(name), *id = attr(a, "numFmtId"), *code = attr(a, "formatCode");

	if (strcmp(l, "cellXfs") == 0) {
		s->in_xfs = true;
	} else if (strcmp(l, "numFmt") == 0 && id && code) {
		if (x->nfmts == s->cap_fmt) {
			s->cap_fmt = s->cap_fmt ? 2 * s->cap_fmt : 16;
			x->fmts = xrealloc(x->fmts, s->cap_fmt * sizeof *x->fmts);
		}
		x->fmts[x->nfmts].id = atoi(id);
		x->fmts[x->nfmts++].k = code_kind(code);
	} else if (strcmp(l, "xf") == 0 && s->in_xfs) {
		if (x->nxf == s->cap_xf) {
			s->cap_xf = s->cap_xf ? 2 * s->cap_xf : 16;
			x->xf = xrealloc(x->xf, s->cap_xf * sizeof *x->xf);
		}
		x->xf[x->nxf++] = id ? fmt_kind(x, atoi(id)) : K_GENERAL;
	}
}

static void XMLCALL styles_end(void *data, const XML_Char *name)
{
	struct styles *s = data;

	if (strcmp(local(name), "cellXfs") == 0)
		s->in_xfs = false;
}

/* --- the workbook: the first sheet, the date system ---------------------- */

struct book {
	XML_Parser p;
	struct xlsxin *x;
	char rid[64];
	bool found;
};

static void XMLCALL book_start(void *data, const XML_Char *name, const XML_Char **a)
{
	struct book *b = data;
	const char *l = local(name), *v;

	if (strcmp(l, "workbookPr") == 0 && (v = attr(a, "date1904")) != NULL)
		b->x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	else if (strcmp(l, "sheet") == 0 && !b->found && (v = attr(a, "id")) != NULL) {
		strlcpy0(b->rid, v, sizeof b->rid);
		b->found = true;
	}
}

static void XMLCALL book_end(void *data, const XML_Char *name)
{
	(void)data, (void)name;
}

static void XMLCALL rels_start(void *data, const XML_Char *name, const XML_Char **a)
{
	struct book *b = data;
	struct xlsxin *x = b->x;
	const char *id = attr(a, "Id"), *target = attr(a, "Target");

	if (strcmp(local(name), "Relationship") != 0 || !id || !target || !b->found || strcmp(id, b->rid) != 0)
		return;
	if (target[0] == '/')
		strlcpy0(x->sheet_path, target + 1, sizeof x->sheet_path);
	else
		snprintf(x->sheet_path, sizeof x->sheet_path, "xl/%s", target);
}

/* --- the sheet ------------------------------------------------------------ */

struct sheet {
	XML_Parser p;
	struct xlsxin *x;
	struct entry e;
	bool count_only, ended;
	int row, col;             /* the row (1-based) and column (1-based) being read */
	char type[12];
	enum kind k;
	bool in_c, in_v, in_is, in_rph;
	int in_t;
	struct sbuf b;
	char **cells;             /* the row being read */
	int ncells, capcells;
	bool nonblank;
	struct csv_row *q;        /* rows read, not handed out */
	int nq, qcap, qhead;
	long counted;
	char cell_err[200];
};

static int col_of(const char *ref)
{
	int c = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		c = c * 26 + (*ref - 'A' + 1);
		if (c > MAX_COLS)
			return 0;
	}
	return c;
}

static void XMLCALL sheet_start(void *data, const XML_Char *name, const XML_Char **a)
{
	struct sheet *s = data;
	const char *l = local(name), *v;

	if (strcmp(l, "row") == 0) {
		long r = (v = attr(a, "r")) ? strtol(v, NULL, 10) : 0;
		s->row = r > s->row && r <= MAX_ROW ? (int)r : s->row + 1;
		s->col = 0;
		s->nonblank = false;
	} else if (strcmp(l, "c") == 0) {
		int c = (v = attr(a, "r")) ? col_of(v) : 0;
		long st = (v = attr(a, "s")) ? strtol(v, NULL, 10) : 0;
		s->col = c > s->col ? c : s->col + 1;
		strlcpy0(s->type, (v = attr(a, "t")) ? v : "n", sizeof s->type);
		s->k = st >= 0 && (size_t)st < s->x->nxf ? s->x->xf[st] : K_GENERAL;
		s->in_c = true;
		sb_reset(&s->b);
	} else if (s->in_c && strcmp(l, "v") == 0) {
		s->in_v = true;
	} else if (s->in_c && strcmp(l, "is") == 0) {
		s->in_is = true;
	} else if (s->in_is && strcmp(l, "t") == 0) {
		s->in_t++;
	} else if (s->in_is && strcmp(l, "rPh") == 0) {
		s->in_rph = true;
	}
}

static void XMLCALL sheet_text(void *data, const XML_Char *t, int len)
{
	struct sheet *s = data;

	if (s->in_v || (s->in_is && s->in_t && !s->in_rph))
		sb_add(&s->b, t, (size_t)len);
}

/* Days since 1970-01-01 → year, month, day (H. Hinnant's algorithm). */
static void civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A number cell as the spreadsheet shows it, in the forms the import reads. */
static char *number_text(const struct sheet *s, const char *v)
{
	char *end;
	double d = strtod(v, &end);

	while (*end == ' ')
		end++;
	if (*v == '\0' || *end != '\0' || !isfinite(d))
		return xstrdup(v);
	if ((s->k == K_DATE || s->k == K_DATETIME || s->k == K_TIME) && d >= 0 && d < 2958466) {
		long days = (long)floor(d), secs = lround((d - (double)days) * 86400.0);
		int y, m, dd;
		if (secs >= 86400)
			days++, secs -= 86400;
		if (s->k == K_TIME)
			return xasprintf("%02ld:%02ld", secs / 3600, secs / 60 % 60);
		/* 1900 system: Excel counts a 29 February 1900 that was not (serial 60). */
		civil(s->x->date1904 ? days - 24107 : days < 61 ? days - 25568 : days - 25569, &y, &m, &dd);
		if (s->k == K_DATETIME)
			return xasprintf("%02d.%02d.%04d %02ld:%02ld", dd, m, y, secs / 3600, secs / 60 % 60);
		return xasprintf("%02d.%02d.%04d", dd, m, y);
	}
	if (s->k == K_PERCENT) {
		char *t = xasprintf("%.10g%%", d * 100.0), *dot = strchr(t, '.');
		if (dot)
			*dot = ',';
		return t;
	}
	if (d == floor(d) && fabs(d) < 1e15)
		return xasprintf("%.0f", d);
	return xasprintf("%.15g", d);
}

static char *cell_text(struct sheet *s)
{
	struct xlsxin *x = s->x;
	char *v = sb_take(&s->b), *out;

	if (strcmp(s->type, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		out = *v && *end == '\0' && i < x->nstrings ? xstrdup(x->strings[i]) : NULL;
		if (out == NULL)
			snprintf(s->cell_err, sizeof s->cell_err, "ссылка на общую строку %.20s, которой нет в книге", v);
	} else if (strcmp(s->type, "inlineStr") == 0 || strcmp(s->type, "str") == 0) {
		out = xstrdup(v);
		unescape(out);
	} else if (strcmp(s->type, "b") == 0) {
		out = xstrdup(strcmp(v, "1") == 0 ? "да" : strcmp(v, "0") == 0 ? "нет" : v);
	} else if (strcmp(s->type, "n") == 0) {
		out = number_text(s, v);
	} else {
		out = xstrdup(v);   /* "e": the error as Excel shows it, refused by the column's rule */
	}
	free(v);
	return out;
}

static void XMLCALL sheet_end(void *data, const XML_Char *name)
{
	struct sheet *s = data;
	const char *l = local(name);

	if (strcmp(l, "v") == 0) {
		s->in_v = false;
	} else if (strcmp(l, "t") == 0 && s->in_t) {
		s->in_t--;
	} else if (strcmp(l, "rPh") == 0) {
		s->in_rph = false;
	} else if (strcmp(l, "is") == 0) {
		s->in_is = false;
	} else if (strcmp(l, "c") == 0 && s->in_c) {
		char *t;
		s->in_c = false;
		if (s->b.over) {
			snprintf(s->cell_err, sizeof s->cell_err, "в ячейке больше %d КБ текста", MAX_CELL / 1024);
		} else if (s->b.n > 0 && (t = cell_text(s)) != NULL) {
			if (t[strspn(t, " \t")] == '\0' || s->count_only) {
				s->nonblank |= t[strspn(t, " \t")] != '\0';
				free(t);
				return;
			}
			s->nonblank = true;
			if (s->col > s->capcells) {
				int cap = s->capcells ? s->capcells : 16;
				while (cap < s->col)
					cap *= 2;
				s->cells = xrealloc(s->cells, (size_t)cap * sizeof *s->cells);
				for (int k = s->capcells; k < cap; k++)
					s->cells[k] = NULL;
				s->capcells = cap;
			}
			free(s->cells[s->col - 1]);
			s->cells[s->col - 1] = t;
			if (s->col > s->ncells)
				s->ncells = s->col;
		}
		if (s->cell_err[0])
			dl->XML_StopParser(s->p, XML_FALSE);
	} else if (strcmp(l, "row") == 0) {
		if (s->nonblank && s->count_only) {
			s->counted++;
		} else if (s->nonblank) {
			struct csv_row *r;
			if (s->nq == s->qcap) {
				s->qcap = s->qcap ? 2 * s->qcap : 64;
				s->q = xrealloc(s->q, (size_t)s->qcap * sizeof *s->q);
			}
			r = &s->q[s->nq++];
			r->line = s->row;
			r->n = s->ncells;
			r->cells = xcalloc((size_t)s->ncells, sizeof *r->cells);
			for (int k = 0; k < s->ncells; k++) {
				r->cells[k] = s->cells[k] ? s->cells[k] : xstrdup("");
				s->cells[k] = NULL;
			}
		}
		for (int k = 0; k < s->ncells; k++) {
			free(s->cells[k]);
			s->cells[k] = NULL;
		}
		s->ncells = 0;
	}
}

static void sheet_free(struct sheet *s)
{
	if (s == NULL)
		return;
	entry_close(&s->e);
	if (s->p)
		dl->XML_ParserFree(s->p);
	for (int k = 0; k < s->capcells; k++)
		free(s->cells[k]);
	free(s->cells);
	for (int i = s->qhead; i < s->nq; i++) {
		for (int k = 0; k < s->q[i].n; k++)
			free(s->q[i].cells[k]);
		free(s->q[i].cells);
	}
	free(s->q);
	free(s->b.s);
	free(s);
}

static struct sheet *sheet_open(struct xlsxin *x, bool count_only)
{
	struct sheet *s = xcalloc(1, sizeof *s);

	s->x = x;
	s->count_only = count_only;
	if (entry_open(x, x->sheet_path, &s->e, true) < 0) {
		sheet_free(s);
		return NULL;
	}
	parser_new(s, sheet_start, sheet_end, sheet_text);
	return s;
}

/* One piece of the sheet through the parser; -1 with x->err. */
static int sheet_feed(struct sheet *s)
{
	struct xlsxin *x = s->x;
	zip_int64_t n = entry_read(x, &s->e);

	if (n < 0)
		return -1;
	if (dl->XML_Parse(s->p, x->buf, (int)n, n == 0) != XML_STATUS_OK) {
		if (s->cell_err[0])
			snprintf(x->err, sizeof x->err, "строка %d, столбец %d: %s", s->row, s->col, s->cell_err);
		else if (s->in_c)
			snprintf(x->err, sizeof x->err, "строка %d, столбец %d: ячейка не читается (%s) — "
				 "возможно, в ней недопустимый байт", s->row, s->col,
				 dl->XML_ErrorString(dl->XML_GetErrorCode(s->p)));
		else
			xml_error(x, s->p, x->sheet_path);
		return -1;
	}
	if (n == 0)
		s->ended = true;
	return 0;
}

/* --- opening ------------------------------------------------------------- */

void xlsxin_close(struct xlsxin *x)
{
	if (x == NULL)
		return;
	sheet_free(x->sh);
	for (size_t i = 0; i < x->nstrings; i++)
		free(x->strings[i]);
	free(x->strings);
	free(x->xf);
	free(x->fmts);
	if (x->za)
		dl->zip_discard(x->za);
	free(x->buf);
	free(x);
}

static struct xlsxin *open_source(zip_source_t *src, char *err, size_t errsz)
{
	struct xlsxin *x = xcalloc(1, sizeof *x);
	zip_error_t ze;
	zip_int64_t n;
	zip_uint64_t total = 0;

	x->buf = xmalloc(PIECE);
	dl->zip_error_init(&ze);
	if ((x->za = dl->zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		snprintf(x->err, sizeof x->err, "файл не читается как книга .xlsx (архив zip повреждён: %s)",
			 dl->zip_error_strerror(&ze));
		dl->zip_source_free(src);
		dl->zip_error_fini(&ze);
		goto fail;
	}
	dl->zip_error_fini(&ze);
	n = dl->zip_get_num_entries(x->za, 0);
	if (n > XLSXIN_MAX_ENTRIES) {
		snprintf(x->err, sizeof x->err, "файл .xlsx отклонён: в архиве %lld частей, допустимо не больше %d",
			 (long long)n, XLSXIN_MAX_ENTRIES);
		goto fail;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		dl->zip_stat_init(&st);
		if (dl->zip_stat_index(x->za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
			continue;
		total += st.size;
		if (st.size > (zip_uint64_t)XLSXIN_MAX_ENTRY || total > (zip_uint64_t)XLSXIN_MAX_TOTAL) {
			snprintf(x->err, sizeof x->err, "файл .xlsx отклонён как «zip-бомба»: распакованный он больше "
				 "допустимого (часть до %ld МБ, всё вместе до %ld МБ)", XLSXIN_MAX_ENTRY / (1024 * 1024),
				 XLSXIN_MAX_TOTAL / (1024 * 1024));
			goto fail;
		}
	}
	{
		struct book b = { .x = x };
		struct sst s = { .x = x };
		struct styles st = { .x = x };
		int rc;
		if (xml_whole(x, "xl/workbook.xml", true, &b, book_start, book_end, NULL) < 0 ||
		    xml_whole(x, "xl/_rels/workbook.xml.rels", false, &b, rels_start, book_end, NULL) < 0)
			goto fail;
		if (x->sheet_path[0] == '\0')
			strlcpy0(x->sheet_path, "xl/worksheets/sheet1.xml", sizeof x->sheet_path);
		rc = xml_whole(x, "xl/sharedStrings.xml", false, &s, sst_start, sst_end, sst_text);
		free(s.b.s);
		if (rc < 0 || xml_whole(x, "xl/styles.xml", false, &st, styles_start, styles_end, NULL) < 0)
			goto fail;
	}
	/* Count the rows, then start again for reading them. */
	if ((x->sh = sheet_open(x, true)) == NULL)
		goto fail;
	while (!x->sh->ended)
		if (sheet_feed(x->sh) < 0)
			goto fail;
	x->rows = x->sh->counted;
	sheet_free(x->sh);
	if ((x->sh = sheet_open(x, false)) == NULL)
		goto fail;
	return x;
fail:
	snprintf(err, errsz, "%s", x->err);
	xlsxin_close(x);
	return NULL;
}

struct xlsxin *xlsxin_open_buf(const void *buf, size_t len, char *err, size_t errsz)
{
	zip_error_t ze;
	zip_source_t *src;

	if ((dl = dynlib_read(err, errsz)) == NULL)
		return NULL;

	dl->zip_error_init(&ze);
	src = dl->zip_source_buffer_create(buf, len, 0, &ze);
	dl->zip_error_fini(&ze);
	if (src == NULL) {
		snprintf(err, errsz, "не хватает памяти для чтения .xlsx");
		return NULL;
	}
	return open_source(src, err, errsz);
}

struct xlsxin *xlsxin_open(const char *path, char *err, size_t errsz)
{
	zip_error_t ze;
	zip_source_t *src;
	FILE *f;
	int e;

	if ((dl = dynlib_read(err, errsz)) == NULL)
		return NULL;
	secure_as_user();
	f = fopen(path, "rb");
	e = errno;
	secure_as_program();
	if (f == NULL) {
		snprintf(err, errsz, "%s: %s", path, e == ENOENT ? "не удаётся открыть: нет такого файла"
			 : errtext_errno(e));
		return NULL;
	}
	dl->zip_error_init(&ze);
	src = dl->zip_source_filep_create(f, 0, -1, &ze);
	dl->zip_error_fini(&ze);
	if (src == NULL) {
		fclose(f);
		snprintf(err, errsz, "%s: не удаётся прочитать файл", path);
		return NULL;
	}
	return open_source(src, err, errsz);
}

int xlsxin_next(struct xlsxin *x, struct csv_row *row, char *err, size_t errsz)
{
	struct sheet *s = x->sh;

	while (s->qhead == s->nq) {
		s->qhead = s->nq = 0;
		if (s->ended)
			return 0;
		if (sheet_feed(s) < 0) {
			snprintf(err, errsz, "%s", x->err);
			return -1;
		}
	}
	*row = s->q[s->qhead++];
	return 1;
}

long xlsxin_rows(const struct xlsxin *x)
{
	return x->rows;
}
