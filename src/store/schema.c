/* The schema as numbered steps. A step is never edited once released: a
 * change is a new step, so an old file upgrades in place on open. */
#include "schema.h"
#include "util.h"
#include "radar_due.h"
#include "deficit_counts.h"
#include "elem_latest.h"
#include "name_parts.h"

/* Step 1: the register (region, municipalities, organisations, persons and
 * their courses), users and roles, curatorship, audit log, meta. */
static const char schema_v1[] =
"CREATE TABLE meta (\n"
"  key TEXT PRIMARY KEY,\n"
"  value TEXT\n"
");\n"
"CREATE TABLE region (\n"
"  id INTEGER PRIMARY KEY,\n"
"  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),\n"
"  name TEXT NOT NULL,\n"
"  version INTEGER NOT NULL DEFAULT 1\n"
");\n"
"CREATE TABLE municipality (\n"
"  id INTEGER PRIMARY KEY,\n"
"  region_id INTEGER NOT NULL REFERENCES region(id),\n"
"  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),\n"
"  name TEXT NOT NULL,\n"
"  kind TEXT NOT NULL DEFAULT 'district' CHECK (kind IN ('district','city','okrug')),\n"
"  version INTEGER NOT NULL DEFAULT 1\n"
");\n"
"CREATE TABLE organisation (\n"
"  id INTEGER PRIMARY KEY,\n"
"  region_id INTEGER NOT NULL REFERENCES region(id),\n"
"  mun_id INTEGER REFERENCES municipality(id),\n"
"  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),\n"
"  name TEXT NOT NULL,\n"
"  short_name TEXT,\n"
"  name_key TEXT NOT NULL DEFAULT '',\n"
"  kind TEXT NOT NULL CHECK (kind IN ('school','kindergarten','additional','college','institute','authority')),\n"
"  address TEXT,\n"
"  head_name TEXT,\n"
"  phone TEXT,\n"
"  email TEXT,\n"
"  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),\n"
"  version INTEGER NOT NULL DEFAULT 1\n"
");\n"
"CREATE INDEX organisation_mun ON organisation(mun_id);\n"
"CREATE INDEX organisation_key ON organisation(name_key, id);\n"
"CREATE TABLE person (\n"
"  id INTEGER PRIMARY KEY,\n"
"  surname TEXT NOT NULL CHECK (length(surname) BETWEEN 1 AND 100),\n"
"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),\n"
"  patronymic TEXT,\n"
"  surname_key TEXT NOT NULL DEFAULT '',\n"
"  birth_date TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
"  sex TEXT CHECK (sex IN ('m','f')),\n"
"  external_id TEXT,\n"
"  org_id INTEGER REFERENCES organisation(id),\n"
"  position TEXT,\n"
"  subjects TEXT,\n"
"  education TEXT CHECK (education IN ('higher_ped','higher','spo_ped','spo','other')),\n"
"  experience_years INTEGER CHECK (experience_years BETWEEN 0 AND 70),\n"
"  experience_date TEXT,\n"
"  category TEXT CHECK (category IN ('none','szd','first','highest')),\n"
"  attestation_date TEXT,\n"
"  degree TEXT,\n"
"  title TEXT,\n"
"  awards TEXT,\n"
"  is_methodist INTEGER NOT NULL DEFAULT 0 CHECK (is_methodist IN (0,1)),\n"
"  is_mentor INTEGER NOT NULL DEFAULT 0 CHECK (is_mentor IN (0,1)),\n"
"  self_education TEXT,\n"
"  phone TEXT,\n"
"  email TEXT,\n"
"  notes TEXT,\n"
"  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),\n"
"  created_at TEXT NOT NULL DEFAULT (datetime('now')),\n"
"  version INTEGER NOT NULL DEFAULT 1\n"
");\n"
"CREATE INDEX person_key ON person(archived, surname_key, id);\n"
"CREATE INDEX person_org ON person(org_id, archived, surname_key, id);\n"
"CREATE INDEX person_external ON person(external_id) WHERE external_id IS NOT NULL;\n"
"CREATE TABLE course (\n"
"  id INTEGER PRIMARY KEY,\n"
"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,\n"
"  title TEXT NOT NULL,\n"
"  form TEXT NOT NULL DEFAULT 'advanced' CHECK (form IN ('advanced','retraining','internship')),\n"
"  hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 3000),\n"
"  provider TEXT,\n"
"  start_date TEXT,\n"
"  end_date TEXT NOT NULL,\n"
"  document TEXT,\n"
"  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),\n"
"  version INTEGER NOT NULL DEFAULT 1,\n"
"  CHECK (start_date IS NULL OR start_date <= end_date)\n"
");\n"
"CREATE INDEX course_person ON course(person_id, end_date);\n"
"CREATE TABLE app_user (\n"
"  id INTEGER PRIMARY KEY,\n"
"  login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 32),\n"
"  full_name TEXT NOT NULL,\n"
"  person_id INTEGER REFERENCES person(id),\n"
"  pw_hash TEXT,\n"
"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),\n"
"  failed_logins INTEGER NOT NULL DEFAULT 0,\n"
"  locked_until TEXT,\n"
"  created_at TEXT NOT NULL DEFAULT (datetime('now')),\n"
"  version INTEGER NOT NULL DEFAULT 1\n"
");\n"
"CREATE TABLE user_role (\n"
"  id INTEGER PRIMARY KEY,\n"
"  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
"  role TEXT NOT NULL CHECK (role IN ('teacher','curator','developer','school','municipal','regional','admin')),\n"
"  org_id INTEGER REFERENCES organisation(id),\n"
"  mun_id INTEGER REFERENCES municipality(id),\n"
"  CHECK ((role = 'school') = (org_id IS NOT NULL)),\n"
"  CHECK ((role = 'municipal') = (mun_id IS NOT NULL))\n"
");\n"
"CREATE UNIQUE INDEX user_role_unique ON user_role(user_id, role, ifnull(org_id,0), ifnull(mun_id,0));\n"
"CREATE TABLE curatorship (\n"
"  id INTEGER PRIMARY KEY,\n"
"  curator_id INTEGER NOT NULL REFERENCES person(id),\n"
"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
"  start_date TEXT NOT NULL,\n"
"  end_date TEXT,\n"
"  version INTEGER NOT NULL DEFAULT 1,\n"
"  CHECK (curator_id <> person_id)\n"
");\n"
"CREATE INDEX curatorship_curator ON curatorship(curator_id, person_id);\n"
"CREATE INDEX curatorship_person ON curatorship(person_id);\n"
"CREATE TABLE audit (\n"
"  id INTEGER PRIMARY KEY,\n"
"  at TEXT NOT NULL,\n"
"  user_id INTEGER,\n"
"  login TEXT,\n"
"  real_login TEXT,\n"
"  action TEXT NOT NULL,\n"
"  tbl TEXT,\n"
"  record_id INTEGER,\n"
"  field TEXT,\n"
"  before TEXT,\n"
"  after TEXT\n"
");\n"
"CREATE INDEX audit_record ON audit(tbl, record_id);\n";

/* Step 3: managers are persons too (diagnosed on management blocks), and a
 * subjects key for the filter. */
static const char schema_v3[] =
"ALTER TABLE person ADD COLUMN is_manager INTEGER NOT NULL DEFAULT 0 CHECK (is_manager IN (0,1));\n";

/* Step 4: roadmap rows and consents are kept, not deleted, like every
 * other record that goes through the one save path (it reads and sets
 * "archived"). */
