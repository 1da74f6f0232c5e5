/* The demo region: a realistic Смоленская область with municipalities,
 * schools, kindergartens, the institute, teachers with their courses, the
 * seven demo users and a curator's list. Deterministic: one fixed-seed
 * generator (xorshift64*), never rand(); its dates are laid out around
 * «today» (today_iso(): MARSHRUT_TODAY when set), so two runs on one day —
 * or with one MARSHRUT_TODAY — give the same register, and a demo built any
 * day is a region working on that day. Everything is written in one
 * IMMEDIATE transaction with cached, bound statements; an error leaves the
 * database as it was. */
#include "store.h"
#include "store_int.h"
#include "errtext.h"
#include "iom_review.h"
#include "config.h"
#include "deficit_counts.h"
#include "elem_latest.h"
#include "date.h"
#include "model.h"
#include "name_parts.h"
#include "progress.h"
#include "radar_due.h"
#include "route.h"
#include "site.h"
#include "store/sites.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_SEED 0x6D61727368727574ULL   /* "marshrut" */
#define DEMO_MIN_TEACHERS 10
#define DEMO_MAX_TEACHERS 200000
#define DEMO_MAX_ORGS 2000
/* The year the fixed dates below were written for: each is moved by as
 * many years as today is past it (birth dates, attestations, courses). */
#define DEMO_BASE_YEAR 2026

/* --- the generator ------------------------------------------------------ */

struct demo {
	struct store *s;
	uint64_t rng;
	int64_t region_id;
	int64_t mun_id[5];
	int64_t next_tn;        /* табельный номер */
	struct progress *progress;   /* told how far the generation is; NULL: nobody */
	char today[11];          /* ISO, fixed at the start of the generation */
	int year;                /* today's year */
	int yoff;                /* year - DEMO_BASE_YEAR */
	char school_year[11];    /* 1 September starting the current school year */
	char experience_date[11];   /* the experience was counted a year before that */
};

/* Today and the dates derived from it, once per generation. */
static void demo_today(struct demo *d)
{
	int y, m, dd;

	today_iso(d->today);
	if (!date_parse_iso(d->today, &y, &m, &dd)) {
		y = DEMO_BASE_YEAR, m = 12, dd = 1;
		date_iso(date_to_days(y, m, dd), d->today);
	}
	d->year = y;
	d->yoff = y - DEMO_BASE_YEAR;
	date_iso(date_to_days(m >= 9 ? y : y - 1, 9, 1), d->school_year);
	date_iso(date_to_days(m >= 9 ? y - 1 : y - 2, 9, 1), d->experience_date);
}

static uint64_t rnd64(struct demo *d)
{
	uint64_t x = d->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	d->rng = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Uniform enough in [0, n), n > 0. */
static int rnd(struct demo *d, int n)
{
	return (int)((rnd64(d) >> 33) % (uint64_t)n);
}

/* True with probability pct percent. */
static int chance(struct demo *d, int pct)
{
	return rnd(d, 100) < pct;
}

#define PICK(d, arr) ((arr)[rnd((d), (int)NITEMS(arr))])

static void rnd_date(struct demo *d, int y0, int m0, int d0, int y1, int m1, int d1, char out[11])
{
	dayno a = date_to_days(y0, m0, d0), b = date_to_days(y1, m1, d1);
	date_iso(a + rnd(d, (int)(b - a + 1)), out);
}

/* --- names -------------------------------------------------------------- */

struct surname { const char *m, *f; };

static const struct surname surnames[] = {
	{ "Иванов", "Иванова" }, { "Смирнов", "Смирнова" }, { "Кузнецов", "Кузнецова" },
	{ "Попов", "Попова" }, { "Васильев", "Васильева" }, { "Петров", "Петрова" },
	{ "Соколов", "Соколова" }, { "Михайлов", "Михайлова" }, { "Новиков", "Новикова" },
	{ "Фёдоров", "Фёдорова" }, { "Морозов", "Морозова" }, { "Волков", "Волкова" },
	{ "Алексеев", "Алексеева" }, { "Лебедев", "Лебедева" }, { "Семёнов", "Семёнова" },
	{ "Семенов", "Семенова" }, { "Егоров", "Егорова" }, { "Павлов", "Павлова" },
	{ "Козлов", "Козлова" }, { "Степанов", "Степанова" }, { "Николаев", "Николаева" },
	{ "Орлов", "Орлова" }, { "Андреев", "Андреева" }, { "Макаров", "Макарова" },
	{ "Никитин", "Никитина" }, { "Захаров", "Захарова" }, { "Зайцев", "Зайцева" },
	{ "Соловьёв", "Соловьёва" }, { "Борисов", "Борисова" }, { "Яковлев", "Яковлева" },
	{ "Григорьев", "Григорьева" }, { "Романов", "Романова" }, { "Воробьёв", "Воробьёва" },
	{ "Сергеев", "Сергеева" }, { "Кузьмин", "Кузьмина" }, { "Фролов", "Фролова" },
	{ "Александров", "Александрова" }, { "Дмитриев", "Дмитриева" }, { "Королёв", "Королёва" },
	{ "Гусев", "Гусева" }, { "Киселёв", "Киселёва" }, { "Ильин", "Ильина" },
	{ "Максимов", "Максимова" }, { "Поляков", "Полякова" }, { "Сорокин", "Сорокина" },
	{ "Виноградов", "Виноградова" }, { "Ковалёв", "Ковалёва" }, { "Белов", "Белова" },
	{ "Медведев", "Медведева" }, { "Антонов", "Антонова" }, { "Тарасов", "Тарасова" },
	{ "Жуков", "Жукова" }, { "Баранов", "Баранова" }, { "Филиппов", "Филиппова" },
	{ "Комаров", "Комарова" }, { "Давыдов", "Давыдова" }, { "Беляев", "Беляева" },
	{ "Герасимов", "Герасимова" }, { "Богданов", "Богданова" }, { "Осипов", "Осипова" },
	{ "Сидоров", "Сидорова" }, { "Матвеев", "Матвеева" }, { "Титов", "Титова" },
	{ "Журавлёв", "Журавлёва" }, { "Сёмин", "Сёмина" }, { "Ершов", "Ершова" },
	{ "Ефимов", "Ефимова" }, { "Щербаков", "Щербакова" }, { "Чернов", "Чернова" },
	{ "Черных", "Черных" }, { "Шевченко", "Шевченко" }, { "Эртель", "Эртель" },
};

/* A man's name with the patronymics it gives to his children. */
struct mname { const char *name, *pm, *pf; };

static const struct mname mnames[] = {
	{ "Александр", "Александрович", "Александровна" },
	{ "Алексей", "Алексеевич", "Алексеевна" },
	{ "Андрей", "Андреевич", "Андреевна" },
	{ "Сергей", "Сергеевич", "Сергеевна" },
	{ "Дмитрий", "Дмитриевич", "Дмитриевна" },
	{ "Николай", "Николаевич", "Николаевна" },
	{ "Владимир", "Владимирович", "Владимировна" },
	{ "Павел", "Павлович", "Павловна" },
	{ "Пётр", "Петрович", "Петровна" },
	{ "Михаил", "Михайлович", "Михайловна" },
	{ "Иван", "Иванович", "Ивановна" },
	{ "Виктор", "Викторович", "Викторовна" },
	{ "Юрий", "Юрьевич", "Юрьевна" },
	{ "Олег", "Олегович", "Олеговна" },
	{ "Евгений", "Евгеньевич", "Евгеньевна" },
	{ "Игорь", "Игоревич", "Игоревна" },
	{ "Константин", "Константинович", "Константиновна" },
	{ "Анатолий", "Анатольевич", "Анатольевна" },
	{ "Геннадий", "Геннадьевич", "Геннадьевна" },
	{ "Валерий", "Валерьевич", "Валерьевна" },
	{ "Василий", "Васильевич", "Васильевна" },
	{ "Фёдор", "Фёдорович", "Фёдоровна" },
	{ "Семён", "Семёнович", "Семёновна" },
	{ "Артём", "Артёмович", "Артёмовна" },
	{ "Максим", "Максимович", "Максимовна" },
	{ "Роман", "Романович", "Романовна" },
	{ "Борис", "Борисович", "Борисовна" },
	{ "Григорий", "Григорьевич", "Григорьевна" },
};

static const char *const fnames[] = {
	"Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Марина",
	"Юлия", "Екатерина", "Мария", "Галина", "Людмила", "Надежда", "Оксана", "Валентина",
	"Анастасия", "Ксения", "Дарья", "Алёна", "Виктория", "Любовь", "Вера", "Жанна",
	"Лариса", "Нина", "Евгения", "Полина", "Тамара", "Яна",
};

struct fio {
	const char *surname, *name, *patr;
	char sex;                /* 'm' / 'f' */
};

static void rnd_fio(struct demo *d, char sex, struct fio *f)
{
	const struct surname *sn = &PICK(d, surnames);
	const struct mname *father = &PICK(d, mnames);

	f->sex = sex;
	f->surname = sex == 'm' ? sn->m : sn->f;
	f->name = sex == 'm' ? PICK(d, mnames).name : PICK(d, fnames);
	f->patr = sex == 'm' ? father->pm : father->pf;
}

static void fio_text(const struct fio *f, char *out, size_t n)
{
	snprintf(out, n, "%s %s%s%s", f->surname, f->name, f->patr ? " " : "", f->patr ? f->patr : "");
}

/* Lower-case ASCII transliteration for e-mail addresses. */
static void translit(const char *s, char *out, size_t n)
{
	static const char *const lat[32] = {
		"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
		"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
	};
	size_t len = strlen(s), o = 0;
	uint32_t cp;

	while (len > 0) {
		int k = utf8_decode(s, len, &cp);
		const char *piece = "";
		char one[2] = "";
		if (k == 0)
			k = 1, cp = '?';
		s += k;
		len -= (size_t)k;
		if (cp >= 0x410 && cp <= 0x42F)
			cp += 0x20;
		if (cp >= 0x430 && cp <= 0x44F)
			piece = lat[cp - 0x430];
		else if (cp == 0x401 || cp == 0x451)
			piece = "e";
		else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			one[0] = (char)cp, piece = one;
		else if (cp >= 'A' && cp <= 'Z')
			one[0] = (char)(cp + 32), piece = one;
		else if (cp == ' ' || cp == '-')
			piece = "-";
		for (; *piece && o + 1 < n; piece++)
			out[o++] = *piece;
	}
	out[o] = '\0';
}

/* --- the region --------------------------------------------------------- */

struct mun_desc {
	const char *code, *name, *kind;
	const char *town, *town_gen, *town_lat, *district;  /* district: «Вяземский р-н» */
	const char *postcode, *phone_code;
	const char *villages[6][2];                          /* place, adjective */
};

static const struct mun_desc muns[5] = {
	{ "M01", "г. Смоленск", "city", "Смоленск", NULL, "smolensk", NULL, "2140", "4812",
	  { { NULL, NULL } } },
	{ "M02", "Вяземский район", "district", "Вязьма", "г. Вязьмы", "vyazma", "Вяземский р-н",
	  "2151", "48131",
	  { { "д. Новосёлово", "Новосёловская" }, { "с. Семлёво", "Семлёвская" },
	    { "с. Степаниково", "Степаниковская" }, { "д. Кайдаково", "Кайдаковская" },
	    { "с. Относово", "Относовская" }, { "д. Андрейково", "Андрейковская" } } },
	{ "M03", "Рославльский район", "district", "Рославль", "г. Рославля", "roslavl",
	  "Рославльский р-н", "2165", "48134",
	  { { "с. Остёр", "Остёрская" }, { "д. Липовка", "Липовская" },
	    { "с. Екимовичи", "Екимовичская" }, { "д. Жарынь", "Жарынская" },
	    { "д. Сырокоренье", "Сырокоренская" }, { "д. Перенка", "Перенская" } } },
	{ "M04", "Сафоновский район", "district", "Сафоново", "г. Сафонова", "safonovo",
	  "Сафоновский р-н", "2155", "48142",
	  { { "с. Вадино", "Вадинская" }, { "д. Богдановщина", "Богдановщинская" },
	    { "с. Издешково", "Издешковская" }, { "д. Дрожжино", "Дрожжинская" },
	    { "д. Пушкино", "Пушкинская" }, { "д. Беленино", "Белёнинская" } } },
	{ "M05", "Ярцевский район", "district", "Ярцево", "г. Ярцева", "yartsevo",
	  "Ярцевский р-н", "2158", "48143",
	  { { "с. Капыревщина", "Капыревщинская" }, { "д. Суетово", "Суетовская" },
	    { "д. Миткино", "Миткинская" }, { "с. Засижье", "Засижская" },
	    { "д. Михейково", "Михейковская" }, { "д. Репино", "Репинская" } } },
};

/* Municipality of the i-th educational organisation: the city holds 4 in
 * 10, the first five cover all five. */
static const int mun_cycle[10] = { 0, 1, 2, 3, 4, 0, 0, 1, 2, 0 };

enum okind { OK_SCHOOL, OK_KINDERGARTEN, OK_ADDITIONAL };

/* Kind of the n-th organisation within its municipality: first a school. */
static const enum okind kind_cycle[10] = {
	OK_SCHOOL, OK_SCHOOL, OK_KINDERGARTEN, OK_SCHOOL, OK_KINDERGARTEN,
	OK_SCHOOL, OK_ADDITIONAL, OK_SCHOOL, OK_KINDERGARTEN, OK_SCHOOL,
};

static const char *const streets[] = {
	"ул. Ленина", "ул. Советская", "ул. Школьная", "ул. Гагарина", "ул. Пушкина",
	"ул. Кирова", "ул. Октябрьская", "ул. Молодёжная", "ул. Мира", "ул. Садовая",
	"ул. Крупской", "ул. Николаева", "ул. Дзержинского", "ул. Победы", "пр-т Строителей",
	"ул. Шевченко", "ул. Тенишевой", "ул. Багратиона", "ул. Нахимова", "ул. Урицкого",
};

static const char *const kg_names[] = {
	"Солнышко", "Ромашка", "Теремок", "Колокольчик", "Светлячок", "Берёзка", "Радуга",
	"Журавушка", "Рябинка", "Золотой ключик", "Ласточка", "Сказка", "Алёнушка", "Родничок",
};

static const char *const add_names[][3] = {
	{ "Дом детского творчества", "ДДТ", "ddt" },
	{ "Центр детского творчества", "ЦДТ", "cdt" },
	{ "Детско-юношеская спортивная школа", "ДЮСШ", "dyussh" },
	{ "Станция юных техников", "СЮТ", "syut" },
	{ "Центр дополнительного образования", "ЦДО", "cdo" },
};

struct org {
	int64_t id;
	enum okind kind;
	int mun;                 /* index into muns */
	int weight;              /* share of the teachers */
	char slug[48];           /* for e-mail addresses */
	struct fio head;
	bool head_fixed;         /* the head is a fixed demo person */
};

/* --- statements --------------------------------------------------------- */

static const char sql_org[] =
	"INSERT INTO organisation(region_id, mun_id, code, name, short_name, name_key, kind,"
	" address, head_name, phone, email) VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char sql_person[] =
	"INSERT INTO person(surname, name, patronymic, surname_key, birth_date, sex, external_id,"
	" org_id, position, subjects, education, experience_years, experience_date, category,"
	" attestation_date, degree, title, awards, is_methodist, is_mentor, is_manager,"
	" self_education, phone, email)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char sql_course[] =
	"INSERT INTO course(person_id, title, form, hours, provider, start_date, end_date, document, study_mode)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int insert_org(struct demo *d, int64_t mun_id, const char *code, const char *name,
		      const char *short_name, const char *kind, const char *address,
		      const char *head, const char *phone, const char *email, int64_t *id)
{
	char *key = text_fold(short_name && *short_name ? short_name : name);
	int rc = store_run(d->s, sql_org, "iitttttzzzz", d->region_id, mun_id, code, name,
			   short_name, key, kind, address, head, phone, email);
	free(key);
	*id = sqlite3_last_insert_rowid(d->s->db);
	return rc;
}

