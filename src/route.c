/* The individual educational route (ИОМ): domain rules. See route.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route.h"
#include "config.h"
#include "util.h"

/* ---- Statuses ---------------------------------------------------------- */

/* Lifecycle order; the index is used by the refusal texts below. */
const struct enum_opt route_statuses[] = {
	{ "draft", "черновик" },
	{ "review", "на согласовании" },
	{ "final_form", "итоговая форма" },
	{ "approved", "утверждён" },
	{ "in_progress", "реализуется" },
	{ "completed", "завершён" },
	{ "prolonged", "пролонгирован" },
	{ "cancelled", "отменён" },
	{ NULL, NULL }
};

#define NSTATUS ((int)NITEMS(route_statuses) - 1)

static int status_index(const char *code)
{
	int i;

	if (code == NULL)
		return -1;
	for (i = 0; i < NSTATUS; i++)
		if (strcmp(route_statuses[i].code, code) == 0)
			return i;
	return -1;
}

const char *route_status_label(const char *code)
{
	int i = status_index(code);

	if (code == NULL)
		return "";
	return i < 0 ? code : route_statuses[i].label;
}

bool route_status_valid(const char *code)
{
	return status_index(code) >= 0;
}

bool route_status_final(const char *code)
{
	return code != NULL && (strcmp(code, "completed") == 0 || strcmp(code, "cancelled") == 0);
}

/* ---- Roles -------------------------------------------------------------- */

enum {
	R_TEACHER = 1 << 0,
	R_CURATOR = 1 << 1,
	R_DEVELOPER = 1 << 2,
	R_SCHOOL = 1 << 3,
	R_MUNICIPAL = 1 << 4,
	R_REGIONAL = 1 << 5,
	R_ADMIN = 1 << 6,
};

static const struct {
	const char *code;
	unsigned bit;
} role_bits[] = {
	{ "teacher", R_TEACHER },
	{ "curator", R_CURATOR },
	{ "developer", R_DEVELOPER },
	{ "school", R_SCHOOL },
	{ "municipal", R_MUNICIPAL },
	{ "regional", R_REGIONAL },
	{ "admin", R_ADMIN },
};

static unsigned role_mask(const char *const *roles, int nroles)
{
	unsigned mask = 0;
	size_t j;
	int i;

	if (roles == NULL)
		return 0;
	for (i = 0; i < nroles; i++) {
		if (roles[i] == NULL)
			continue;
		for (j = 0; j < NITEMS(role_bits); j++)
			if (strcmp(roles[i], role_bits[j].code) == 0)
				mask |= role_bits[j].bit;
	}
	return mask;
}

const struct enum_opt route_outcomes[] = {
	{ "success", "успешное завершение" },
	{ "prolongation", "пролонгация" },
	{ NULL, NULL }
};

/* ---- Lifecycle: the one table of moves (004 App.3 §4.3–§4.5) ------------ */

/* The checks a move makes before it is made (route_move_check). */
enum {
	CK_PERIOD = 1 << 0,      /* start and end given, the period within the configured limits */
	CK_START = 1 << 1,       /* start not before the development date */
	CK_TASKS = 1 << 2,       /* the tasks are written */
	CK_ROADMAP = 1 << 3,     /* the roadmap has rows */
	CK_COVERAGE = 1 << 4,    /* each deficit code of the entry diagnostic has a row */
	CK_FINAL_DIAG = 1 << 5,  /* a final diagnostic dated no later than today */
	CK_CONFIRMED = 1 << 6,   /* no change after approval awaits a confirmation */
	CK_MARKED = 1 << 7,      /* every row marked done or given a reason */
	CK_ANSWERED = 1 << 8,    /* every correction proposal answered by the developer */
};
/* The card as the teacher, curator and head receive it (§4.3.4–§4.3.10). */
#define CK_CARD (CK_PERIOD | CK_START | CK_TASKS | CK_ROADMAP | CK_COVERAGE)
/* The conclusion after the final diagnostic (§4.5.1–§4.5.3). */
#define CK_FINISH (CK_FINAL_DIAG | CK_CONFIRMED | CK_MARKED)