static const char schema_v4[] =
"ALTER TABLE iom_activity ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n"
"ALTER TABLE application_consent ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n"
"ALTER TABLE ippr_row ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n";

/* Step 5: indexes for the monitoring figures, which count persons from
 * the events of a year (courses ended, cards in force). */
static const char schema_v5[] =
"CREATE INDEX IF NOT EXISTS course_end ON course(end_date, person_id);\n"
"CREATE INDEX IF NOT EXISTS iom_person_status ON iom(person_id, status);\n";

/* Step 6: computed monitoring figures are kept, with the change counters of
 * the tables they are read from. A trigger bumps a table's counter in the
 * transaction that changes a row the figures read (for the busiest tables,
 * only the columns they read), so a kept figure is valid exactly while the
 * sum of its tables' counters is the one it was computed at. */
#define STAMP_INS_DEL(t) \
	"CREATE TRIGGER " t "_stamp_ins AFTER INSERT ON " t \
	" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = '" t "'; END;\n" \
	"CREATE TRIGGER " t "_stamp_del AFTER DELETE ON " t \
	" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = '" t "'; END;\n" \
	"INSERT INTO data_stamp (tbl, n) VALUES ('" t "', 1);\n"
#define STAMP(t) STAMP_INS_DEL(t) \
	"CREATE TRIGGER " t "_stamp_upd AFTER UPDATE ON " t \
	" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = '" t "'; END;\n"
#define STAMP_COLS(t, cols) STAMP_INS_DEL(t) \
	"CREATE TRIGGER " t "_stamp_upd AFTER UPDATE OF " cols " ON " t \
	" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = '" t "'; END;\n"

static const char schema_v6[] =
"CREATE TABLE data_stamp (\n"
"  tbl TEXT PRIMARY KEY,\n"
"  n INTEGER NOT NULL\n"
") WITHOUT ROWID;\n"
"CREATE TABLE figure_cache (\n"
"  formula TEXT NOT NULL,\n"
"  year INTEGER NOT NULL,\n"
"  rid INTEGER NOT NULL,\n"
"  mid INTEGER NOT NULL,\n"
"  oid INTEGER NOT NULL,\n"
"  num INTEGER NOT NULL,\n"
"  den INTEGER NOT NULL,\n"
"  stamp INTEGER NOT NULL,\n"
"  PRIMARY KEY (formula, year, rid, mid, oid)\n"
") WITHOUT ROWID;\n"
STAMP_COLS("person", "archived, org_id, experience_years, experience_date, subjects")
STAMP_COLS("organisation", "kind, archived, region_id, mun_id")
STAMP_COLS("municipality", "region_id")
STAMP_COLS("iom", "person_id, template, status, start_date, approved_date, developed_date,"
	   " created_at, end_date, final_event, final_event_date, completed_date")
STAMP("course")
STAMP("diagnostic")
STAMP("mentoring_pair")
STAMP("mentoring_survey")
STAMP("innovation")
STAMP("participation")
STAMP("staffing_need")
STAMP("staff_count")
STAMP("recommendation")
STAMP("diagnostic_deficit")
STAMP("diagnostic_block")
STAMP("deficit_code")
STAMP("competency_block")
/* Typical deficits of a group: the rows of store_deficit_stats, kept the
 * same way under the key of the group and the limits. */
"CREATE TABLE deficit_cache (\n"
"  grp TEXT NOT NULL,\n"
"  seq INTEGER NOT NULL,\n"
"  part INTEGER NOT NULL,\n"
"  t1 TEXT,\n"
"  t2 TEXT,\n"
"  n1 INTEGER, n2 INTEGER, n3 INTEGER, n4 INTEGER, n5 INTEGER, n6 INTEGER,\n"
"  stamp INTEGER NOT NULL,\n"
"  PRIMARY KEY (grp, seq)\n"
") WITHOUT ROWID;\n"
/* The pool's rows go through the one save path, which reads "archived". */
"ALTER TABLE methodist_pool ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n"
"ALTER TABLE mentoring_survey ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n"
"ALTER TABLE staff_movement ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n"
"ALTER TABLE staff_count ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n"
"ALTER TABLE staffing_need ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n"
"ALTER TABLE school_dev_plan ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n"
/* Figures computed afresh read only indexes: the courses of a window, the
 * person's state and school, his experience. */
"CREATE INDEX IF NOT EXISTS course_end_live ON course(end_date, person_id) WHERE archived = 0;\n"
"CREATE INDEX IF NOT EXISTS person_live ON person(id, archived, org_id);\n"
"CREATE INDEX IF NOT EXISTS person_experience ON person(org_id, archived, experience_years, experience_date);\n"
"CREATE INDEX IF NOT EXISTS diagnostic_date_live ON diagnostic(diag_date, person_id) WHERE archived = 0;\n"
"CREATE INDEX IF NOT EXISTS diagnostic_latest ON diagnostic(person_id, kind, diag_date, id) WHERE archived = 0;\n";

/* Step 7: the audit log only grows. The program has no statement that
 * changes or removes an entry; these triggers make sure no future one, nor
 * a stray tool on the program's connection, can. */
static const char schema_v7[] =
"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
" BEGIN SELECT RAISE(ABORT, 'журнал изменений только дополняется'); END;\n"
"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
" BEGIN SELECT RAISE(ABORT, 'журнал изменений только дополняется'); END;\n";

/* Step 8: search as you type in the register reads only an index: the
 * prefix range with the organisation the scope and the list need. */
static const char schema_v8[] =
"CREATE INDEX IF NOT EXISTS person_search ON person(archived, surname_key, id, org_id);\n";

/* Step 9: confidentiality by construction (issue 12).
 * - A school head sees his teachers' individual results only where his
 *   organisation is set to (the Aromashevo variant of seed 001): per
 *   organisation, off by default.
 * - A diagnostic names the developer it is assigned to for building the
 *   card (the radar's 10-day deadline follows him).
 * - Every opening of a person's individual results by someone else leaves
 *   a view row, kept like the results themselves.
 * - Audited rows that can be deleted never reuse an id: the tables are
 *   rebuilt with AUTOINCREMENT and their counters start above every id the
 *   journal has named, so an old entry never points at a new row. */
#define REBUILD_SEQ(t) \
	"DELETE FROM sqlite_sequence WHERE name = '" t "';\n" \
	"INSERT INTO sqlite_sequence (name, seq) VALUES ('" t "', max(" \
	"  ifnull((SELECT max(id) FROM " t "), 0)," \
	"  ifnull((SELECT max(record_id) FROM audit WHERE tbl = '" t "'), 0)));\n"