static void org_phone(struct demo *d, const struct mun_desc *m, char *out, size_t n)
{
	if (strlen(m->phone_code) == 4)
		snprintf(out, n, "+7 (%s) %02d-%02d-%02d", m->phone_code, 20 + rnd(d, 80),
			 rnd(d, 100), rnd(d, 100));
	else
		snprintf(out, n, "+7 (%s) %d-%02d-%02d", m->phone_code, 2 + rnd(d, 7),
			 rnd(d, 100), rnd(d, 100));
}

/* One educational organisation: the n-th of its kind in its municipality. */
static int make_org(struct demo *d, struct org *o, int seq, int nth_kind)
{
	const struct mun_desc *m = &muns[o->mun];
	char code[16], name[256], shrt[160], addr[256], head[256], phone[32], email[96];
	char where[96] = "", lat[32];
	const char *kind = "school";
	int num = 0;
	bool rural = false;
	const char *const *village = NULL;

	snprintf(code, sizeof code, "OO%03d", seq + 1);
	if (m->town_gen)
		snprintf(where, sizeof where, " %s", m->town_gen);
	switch (o->kind) {
	case OK_SCHOOL:
		/* In a district every other school is a village school while the
		 * list of villages lasts. */
		if (m->town_gen && nth_kind % 2 == 1 && nth_kind / 2 < 6) {
			rural = true;
			village = m->villages[nth_kind / 2];
			const char *type = nth_kind % 4 == 3 ? "ОШ" : "СШ";
			snprintf(name, sizeof name, "МБОУ «%s %s»", village[1], type);
			snprintf(shrt, sizeof shrt, "%s %s", village[1], type);
			/* "д. " and "с. " are the same length */
			translit(village[0] + strlen("д. "), lat, sizeof lat);
			snprintf(o->slug, sizeof o->slug, "%s-school", lat);
		} else if (m->town_gen) {
			/* Numbered town schools: those not given to villages. */
			num = nth_kind < 12 ? nth_kind / 2 + 1 : nth_kind - 5;
		} else {
			num = 12 + 2 * nth_kind + (nth_kind ? rnd(d, 2) : 0);
		}
		if (!rural) {
			snprintf(name, sizeof name, "МБОУ «Средняя школа № %d%s»", num, where);
			snprintf(shrt, sizeof shrt, "СШ № %d%s", num, where);
			snprintf(o->slug, sizeof o->slug, "school%d.%s", num, m->town_lat);
		}
		break;
	case OK_KINDERGARTEN: {
		const char *kg = kg_names[(nth_kind + o->mun * 3) % NITEMS(kg_names)];
		num = 1 + nth_kind * 3 + rnd(d, 3);
		kind = "kindergarten";
		snprintf(name, sizeof name, "МБДОУ «Детский сад № %d «%s»%s»", num, kg, where);
		snprintf(shrt, sizeof shrt, "Д/с № %d «%s»%s", num, kg, where);
		snprintf(o->slug, sizeof o->slug, "ds%d.%s", num, m->town_lat);
		break;
	}
	case OK_ADDITIONAL: {
		const char *const *a = add_names[nth_kind % NITEMS(add_names)];
		char suffix[16] = "";
		kind = "additional";
		if (nth_kind >= (int)NITEMS(add_names))
			snprintf(suffix, sizeof suffix, " № %d", 1 + nth_kind / (int)NITEMS(add_names));
		snprintf(name, sizeof name, "МБУ ДО «%s%s»%s", a[0], suffix, where);
		snprintf(shrt, sizeof shrt, "%s%s%s", a[1], suffix, where[0] ? where : " г. Смоленска");
		snprintf(o->slug, sizeof o->slug, "%s%d.%s", a[2], 1 + nth_kind / (int)NITEMS(add_names),
			 m->town_lat);
		break;
	}
	}
	if (rural)
		snprintf(addr, sizeof addr, "%s%02d, Смоленская обл., %s, %s, ул. Школьная, д. %d",
			 m->postcode, 30 + rnd(d, 60), m->district, village[0], 1 + rnd(d, 15));
	else if (m->town_gen)
		snprintf(addr, sizeof addr, "%s%02d, Смоленская обл., г. %s, %s, д. %d",
			 m->postcode, rnd(d, 20), m->town, PICK(d, streets), 1 + rnd(d, 60));
	else
		snprintf(addr, sizeof addr, "%s%02d, г. Смоленск, %s, д. %d",
			 m->postcode, rnd(d, 50), PICK(d, streets), 1 + rnd(d, 80));
	if (!o->head_fixed)
		rnd_fio(d, chance(d, 70) ? 'f' : 'm', &o->head);
	fio_text(&o->head, head, sizeof head);
	org_phone(d, m, phone, sizeof phone);
	snprintf(email, sizeof email, "%s@edu67.ru", o->slug);
	return insert_org(d, d->mun_id[o->mun], code, name, shrt, kind, addr, head, phone, email,
			  &o->id);
}

/* --- persons ------------------------------------------------------------ */

struct prow {
	struct fio fio;
	char birth[11];
	int64_t org_id;
	const char *position;
	char subjects[160];
	const char *education;
	int experience;
	const char *category;
	char attestation[11];
	const char *degree, *title, *awards;
	int methodist, mentor, manager;
	const char *self_education;
	char phone[32];
	char email[96];
};

static int insert_person(struct demo *d, struct prow *p, int64_t *id)
{
	char full[320], tn[32];
	char *key;
	int rc;

	fio_text(&p->fio, full, sizeof full);
	key = text_fold(full);
	snprintf(tn, sizeof tn, "ТН-%06lld", (long long)++d->next_tn);
	rc = store_run(d->s, sql_person, "tttttttitztittzzzziiizzz",
		       p->fio.surname, p->fio.name, p->fio.patr, key, p->birth,
		       p->fio.sex == 'm' ? "m" : "f", tn, p->org_id, p->position, p->subjects,
		       p->education, (int64_t)p->experience, d->experience_date, p->category,
		       p->attestation, p->degree, p->title, p->awards,
		       (int64_t)p->methodist, (int64_t)p->mentor, (int64_t)p->manager,
		       p->self_education, p->phone, p->email);
	free(key);
	*id = sqlite3_last_insert_rowid(d->s->db);
	return rc;
}

/* Subjects, the common ones repeated by their weight in a school's staff. */
static const char *const subjects_w[] = {
	"Начальные классы", "Начальные классы", "Начальные классы", "Начальные классы",
	"Русский язык и литература", "Русский язык и литература", "Русский язык и литература",
	"Математика", "Математика", "Математика",
	"Английский язык", "Английский язык",
	"История и обществознание", "История и обществознание",
	"Физическая культура", "Физическая культура",
	"Физика", "Химия", "Биология", "География", "Информатика", "Музыка", "ИЗО", "Технология",
};

static const char *const additional_subjects[] = {
	"Техническое творчество", "Хореография", "Изобразительное искусство", "Шахматы",
	"Вокал", "Робототехника", "Туризм и краеведение", "Футбол", "Лёгкая атлетика",
};

static const char *const self_topics[] = {
	"Формирование функциональной грамотности обучающихся на уроках",
	"Использование цифровых образовательных ресурсов в обучении",
	"Проектная деятельность как средство развития познавательного интереса",
	"Смысловое чтение на уроках как условие достижения метапредметных результатов",
	"Формирующее оценивание в урочной деятельности",
	"Индивидуализация обучения детей с ОВЗ",
	"Здоровьесберегающие технологии в образовательном процессе",
	"Подготовка обучающихся к государственной итоговой аттестации",
	"Развитие речи детей дошкольного возраста через театрализованную деятельность",
	"Патриотическое воспитание обучающихся во внеурочной деятельности",
};

static const char *const mail_domains[] = { "mail.ru", "yandex.ru", "edu67.ru", "bk.ru" };
static const char *const mobile_codes[] = { "910", "915", "920", "930", "951", "952", "960", "980" };

static void person_contacts(struct demo *d, struct prow *p)
{
	char sur[40], nm[8];

	snprintf(p->phone, sizeof p->phone, "+7 (%s) %03d-%02d-%02d", PICK(d, mobile_codes),
		 rnd(d, 1000), rnd(d, 100), rnd(d, 100));
	translit(p->fio.surname, sur, sizeof sur);
	translit(p->fio.name, nm, sizeof nm);
	nm[1] = '\0';
	if (chance(d, 35))
		snprintf(p->email, sizeof p->email, "%s.%s%02d@%s", sur, nm, rnd(d, 100),
			 PICK(d, mail_domains));
	else
		snprintf(p->email, sizeof p->email, "%s.%s@%s", sur, nm, PICK(d, mail_domains));
}

/* Age, experience, education, category for a person of the given kind. */
static void person_career(struct demo *d, struct prow *p, enum okind kind)
{
	int year, maxexp;

	if (chance(d, 10)) {                 /* молодой специалист */
		year = 1996 + d->yoff + rnd(d, 6);
		p->experience = rnd(d, 4);
	} else {
		year = 1960 + d->yoff + rnd(d, 36);
		maxexp = 2025 + d->yoff - year - 21;
		if (maxexp > 40)
			maxexp = 40;
		p->experience = 4 + rnd(d, maxexp - 3);
	}
	rnd_date(d, year, 1, 1, year, 12, 31, p->birth);
	if (kind == OK_KINDERGARTEN)
		p->education = chance(d, 45) ? "spo_ped" : chance(d, 85) ? "higher_ped" : "higher";
	else
		p->education = chance(d, 78) ? "higher_ped" : chance(d, 55) ? "higher" : "spo_ped";
	if (p->experience < 2) {
		p->category = "none";
	} else {
		int r = rnd(d, 100);
		p->category = r < 15 ? "none" : r < 35 ? "szd" : r < 70 ? "first" : "highest";
	}
	p->attestation[0] = '\0';
	if (strcmp(p->category, "none") != 0)
		rnd_date(d, 2021 + d->yoff, 1, 1, 2025 + d->yoff, 12, 31, p->attestation);
	p->mentor = p->experience >= 5 && chance(d, 9);
	/* Методист: высшая категория, высшее педагогическое, стаж от 5 лет. */
	p->methodist = p->experience >= 5 && chance(d, 2);
	if (p->methodist) {
		p->category = "highest";
		p->education = "higher_ped";
		if (!p->attestation[0])
			rnd_date(d, 2021 + d->yoff, 1, 1, 2025 + d->yoff, 12, 31, p->attestation);
	}
	p->self_education = chance(d, 40) ? PICK(d, self_topics) : NULL;
	p->degree = chance(d, 1) ? "кандидат педагогических наук" : NULL;
	p->title = p->experience >= 15 && chance(d, 5)
		? "Почётный работник воспитания и просвещения Российской Федерации" : NULL;
	p->awards = p->experience >= 10 && chance(d, 12)
		? (chance(d, 40) ? "Почётная грамота Министерства просвещения Российской Федерации"
				 : "Почётная грамота Министерства образования и науки Смоленской области")
		: NULL;
}

static void person_job(struct demo *d, struct prow *p, enum okind kind)
{
	int r = rnd(d, 100);

	p->subjects[0] = '\0';
	p->manager = 0;
	switch (kind) {
	case OK_SCHOOL:
		if (r < 4 && p->experience >= 5) {
			p->position = "заместитель директора по учебно-воспитательной работе";
			p->manager = 1;
			snprintf(p->subjects, sizeof p->subjects, "%s", PICK(d, subjects_w));
		} else if (r < 7) {
			p->position = "педагог-психолог";
		} else if (r < 9) {
			p->position = "учитель-логопед";
		} else {
			const char *a = PICK(d, subjects_w), *b = PICK(d, subjects_w);
			p->position = "учитель";
			if (chance(d, 15) && strcmp(a, b) != 0 && strcmp(a, "Начальные классы") != 0 &&
			    strcmp(b, "Начальные классы") != 0)
				snprintf(p->subjects, sizeof p->subjects, "%s, %s", a, b);
			else
				snprintf(p->subjects, sizeof p->subjects, "%s", a);
		}
		break;
	case OK_KINDERGARTEN:
		if (r < 4 && p->experience >= 5) {
			p->position = "заместитель заведующего";
			p->manager = 1;
		} else if (r < 9) {
			p->position = "старший воспитатель";
		} else if (r < 16) {
			p->position = "музыкальный руководитель";
		} else if (r < 20) {
			p->position = "инструктор по физической культуре";
		} else if (r < 24) {
			p->position = "учитель-логопед";
		} else {
			p->position = "воспитатель";
		}
		break;
	case OK_ADDITIONAL:
		if (r < 6 && p->experience >= 5) {
			p->position = "заместитель директора";
			p->manager = 1;
		} else if (r < 14) {
			p->position = "методист";
		} else {
			p->position = "педагог дополнительного образования";
			snprintf(p->subjects, sizeof p->subjects, "%s", PICK(d, additional_subjects));
		}
		break;
	}
}

/* --- courses ------------------------------------------------------------ */

static const char *const advanced_titles[] = {
	"Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя",
	"Школа современного учителя математики",
	"Школа современного учителя русского языка и литературы",
	"Функциональная грамотность школьников",
	"Формирование функциональной грамотности обучающихся: читательская, математическая, "
	"естественнонаучная",
	"Цифровая образовательная среда: новые инструменты педагога",
	"Организация работы классного руководителя в образовательной организации",
	"Федеральная образовательная программа дошкольного образования: содержание и реализация",
	"Инклюзивное образование детей с ОВЗ в условиях реализации ФГОС",
	"Наставничество в образовательной организации",
	"Подготовка обучающихся к ГИА: методика и практика",
	"Профилактика профессионального выгорания педагогов",
	"Оказание первой помощи",
	"Разговоры о важном: система работы классного руководителя",
	"Реализация требований обновлённого ФГОС СОО",
	"Методика преподавания учебного предмета «Основы безопасности и защиты Родины»",
};

static const char *const retraining_titles[] = {
	"Педагогическое образование: учитель математики",
	"Менеджмент в образовании",
	"Дошкольное образование",
	"Дефектология: логопедия",
	"Педагог дополнительного образования детей и взрослых",
	"Педагогика и методика преподавания информатики",
};

static const int advanced_hours[] = { 16, 18, 24, 36, 36, 36, 48, 72, 72 };
static const int retraining_hours[] = { 250, 260, 300, 340, 502, 520 };