static const struct move {
	const char *from, *to;
	unsigned roles;
	const char *action;
	const char *refusal;
	unsigned checks;
} moves[] = {
	/* §4.3.4: to the teacher, curator and school head for review. */
	{ "draft", "review", R_DEVELOPER | R_REGIONAL, "направить на согласование",
	  "направить ИОМ на согласование может разработчик ИОМ или ЦНППМ", CK_CARD },
	{ "review", "draft", R_DEVELOPER | R_REGIONAL, "вернуть на доработку",
	  "вернуть ИОМ на доработку может разработчик ИОМ или ЦНППМ", 0 },
	/* §4.3.7–§4.3.8: the developer gives it the final form. */
	{ "review", "final_form", R_DEVELOPER | R_REGIONAL, "оформить итоговую форму",
	  "оформить итоговую форму ИОМ может разработчик ИОМ или ЦНППМ", CK_CARD | CK_ANSWERED },
	/* §4.3.10: approved by the head of the school. */
	{ "final_form", "approved", R_SCHOOL, "утвердить",
	  "утвердить ИОМ может только руководитель ОО", CK_CARD },
	{ "approved", "in_progress", R_CURATOR | R_DEVELOPER | R_REGIONAL, "начать реализацию",
	  "начать реализацию ИОМ может куратор ИОМ, разработчик ИОМ или ЦНППМ", CK_PERIOD | CK_START },
	/* §4.5.3: the curator concludes: completion or prolongation; the
	 * prolongation goes on in a continuation card (store_iom_move). */
	{ "in_progress", "completed", R_CURATOR | R_REGIONAL, "завершить",
	  "завершить ИОМ может куратор ИОМ или ЦНППМ", CK_FINISH },
	{ "in_progress", "prolonged", R_CURATOR | R_REGIONAL, "пролонгировать",
	  "пролонгировать ИОМ может куратор ИОМ или ЦНППМ", CK_FINAL_DIAG | CK_CONFIRMED },
	{ "prolonged", "completed", R_CURATOR | R_REGIONAL, "завершить",
	  "завершить ИОМ может куратор ИОМ или ЦНППМ", CK_FINISH },
	/* Cancelling: before the final form also by the developer. */
	{ "draft", "cancelled", R_DEVELOPER | R_REGIONAL, "отменить",
	  "отменить ИОМ до итоговой формы может разработчик ИОМ или ЦНППМ", 0 },
	{ "review", "cancelled", R_DEVELOPER | R_REGIONAL, "отменить",
	  "отменить ИОМ до итоговой формы может разработчик ИОМ или ЦНППМ", 0 },
	{ "final_form", "cancelled", R_REGIONAL, "отменить",
	  "отменить оформленный ИОМ может только ЦНППМ", 0 },
	{ "approved", "cancelled", R_REGIONAL, "отменить",
	  "отменить оформленный ИОМ может только ЦНППМ", 0 },
	{ "in_progress", "cancelled", R_REGIONAL, "отменить",
	  "отменить оформленный ИОМ может только ЦНППМ", 0 },
	{ "prolonged", "cancelled", R_REGIONAL, "отменить",
	  "отменить оформленный ИОМ может только ЦНППМ", 0 },
};

static const struct move *find_move(const char *from, const char *to)
{
	size_t i;

	if (from == NULL || to == NULL)
		return NULL;
	for (i = 0; i < NITEMS(moves); i++)
		if (strcmp(moves[i].from, from) == 0 && strcmp(moves[i].to, to) == 0)
			return &moves[i];
	return NULL;
}

/* The reason a move between two known statuses does not exist. Built once
 * per pair and kept, so the pointer handed out stays valid. */