static const char schema_v9[] =
"ALTER TABLE organisation ADD COLUMN sees_results INTEGER NOT NULL DEFAULT 0 CHECK (sees_results IN (0,1));\n"
"ALTER TABLE diagnostic ADD COLUMN developer_id INTEGER REFERENCES person(id);\n"
"CREATE INDEX diagnostic_developer ON diagnostic(developer_id) WHERE developer_id IS NOT NULL;\n"
"CREATE TABLE result_view (\n"
"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
"  at TEXT NOT NULL,\n"
"  user_id INTEGER REFERENCES app_user(id),\n"
"  login TEXT NOT NULL,\n"
"  real_login TEXT,\n"
"  person_id INTEGER NOT NULL REFERENCES person(id),\n"
"  what TEXT NOT NULL CHECK (what IN ('diagnostic','card','export')),\n"
"  record_id INTEGER,\n"
"  place TEXT NOT NULL\n"
");\n"
"CREATE INDEX result_view_person ON result_view(person_id, at);\n"
"CREATE INDEX result_view_user ON result_view(login, at);\n"
"CREATE TRIGGER result_view_no_update BEFORE UPDATE ON result_view"
" BEGIN SELECT RAISE(ABORT, 'журнал просмотров только дополняется'); END;\n"
"CREATE TRIGGER result_view_no_delete BEFORE DELETE ON result_view"
" BEGIN SELECT RAISE(ABORT, 'журнал просмотров только дополняется'); END;\n"
"CREATE TABLE diagnostic_block_new (\n"
"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
"  diagnostic_id INTEGER NOT NULL REFERENCES diagnostic(id) ON DELETE CASCADE,\n"
"  block_id INTEGER NOT NULL REFERENCES competency_block(id),\n"
"  difficulties TEXT,\n"
"  pct_low INTEGER CHECK (pct_low BETWEEN 0 AND 100),\n"
"  pct_medium INTEGER CHECK (pct_medium BETWEEN 0 AND 100),\n"
"  pct_high INTEGER CHECK (pct_high BETWEEN 0 AND 100),\n"
"  pct_overall INTEGER CHECK (pct_overall BETWEEN 0 AND 100),\n"
"  level TEXT CHECK (level IN ('high','medium','low')),\n"
"  version INTEGER NOT NULL DEFAULT 1,\n"
"  UNIQUE (diagnostic_id, block_id)\n"
");\n"
"INSERT INTO diagnostic_block_new SELECT id, diagnostic_id, block_id, difficulties, pct_low,"
" pct_medium, pct_high, pct_overall, level, version FROM diagnostic_block;\n"
"DROP TABLE diagnostic_block;\n"
"ALTER TABLE diagnostic_block_new RENAME TO diagnostic_block;\n"
"CREATE INDEX diagnostic_block_block ON diagnostic_block(block_id, level);\n"
"CREATE TRIGGER diagnostic_block_stamp_ins AFTER INSERT ON diagnostic_block"
" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'diagnostic_block'; END;\n"
"CREATE TRIGGER diagnostic_block_stamp_del AFTER DELETE ON diagnostic_block"
" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'diagnostic_block'; END;\n"
"CREATE TRIGGER diagnostic_block_stamp_upd AFTER UPDATE ON diagnostic_block"
" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'diagnostic_block'; END;\n"
"UPDATE data_stamp SET n = n + 1 WHERE tbl = 'diagnostic_block';\n"
REBUILD_SEQ("diagnostic_block")
"CREATE TABLE event_deficit_new (\n"
"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
"  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,\n"
"  deficit_code_id INTEGER NOT NULL REFERENCES deficit_code(id),\n"
"  UNIQUE (event_id, deficit_code_id)\n"
");\n"
"INSERT INTO event_deficit_new SELECT id, event_id, deficit_code_id FROM event_deficit;\n"
"DROP TABLE event_deficit;\n"
"ALTER TABLE event_deficit_new RENAME TO event_deficit;\n"
"CREATE INDEX event_deficit_code ON event_deficit(deficit_code_id);\n"
REBUILD_SEQ("event_deficit")
"CREATE TABLE indicator_target_new (\n"
"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
"  indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,\n"
"  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),\n"
"  mun_id INTEGER REFERENCES municipality(id),\n"
"  target REAL NOT NULL CHECK (target >= 0),\n"
"  version INTEGER NOT NULL DEFAULT 1\n"
");\n"
"INSERT INTO indicator_target_new SELECT id, indicator_id, year, mun_id, target, version FROM indicator_target;\n"
"DROP TABLE indicator_target;\n"
"ALTER TABLE indicator_target_new RENAME TO indicator_target;\n"
"CREATE UNIQUE INDEX indicator_target_unique ON indicator_target(indicator_id, year, ifnull(mun_id,0));\n"
REBUILD_SEQ("indicator_target")
/* Typical deficits are broken down by position: a new position makes the
 * kept figures stale like a move to another school does. */
"DROP TRIGGER person_stamp_upd;\n"
"CREATE TRIGGER person_stamp_upd AFTER UPDATE OF archived, org_id, experience_years, experience_date,"
" subjects, position ON person BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'person'; END;\n";

/* Step 10: a code is given once, compared by its key (CODE_CMP_*: case
 * and Cyrillic letters drawn like Latin ones do not matter), for the
 * organisations and the codifier's deficits, whatever writes the row. The
 * key is a generated column with an index; a trigger rather than a unique
 * index refuses a second row with the key, so that a file that already
 * holds two codes with one key (OO014 and «ОО014») still opens, and the
 * next write of either code is refused until one of them is changed. */
#define CODE_ONCE(t, what) \
	"ALTER TABLE " t " ADD COLUMN code_cmp1 TEXT GENERATED ALWAYS AS (" CODE_CMP_1("code") ") VIRTUAL;\n" \
	"ALTER TABLE " t " ADD COLUMN code_cmp2 TEXT GENERATED ALWAYS AS (" CODE_CMP_2("code_cmp1") ") VIRTUAL;\n" \
	"ALTER TABLE " t " ADD COLUMN code_cmp3 TEXT GENERATED ALWAYS AS (" CODE_CMP_3("code_cmp2") ") VIRTUAL;\n" \
	"ALTER TABLE " t " ADD COLUMN code_cmp TEXT GENERATED ALWAYS AS (" CODE_CMP_4("code_cmp3") ") VIRTUAL;\n" \
	"CREATE INDEX " t "_code_cmp ON " t "(code_cmp);\n" \
	"CREATE TRIGGER " t "_code_once_ins AFTER INSERT ON " t \
	" WHEN (SELECT count(*) FROM " t " WHERE code_cmp = NEW.code_cmp) > 1" \
	" BEGIN SELECT RAISE(ABORT, '" what "'); END;\n" \
	"CREATE TRIGGER " t "_code_once_upd AFTER UPDATE OF code ON " t \
	" WHEN (SELECT count(*) FROM " t " WHERE code_cmp = NEW.code_cmp) > 1" \
	" BEGIN SELECT RAISE(ABORT, '" what "'); END;\n"
static const char schema_v10[] =
CODE_ONCE("organisation", "код уже занят другой организацией (русские и латинские О, А, Е, М... не различаются)")
CODE_ONCE("deficit_code", "код уже есть в кодификаторе (русские и латинские О, А, Е, М... не различаются)");

/* Step 11: names found as people write them (issue 14).
 * - text_fold() now folds by Unicode (libunistring): the kept keys are
 *   computed again with it, as the one save path computes them
 *   (records.c update_key: a person by surname, name and patronymic; an
 *   organisation by its short name, else its full name).
 * - Every part of a person's name, folded, in an index: each word of the
 *   key and each hyphen-separated piece of a word («петрова-водкина»,
 *   «петрова», «водкина»), so that a search by an inner part reads an
 *   index range (store_name_query); with the person's key and archived
 *   flag, so that the range is tested without reading the person.
 *   Triggers on person keep the parts
 *   from surname_key, in built-in SQL, whatever writes the row (the form,
 *   the import, the demo, a merge, a tool on the file). */