static int make_courses(struct demo *d, int64_t person_id)
{
	int r = rnd(d, 100);
	int n = r < 15 ? 0 : r < 50 ? 1 : r < 80 ? 2 : 3;

	for (int i = 0; i < n; i++) {
		bool re = chance(d, 8);
		const char *title = re ? PICK(d, retraining_titles) : PICK(d, advanced_titles);
		int hours = re ? PICK(d, retraining_hours) : PICK(d, advanced_hours);
		int pr = rnd(d, 100);
		const char *provider = pr < 50 ? "СОИРО" : pr < 80 ? "Академия Минпросвещения России"
							   : "ЦНППМ";
		dayno a = date_to_days(2020 + d->yoff, 1, 1), b = date_to_days(2026 + d->yoff, 6, 30);
		int ty, tm, td;
		/* Courses of the past: at most until a month ago. */
		if (date_parse_iso(d->today, &ty, &tm, &td) && b > date_to_days(ty, tm, td) - 30)
			b = date_to_days(ty, tm, td) - 30;
		dayno end = a + 200 + rnd(d, (int)(b - a - 200 + 1));
		dayno start = end - (re ? 90 + rnd(d, 180) : hours / 6 + rnd(d, 8));
		char sd[11], ed[11], doc[96];
		int rc;

		date_iso(start, sd);
		date_iso(end, ed);
		snprintf(doc, sizeof doc, "%s № 6724%08d",
			 re ? "диплом о профессиональной переподготовке" : "удостоверение о ПК",
			 rnd(d, 100000000));
		/* Mostly in person or online; retraining often by correspondence.
		 * Not drawn from the generator, so the rest of the demo is as
		 * it was before courses had a form of study. */
		static const char *const modes[] = { "full_time", "full_time", "distance", "mixed", "extramural" };
		const char *mode = re ? modes[2 + (int)((person_id + i) % 3)] : modes[(person_id + i) % 4];

		rc = store_run(d->s, sql_course, "ittittttt", person_id, title,
			       re ? "retraining" : "advanced", (int64_t)hours, provider, sd, ed, doc, mode);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* --- fixed demo persons and users --------------------------------------- */

enum { FX_REGIONAL, FX_MUNICIPAL, FX_SCHOOL, FX_DEVELOPER, FX_CURATOR, FX_TEACHER, FX_N };

struct fixed {
	struct fio fio;
	const char *birth;
	const char *position, *subjects, *education, *category, *attestation;
	int experience, methodist, manager;
	const char *phone, *email;
};

static const struct fixed fixed_persons[FX_N] = {
	[FX_REGIONAL] = { { "Морозова", "Светлана", "Александровна", 'f' }, "1972-04-18",
		"руководитель ЦНППМ", NULL, "higher_ped", "highest", "2023-03-15", 28, 0, 1,
		"+7 (4812) 38-12-45", "morozova.s@soiro67.ru" },
	[FX_MUNICIPAL] = { { "Кузнецова", "Елена", "Игоревна", 'f' }, "1979-11-02",
		"главный специалист отдела общего образования", NULL, "higher_ped", "none", NULL,
		20, 0, 0, "+7 (4812) 38-44-07", "kuznetsova.e@smolensk-uo.ru" },
	[FX_SCHOOL] = { { "Фёдорова", "Ирина", "Владимировна", 'f' }, "1970-06-25",
		"директор", "Русский язык и литература", "higher_ped", "highest", "2022-12-20",
		31, 0, 1, "+7 (4812) 55-21-30", "fedorova.i@edu67.ru" },
	[FX_DEVELOPER] = { { "Григорьев", "Алексей", "Павлович", 'm' }, "1985-09-09",
		"методист ЦНППМ", NULL, "higher_ped", "first", "2024-02-28", 14, 0, 0,
		"+7 (4812) 38-12-51", "grigoryev.a@soiro67.ru" },
	[FX_CURATOR] = { { "Соколова", "Марина", "Викторовна", 'f' }, "1975-01-30",
		"региональный методист", "Математика", "higher_ped", "highest", "2024-05-16",
		26, 1, 0, "+7 (4812) 38-12-60", "sokolova.m@soiro67.ru" },
	[FX_TEACHER] = { { "Петрова", "Ольга", "Николаевна", 'f' }, "1988-03-12",
		"учитель", "Математика", "higher_ped", "first", "2023-10-24", 13, 0, 0,
		"+7 (910) 712-34-56", "petrova.o@edu67.ru" },
};

static int insert_fixed(struct demo *d, const struct fixed *f, int64_t org_id, int64_t *id)
{
	struct prow p;

	memset(&p, 0, sizeof p);
	p.fio = f->fio;
	snprintf(p.birth, sizeof p.birth, "%s", f->birth);
	p.org_id = org_id;
	p.position = f->position;
	snprintf(p.subjects, sizeof p.subjects, "%s", f->subjects ? f->subjects : "");
	p.education = f->education;
	p.experience = f->experience;
	p.category = f->category;
	snprintf(p.attestation, sizeof p.attestation, "%s", f->attestation ? f->attestation : "");
	p.methodist = f->methodist;
	p.manager = f->manager;
	p.mentor = f->methodist;
	snprintf(p.phone, sizeof p.phone, "%s", f->phone);
	snprintf(p.email, sizeof p.email, "%s", f->email);
	return insert_person(d, &p, id);
}

static int add_user(struct demo *d, const char *login, const char *full_name, int64_t person_id,
		    const char *role, int64_t org_id, int64_t mun_id)
{
	int rc = store_run(d->s, "INSERT INTO app_user(login, full_name, person_id)"
			   " VALUES (?, ?, nullif(?, 0))", "tti", login, full_name, person_id);
	int64_t uid = sqlite3_last_insert_rowid(d->s->db);

	if (rc == ST_OK)
		rc = store_run(d->s, "INSERT INTO user_role(user_id, role, org_id, mun_id)"
			       " VALUES (?, ?, nullif(?, 0), nullif(?, 0))",
			       "itii", uid, role, org_id, mun_id);
	return rc;
}

/* --- bulk generation ----------------------------------------------------- */

/* What the triggers keep row by row costs most of a generated row: every
 * course, diagnostic and card recomputed its person's radar dates
 * (person_due) and latest diagnostics (diag_latest, schema step 22), every
 * person his name's parts (step 11) and his organisation's count (step
 * 21), every row its table's change counter (data_stamp). Inside the
 * generation's transaction those triggers are dropped, and at its end
 * created again from their own text (sqlite_master, in their order) and
 * their tables brought to what the triggers would have left, by the
 * statements the product keeps them with: the dates of every person with
 * a course, a diagnostic or a card (the persons the triggers touch); the
 * latest diagnostics from scratch; the parts and counts of the persons
 * added; each counter raised by the rows its table gained (the generation
 * deletes nothing). Only INSERT triggers of that shape are dropped, and
 * the radar's and the latest diagnostics' all, and those keeping the
 * latest diagnostics' parts (created again once those are filled from
 * scratch, not to fire a row at a time): updates and guards stay.
 * DDL is transactional: a generation that fails rolls the drop back. */
#define BULK_MAX_TRIGGERS 96

struct bulk_trigger {
	char *sql;
	char *stamp;      /* the data_stamp key an unconditional AFTER INSERT bumps, or NULL */
	char *tbl;        /* its table */
	int64_t rows0;    /* the table's rows when the generation began */
	bool late;        /* keeps the parts of the latest diagnostics: created after they are filled */
};

struct bulk {
	int n;
	struct bulk_trigger t[BULK_MAX_TRIGGERS];
	int64_t person0;  /* the last person before the generation */
};

static int bulk_exec(struct store *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return ST_OK;
	store_set_error(s, errtext_db(s->db));
	return ST_ERROR;
}

static int64_t bulk_rows(struct store *s, const char *tbl)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", tbl);
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return n;
}

/* The key of a trigger that bumps a change counter once per inserted row
 * and does nothing else ("... AFTER INSERT ON t BEGIN UPDATE data_stamp
 * SET n = n + 1 WHERE tbl = 'key'; END", no WHEN), malloc'd; else NULL. */
static char *bulk_stamp_key(const char *sql)
{
	static const char body[] = " BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = '";
	const char *ins = strstr(sql, " AFTER INSERT ON "), *k = strstr(sql, body), *q;

	if (!ins || !k || k < ins || strstr(sql, " WHEN "))
		return NULL;
	k += sizeof body - 1;
	q = strchr(k, '\'');
	if (!q || q == k || strcmp(q, "'; END") != 0)
		return NULL;
	return xstrndup(k, (size_t)(q - k));
}

/* More triggers and indexes to set aside than BULK_MAX_TRIGGERS holds: a
 * programming error (the schema grew), said, and nothing set aside. */
static int bulk_full(struct store *s)
{
	store_set_error(s, "демо-данные: слишком много триггеров и индексов (BULK_MAX_TRIGGERS)");
	return ST_ERROR;
}

/* history: the activity's part, else the register's fill. */
static int bulk_begin(struct store *s, struct bulk *b, bool history)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid");
	char *drop[BULK_MAX_TRIGGERS];
	int rc = ST_OK, n = 0;

	memset(b, 0, sizeof *b);
	b->person0 = store_int(s, "SELECT coalesce(max(id), 0) FROM person", NULL);
	while (rc == ST_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *sql = (const char *)sqlite3_column_text(st, 2);
		char *stamp;

		if (!name || !sql)
			continue;
		stamp = bulk_stamp_key(sql);
		/* The kept parts of the latest diagnostics (schema step 27) too. */
		b->t[n].late = strncmp(name, "parts_latest_", 13) == 0 || strncmp(name, "elem_latest_", 12) == 0 ||
			       strncmp(name, "code_latest_", 12) == 0 || strncmp(name, "block_latest_", 13) == 0 ||
			       strncmp(name, "person_cls_", 11) == 0;
		if (!stamp && strncmp(name, "person_due_", 11) != 0 && strncmp(name, "diag_latest_", 12) != 0 &&
		    strcmp(name, "person_name_part_ins") != 0 && strcmp(name, "person_tally_ins") != 0 &&
		    strncmp(name, "person_initial_", 15) != 0 && !b->t[n].late)
			continue;
		if (n == BULK_MAX_TRIGGERS) {
			/* Never some of them: the tables they keep would be
			 * counted twice (bulk_end fills them from scratch). */
			free(stamp);
			rc = bulk_full(s);
			break;
		}
		drop[n] = sqlite3_mprintf("DROP TRIGGER \"%w\"", name);
		b->t[n].sql = xstrdup(sql);
		b->t[n].stamp = stamp;
		b->t[n].tbl = xstrdup((const char *)sqlite3_column_text(st, 1));
		n++;
	}
	sqlite3_reset(st);
	/* The indexes of the tables this part of the generation only writes
	 * (its reads of them go by rowid or a UNIQUE key, which stay), built
	 * again once at the end: sorted once instead of a random insertion
	 * for every row. The register's fill: the persons and their courses;
	 * the history: the diagnostics, their blocks and deficits, the
	 * participation, the cards' but by person and by diagnostic (the demo
	 * users' choice reads them), the roadmaps' but by card, the elements'. */
	st = store_prepare(s, history
			   ? "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
			     " AND sql NOT LIKE 'CREATE UNIQUE%' AND (tbl_name IN ('diagnostic', 'diagnostic_block',"
			     " 'diagnostic_deficit', 'diagnostic_element', 'participation') OR (tbl_name = 'iom'"
			     " AND name NOT IN ('iom_person', 'iom_person_status', 'iom_entry_diagnostic'))"
			     " OR (tbl_name = 'iom_activity' AND name <> 'iom_activity_iom')) ORDER BY rowid"
			   : "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
			     " AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ('person', 'course') ORDER BY rowid");
	while (rc == ST_OK && sqlite3_step(st) == SQLITE_ROW) {
		if (n == BULK_MAX_TRIGGERS) {
			rc = bulk_full(s);
			break;
		}
		drop[n] = sqlite3_mprintf("DROP INDEX \"%w\"", (const char *)sqlite3_column_text(st, 0));
		b->t[n].sql = xstrdup((const char *)sqlite3_column_text(st, 2));
		b->t[n].stamp = NULL;
		b->t[n].late = false;
		b->t[n].tbl = xstrdup((const char *)sqlite3_column_text(st, 1));
		n++;
	}
	sqlite3_reset(st);
	b->n = n;
	for (int i = 0; i < n; i++) {
		if (b->t[i].stamp)
			b->t[i].rows0 = bulk_rows(s, b->t[i].tbl);
		if (rc == ST_OK)
			rc = bulk_exec(s, drop[i]);
		sqlite3_free(drop[i]);
	}
	return rc;
}

/* The triggers back and their tables brought up to date; rc: the
 * generation's (the triggers are freed whatever it is). */
static int bulk_end(struct store *s, struct bulk *b, int rc)
{
	/* The new persons' name parts and their letters' tally first, while
	 * the triggers on the parts are still away. */
	if (rc == ST_OK)
		rc = store_run(s, NAME_PARTS("SELECT id, surname_key AS k, archived AS a FROM person WHERE id > ?1"),
			       "i", b->person0);
	if (rc == ST_OK)
		rc = store_run(s, "INSERT INTO person_initial_tally (initial, archived, n) "
			       PERSON_INITIAL_COUNT(person_id > ?1)
			       " ON CONFLICT (initial, archived) DO UPDATE SET n = n + excluded.n", "i", b->person0);
	for (int i = 0; i < b->n; i++) {
		if (rc == ST_OK && !b->t[i].late)
			rc = bulk_exec(s, b->t[i].sql);
		if (rc == ST_OK && b->t[i].stamp)
			rc = store_run(s, "UPDATE data_stamp SET n = n + ? WHERE tbl = ?", "it",
				       bulk_rows(s, b->t[i].tbl) - b->t[i].rows0, b->t[i].stamp);
	}
	if (rc == ST_OK)
		rc = store_run(s, RADAR_DUE_REFRESH("p.id IN (SELECT person_id FROM course"
			       " UNION SELECT person_id FROM diagnostic UNION SELECT person_id FROM iom)"), "");
	if (rc == ST_OK)
		rc = store_run(s, "DELETE FROM diag_latest", "");
	if (rc == ST_OK)
		rc = store_run(s, "INSERT INTO diag_latest (year, kind, person_id, diag_id) "
			       DIAG_LATEST_OF DIAG_LATEST_GROUP, "");
	/* The parts of the latest diagnostics and the teachers' classes from
	 * scratch, then their triggers. */
	if (rc == ST_OK)
		rc = bulk_exec(s, "DELETE FROM elem_latest; DELETE FROM code_latest; DELETE FROM block_latest;"
			       " INSERT INTO elem_latest (" ELEM_LATEST_COLS ") " ELEM_LATEST_OF ";"
			       " INSERT INTO code_latest (" CODE_LATEST_COLS ") " CODE_LATEST_OF ";"
			       " INSERT INTO block_latest (" BLOCK_LATEST_COLS ") " BLOCK_LATEST_OF ";"
			       " DELETE FROM person_cls;"
			       " INSERT INTO person_cls (" PERSON_CLS_COLS ") SELECT " PERSON_CLS_COLS " FROM person;");
	for (int i = 0; i < b->n; i++) {
		if (rc == ST_OK && b->t[i].late)
			rc = bulk_exec(s, b->t[i].sql);
		free(b->t[i].sql);
		free(b->t[i].stamp);
		free(b->t[i].tbl);
	}
	b->n = 0;
	if (rc == ST_OK)
		rc = store_run(s, "INSERT INTO person_tally (org_id, archived, n)"
			       " SELECT coalesce(org_id, 0), archived, count(*) FROM person WHERE id > ?1 GROUP BY 1, 2"
			       " ON CONFLICT (org_id, archived) DO UPDATE SET n = n + excluded.n", "i", b->person0);
	return rc;
}

/* --- the whole fill ----------------------------------------------------- */

/* How far the generation is (progress.h), from its loops; ST_ERROR (the
 * transaction rolled back) when the watcher asks to stop. */
static int demo_step(struct demo *d, const char *stage, long done, long total)
{
	if (progress_step(d->progress, stage, done, total))
		return ST_OK;
	store_set_error(d->s, "прервано");
	return ST_ERROR;
}

static int demo_msoko_ippr(struct store *s, int year);

