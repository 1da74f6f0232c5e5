/* Record descriptors and the validation of what users type. */
#include "model.h"
#include "config.h"
#include "date.h"
#include "text.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct enum_opt model_org_kinds[] = {
	{ "school", "школа" },
	{ "kindergarten", "детский сад (ДОО)" },
	{ "additional", "доп. образование" },
	{ "college", "СПО" },
	{ "institute", "институт (ЦНППМ)" },
	{ "authority", "орган управления" },
	{ NULL, NULL }
};

const struct enum_opt model_sexes[] = {
	{ "m", "мужской" },
	{ "f", "женский" },
	{ NULL, NULL }
};

const struct enum_opt model_educations[] = {
	{ "higher_ped", "высшее педагогическое" },
	{ "higher", "высшее" },
	{ "spo_ped", "СПО педагогическое" },
	{ "spo", "СПО" },
	{ "other", "иное" },
	{ NULL, NULL }
};

const struct enum_opt model_categories[] = {
	{ "none", "без категории" },
	{ "szd", "соответствие должности" },
	{ "first", "первая" },
	{ "highest", "высшая" },
	{ NULL, NULL }
};

const struct enum_opt model_course_forms[] = {
	{ "advanced", "повышение квалификации" },
	{ "retraining", "переподготовка" },
	{ "internship", "стажировка" },
	{ NULL, NULL }
};

/* Table 3 «Форма обучения» (seed 003), the closed list. */
const struct enum_opt model_study_modes[] = {
	{ "full_time", "очная" },
	{ "mixed", "очно-заочная" },
	{ "extramural", "заочная" },
	{ "distance", "с применением дистанционных технологий" },
	{ NULL, NULL }
};

/* Where a person works: his main place, or as a part-timer from within
 * the organisation or from outside (not counted in the tables). */
const struct enum_opt model_employments[] = {
	{ "main", "основное место работы" },
	{ "internal", "внутренний совместитель" },
	{ "external", "внешний совместитель" },
	{ NULL, NULL }
};

/* The founder (учредитель) of an organisation: «муниципальные» of
 * indicator №9 are those founded by a municipality. */
const struct enum_opt model_founders[] = {
	{ "municipal", "муниципальная" },
	{ "regional", "региональная" },
	{ "federal", "федеральная" },
	{ "private", "частная" },
	{ NULL, NULL }
};

const struct enum_opt model_roles[] = {
	{ "teacher", "педагог" },
	{ "curator", "куратор ИОМ" },
	{ "developer", "разработчик ИОМ" },
	{ "school", "руководитель ОО" },
	{ "municipal", "муниципальный специалист" },
	{ "regional", "региональный центр (ЦНППМ)" },
	{ "admin", "администратор" },
	{ NULL, NULL }
};

static const struct field_desc org_fields[] = {
	{ "code", "Код", F_TEXT, true, 0, 0, NULL, NULL },
	{ "name", "Полное наименование", F_TEXT, true, 0, 0, NULL, NULL },
	{ "short_name", "Краткое наименование", F_TEXT, false, 0, 0, NULL, NULL },
	{ "kind", "Тип", F_ENUM, true, 0, 0, model_org_kinds, NULL },
	{ "mun_id", "Муниципалитет", F_REF, false, 0, 0, NULL, "municipality" },
	{ "address", "Адрес", F_TEXT, false, 0, 0, NULL, NULL },
	{ "head_name", "Руководитель", F_TEXT, false, 0, 0, NULL, NULL },
	{ "phone", "Телефон", F_PHONE, false, 0, 0, NULL, NULL },
	{ "email", "E-mail", F_EMAIL, false, 0, 0, NULL, NULL },
	/* The Aromashevo variant (seed 001): the head sees his teachers'
	 * individual results. Only the regional centre sets it (access.c). */
	{ "sees_results", "Результаты руководителю", F_BOOL, false, 0, 0, NULL, NULL },
	/* Indicators №9 and №7 of seed 003 (schema step 18). */
	{ "founder", "Учредитель", F_ENUM, false, 0, 0, model_founders, NULL },
	{ "mentoring_plan_date", "Программа наставничества", F_DATE, false, 0, 0, NULL, NULL },
	/* The dates its plans were adopted (schema step 19): 003 №6 and the
	 * organisations' indicators of 000. */
	{ "attestation_plan_date", "План сопровожд. аттест.", F_DATE, false, 0, 0, NULL, NULL },
	{ "pd_statute_date", "Положение о непр. разв.", F_DATE, false, 0, 0, NULL, NULL },
	{ "vsoko_ippr_date", "ИППР во ВСОКО", F_DATE, false, 0, 0, NULL, NULL },
	{ "job_ippr_date", "Должн. инструкции: ИППР", F_DATE, false, 0, 0, NULL, NULL },
};

const struct table_desc model_organisation = {
	"organisation", "организация", org_fields, (int)NITEMS(org_fields),
	"name_key", { "short_name", NULL, NULL, NULL },
	NULL,
};

static const struct field_desc person_fields[] = {
	{ "surname", "Фамилия", F_TEXT, true, 0, 0, NULL, NULL },
	{ "name", "Имя", F_TEXT, true, 0, 0, NULL, NULL },
	{ "patronymic", "Отчество", F_TEXT, false, 0, 0, NULL, NULL },
	{ "birth_date", "Дата рождения", F_DATE, false, 0, 0, NULL, NULL },
	{ "sex", "Пол", F_ENUM, false, 0, 0, model_sexes, NULL },
	{ "external_id", "Табельный номер", F_TEXT, false, 0, 0, NULL, NULL },
	{ "org_id", "Организация", F_REF, true, 0, 0, NULL, "organisation" },
	{ "position", "Должность", F_TEXT, false, 0, 0, NULL, NULL },
	{ "subjects", "Предмет(ы)", F_TEXT, false, 0, 0, NULL, NULL },
	{ "education", "Образование", F_ENUM, false, 0, 0, model_educations, NULL },
	{ "experience_years", "Пед. стаж, лет", F_INT, false, 0, 70, NULL, NULL },
	{ "experience_date", "Стаж на дату", F_DATE, false, 0, 0, NULL, NULL },
	{ "category", "Категория", F_ENUM, false, 0, 0, model_categories, NULL },
	{ "attestation_date", "Дата аттестации", F_DATE, false, 0, 0, NULL, NULL },
	{ "degree", "Учёная степень", F_TEXT, false, 0, 0, NULL, NULL },
	{ "title", "Звание", F_TEXT, false, 0, 0, NULL, NULL },
	{ "awards", "Награды, поощрения", F_MEMO, false, 0, 0, NULL, NULL },
	{ "is_methodist", "Педагог-методист", F_BOOL, false, 0, 0, NULL, NULL },
	{ "is_mentor", "Педагог-наставник", F_BOOL, false, 0, 0, NULL, NULL },
	{ "is_manager", "Управленческие кадры", F_BOOL, false, 0, 0, NULL, NULL },
	{ "self_education", "Тема самообразования", F_TEXT, false, 0, 0, NULL, NULL },
	{ "phone", "Телефон", F_PHONE, false, 0, 0, NULL, NULL },
	{ "email", "E-mail", F_EMAIL, false, 0, 0, NULL, NULL },
	{ "notes", "Доп. сведения", F_MEMO, false, 0, 0, NULL, NULL },
	/* What he can curate (§4.4.2 «соответствующего профиля»): subjects and
	 * competency blocks in words («математика; методические, предметные»),
	 * matched by the curator rule (store/curators.c). Last, so that the
	 * fields above keep their places in the form. */
	{ "curator_profile", "Профиль куратора", F_TEXT, false, 0, 0, NULL, NULL },
	/* «без внешних совместителей» of the tables (schema step 18); empty
	 * is the main place of work. */
	{ "employment", "Работа", F_ENUM, false, 0, 0, model_employments, NULL },
	/* 003 №18: since when he uses modern educational technologies (schema
	 * step 19); empty — not known to. */
	{ "modern_tech_date", "Соврем. технологии с", F_DATE, false, 0, 0, NULL, NULL },
};

