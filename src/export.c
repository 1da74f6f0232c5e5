/* The printed ИОМ card (see export.h). One writer with two faces: plain text
 * wrapped to 80 columns, or HTML for A4. Every value goes through clean_*
 * (text_sanitize, line by line) before it is measured, wrapped or escaped;
 * constant labels take the same path, so nothing reaches the output
 * unsanitised. The roadmap, the courses and the cards' pages are read page
 * by page (by key), never as a whole table. */
#include "errtext.h"
#include "export.h"
#include "access.h"
#include "date.h"
#include "model.h"
#include "route.h"
#include "store/diag.h"
#include "store/iom.h"
#include "store/iom_review.h"
#include "store/omsk.h"
#include "store/store.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_ROWS 50
#define COURSE_YEARS 3        /* courses of the last 3 years (001 card §1) */
#define EMPTY "—"


/* What each roadmap category covers (004 App.3 form). */
static const char *const category_hint[6] = {
	"",
	"профессиональная переподготовка, повышение квалификации, стажировка",
	"форум, конференция, семинар, вебинар, мастер-класс, конкурс, посещение уроков ведущих учителей",
	"открытый урок, мастер-класс, выступление, конкурс",
	"наставник / наставляемый",
	"тренинг, вебинар, коуч-сессия",
};

enum block { B_NONE, B_KV, B_GRID };

struct out {
	FILE *f;
	enum export_format fmt;
	struct store *s;
	bool in_section;
	enum block open;
	int rc;                  /* first store failure, ST_OK when none */
	char msg[300];
	unsigned disclose;       /* what the policy discloses: DISCLOSE_RESULTS, DISCLOSE_FINDINGS */
};

/* --- text ------------------------------------------------------------------- */

/* A one-line value safe to print: tabs and line breaks become spaces, then
 * every control or invalid byte becomes U+FFFD. Caller frees. */
static char *clean_line(const char *raw)
{
	char *t = xstrdup(raw ? raw : ""), *c;

	for (char *p = t; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	c = text_sanitize(t);
	free(t);
	return c;
}

/* Free text: its line breaks are kept, each line is sanitised, trailing
 * spaces and blank lines at the end are dropped. Caller frees. */
static char *clean_memo(const char *raw)
{
	const char *p = raw ? raw : "";
	size_t cap = strlen(p) * 3 + 2, n = 0;
	char *out = xmalloc(cap);

	out[0] = '\0';
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *seg = xstrndup(p, len), *c;

		if (len > 0 && seg[len - 1] == '\r')
			seg[len - 1] = '\0';
		c = text_sanitize(seg);
		strtrim(c);
		memcpy(out + n, c, strlen(c));
		n += strlen(c);
		out[n++] = '\n';
		free(seg);
		free(c);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		n--;
	out[n] = '\0';
	return out;
}


/* Clean text as wrapped lines: the first paragraph ('\n' separates them)
 * starts indented by ind1, every later one by ind3, continuation lines by
 * ind2. */
static void txt_para3(struct out *o, int ind1, int ind2, int ind3, const char *clean)
{
	const char *p = clean;

	for (;;) {
		const char *nl = strchr(p, '\n');
		char *par = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		struct text_lines l = { NULL, 0, 0 };

		text_wrap(par, EXPORT_TXT_COLS - ind1, EXPORT_TXT_COLS - ind2, &l);
		for (int i = 0; i < l.n; i++) {
			if (l.v[i][0])
				fprintf(o->f, "%*s%s\n", i == 0 ? ind1 : ind2, "", l.v[i]);
			else
				fputc('\n', o->f);
		}
		text_lines_free(&l);
		free(par);
		if (nl == NULL)
			break;
		p = nl + 1;
		ind1 = ind3;
	}
}

static void txt_para(struct out *o, int ind1, int ind2, const char *clean)
{
	txt_para3(o, ind1, ind2, ind1, clean);
}

/* Clean text padded with spaces to cols columns (left or right aligned). */
static void txt_cell(struct out *o, const char *clean, int cols, bool right)
{
	int pad = cols - text_width(clean);

	if (right)
		fprintf(o->f, "%*s%s", pad > 0 ? pad : 0, "", clean);
	else
		fprintf(o->f, "%s%*s", clean, pad > 0 ? pad : 0, "");
}

static void txt_center(struct out *o, const char *raw)
{
	char *c = clean_line(raw);
	struct text_lines l = { NULL, 0, 0 };

	text_wrap(c, EXPORT_TXT_COLS, EXPORT_TXT_COLS, &l);
	for (int i = 0; i < l.n; i++)
		fprintf(o->f, "%*s%s\n", (EXPORT_TXT_COLS - text_width(l.v[i])) / 2, "", l.v[i]);
	text_lines_free(&l);
	free(c);
}

/* Clean text, HTML-escaped; line breaks become <br>. */
static void html_put(FILE *f, const char *clean)
{
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '\n': fputs("<br>\n", f); break;
		default: fputc(*p, f); break;
		}
	}
}

/* Raw text (one line), sanitised and escaped. */
static void html_text(struct out *o, const char *raw)
{
	char *c = clean_line(raw);
	html_put(o->f, c);
	free(c);
}

/* --- the writer's blocks ---------------------------------------------------- */

static void close_block(struct out *o)
{
	if (o->fmt == EXPORT_HTML && o->open == B_KV)
		fputs("</table>\n", o->f);
	o->open = B_NONE;
}

static void heading(struct out *o, const char *title)
{
	close_block(o);
	if (o->fmt == EXPORT_HTML) {
		if (o->in_section)
			fputs("</section>\n", o->f);
		fputs("<section>\n<h2>", o->f);
		html_text(o, title);
		fputs("</h2>\n", o->f);
	} else {
		char *c = clean_line(title);
		struct text_lines l = { NULL, 0, 0 };
		int w = 0;

		fputc('\n', o->f);
		text_wrap(c, EXPORT_TXT_COLS, EXPORT_TXT_COLS, &l);
		for (int i = 0; i < l.n; i++) {
			int lw = text_width(l.v[i]);
			fprintf(o->f, "%s\n", l.v[i]);
			if (lw > w)
				w = lw;
		}
		for (int i = 0; i < w; i++)
			fputc('=', o->f);
		fputc('\n', o->f);
		text_lines_free(&l);
		free(c);
	}
	o->in_section = true;
}

static void subheading(struct out *o, const char *title)
{
	close_block(o);
	if (o->fmt == EXPORT_HTML) {
		fputs("<h3>", o->f);
		html_text(o, title);
		fputs("</h3>\n", o->f);
	} else {
		char *c = clean_line(title);
		fputc('\n', o->f);
		txt_para(o, 0, 0, c);
		free(c);
	}
}

/* A labelled value. Memo values keep their line breaks: in text a value of
 * several lines goes under its label, indented. Empty values print "—". */