static int fill(struct demo *d, int teachers)
{
	struct store *s = d->s;
	int norgs = teachers / 15 > 8 ? teachers / 15 : 8;
	int nedu, nrandom, rc, total_weight = 0, ncand = 0;
	int per_mun_kind[5][3] = { { 0 } };
	struct org *orgs = NULL;
	int64_t institute = 0, authority = 0, fx[FX_N] = { 0 };
	int64_t *cand = NULL;
	int *cum = NULL;
	char buf[320];

	if (norgs > DEMO_MAX_ORGS)
		norgs = DEMO_MAX_ORGS;
	nedu = norgs - 2;  /* less the institute and the municipal authority */
	nrandom = teachers - FX_N;

	if ((rc = store_run(s, "INSERT INTO meta(key, value) VALUES (?, ?)", "tt", "demo", "1")) ||
	    (rc = store_run(s, "INSERT INTO meta(key, value) VALUES (?, ?)", "tt",
			    "region_name", "Смоленская область")) ||
	    (rc = store_run(s, "INSERT INTO region(code, name) VALUES (?, ?)", "tt",
			    "SMO", "Смоленская область")))
		return rc;
	d->region_id = sqlite3_last_insert_rowid(s->db);
	for (int i = 0; i < 5; i++) {
		rc = store_run(s, "INSERT INTO municipality(region_id, code, name, kind) VALUES (?, ?, ?, ?)",
			       "ittt", d->region_id, muns[i].code, muns[i].name, muns[i].kind);
		if (rc)
			return rc;
		d->mun_id[i] = sqlite3_last_insert_rowid(s->db);
	}

	rc = insert_org(d, 0, "SOIRO",
			"ГАУ ДПО «Смоленский областной институт развития образования»",
			"СОИРО (ЦНППМ)", "institute", "214000, г. Смоленск, ул. Октябрьской революции, д. 20А",
			"Никитин Сергей Владимирович", "+7 (4812) 38-12-00", "cnppm@soiro67.ru", &institute);
	if (rc == ST_OK)
		rc = insert_org(d, d->mun_id[0], "UO-M01",
				"Управление образования и молодёжной политики Администрации города Смоленска",
				"Управление образования г. Смоленска", "authority",
				"214000, г. Смоленск, ул. Октябрьская, д. 9", "Беляева Татьяна Сергеевна",
				"+7 (4812) 38-44-00", "obraz@smolensk-uo.ru", &authority);
	if (rc)
		return rc;

	orgs = xcalloc((size_t)nedu, sizeof *orgs);
	cum = xcalloc((size_t)nedu, sizeof *cum);
	for (int i = 0; i < nedu && rc == ST_OK; i++) {
		struct org *o = &orgs[i];
		int *n = per_mun_kind[mun_cycle[i % 10]];
		int nth_in_mun = n[0] + n[1] + n[2];

		if ((rc = demo_step(d, "организации", i, nedu)) != ST_OK)
			break;
		o->mun = mun_cycle[i % 10];
		o->kind = kind_cycle[nth_in_mun % 10];
		if (i == 0) {
			o->head = fixed_persons[FX_SCHOOL].fio;
			o->head_fixed = true;
		}
		rc = make_org(d, o, i, n[o->kind]);
		n[o->kind]++;
		o->weight = o->kind == OK_SCHOOL ? (o->mun == 0 ? 5 : 4) : o->kind == OK_KINDERGARTEN ? 2 : 1;
		total_weight += o->weight;
		cum[i] = total_weight;
	}
	/* Founders (indicator №9): the institute is the region's, the
	 * authority and the schools, kindergartens and clubs the
	 * municipalities'; the last kindergarten is a private one. Two of
	 * three schools and kindergartens adopted a mentoring programme
	 * (indicator №7), in one of the four years before the current. */
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE organisation SET founder = CASE WHEN kind IN ('institute', 'college')"
			       " THEN 'regional' ELSE 'municipal' END", "");
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE organisation SET founder = 'private' WHERE id = (SELECT max(id)"
			       " FROM organisation WHERE kind = 'kindergarten')", "");
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE organisation SET mentoring_plan_date = printf('%04d-08-30', ? - 1 - id % 4)"
			       " WHERE kind IN ('school', 'kindergarten') AND id % 3 <> 0", "i", (int64_t)d->year);
	/* Their other plans (№6 of 003 and the organisations' indicators of
	 * 000), adopted in the years before the current, by fewer of them
	 * the newer the plan: four of five organisations support attestation,
	 * half have the statute on professional development, a third the
	 * ИППР in their quality assessment, a quarter in the job descriptions. */
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE organisation SET"
			       " attestation_plan_date = CASE WHEN id % 5 <> 0 THEN printf('%04d-09-01', ?1 - 1 - id % 3) END,"
			       " pd_statute_date = CASE WHEN id % 2 = 0 THEN printf('%04d-03-15', ?1 - 1 - id % 3) END,"
			       " vsoko_ippr_date = CASE WHEN id % 3 = 1 THEN printf('%04d-01-20', ?1 - 1 - id % 2) END,"
			       " job_ippr_date = CASE WHEN id % 4 = 1 THEN printf('%04d-10-01', ?1 - 1 - id % 2) END"
			       " WHERE kind NOT IN ('authority', 'institute')", "i", (int64_t)d->year);
	if (rc)
		goto out;

	/* Fixed persons: the institute's staff, the municipal specialist, the
	 * head of the first school of the city and one of its teachers. */
	rc = insert_fixed(d, &fixed_persons[FX_REGIONAL], institute, &fx[FX_REGIONAL]);
	if (rc == ST_OK)
		rc = insert_fixed(d, &fixed_persons[FX_MUNICIPAL], authority, &fx[FX_MUNICIPAL]);
	if (rc == ST_OK)
		rc = insert_fixed(d, &fixed_persons[FX_SCHOOL], orgs[0].id, &fx[FX_SCHOOL]);
	if (rc == ST_OK)
		rc = insert_fixed(d, &fixed_persons[FX_DEVELOPER], institute, &fx[FX_DEVELOPER]);
	if (rc == ST_OK)
		rc = insert_fixed(d, &fixed_persons[FX_CURATOR], institute, &fx[FX_CURATOR]);
	if (rc == ST_OK)
		rc = insert_fixed(d, &fixed_persons[FX_TEACHER], orgs[0].id, &fx[FX_TEACHER]);
	for (int i = 0; rc == ST_OK && i < FX_N; i++)
		rc = make_courses(d, fx[i]);
	if (rc)
		goto out;

	/* The rest: first the heads of the other organisations, then staff
	 * spread by weight (city schools are the largest). */
	cand = xcalloc((size_t)nrandom + 1, sizeof *cand);
	for (int k = 0; k < nrandom && rc == ST_OK; k++) {
		struct prow p;
		struct org *o;
		int64_t id;
		bool head = k + 1 < nedu;

		if ((rc = demo_step(d, "педагоги", k, nrandom)) != ST_OK)
			break;
		memset(&p, 0, sizeof p);
		if (head) {
			o = &orgs[k + 1];
		} else {
			int w = rnd(d, total_weight), lo = 0, hi = nedu - 1;
			while (lo < hi) {
				int mid = (lo + hi) / 2;
				if (cum[mid] > w)
					hi = mid;
				else
					lo = mid + 1;
			}
			o = &orgs[lo];
		}
		p.org_id = o->id;
		if (head)
			p.fio = o->head;
		else
			rnd_fio(d, chance(d, 75) ? 'f' : 'm', &p.fio);
		person_career(d, &p, o->kind);
		if (head) {
			while (p.experience < 8)  /* a head is not a beginner */
				person_career(d, &p, o->kind);
			p.position = o->kind == OK_KINDERGARTEN ? "заведующий" : "директор";
			p.manager = 1;
			p.subjects[0] = '\0';
			if (o->kind == OK_SCHOOL)
				snprintf(p.subjects, sizeof p.subjects, "%s", PICK(d, subjects_w));
		} else {
			person_job(d, &p, o->kind);
		}
		person_contacts(d, &p);
		rc = insert_person(d, &p, &id);
		if (rc == ST_OK)
			rc = make_courses(d, id);
		if (!head && strcmp(p.position, "учитель") == 0)
			cand[ncand++] = id;
	}
	if (rc)
		goto out;

	/* Users with their roles; passwords are set by the caller. */
	fio_text(&fixed_persons[FX_REGIONAL].fio, buf, sizeof buf);
	if ((rc = add_user(d, "admin", "Администратор системы", 0, "admin", 0, 0)) ||
	    (rc = add_user(d, "regional", buf, fx[FX_REGIONAL], "regional", 0, 0)))
		goto out;
	fio_text(&fixed_persons[FX_MUNICIPAL].fio, buf, sizeof buf);
	if ((rc = add_user(d, "municipal", buf, fx[FX_MUNICIPAL], "municipal", 0, d->mun_id[0])))
		goto out;
	fio_text(&fixed_persons[FX_SCHOOL].fio, buf, sizeof buf);
	if ((rc = add_user(d, "school", buf, fx[FX_SCHOOL], "school", orgs[0].id, 0)))
		goto out;
	fio_text(&fixed_persons[FX_DEVELOPER].fio, buf, sizeof buf);
	if ((rc = add_user(d, "developer", buf, fx[FX_DEVELOPER], "developer", 0, 0)))
		goto out;
	fio_text(&fixed_persons[FX_CURATOR].fio, buf, sizeof buf);
	if ((rc = add_user(d, "curator", buf, fx[FX_CURATOR], "curator", 0, 0)))
		goto out;
	fio_text(&fixed_persons[FX_TEACHER].fio, buf, sizeof buf);
	if ((rc = add_user(d, "teacher", buf, fx[FX_TEACHER], "teacher", 0, 0)))
		goto out;

	/* The curator's teachers: the demo teacher and others spread evenly
	 * over the register. */
	{
		int want = teachers / 3 < 40 ? teachers / 3 : 40;
		static const char sql_cur[] =
			"INSERT INTO curatorship(curator_id, person_id, start_date) VALUES (?, ?, ?)";

		rc = store_run(s, sql_cur, "iit", fx[FX_CURATOR], fx[FX_TEACHER], d->school_year);
		if (want - 1 > ncand)
			want = ncand + 1;
		for (int j = 0; rc == ST_OK && j < want - 1; j++)
			rc = store_run(s, sql_cur, "iit", fx[FX_CURATOR],
				       cand[(int64_t)j * ncand / (want - 1)], d->school_year);
	}
	/* Everyone on his main place but a few internal part-timers (external
	 * ones, left out of the tables, are entered by the schools). */
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE person SET employment = CASE WHEN id % 41 = 0 AND is_manager = 0"
			       " THEN 'internal' ELSE 'main' END,"
			       /* №18: three of four use modern educational technologies,
				* since one of the five years before the current. */
			       " modern_tech_date = CASE WHEN id % 4 <> 0 THEN printf('%04d-09-01', ? - 1 - id % 5) END",
			       "i", (int64_t)d->year);
	if (rc == ST_OK)
		rc = demo_msoko_ippr(s, d->year);
	if (rc == ST_OK) {
		snprintf(buf, sizeof buf, "%d", teachers);
		rc = store_audit(s, NULL, "demo_fill", "meta", 0, "teachers", NULL, buf);
	}
out:
	free(orgs);
	free(cum);
	free(cand);
	return rc;
}

int store_demo_fill(struct store *s, int teachers, char *err, int errsz)
{
	return store_demo_fill_progress(s, teachers, NULL, err, errsz);
}

int store_demo_fill_progress(struct store *s, int teachers, struct progress *p, char *err, int errsz)
{
	struct demo d;
	int rc;

	if (teachers < DEMO_MIN_TEACHERS || teachers > DEMO_MAX_TEACHERS) {
		snprintf(err, errsz, "число педагогов в демо-регионе: от %d до %d",
			 DEMO_MIN_TEACHERS, DEMO_MAX_TEACHERS);
		return ST_ERROR;
	}
	if (errsz > 0)
		err[0] = '\0';
	memset(&d, 0, sizeof d);
	d.s = s;
	d.rng = DEMO_SEED;
	d.progress = p;
	demo_today(&d);
	store_bulk_unchecked(s, true);
	if (store_begin(s) != ST_OK) {
		snprintf(err, errsz, "не удаётся начать запись в базу: %s", store_errmsg(s));
		store_bulk_unchecked(s, false);
		return ST_ERROR;
	}
	{
		struct bulk b;
		rc = bulk_begin(s, &b, false);
		if (rc == ST_OK)
			rc = fill(&d, teachers);
		rc = bulk_end(s, &b, rc);
	}
	if (rc != ST_OK)
		snprintf(err, errsz, "демо-данные не записаны: %s", store_errmsg(s));
	rc = store_end(s, rc);
	store_bulk_unchecked(s, false);
	if (rc != ST_OK && err[0] == '\0')
		snprintf(err, errsz, "демо-данные не записаны: %s", store_errmsg(s));
	return rc;
}

/* --- the demo region's activity ----------------------------------------- */

/* What happened in the demo region over the monitoring years, so that the
 * monitoring screen, the reports and the benchmarks have figures to show:
 * diagnostics with block results and deficit codes, the ИОМ / ИППР cards
 * built on them (completed, or in progress today) with their tasks,
 * curator and roadmap, final diagnostics, mentoring pairs of young
 * specialists with surveys, contests, scientific-methodological events,
 * innovation products, staff counts and vacancies, targets for every year.
 * Persons with a user account or on a curator's list are left out of the
 * history; the demo users get today's work instead (demo_workload). */
#define ACT_Y0 2021

struct act {
	struct demo d;
	const struct config *cfg;   /* the deficit thresholds, the ИОМ number format */
	struct calendar *cal;    /* working days; NULL: none could be read */
	const char *today;       /* = d.today */
	int y1;                  /* the last year of the history: today's */
	int64_t *codes;          /* the teachers' deficit codes */
	int64_t *code_block;
	int ncodes;
	int64_t *mentor_of;      /* organisation id → an experienced teacher there */
	int64_t norgs;
	int64_t *head_of;        /* organisation id → act_head's, -1 none, 0 not read yet */
	dayno last_diag;         /* the latest entry diagnostic of the history */
	int64_t *methodists;     /* curators of the history's cards */
	int nmethodists;
	int64_t developer;       /* the demo developer: he builds the cards */
	long *seq;               /* last card number of each year ACT_Y0 .. y1 + 1 */
};

static const char sql_diag[] =
	"INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, instrument, pct_overall, level,"
	" result_given_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int act_diagnostic(struct act *a, int64_t person, int64_t org, const char *kind,
			  const char *date, int pct, int64_t *id)
{
	struct store *s = a->d.s;
	int rc = store_run(s, sql_diag, "iitttti" "tt", person, org,
			   chance(&a->d, 70) ? "standardized" : "self", kind, date,
			   "Диагностика профессиональных компетенций", (int64_t)pct, model_deficit_level(a->cfg, pct), date);

	*id = sqlite3_last_insert_rowid(s->db);
	/* Two blocks, and the deficit codes of the weaker ones. */
	for (int b = 0; rc == ST_OK && b < 2 && a->ncodes > 0; b++) {
		int c = rnd(&a->d, a->ncodes);
		int bp = pct - 15 + rnd(&a->d, 31);
		bp = bp < 0 ? 0 : bp > 100 ? 100 : bp;
		rc = store_run(s, "INSERT INTO diagnostic_block(diagnostic_id, block_id, pct_overall, level)"
			       " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", "iiit",
			       *id, a->code_block[c], (int64_t)bp, model_deficit_level(a->cfg, bp));
		if (rc == ST_OK && strcmp(model_deficit_level(a->cfg, bp), "low") != 0)
			rc = store_run(s, "INSERT INTO diagnostic_deficit(diagnostic_id, deficit_code_id)"
				       " VALUES (?, ?) ON CONFLICT DO NOTHING", "ii", *id, a->codes[c]);
	}
	return rc;
}

/* The tasks of a card from the deficits of its entry diagnostic (?1), in
 * the words of the codifier; a diagnostic with no code gets the general
 * task of its stage. One expression, evaluated inside the card's INSERT. */
#define TASKS_SQL \
	"'1. Восполнить выявленные профессиональные дефициты: ' || coalesce((SELECT group_concat(x, '; ')" \
	" FROM (SELECT c.code || ' — ' || lower(substr(c.wording, 1, 1)) || substr(c.wording, 2) AS x" \
	" FROM diagnostic_deficit dd JOIN deficit_code c ON c.id = dd.deficit_code_id" \
	" WHERE dd.diagnostic_id = ?1 ORDER BY c.code)), 'по результатам входной диагностики') || '.' ||" \
	" char(10) || '2. Применить освоенные приёмы на уроках и представить опыт коллегам' ||" \
	" ' (открытый урок, выступление на заседании МО).' || char(10) ||" \
	" '3. Пройти итоговую диагностику и сравнить её результаты с входной.'"

