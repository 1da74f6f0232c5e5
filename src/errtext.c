/* Russian messages for errno values and SQLite result codes (errtext.h). */
#include "errtext.h"
#include "util.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

struct entry {
	int code;
	const char *text;
};

static const struct entry errno_table[] = {
	{ EPERM, "операция не разрешена" },
	{ ENOENT, "нет такого файла или каталога" },
	{ EINTR, "прервано сигналом" },
	{ EIO, "ошибка ввода-вывода (диск или носитель неисправен)" },
	{ ENXIO, "нет такого устройства" },
	{ E2BIG, "слишком длинный список аргументов" },
	{ EBADF, "неверный дескриптор файла" },
	{ EAGAIN, "ресурс временно недоступен, повторите позже" },
	{ ENOMEM, "не хватает памяти" },
	{ EACCES, "нет прав доступа" },
	{ EFAULT, "неверный адрес" },
	{ EBUSY, "устройство или ресурс занят" },
	{ EEXIST, "файл уже существует" },
	{ EXDEV, "ссылка между разными файловыми системами" },
	{ ENODEV, "нет такого устройства" },
	{ ENOTDIR, "в пути не каталог" },
	{ EISDIR, "это каталог, а не файл" },
	{ EINVAL, "недопустимый аргумент" },
	{ ENFILE, "в системе открыто слишком много файлов" },
	{ EMFILE, "программа открыла слишком много файлов" },
	{ ENOTTY, "это не терминал" },
	{ ETXTBSY, "файл занят" },
	{ EFBIG, "файл слишком большой" },
	{ ENOSPC, "нет места на диске" },
	{ ESPIPE, "файл не допускает перемещения по нему (канал или сокет)" },
	{ EROFS, "файловая система только для чтения" },
	{ EMLINK, "слишком много ссылок" },
	{ EPIPE, "канал закрыт с другой стороны" },
	{ ERANGE, "результат вне допустимого диапазона" },
	{ EDEADLK, "взаимная блокировка ресурса" },
	{ ENAMETOOLONG, "слишком длинное имя файла" },
	{ ENOLCK, "нет свободных блокировок" },
	{ ENOSYS, "функция не поддерживается системой" },
	{ ENOTEMPTY, "каталог не пуст" },
	{ ELOOP, "слишком много символических ссылок (или ссылка там, где её не может быть)" },
	{ EILSEQ, "недопустимая последовательность байтов для кодировки" },
	{ EOVERFLOW, "значение слишком велико для типа данных" },
	{ ENOTSUP, "операция не поддерживается" },
	{ ETIMEDOUT, "время ожидания истекло" },
	{ ECONNREFUSED, "в соединении отказано" },
	{ ECONNRESET, "соединение сброшено" },
	{ EHOSTUNREACH, "узел недоступен" },
	{ ESTALE, "устаревший дескриптор сетевого файла" },
	{ EDQUOT, "превышена дисковая квота" },
	{ ECANCELED, "операция отменена" },
};