static const char *no_move_reason(int from, int to)
{
	static char text[NSTATUS][NSTATUS][200];
	char *t = text[from][to];
	const char *lf = route_statuses[from].label, *lt = route_statuses[to].label;

	if (t[0] != '\0')
		return t;
	if (from == to)
		snprintf(t, sizeof text[0][0], "ИОМ уже в статусе «%s»", lf);
	else if (route_status_final(route_statuses[from].code))
		snprintf(t, sizeof text[0][0], "ИОМ в статусе «%s» больше не меняет статус", lf);
	else
		snprintf(t, sizeof text[0][0], "из статуса «%s» нельзя перейти в «%s»", lf, lt);
	return t;
}

bool route_move_allowed(const char *from, const char *to,
			const char *const *roles, int nroles, const char **why)
{
	const char *dummy;
	const struct move *mv;
	int fi = status_index(from), ti = status_index(to);

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if (fi < 0 || ti < 0) {
		*why = "неизвестный статус ИОМ";
		return false;
	}
	mv = find_move(from, to);
	if (mv == NULL) {
		*why = no_move_reason(fi, ti);
		return false;
	}
	if ((mv->roles & role_mask(roles, nroles)) == 0) {
		*why = mv->refusal;
		return false;
	}
	return true;
}

int route_moves_from(const char *from, const char *const *roles, int nroles,
		     const char **to_out, const char **action_out, int max)
{
	unsigned mask = role_mask(roles, nroles);
	size_t i;
	int n = 0;

	if (from == NULL)
		return 0;
	for (i = 0; i < NITEMS(moves) && n < max; i++) {
		if (strcmp(moves[i].from, from) != 0 || (moves[i].roles & mask) == 0)
			continue;
		if (to_out != NULL)
			to_out[n] = moves[i].to;
		if (action_out != NULL)
			action_out[n] = moves[i].action;
		n++;
	}
	return n;
}

const char *route_move_action(const char *from, const char *to)
{
	const struct move *mv = find_move(from, to);

	return mv == NULL ? NULL : mv->action;
}