#define NAME_PARTS_NEW NAME_PARTS("SELECT NEW.id AS id, NEW.surname_key AS k, NEW.archived AS a")
static const char schema_v11[] =
"UPDATE person SET surname_key = fold(surname || ' ' || name || ' ' || coalesce(patronymic, ''));\n"
"UPDATE organisation SET name_key = fold(CASE WHEN coalesce(short_name, '') <> '' THEN short_name ELSE name END);\n"
"CREATE TABLE person_name_part (\n"
"  part TEXT NOT NULL,\n"
"  person_id INTEGER NOT NULL,\n"
"  surname_key TEXT NOT NULL,\n"
"  archived INTEGER NOT NULL,\n"
"  PRIMARY KEY (part, person_id)\n"
") WITHOUT ROWID;\n"
"CREATE INDEX person_name_part_person ON person_name_part(person_id);\n"
NAME_PARTS("SELECT id, surname_key AS k, archived AS a FROM person") ";\n"
"CREATE TRIGGER person_name_part_ins AFTER INSERT ON person BEGIN " NAME_PARTS_NEW "; END;\n"
"CREATE TRIGGER person_name_part_upd AFTER UPDATE OF id, surname_key, archived ON person BEGIN "
"DELETE FROM person_name_part WHERE person_id = OLD.id; " NAME_PARTS_NEW "; END;\n"
"CREATE TRIGGER person_name_part_del AFTER DELETE ON person BEGIN "
"DELETE FROM person_name_part WHERE person_id = OLD.id; END;\n";

/* Login attempts counted per typed login and source address (password
 * mode), so that a race cannot skip the count and a stranger's failures
 * lock nobody else out. app_user.failed_logins and locked_until are no
 * longer used. */
static const char schema_v12[] =
"CREATE TABLE IF NOT EXISTS login_attempt (\n"
"  login_key TEXT NOT NULL,\n"
"  source TEXT NOT NULL,\n"
"  failed INTEGER NOT NULL DEFAULT 0,\n"
"  last_at TEXT NOT NULL,\n"
"  locked_until TEXT,\n"
"  PRIMARY KEY (login_key, source)\n"
") WITHOUT ROWID;\n"
"CREATE INDEX IF NOT EXISTS login_attempt_last ON login_attempt(last_at);\n";

/* 13: the head's paper order that approved a card (004 App.3 §4.3.10),
 * printed on the card: its number and date, both or neither. */
static const char schema_v13[] =
"ALTER TABLE iom ADD COLUMN approval_order_no TEXT;\n"
"ALTER TABLE iom ADD COLUMN approval_order_date TEXT;\n";

/* Step 14: review with correction proposals and the curator's notes
 * (issue 15; 004 App.3 §4.3.4–4.3.7, §4.4.5–4.4.7, seed 001 §6.3).
 * - iom_proposal: a correction proposed by the teacher, the curator, the
 *   school head (in review) or the head and the school МО head (during
 *   implementation), optionally tied to a roadmap row or a card field,
 *   and the developer's answer (accepted, or declined with a reason).
 * - iom_note gains the kind 'correction' (корректировка) beside
 *   консультация and промежуточный результат. */
static const char schema_v14[] =
"CREATE TABLE IF NOT EXISTS iom_proposal (\n"
"  id INTEGER PRIMARY KEY,\n"
"  iom_id INTEGER NOT NULL REFERENCES iom(id) ON DELETE CASCADE,\n"
"  stage TEXT NOT NULL CHECK (stage IN ('review','implementation')),\n"
"  party TEXT NOT NULL CHECK (party IN ('teacher','curator','school','mo_head')),\n"
"  author_id INTEGER REFERENCES person(id),\n"
"  user_id INTEGER REFERENCES app_user(id),\n"
"  activity_id INTEGER REFERENCES iom_activity(id) ON DELETE SET NULL,\n"
"  field TEXT,\n"
"  text TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 4000),\n"
"  created_at TEXT NOT NULL DEFAULT (datetime('now')),\n"
"  answer TEXT CHECK (answer IN ('accepted','declined')),\n"
"  answer_text TEXT,\n"
"  answered_by INTEGER REFERENCES app_user(id),\n"
"  answered_at TEXT,\n"
"  version INTEGER NOT NULL DEFAULT 1,\n"
"  CHECK (answer IS NOT 'declined' OR length(trim(answer_text)) > 0)\n"
");\n"
"CREATE INDEX IF NOT EXISTS iom_proposal_iom ON iom_proposal(iom_id, id);\n"
"CREATE INDEX IF NOT EXISTS iom_proposal_open ON iom_proposal(iom_id) WHERE answer IS NULL;\n"
"CREATE TABLE iom_note_new (\n"
"  id INTEGER PRIMARY KEY,\n"
"  iom_id INTEGER NOT NULL REFERENCES iom(id) ON DELETE CASCADE,\n"
"  note_date TEXT NOT NULL,\n"
"  kind TEXT NOT NULL DEFAULT 'intermediate' CHECK (kind IN ('intermediate','consultation','correction','meeting','proposal','monitoring','other')),\n"
"  format TEXT CHECK (format IN ('online','offline')),\n"
"  text TEXT NOT NULL,\n"
"  author_id INTEGER REFERENCES person(id),\n"
"  user_id INTEGER REFERENCES app_user(id),\n"
"  created_at TEXT NOT NULL DEFAULT (datetime('now')),\n"
"  version INTEGER NOT NULL DEFAULT 1\n"
");\n"
"INSERT INTO iom_note_new SELECT id, iom_id, note_date, kind, format, text, author_id, user_id, created_at, version FROM iom_note;\n"
"DROP TABLE iom_note;\n"
"ALTER TABLE iom_note_new RENAME TO iom_note;\n"
"CREATE INDEX iom_note_iom ON iom_note(iom_id, note_date, id);\n";

/* Step 15: the Omsk interview after a course records the level of mastery
 * now and planned per competency (000, «Проектировочный» stage), one row a
 * block; the card-wide level_now / level_planned of course_interview stay
 * for the rows written before. (IF NOT EXISTS: a test that sets the file
 * back to an older step keeps the tables of later ones.) */
static const char schema_v15[] =
"CREATE TABLE IF NOT EXISTS course_interview_level (\n"
"  id INTEGER PRIMARY KEY,\n"
"  interview_id INTEGER NOT NULL REFERENCES course_interview(id) ON DELETE CASCADE,\n"
"  block_id INTEGER NOT NULL REFERENCES competency_block(id),\n"
"  level_now TEXT CHECK (level_now IN ('reproduction','by_model','creative','translation')),\n"
"  level_planned TEXT CHECK (level_planned IN ('reproduction','by_model','creative','translation')),\n"
"  version INTEGER NOT NULL DEFAULT 1,\n"
"  UNIQUE (interview_id, block_id)\n"
");\n";

/* Step 16: the curator rule reads the data (seed 004 App.3 §4.4.2).
 * - A person's curator profile: the subjects and competency blocks he
 *   can curate («математика, физика; предметные, методические»), so that
 *   «преподаватель … соответствующего профиля» is matched, not any one.
 * (The diagnostic already points back to its application, and an
 * application already names its blocks: application_block.) */
static const char schema_v16[] =
"ALTER TABLE person ADD COLUMN curator_profile TEXT;\n"
/* - The radar's diagnostics awaiting a card with no developer handed
 *   them (store/radar.c): a range of dates over these rows only. */
"CREATE INDEX diagnostic_awaiting_card ON diagnostic(diag_date) WHERE archived = 0"
" AND developer_id IS NULL AND kind IN ('entry', 'comprehensive') AND form <> 'self';\n";


/* The journal's hash chain (chain.c): one row per audit row, kept apart
 * so that a journal row's content can be redacted after its retention
 * time while its content hash still links the chain. No foreign key: a
 * deleted journal row must stay visible as a break. */