int model_experience(const char *years, const char *on_date, const char *day)
{
	int n, since, back, oy, om, od, y, m, d;

	if (years == NULL || *years == '\0')
		return -1;
	n = atoi(years);
	if (on_date == NULL || !date_parse_iso(on_date, &oy, &om, &od) || !date_parse_iso(day, &y, &m, &d))
		return n;
	if ((since = date_years_between(on_date, day)) >= 0)
		return n + since;
	/* A day before the record: n years on on_date means he began at the
	 * latest n years before it, so a part of a year back counts whole —
	 * never counted as working before he may have begun. */
	back = date_years_between(day, on_date);
	if (m != om || d != od)
		back++;
	return n - back >= 0 ? n - back : -1;
}

char *model_experience_text(const char *years, const char *on_date, const char *today)
{
	int n = model_experience(years, on_date, today);

	if (n < 0)
		return xstrdup("");
	return xasprintf("%d%s", n, n <= 3 ? " (молодой специалист)" : "");
}

const struct table_desc model_person = {
	"person", "педагог", person_fields, (int)NITEMS(person_fields),
	"surname_key", { "surname", "name", "patronymic", NULL },
	NULL,
};

static const struct field_desc course_fields[] = {
	{ "person_id", "Педагог", F_REF, true, 0, 0, NULL, "person" },
	{ "title", "Программа", F_TEXT, true, 0, 0, NULL, NULL },
	{ "form", "Форма", F_ENUM, true, 0, 0, model_course_forms, NULL },
	{ "hours", "Часов", F_INT, true, 1, 3000, NULL, NULL },
	{ "provider", "Организатор", F_TEXT, false, 0, 0, NULL, NULL },
	{ "start_date", "Начало", F_DATE, false, 0, 0, NULL, NULL },
	{ "end_date", "Окончание", F_DATE, true, 0, 0, NULL, NULL },
	{ "document", "Документ", F_TEXT, false, 0, 0, NULL, NULL },
	/* Table 3 «Форма обучения» (schema step 18). */
	{ "study_mode", "Форма обучения", F_ENUM, false, 0, 0, model_study_modes, NULL },
};