static const char sql_card[] =
	"INSERT INTO iom(number, template, model, person_id, org_id, position, subject, school_year,"
	" status, entry_diagnostic_id, final_diagnostic_id, curator_id, developer_id, tasks,"
	" duration_months, start_date, end_date, developed_date, review_sent_date, corrected_date,"
	" approved_date, approved_by_id, final_event, final_event_level, final_event_participants,"
	" final_event_date, self_analysis, conclusions, outcome, next_diagnostic_date, completed_date,"
	" created_at)"
	" SELECT ?2, ?3, 1, p.id, p.org_id, p.position, nullif(p.subjects, ''), ?4, ?5, ?1,"
	" nullif(?6, 0), nullif(?7, 0), nullif(?8, 0), " TASKS_SQL ", ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
	" nullif(?26, 0), ?16, ?17, nullif(?18, 0), ?19, ?20, ?21, ?22, ?23, ?24, ?12 || ' 09:00:00'"
	" FROM person p WHERE p.id = ?25";

/* The head of an organisation who approves its cards (0: none), as it
 * was read for each card: persons do not change while the history is
 * written, so once per organisation (the organisation's persons scanned
 * for every card made the 100 000's cards quadratic). */
static int64_t act_head(struct act *a, int64_t org)
{
	if (org <= 0 || org >= a->norgs)
		return 0;
	if (a->head_of[org] == 0)
		a->head_of[org] = store_int(a->d.s, "SELECT coalesce(min(h.id), -1) FROM person h"
					    " WHERE h.org_id = ? AND h.is_manager = 1"
					    " AND h.position IN ('директор', 'заведующий')", "i", org);
	return a->head_of[org] > 0 ? a->head_of[org] : 0;
}

/* One card as the INSERT above takes it; dates ISO or NULL; head: its
 * approver (act_head). */
struct card {
	const char *number, *template, *school_year, *status;
	int64_t entry, final, curator, developer, person, head;
	int months;
	const char *start, *end, *developed, *review_sent, *corrected, *approved;
	const char *final_event, *final_event_level;
	int participants;
	const char *final_event_date, *self_analysis, *conclusions, *outcome, *next_diag, *completed;
};

static int insert_card(struct store *s, const struct card *c, int64_t *id)
{
	int rc = store_run(s, sql_card, "itttt" "iii" "itttttt" "ttitttttt" "ii",
			   c->entry, c->number, c->template, c->school_year, c->status,
			   c->final, c->curator, c->developer,
			   (int64_t)c->months, c->start, c->end, c->developed, c->review_sent,
			   c->corrected, c->approved,
			   c->final_event, c->final_event_level, (int64_t)c->participants,
			   c->final_event_date, c->self_analysis, c->conclusions, c->outcome,
			   c->next_diag, c->completed, c->person, c->head);

	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* "2026/2027" for a start date. */
static void school_year_of(const char *iso, char out[16])
{
	int y, m, dd;

	if (!date_parse_iso(iso, &y, &m, &dd))
		y = 2000, m = 9;
	snprintf(out, 16, "%d/%d", m >= 9 ? y : y - 1, m >= 9 ? y + 1 : y);
}

/* The next number of the year of an ISO date. */
static char *next_number(struct act *a, const char *iso)
{
	int y, m, dd;

	date_parse_iso(iso, &y, &m, &dd);
	if (y < ACT_Y0)
		y = ACT_Y0;
	if (y > a->y1 + 1)
		y = a->y1 + 1;
	return route_format_number(a->cfg->iom_number_format, y, ++a->seq[y - ACT_Y0]);
}

static int act_card(struct act *a, int64_t person, int64_t org, int64_t diag, const char *diag_date,
		    int pct)
{
	struct store *s = a->d.s;
	int y, m, dd;
	dayno base, dev, start, end;
	char sd[11], ed[11], devd[11], fin[11], fev[11], syear[16];
	bool done;
	char *number;
	int64_t final_diag = 0, curator;
	struct card c;
	int rc;

	/* Developed within the 10 working days, started a week or more after,
	 * lasting 8 to 10 months (inside the allowed 6 months – 2 years). */
	date_parse_iso(diag_date, &y, &m, &dd);
	base = date_to_days(y, m, dd);
	dev = base + 3 + rnd(&a->d, 8);
	start = dev + 7 + rnd(&a->d, 14);
	end = start + 240 + rnd(&a->d, 60);
	date_iso(dev, devd);
	date_iso(start, sd);
	date_iso(end, ed);
	done = strcmp(ed, a->today) < 0;
	school_year_of(sd, syear);
	number = next_number(a, devd);
	/* A completed card has its final diagnostic, before its end. */
	if (done) {
		int fpct = pct + 5 + rnd(&a->d, 20);
		date_iso(end - 5, fin);
		rc = act_diagnostic(a, person, org, "final", fin, fpct > 100 ? 100 : fpct, &final_diag);
		if (rc != ST_OK) {
			free(number);
			return rc;
		}
	}
	date_iso(end - 10, fev);
	/* A regional methodist, never the teacher himself (§4.4.2). */
	{
		int k = rnd(&a->d, a->nmethodists);
		curator = a->methodists[k];
		if (curator == person)
			curator = a->methodists[(k + 1) % a->nmethodists];
	}
	memset(&c, 0, sizeof c);
	c.number = number;
	c.template = chance(&a->d, 15) ? "ippr" : "iom";
	c.school_year = syear;
	c.status = done ? "completed" : "in_progress";
	c.entry = diag;
	c.final = final_diag;
	c.curator = curator != person ? curator : 0;
	c.developer = a->developer;
	c.person = person;
	c.head = act_head(a, org);
	c.months = (int)((end - start + 15) / 30);
	c.start = sd;
	c.end = ed;
	c.developed = devd;
	c.approved = sd;
	c.final_event = done && chance(&a->d, 60) ? "Открытый урок по теме маршрута" : NULL;
	c.final_event_level = done ? "school" : NULL;
	c.final_event_date = done ? fev : NULL;
	c.outcome = done ? "success" : NULL;
	c.completed = done ? ed : NULL;
	rc = insert_card(s, &c, NULL);
	free(number);
	return rc;
}

static int act_person(struct act *a, int64_t person, int64_t org, int experience)
{
	struct demo *d = &a->d;
	struct store *s = d->s;
	int rc = ST_OK;

	if (org <= 0 || org >= a->norgs)
		return ST_OK;
	for (int y = ACT_Y0; rc == ST_OK && y <= a->y1; y++) {
		char date[11];
		int64_t diag;
		/* February to November; this year, until two months ago, so that
		 * its cards have started by today. */
		dayno from = date_to_days(y, 2, 1), to = date_to_days(y, 11, 30);
		if (to > a->last_diag)
			to = a->last_diag;
		if (chance(d, 25) && to >= from) {
			int pct = 30 + rnd(d, 66);
			date_iso(from + rnd(d, (int)(to - from + 1)), date);
			rc = act_diagnostic(a, person, org, "entry", date, pct, &diag);
			if (rc == ST_OK && strcmp(model_deficit_level(a->cfg, pct), "low") != 0 && chance(d, 60))
				rc = act_card(a, person, org, diag, date, pct);
		}
		if (rc == ST_OK && chance(d, 4)) {
			static const char *const results[] = { "winner", "prize", "laureate", "participant",
							       "participant" };
			rnd_date(d, y, 1, 15, y, 5, 31, date);
			rc = store_run(s, "INSERT INTO participation(person_id, org_id, kind, title, level, year,"
				       " event_date, result) VALUES (?, ?, 'contest', ?, ?, ?, ?, ?)", "iitti" "tt",
				       person, org, "Конкурс профессионального мастерства «Учитель года»",
				       chance(d, 75) ? "municipal" : "regional", (int64_t)y, date,
				       PICK(d, results));
		}
		if (rc == ST_OK && chance(d, 5)) {
			static const char *const roles[] = { "speaker", "expert", "organiser", "participant" };
			rnd_date(d, y, 2, 1, y, 11, 30, date);
			rc = store_run(s, "INSERT INTO participation(person_id, org_id, kind, title, level, year,"
				       " event_date, role) VALUES (?, ?, 'scimethod', ?, ?, ?, ?, ?)", "iitti" "tt",
				       person, org, "Научно-практическая конференция «Современный урок»",
				       chance(d, 70) ? "municipal" : "regional", (int64_t)y, date,
				       PICK(d, roles));
		}
		if (rc == ST_OK && chance(d, 1))
			rc = store_run(s, "INSERT INTO innovation(person_id, title, kind, year, level, result)"
				       " VALUES (?, 'Методическая разработка цикла уроков', 'методический продукт',"
				       " ?, 'municipal', 'positive')", "ii", person, (int64_t)y);
	}
	if (rc != ST_OK)
		return rc;
	if (experience > 10) {
		a->mentor_of[org] = person;
	} else if (experience >= 0 && experience <= 3 && a->mentor_of[org] != 0 && chance(d, 70)) {
		char sd[11], ed[11];
		int y, m, dd;
		bool done;
		int64_t pair;
		rnd_date(d, 2023 + d->yoff, 9, 1, 2025 + d->yoff, 9, 30, sd);
		date_parse_iso(sd, &y, &m, &dd);
		date_iso(date_to_days(y, m, dd) + 365, ed);
		done = strcmp(ed, a->today) < 0;
		rc = store_run(s, "INSERT INTO mentoring_pair(mentor_id, mentee_id, org_id, programme,"
			       " start_date, end_date, state) VALUES (?, ?, ?, ?, ?, ?, ?)", "iiittt" "t",
			       a->mentor_of[org], person, org, "Адаптация молодого специалиста", sd, ed,
			       done ? "completed" : "active");
		pair = sqlite3_last_insert_rowid(s->db);
		for (int yy = y; rc == ST_OK && yy <= (done ? y + 1 : a->y1); yy++)
			for (int r = 0; rc == ST_OK && r < 2; r++)
				rc = store_run(s, "INSERT INTO mentoring_survey(pair_id, year, respondent, satisfied)"
					       " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", "iiti", pair,
					       (int64_t)yy, r ? "mentee" : "mentor", (int64_t)chance(d, 85));
	}
	return rc;
}

/* Staff numbers of every organisation per year, from its register, and
 * now and then a vacancy. */
static int act_staff(struct act *a)
{
	struct store *s = a->d.s;
	sqlite3_stmt *st = store_prepare(s,
		"SELECT org_id, count(*), sum(experience_years IS NOT NULL AND experience_years <= 5)"
		" FROM person WHERE archived = 0 AND org_id IS NOT NULL GROUP BY org_id ORDER BY org_id");
	int64_t (*rows)[3] = xcalloc((size_t)a->norgs + 1, sizeof *rows);
	int n = 0, rc = ST_OK;
	static const char *const subjects[] = { "математика", "русский язык", "английский язык",
						"физика", "начальные классы", "информатика" };

	while (n <= a->norgs && sqlite3_step(st) == SQLITE_ROW) {
		rows[n][0] = sqlite3_column_int64(st, 0);
		rows[n][1] = sqlite3_column_int64(st, 1);
		rows[n][2] = sqlite3_column_int64(st, 2);
		n++;
	}
	sqlite3_reset(st);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		if ((rc = demo_step(&a->d, "штат организаций", i, n)) != ST_OK)
			break;
		for (int y = ACT_Y0; rc == ST_OK && y <= a->y1; y++) {
			int64_t teachers = rows[i][1] - 1 + rnd(&a->d, 3);
			int64_t young = rows[i][2] < teachers ? rows[i][2] : teachers;
			if (teachers < 0)
				teachers = 0;
			rc = store_run(s, "INSERT INTO staff_count(org_id, year, leaders, teachers, others,"
				       " under30_teachers, pension_age, support_staff) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				       "iiiiiiii", rows[i][0], (int64_t)y, (int64_t)(2 + rnd(&a->d, 3)), teachers,
				       (int64_t)rnd(&a->d, 4), young, (int64_t)(teachers / 6), (int64_t)(3 + rnd(&a->d, 8)));
			if (rc == ST_OK && chance(&a->d, 30))
				rc = store_run(s, "INSERT INTO staffing_need(org_id, year, quarter, position, subject,"
					       " count, state) VALUES (?, ?, ?, 'учитель', ?, ?, ?)", "iiiti" "t",
					       rows[i][0], (int64_t)y, (int64_t)(1 + rnd(&a->d, 4)),
					       PICK(&a->d, subjects), (int64_t)(1 + rnd(&a->d, 2)),
					       y < a->y1 ? "filled" : "open");
		}
	}
	free(rows);
	return rc;
}

/* --- roadmaps ------------------------------------------------------------ */

/* A card's roadmap: one row per category (004 App.3: 1 knowledge and
 * experience, 2 development and exchange, 3 showing one's experience,
 * 4 mentoring, 5 preventing burnout), each placed in the card's period by
 * per cent of its length (from pa to pb; an event of a day or two starts
 * at pa, moved off the New Year holidays and off a weekend, and lasts
 * days + 1 days), in two wordings chosen by the card's id. The course (1) and the seminar (2) address every deficit code
 * of the entry diagnostic, so that each code is covered. */
#define ROADMAP_TEMPLATE \
	"(VALUES" \
	" (1, 0, 2, 15, NULL, 'Курс повышения квалификации «Формирование функциональной грамотности обучающихся»'," \
	"  'предметные, методические', 'regional', 'ГАУ ДПО СОИРО', NULL, 36, 'Удостоверение о повышении квалификации', NULL)," \
	" (1, 1, 2, 15, NULL, 'Курс повышения квалификации «Школа современного учителя»'," \
	"  'предметные, методические', 'federal', 'Академия Минпросвещения России', NULL, 72, 'Удостоверение о повышении квалификации', NULL)," \
	" (2, 0, 25, 31, 0, 'Региональный семинар «Приёмы формирующего оценивания на уроке»'," \
	"  'методические, коммуникативные', 'regional', 'СОИРО (ЦНППМ)', NULL, 6, 'Выступление на заседании школьного МО', 'mo_talk')," \
	" (2, 1, 25, 31, NULL, 'Посещение уроков ведущих учителей города (5 уроков)'," \
	"  'методические', 'municipal', 'Управление образования', NULL, 10, 'Анализ посещённых уроков на заседании МО', 'mo_talk')," \
	" (3, 0, 55, 62, 0, 'Открытый урок по теме маршрута для учителей школы'," \
	"  'предметные, методические', 'school', 'образовательная организация', NULL, 2, 'Открытый урок с самоанализом', 'open_lesson')," \
	" (3, 1, 55, 62, 0, 'Мастер-класс на муниципальном методическом объединении'," \
	"  'методические, коммуникативные', 'municipal', 'городское МО учителей', NULL, 2, 'Мастер-класс', 'master_class')," \
	" (4, 0, 0, 95, NULL, 'Наставничество: работа в паре с опытным педагогом школы (наставляемый)'," \
	"  'методические, психолого-педагогические', 'school', 'образовательная организация', 'mentee', NULL, 'Отзыв наставника', 'other')," \
	" (4, 1, 0, 95, NULL, 'Наставничество: сопровождение молодого специалиста (наставник)'," \
	"  'коммуникативные, психолого-педагогические', 'school', 'образовательная организация', 'mentor', NULL, 'Отчёт о работе с наставляемым', 'other')," \
	" (5, 0, 40, 44, 1, 'Тренинг «Профилактика профессионального выгорания педагога»'," \
	"  'коммуникативные, психолого-педагогические', 'regional', 'СОИРО (ЦНППМ)', NULL, 12, 'Сертификат участника', NULL)," \
	" (5, 1, 40, 44, 0, 'Вебинар «Ресурсное состояние педагога: техники саморегуляции»'," \
	"  'коммуникативные, ИКТ', 'regional', 'СОИРО (ЦНППМ)', NULL, 2, 'Сертификат участника', NULL))"

/* The rows of the cards lo..hi in one statement. A row that ended before
 * today is done, on a card in progress too, except on every unmarked-th
 * card (0: none), whose rows of the last 30 days wait for the teacher's
 * mark. A card's block and deficit codes are read once for its rows (c).
 * The day a row starts (q0) and its working day (w) are materialized:
 * flattened, each later step repeated the date arithmetic of the ones
 * before wherever it named them (a third of the statement's time). */