static void kv(struct out *o, const char *label, const char *raw, bool memo)
{
	char *v = memo ? clean_memo(raw) : clean_line(raw);
	char *l = clean_line(label);

	if (v[0] == '\0') {
		free(v);
		v = xstrdup(EMPTY);
	}
	if (o->fmt == EXPORT_HTML) {
		if (o->open != B_KV) {
			close_block(o);
			fputs("<table class=\"kv\">\n", o->f);
			o->open = B_KV;
		}
		fputs("<tr><th>", o->f);
		html_put(o->f, l);
		fputs("</th><td>", o->f);
		html_put(o->f, v);
		fputs("</td></tr>\n", o->f);
	} else if (strchr(v, '\n')) {
		char *t = xasprintf("%s:", l);
		txt_para(o, 0, 4, t);
		txt_para3(o, 4, 6, 4, v);
		free(t);
	} else {
		char *t = xasprintf("%s: %s", l, v);
		txt_para(o, 0, 4, t);
		free(t);
	}
	free(v);
	free(l);
}

/* A paragraph of running text (raw or memo). */
static void para(struct out *o, const char *raw, const char *css)
{
	char *c = clean_memo(raw);

	close_block(o);
	if (o->fmt == EXPORT_HTML) {
		fprintf(o->f, "<p%s%s%s>", css ? " class=\"" : "", css ? css : "", css ? "\"" : "");
		html_put(o->f, c);
		fputs("</p>\n", o->f);
	} else {
		txt_para(o, 0, 0, c);
	}
	free(c);
}

/* --- reading helpers -------------------------------------------------------- */

static void fail(struct out *o, int rc)
{
	if (o->rc == ST_OK) {
		o->rc = rc == ST_OK ? ST_ERROR : rc;
		snprintf(o->msg, sizeof o->msg, "%s", store_errmsg(o->s));
	}
}

/* A malloc'd copy of a field's stored value (NULL when empty or absent). */
static char *rec_dup(const struct table_desc *t, const struct record *r, const char *col)
{
	int i = model_field_index(t, col);
	return i >= 0 && i < r->n && r->v[i] && r->v[i][0] ? xstrdup(r->v[i]) : NULL;
}

/* A field as displayed (date, enum label, да/нет); "" when empty. */
static char *rec_show(const struct table_desc *t, const struct record *r, const char *col)
{
	int i = model_field_index(t, col);
	return i >= 0 && i < r->n ? model_display(&t->fields[i], r->v[i]) : xstrdup("");
}

static int64_t rec_int(const struct table_desc *t, const struct record *r, const char *col)
{
	int i = model_field_index(t, col);
	return i >= 0 && i < r->n && r->v[i] ? strtoll(r->v[i], NULL, 10) : 0;
}

/* A column of an organisation (full name, head...), malloc'd or NULL. */
static char *org_col(struct out *o, int64_t org_id, const char *col)
{
	struct record r;
	char *v;
	int rc;

	if (org_id <= 0)
		return NULL;
	rc = store_get(o->s, &model_organisation, NULL, org_id, &r);
	if (rc != ST_OK) {
		if (rc != ST_NOTFOUND)
			fail(o, rc);
		return NULL;
	}
	v = rec_dup(&model_organisation, &r, col);
	if (v == NULL && strcmp(col, "name") == 0)
		v = rec_dup(&model_organisation, &r, "short_name");
	record_free(&r);
	return v;
}

static char *date_ru(const char *iso)
{
	char b[11];
	date_format_ru(iso ? iso : "", b);
	return xstrdup(b);
}

/* "ДД.ММ.ГГГГ–ДД.ММ.ГГГГ" from ISO dates, either may be missing. */
static char *period(const char *start, const char *end)
{
	char a[11], b[11];

	date_format_ru(start ? start : "", a);
	date_format_ru(end ? end : "", b);
	if (a[0] && b[0])
		return strcmp(a, b) == 0 ? xstrdup(a) : xasprintf("%s–%s", a, b);
	if (a[0])
		return xasprintf("с %s", a);
	if (b[0])
		return xasprintf("до %s", b);
	return xstrdup("");
}

/* Whole months and days from start to end inclusive (calendar months as
 * route_add_months counts them): "9 мес.", "6 мес. 3 дн.". */
static char *duration(const char *start, const char *end)
{
	int y, m, d, y2, m2, d2, n = 0;
	dayno from, after;

	if (!date_parse_iso(start, &y, &m, &d) || !date_parse_iso(end, &y2, &m2, &d2))
		return xstrdup("");
	from = date_to_days(y, m, d);
	after = date_to_days(y2, m2, d2) + 1;
	if (after <= from)
		return xstrdup("");
	while (n < 1200 && route_add_months(y, m, d, n + 1) <= after)
		n++;
	after -= route_add_months(y, m, d, n);
	if (n == 0)
		return xasprintf("%ld дн.", (long)after);
	if (after == 0)
		return xasprintf("%d мес.", n);
	return xasprintf("%d мес. %ld дн.", n, (long)after);
}

static const char *pct_text(int pct, char buf[12])
{
	if (pct < 0)
		return EMPTY;
	snprintf(buf, 12, "%d", pct);
	return buf;
}

/* --- the document ------------------------------------------------------------ */