static void missing(struct route_missing *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void missing(struct route_missing *m, const char *fmt, ...)
{
	va_list ap;

	if (m->n >= ROUTE_MISSING_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(m->what[m->n++], sizeof m->what[0], fmt, ap);
	va_end(ap);
}

/* ISO to ДД.ММ.ГГГГ for the messages. */
static const char *ru_date(const char *iso, char out[11])
{
	int y, m, d;

	if (!date_parse_iso(iso, &y, &m, &d))
		snprintf(out, 11, "—");
	else
		snprintf(out, 11, "%02d.%02d.%04d", d, m, y);
	return out;
}

int route_move_check(const struct config *cfg, const char *from, const char *to,
		     const struct route_facts *f, struct route_missing *m)
{
	const struct move *mv = find_move(from, to);
	unsigned ck = mv ? mv->checks : 0;
	char a[11], b[11];

	m->n = 0;
	if (f == NULL)
		return 0;
	if (ck & CK_PERIOD) {
		const char *why;
		if (!f->start[0] || !f->end[0])
			missing(m, "не указан срок реализации: нужны дата начала и дата окончания");
		else if ((why = route_check_period(cfg, f->start, f->end)) != NULL)
			missing(m, "%s (%s – %s)", why, ru_date(f->start, a), ru_date(f->end, b));
	}
	if ((ck & CK_START) && f->start[0] && f->developed[0] && strcmp(f->start, f->developed) < 0)
		missing(m, "начало реализации (%s) раньше даты разработки ИОМ (%s)",
			ru_date(f->start, a), ru_date(f->developed, b));
	if ((ck & CK_TASKS) && !f->has_tasks)
		missing(m, "не сформулированы задачи ИОМ");
	if ((ck & CK_ROADMAP) && f->rows == 0)
		missing(m, "дорожная карта пуста: нет ни одного мероприятия");
	if ((ck & CK_COVERAGE) && f->uncovered_n > 0) {
		if (f->uncovered[0])
			missing(m, "нет мероприятий дорожной карты для %s: %s",
				f->uncovered_n == 1 ? "дефицита" : "дефицитов", f->uncovered);
		else    /* the codes withheld from this user */
			missing(m, "нет мероприятий дорожной карты для выявленных дефицитов: %d",
				f->uncovered_n);
	}
	if (ck & CK_FINAL_DIAG) {
		if (!f->has_final_diag)
			missing(m, "не выбрана итоговая диагностика");
		else if (f->today[0] && strcmp(f->final_diag_date, f->today) > 0)
			missing(m, "итоговая диагностика датирована %s — позже сегодняшнего дня (%s)",
				ru_date(f->final_diag_date, a), ru_date(f->today, b));
	}
	if ((ck & CK_CONFIRMED) && f->unconfirmed > 0)
		missing(m, "не подтверждены изменения карты после утверждения: %d", f->unconfirmed);
	if ((ck & CK_ANSWERED) && f->open_proposals > 0)
		missing(m, "предложения по корректировке без ответа разработчика: %d", f->open_proposals);
	if ((ck & CK_MARKED) && f->unmarked > 0)
		missing(m, "мероприятия дорожной карты без отметки «выполнено» или причины: %d",
			f->unmarked);
	return m->n;
}

void route_missing_text(const struct route_missing *m, char *out, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	for (int i = 0; i < m->n && len + 1 < size; i++) {
		int w = snprintf(out + len, size - len, "%s%s", i ? "\n" : "", m->what[i]);
		if (w < 0)
			break;
		if (len + (size_t)w >= size) {
			/* Cut: never in the middle of a character. The last
			 * character's first byte tells how long it should be. */
			size_t p = size - 1, need;
			unsigned char lead;
			while (p > 0 && ((unsigned char)out[p - 1] & 0xC0) == 0x80)
				p--;
			if (p > 0) {
				p--;
				lead = (unsigned char)out[p];
				need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
				if (p + need <= size - 1)
					p += need;
			}
			out[p] = '\0';
			break;
		}
		len += (size_t)w;
	}
}

/* §5.11: changes after approval are signed by curator, school head, teacher. */
const char *const route_confirm_roles[] = { "curator", "school", "teacher", NULL };

bool route_change_needs_confirmation(const char *status)
{
	return status != NULL && (strcmp(status, "approved") == 0 ||
				  strcmp(status, "in_progress") == 0 ||
				  strcmp(status, "prolonged") == 0);
}

/* ---- Models and the curator rule ---------------------------------------- */

const char *route_model_label(int model)
{
	switch (model) {
	case ROUTE_MODEL_DIAGNOSTIC:
		return "на основе диагностики профессиональных дефицитов";
	case ROUTE_MODEL_POSTCOURSE:
		return "посткурсовое сопровождение";
	case ROUTE_MODEL_MENTORING:
		return "часть программы наставничества";
	default:
		return NULL;
	}
}

enum route_curator_kind route_curator_rule(int model, const char *deficit_level)
{
	switch (model) {
	case ROUTE_MODEL_DIAGNOSTIC:
		if (deficit_level == NULL)
			return ROUTE_CURATOR_UNKNOWN;
		if (strcmp(deficit_level, "high") == 0)
			return ROUTE_CURATOR_REGIONAL_METHODIST;
		if (strcmp(deficit_level, "medium") == 0 || strcmp(deficit_level, "low") == 0)
			return ROUTE_CURATOR_LECTURER;
		return ROUTE_CURATOR_UNKNOWN;
	case ROUTE_MODEL_POSTCOURSE:
		return ROUTE_CURATOR_LECTURER_OR_MO_HEAD;
	case ROUTE_MODEL_MENTORING:
		return ROUTE_CURATOR_MENTOR_OR_METHODIST;
	default:
		return ROUTE_CURATOR_UNKNOWN;
	}
}

const char *route_curator_label(enum route_curator_kind k)
{
	switch (k) {
	case ROUTE_CURATOR_REGIONAL_METHODIST:
		return "региональный методист";
	case ROUTE_CURATOR_LECTURER:
		return "преподаватель института развития образования соответствующего профиля";
	case ROUTE_CURATOR_LECTURER_OR_MO_HEAD:
		return "преподаватель института развития образования соответствующего профиля "
		       "или руководитель школьного методического объединения";
	case ROUTE_CURATOR_MENTOR_OR_METHODIST:
		return "педагог-наставник из образовательной организации или региональный методист";
	case ROUTE_CURATOR_UNKNOWN:
	default:
		return "не определён: нужны модель ИОМ и уровень дефицита";
	}
}

/* ---- Numbering ---------------------------------------------------------- */

enum fmt_result { FMT_OK, FMT_BAD_SEQ, FMT_NO_N, FMT_MANY_N, FMT_TOO_LONG };

/* Walk the format once: check it and, with out != NULL, write the number
 * (at most ROUTE_NUMBER_MAX bytes plus NUL). On FMT_BAD_SEQ *bad points at
 * the offending '%'. */
static enum fmt_result format_walk(const char *fmt, int year, long seq,
				   char out[ROUTE_NUMBER_MAX + 1], const char **bad)
{
	char piece[32];
	size_t len = 0, plen;
	const char *p = fmt;
	int nn = 0;

	while (*p != '\0') {
		const char *start = p;

		if (*p != '%') {
			piece[0] = *p++;
			piece[1] = '\0';
		} else if (p[1] == '%') {
			strcpy(piece, "%");
			p += 2;
		} else if (p[1] == 'Y') {
			snprintf(piece, sizeof piece, "%d", year);
			p += 2;
		} else if (p[1] == 'N') {
			snprintf(piece, sizeof piece, "%ld", seq);
			p += 2;
			nn++;
		} else if (p[1] == '0' && p[2] >= '1' && p[2] <= '9') {
			int w = 0;

			p += 2;
			while (*p >= '0' && *p <= '9' && w <= 18)
				w = w * 10 + (*p++ - '0');
			if (*p != 'N' || w < 1 || w > 18) {
				*bad = start;
				return FMT_BAD_SEQ;
			}
			snprintf(piece, sizeof piece, "%0*ld", w, seq);
			p++;
			nn++;
		} else {
			*bad = start;
			return FMT_BAD_SEQ;
		}
		plen = strlen(piece);
		if (len + plen > ROUTE_NUMBER_MAX)
			return FMT_TOO_LONG;
		if (out != NULL)
			memcpy(out + len, piece, plen);
		len += plen;
	}
	if (out != NULL)
		out[len] = '\0';
	if (nn == 0)
		return FMT_NO_N;
	if (nn > 1)
		return FMT_MANY_N;
	return FMT_OK;
}

char *route_format_number(const char *fmt, int year, long seq)
{
	char out[ROUTE_NUMBER_MAX + 1];
	const char *bad;

	if (fmt == NULL || year < 0 || seq < 0)
		return NULL;
	if (format_walk(fmt, year, seq, out, &bad) != FMT_OK)
		return NULL;
	return xstrdup(out);
}

const char *route_check_number_format(const char *fmt)
{
	static char msg[200];
	const char *bad = NULL;
	int n;

	if (fmt == NULL || fmt[0] == '\0')
		return "формат номера ИОМ не задан: нужен, например, «ИОМ-%Y-%06N»";
	/* The widest number this format may give for a four-digit year and a
	 * sequence of up to six digits must fit. */
	switch (format_walk(fmt, 9999, 999999, NULL, &bad)) {
	case FMT_OK:
		return NULL;
	case FMT_BAD_SEQ:
		/* Show the sequence up to its letter (at most a few bytes). */
		for (n = 1; bad[n] != '\0' && n < 8; n++)
			if (!(bad[n] >= '0' && bad[n] <= '9'))
				break;
		if (bad[n] != '\0' && (unsigned char)bad[n] < 0x80)
			n++;
		snprintf(msg, sizeof msg, "в формате номера ИОМ недопустимо «%.*s»: "
			 "можно %%Y (год), %%N или %%06N (порядковый номер), %%%% (знак %%)",
			 n, bad);
		return msg;
	case FMT_NO_N:
		return "в формате номера ИОМ нет %N (порядкового номера)";
	case FMT_MANY_N:
		return "в формате номера ИОМ порядковый номер (%N) должен быть ровно один раз";
	case FMT_TOO_LONG:
	default:
		snprintf(msg, sizeof msg, "номер ИОМ по этому формату длиннее %d байт",
			 ROUTE_NUMBER_MAX);
		return msg;
	}
}

/* ---- Duration ------------------------------------------------------------ */

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

dayno route_add_months(int y, int m, int d, int n)
{
	long total = (long)y * 12 + (m - 1) + n;
	int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
	int last = days_in_month(ny, nm);

	return date_to_days(ny, nm, d > last ? last : d);
}

/* A term in months after "от"/"до" (genitive): "6 месяцев", "1 года", "2 лет". */
static void term_genitive(char *out, size_t size, int months)
{
	int n = months % 12 == 0 && months > 0 ? months / 12 : months;
	bool one = n % 10 == 1 && n % 100 != 11;

	if (n != months)
		snprintf(out, size, "%d %s", n, one ? "года" : "лет");
	else
		snprintf(out, size, "%d %s", n, one ? "месяца" : "месяцев");
}

const char *route_check_period(const struct config *cfg, const char *start_iso,
			       const char *end_iso)
{
	static char msg[200];
	char lo[40], hi[40];
	int sy, sm, sd, ey, em, ed;
	dayno start, end;

	if (!date_parse_iso(start_iso, &sy, &sm, &sd))
		return "дата начала ИОМ указана неверно";
	if (!date_parse_iso(end_iso, &ey, &em, &ed))
		return "дата окончания ИОМ указана неверно";
	start = date_to_days(sy, sm, sd);
	end = date_to_days(ey, em, ed);
	if (end < start)
		return "окончание ИОМ раньше его начала";
	if (end >= route_add_months(sy, sm, sd, cfg->iom_min_months) &&
	    end <= route_add_months(sy, sm, sd, cfg->iom_max_months))
		return NULL;
	term_genitive(lo, sizeof lo, cfg->iom_min_months);
	term_genitive(hi, sizeof hi, cfg->iom_max_months);
	snprintf(msg, sizeof msg, "срок ИОМ — от %s до %s, а здесь %s", lo, hi,
		 end < route_add_months(sy, sm, sd, cfg->iom_min_months) ? "меньше" : "больше");
	return msg;
}

/* ---- Deadlines ----------------------------------------------------------- */

dayno route_develop_due(const struct calendar *c, const struct config *cfg,
			dayno diagnostic_date)
{
	return calendar_add_workdays(c, diagnostic_date, cfg->dl_iom_develop);
}

dayno route_correct_due(const struct calendar *c, const struct config *cfg,
			dayno received)
{
	return calendar_add_workdays(c, received, cfg->dl_iom_correct);
}

int route_days_overdue(const struct calendar *c, dayno due, dayno today)
{
	int n;

	if (today <= due)
		return 0;
	n = calendar_workdays_between(c, due, today);
	return n > 0 ? n : 0;
}

/* ---- Archive ------------------------------------------------------------- */

bool route_archive_due(const char *completed_iso, const char *today_iso, int keep_months)
{
	int cy, cm, cd, ty, tm, td;

	if (keep_months < 0)
		return false;
	if (!date_parse_iso(completed_iso, &cy, &cm, &cd) ||
	    !date_parse_iso(today_iso, &ty, &tm, &td))
		return false;
	return date_to_days(ty, tm, td) >= route_add_months(cy, cm, cd, keep_months);
}