static int act_roadmaps(struct act *a, int64_t lo, int64_t hi, int unmarked)
{
	if (hi < lo)
		return ST_OK;
	return store_run(a->d.s,
		"WITH t(cat, v, pa, pb, days, activity, competencies, level, organiser, mrole, hours, result, form)"
		" AS " ROADMAP_TEMPLATE ","
		" c AS MATERIALIZED (SELECT i.id, i.status, CAST(julianday(i.end_date) - julianday(i.start_date) AS INTEGER)"
		"  AS span, i.start_date AS s0, i.entry_diagnostic_id AS diag,"
		"  (SELECT min(b.block_id) FROM diagnostic_block b WHERE b.diagnostic_id = i.entry_diagnostic_id) AS blk,"
		"  (SELECT group_concat(code, ', ') FROM (SELECT c.code FROM diagnostic_deficit dd JOIN deficit_code c"
		"   ON c.id = dd.deficit_code_id WHERE dd.diagnostic_id = i.entry_diagnostic_id ORDER BY c.code)) AS codes"
		"  FROM iom i WHERE i.id BETWEEN ?1 AND ?2 AND i.start_date IS NOT NULL AND i.end_date IS NOT NULL),"
		" r AS (SELECT c.id, c.status, t.*, c.span, c.s0, c.diag, c.blk, c.codes FROM c JOIN t ON t.v = c.id % 2),"
		" q0 AS MATERIALIZED (SELECT r.*, date(s0, printf('+%d days', span * pa / 100)) AS s1 FROM r),"
		" q AS (SELECT q0.*, CASE WHEN days IS NOT NULL AND strftime('%m-%d', s1) BETWEEN '01-01' AND '01-10'"
		"  THEN date(s1, 'start of year', '+11 days') ELSE s1 END AS sq FROM q0),"
		" w AS MATERIALIZED (SELECT q.*, CASE WHEN days IS NULL THEN sq ELSE date(sq, CASE strftime('%w', sq)"
		"  WHEN '6' THEN '+2 days' WHEN '0' THEN '+1 days' ELSE '+0 days' END) END AS sd FROM q),"
		" e AS (SELECT w.*, CASE WHEN days IS NULL THEN date(s0, printf('+%d days', span * pb / 100))"
		"  ELSE date(sd, printf('+%d days', days)) END AS ed FROM w),"
		" d AS (SELECT e.*, CASE WHEN e.status = 'completed' OR (e.status = 'in_progress'"
		"  AND e.ed < ?3 AND (?4 = 0 OR e.id % ?4 <> 0 OR e.ed < date(?3, '-30 days')))"
		"  THEN 1 END AS done FROM e)"
		" INSERT INTO iom_activity (iom_id, category, activity, competencies, block_id, level, organiser,"
		"  mentoring_role, start_date, end_date, hours, deficit_codes, done, done_date, marked_at, result,"
		"  result_form, sort)"
		" SELECT d.id, d.cat, d.activity, d.competencies,"
		"  d.blk, d.level, d.organiser, d.mrole, d.sd, d.ed, d.hours,"
		"  CASE WHEN d.cat <= 2 THEN d.codes END,"
		"  d.done, CASE WHEN d.done THEN d.ed END, CASE WHEN d.done THEN d.ed || ' 15:00:00' END,"
		"  CASE WHEN d.done THEN d.result END, CASE WHEN d.done THEN d.form END, d.cat FROM d",
		"iiti", lo, hi, a->today, (int64_t)unmarked);
}

/* The Omsk table of an ИППР card (seed 000): a line per teacher competency
 * block, its tasks drawn from the card's, what will be done and by when;
 * done on a completed card. One statement for the range, as the roadmap. */
static int act_ippr_rows(struct act *a, int64_t lo, int64_t hi)
{
	if (hi < lo)
		return ST_OK;
	return store_run(a->d.s,
		"INSERT INTO ippr_row (iom_id, block_id, tasks, labour_functions, knowledge_skills, actions,"
		" expected_result, deadline, due_date, done, sort)"
		" SELECT i.id, b.id, 'Устранить дефициты блока «' || b.name || '»',"
		"  'А/01.6 Общепедагогическая функция. Обучение; А/03.6 Развивающая деятельность',"
		"  'Знать: современные подходы к оцениванию и планированию урока; уметь: применять их в своих классах',"
		"  'Курс повышения квалификации, открытый урок, выступление на заседании МО',"
		"  'Уровень освоения не ниже «по образцу»; материалы урока в портфолио',"
		"  strftime('%m.%Y', i.end_date), i.end_date, CASE WHEN i.status = 'completed' THEN 1 END, b.sort"
		" FROM iom i JOIN competency_block b ON b.kind = 'teacher'"
		" WHERE i.id BETWEEN ?1 AND ?2 AND i.template = 'ippr' AND i.end_date IS NOT NULL"
		" AND NOT EXISTS (SELECT 1 FROM ippr_row r WHERE r.iom_id = i.id)", "ii", lo, hi);
}

/* --- targets -------------------------------------------------------------- */

/* A target for every year of the history where the configuration gives
 * one: a year after the last it gives carries that last target forward
 * (the shipped file carries the programme's 2024 on itself). An indicator
 * with none at all (the Omsk ones: «их задают в интерфейсе», issue 16)
 * stays without: the screen says «цель не задана», as it will in a real
 * region until its specialists enter one. */
static int act_targets(struct act *a)
{
	return store_run(a->d.s,
		"WITH RECURSIVE y(v) AS (SELECT ?1 UNION ALL SELECT v + 1 FROM y WHERE v < ?2)"
		" INSERT INTO indicator_target (indicator_id, year, target)"
		" SELECT i.id, y.v, (SELECT t.target FROM indicator_target t WHERE t.indicator_id = i.id"
		"  AND t.mun_id IS NULL AND t.year < y.v ORDER BY t.year DESC LIMIT 1)"
		" FROM indicator i, y WHERE i.archived = 0"
		" AND NOT EXISTS (SELECT 1 FROM indicator_target t WHERE t.indicator_id = i.id"
		"  AND t.mun_id IS NULL AND t.year = y.v)"
		" AND EXISTS (SELECT 1 FROM indicator_target t WHERE t.indicator_id = i.id"
		"  AND t.mun_id IS NULL AND t.year < y.v)", "ii", (int64_t)ACT_Y0, (int64_t)a->y1);
}

/* --- today's work of the demo users ------------------------------------- */

/* The day n working days before d (n >= 0) by the production calendar. */
static dayno workdays_back(const struct calendar *cal, dayno d, int n)
{
	while (n > 0) {
		d--;
		if (calendar_is_workday(cal, d))
			n--;
	}
	return d;
}

/* A diagnostic of the demo users' work: the codes given (their blocks with
 * per cent by difficulty), the overall per cent, results given the same
 * day; an entry one is handed to the demo developer to build the card. */
static int wl_diagnostic(struct act *a, int64_t person, const char *kind, const char *date, int pct,
			 const char *const *codes, int ncodes, int64_t *id)
{
	struct store *s = a->d.s;
	int rc = store_run(s, "INSERT INTO diagnostic(person_id, org_id, form, kind, diag_date, subject,"
			   " instrument, organiser, pct_overall, level, result_given_date, recommendations,"
			   " developer_id) SELECT p.id, p.org_id, 'standardized', ?2, ?3, nullif(p.subjects, ''),"
			   " 'Диагностика профессиональных компетенций', 'СОИРО (ЦНППМ)', ?4, ?5, ?3,"
			   " 'Курсы повышения квалификации по выявленным дефицитам; участие в работе МО;'"
			   " || ' открытый урок по теме маршрута', nullif(?6, 0) FROM person p WHERE p.id = ?1",
			   "itti" "ti", person, kind, date, (int64_t)pct, model_deficit_level(a->cfg, pct),
			   strcmp(kind, "entry") == 0 ? a->developer : (int64_t)0);

	*id = sqlite3_last_insert_rowid(s->db);
	for (int i = 0; rc == ST_OK && i < ncodes; i++) {
		int bp = pct - 6 + 4 * i;
		rc = store_run(s, "INSERT INTO diagnostic_block(diagnostic_id, block_id, difficulties, pct_low,"
			       " pct_medium, pct_high, pct_overall, level) SELECT ?1, c.block_id, ?2, ?3, ?4, ?5,"
			       " ?6, ?7 FROM deficit_code c WHERE c.code = ?8 ON CONFLICT DO NOTHING", "itiiiit" "t",
			       *id, strcmp(kind, "final") == 0 ? NULL : "задания повышенной сложности по теме дефицита",
			       (int64_t)(bp + 25 > 100 ? 100 : bp + 25), (int64_t)bp, (int64_t)(bp > 20 ? bp - 20 : 0),
			       (int64_t)bp, model_deficit_level(a->cfg, bp), codes[i]);
		if (rc == ST_OK && strcmp(kind, "final") != 0)
			rc = store_run(s, "INSERT INTO diagnostic_deficit(diagnostic_id, deficit_code_id)"
				       " SELECT ?, id FROM deficit_code WHERE code = ? ON CONFLICT DO NOTHING",
				       "it", *id, codes[i]);
	}
	return rc;
}

/* The stages a demo user's card is at today. */
enum wl_stage { WL_REVIEW, WL_FINAL_FORM, WL_APPROVED, WL_PROGRESS, WL_COMPLETED };

struct wl_card {
	int64_t person;
	enum wl_stage stage;
	int age;               /* days from the entry diagnostic to today */
	int months;            /* the period */
	int start_in;          /* days from today to the start (negative: started) */
	bool unmarked;         /* leave the row that ended last for the teacher to mark */
	const char *codes[3];
};

/* What was said about a card besides its fields: for a card under way or
 * completed, the curator's notes — a consultation and an intermediate
 * result (004 App.3 §4.4.5, iom_note); for the card in review (WL_REVIEW,
 * within its 5 working days) the correction proposals of the teacher, the
 * curator and the head, open; for the head's card in its final form
 * (WL_FINAL_FORM) the same, answered by the developer (§4.3.4–§4.3.7). */
static int demo_card_discussion(struct act *a, int64_t iom, const struct wl_card *w,
				dayno start, int64_t curator_user, int64_t curator)
{
	struct store *s = a->d.s;
	dayno today = start - w->start_in;
	char d1[11], d2[11];
	int rc = ST_OK;

	if (w->stage == WL_REVIEW || w->stage == WL_FINAL_FORM)
		return demo_review_proposals(s, iom, w->stage == WL_FINAL_FORM);
	if (w->stage != WL_PROGRESS && w->stage != WL_COMPLETED)
		return ST_OK;
	date_iso(start + 20 < today ? start + 20 : today, d1);
	date_iso(start + 60 < today ? start + 60 : today, d2);
	rc = store_run(s, "INSERT INTO iom_note(iom_id, note_date, kind, format, text, author_id, user_id,"
		       " created_at) VALUES (?1, ?2, 'consultation', 'online', ?3, nullif(?4, 0), nullif(?5, 0),"
		       " ?2 || ' 16:00:00')", "ittii", iom, d1,
		       "Консультация: разобрали задания входной диагностики по выявленным дефицитам,"
		       " согласовали темы курса и открытого урока.", curator, curator_user);
	if (rc == ST_OK)
		rc = store_run(s, "INSERT INTO iom_note(iom_id, note_date, kind, format, text, author_id, user_id,"
			       " created_at) VALUES (?1, ?2, 'intermediate', 'offline', ?3, nullif(?4, 0),"
			       " nullif(?5, 0), ?2 || ' 16:00:00')", "ittii", iom, d2,
			       "Промежуточный результат: курс пройден, приёмы формирующего оценивания"
			       " применяются на уроках в 7-х классах; к открытому уроку готовится"
			       " технологическая карта.", curator, curator_user);
	return rc;
}

/* One demo user's card at its stage, with its entry diagnostic, roadmap,
 * notes, and for a card under way a change awaiting confirmation. */
static int wl_make(struct act *a, const struct wl_card *w, int64_t curator, int64_t curator_user,
		   int64_t *iom_out)
{
	struct store *s = a->d.s;
	int y, m, dd;
	dayno today, diag, dev, review, corrected, approved, start, end;
	char dd_iso[11], dev_iso[11], rev_iso[11], cor_iso[11], app_iso[11], sd[11], ed[11];
	char fin_iso[11], done_iso[11], next_iso[11], syear[16];
	int64_t entry, final = 0, iom;
	int ncodes = 0, rc;
	char *number;
	struct card c;

	date_parse_iso(a->today, &y, &m, &dd);
	today = date_to_days(y, m, dd);
	while (ncodes < 3 && w->codes[ncodes])
		ncodes++;
	/* The statute's order: diagnostic, the card within its 10 working
	 * days, review (5 working days for corrections), final form, the
	 * head's approval, then the start. */
	diag = today - w->age;
	dev = calendar_add_workdays(a->cal, diag, 6);
	review = calendar_add_workdays(a->cal, dev, 1);
	corrected = calendar_add_workdays(a->cal, review, 4);
	start = today + w->start_in;
	approved = corrected + 2 < start ? corrected + 2 : start;
	date_iso(start, sd);
	date_parse_iso(sd, &y, &m, &dd);
	end = route_add_months(y, m, dd, w->months) - 1;
	date_iso(diag, dd_iso);
	date_iso(dev, dev_iso);
	date_iso(review, rev_iso);
	date_iso(corrected, cor_iso);
	date_iso(approved, app_iso);
	date_iso(end, ed);
	date_iso(end - 10, fin_iso);
	date_iso(end + 3 < today ? end + 3 : today, done_iso);
	date_iso(route_add_months(y + 3, m, dd, 0), next_iso);
	school_year_of(sd, syear);

	rc = wl_diagnostic(a, w->person, "entry", dd_iso, 38, w->codes, ncodes, &entry);
	if (rc == ST_OK && w->stage == WL_COMPLETED)
		rc = wl_diagnostic(a, w->person, "final", fin_iso, 78, w->codes, ncodes, &final);
	if (rc != ST_OK)
		return rc;
	number = next_number(a, dev_iso);
	memset(&c, 0, sizeof c);
	c.number = number;
	c.template = "iom";
	c.school_year = syear;
	c.status = w->stage == WL_REVIEW ? "review" : w->stage == WL_FINAL_FORM ? "final_form"
		 : w->stage == WL_APPROVED ? "approved" : w->stage == WL_PROGRESS ? "in_progress" : "completed";
	c.entry = entry;
	c.final = final;
	c.curator = curator;
	c.developer = a->developer;
	c.person = w->person;
	c.head = act_head(a, store_int(s, "SELECT coalesce(org_id, 0) FROM person WHERE id = ?", "i", w->person));
	c.months = w->months;
	c.start = sd;
	c.end = ed;
	c.developed = dev_iso;
	c.review_sent = rev_iso;
	c.corrected = w->stage == WL_REVIEW ? NULL : cor_iso;
	c.approved = w->stage >= WL_APPROVED ? app_iso : NULL;
	if (w->stage == WL_COMPLETED) {
		c.final_event = "Открытый урок «Формирующее оценивание на уроке математики» для учителей города";
		c.final_event_level = "municipal";
		c.participants = 18;
		c.final_event_date = fin_iso;
		c.self_analysis = "Освоены приёмы формирующего оценивания и задания на функциональную"
				  " грамотность; применяю их в 7–8-х классах. Трудности: время на"
				  " обратную связь в больших классах.";
		c.conclusions = "Итоговая диагностика показала рост по всем блокам, где были дефициты;"
				" маршрут выполнен полностью.";
		c.outcome = "success";
		c.next_diag = next_iso;
		c.completed = done_iso;
	}
	rc = insert_card(s, &c, &iom);
	free(number);
	if (rc == ST_OK)
		rc = act_roadmaps(a, iom, iom, 0);
	/* Rows the last weeks ended: left for the teacher to mark. */
	if (rc == ST_OK && w->unmarked)
		rc = store_run(s, "UPDATE iom_activity SET done = NULL, done_date = NULL, marked_at = NULL,"
			       " result = NULL, result_form = NULL WHERE iom_id = ? AND end_date < ?"
			       " AND end_date >= date(?, '-45 days')", "itt", iom, a->today, a->today);
	/* §5.11: the curator gave the row still open that ends last a week
	 * more (inside the period); confirmed by him, awaiting the head and
	 * the teacher. */
	if (rc == ST_OK && w->stage == WL_PROGRESS) {
		int64_t row = store_int(s, "SELECT coalesce((SELECT id FROM iom_activity WHERE iom_id = ?"
					" AND done IS NULL ORDER BY end_date DESC, id LIMIT 1), 0)", "i", iom);
		char *before = store_text(s, "SELECT end_date FROM iom_activity WHERE id = ?", "i", row);
		char at[20];
		snprintf(at, sizeof at, "%s 11:30:00", a->today);
		if (row && before) {
			rc = store_run(s, "UPDATE iom_activity SET end_date = min(date(end_date, '+7 days'),"
				       " (SELECT end_date FROM iom WHERE id = iom_id)) WHERE id = ?", "i", row);
			if (rc == ST_OK)
				rc = store_run(s, "INSERT INTO iom_change (iom_id, at, user_id, tbl, record_id, field,"
					       " before, after, reason, curator_confirmed_at, curator_user_id)"
					       " SELECT ?1, ?2, nullif(?3, 0), 'iom_activity', ?4, 'end_date', ?5,"
					       " end_date, ?6, ?2, nullif(?3, 0) FROM iom_activity WHERE id = ?4",
					       "itiitt", iom, at, curator_user, row, before,
					       "срок продлён на неделю: педагог был на курсах");
		}
		free(before);
	}
	if (rc == ST_OK)
		rc = demo_card_discussion(a, iom, w, start, curator_user, curator);
	if (iom_out)
		*iom_out = iom;
	return rc;
}