/* Extended codes first where their text says more than the primary's. */
static const struct entry sqlite_table[] = {
	{ SQLITE_OK, "успешно" },
	{ SQLITE_ERROR, "ошибка базы данных" },
	{ SQLITE_INTERNAL, "внутренняя ошибка SQLite" },
	{ SQLITE_PERM, "нет прав доступа к базе" },
	{ SQLITE_ABORT, "операция прервана" },
	{ SQLITE_BUSY, "база занята другим пользователем, повторите позже" },
	{ SQLITE_BUSY_SNAPSHOT, "база изменилась за время чтения, повторите" },
	{ SQLITE_BUSY_RECOVERY, "база восстанавливается после сбоя, повторите позже" },
	{ SQLITE_LOCKED, "таблица заблокирована другой операцией, повторите позже" },
	{ SQLITE_NOMEM, "не хватает памяти" },
	{ SQLITE_READONLY, "база открыта только для чтения (нет прав на запись в файл или каталог)" },
	{ SQLITE_READONLY_DIRECTORY, "нет прав на запись в каталог базы" },
	{ SQLITE_READONLY_CANTINIT, "нет прав на запись в каталог базы (не создать файл -shm)" },
	{ SQLITE_READONLY_RECOVERY, "база требует восстановления, а прав на запись нет" },
	{ SQLITE_READONLY_DBMOVED, "файл базы перемещён или удалён во время работы" },
	{ SQLITE_INTERRUPT, "операция прервана" },
	{ SQLITE_IOERR, "ошибка ввода-вывода при работе с базой" },
	{ SQLITE_IOERR_READ, "ошибка чтения файла базы" },
	{ SQLITE_IOERR_SHORT_READ, "файл базы короче, чем должен быть (повреждён или обрезан)" },
	{ SQLITE_IOERR_WRITE, "ошибка записи в файл базы" },
	{ SQLITE_IOERR_FSYNC, "не удалось сбросить данные базы на диск" },
	{ SQLITE_IOERR_NOMEM, "не хватает памяти" },
	{ SQLITE_IOERR_ACCESS, "нет доступа к файлу базы" },
	{ SQLITE_IOERR_LOCK, "не удалось заблокировать файл базы" },
	{ SQLITE_IOERR_DELETE, "не удалось удалить служебный файл базы" },
	{ SQLITE_IOERR_TRUNCATE, "не удалось обрезать файл базы" },
	{ SQLITE_IOERR_SHMOPEN, "не удалось открыть файл -shm базы" },
	{ SQLITE_IOERR_SHMSIZE, "не удалось увеличить файл -shm базы (нет места на диске?)" },
	{ SQLITE_CORRUPT, "файл базы повреждён" },
	{ SQLITE_NOTFOUND, "не найдено" },
	{ SQLITE_FULL, "нет места на диске для базы" },
	{ SQLITE_CANTOPEN, "не удаётся открыть файл базы" },
	{ SQLITE_CANTOPEN_ISDIR, "не удаётся открыть базу: это каталог, а не файл" },
	{ SQLITE_CANTOPEN_FULLPATH, "не удаётся открыть базу: неверный путь" },
	{ SQLITE_CANTOPEN_SYMLINK, "не удаётся открыть базу: это символическая ссылка" },
	{ SQLITE_PROTOCOL, "сбой блокировки базы, повторите" },
	{ SQLITE_EMPTY, "база пуста" },
	{ SQLITE_SCHEMA, "схема базы изменилась, повторите" },
	{ SQLITE_TOOBIG, "значение слишком велико" },
	{ SQLITE_CONSTRAINT, "нарушено ограничение данных" },
	{ SQLITE_CONSTRAINT_UNIQUE, "такая запись уже есть (значение должно быть уникальным)" },
	{ SQLITE_CONSTRAINT_PRIMARYKEY, "такая запись уже есть (значение должно быть уникальным)" },
	{ SQLITE_CONSTRAINT_NOTNULL, "не заполнено обязательное поле" },
	{ SQLITE_CONSTRAINT_CHECK, "значение вне допустимого" },
	{ SQLITE_CONSTRAINT_FOREIGNKEY, "ссылка на несуществующую запись" },
	{ SQLITE_CONSTRAINT_TRIGGER, "изменение запрещено правилом базы" },
	{ SQLITE_MISMATCH, "несоответствие типа данных" },
	{ SQLITE_MISUSE, "неверное обращение к базе (ошибка программы)" },
	{ SQLITE_NOLFS, "файл базы слишком большой для этой системы" },
	{ SQLITE_AUTH, "доступ к базе не разрешён" },
	{ SQLITE_RANGE, "номер параметра вне допустимого (ошибка программы)" },
	{ SQLITE_NOTADB, "файл не является базой данных" },
	{ SQLITE_ROW, "есть строка результата" },
	{ SQLITE_DONE, "выполнено" },
};

static const char *lookup(const struct entry *t, size_t n, int code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].text;
	return NULL;
}

const char *errtext_errno(int e)
{
	static __thread char buf[48];
	const char *t = lookup(errno_table, NITEMS(errno_table), e);

	if (t)
		return t;
	snprintf(buf, sizeof buf, "системная ошибка %d", e);
	return buf;
}