static const char schema_v17[] =
"CREATE TABLE IF NOT EXISTS audit_chain (\n"
"  audit_id INTEGER PRIMARY KEY,\n"
"  content_hash BLOB NOT NULL,\n"
"  chain_hash BLOB NOT NULL,\n"
"  redacted INTEGER NOT NULL DEFAULT 0 CHECK (redacted IN (0,1))\n"
");\n";

/* Step 18: reports and indicators as seed 003 prints them (issue 16).
 * - A course's form of study (Table 3 «Форма обучения»: очная,
 *   очно-заочная, заочная, с применением дистанционных технологий) and
 *   the catalogue event it was taken at (meeting mode writes the course
 *   record, and knows it has done so; no REFERENCES clause, so that the
 *   column can be dropped again, as test_store's migration test does).
 * - An organisation's founder (№9 counts municipal organisations) and the
 *   date its mentoring programme was adopted (№7).
 * - A person's employment (основное место работы, внутренний или внешний
 *   совместитель): the tables count «без внешних совместителей». */
static const char schema_v18[] =
"ALTER TABLE course ADD COLUMN study_mode TEXT CHECK (study_mode IN ('full_time','mixed','extramural','distance'));\n"
"ALTER TABLE course ADD COLUMN event_id INTEGER;\n"
"CREATE INDEX IF NOT EXISTS course_event ON course(event_id, person_id) WHERE event_id IS NOT NULL;\n"
"ALTER TABLE organisation ADD COLUMN founder TEXT CHECK (founder IN ('municipal','regional','federal','private'));\n"
"ALTER TABLE person ADD COLUMN employment TEXT CHECK (employment IN ('main','internal','external'));\n"
"ALTER TABLE organisation ADD COLUMN mentoring_plan_date TEXT CHECK (mentoring_plan_date IS NULL OR mentoring_plan_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');\n"
/* Indicators №7 and №9 get their own formulas in files made before. */
"UPDATE indicator SET formula = 'orgs_mentoring_plan', description = 'Организации (любого типа), утвердившие программу наставничества не позднее конца года, от всех организаций.' WHERE code = 'УИ-7' AND formula = 'schools_mentoring';\n"
"UPDATE indicator SET formula = 'mun_orgs_mentoring', description = 'Муниципальные организации (учредитель — муниципальный), где в году действовала хотя бы одна пара наставничества, от всех муниципальных организаций.' WHERE code = 'УИ-9' AND formula = 'schools_mentoring';\n";

/* Step 19: every indicator of seeds 003 and 000 from recorded data (issue 16).
 * - An organisation's plans, each the date it was adopted: the plan of
 *   methodological support of attestation (003 №6), the statute on
 *   teachers' continuous professional development, the ИППР included in
 *   the internal quality assessment (ВСОКО) and the job descriptions
 *   amended for the ИППР (000).
 * - The date since which a teacher uses modern educational technologies
 *   (003 №18).
 * - The «share of organisations» indicators count organisations of every
 *   educational type, as their descriptions now say.
 * - The change counters of the kept figures follow every column of a
 *   person and an organisation an indicator reads (the employment, the
 *   founder and the plans too): a form saves only the fields it changed. */
#define DATE_CHECK(c) " TEXT CHECK (" c " IS NULL OR " c " GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');\n"
static const char schema_v19[] =
"ALTER TABLE organisation ADD COLUMN attestation_plan_date" DATE_CHECK("attestation_plan_date")
"ALTER TABLE organisation ADD COLUMN pd_statute_date" DATE_CHECK("pd_statute_date")
"ALTER TABLE organisation ADD COLUMN vsoko_ippr_date" DATE_CHECK("vsoko_ippr_date")
"ALTER TABLE organisation ADD COLUMN job_ippr_date" DATE_CHECK("job_ippr_date")
"ALTER TABLE person ADD COLUMN modern_tech_date" DATE_CHECK("modern_tech_date")
"DROP TRIGGER IF EXISTS organisation_stamp_upd;\n"
"CREATE TRIGGER organisation_stamp_upd AFTER UPDATE OF kind, archived, region_id, mun_id, founder,"
" mentoring_plan_date, attestation_plan_date, pd_statute_date, vsoko_ippr_date, job_ippr_date ON organisation"
" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'organisation'; END;\n"
"DROP TRIGGER IF EXISTS person_stamp_upd;\n"
"CREATE TRIGGER person_stamp_upd AFTER UPDATE OF archived, org_id, experience_years, experience_date,"
" subjects, position, employment, modern_tech_date ON person"
" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'person'; END;\n"
"UPDATE indicator SET description = 'Организации (любого типа), педагоги которых участвовали в конкурсах муниципального уровня в году, от всех организаций.' WHERE formula = 'schools_contests';\n"
"UPDATE indicator SET description = 'Организации (любого типа), педагоги которых участвовали в научно-методических мероприятиях муниципального уровня в году, от всех организаций.' WHERE formula = 'schools_scimethod';\n"
"UPDATE indicator SET description = 'Организации (любого типа) с потребностью в кадрах (педагоги или прочий персонал, не отменённой) хотя бы в одном квартале года, от всех организаций. Чем меньше, тем лучше.' WHERE formula = 'schools_vacancies';\n"
"UPDATE indicator SET description = 'Организации (любого типа), сдавшие сведения о численности за год и не имевшие в году потребности в педагогических работниках, от всех организаций.' WHERE formula = 'schools_staffed';\n"
"UPDATE indicator SET description = 'Организации (любого типа), у которых по сведениям о численности за год педагогов (учителя, воспитатели, прочие) моложе 30 лет больше 16,5 %, от всех организаций.' WHERE formula = 'schools_young30';\n";
#undef DATE_CHECK

/* Step 20: the catalogues shipped in conf/ (associations.conf, seed 003's
 * Table 8; measures.conf, its roadmap §IV) name their entries by a key:
 * init adds an entry whose key the database has not seen, and never
 * touches one it has (a user's edits and archiving stay). */
static const char schema_v20[] =
"ALTER TABLE city_mo ADD COLUMN conf_key TEXT;\n"
"CREATE UNIQUE INDEX IF NOT EXISTS city_mo_conf_key ON city_mo(conf_key) WHERE conf_key IS NOT NULL;\n"
"ALTER TABLE support_measure ADD COLUMN conf_key TEXT;\n"
"CREATE UNIQUE INDEX IF NOT EXISTS support_measure_conf_key ON support_measure(conf_key) WHERE conf_key IS NOT NULL;\n";

/* Step 21: the register's counts kept (store/lists.c): the persons of
 * each organisation (0: none) and archived flag, kept by triggers in the
 * transaction that changes a person, so a count of the region, a
 * municipality or a school sums a few rows instead of reading every
 * person. Filled from the table each time the step runs. */