/* The demo users' work on the day the demo is built: the curator curates
 * cards at every stage (review, approved, in progress with rows done and a
 * change awaiting confirmation, completed); the teacher's own card is in
 * progress with rows to mark and that change to confirm; the school head
 * has a card of his school awaiting his approval; the developer has two
 * diagnostics awaiting a card, one past its 10 working days. The curator's
 * teachers are on his list (out of the history); the head's is one of his
 * school, the developer's two of the region, with no card of the history
 * when there are such. At a small scale a stage with no teacher is left
 * out. */
static int demo_workload(struct act *a)
{
	struct store *s = a->d.s;
	int64_t curator = store_int(s, "SELECT coalesce(person_id, 0) FROM app_user WHERE login = 'curator'", NULL);
	int64_t curator_user = store_int(s, "SELECT id FROM app_user WHERE login = 'curator'", NULL);
	int64_t teacher = store_int(s, "SELECT coalesce(person_id, 0) FROM app_user WHERE login = 'teacher'", NULL);
	int64_t school = store_int(s, "SELECT coalesce(r.org_id, 0) FROM app_user u JOIN user_role r"
				   " ON r.user_id = u.id WHERE u.login = 'school'", NULL);
	int64_t others[4] = { 0 }, colleague;
	int nothers = 0, rc = ST_OK, y, m, dd;
	dayno today;
	sqlite3_stmt *st;

	if (curator == 0 || teacher == 0)
		return ST_OK;
	date_parse_iso(a->today, &y, &m, &dd);
	today = date_to_days(y, m, dd);
	st = store_prepare(s, "SELECT person_id FROM curatorship WHERE curator_id = ? AND person_id <> ?"
			   " ORDER BY person_id LIMIT 4");
	sqlite3_bind_int64(st, 1, curator);
	sqlite3_bind_int64(st, 2, teacher);
	while (nothers < 4 && sqlite3_step(st) == SQLITE_ROW)
		others[nothers++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	colleague = store_int(s, "SELECT coalesce((SELECT p.id FROM person p WHERE p.org_id = ?1"
			      " AND p.position = 'учитель' AND p.archived = 0"
			      " AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = p.id)"
			      " AND NOT EXISTS (SELECT 1 FROM curatorship c WHERE c.person_id = p.id)"
			      " ORDER BY EXISTS (SELECT 1 FROM iom i WHERE i.person_id = p.id), p.id LIMIT 1), 0)",
			      "i", school);
	{
		const struct wl_card cards[] = {
			/* The teacher's own: started four months ago for a year. */
			{ teacher, WL_PROGRESS, 150, 12, -120, true, { "М-3", "П-2", "К-2" } },
			{ others[0], WL_REVIEW, 12, 9, 14, false, { "М-1", "ПП-2", NULL } },
			{ others[1], WL_APPROVED, 35, 9, 5, false, { "Ц-1", "М-4", NULL } },
			{ others[2], WL_PROGRESS, 230, 10, -200, false, { "М-2", "К-1", "ПП-3" } },
			{ others[3], WL_COMPLETED, 420, 9, -390, false, { "П-1", "М-3", NULL } },
			/* The head's: his school's teacher, in its final form. */
			{ colleague, WL_FINAL_FORM, 25, 9, 12, false, { "ПП-1", "К-3", NULL } },
		};
		for (size_t i = 0; rc == ST_OK && i < NITEMS(cards); i++)
			if (cards[i].person != 0)
				rc = wl_make(a, &cards[i], curator, curator_user, NULL);
	}
	/* The developer's: diagnostics with no card yet, one 3 working days
	 * old, one past its 10 working days, of two teachers of the region with
	 * no card and no curator yet. */
	st = store_prepare(s, "SELECT p.id FROM person p JOIN organisation o ON o.id = p.org_id"
			   " WHERE o.kind = 'school' AND p.position = 'учитель' AND p.archived = 0"
			   " AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = p.id)"
			   " AND NOT EXISTS (SELECT 1 FROM curatorship c WHERE c.person_id = p.id)"
			   " AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.person_id = p.id)"
			   " AND p.id <> ? ORDER BY p.id LIMIT 2");
	sqlite3_bind_int64(st, 1, colleague);
	nothers = 0;
	while (nothers < 2 && sqlite3_step(st) == SQLITE_ROW)
		others[nothers++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int k = 0; rc == ST_OK && k < nothers; k++) {
		static const char *const codes[2][2] = { { "М-3", "Ц-2" }, { "П-3", "ПП-4" } };
		char date[11];
		int64_t id;
		date_iso(workdays_back(a->cal, today, k ? a->cfg->dl_iom_develop + 4 : 3), date);
		rc = wl_diagnostic(a, others[k], "entry", date, 42 + 5 * k, codes[k], 2, &id);
	}
	return rc;
}

/* The demo school head's plan of continuous professional development of
 * this year, all nine cells of the seed's grid (000, App. 2; devplan.h).
 * No draw from the generator: the rest of the history stays. */
static int act_devplan(struct act *a)
{
	static const char *const rows[9][5] = {
		{ "formal", "staff", "Освоение обновлённых ФГОС всеми педагогами",
		  "Требования ФГОС НОО и ООО, функциональная грамотность", "КПК в ИРО, 36 ч" },
		{ "formal", "groups", "Подготовка МО к работе с детьми с ОВЗ",
		  "Адаптированные программы, инклюзивное образование", "КПК для МО начальных классов" },
		{ "formal", "individual", "Высшее образование и переподготовка по профилю",
		  "Программы переподготовки по преподаваемому предмету", "Переподготовка, магистратура" },
		{ "nonformal", "staff", "Единые подходы к оцениванию",
		  "Критериальное оценивание, ВПР и ОГЭ", "Педсовет, семинар-практикум" },
		{ "nonformal", "groups", "Обмен опытом внутри методических объединений",
		  "Открытые уроки, разбор затруднений", "Заседания МО, методический день" },
		{ "nonformal", "individual", "Сопровождение молодых специалистов",
		  "Посещение уроков наставником, разбор уроков", "Наставничество, стажировка" },
		{ "informal", "staff", "Профессиональная культура коллектива",
		  "Чтение и обсуждение профессиональной литературы", "Клуб «Педагогическая гостиная»" },
		{ "informal", "groups", "Самообразование творческих групп",
		  "Изучение опыта других школ, вебинары", "Творческие группы, сетевые сообщества" },
		{ "informal", "individual", "Тема самообразования каждого педагога",
		  "По индивидуальному плану профессионального развития", "Самообразование, портфолио" },
	};
	int64_t org = store_int(a->d.s, "SELECT coalesce((SELECT r.org_id FROM user_role r JOIN app_user u"
				" ON u.id = r.user_id WHERE u.login = 'school' AND r.role = 'school'), 0)", NULL);
	int rc = ST_OK;

	for (int i = 0; org && rc == ST_OK && i < 9; i++)
		rc = store_run(a->d.s, "INSERT OR IGNORE INTO school_dev_plan (org_id, year, education, audience, goal,"
			       " content, forms) VALUES (?, ?, ?, ?, ?, ?, ?)", "iittttt", org, (int64_t)a->y1,
			       rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4]);
	return rc;
}

static int demo_sites(struct act *a);