const struct table_desc model_course = {
	"course", "курс", course_fields, (int)NITEMS(course_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"person_id",
};

static const struct field_desc deficit_fields[] = {
	{ "code", "Код", F_TEXT, true, 0, 0, NULL, NULL },
	{ "block_id", "Блок компетенций", F_REF, true, 0, 0, NULL, "competency_block" },
	{ "wording", "Формулировка дефицита", F_MEMO, true, 0, 0, NULL, NULL },
	{ "subject", "Предмет (если один)", F_TEXT, false, 0, 0, NULL, NULL },
};

const struct table_desc model_deficit_code = {
	"deficit_code", "код дефицита", deficit_fields, (int)NITEMS(deficit_fields),
	NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

const struct enum_opt model_activity_categories[] = {
	{ "1", "1. Получение дополнительных знаний, опыта" },
	{ "2", "2. Профессиональное развитие и обмен опытом" },
	{ "3", "3. Демонстрация личного опыта" },
	{ "4", "4. Наставничество" },
	{ "5", "5. Профилактика профессионального выгорания" },
	{ NULL, NULL }
};

const struct enum_opt model_event_levels[] = {
	{ "international", "международный" },
	{ "federal", "федеральный" },
	{ "regional", "региональный" },
	{ "municipal", "муниципальный" },
	{ "school", "уровень ОО" },
	{ NULL, NULL }
};

/* The forms of intermediate and final reporting events, 001 §4.6, in its
 * words: the teacher picks one when he marks a roadmap row. */
const struct enum_opt model_result_forms[] = {
	{ "mo_talk", "выступление на заседании МО по теме курсов" },
	{ "open_lesson", "открытый урок" },
	{ "workshop", "мастерская учителя" },
	{ "master_class", "мастер-класс" },
	{ "council", "презентация на заседании педсовета" },
	{ "publication", "публикация материалов" },
	{ "other", "иное" },
	{ NULL, NULL }
};

/* Not marked yet (NULL) is not the same as «не выполнено». */
static const struct enum_opt model_done_marks[] = {
	{ "1", "выполнено" },
	{ "0", "не выполнено" },
	{ NULL, NULL }
};

static const struct field_desc activity_fields[] = {
	{ "iom_id", "ИОМ", F_REF, true, 0, 0, NULL, "iom" },
	{ "category", "Направление", F_ENUM, true, 0, 0, model_activity_categories, NULL },
	{ "activity", "Мероприятие", F_TEXT, true, 0, 0, NULL, NULL },
	{ "competencies", "Формируемые компетенции", F_TEXT, false, 0, 0, NULL, NULL },
	{ "level", "Уровень", F_ENUM, false, 0, 0, model_event_levels, NULL },
	{ "organiser", "Организатор", F_TEXT, false, 0, 0, NULL, NULL },
	{ "start_date", "Начало", F_DATE, false, 0, 0, NULL, NULL },
	{ "end_date", "Окончание", F_DATE, false, 0, 0, NULL, NULL },
	{ "deficit_codes", "Коды дефицитов", F_TEXT, false, 0, 0, NULL, NULL },
	{ "done", "Отметка о выполнении", F_ENUM, false, 0, 0, model_done_marks, NULL },
	{ "reason_not_done", "Причина невыполнения", F_TEXT, false, 0, 0, NULL, NULL },
	{ "result", "Результат", F_MEMO, false, 0, 0, NULL, NULL },
	{ "result_form", "Форма представления", F_ENUM, false, 0, 0, model_result_forms, NULL },
};

const struct table_desc model_iom_activity = {
	"iom_activity", "мероприятие ИОМ", activity_fields, (int)NITEMS(activity_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"iom_id",
};

static const struct field_desc iom_fields[] = {
	{ "tasks", "Задачи", F_MEMO, false, 0, 0, NULL, NULL },
	{ "start_date", "Начало работы", F_DATE, false, 0, 0, NULL, NULL },
	{ "end_date", "Окончание работы", F_DATE, false, 0, 0, NULL, NULL },
	{ "final_event", "Итоговое мероприятие", F_TEXT, false, 0, 0, NULL, NULL },
	{ "final_event_level", "Его уровень", F_ENUM, false, 0, 0, model_event_levels, NULL },
	{ "final_event_participants", "Число участников", F_INT, false, 0, 100000, NULL, NULL },
	{ "final_event_date", "Дата мероприятия", F_DATE, false, 0, 0, NULL, NULL },
	{ "self_analysis", "Самоанализ педагога", F_MEMO, false, 0, 0, NULL, NULL },
	{ "conclusions", "Выводы куратора", F_MEMO, false, 0, 0, NULL, NULL },
	{ "next_diagnostic_date", "Следующая диагностика", F_DATE, false, 0, 0, NULL, NULL },
};

const struct table_desc model_iom = {
	"iom", "ИОМ", iom_fields, (int)NITEMS(iom_fields),
	NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

static const struct enum_opt application_kinds[] = {
	{ "individual", "индивидуальная" },
	{ "collective", "коллективная (письмо руководителя ОО)" },
	{ NULL, NULL }
};

static const struct enum_opt application_channels[] = {
	{ "written", "письменная" },
	{ "oral", "устная" },
	{ NULL, NULL }
};

static const struct enum_opt application_forms[] = {
	{ "standardized", "стандартизированная процедура" },
	{ "self", "самодиагностика" },
	{ "activity", "по результатам деятельности" },
	{ "expert", "экспертная оценка" },
	{ NULL, NULL }
};

const struct enum_opt model_application_states[] = {
	{ "received", "получена" },
	{ "contacted", "заявитель уведомлён" },
	{ "scheduled", "диагностика назначена" },
	{ "held", "диагностика проведена" },
	{ "results_given", "результаты сообщены" },
	{ "declined", "отклонена" },
	{ "cancelled", "отозвана" },
	{ NULL, NULL }
};

static const struct field_desc application_fields[] = {
	{ "kind", "Вид заявки", F_ENUM, true, 0, 0, application_kinds, NULL },
	{ "channel", "Форма подачи", F_ENUM, true, 0, 0, application_channels, NULL },
	{ "form", "Форма диагностики", F_ENUM, true, 0, 0, application_forms, NULL },
	{ "org_id", "Организация", F_REF, false, 0, 0, NULL, "organisation" },
	{ "applicant_name", "Заявитель", F_TEXT, true, 0, 0, NULL, NULL },
	{ "subjects", "Предметы", F_TEXT, false, 0, 0, NULL, NULL },
	{ "participants", "Число участников", F_INT, false, 0, 10000, NULL, NULL },
	{ "received_date", "Получена", F_DATE, true, 0, 0, NULL, NULL },
	{ "contacted_date", "Заявитель уведомлён", F_DATE, false, 0, 0, NULL, NULL },
	{ "diagnostic_date", "Дата диагностики", F_DATE, false, 0, 0, NULL, NULL },
	{ "results_date", "Результаты сообщены", F_DATE, false, 0, 0, NULL, NULL },
	{ "ordered_by_authority", "Заказ органа упр.", F_BOOL, false, 0, 0, NULL, NULL },
	{ "order_ref", "Реквизиты заказа", F_TEXT, false, 0, 0, NULL, NULL },
	{ "state", "Состояние", F_ENUM, true, 0, 0, model_application_states, NULL },
	{ "notes", "Примечания", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_application = {
	"diagnostic_application", "заявка на диагностику", application_fields,
	(int)NITEMS(application_fields), NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

static const struct enum_opt consent_marks[] = {
	{ "1", "согласен" },
	{ "0", "не согласен" },
	{ NULL, NULL }
};

static const struct field_desc consent_fields[] = {
	{ "application_id", "Заявка", F_REF, true, 0, 0, NULL, "diagnostic_application" },
	{ "person_id", "Педагог", F_REF, true, 0, 0, NULL, "person" },
	{ "subject", "Предмет", F_TEXT, false, 0, 0, NULL, NULL },
	{ "block_id", "Блок компетенций", F_REF, true, 0, 0, NULL, "competency_block" },
	{ "consent", "Согласие", F_ENUM, true, 0, 0, consent_marks, NULL },
	{ "consent_date", "Дата согласия", F_DATE, false, 0, 0, NULL, NULL },
};

const struct table_desc model_consent = {
	"application_consent", "согласие педагога", consent_fields, (int)NITEMS(consent_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"application_id",
};

static const struct field_desc ippr_fields[] = {
	{ "iom_id", "ИОМ", F_REF, true, 0, 0, NULL, "iom" },
	{ "block_id", "Компетенция", F_REF, true, 0, 0, NULL, "competency_block" },
	{ "tasks", "Ведущие задачи", F_MEMO, false, 0, 0, NULL, NULL },
	{ "labour_functions", "Трудовые функции (ТФ)", F_MEMO, false, 0, 0, NULL, NULL },
	{ "knowledge_skills", "Нужные знания и умения", F_MEMO, false, 0, 0, NULL, NULL },
	{ "actions", "Что будет сделано", F_MEMO, true, 0, 0, NULL, NULL },
	{ "expected_result", "Ожидаемый результат", F_MEMO, false, 0, 0, NULL, NULL },
	{ "deadline", "Срок (как в плане)", F_TEXT, false, 0, 0, NULL, NULL },
	{ "due_date", "Срок (дата)", F_DATE, false, 0, 0, NULL, NULL },
};

const struct table_desc model_ippr_row = {
	"ippr_row", "строка ИППР", ippr_fields, (int)NITEMS(ippr_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"iom_id",
};

/* Omsk, 000: the level of mastery after a course, now and planned. */
const struct enum_opt model_mastery_levels[] = {
	{ "reproduction", "осмысленное воспроизведение" },
	{ "by_model", "применение по образцу" },
	{ "creative", "творческая деятельность" },
	{ "translation", "трансляция опыта" },
	{ NULL, NULL }
};

static const struct field_desc interview_fields[] = {
	{ "person_id", "Педагог", F_REF, true, 0, 0, NULL, "person" },
	{ "course_title", "Курс (КПК)", F_TEXT, true, 0, 0, NULL, NULL },
	{ "interview_date", "Дата собеседования", F_DATE, true, 0, 0, NULL, NULL },
	{ "stage_setting", "1. Установочный этап", F_MEMO, false, 0, 0, NULL, NULL },
	{ "stage_reflective", "2. Рефлексивный этап", F_MEMO, false, 0, 0, NULL, NULL },
	{ "stage_motivational", "3. Мотивационный этап", F_MEMO, false, 0, 0, NULL, NULL },
	{ "stage_design", "4. Проектировочный этап", F_MEMO, false, 0, 0, NULL, NULL },
	{ "stage_prognostic", "5. Прогностический этап", F_MEMO, false, 0, 0, NULL, NULL },
	{ "level_now", "Уровень освоения сейчас", F_ENUM, false, 0, 0, model_mastery_levels, NULL },
	{ "level_planned", "Уровень планируемый", F_ENUM, false, 0, 0, model_mastery_levels, NULL },
	{ "employer_followup_date", "Контроль через 3 мес.", F_DATE, false, 0, 0, NULL, NULL },
	{ "employer_followup_note", "Контроль работодателя", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_interview = {
	"course_interview", "собеседование по итогам КПК", interview_fields,
	(int)NITEMS(interview_fields), NULL, { NULL, NULL, NULL, NULL },
	"person_id",
};

const struct enum_opt model_measure_states[] = {
	{ "planned", "запланировано" },
	{ "in_progress", "выполняется" },
	{ "done", "выполнено" },
	{ "cancelled", "отменено" },
	{ NULL, NULL }
};

static const struct field_desc measure_fields[] = {
	{ "year", "Год (пусто — ежегодно)", F_INT, false, 2000, 2100, NULL, NULL },
	{ "activity", "Мероприятие", F_TEXT, true, 0, 0, NULL, NULL },
	{ "responsible", "Ответственные", F_TEXT, false, 0, 0, NULL, NULL },
	{ "period", "Срок (как в плане)", F_TEXT, false, 0, 0, NULL, NULL },
	{ "start_date", "Начало", F_DATE, false, 0, 0, NULL, NULL },
	{ "end_date", "Окончание", F_DATE, false, 0, 0, NULL, NULL },
	{ "documents", "Подтверждающие документы", F_MEMO, false, 0, 0, NULL, NULL },
	{ "state", "Состояние", F_ENUM, true, 0, 0, model_measure_states, NULL },
	{ "indicator_id", "Показатель", F_REF, false, 0, 0, NULL, "indicator" },
	{ "mun_id", "Муниципалитет", F_REF, false, 0, 0, NULL, "municipality" },
	{ "org_id", "Организация", F_REF, false, 0, 0, NULL, "organisation" },
	{ "effect", "Результат и влияние", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_measure = {
	"support_measure", "мера поддержки", measure_fields, (int)NITEMS(measure_fields),
	NULL, { NULL, NULL, NULL, NULL }, NULL,
};

static const struct enum_opt recommendation_sources[] = {
	{ "monitoring", "по итогам мониторинга" },
	{ "visit_municipal", "выезд муниципалитета" },
	{ "visit_regional", "выезд региона" },
	{ "diagnostic", "по итогам диагностики" },
	{ "other", "иное" },
	{ NULL, NULL }
};

const struct enum_opt model_recommendation_states[] = {
	{ "issued", "выдана" },
	{ "in_progress", "выполняется" },
	{ "done", "выполнена" },
	{ "cancelled", "отменена" },
	{ NULL, NULL }
};

static const struct field_desc recommendation_fields[] = {
	{ "rec_date", "Дата", F_DATE, true, 0, 0, NULL, NULL },
	{ "source", "Основание", F_ENUM, true, 0, 0, recommendation_sources, NULL },
	{ "mun_id", "Муниципалитет", F_REF, false, 0, 0, NULL, "municipality" },
	{ "org_id", "Организация", F_REF, false, 0, 0, NULL, "organisation" },
	{ "indicator_id", "Показатель", F_REF, false, 0, 0, NULL, "indicator" },
	{ "text", "Рекомендация", F_MEMO, true, 0, 0, NULL, NULL },
	{ "state", "Состояние", F_ENUM, true, 0, 0, model_recommendation_states, NULL },
	{ "due_date", "Срок", F_DATE, false, 0, 0, NULL, NULL },
	{ "done_date", "Выполнена", F_DATE, false, 0, 0, NULL, NULL },
	{ "result", "Результат", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_recommendation = {
	"recommendation", "адресная рекомендация", recommendation_fields,
	(int)NITEMS(recommendation_fields), NULL, { NULL, NULL, NULL, NULL }, NULL,
};

int model_field_index(const struct table_desc *t, const char *col)
{
	for (int i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].col, col) == 0)
			return i;
	return -1;
}

const struct field_desc *model_field(const struct table_desc *t, const char *col)
{
	int i = model_field_index(t, col);
	return i < 0 ? NULL : &t->fields[i];
}

const char *model_enum_label(const struct enum_opt *opts, const char *code)
{
	if (code == NULL)
		return "";
	for (; opts->code; opts++)
		if (strcmp(opts->code, code) == 0)
			return opts->label;
	return code;
}

const char *model_enum_code(const struct enum_opt *opts, const char *text)
{
	char *want = text_fold(text);
	const char *found = NULL;

	for (; opts->code && !found; opts++) {
		char *l = text_fold(opts->label);
		if (strcmp(want, l) == 0 || strcmp(text, opts->code) == 0)
			found = opts->code;
		free(l);
	}
	free(want);
	return found;
}

static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') || strchr(s, ' '))
		return false;
	const char *dot = strrchr(at, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

static bool phone_ok(const char *s)
{
	int digits = 0;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr("+-() ", *s))
			return false;
	}
	return digits >= 5 && digits <= 15;
}

/* Codes: the organisation's code is Latin (the register's OO001), the
 * codifier's deficit code Cyrillic («П-1», «М-1»). A letter drawn alike in
 * both alphabets (О/O, М/M, Р/P...) is turned into the code's alphabet:
 * the one its other letters leave no choice about (Ж or П only Cyrillic,
 * D or F only Latin), else the column's own. So «ОО014» typed in the
 * Russian layout is saved as OO014, "M-1" as «М-1», and no code is saved
 * half in one alphabet and half in the other. Other code-like columns are
 * left as typed: the табельный номер (ТН-000001) is the employer's own
 * number, in any alphabet, and the roadmap's «Коды дефицитов» is a note
 * that lists codes, not a key. */
enum code_alpha { CODE_NONE, CODE_LATIN, CODE_CYRILLIC };

static enum code_alpha code_alphabet(const struct field_desc *f)
{
	if (f >= org_fields && f < org_fields + NITEMS(org_fields) && strcmp(f->col, "code") == 0)
		return CODE_LATIN;
	if (f >= deficit_fields && f < deficit_fields + NITEMS(deficit_fields) &&
	    strcmp(f->col, "code") == 0)
		return CODE_CYRILLIC;
	return CODE_NONE;
}

bool model_field_is_code(const struct field_desc *f)
{
	return code_alphabet(f) != CODE_NONE;
}

/* The Russian letter a Latin one is drawn like, or 0. */
static uint32_t cyrillic_twin(uint32_t cp)
{
	static const char lat[] = "ABEKMHOPCTYXaekopcyx";
	static const uint32_t cyr[] = {
		0x0410, 0x0412, 0x0415, 0x041a, 0x041c, 0x041d, 0x041e, 0x0420, 0x0421, 0x0422,
		0x0423, 0x0425, 0x0430, 0x0435, 0x043a, 0x043e, 0x0440, 0x0441, 0x0443, 0x0445,
	};
	const char *p = cp > 0 && cp < 0x80 ? strchr(lat, (int)cp) : NULL;

	return p ? cyr[p - lat] : 0;
}

/* Whether a Cyrillic letter is drawn like a Latin one (text_latin_lookalike). */
static bool has_latin_twin(const char *s, int len)
{
	char one[8], *l;
	bool yes;

	memcpy(one, s, (size_t)len);
	one[len] = '\0';
	l = text_latin_lookalike(one);
	yes = (unsigned char)l[0] < 0x80 && l[0] != '\0';
	free(l);
	return yes;
}

/* The code in one alphabet (see above); caller frees. */
static char *code_canonical(const char *v, enum code_alpha column)
{
	enum code_alpha to = column;
	bool lat_only = false, cyr_only = false;
	size_t left = strlen(v);
	const char *s = v;
	char *out, *o;
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		if (len == 0)
			len = 1;
		else if (cp < 0x80 && isalpha((int)cp) && cyrillic_twin(cp) == 0)
			lat_only = true;
		else if (cp >= 0x0400 && cp <= 0x04ff && !has_latin_twin(s, len))
			cyr_only = true;
		s += len;
		left -= (size_t)len;
	}
	if (lat_only && !cyr_only)
		to = CODE_LATIN;
	else if (cyr_only && !lat_only)
		to = CODE_CYRILLIC;
	if (to == CODE_LATIN)
		return text_latin_lookalike(v);
	/* A Latin letter (one byte) becomes a Russian one (two bytes). */
	out = o = xmalloc(2 * strlen(v) + 1);
	for (s = v, left = strlen(v); left > 0;) {
		int len = utf8_decode(s, left, &cp);
		uint32_t c = len == 1 ? cyrillic_twin(cp) : 0;
		if (len == 0)
			len = 1;
		if (c) {
			*o++ = (char)(0xc0 | (c >> 6));
			*o++ = (char)(0x80 | (c & 0x3f));
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

bool model_field_is_birth(const struct field_desc *f)
{
	return f->type == F_DATE && strcmp(f->col, "birth_date") == 0;
}

const char *model_check(const struct config *cfg, const struct field_desc *f,
			const char *input, char **out)
{
	static char msg[160];
	const char *m;
	char *v;
	int max = f->type == F_MEMO ? cfg->text_chars : cfg->name_chars;

	*out = NULL;
	/* Encoding and control characters first, then the length of what is
	 * left after trimming. */
	m = text_check(input, SIZE_MAX, f->type == F_MEMO);
	if (m)
		return m;
	v = xstrdup(input);
	strtrim(v);
	if (v[0] == '\0') {
		free(v);
		if (f->type == F_BOOL && !f->required) {
			*out = xstrdup("0");   /* an unticked flag is "нет", not unknown */
			return NULL;
		}
		return f->required ? "обязательное поле" : NULL;
	}
	if ((m = text_check(v, (size_t)max, f->type == F_MEMO)) != NULL) {
		free(v);
		return m;
	}
	switch (f->type) {
	case F_TEXT:
		if (code_alphabet(f) != CODE_NONE) {
			char *c = code_canonical(v, code_alphabet(f));
			free(v);
			v = c;
		}
		break;
	case F_MEMO:
		break;
	case F_DATE: {
		char iso[11];
		if ((m = date_read(v, model_field_is_birth(f) ? DATE_BIRTH : DATE_ANY, NULL, iso)) != NULL) {
			free(v);
			return m;
		}
		free(v);
		v = xstrdup(iso);
		break;
	}
	case F_INT:
	case F_REF: {
		char *end;
		long n;
		errno = 0;
		n = strtol(v, &end, 10);
		if (*end != '\0' || end == v || errno == ERANGE) {
			free(v);
			return "нужно целое число";
		}
		if (f->type == F_REF && n <= 0) {
			free(v);
			return "выберите значение из списка (Enter)";
		}
		if (f->type == F_INT && (n < f->min || n > f->max)) {
			snprintf(msg, sizeof msg, "число от %d до %d", f->min, f->max);
			free(v);
			return msg;
		}
		free(v);
		v = xasprintf("%ld", n);
		break;
	}
	case F_ENUM: {
		const char *code = model_enum_code(f->opts, v);
		free(v);
		if (code == NULL)
			return "выберите значение из списка (Enter)";
		v = xstrdup(code);
		break;
	}
	case F_BOOL: {
		char *k = text_fold(v);
		int yes = !strcmp(k, "да") || !strcmp(k, "1") || !strcmp(k, "д");
		int no = !strcmp(k, "нет") || !strcmp(k, "0") || !strcmp(k, "н");
		free(k);
		free(v);
		if (!yes && !no)
			return "да или нет";
		v = xstrdup(yes ? "1" : "0");
		break;
	}
	case F_EMAIL:
		if (!email_ok(v)) {
			free(v);
			return "адрес вида имя@домен.ru";
		}
		break;
	case F_PHONE:
		if (!phone_ok(v)) {
			free(v);
			return "телефон: цифры, +, -, скобки, пробелы";
		}
		break;
	}
	*out = v;
	return NULL;
}

char *model_display(const struct field_desc *f, const char *stored)
{
	char buf[11];

	if (stored == NULL)
		return xstrdup("");
	switch (f->type) {
	case F_DATE:
		date_format_ru(stored, buf);
		return xstrdup(buf);
	case F_ENUM:
		return xstrdup(model_enum_label(f->opts, stored));
	case F_BOOL:
		return xstrdup(strcmp(stored, "1") == 0 ? "да" : "нет");
	default:
		return xstrdup(stored);
	}
}

const char *model_deficit_level(const struct config *cfg, int percent)
{
	if (percent < cfg->deficit_high_below)
		return "high";
	if (percent < cfg->deficit_medium_below)
		return "medium";
	return "low";
}

/* --- events and diagnostics (the catalogue, the import) ------------------ */

static const struct enum_opt event_kinds[] = {
	{ "retraining", "переподготовка" }, { "course", "курсы" }, { "internship", "стажировка" },
	{ "forum", "форум" }, { "conference", "конференция" }, { "seminar", "семинар" },
	{ "webinar", "вебинар" }, { "master_class", "мастер-класс" }, { "workshop", "мастерская" },
	{ "contest", "конкурс" }, { "lesson_visit", "посещение уроков" },
	{ "open_lesson", "открытый урок" }, { "talk", "выступление" },
	{ "round_table", "круглый стол" }, { "mo_meeting", "заседание МО" },
	{ "mentoring", "наставничество" }, { "training", "тренинг" }, { "coaching", "коучинг" },
	{ "consultation", "консультация" }, { "other", "иное" },
	{ NULL, NULL }
};

static const struct enum_opt event_formats[] = {
	{ "offline", "очно" },
	{ "online", "дистанционно" },
	{ "mixed", "смешанный" },
	{ NULL, NULL }
};

static const struct field_desc event_fields[] = {
	{ "title", "Название", F_TEXT, true, 0, 0, NULL, NULL },
	{ "category", "Направление", F_ENUM, false, 0, 0, model_activity_categories, NULL },
	{ "kind", "Вид", F_ENUM, false, 0, 0, event_kinds, NULL },
	{ "level", "Уровень", F_ENUM, true, 0, 0, model_event_levels, NULL },
	{ "organiser", "Организатор", F_TEXT, false, 0, 0, NULL, NULL },
	{ "start_date", "Начало", F_DATE, false, 0, 0, NULL, NULL },
	{ "end_date", "Окончание", F_DATE, false, 0, 0, NULL, NULL },
	{ "place", "Место", F_TEXT, false, 0, 0, NULL, NULL },
	{ "format", "Формат", F_ENUM, false, 0, 0, event_formats, NULL },
	{ "hours", "Часов", F_INT, false, 0, 3000, NULL, NULL },
	{ "places", "Мест", F_INT, false, 0, 100000, NULL, NULL },
	{ "description", "Описание", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_event = {
	"event", "мероприятие", event_fields, (int)NITEMS(event_fields),
	NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

/* --- participation (contests, scientific-methodological events, МО) ------ */

const struct enum_opt model_participation_kinds[] = {
	{ "contest", "конкурс профессионального мастерства" },
	{ "scimethod", "научно-методическое мероприятие" },
	{ "city_mo", "городское методическое объединение" },
	{ "other", "иное" },
	{ NULL, NULL }
};

const struct enum_opt model_contest_results[] = {
	{ "participant", "участник" },
	{ "laureate", "лауреат" },
	{ "prize", "призёр" },
	{ "winner", "победитель" },
	{ NULL, NULL }
};

const struct enum_opt model_participation_roles[] = {
	{ "participant", "участник" },
	{ "speaker", "докладчик" },   /* the seed's word (Table 11), everywhere */
	{ "expert", "эксперт" },
	{ "organiser", "организатор" },
	{ "coordinator", "координатор" },
	{ "head", "руководитель" },
	{ NULL, NULL }
};

static const struct field_desc participation_fields[] = {
	{ "person_id", "Педагог", F_REF, true, 0, 0, NULL, "person" },
	{ "org_id", "Направившая организация", F_REF, false, 0, 0, NULL, "organisation" },
	{ "event_id", "Мероприятие", F_REF, false, 0, 0, NULL, "event" },
	{ "kind", "Вид участия", F_ENUM, true, 0, 0, model_participation_kinds, NULL },
	{ "title", "Название", F_TEXT, false, 0, 0, NULL, NULL },
	{ "level", "Уровень", F_ENUM, false, 0, 0, model_event_levels, NULL },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "event_date", "Дата", F_DATE, false, 0, 0, NULL, NULL },
	{ "result", "Результат", F_ENUM, false, 0, 0, model_contest_results, NULL },
	{ "role", "Роль", F_ENUM, false, 0, 0, model_participation_roles, NULL },
	{ "city_mo_id", "Городское объединение", F_REF, false, 0, 0, NULL, "city_mo" },
	{ "notes", "Примечания", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_participation = {
	"participation", "участие", participation_fields, (int)NITEMS(participation_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"person_id",
};

/* --- internship sites (004 App.4) ----------------------------------------- */

const struct enum_opt model_site_directions[] = {
	{ "func_literacy", "функциональная грамотность" },
	{ "fgos", "обновлённые ФГОС" },
	{ "subject_content", "актуализация содержания предмета" },
	{ "learning", "учебная деятельность" },
	{ "digital", "цифровые технологии" },
	{ "upbringing", "воспитательная деятельность" },
	{ "interaction", "взаимодействие участников образовательных отношений" },
	{ "health", "здоровьесбережение" },
	{ "info_security", "информационная безопасность" },
	{ "inclusive", "инклюзивное образование" },
	{ "mentoring", "наставничество и тьюторство" },
	{ "management", "управление ОО" },
	{ "additional", "дополнительное образование" },
	{ "early_dev", "раннее развитие в ДОО" },
	{ "other", "иное" },
	{ NULL, NULL }
};

const struct enum_opt model_site_states[] = {
	{ "applied", "заявка подана" },
	{ "review", "на рассмотрении" },
	{ "granted", "статус присвоен" },
	{ "rejected", "отклонена" },
	{ "expired", "срок статуса истёк" },
	{ "terminated", "статус прекращён досрочно" },
	{ NULL, NULL }
};

const struct enum_opt model_site_termination_reasons[] = {
	{ "obligations", "неисполнение обязательств" },
	{ "mismatch", "несоответствие требованиям" },
	{ "no_demand", "нет востребованности два года подряд" },
	{ "force_majeure", "обстоятельства непреодолимой силы" },
	{ "staff_change", "смена носителей опыта" },
	{ "own_initiative", "по инициативе организации" },
	{ NULL, NULL }
};

static const struct enum_opt site_bearers[] = {
	{ "org", "организация" },
	{ "person", "педагог" },
	{ NULL, NULL }
};

static const struct enum_opt site_formats[] = {
	{ "group", "групповой" },
	{ "individual", "индивидуальный" },
	{ "both", "групповой и индивидуальный" },
	{ NULL, NULL }
};

static const struct field_desc site_fields[] = {
	{ "org_id", "Организация", F_REF, true, 0, 0, NULL, "organisation" },
	{ "applied_date", "Дата заявки", F_DATE, true, 0, 0, NULL, NULL },
	{ "direction", "Направление", F_ENUM, true, 0, 0, model_site_directions, NULL },
	{ "direction_other", "Направление (если иное)", F_TEXT, false, 0, 0, NULL, NULL },
	{ "topic", "Тема площадки", F_TEXT, true, 0, 0, NULL, NULL },
	{ "problem1", "Проблема 1", F_TEXT, false, 0, 0, NULL, NULL },
	{ "problem2", "Проблема 2", F_TEXT, false, 0, 0, NULL, NULL },
	{ "problem3", "Проблема 3", F_TEXT, false, 0, 0, NULL, NULL },
	{ "bearer", "Носитель опыта", F_ENUM, true, 0, 0, site_bearers, NULL },
	{ "bearer_person_id", "Педагог — носитель опыта", F_REF, false, 0, 0, NULL, "person" },
	{ "bearer_theme", "Тема опыта", F_TEXT, false, 0, 0, NULL, NULL },
	{ "aud_teachers", "Для педагогов", F_BOOL, false, 0, 0, NULL, NULL },
	{ "aud_managers", "Для руководителей", F_BOOL, false, 0, 0, NULL, NULL },
	{ "aud_teams", "Для команд ОО", F_BOOL, false, 0, 0, NULL, NULL },
	{ "audience_note", "Аудитория: уточнение", F_TEXT, false, 0, 0, NULL, NULL },
	{ "max_places", "Макс. стажировочных мест", F_INT, false, 0, 10000, NULL, NULL },
	{ "format", "Формат", F_ENUM, true, 0, 0, site_formats, NULL },
	{ "fmt_module", "Модуль ДПП", F_BOOL, false, 0, 0, NULL, NULL },
	{ "fmt_field", "Выездные занятия", F_BOOL, false, 0, 0, NULL, NULL },
	{ "fmt_internship", "Стажировка", F_BOOL, false, 0, 0, NULL, NULL },
	{ "fmt_iom", "Мероприятия ИОМ", F_BOOL, false, 0, 0, NULL, NULL },
	{ "content_variants", "Варианты содержания", F_MEMO, false, 0, 0, NULL, NULL },
	{ "problem_description", "Описание проблемы", F_MEMO, false, 0, 0, NULL, NULL },
	{ "effectiveness", "Результативность", F_MEMO, false, 0, 0, NULL, NULL },
	{ "innovation_status", "Инновационный статус", F_TEXT, false, 0, 0, NULL, NULL },
	{ "experience", "Опыт трансляции", F_MEMO, false, 0, 0, NULL, NULL },
	{ "cooperation", "Сетевое взаимодействие", F_MEMO, false, 0, 0, NULL, NULL },
	{ "staff_level", "Кадровый потенциал", F_MEMO, false, 0, 0, NULL, NULL },
	{ "head_name", "Руководитель", F_TEXT, false, 0, 0, NULL, NULL },
	{ "address_actual", "Фактический адрес", F_TEXT, false, 0, 0, NULL, NULL },
	{ "address_legal", "Юридический адрес", F_TEXT, false, 0, 0, NULL, NULL },
	{ "phone", "Телефон", F_PHONE, false, 0, 0, NULL, NULL },
	{ "email", "E-mail", F_EMAIL, false, 0, 0, NULL, NULL },
	{ "website", "Сайт", F_TEXT, false, 0, 0, NULL, NULL },
	{ "accounts", "Соцсети", F_TEXT, false, 0, 0, NULL, NULL },
	{ "proposed_period", "Предлагаемый срок", F_TEXT, false, 0, 0, NULL, NULL },
	{ "curator_id", "Куратор от института", F_REF, false, 0, 0, NULL, "person" },
};

const struct table_desc model_internship_site = {
	"internship_site", "стажировочная площадка", site_fields, (int)NITEMS(site_fields),
	NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

/* What the institute decides: kept apart from the passport the
 * organisation fills in, and changed only by the lifecycle (site.c). */
static const struct field_desc site_decision_fields[] = {
	{ "decision_date", "Дата решения", F_DATE, false, 0, 0, NULL, NULL },
	{ "order_ref", "Приказ", F_TEXT, false, 0, 0, NULL, NULL },
	{ "granted_from", "Статус с", F_DATE, false, 0, 0, NULL, NULL },
	{ "granted_to", "Статус по", F_DATE, false, 0, 0, NULL, NULL },
	{ "termination_date", "Дата прекращения", F_DATE, false, 0, 0, NULL, NULL },
	{ "termination_reason", "Основание прекращения", F_ENUM, false, 0, 0, model_site_termination_reasons,
	  NULL },
	{ "termination_note", "Пояснение", F_MEMO, false, 0, 0, NULL, NULL },
	/* Last: the save path writes fields in order, and the schema wants a
	 * granted or ended site's term and reason in place before its state. */
	{ "state", "Состояние", F_ENUM, true, 0, 0, model_site_states, NULL },
};

const struct table_desc model_site_decision = {
	"internship_site", "решение по площадке", site_decision_fields, (int)NITEMS(site_decision_fields),
	NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

/* An event a site holds: an event of the catalogue tied to its site. */
static const struct field_desc site_event_fields[] = {
	{ "internship_site_id", "Площадка", F_REF, true, 0, 0, NULL, "internship_site" },
	{ "title", "Название", F_TEXT, true, 0, 0, NULL, NULL },
	{ "category", "Направление", F_ENUM, false, 0, 0, model_activity_categories, NULL },
	{ "kind", "Вид", F_ENUM, false, 0, 0, event_kinds, NULL },
	{ "level", "Уровень", F_ENUM, true, 0, 0, model_event_levels, NULL },
	{ "start_date", "Начало", F_DATE, false, 0, 0, NULL, NULL },
	{ "end_date", "Окончание", F_DATE, false, 0, 0, NULL, NULL },
	{ "place", "Место", F_TEXT, false, 0, 0, NULL, NULL },
	{ "hours", "Часов", F_INT, false, 0, 3000, NULL, NULL },
	/* Its own places (empty: the passport's maximum); each event counts its
	 * bookings apart (store/sites.c). */
	{ "places", "Стажировочных мест", F_INT, false, 0, 10000, NULL, NULL },
	{ "description", "Описание", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_site_event = {
	"event", "мероприятие площадки", site_event_fields, (int)NITEMS(site_event_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"internship_site_id",
};

/* --- the regional methodist pool (004 App.1) ------------------------------ */

const struct enum_opt model_pool_states[] = {
	{ "candidate", "кандидат" },
	{ "member", "в составе актива" },
	{ "excluded", "исключён" },
	{ NULL, NULL }
};

static const struct enum_opt pool_engagements[] = {
	{ "staff", "штатный сотрудник" },
	{ "part_time", "совместитель" },
	{ "contract", "по договору" },
	{ "other", "иное" },
	{ NULL, NULL }
};

static const struct field_desc pool_fields[] = {
	{ "person_id", "Педагог", F_REF, true, 0, 0, NULL, "person" },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "state", "Статус", F_ENUM, true, 0, 0, model_pool_states, NULL },
	{ "grounds", "Основание включения", F_TEXT, false, 0, 0, NULL, NULL },
	{ "recommended_by", "Рекомендовал", F_TEXT, false, 0, 0, NULL, NULL },
	{ "competencies_assessed", "Компетенции оценены", F_BOOL, false, 0, 0, NULL, NULL },
	{ "assessment_date", "Дата оценки", F_DATE, false, 0, 0, NULL, NULL },
	{ "assessment_result", "Результат оценки", F_TEXT, false, 0, 0, NULL, NULL },
	{ "academy_course", "Курс Академии Минпросв.", F_BOOL, false, 0, 0, NULL, NULL },
	{ "engagement", "Форма привлечения", F_ENUM, false, 0, 0, pool_engagements, NULL },
	{ "max_load", "Предел нагрузки, пед.", F_INT, false, 0, 250, NULL, NULL },
	{ "order_ref", "Приказ", F_TEXT, false, 0, 0, NULL, NULL },
	{ "notes", "Примечания", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_methodist_pool = {
	"methodist_pool", "член методического актива", pool_fields, (int)NITEMS(pool_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"person_id",
};

/* --- mentoring (наставничество) ------------------------------------------- */

const struct enum_opt model_pair_states[] = {
	{ "planned", "запланирована" },
	{ "active", "действует" },
	{ "completed", "завершена" },
	{ "terminated", "прекращена" },
	{ NULL, NULL }
};

static const struct field_desc pair_fields[] = {
	{ "mentee_id", "Наставляемый", F_REF, true, 0, 0, NULL, "person" },
	{ "mentor_id", "Наставник", F_REF, true, 0, 0, NULL, "person" },
	{ "org_id", "Организация", F_REF, false, 0, 0, NULL, "organisation" },
	{ "mentor_attracted", "Наставник извне", F_BOOL, false, 0, 0, NULL, NULL },
	{ "programme", "Программа наставничества", F_TEXT, false, 0, 0, NULL, NULL },
	{ "start_date", "Начало", F_DATE, true, 0, 0, NULL, NULL },
	{ "end_date", "Окончание", F_DATE, false, 0, 0, NULL, NULL },
	{ "state", "Состояние", F_ENUM, true, 0, 0, model_pair_states, NULL },
	{ "result", "Результат", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_mentoring_pair = {
	"mentoring_pair", "пара наставничества", pair_fields, (int)NITEMS(pair_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"mentee_id",
};

static const struct enum_opt survey_respondents[] = {
	{ "mentor", "наставник" },
	{ "mentee", "наставляемый" },
	{ NULL, NULL }
};

static const struct field_desc survey_fields[] = {
	{ "pair_id", "Пара", F_REF, true, 0, 0, NULL, "mentoring_pair" },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "respondent", "Кто отвечает", F_ENUM, true, 0, 0, survey_respondents, NULL },
	{ "satisfied", "Удовлетворён", F_BOOL, true, 0, 0, NULL, NULL },
	{ "survey_date", "Дата анкеты", F_DATE, false, 0, 0, NULL, NULL },
	{ "comment", "Комментарий", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_mentoring_survey = {
	"mentoring_survey", "анкета удовлетворённости", survey_fields, (int)NITEMS(survey_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"pair_id",
};

static const struct enum_opt training_kinds[] = {
	{ "course", "курсы повышения квалификации" },
	{ "other", "иная подготовка" },
	{ "none", "не обучался" },
	{ NULL, NULL }
};

static const struct enum_opt training_places[] = {
	{ "region", "в регионе" },
	{ "elsewhere", "в других субъектах РФ" },
	{ NULL, NULL }
};

static const struct field_desc training_fields[] = {
	{ "person_id", "Наставник", F_REF, true, 0, 0, NULL, "person" },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "kind", "Подготовка", F_ENUM, true, 0, 0, training_kinds, NULL },
	{ "place", "Где", F_ENUM, false, 0, 0, training_places, NULL },
	{ "title", "Программа", F_TEXT, false, 0, 0, NULL, NULL },
	{ "hours", "Часов", F_INT, false, 0, 3000, NULL, NULL },
	{ "end_date", "Окончание", F_DATE, false, 0, 0, NULL, NULL },
	{ "need_course", "Нужны курсы", F_BOOL, false, 0, 0, NULL, NULL },
};

const struct table_desc model_mentor_training = {
	"mentor_training", "подготовка наставника", training_fields, (int)NITEMS(training_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"person_id",
};

/* --- registries a school or a municipality keeps (003 tables, 000, 002) --- */

static const struct enum_opt move_kinds[] = {
	{ "hired", "принят" },
	{ "left", "уволился" },
	{ NULL, NULL }
};

static const struct field_desc staff_move_fields[] = {
	{ "org_id", "Организация", F_REF, true, 0, 0, NULL, "organisation" },
	{ "kind", "Движение", F_ENUM, true, 0, 0, move_kinds, NULL },
	{ "surname", "Фамилия", F_TEXT, true, 0, 0, NULL, NULL },
	{ "name", "Имя", F_TEXT, false, 0, 0, NULL, NULL },
	{ "patronymic", "Отчество", F_TEXT, false, 0, 0, NULL, NULL },
	{ "birth_date", "Дата рождения", F_DATE, false, 0, 0, NULL, NULL },
	{ "position", "Должность", F_TEXT, false, 0, 0, NULL, NULL },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "quarter", "Квартал", F_INT, true, 1, 4, NULL, NULL },
	{ "move_date", "Дата", F_DATE, false, 0, 0, NULL, NULL },
	{ "reason", "Причина увольнения", F_TEXT, false, 0, 0, NULL, NULL },
};

const struct table_desc model_staff_movement = {
	"staff_movement", "движение кадров", staff_move_fields, (int)NITEMS(staff_move_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"org_id",
};

static const struct enum_opt staff_kinds[] = {
	{ "ped", "педагогические работники" },
	{ "other", "прочий персонал" },
	{ NULL, NULL }
};

static const struct enum_opt need_states[] = {
	{ "open", "вакансия открыта" },
	{ "filled", "закрыта" },
	{ "cancelled", "отменена" },
	{ NULL, NULL }
};

static const struct field_desc need_fields[] = {
	{ "org_id", "Организация", F_REF, true, 0, 0, NULL, "organisation" },
	{ "position", "Должность", F_TEXT, true, 0, 0, NULL, NULL },
	{ "subject", "Предмет", F_TEXT, false, 0, 0, NULL, NULL },
	{ "count", "Человек", F_INT, true, 0, 1000, NULL, NULL },
	{ "staff_kind", "Категория", F_ENUM, true, 0, 0, staff_kinds, NULL },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "quarter", "Квартал", F_INT, true, 1, 4, NULL, NULL },
	{ "education", "Требуемое образование", F_TEXT, false, 0, 0, NULL, NULL },
	{ "skills", "Требования", F_TEXT, false, 0, 0, NULL, NULL },
	{ "state", "Состояние", F_ENUM, true, 0, 0, need_states, NULL },
};

const struct table_desc model_staffing_need = {
	"staffing_need", "потребность в кадрах", need_fields, (int)NITEMS(need_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"org_id",
};

static const struct enum_opt plan_educations[] = {
	{ "formal", "формальное образование" },
	{ "nonformal", "неформальное образование" },
	{ "informal", "информальное образование" },
	{ NULL, NULL }
};

/* The seed's words (000, App. 2), as the grid heads its columns (devplan.c). */
static const struct enum_opt plan_audiences[] = {
	{ "staff", "весь педагогический коллектив" },
	{ "groups", "профессиональные объединения (группы)" },
	{ "individual", "отдельные педагоги" },
	{ NULL, NULL }
};

static const struct field_desc plan_fields[] = {
	{ "org_id", "Организация", F_REF, true, 0, 0, NULL, "organisation" },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "education", "Вид образования", F_ENUM, true, 0, 0, plan_educations, NULL },
	{ "audience", "Для кого", F_ENUM, true, 0, 0, plan_audiences, NULL },
	{ "goal", "Цель", F_MEMO, false, 0, 0, NULL, NULL },
	{ "content", "Содержание", F_MEMO, false, 0, 0, NULL, NULL },
	{ "forms", "Формы", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_school_dev_plan = {
	"school_dev_plan", "план непрерывного развития ОО", plan_fields, (int)NITEMS(plan_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"org_id",
};

static const struct enum_opt innovation_results[] = {
	{ "pending", "на экспертизе" },
	{ "positive", "положительное заключение" },
	{ "negative", "отрицательное заключение" },
	{ NULL, NULL }
};

static const struct field_desc innovation_fields[] = {
	{ "person_id", "Педагог", F_REF, true, 0, 0, NULL, "person" },
	{ "title", "Продукт", F_TEXT, true, 0, 0, NULL, NULL },
	{ "kind", "Вид продукта", F_TEXT, false, 0, 0, NULL, NULL },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "level", "Уровень", F_ENUM, false, 0, 0, model_event_levels, NULL },
	{ "expert_body", "Экспертный совет", F_TEXT, false, 0, 0, NULL, NULL },
	{ "conclusion_date", "Дата заключения", F_DATE, false, 0, 0, NULL, NULL },
	{ "result", "Заключение", F_ENUM, true, 0, 0, innovation_results, NULL },
	{ "conclusion", "Текст заключения", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_innovation = {
	"innovation", "инновационный продукт", innovation_fields, (int)NITEMS(innovation_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"person_id",
};

static const struct field_desc difficulty_fields[] = {
	{ "mun_id", "Муниципалитет", F_REF, false, 0, 0, NULL, "municipality" },
	{ "difficulty", "Затруднение", F_TEXT, true, 0, 0, NULL, NULL },
	{ "deficit_code_id", "Код дефицита", F_REF, false, 0, 0, NULL, "deficit_code" },
	{ "block_id", "Блок компетенций", F_REF, false, 0, 0, NULL, "competency_block" },
	{ "practice", "Лучшая практика", F_MEMO, false, 0, 0, NULL, NULL },
	{ "leading_person_id", "Ведущий педагог", F_REF, false, 0, 0, NULL, "person" },
	{ "year", "Год", F_INT, false, 2000, 2100, NULL, NULL },
};

const struct table_desc model_difficulty_bank = {
	"difficulty_bank", "затруднение и практика", difficulty_fields, (int)NITEMS(difficulty_fields),
	NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

static const struct enum_opt city_mo_kinds[] = {
	{ "mo", "методическое объединение" },
	{ "creative", "творческая группа" },
	{ "young", "объединение молодых специалистов" },
	{ "workgroup", "рабочая группа" },
	{ "council", "совет" },
	{ "other", "иное" },
	{ NULL, NULL }
};

/* The kind first: the form opens on a short field, and the name (the
 * seed's run to 100 columns) shows from its start with «…», not from its
 * end as the field being edited does. */
static const struct field_desc city_mo_fields[] = {
	{ "kind", "Вид", F_ENUM, true, 0, 0, city_mo_kinds, NULL },
	{ "name", "Название", F_TEXT, true, 0, 0, NULL, NULL },
	{ "mun_id", "Муниципалитет", F_REF, false, 0, 0, NULL, "municipality" },
	{ "head_id", "Руководитель", F_REF, false, 0, 0, NULL, "person" },
};

const struct table_desc model_city_mo = {
	"city_mo", "городское педагогическое объединение", city_mo_fields, (int)NITEMS(city_mo_fields),
	NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

static const struct field_desc staff_count_fields[] = {
	{ "org_id", "Организация", F_REF, true, 0, 0, NULL, "organisation" },
	{ "year", "Год", F_INT, true, 2000, 2100, NULL, NULL },
	{ "leaders", "Руководители", F_INT, true, 0, 10000, NULL, NULL },
	{ "teachers", "Учителя", F_INT, true, 0, 10000, NULL, NULL },
	{ "educators", "Воспитатели", F_INT, true, 0, 10000, NULL, NULL },
	{ "others", "Прочие пед. работники", F_INT, true, 0, 10000, NULL, NULL },
	{ "under30_teachers", "Учителя до 30 лет", F_INT, true, 0, 10000, NULL, NULL },
	{ "under30_educators", "Воспитатели до 30 лет", F_INT, true, 0, 10000, NULL, NULL },
	{ "under30_others", "Прочие до 30 лет", F_INT, true, 0, 10000, NULL, NULL },
	{ "pension_age", "Пенсионного возраста", F_INT, true, 0, 10000, NULL, NULL },
	{ "support_staff", "Учебно-вспом. персонал", F_INT, true, 0, 10000, NULL, NULL },
	{ "leave_ped", "Отпуск по уходу: пед.", F_INT, true, 0, 10000, NULL, NULL },
	{ "leave_other", "Отпуск по уходу: проч.", F_INT, true, 0, 10000, NULL, NULL },
};

const struct table_desc model_staff_count = {
	"staff_count", "численность работников", staff_count_fields, (int)NITEMS(staff_count_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"org_id",
};

/* A municipality: its name (shown; the demo and the import name them)
 * and the date its МСОКО took the management of the teachers' ИППР as an
 * object of assessment (seed 000, ОМ-7; schema step 26). */
static const struct field_desc mun_fields[] = {
	{ "name", "Муниципалитет", F_TEXT, true, 0, 0, NULL, NULL },
	{ "msoko_ippr_date", "ИППР в МСОКО", F_DATE, false, 0, 0, NULL, NULL },
};

const struct table_desc model_municipality = {
	"municipality", "муниципалитет", mun_fields, (int)NITEMS(mun_fields),
	NULL, { NULL, NULL, NULL, NULL },
	NULL,
};

const struct table_desc *model_by_table(const char *table)
{
	static const struct table_desc *const all[] = {
		&model_organisation,
		&model_person,
		&model_course,
		&model_deficit_code,
		&model_iom_activity,
		&model_iom,
		&model_application,
		&model_consent,
		&model_ippr_row,
		&model_interview,
		&model_measure,
		&model_recommendation,
		&model_event,
		&model_participation,
		&model_internship_site,
		&model_site_decision,
		&model_site_event,
		&model_methodist_pool,
		&model_mentoring_pair,
		&model_mentoring_survey,
		&model_mentor_training,
		&model_staff_movement,
		&model_staffing_need,
		&model_school_dev_plan,
		&model_innovation,
		&model_difficulty_bank,
		&model_city_mo,
		&model_staff_count,
		&model_municipality,
	};

	for (size_t i = 0; i < NITEMS(all); i++)
		if (strcmp(all[i]->table, table) == 0)
			return all[i];
	return NULL;
}