static const char schema_v21[] =
"CREATE TABLE IF NOT EXISTS person_tally (\n"
"  org_id INTEGER NOT NULL,\n"
"  archived INTEGER NOT NULL,\n"
"  n INTEGER NOT NULL,\n"
"  PRIMARY KEY (org_id, archived)\n"
") WITHOUT ROWID;\n"
"DELETE FROM person_tally;\n"
"INSERT INTO person_tally (org_id, archived, n)"
" SELECT coalesce(org_id, 0), archived, count(*) FROM person GROUP BY 1, 2;\n"
"CREATE TRIGGER IF NOT EXISTS person_tally_ins AFTER INSERT ON person BEGIN"
" INSERT INTO person_tally (org_id, archived, n) VALUES (coalesce(NEW.org_id, 0), NEW.archived, 1)"
" ON CONFLICT (org_id, archived) DO UPDATE SET n = n + 1; END;\n"
"CREATE TRIGGER IF NOT EXISTS person_tally_del AFTER DELETE ON person BEGIN"
" UPDATE person_tally SET n = n - 1 WHERE org_id = coalesce(OLD.org_id, 0) AND archived = OLD.archived; END;\n"
"CREATE TRIGGER IF NOT EXISTS person_tally_upd AFTER UPDATE OF org_id, archived ON person"
" WHEN OLD.org_id IS NOT NEW.org_id OR OLD.archived IS NOT NEW.archived BEGIN"
" UPDATE person_tally SET n = n - 1 WHERE org_id = coalesce(OLD.org_id, 0) AND archived = OLD.archived;"
" INSERT INTO person_tally (org_id, archived, n) VALUES (coalesce(NEW.org_id, 0), NEW.archived, 1)"
" ON CONFLICT (org_id, archived) DO UPDATE SET n = n + 1; END;\n"
/* - A change counter of what the register's counts read (data_stamp, not
 *   among the monitoring's tables): a count with a filter or a search is
 *   kept while it stays the same. */
"INSERT OR IGNORE INTO data_stamp (tbl, n) VALUES ('person_register', 1);\n"
"CREATE TRIGGER IF NOT EXISTS person_register_ins AFTER INSERT ON person"
" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'person_register'; END;\n"
"CREATE TRIGGER IF NOT EXISTS person_register_del AFTER DELETE ON person"
" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'person_register'; END;\n"
"CREATE TRIGGER IF NOT EXISTS person_register_upd AFTER UPDATE OF archived, org_id, subjects, category,"
" surname_key ON person BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'person_register'; END;\n"
/* - The category filter's count reads an index alone. */
"CREATE INDEX IF NOT EXISTS person_category ON person(archived, category, org_id);\n";

/* Step 22: the deadline radar's dates of each person (store/radar_due.h),
 * kept by triggers so the radar reads index ranges, not every course and
 * diagnostic of the region. Re-runnable: the table is filled again. */
static const char schema_v22[] =
"CREATE TABLE IF NOT EXISTS person_due (\n"
"  person_id INTEGER PRIMARY KEY,\n"
"  last_course TEXT,\n"
"  last_comprehensive TEXT,\n"
"  awaiting_diag_id INTEGER,\n"
"  awaiting_diag_date TEXT\n"
");\n"
"CREATE INDEX IF NOT EXISTS person_due_course ON person_due(last_course) WHERE last_course IS NOT NULL;\n"
"CREATE INDEX IF NOT EXISTS person_due_comprehensive ON person_due(last_comprehensive)"
" WHERE last_comprehensive IS NOT NULL;\n"
"CREATE INDEX IF NOT EXISTS person_due_awaiting ON person_due(awaiting_diag_date, awaiting_diag_id)"
" WHERE awaiting_diag_id IS NOT NULL;\n"
"DELETE FROM person_due;\n"
"INSERT INTO person_due " RADAR_PERSON_DATES ";\n"
"CREATE TRIGGER IF NOT EXISTS person_due_course_ins AFTER INSERT ON course BEGIN "
RADAR_DUE_REFRESH("p.id = NEW.person_id") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_due_course_upd AFTER UPDATE OF person_id, end_date, archived ON course"
" WHEN OLD.person_id IS NOT NEW.person_id OR OLD.end_date IS NOT NEW.end_date"
" OR OLD.archived IS NOT NEW.archived BEGIN "
RADAR_DUE_REFRESH("p.id = OLD.person_id") RADAR_DUE_REFRESH("p.id = NEW.person_id") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_due_course_del AFTER DELETE ON course BEGIN "
RADAR_DUE_REFRESH("p.id = OLD.person_id") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_due_diag_ins AFTER INSERT ON diagnostic BEGIN "
RADAR_DUE_REFRESH("p.id = NEW.person_id") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_due_diag_upd AFTER UPDATE OF person_id, kind, form, diag_date, archived,"
" developer_id ON diagnostic WHEN OLD.person_id IS NOT NEW.person_id OR OLD.kind IS NOT NEW.kind"
" OR OLD.form IS NOT NEW.form OR OLD.diag_date IS NOT NEW.diag_date OR OLD.archived IS NOT NEW.archived"
" OR OLD.developer_id IS NOT NEW.developer_id BEGIN "
RADAR_DUE_REFRESH("p.id = OLD.person_id") RADAR_DUE_REFRESH("p.id = NEW.person_id") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_due_diag_del AFTER DELETE ON diagnostic BEGIN "
RADAR_DUE_REFRESH("p.id = OLD.person_id") " END;\n"
/* A card built from a diagnostic, opened or closed: its person's, and the
 * person's whose diagnostic it names. */
"CREATE TRIGGER IF NOT EXISTS person_due_iom_ins AFTER INSERT ON iom BEGIN "
RADAR_DUE_REFRESH("p.id = NEW.person_id")
RADAR_DUE_REFRESH("p.id = (SELECT person_id FROM diagnostic WHERE id = NEW.entry_diagnostic_id)"
" AND p.id IS NOT NEW.person_id") " END;\n"
/* A card's change reaches the dates when it moves to another person or
 * diagnostic, opens or closes, or leaves or joins the archive while built
 * from a diagnostic that is its teacher's latest (archiving completed
 * cards by the thousand passes the others by). */
"CREATE TRIGGER IF NOT EXISTS person_due_iom_upd AFTER UPDATE OF person_id, status, archived, entry_diagnostic_id"
" ON iom WHEN OLD.person_id IS NOT NEW.person_id OR OLD.entry_diagnostic_id IS NOT NEW.entry_diagnostic_id"
" OR (OLD.archived = 0 AND OLD.status NOT IN ('completed', 'cancelled'))"
"  IS NOT (NEW.archived = 0 AND NEW.status NOT IN ('completed', 'cancelled'))"
" OR (OLD.archived IS NOT NEW.archived AND NEW.entry_diagnostic_id ="
" " RADAR_CENTRE_LATEST("(SELECT person_id FROM diagnostic WHERE id = NEW.entry_diagnostic_id)") ")"
" BEGIN "
RADAR_DUE_REFRESH("p.id = NEW.person_id")
RADAR_DUE_REFRESH("p.id = OLD.person_id AND p.id IS NOT NEW.person_id")
RADAR_DUE_REFRESH("p.id = (SELECT person_id FROM diagnostic WHERE id = OLD.entry_diagnostic_id)"
" AND p.id IS NOT NEW.person_id AND p.id IS NOT OLD.person_id")
RADAR_DUE_REFRESH("p.id = (SELECT person_id FROM diagnostic WHERE id = NEW.entry_diagnostic_id)"
" AND p.id IS NOT NEW.person_id AND p.id IS NOT OLD.person_id") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_due_iom_del AFTER DELETE ON iom BEGIN "
RADAR_DUE_REFRESH("p.id = OLD.person_id")
RADAR_DUE_REFRESH("p.id = (SELECT person_id FROM diagnostic WHERE id = OLD.entry_diagnostic_id)"
" AND p.id IS NOT OLD.person_id") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_due_person_del AFTER DELETE ON person BEGIN"
" DELETE FROM person_due WHERE person_id = OLD.id; END;\n"
/* Typical deficits' latest diagnostics of each teacher, year and kind
 * (store/deficit_counts.h). */