static int activity(struct act *a)
{
	struct store *s = a->d.s;
	sqlite3_stmt *st;
	int rc = ST_OK;
	int64_t last = 0;
	/* The persons the loop below goes through, counted for a watcher. */
	long done = 0, total = !a->d.progress ? 0
		: store_int(s, "SELECT count(*) FROM person p WHERE p.archived = 0"
			    " AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = p.id)"
			    " AND NOT EXISTS (SELECT 1 FROM curatorship c WHERE c.person_id = p.id)", NULL);

	a->ncodes = (int)store_int(s, "SELECT count(*) FROM deficit_code c JOIN competency_block b"
				   " ON b.id = c.block_id WHERE c.archived = 0 AND b.kind = 'teacher'", NULL);
	a->codes = xcalloc((size_t)a->ncodes + 1, sizeof *a->codes);
	a->code_block = xcalloc((size_t)a->ncodes + 1, sizeof *a->code_block);
	st = store_prepare(s, "SELECT c.id, c.block_id FROM deficit_code c JOIN competency_block b"
			   " ON b.id = c.block_id WHERE c.archived = 0 AND b.kind = 'teacher' ORDER BY c.id");
	for (int i = 0; i < a->ncodes && sqlite3_step(st) == SQLITE_ROW; i++) {
		a->codes[i] = sqlite3_column_int64(st, 0);
		a->code_block[i] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	a->norgs = store_int(s, "SELECT coalesce(max(id), 0) + 1 FROM organisation", NULL);
	a->mentor_of = xcalloc((size_t)a->norgs, sizeof *a->mentor_of);
	a->head_of = xcalloc((size_t)a->norgs, sizeof *a->head_of);
	/* The cards' curators: the region's methodists (the demo curator only
	 * when the region has none), never a demo user otherwise; the demo
	 * developer builds the cards. */
	a->developer = store_int(s, "SELECT coalesce(person_id, 0) FROM app_user WHERE login = 'developer'", NULL);
	a->nmethodists = (int)store_int(s, "SELECT count(*) FROM person p WHERE p.is_methodist = 1"
					" AND p.archived = 0 AND NOT EXISTS (SELECT 1 FROM app_user u"
					" WHERE u.person_id = p.id)", NULL);
	a->methodists = xcalloc((size_t)a->nmethodists + 1, sizeof *a->methodists);
	st = store_prepare(s, "SELECT p.id FROM person p WHERE p.is_methodist = 1 AND p.archived = 0"
			   " AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = p.id) ORDER BY p.id");
	for (int i = 0; i < a->nmethodists && sqlite3_step(st) == SQLITE_ROW; i++)
		a->methodists[i] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (a->nmethodists == 0) {
		a->methodists[0] = store_int(s, "SELECT coalesce(person_id, 0) FROM app_user"
					     " WHERE login = 'curator'", NULL);
		a->nmethodists = 1;
	}
	a->seq = xcalloc((size_t)(a->y1 - ACT_Y0 + 2), sizeof *a->seq);
	/* A thousand persons at a time, by id: no statement stays open across
	 * the writes. The + keeps the batch a range of ids: by an index on
	 * archived, every batch read and sorted all the persons (quadratic
	 * in the region: some 40 s of the 100 000's build). */
	for (;;) {
		int64_t ids[1000][3];
		int n = 0;
		st = store_prepare(s, "SELECT p.id, coalesce(p.org_id, 0), coalesce(p.experience_years, -1)"
				   " FROM person p WHERE +p.archived = 0 AND p.id > ?"
				   " AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = p.id)"
				   " AND NOT EXISTS (SELECT 1 FROM curatorship c WHERE c.person_id = p.id)"
				   " ORDER BY p.id LIMIT 1000");
		sqlite3_bind_int64(st, 1, last);
		while (n < 1000 && sqlite3_step(st) == SQLITE_ROW) {
			for (int k = 0; k < 3; k++)
				ids[n][k] = sqlite3_column_int64(st, k);
			n++;
		}
		sqlite3_reset(st);
		for (int i = 0; rc == ST_OK && i < n; i++) {
			if ((rc = demo_step(&a->d, "деятельность педагогов", done++, total)) != ST_OK)
				break;
			rc = act_person(a, ids[i][0], ids[i][1], (int)ids[i][2]);
		}
		if (rc != ST_OK || n < 1000)
			break;
		last = ids[n - 1][0];
	}
	if (rc == ST_OK)
		rc = act_roadmaps(a, 1, store_int(s, "SELECT coalesce(max(id), 0) FROM iom", NULL), 5);
	if (rc == ST_OK)
		rc = act_ippr_rows(a, 1, store_int(s, "SELECT coalesce(max(id), 0) FROM iom", NULL));
	if (rc == ST_OK)
		rc = act_staff(a);
	/* Table 9's named lists: the young specialists were hired when their
	 * experience began (no draw from the generator: the rest stays). */
	if (rc == ST_OK)
		rc = store_run(s, "INSERT INTO staff_movement (org_id, person_id, surname, name, patronymic,"
			       " birth_date, year, quarter, move_date, kind, position)"
			       " SELECT org_id, id, surname, name, patronymic, birth_date, CAST(substr(d, 1, 4) AS INTEGER),"
			       " (CAST(substr(d, 6, 2) AS INTEGER) + 2) / 3, d, 'hired', position"
			       " FROM (SELECT p.*, date(p.experience_date, '-' || p.experience_years || ' years') AS d"
			       " FROM person p WHERE p.archived = 0 AND p.org_id IS NOT NULL AND p.experience_years <= 3"
			       " AND p.experience_date IS NOT NULL)"
			       " WHERE CAST(substr(d, 1, 4) AS INTEGER) BETWEEN ? AND ?", "ii", (int64_t)ACT_Y0,
			       (int64_t)a->y1);
	/* Table 8: every fifth teacher of the history belongs to one of the
	 * city associations (conf/associations.conf, loaded before), each
	 * year; a few coordinate or lead. By id, no draw from the generator:
	 * the rest of the history stays as it was. */
	if (rc == ST_OK)
		rc = store_run(s, "WITH RECURSIVE yr(y) AS (SELECT ?1 UNION ALL SELECT y + 1 FROM yr WHERE y < ?2),"
			       " mo AS (SELECT id, row_number() OVER (ORDER BY sort, id) - 1 AS k, count(*) OVER () AS n"
			       "  FROM city_mo WHERE archived = 0)"
			       " INSERT INTO participation (person_id, org_id, kind, city_mo_id, year, role)"
			       " SELECT p.id, p.org_id, 'city_mo', mo.id, yr.y,"
			       " CASE WHEN p.id % 29 = 0 THEN 'head' WHEN p.id % 11 = 0 THEN 'coordinator' ELSE 'participant' END"
			       " FROM person p JOIN mo ON mo.k = (p.id / 5) % mo.n JOIN yr"
			       " WHERE p.archived = 0 AND p.org_id IS NOT NULL AND p.id % 5 = 0"
			       " AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = p.id)"
			       " AND NOT EXISTS (SELECT 1 FROM curatorship c WHERE c.person_id = p.id)", "ii",
			       (int64_t)ACT_Y0, (int64_t)a->y1);
	if (rc == ST_OK)
		rc = act_devplan(a);
	if (rc == ST_OK)
		rc = act_targets(a);
	if (rc == ST_OK)
		rc = demo_workload(a);
	if (rc == ST_OK)
		rc = demo_sites(a);
	/* The analytic note's results by assessed element (004 App.2 §6.4):
	 * each entry and final diagnostic has every element (code) of each
	 * block it assessed, a maximum of 4, 6 or 8 and a score near the
	 * block's percent, lower where the code was found a deficit. One
	 * statement, by ids: no draw from the generator. The deficit is a
	 * LEFT JOIN on its unique key (one row or none, the order unchanged),
	 * and OFFSET 0 keeps the score's subquery from being flattened into
	 * the outer one, which named sc twice and so computed it, with its
	 * lookup of the deficit, twice for each of the 1.3 million rows. */
	if (rc == ST_OK)
		rc = store_run(s, "INSERT OR IGNORE INTO diagnostic_element (diagnostic_id, deficit_code_id, max_score, score, pct)"
			       " SELECT did, cid, mx, sc, (200 * sc + mx) / (2 * mx) FROM (SELECT did, cid, mx, (mx * p + 50) / 100 AS sc"
			       " FROM (SELECT d.id AS did, c.id AS cid, 4 + (c.id % 3) * 2 AS mx,"
			       "  max(0, min(100, coalesce(b.pct_overall, d.pct_overall, 60) + (d.id * 31 + c.id * 17) % 41 - 20"
			       "  - CASE WHEN dd.diagnostic_id IS NOT NULL THEN 25 ELSE 0 END)) AS p"
			       " FROM diagnostic d JOIN diagnostic_block b ON b.diagnostic_id = d.id"
			       " JOIN deficit_code c ON c.block_id = b.block_id AND c.archived = 0"
			       " LEFT JOIN diagnostic_deficit dd ON dd.diagnostic_id = d.id AND dd.deficit_code_id = c.id"
			       " WHERE d.kind IN ('entry', 'final') AND d.archived = 0) LIMIT -1 OFFSET 0)", NULL);
	for (int y = ACT_Y0; rc == ST_OK && y <= a->y1 + 1; y++)
		if (a->seq[y - ACT_Y0] > 0)
			rc = store_run(s, "INSERT INTO iom_number_seq(year, last) VALUES (?, ?)"
				       " ON CONFLICT(year) DO UPDATE SET last = max(last, excluded.last)", "ii",
				       (int64_t)y, (int64_t)a->seq[y - ACT_Y0]);
	free(a->codes);
	free(a->code_block);
	free(a->mentor_of);
	free(a->head_of);
	free(a->methodists);
	free(a->seq);
	return rc;
}

int store_demo_activity(struct store *s, const struct config *cfg, char *err, int errsz)
{
	return store_demo_activity_progress(s, cfg, NULL, err, errsz);
}

int store_demo_activity_progress(struct store *s, const struct config *cfg, struct progress *p,
				 char *err, int errsz)
{
	struct act a;
	int rc;

	if (errsz > 0)
		err[0] = '\0';
	memset(&a, 0, sizeof a);
	a.d.s = s;
	a.d.rng = DEMO_SEED ^ 0xA5A5A5A5ULL;
	a.d.progress = p;
	a.cfg = cfg;
	demo_today(&a.d);
	a.today = a.d.today;
	a.y1 = a.d.year;
	{
		int y, m, dd;
		date_parse_iso(a.today, &y, &m, &dd);
		a.last_diag = date_to_days(y, m, dd) - 60;
	}
	/* The working days of the demo's deadlines. A year of the history, or
	 * the next one its cards run into, that the calendar lacks is said
	 * (on stderr unless the caller's calendar sink is set), not guessed
	 * quietly; without a readable calendar Saturdays and Sundays alone
	 * are days off. */
	a.cal = cfg->calendar ? calendar_load(cfg->calendar, err, errsz) : NULL;
	if (errsz > 0)
		err[0] = '\0';
	for (int y = ACT_Y0; a.cal && y <= a.y1 + 1; y++)
		calendar_year_known(a.cal, y);
	store_bulk_unchecked(s, true);
	if (store_begin(s) != ST_OK) {
		snprintf(err, errsz, "не удаётся начать запись в базу: %s", store_errmsg(s));
		store_bulk_unchecked(s, false);
		calendar_free(a.cal);
		return ST_ERROR;
	}
	{
		struct bulk b;
		rc = bulk_begin(s, &b, true);
		if (rc == ST_OK)
			rc = activity(&a);
		rc = store_end(s, bulk_end(s, &b, rc));
	}
	store_bulk_unchecked(s, false);
	calendar_free(a.cal);
	if (rc != ST_OK)
		snprintf(err, errsz, "деятельность демо-региона не записана: %s", store_errmsg(s));
	return rc;
}

/* --- the municipalities' МСОКО (seed 000, ОМ-7) --------------------------- */

/* Three of the five municipalities included the management of the ИППР in
 * their МСОКО: the city two years ago, the fourth last year, the fifth
 * this spring; the second and third not yet. By id, no draw from the
 * generator. */
static int demo_msoko_ippr(struct store *s, int year)
{
	return store_run(s, "UPDATE municipality SET msoko_ippr_date = CASE rk"
			 " WHEN 1 THEN printf('%04d-02-10', ?1 - 2) WHEN 4 THEN printf('%04d-09-01', ?1 - 1)"
			 " WHEN 5 THEN printf('%04d-03-01', ?1) END"
			 " FROM (SELECT id AS mid, row_number() OVER (ORDER BY id) AS rk FROM municipality) r"
			 " WHERE municipality.id = r.mid", "i", (int64_t)year);
}

/* --- internship sites (004 App.4) ------------------------------------------ */

/* today + n days, ISO. */
static void demo_day(const char *today, int n, char out[11])
{
	int y, m, d;

	date_parse_iso(today, &y, &m, &d);
	date_iso(date_to_days(y, m, d) + n, out);
}

/* A granted site of org: applied in the window of year ay, granted from
 * 1 December of that year for the longest term; its id in *id. */
static int demo_site_granted(struct store *s, int64_t org, int64_t curator, int ay, const char *direction,
			     const char *topic, const char *problem, int max_places, int64_t *id)
{
	char applied[11], decided[11], from[11], to[11], order[64];
	int rc;

	date_iso(date_to_days(ay, 9, 20), applied);
	date_iso(date_to_days(ay, 11, 25), decided);
	date_iso(date_to_days(ay, 12, 1), from);
	site_default_end(from, to);
	snprintf(order, sizeof order, "приказ № %d-о от %02d.11.%04d", 200 + ay % 100, 25, ay);
	rc = store_run(s, "INSERT INTO internship_site (org_id, direction, topic, problem1, aud_teachers, aud_managers,"
		       " max_places, format, fmt_internship, fmt_iom, head_name, phone, email, proposed_period, state,"
		       " applied_date, decision_date, order_ref, granted_from, granted_to, curator_id)"
		       " SELECT o.id, ?2, ?3, ?4, 1, 0, ?5, 'group', 1, 1, o.head_name, o.phone, o.email, '3 года',"
		       " 'applied', ?6, NULL, NULL, NULL, NULL, nullif(?7, 0) FROM organisation o WHERE o.id = ?1",
		       "itttiti", org, direction, topic, problem, (int64_t)max_places, applied, curator);
	if (rc != ST_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	/* The decision in its own step, as the lifecycle writes it. */
	return store_run(s, "UPDATE internship_site SET decision_date = ?, order_ref = ?, granted_from = ?,"
			 " granted_to = ?, state = 'granted' WHERE id = ?", "tttti", decided, order, from, to, *id);
}

/* An event the site holds, from today + d0 to today + d1; places -1: the
 * site's maximum. */
static int demo_site_event(struct store *s, const char *today, int64_t site, int64_t org, const char *kind,
			   const char *title, int d0, int d1, int hours, int places, int64_t *id)
{
	char from[11], to[11];
	int rc;

	demo_day(today, d0, from);
	demo_day(today, d1, to);
	rc = store_run(s, "INSERT INTO event (title, category, kind, level, source, organiser_org_id, mun_id,"
		       " start_date, end_date, place, format, hours, places, internship_site_id)"
		       " SELECT ?1, 2, ?2, 'regional', 'site', o.id, o.mun_id, ?3, ?4, o.address, 'offline', ?5,"
		       " nullif(?6, -1), ?7 FROM organisation o WHERE o.id = ?8",
		       "ttttiiii", title, kind, from, to, (int64_t)hours, (int64_t)places, site, org);
	*id = rc == ST_OK ? sqlite3_last_insert_rowid(s->db) : 0;
	return rc;
}

/* Book the event on up to n cards in work whose period holds it (the
 * teacher's first, when given), each only if the site's rules allow it
 * today (store_site_book_check: the status, the term, a place left) and
 * the card's period holds it (store_iom_activity_problem). */
static int demo_site_book(struct store *s, int64_t event, int64_t first_person, int n)
{
	int64_t cards[8];
	int nc = 0, rc = ST_OK;
	sqlite3_stmt *st = store_prepare(s,
		"SELECT i.id FROM iom i JOIN event e ON e.id = ?1"
		" WHERE i.archived = 0 AND i.status IN ('approved', 'in_progress')"
		" AND i.start_date <= e.start_date AND i.end_date >= e.end_date"
		" AND NOT EXISTS (SELECT 1 FROM iom_activity a WHERE a.iom_id = i.id AND a.event_id = e.id)"
		/* The teacher's first, then those with the fewest bookings at sites. */
		" ORDER BY i.person_id <> ?2, (SELECT count(*) FROM iom_activity b WHERE b.iom_id = i.id"
		" AND b.internship_site_id IS NOT NULL), i.id LIMIT 8");

	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_int64(st, 2, first_person);
	while (nc < 8 && sqlite3_step(st) == SQLITE_ROW)
		cards[nc++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int i = 0, done = 0; rc == ST_OK && i < nc && done < n; i++) {
		char *es = store_text(s, "SELECT start_date FROM event WHERE id = ?", "i", event);
		char *ee = store_text(s, "SELECT end_date FROM event WHERE id = ?", "i", event);
		bool fits = store_iom_activity_problem(s, cards[i], es, ee) == NULL &&
			    store_site_book_check(s, event) == ST_OK;
		free(es);
		free(ee);
		if (!fits)
			continue;
		rc = store_run(s, "INSERT INTO iom_activity (iom_id, category, event_id, internship_site_id, activity,"
			       " level, organiser, start_date, end_date, hours, sort)"
			       " SELECT ?1, 2, e.id, e.internship_site_id, e.title, e.level, coalesce(o.short_name, o.name),"
			       " e.start_date, e.end_date, e.hours,"
			       " (SELECT coalesce(max(sort), 0) + 1 FROM iom_activity WHERE iom_id = ?1 AND category = 2)"
			       " FROM event e LEFT JOIN organisation o ON o.id = e.organiser_org_id WHERE e.id = ?2",
			       "ii", cards[i], event);
		done++;
	}
	return rc;
}

/* Two sites with their status (the demo school head's school, and a
 * school of the demo municipal specialist's municipality), their events
 * with places and a few bookings from cards in work (the demo teacher's
 * among them), and an application of this year's selection window that
 * awaits the regional centre's review. No draw from the generator. */
static int demo_sites(struct act *a)
{
	struct store *s = a->d.s;
	int y = a->y1, m, d, wy, rc;
	int64_t school, mun, own, other, applicant, curator, teacher, site_a = 0, site_b = 0, ev[3] = { 0 };
	char applied[11];

	date_parse_iso(a->today, &y, &m, &d);
	school = store_int(s, "SELECT coalesce((SELECT r.org_id FROM user_role r JOIN app_user u ON u.id = r.user_id"
			   " WHERE u.login = 'school' AND r.role = 'school'), 0)", NULL);
	mun = store_int(s, "SELECT coalesce((SELECT r.mun_id FROM user_role r JOIN app_user u ON u.id = r.user_id"
			" WHERE u.login = 'municipal' AND r.role = 'municipal'), 0)", NULL);
	own = school ? school : store_int(s, "SELECT coalesce(min(id), 0) FROM organisation WHERE kind = 'school'"
					  " AND archived = 0", NULL);
	other = store_int(s, "SELECT coalesce((SELECT id FROM organisation WHERE kind = 'school' AND archived = 0"
			  " AND id <> ?1 ORDER BY mun_id IS NOT ?2, id LIMIT 1), 0)", "ii", own, mun);
	applicant = store_int(s, "SELECT coalesce((SELECT id FROM organisation WHERE kind IN ('school', 'kindergarten')"
			      " AND archived = 0 AND id NOT IN (?1, ?2) ORDER BY mun_id IN"
			      " (SELECT mun_id FROM organisation WHERE id IN (?1, ?2)), kind <> 'kindergarten', id"
			      " LIMIT 1), 0)", "ii", own, other);
	curator = store_int(s, "SELECT coalesce((SELECT person_id FROM app_user WHERE login = 'regional'), 0)", NULL);
	teacher = store_int(s, "SELECT coalesce((SELECT person_id FROM app_user WHERE login = 'teacher'), 0)", NULL);
	if (own == 0 || other == 0 || applicant == 0)
		return ST_OK;
	rc = demo_site_granted(s, own, curator, y - 1, "func_literacy",
			       "Формирование читательской грамотности обучающихся основной школы",
			       "Низкие результаты обучающихся в заданиях на работу с текстом", 10, &site_a);
	if (rc == ST_OK)
		rc = demo_site_granted(s, other, curator, y - 2, "digital",
				       "Цифровые инструменты учителя в повседневной практике",
				       "Педагоги мало используют цифровые ресурсы на уроке", 6, &site_b);
	if (rc == ST_OK)
		rc = demo_site_event(s, a->today, site_a, own, "internship",
				     "Стажировка «Читательская грамотность на уроках в основной школе»",
				     21, 23, 24, 8, &ev[0]);
	if (rc == ST_OK)
		rc = demo_site_event(s, a->today, site_a, own, "master_class",
				     "Мастер-класс «Задания PISA в школьном курсе»", 63, 63, 4, -1, &ev[1]);
	if (rc == ST_OK)
		rc = demo_site_event(s, a->today, site_b, other, "internship",
				     "Стажировка «Цифровая образовательная среда урока»", 35, 36, 16, 6, &ev[2]);
	if (rc == ST_OK)
		rc = demo_site_book(s, ev[0], teacher, 3);
	if (rc == ST_OK)
		rc = demo_site_book(s, ev[1], 0, 1);
	if (rc == ST_OK)
		rc = demo_site_book(s, ev[2], 0, 2);
	/* The application: of the latest selection window that has opened,
	 * dated in it and not after today. */
	wy = m >= 9 ? y : y - 1;
	date_iso(date_to_days(wy, 9, 15), applied);
	if (strcmp(applied, a->today) > 0)
		strlcpy0(applied, a->today, sizeof applied);
	if (rc == ST_OK)
		rc = store_run(s, "INSERT INTO internship_site (org_id, direction, topic, problem1, aud_teachers,"
			       " aud_managers, max_places, format, fmt_internship, fmt_iom, head_name, phone, email,"
			       " proposed_period, state, applied_date)"
			       " SELECT o.id, 'inclusive', 'Инклюзивная среда: сопровождение детей с ОВЗ', ?2, 1, 1, 12,"
			       " 'both', 1, 1, o.head_name, o.phone, o.email, '3 года', 'applied', ?3"
			       " FROM organisation o WHERE o.id = ?1",
			       "itt", applicant, "Педагогам не хватает опыта работы по адаптированным программам",
			       applied);
	return rc;
}