static const char html_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<style>\n"
	"@page { size: A4; margin: 20mm 15mm 20mm 25mm; }\n"
	"html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	"body { font-family: \"Times New Roman\", \"Liberation Serif\", serif; font-size: 12pt;"
	" line-height: 1.3; color: #000; background: #fff; margin: 0; }\n"
	"@media screen { body { max-width: 180mm; margin: 10mm auto; padding: 0 10mm; } }\n"
	".title { text-align: center; page-break-after: always; break-after: page; }\n"
	".title .org { margin-top: 10mm; font-weight: bold; }\n"
	".title h1 { font-size: 15pt; text-transform: uppercase; margin: 40mm 0 4mm; }\n"
	".title .number { font-size: 14pt; font-weight: bold; margin-bottom: 20mm; }\n"
	".title table.kv { text-align: left; margin: 0 auto; width: 100%; }\n"
	".title .place { margin-top: 40mm; }\n"
	"section { page-break-inside: avoid; break-inside: avoid; margin-bottom: 6mm; }\n"
	"h2 { font-size: 13pt; margin: 6mm 0 3mm; page-break-after: avoid; break-after: avoid; }\n"
	"h3 { font-size: 12pt; margin: 4mm 0 2mm; page-break-after: avoid; break-after: avoid; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 2mm 0; }\n"
	"th, td { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; text-align: left; }\n"
	"tr { page-break-inside: avoid; break-inside: avoid; }\n"
	"thead { display: table-header-group; }\n"
	"table.kv th { width: 38%; font-weight: normal; background: #f2f2f2; }\n"
	"table.grid th { text-align: center; background: #f2f2f2; }\n"
	"table.grid td.n { text-align: center; white-space: nowrap; }\n"
	"table.roadmap { font-size: 10pt; }\n"
	"table.roadmap td.cat { font-weight: bold; background: #f2f2f2; }\n"
	"table.sign td { border: none; padding: 4mm 2mm 0; vertical-align: bottom; }\n"
	"table.sign td.line { border-bottom: 1px solid #000; width: 28%; }\n"
	"table.sign .hint { font-size: 8pt; text-align: center; padding-top: 0; }\n"
	"p.note { font-style: italic; }\n"
	"</style>\n";

static void doc_begin(struct out *o, const struct iom_head *h)
{
	if (o->fmt == EXPORT_HTML) {
		fputs(html_head, o->f);
		fputs("<title>Карта ИОМ ", o->f);
		html_text(o, h->number);
		fputs("</title>\n</head>\n<body>\n", o->f);
	}
}

static void doc_end(struct out *o)
{
	close_block(o);
	if (o->fmt == EXPORT_HTML) {
		if (o->in_section)
			fputs("</section>\n", o->f);
		fputs("</body>\n</html>\n", o->f);
	}
	o->in_section = false;
}

/* Municipality and region of the card's organisation, and the year(s). */
static char *place_year(struct out *o, const struct iom_head *h)
{
	char *mun = NULL, *region = store_meta_get(o->s, "region_name"), *place, *res;
	const char *from = h->start[0] ? h->start : h->developed;
	int64_t mun_id = 0;
	struct record r;

	if (h->org_id > 0 && store_get(o->s, &model_organisation, NULL, h->org_id, &r) == ST_OK) {
		mun_id = rec_int(&model_organisation, &r, "mun_id");
		record_free(&r);
	}
	if (mun_id > 0)
		mun = store_ref_name(o->s, "municipality", mun_id);
	if (mun && *mun && region && *region)
		place = xasprintf("%s, %s", mun, region);
	else
		place = xstrdup(mun && *mun ? mun : region ? region : "");
	if (strlen(from) >= 4 && h->end[0] && strncmp(from, h->end, 4) != 0)
		res = xasprintf("%s%s%.4s–%.4s гг.", place, *place ? ", " : "", from, h->end);
	else if (strlen(from) >= 4)
		res = xasprintf("%s%s%.4s г.", place, *place ? ", " : "", from);
	else
		res = xstrdup(place);
	free(mun);
	free(region);
	free(place);
	return res;
}

static void title_page(struct out *o, const struct iom_head *h, const struct record *person)
{
	char *org = org_col(o, h->org_id, "name");
	char *position = rec_dup(&model_person, person, "position");
	char *centre = NULL, *place = place_year(o, h), *num;
	const char *model = route_model_label(h->model);
	struct record dev;

	/* The centre that develops the route heads the title (004 App.3 form). */
	if (h->developer_id > 0 &&
	    store_get(o->s, &model_person, NULL, h->developer_id, &dev) == ST_OK) {
		centre = org_col(o, rec_int(&model_person, &dev, "org_id"), "name");
		record_free(&dev);
	}
	num = xasprintf("№ %s", h->number);
	if (o->fmt == EXPORT_HTML) {
		fputs("<div class=\"title\">\n", o->f);
		if (centre) {
			fputs("<div class=\"org\">", o->f);
			html_text(o, centre);
			fputs("</div>\n", o->f);
		}
		fputs("<h1>Карта индивидуального образовательного маршрута педагога</h1>\n", o->f);
		fputs("<div class=\"number\">", o->f);
		html_text(o, num);
		fputs("</div>\n", o->f);
	} else {
		if (centre) {
			txt_center(o, centre);
			fputc('\n', o->f);
		}
		txt_center(o, "КАРТА ИНДИВИДУАЛЬНОГО ОБРАЗОВАТЕЛЬНОГО МАРШРУТА ПЕДАГОГА");
		txt_center(o, num);
		fputc('\n', o->f);
	}
	kv(o, "ФИО педагогического работника", h->person_name, false);
	kv(o, "Образовательная организация", org ? org : h->org_name, false);
	kv(o, "Должность", position, false);
	kv(o, "Куратор ИОМ (тьютор)", h->curator_name, false);
	kv(o, "Разработчик ИОМ", h->developer_name, false);
	kv(o, "Модель ИОМ", model ? model : "", false);
	kv(o, "Статус", route_status_label(h->status), false);
	close_block(o);
	if (o->fmt == EXPORT_HTML) {
		fputs("<div class=\"place\">", o->f);
		html_text(o, place);
		fputs("</div>\n</div>\n", o->f);
	} else if (*place) {
		fputc('\n', o->f);
		txt_center(o, place);
	}
	free(num);
	free(org);
	free(position);
	free(centre);
	free(place);
}

/* Courses ending within the last COURSE_YEARS years, one a line. */
static char *recent_courses(struct out *o, int64_t person_id)
{
	char today[11], cutoff[32], *list = xstrdup(""), *key = NULL;
	struct page_req req = { NULL, 0, 1, PAGE_ROWS };
	bool done = false;
	int n = 0;

	int y = 0, m = 1, d = 1;

	today_iso(today);
	date_parse_iso(today, &y, &m, &d);
	/* ISO strings compare as dates; a 29 February works as well. */
	snprintf(cutoff, sizeof cutoff, "%04d-%02d-%02d", y - COURSE_YEARS, m, d);
	while (!done) {
		struct page pg;
		int rc = store_course_page(o->s, person_id, &req, &pg);

		if (rc != ST_OK) {
			fail(o, rc);
			break;
		}
		for (int i = 0; i < pg.n && !done; i++) {
			const struct list_row *row = &pg.rows[i];
			struct record c;
			char *end = NULL, *item, *tmp;

			if (store_get(o->s, &model_course, NULL, row->id, &c) == ST_OK) {
				end = rec_dup(&model_course, &c, "end_date");
				record_free(&c);
			}
			/* Newest first: the first older course ends the list. */
			if (end && strcmp(end, cutoff) < 0) {
				free(end);
				done = true;
				break;
			}
			free(end);
			item = xasprintf("%d. %s, «%s», %s%s%s", ++n, row->cols[0], row->cols[1],
					 row->cols[2], row->cols[3][0] ? ", " : "", row->cols[3]);
			tmp = xasprintf("%s%s%s", list, *list ? "\n" : "", item);
			free(list);
			free(item);
			list = tmp;
		}
		if (pg.n < PAGE_ROWS) {
			done = true;
		} else if (!done) {
			free(key);
			key = xstrdup(pg.rows[pg.n - 1].key);
			req.key = key;
			req.id = pg.rows[pg.n - 1].id;
		}
		page_free(&pg);
	}
	free(key);
	return list;
}

static void info_sheet(struct out *o, const struct iom_head *h, const struct record *person)
{
	const struct table_desc *t = &model_person;
	int di = model_field_index(t, "experience_date");
	char *courses, *years, today[11];

	today_iso(today);
	heading(o, "1. Информационная справка о педагоге");
	for (int i = 0; i < t->nfields && i < person->n; i++) {
		const struct field_desc *f = &t->fields[i];
		char *v;

		if (f->type == F_REF)
			v = org_col(o, person->v[i] ? strtoll(person->v[i], NULL, 10) : 0, "name");
		else if (strcmp(f->col, "experience_years") == 0)
			/* As the person's card shows it: grown to today. */
			v = model_experience_text(person->v[i], person->v[di], today);
		else
			v = model_display(f, person->v[i]);
		kv(o, f->label, v, f->type == F_MEMO);
		free(v);
	}
	courses = recent_courses(o, h->person_id);
	kv(o, "Курсы повышения квалификации (за последние 3 года)", courses, true);
	free(courses);
	if (h->start[0] && h->end[0] && strncmp(h->start, h->end, 4) != 0)
		years = xasprintf("%.4s–%.4s", h->start, h->end);
	else
		years = xasprintf("%.4s", h->start[0] ? h->start : h->developed);
	kv(o, "Год реализации ИОМ", years, false);
	free(years);
}

/* The per-block table of a diagnostic read with its results. */
static void block_table(struct out *o, const struct diagnostic *d)
{
	static const char *const cols[4] = { "низкий", "средний", "высокий", "общий" };
	char b[4][12];

	if (d->nblocks == 0) {
		para(o, "Результаты по блокам компетенций не внесены.", NULL);
		return;
	}
	close_block(o);
	if (o->fmt == EXPORT_HTML) {
		fputs("<table class=\"grid\">\n<thead><tr><th rowspan=\"2\">Компетенции</th>"
		      "<th rowspan=\"2\">Затруднения</th><th colspan=\"4\">Уровень (%)</th></tr>\n<tr>",
		      o->f);
		for (int c = 0; c < 4; c++)
			fprintf(o->f, "<th>%s</th>", cols[c]);
		fputs("</tr></thead>\n<tbody>\n", o->f);
		for (int i = 0; i < d->nblocks; i++) {
			const struct diag_block *bl = &d->blocks[i];
			char *diff = clean_memo(bl->difficulties);
			const char *v[4] = { pct_text(bl->pct_low, b[0]), pct_text(bl->pct_medium, b[1]),
					     pct_text(bl->pct_high, b[2]), pct_text(bl->pct_overall, b[3]) };
			fputs("<tr><td>", o->f);
			html_text(o, bl->block_name);
			fputs("</td><td>", o->f);
			html_put(o->f, *diff ? diff : EMPTY);
			fputs("</td>", o->f);
			for (int c = 0; c < 4; c++)
				fprintf(o->f, "<td class=\"n\">%s</td>", v[c]);
			fputs("</tr>\n", o->f);
			free(diff);
		}
		fputs("</tbody>\n</table>\n", o->f);
		return;
	}
	/* Text: name in 32 columns, then four columns of 9, difficulties
	 * below each block. */
	fputc('\n', o->f);
	txt_cell(o, "", 32, false);
	txt_cell(o, "Уровень освоения, %", 36, true);
	fputc('\n', o->f);
	txt_cell(o, "Компетенции", 32, false);
	for (int c = 0; c < 4; c++)
		txt_cell(o, cols[c], 9, true);
	fputc('\n', o->f);
	for (int i = 0; i < EXPORT_TXT_COLS - 12; i++)
		fputc('-', o->f);
	fputc('\n', o->f);
	for (int i = 0; i < d->nblocks; i++) {
		const struct diag_block *bl = &d->blocks[i];
		char *name = clean_line(bl->block_name), *diff = clean_memo(bl->difficulties);
		const char *v[4] = { pct_text(bl->pct_low, b[0]), pct_text(bl->pct_medium, b[1]),
				     pct_text(bl->pct_high, b[2]), pct_text(bl->pct_overall, b[3]) };
		struct text_lines l = { NULL, 0, 0 };

		text_wrap(name, 31, 31, &l);
		for (int k = 0; k < l.n; k++) {
			txt_cell(o, l.v[k], 32, false);
			for (int c = 0; k == 0 && c < 4; c++)
				txt_cell(o, v[c], 9, true);
			fputc('\n', o->f);
		}
		if (*diff) {
			char *t = xasprintf("Затруднения: %s", diff);
			txt_para(o, 4, 6, t);
			free(t);
		}
		text_lines_free(&l);
		free(name);
		free(diff);
	}
	fputc('\n', o->f);
}

/* A diagnostic: kind, form, date for everyone who sees the card; level,
 * overall % and the per-block table only with results; then the deficits
 * with their codes and the recommendations. */
static void diag_section(struct out *o, const char *title, int64_t diag_id, const char *none)
{
	bool results = (o->disclose & DISCLOSE_RESULTS) != 0;
	struct diagnostic d;
	char *date, *defs;
	int rc;

	heading(o, title);
	if (diag_id <= 0) {
		para(o, none, NULL);
		return;
	}
	if (!(o->disclose & DISCLOSE_FINDINGS)) {
		/* Not even the kind and date: they are the card's findings. */
		para(o, "Сведения о диагностике (вид, дата, выявленные дефициты, рекомендации) конфиденциальны: их"
		     " видят педагог, его куратор и разработчик ИОМ, региональный центр и руководитель ОО педагога.",
		     "note");
		return;
	}
	rc = store_diag_get(o->s, diag_id, o->disclose, &d);
	if (rc != ST_OK) {
		fail(o, rc);
		return;
	}
	date = date_ru(d.date);
	kv(o, "Вид диагностики", model_enum_label(diag_kinds, d.kind), false);
	kv(o, "Форма диагностики", model_enum_label(diag_forms, d.form), false);
	kv(o, "Дата диагностики", date, false);
	if (d.subject)
		kv(o, "Предмет", d.subject, false);
	if (d.organiser)
		kv(o, "Организатор диагностики", d.organiser, false);
	if (results && d.with_results) {
		char pb[16];
		if (d.pct_overall >= 0)
			snprintf(pb, sizeof pb, "%d %%", d.pct_overall);
		else
			pb[0] = '\0';
		kv(o, "Уровень профессионального дефицита", model_enum_label(diag_levels, d.level), false);
		kv(o, "Общий процент освоения", pb, false);
		block_table(o, &d);
	} else {
		char *t = xasprintf("Результаты по блокам компетенций (проценты, затруднения, уровень"
				    " дефицита) в карту не выводятся: они конфиденциальны, %s.", ACCESS_RESULTS_WHO);
		para(o, t, "note");
		free(t);
	}
	defs = xstrdup("");
	for (int i = 0; i < d.ndeficits; i++) {
		struct record r;
		char *wording = NULL, *tmp;

		if (store_get(o->s, &model_deficit_code, NULL, d.deficit_ids[i], &r) == ST_OK) {
			wording = rec_dup(&model_deficit_code, &r, "wording");
			record_free(&r);
		}
		tmp = xasprintf("%s%s%s%s%s", defs, *defs ? "\n" : "", d.deficit_codes[i],
				wording ? " — " : "", wording ? wording : "");
		free(defs);
		free(wording);
		defs = tmp;
	}
	kv(o, "Выявленные профессиональные дефициты (коды по кодификатору)",
	   *defs ? defs : "не выявлены", true);
	kv(o, "Рекомендации по профессиональному развитию", d.recommendations, true);
	free(defs);
	free(date);
	diag_free(&d);
}

/* The rows of a card's table (its roadmap, its ИППР), read page by page. */
struct rows {
	struct record *v;
	int n, cap;
};

typedef int (*rows_page_fn)(struct store *s, int64_t iom_id, const struct page_req *r, struct page *out);

static void read_rows(struct out *o, int64_t iom_id, rows_page_fn page_fn, const struct table_desc *t,
		      struct rows *rows)
{
	struct page_req req = { NULL, 0, 1, PAGE_ROWS };
	char *key = NULL;

	for (;;) {
		struct page pg;
		int rc = page_fn(o->s, iom_id, &req, &pg), n;

		if (rc != ST_OK) {
			fail(o, rc);
			break;
		}
		for (int i = 0; i < pg.n; i++) {
			if (rows->n == rows->cap) {
				rows->cap = rows->cap ? rows->cap * 2 : 16;
				rows->v = xrealloc(rows->v, (size_t)rows->cap * sizeof *rows->v);
			}
			rc = store_get(o->s, t, NULL, pg.rows[i].id, &rows->v[rows->n]);
			if (rc == ST_OK)
				rows->n++;
			else if (rc != ST_NOTFOUND)
				fail(o, rc);
		}
		n = pg.n;
		if (n == PAGE_ROWS) {
			free(key);
			key = xstrdup(pg.rows[n - 1].key);
			req.key = key;
			req.id = pg.rows[n - 1].id;
		}
		page_free(&pg);
		if (n < PAGE_ROWS)
			break;
	}
	free(key);
}

/* The values of one roadmap row for print, in the order of the columns of
 * the roadmap table. Caller frees each. */
enum { RC_ACTIVITY, RC_COMPETENCIES, RC_LEVEL, RC_ORGANISER, RC_DATES, RC_CODES, RC_MARK,
       RC_RESULT, RC_FORM, RC_N };

static const char *const rc_labels[RC_N] = {
	"Мероприятие", "Формируемые компетенции", "Уровень мероприятия", "Организатор мероприятия",
	"Сроки проведения", "Дефициты, на устранение которых направлена работа (коды)",
	"Отметка о выполнении / причины невыполнения", "Результат",
	"Форма представления результата",
};

static void row_values(const struct record *r, char *v[RC_N])
{
	const struct table_desc *t = &model_iom_activity;
	char *start = rec_dup(t, r, "start_date"), *end = rec_dup(t, r, "end_date");
	char *done = rec_dup(t, r, "done"), *reason = rec_dup(t, r, "reason_not_done");
	char *result = rec_dup(t, r, "result"), *form = rec_show(t, r, "result_form");

	v[RC_ACTIVITY] = rec_dup(t, r, "activity");
	v[RC_COMPETENCIES] = rec_dup(t, r, "competencies");
	v[RC_LEVEL] = rec_show(t, r, "level");
	v[RC_ORGANISER] = rec_dup(t, r, "organiser");
	v[RC_DATES] = period(start, end);
	v[RC_CODES] = rec_dup(t, r, "deficit_codes");
	if (done == NULL)
		v[RC_MARK] = xstrdup(reason ? reason : "не отмечено");
	else if (strcmp(done, "1") == 0)
		v[RC_MARK] = xstrdup("выполнено");
	else
		v[RC_MARK] = xasprintf("не выполнено%s%s", reason ? ": " : "", reason ? reason : "");
	v[RC_RESULT] = result;
	v[RC_FORM] = form;
	free(start);
	free(end);
	free(done);
	free(reason);
}

static void roadmap(struct out *o, const struct iom_head *h)
{
	struct rows rows = { NULL, 0, 0 };
	char *dur = duration(h->start, h->end), *s = date_ru(h->start), *e = date_ru(h->end);
	int num = 0;

	heading(o, "4. Дорожная карта по устранению выявленных дефицитов (перечень мероприятий)");
	kv(o, "Продолжительность прохождения ИОМ", dur, false);
	kv(o, "Начало", s, false);
	kv(o, "Окончание", e, false);
	close_block(o);
	free(dur);
	free(s);
	free(e);
	read_rows(o, h->id, store_iom_activity_page, &model_iom_activity, &rows);
	/* HTML: the columns of the templates, result and its form in one. */
	if (o->fmt == EXPORT_HTML) {
		fputs("<table class=\"grid roadmap\">\n<thead><tr><th>№</th>", o->f);
		for (int c = 0; c < RC_RESULT; c++) {
			fputs("<th>", o->f);
			html_text(o, rc_labels[c]);
			fputs("</th>", o->f);
		}
		fputs("<th>Результат, форма представления результата</th></tr></thead>\n<tbody>\n",
		      o->f);
	}
	for (const struct enum_opt *cat = model_activity_categories; cat->code; cat++) {
		int ci = atoi(cat->code), shown = 0;
		const char *label = cat->label;
		char *ct;

		/* "1. Получение…" becomes "4.1. Получение… (what it covers)". */
		if (label[0] >= '1' && label[0] <= '9' && label[1] == '.' && label[2] == ' ')
			label += 3;
		ct = xasprintf("4.%s. %s (%s)", cat->code, label,
			       ci >= 1 && ci <= 5 ? category_hint[ci] : "");
		if (o->fmt == EXPORT_HTML) {
			fprintf(o->f, "<tr><td class=\"cat\" colspan=\"%d\">", RC_RESULT + 2);
			html_text(o, ct);
			fputs("</td></tr>\n", o->f);
		} else {
			subheading(o, ct);
		}
		free(ct);
		for (int i = 0; i < rows.n; i++) {
			char *cv = rec_dup(&model_iom_activity, &rows.v[i], "category"), *v[RC_N];
			bool mine = cv && strcmp(cv, cat->code) == 0;

			free(cv);
			if (!mine)
				continue;
			shown++;
			num++;
			row_values(&rows.v[i], v);
			if (!(o->disclose & DISCLOSE_FINDINGS)) {
				/* The codes a row addresses are the diagnostic's findings. */
				free(v[RC_CODES]);
				v[RC_CODES] = xstrdup(ACCESS_MASKED);
			}
			if (o->fmt == EXPORT_HTML) {
				char *r = clean_memo(v[RC_RESULT]), *f = clean_line(v[RC_FORM]);
				fprintf(o->f, "<tr><td class=\"n\">%d</td>", num);
				for (int c = 0; c < RC_RESULT; c++) {
					char *cl = clean_memo(v[c]);
					fputs("<td>", o->f);
					html_put(o->f, *cl ? cl : EMPTY);
					fputs("</td>", o->f);
					free(cl);
				}
				fputs("<td>", o->f);
				html_put(o->f, *r || *f ? r : EMPTY);
				if (*f) {
					fputs(*r ? "<br>\n(" : "(", o->f);
					html_put(o->f, f);
					fputs(")", o->f);
				}
				fputs("</td></tr>\n", o->f);
				free(r);
				free(f);
			} else {
				char *a = clean_line(v[RC_ACTIVITY]), *t = xasprintf("%d) %s", num, a);
				txt_para(o, 2, 5, t);
				free(t);
				free(a);
				for (int c = RC_COMPETENCIES; c < RC_N; c++) {
					char *cl = clean_memo(v[c]), *line;
					line = xasprintf("%s: %s", rc_labels[c], *cl ? cl : EMPTY);
					txt_para3(o, 5, 7, 7, line);
					free(line);
					free(cl);
				}
			}
			for (int c = 0; c < RC_N; c++)
				free(v[c]);
		}
		if (shown == 0) {
			if (o->fmt == EXPORT_HTML)
				fprintf(o->f, "<tr><td colspan=\"%d\">мероприятия не запланированы</td></tr>\n",
					RC_RESULT + 2);
			else
				txt_para(o, 2, 2, "мероприятия не запланированы");
		}
	}
	if (o->fmt == EXPORT_HTML)
		fputs("</tbody>\n</table>\n", o->f);
	for (int i = 0; i < rows.n; i++)
		record_free(&rows.v[i]);
	free(rows.v);
}

static void final_event(struct out *o, const struct iom_head *h)
{
	char *date = date_ru(h->final_event_date), part[16] = "";

	heading(o, "5. Итоговое мероприятие по реализации ИОМ (заключительное публичное мероприятие)");
	if (h->final_event_participants >= 0)
		snprintf(part, sizeof part, "%d", h->final_event_participants);
	kv(o, "Мероприятие, демонстрирующее повышение уровня профессиональных компетенций",
	   h->final_event, false);
	kv(o, "Уровень проведения",
	   h->final_event_level[0] ? model_enum_label(model_event_levels, h->final_event_level) : "",
	   false);
	kv(o, "Количество участников", part, false);
	kv(o, "Сроки проведения", date, false);
	free(date);
}

/* The curator's notes (004 App.3 §4.4.5, 001 §6.3), for those the policy
 * lets read them; the section only when there are some. */
struct notes_out {
	struct out *o;
	int n;
};

static void note_out(void *ctx, const char *date, const char *kind, const char *author, const char *text)
{
	struct notes_out *no = ctx;
	char *shown = date_ru(date), *label;

	if (no->n++ == 0)
		heading(no->o, "Промежуточные результаты и консультации куратора");
	label = xasprintf("%s, %s (%s)", shown, kind, author ? author : "");
	kv(no->o, label, text, true);
	free(label);
	free(shown);
}

static void curator_notes(struct out *o, const struct session *ss, const struct iom_head *h)
{
	struct notes_out no = { o, 0 };

	if (!access_iom(ss, IOM_DISCUSSION, h->person_id, h->curator_id, h->status, NULL))
		return;
	if (store_iom_notes_each(o->s, h->id, 500, note_out, &no) != ST_OK && o->rc == ST_OK) {
		o->rc = ST_ERROR;
		snprintf(o->msg, sizeof o->msg, "%s", store_errmsg(o->s));
	}
}

static void conclusions(struct out *o, const struct iom_head *h, bool self_analysis)
{
	heading(o, "7. Выводы");
	kv(o, "Самоанализ педагога", self_analysis || !h->self_analysis ? h->self_analysis : ACCESS_MASKED, true);
	kv(o, "Выводы куратора (сравнение входной и итоговой диагностики)", h->conclusions, true);
	kv(o, "Итог", h->outcome[0] ? model_enum_label(route_outcomes, h->outcome) : "", false);
	if (h->cancel_reason)
		kv(o, "Причина отмены", h->cancel_reason, true);
}

static void dates(struct out *o, const struct iom_head *h)
{
	static const struct {
		const char *label;
		size_t off;
	} rows[] = {
		{ "Дата разработки ИОМ", offsetof(struct iom_head, developed) },
		{ "Дата утверждения ИОМ", offsetof(struct iom_head, approved) },
		{ "Начало работы по реализации ИОМ", offsetof(struct iom_head, start) },
		{ "Завершение работы по реализации ИОМ", offsetof(struct iom_head, end) },
		{ "ИОМ завершён", offsetof(struct iom_head, completed) },
		{ "Дата следующей диагностики", offsetof(struct iom_head, next_diag) },
	};

	heading(o, "8. Сроки");
	for (size_t i = 0; i < NITEMS(rows); i++) {
		char *d = date_ru((const char *)h + rows[i].off);
		if (*d || i != 4)
			kv(o, rows[i].label, d, false);
		free(d);
		/* The head's paper order, right after the approval date. */
		if (i == 1 && h->order_no[0]) {
			char *od = date_ru(h->order_date), *t = xasprintf("приказом № %s от %s", h->order_no, od);
			kv(o, "ИОМ утверждён", t, false);
			free(t);
			free(od);
		}
	}
	if (h->prev_number[0])
		kv(o, "Продолжение ИОМ (пролонгация)", h->prev_number, false);
	if (h->next_number[0])
		kv(o, "ИОМ пролонгирован, продолжение", h->next_number, false);
}

static void signatures(struct out *o, const struct iom_head *h)
{
	char *head = org_col(o, h->org_id, "head_name");
	const char *who[3][2] = {
		{ "Региональный методист / куратор ИОМ", h->curator_name },
		{ "Педагогический работник", h->person_name },
		{ "Руководитель образовательной организации", head ? head : "" },
	};

	heading(o, "Подписи");
	if (o->fmt == EXPORT_HTML) {
		fputs("<table class=\"sign\">\n", o->f);
		for (int i = 0; i < 3; i++) {
			fputs("<tr><td>", o->f);
			html_text(o, who[i][0]);
			fputs("</td><td>", o->f);
			html_text(o, who[i][1]);
			fputs("</td><td class=\"line\"></td><td class=\"line\"></td></tr>\n"
			      "<tr><td></td><td></td><td class=\"hint\">подпись</td>"
			      "<td class=\"hint\">дата</td></tr>\n", o->f);
		}
		fputs("</table>\n", o->f);
	} else {
		for (int i = 0; i < 3; i++) {
			char *n = clean_line(who[i][1]);
			char *t = xasprintf("%s: %s", who[i][0], *n ? n : "____________________________");
			fputc('\n', o->f);
			txt_para(o, 0, 4, t);
			fputs("Подпись ______________________   Дата «____» ________________ 20____ г.\n", o->f);
			free(t);
			free(n);
		}
	}
	free(head);
}

/* --- the Omsk ИППР (000) ------------------------------------------------------ */

/* The columns of the ИППР table as the seed heads them (000, «Программа
 * профессионального развития педагога в межкурсовой период»). */
enum { IC_TASKS, IC_TF, IC_KNOW, IC_ACTIONS, IC_RESULT, IC_TERM, IC_N };
static const char *const ippr_cols[IC_N] = {
	"Ведущие задачи по развитию профессиональной компетентности", "ТФ*",
	"Необходимые знания и умения", "Что предполагается для этого сделать", "Ожидаемый результат",
	"Срок реализации задач",
};
static const char *const ippr_col_cells[IC_N] = {
	"tasks", "labour_functions", "knowledge_skills", "actions", "expected_result", NULL,
};
#define IPPR_FOOTNOTE "* ТФ — трудовые функции профессионального стандарта «Педагог», распределённые" \
	" согласно формируемым компетенциям"
#define IPPR_MAX_BLOCKS 48

/* The title as the seed gives it, with the card's years. */
static char *ippr_title(const struct iom_head *h)
{
	const char *from = h->start[0] ? h->start : h->developed;

	if (strlen(from) >= 4 && strlen(h->end) >= 4)
		return xasprintf("Программа профессионального развития педагога в межкурсовой период"
				 " (%.4s–%.4s гг.)", from, h->end);
	return xstrdup("Программа профессионального развития педагога в межкурсовой период");
}

/* One cell of an ИППР row (caller frees): the term as planned, else the date. */
static char *ippr_cell(const struct record *r, int c)
{
	char *v;

	if (ippr_col_cells[c])
		return rec_dup(&model_ippr_row, r, ippr_col_cells[c]);
	v = rec_dup(&model_ippr_row, r, "deadline");
	if (v == NULL) {
		char *d = rec_dup(&model_ippr_row, r, "due_date");
		if (d)
			v = date_ru(d);
		free(d);
	}
	return v;
}

static void ippr_table(struct out *o, const struct iom_head *h)
{
	struct rows rows = { NULL, 0, 0 };
	int64_t ids[IPPR_MAX_BLOCKS];
	char *names[IPPR_MAX_BLOCKS];
	int nb;

	read_rows(o, h->id, store_ippr_page, &model_ippr_row, &rows);
	nb = store_ippr_blocks(o->s, ids, names, NULL, IPPR_MAX_BLOCKS);
	/* A row of a block that is not a teacher's (a manager's) keeps its place too. */
	for (int i = 0; i < rows.n && nb < IPPR_MAX_BLOCKS; i++) {
		int64_t b = rec_int(&model_ippr_row, &rows.v[i], "block_id");
		bool known = false;
		for (int k = 0; k < nb; k++)
			known = known || ids[k] == b;
		if (!known) {
			ids[nb] = b;
			names[nb++] = store_ref_name(o->s, "competency_block", b);
		}
	}
	heading(o, "Компетенции, задачи по их развитию и сроки");
	if (o->fmt == EXPORT_HTML) {
		fputs("<table class=\"grid roadmap\">\n<thead><tr><th>№</th><th>Компетенции</th>", o->f);
		for (int c = 0; c < IC_N; c++) {
			fputs("<th>", o->f);
			html_text(o, ippr_cols[c]);
			fputs("</th>", o->f);
		}
		fputs("</tr></thead>\n<tbody>\n", o->f);
	}
	for (int b = 0; b < nb; b++) {
		int shown = 0;
		char *head = xasprintf("%d. %s", b + 1, names[b]);

		if (o->fmt == EXPORT_TXT)
			subheading(o, head);
		for (int i = 0; i <= rows.n; i++) {
			bool mine = i < rows.n && rec_int(&model_ippr_row, &rows.v[i], "block_id") == ids[b];
			char *v[IC_N];

			if (i == rows.n && shown)
				break;
			if (i < rows.n && !mine)
				continue;
			/* A competency with no row still has its line, as in the seed. */
			for (int c = 0; c < IC_N; c++)
				v[c] = i < rows.n ? ippr_cell(&rows.v[i], c) : NULL;
			shown++;
			if (o->fmt == EXPORT_HTML) {
				fputs("<tr><td class=\"n\">", o->f);
				if (shown == 1)
					fprintf(o->f, "%d", b + 1);
				fputs("</td><td>", o->f);
				if (shown == 1)
					html_text(o, names[b]);
				fputs("</td>", o->f);
				for (int c = 0; c < IC_N; c++) {
					char *cl = clean_memo(v[c]);
					fputs("<td>", o->f);
					html_put(o->f, *cl ? cl : EMPTY);
					fputs("</td>", o->f);
					free(cl);
				}
				fputs("</tr>\n", o->f);
			} else if (i == rows.n) {
				txt_para(o, 2, 2, "задачи не поставлены");
			} else {
				char *t = xasprintf("%d.%d)", b + 1, shown);
				txt_para(o, 2, 2, t);
				free(t);
				for (int c = 0; c < IC_N; c++) {
					char *cl = clean_memo(v[c]), *line;
					line = xasprintf("%s: %s", ippr_cols[c], *cl ? cl : EMPTY);
					txt_para3(o, 5, 7, 7, line);
					free(line);
					free(cl);
				}
			}
			for (int c = 0; c < IC_N; c++)
				free(v[c]);
		}
		free(head);
	}
	if (o->fmt == EXPORT_HTML)
		fputs("</tbody>\n</table>\n", o->f);
	if (o->fmt == EXPORT_TXT)
		fputc('\n', o->f);
	para(o, IPPR_FOOTNOTE, "note");
	for (int b = 0; b < nb; b++)
		free(names[b]);
	for (int i = 0; i < rows.n; i++)
		record_free(&rows.v[i]);
	free(rows.v);
}

/* The levels of mastery the latest interview after a course set (000,
 * «Проектировочный» stage): results, as the one rule discloses them. */
static void ippr_levels(struct out *o, struct session *ss, const struct iom_head *h)
{
	struct interview iv;
	int64_t id = store_ippr_interview(o->s, h->id);
	char *date, *head;

	/* Printing someone's levels is an opening of his results the teacher
	 * is told of, as a card's diagnostics are (once for the print). */
	if (id && !h->entry_diag_id && !h->final_diag_id)
		o->disclose = access_disclosure_open(ss, h->person_id, h->id, 0, "export", h->id, "печать ИППР");

	heading(o, "Уровни освоения компетенций (собеседование по результатам обучения на КПК)");
	if (id == 0 || store_interview_get(o->s, id, h->person_id, &iv) != ST_OK) {
		para(o, "Собеседование по итогам КПК к программе ещё не проведено.", NULL);
		return;
	}
	date = date_ru(iv.date);
	head = xstrdup(iv.course_title ? iv.course_title : EMPTY);
	kv(o, "Дата собеседования", date, false);
	kv(o, "Курс (КПК)", head, false);
	if (!(o->disclose & DISCLOSE_RESULTS)) {
		kv(o, "Уровни освоения: сейчас → планируется", ACCESS_MASKED, false);
		para(o, "Уровни освоения не печатаются: " ACCESS_RESULTS_REFUSAL ".", "note");
	} else {
		for (int b = 0; b < iv.nlevels; b++) {
			const struct interview_level *l = &iv.levels[b];
			char *pair;
			if (!l->now[0] && !l->planned[0])
				continue;
			pair = xasprintf("%s → %s", l->now[0] ? model_enum_label(model_mastery_levels, l->now) : EMPTY,
					 l->planned[0] ? model_enum_label(model_mastery_levels, l->planned) : EMPTY);
			kv(o, l->name, pair, false);
			free(pair);
		}
	}
	free(date);
	free(head);
	interview_free(&iv);
}

static void ippr_signatures(struct out *o, const struct iom_head *h)
{
	char *head = org_col(o, h->org_id, "head_name");
	const char *who[2][2] = {
		{ "Педагог", h->person_name },
		{ "Руководитель образовательной организации", head ? head : "" },
	};

	heading(o, "Подписи");
	if (o->fmt == EXPORT_HTML)
		fputs("<table class=\"sign\">\n", o->f);
	for (int i = 0; i < 2; i++) {
		if (o->fmt == EXPORT_HTML) {
			fputs("<tr><td>", o->f);
			html_text(o, who[i][0]);
			fputs("</td><td>", o->f);
			html_text(o, who[i][1]);
			fputs("</td><td class=\"line\"></td><td class=\"line\"></td></tr>\n"
			      "<tr><td></td><td></td><td class=\"hint\">подпись</td>"
			      "<td class=\"hint\">дата</td></tr>\n", o->f);
		} else {
			char *n = clean_line(who[i][1]);
			char *t = xasprintf("%s: %s", who[i][0], *n ? n : "____________________________");
			fputc('\n', o->f);
			txt_para(o, 0, 4, t);
			fputs("Подпись ______________________   Дата «____» ________________ 20____ г.\n", o->f);
			free(t);
			free(n);
		}
	}
	if (o->fmt == EXPORT_HTML)
		fputs("</table>\n", o->f);
	free(head);
}

/* The card of the ippr template: the Omsk table instead of the «Карта ИОМ». */
static void ippr_card(struct out *o, struct session *ss, const struct iom_head *h,
		      const struct record *person)
{
	char *title = ippr_title(h), *org = org_col(o, h->org_id, "name");
	char *position = rec_dup(&model_person, person, "position"), *num = xasprintf("№ %s", h->number);
	char *per = period(h->start, h->end);

	if (o->fmt == EXPORT_HTML) {
		fputs(html_head, o->f);
		fputs("<title>ИППР ", o->f);
		html_text(o, h->number);
		fputs("</title>\n</head>\n<body>\n<h1>", o->f);
		html_text(o, title);
		fputs("</h1>\n<div class=\"number\">", o->f);
		html_text(o, num);
		fputs("</div>\n", o->f);
	} else {
		txt_center(o, title);
		txt_center(o, num);
		fputc('\n', o->f);
	}
	kv(o, "ФИО педагога", h->person_name, false);
	kv(o, "Образовательная организация", org ? org : h->org_name, false);
	kv(o, "Должность", position, false);
	kv(o, "Период реализации", per, false);
	kv(o, "Статус", route_status_label(h->status), false);
	ippr_table(o, h);
	ippr_levels(o, ss, h);
	ippr_signatures(o, h);
	doc_end(o);
	free(title);
	free(org);
	free(position);
	free(num);
	free(per);
}

/* --- entry point ------------------------------------------------------------- */

bool export_format_parse(const char *name, enum export_format *fmt)
{
	if (name && strcmp(name, "txt") == 0)
		*fmt = EXPORT_TXT;
	else if (name && strcmp(name, "html") == 0)
		*fmt = EXPORT_HTML;
	else
		return false;
	return true;
}

int export_card(struct session *ss, int64_t iom_id, enum export_format fmt, FILE *f, char *err,
		int errsz)
{
	struct out o;
	struct iom_head h;
	struct record person;
	const char *why = NULL;
	char tpl[8];
	int rc;

	if (errsz > 0)
		err[0] = '\0';
	memset(&o, 0, sizeof o);
	o.f = f;
	o.fmt = fmt;
	o.s = ss->store;
	rc = store_iom_get(o.s, iom_id, &h);
	if (rc == ST_NOTFOUND) {
		snprintf(err, (size_t)errsz, "карта ИОМ не найдена");
		return EXPORT_NOTFOUND;
	}
	if (rc != ST_OK) {
		snprintf(err, (size_t)errsz, "%s", store_errmsg(o.s));
		return EXPORT_ERROR;
	}
	if (!access_iom(ss, IOM_VIEW, h.person_id, h.curator_id, h.status, &why)) {
		snprintf(err, (size_t)errsz, "%s", why ? why : "нет доступа к этой карте ИОМ");
		iom_free(&h);
		return EXPORT_DENIED;
	}
	/* Confidentiality (004 App.2 §6.3, App.3 §5.4): the one rule decides;
	 * printing someone's results is a view the teacher is told of. */
	o.disclose = h.entry_diag_id || h.final_diag_id
		? access_disclosure_open(ss, h.person_id, h.id, 0, "export", h.id, "печать карты ИОМ")
		: access_disclosure(ss, h.person_id, h.id, 0);
	rc = store_get(o.s, &model_person, NULL, h.person_id, &person);
	if (rc != ST_OK) {
		snprintf(err, (size_t)errsz, "%s", store_errmsg(o.s));
		iom_free(&h);
		return EXPORT_ERROR;
	}

	if (store_iom_template(o.s, h.id, tpl) == ST_OK && strcmp(tpl, IOM_TEMPLATE_IPPR) == 0) {
		ippr_card(&o, ss, &h, &person);
		goto written;
	}
	doc_begin(&o, &h);
	title_page(&o, &h, &person);
	info_sheet(&o, &h, &person);
	diag_section(&o, "2. Результаты входной диагностики профессиональных дефицитов",
		     h.entry_diag_id,
		     "Входная диагностика к карте не привязана (ИОМ строится не по результатам диагностики).");
	heading(&o, "3. Задачи");
	para(&o, h.tasks && *h.tasks ? h.tasks : EMPTY, NULL);
	roadmap(&o, &h);
	curator_notes(&o, ss, &h);
	final_event(&o, &h);
	diag_section(&o, "6. Результаты итоговой диагностики профессиональных дефицитов",
		     h.final_diag_id, "Итоговая диагностика ещё не проведена.");
	conclusions(&o, &h, access_iom(ss, IOM_DISCUSSION, h.person_id, h.curator_id, h.status, NULL));
	dates(&o, &h);
	signatures(&o, &h);
	doc_end(&o);
written:
	record_free(&person);
	iom_free(&h);
	if (o.rc != ST_OK) {
		snprintf(err, (size_t)errsz, "не удалось прочитать карту: %s", o.msg);
		return EXPORT_ERROR;
	}
	if (fflush(f) != 0 || ferror(f)) {
		snprintf(err, (size_t)errsz, "не удалось записать карту: %s", errtext_errno(errno ? errno : EIO));
		return EXPORT_ERROR;
	}
	return EXPORT_OK;
}