"CREATE TABLE IF NOT EXISTS diag_latest (\n"
"  year INTEGER NOT NULL,\n"
"  kind TEXT NOT NULL,\n"
"  person_id INTEGER NOT NULL,\n"
"  diag_id INTEGER NOT NULL,\n"
"  PRIMARY KEY (year, kind, person_id)\n"
") WITHOUT ROWID;\n"
"DELETE FROM diag_latest;\n"
"INSERT INTO diag_latest (year, kind, person_id, diag_id) " DIAG_LATEST_OF DIAG_LATEST_GROUP ";\n"
"CREATE TRIGGER IF NOT EXISTS diag_latest_ins AFTER INSERT ON diagnostic BEGIN "
DIAG_LATEST_REFRESH("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS diag_latest_upd AFTER UPDATE OF person_id, kind, diag_date, archived ON diagnostic"
" WHEN OLD.person_id IS NOT NEW.person_id OR OLD.kind IS NOT NEW.kind OR OLD.diag_date IS NOT NEW.diag_date"
" OR OLD.archived IS NOT NEW.archived BEGIN "
DIAG_LATEST_REFRESH("OLD") " " DIAG_LATEST_REFRESH("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS diag_latest_del AFTER DELETE ON diagnostic BEGIN "
DIAG_LATEST_REFRESH("OLD") " END;\n";

/* Step 23: the analytic note by assessed element (seed 004 App.2 §6.4,
 * issue 16): an element's result is kept as the file gives it, the
 * maximum and the score (pct stays, derived from them: % solved of a group
 * is the sum of scores over the sum of maxima, not a mean of percents),
 * versioned and audited as every imported record. */
static const char schema_v23[] =
"ALTER TABLE diagnostic_element ADD COLUMN max_score INTEGER CHECK (max_score IS NULL OR max_score BETWEEN 1 AND 1000);\n"
"ALTER TABLE diagnostic_element ADD COLUMN score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 1000);\n"
"ALTER TABLE diagnostic_element ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
"ALTER TABLE diagnostic_element ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));\n";

/* Region-wide figures computed afresh (issue 18) read indexes, not rows:
 * a pedagogical worker's state and school by his id (from diagnostics,
 * courses, cards) and by school (with experience and the date of modern
 * technologies); a card's dates of the year by its person; a completed
 * card's final event; a diagnostic block's level. */
static const char schema_v24[] =
"CREATE INDEX IF NOT EXISTS person_ped_id ON person(id, archived, employment, org_id);\n"
"CREATE INDEX IF NOT EXISTS person_ped_org ON person(org_id, archived, employment, experience_years,"
" experience_date, modern_tech_date);\n"
"CREATE INDEX IF NOT EXISTS iom_person_year ON iom(person_id, status, template, start_date, approved_date,"
" developed_date, created_at, completed_date, end_date);\n"
"CREATE INDEX IF NOT EXISTS iom_final_event ON iom(status, final_event_date, person_id, final_event);\n"
"CREATE INDEX IF NOT EXISTS diagnostic_block_level ON diagnostic_block(diagnostic_id, block_id, level);\n";

/* Step 25 (issue 17): an import's writing survives its process.
 * - import_run: one row per import that writes, with the process that
 *   writes it (pid, its start time, the boot): 'writing' while batches go
 *   in, 'undoing' while they are taken back, 'done' or 'undone' at the
 *   end. A run left 'writing' or 'undoing' by a process that is gone (a
 *   SIGKILL, a power cut) is taken back by the next one that looks
 *   (src/import.c import_recover).
 * - import_undo: what each batch did, written in the batch's own
 *   transaction: a record added (deleted when taken back) or updated
 *   (its values before, put back).
 * - The journal's rows may be redacted after their retention time (a
 *   completed ИОМ's, App.3 §4.5.4; store/chain.c): an update of a row
 *   whose chain row is marked redacted that only clears its before and
 *   after passes; every other update is still refused. */
static const char schema_v25[] =
"CREATE TABLE IF NOT EXISTS import_run (\n"
"  id INTEGER PRIMARY KEY,\n"
"  kind TEXT NOT NULL,\n"
"  state TEXT NOT NULL CHECK (state IN ('writing','undoing','done','undone')),\n"
"  pid INTEGER NOT NULL,\n"
"  pstart TEXT NOT NULL,\n"
"  boot TEXT NOT NULL,\n"
"  user_id INTEGER,\n"
"  login TEXT,\n"
"  started_at TEXT NOT NULL\n"
");\n"
"CREATE INDEX IF NOT EXISTS import_run_open ON import_run(state) WHERE state IN ('writing','undoing');\n"
"CREATE TABLE IF NOT EXISTS import_undo (\n"
"  run_id INTEGER NOT NULL,\n"
"  seq INTEGER NOT NULL,\n"
"  id INTEGER NOT NULL,\n"
"  version INTEGER NOT NULL,\n"
"  added INTEGER NOT NULL,\n"
"  pre BLOB,\n"
"  PRIMARY KEY (run_id, seq)\n"
") WITHOUT ROWID;\n"
"DROP TRIGGER IF EXISTS audit_no_update;\n"
"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
" WHEN NOT (NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.user_id IS OLD.user_id"
" AND NEW.login IS OLD.login AND NEW.real_login IS OLD.real_login AND NEW.action IS OLD.action"
" AND NEW.tbl IS OLD.tbl AND NEW.record_id IS OLD.record_id AND NEW.field IS OLD.field"
" AND NEW.before IS NULL AND NEW.after IS NULL"
" AND EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = OLD.id AND c.redacted = 1))"
" BEGIN SELECT RAISE(ABORT, 'журнал изменений только дополняется'); END;\n";

/* Step 26: the municipalities that included the management of teachers'
 * ИППР in their municipal quality assessment system (МСОКО) as an object
 * of assessment (seed 000, efficiency indicators; issue 16): the date it
 * was included, on the municipality. The change counter of municipalities
 * follows it, so the kept figures of the indicator go stale with it. */
static const char schema_v26[] =
"ALTER TABLE municipality ADD COLUMN msoko_ippr_date TEXT CHECK (msoko_ippr_date IS NULL"
" OR msoko_ippr_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');\n"
"DROP TRIGGER IF EXISTS municipality_stamp_upd;\n"
"CREATE TRIGGER municipality_stamp_upd AFTER UPDATE OF region_id, msoko_ippr_date ON municipality"
" BEGIN UPDATE data_stamp SET n = n + 1 WHERE tbl = 'municipality'; END;\n";

/* Step 27: the region's analytics read cold (issue 18) touch each page of
 * what they read: the class a teacher's deficits count in (position,
 * subjects) is kept apart from the person's wide row (a covering index
 * would be taken by other statements too, for a larger read); the element results, deficit codes and blocks' levels of
 * the latest diagnostics are kept together, by year (store/elem_latest.h). */
static const char schema_v27[] =
"CREATE TABLE IF NOT EXISTS person_cls (\n"
"  id INTEGER PRIMARY KEY,\n"
"  archived INTEGER NOT NULL,\n"
"  org_id INTEGER,\n"
"  subjects TEXT,\n"
"  position TEXT\n"
");\n"
"DELETE FROM person_cls;\n"
"INSERT INTO person_cls (" PERSON_CLS_COLS ") SELECT " PERSON_CLS_COLS " FROM person;\n"
"CREATE TRIGGER IF NOT EXISTS person_cls_ins AFTER INSERT ON person BEGIN " PERSON_CLS_PUT("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_cls_upd AFTER UPDATE OF id, archived, org_id, subjects, position ON person"
" BEGIN DELETE FROM person_cls WHERE id = OLD.id; " PERSON_CLS_PUT("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS person_cls_del AFTER DELETE ON person BEGIN"
" DELETE FROM person_cls WHERE id = OLD.id; END;\n"
"CREATE TABLE IF NOT EXISTS elem_latest (\n"
"  year INTEGER NOT NULL,\n"
"  kind TEXT NOT NULL,\n"
"  person_id INTEGER NOT NULL,\n"
"  code_id INTEGER NOT NULL,\n"
"  diag_id INTEGER NOT NULL,\n"
"  score INTEGER NOT NULL,\n"
"  max_score INTEGER NOT NULL,\n"
"  PRIMARY KEY (year, kind, person_id, code_id)\n"
") WITHOUT ROWID;\n"
"DELETE FROM elem_latest;\n"
"INSERT INTO elem_latest (" ELEM_LATEST_COLS ") " ELEM_LATEST_OF ";\n"
"CREATE TABLE IF NOT EXISTS code_latest (\n"
"  year INTEGER NOT NULL,\n"
"  kind TEXT NOT NULL,\n"
"  person_id INTEGER NOT NULL,\n"
"  code_id INTEGER NOT NULL,\n"
"  diag_id INTEGER NOT NULL,\n"
"  PRIMARY KEY (year, kind, person_id, code_id)\n"
") WITHOUT ROWID;\n"
"DELETE FROM code_latest;\n"
"INSERT INTO code_latest (" CODE_LATEST_COLS ") " CODE_LATEST_OF ";\n"
"CREATE TABLE IF NOT EXISTS block_latest (\n"
"  year INTEGER NOT NULL,\n"
"  kind TEXT NOT NULL,\n"
"  person_id INTEGER NOT NULL,\n"
"  block_id INTEGER NOT NULL,\n"
"  diag_id INTEGER NOT NULL,\n"
"  level TEXT NOT NULL,\n"
"  PRIMARY KEY (year, kind, person_id, block_id)\n"
") WITHOUT ROWID;\n"
"DELETE FROM block_latest;\n"
"INSERT INTO block_latest (" BLOCK_LATEST_COLS ") " BLOCK_LATEST_OF ";\n"
"CREATE TRIGGER IF NOT EXISTS parts_latest_take AFTER INSERT ON diag_latest BEGIN "
PARTS_LATEST_TAKE("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS parts_latest_swap AFTER UPDATE ON diag_latest BEGIN "
PARTS_LATEST_DROP("OLD") " " PARTS_LATEST_TAKE("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS parts_latest_drop AFTER DELETE ON diag_latest BEGIN "
PARTS_LATEST_DROP("OLD") " END;\n"
"CREATE TRIGGER IF NOT EXISTS code_latest_ins AFTER INSERT ON diagnostic_deficit BEGIN "
CODE_LATEST_IN("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS code_latest_upd AFTER UPDATE OF diagnostic_id, deficit_code_id"
" ON diagnostic_deficit BEGIN " CODE_LATEST_OUT("OLD") " " CODE_LATEST_IN("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS code_latest_del AFTER DELETE ON diagnostic_deficit BEGIN "
CODE_LATEST_OUT("OLD") " END;\n"
"CREATE TRIGGER IF NOT EXISTS block_latest_ins AFTER INSERT ON diagnostic_block BEGIN "
BLOCK_LATEST_IN("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS block_latest_upd AFTER UPDATE OF diagnostic_id, block_id, level"
" ON diagnostic_block BEGIN " BLOCK_LATEST_OUT("OLD") " " BLOCK_LATEST_IN("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS block_latest_del AFTER DELETE ON diagnostic_block BEGIN "
BLOCK_LATEST_OUT("OLD") " END;\n"
"CREATE TRIGGER IF NOT EXISTS elem_latest_ins AFTER INSERT ON diagnostic_element BEGIN "
ELEM_LATEST_IN("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS elem_latest_upd AFTER UPDATE OF diagnostic_id, deficit_code_id, score,"
" max_score, archived ON diagnostic_element BEGIN "
ELEM_LATEST_OUT("OLD") " " ELEM_LATEST_IN("NEW") " END;\n"
"CREATE TRIGGER IF NOT EXISTS elem_latest_del AFTER DELETE ON diagnostic_element BEGIN "
ELEM_LATEST_OUT("OLD") " END;\n";

/* Step 28: the register's count for a search by one letter kept (issue 18;
 * store/lists.c): the persons with a part of the name that starts with
 * each letter, by archived flag. A one-letter search of the region counts
 * thousands of parts; the count is one row here. Kept by triggers on the
 * parts, in the transaction that changes them: a person counts under a
 * letter while one of his parts starts with it. Filled from the parts
 * each time the step runs. */
static const char schema_v28[] =
"CREATE TABLE IF NOT EXISTS person_initial_tally (\n"
"  initial TEXT NOT NULL,\n"
"  archived INTEGER NOT NULL,\n"
"  n INTEGER NOT NULL,\n"
"  PRIMARY KEY (initial, archived)\n"
") WITHOUT ROWID;\n"
"DELETE FROM person_initial_tally;\n"
"INSERT INTO person_initial_tally (initial, archived, n) " PERSON_INITIAL_COUNT(1) ";\n"
"CREATE TRIGGER IF NOT EXISTS person_initial_ins AFTER INSERT ON person_name_part"
" WHEN NOT EXISTS (SELECT 1 FROM person_name_part q WHERE q.person_id = NEW.person_id"
" AND q.part <> NEW.part AND substr(q.part, 1, 1) = substr(NEW.part, 1, 1)) BEGIN"
" INSERT INTO person_initial_tally (initial, archived, n) VALUES (substr(NEW.part, 1, 1), NEW.archived, 1)"
" ON CONFLICT (initial, archived) DO UPDATE SET n = n + 1; END;\n"
"CREATE TRIGGER IF NOT EXISTS person_initial_del AFTER DELETE ON person_name_part"
" WHEN NOT EXISTS (SELECT 1 FROM person_name_part q WHERE q.person_id = OLD.person_id"
" AND substr(q.part, 1, 1) = substr(OLD.part, 1, 1)) BEGIN"
" UPDATE person_initial_tally SET n = n - 1 WHERE initial = substr(OLD.part, 1, 1)"
" AND archived = OLD.archived; END;\n"
/* (the parts are only ever inserted and deleted; a change of one would
 * be a delete and an insert) */
"CREATE TRIGGER IF NOT EXISTS person_initial_upd BEFORE UPDATE ON person_name_part BEGIN"
" SELECT RAISE(ABORT, 'person_name_part: delete and insert'); END;\n";

const struct migration schema_migrations[] = {
	{ 1, schema_v1 },
	{ 2, schema_v2_domain },
	{ 3, schema_v3 },
	{ 4, schema_v4 },
	{ 5, schema_v5 },
	{ 6, schema_v6 },
	{ 7, schema_v7 },
	{ 8, schema_v8 },
	{ 9, schema_v9 },
	{ 10, schema_v10 },
	{ 11, schema_v11 },
	{ 12, schema_v12 },
	{ 13, schema_v13 },
	{ 14, schema_v14 },
	{ 15, schema_v15 },
	{ 16, schema_v16 },
	{ 17, schema_v17 },
	{ 18, schema_v18 },
	{ 19, schema_v19 },
	{ 20, schema_v20 },
	{ 21, schema_v21 },
	{ 22, schema_v22 },
	{ 23, schema_v23 },
	{ 24, schema_v24 },
	{ 25, schema_v25 },
	{ 26, schema_v26 },
	{ 27, schema_v27 },
	{ 28, schema_v28 },
};
const int schema_nmigrations = (int)NITEMS(schema_migrations);