const char *errtext_sqlite(int rc)
{
	static __thread char buf[64];
	const char *t = lookup(sqlite_table, NITEMS(sqlite_table), rc);

	if (t == NULL)
		t = lookup(sqlite_table, NITEMS(sqlite_table), rc & 0xff);
	if (t)
		return t;
	snprintf(buf, sizeof buf, "ошибка базы данных %d", rc);
	return buf;
}

/* SQLite's own messages are ASCII English; ours (RAISE texts, function
 * errors) are Russian, so any byte above 0x7f marks a message to keep. */
static int ours(const char *msg)
{
	for (; msg && *msg; msg++)
		if ((unsigned char)*msg >= 0x80)
			return 1;
	return 0;
}

const char *errtext_db(struct sqlite3 *db)
{
	static __thread char buf[256];
	const char *msg;
	int rc, e;

	if (db == NULL)
		return errtext_sqlite(SQLITE_NOMEM);
	msg = sqlite3_errmsg(db);
	if (ours(msg))
		return msg;
	rc = sqlite3_extended_errcode(db);
	/* A file that cannot be opened or read: the system's reason says
	 * which (no such folder, no rights, a full disk). */
	e = sqlite3_system_errno(db);
	switch (rc & 0xff) {
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_READONLY:
	case SQLITE_FULL:
		if (e != 0) {
			snprintf(buf, sizeof buf, "%s (%s)", errtext_sqlite(rc), errtext_errno(e));
			return buf;
		}
		break;
	}
	return errtext_sqlite(rc);
}

/* libconfuse 3.3's messages about the file (confuse.c, lexer.l); every
 * Russian format keeps the English one's %s in order. */
static const struct {
	const char *en, *ru;
} confuse_table[] = {
	{ "no such option '%s'", "неизвестный параметр «%s»" },
	{ "no sub-section '%s' in '%s'", "нет раздела «%s» в «%s»" },
	{ "found duplicate title '%s'", "раздел «%s» повторяется" },
	{ "unexpected closing brace", "лишняя закрывающая скобка }" },
	{ "unexpected token '%s'", "неожиданное «%s»" },
	{ "no sub-section title/index for '%s'", "у раздела «%s» нет названия" },
	{ "duplicate option '%s' not allowed", "параметр «%s» указан дважды" },
	{ "invalid integer value for option '%s'", "у параметра «%s» должно быть целое число" },
	{ "integer value for option '%s' is out of range", "число у параметра «%s» вне допустимого" },
	{ "invalid floating point value for option '%s'", "у параметра «%s» должно быть число" },
	{ "floating point value for option '%s' is out of range", "число у параметра «%s» вне допустимого" },
	{ "invalid boolean value for option '%s'", "у параметра «%s» должно быть true или false" },
	{ "attempt to append to non-list option '%s'", "параметр «%s» — не список: += к нему неприменимо" },
	{ "missing equal sign after option '%s'", "после параметра «%s» нет знака =" },
	{ "missing opening brace for section '%s'", "после раздела «%s» нет открывающей скобки {" },
	{ "missing title for section '%s'", "у раздела «%s» нет названия" },
	{ "missing parenthesis for function '%s'", "после «%s» нет скобки (" },
	{ "syntax error in call of function '%s'", "ошибка в записи «%s(...)»" },
	{ "invalid octal number '%s'", "неверное восьмеричное число «%s»" },
	{ "bad escape sequence '%s'", "неверная последовательность «%s»" },
	{ "premature end of file", "файл кончился раньше, чем запись (не закрыты кавычки или скобка?)" },
	{ "unterminated string constant", "не закрыты кавычки" },
	{ "includes nested too deeply", "слишком глубокое вложение include" },
	{ "found deprecated option '%s', please update configuration file.",
	  "параметр «%s» устарел: обновите файл настроек" },
	{ "dropping deprecated configuration option '%s'", "устаревший параметр «%s» пропущен" },
};

const char *errtext_confuse(const char *fmt)
{
	size_t i;

	for (i = 0; fmt && i < NITEMS(confuse_table); i++)
		if (strcmp(fmt, confuse_table[i].en) == 0)
			return confuse_table[i].ru;
	return fmt;
}
