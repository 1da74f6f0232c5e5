/* The libraries only the .xlsx files need (issue 18), loaded on first use.
 *
 * libzip and libexpat (reading a workbook, xlsxin.c) and libxlsxwriter
 * (writing one, report.c) bring libcrypto with them: 1.5 MB of a session's
 * memory that only an import or an export uses. The program is not linked
 * to them; the first .xlsx opens them by their SONAMEs (set by the Makefile
 * from the installed -dev packages) and fills a table of their functions.
 * Their headers still give the types, so a call through the table is
 * checked as the direct call was.
 *
 * MARSHRUT_LIBZIP, MARSHRUT_LIBEXPAT, MARSHRUT_LIBXLSXWRITER name another
 * file to open instead (a bare name, searched the way the dynamic linker
 * searches; honoured only when the program runs without privileges). */
#ifndef MARSHRUT_DYNLIB_H
#define MARSHRUT_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

#include <expat.h>
#include <xlsxwriter.h>
#include <zip.h>

#define DYNLIB_READ_FUNCS(X) \
	X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror) X(zip_fclose) \
	X(zip_file_strerror) X(zip_fopen_index) X(zip_fread) X(zip_get_num_entries) \
	X(zip_name_locate) X(zip_open_from_source) X(zip_source_buffer_create) \
	X(zip_source_filep_create) X(zip_source_free) X(zip_stat_index) X(zip_stat_init) \
	X(zip_strerror) \
	X(XML_ErrorString) X(XML_GetCurrentLineNumber) X(XML_GetErrorCode) X(XML_Parse) \
	X(XML_ParserCreate) X(XML_ParserFree) X(XML_SetCharacterDataHandler) \
	X(XML_SetElementHandler) X(XML_SetStartDoctypeDeclHandler) X(XML_SetUserData) \
	X(XML_StopParser)

#define DYNLIB_WRITE_FUNCS(X) \
	X(format_set_align) X(format_set_bold) X(format_set_border) X(format_set_font_size) \
	X(format_set_text_wrap) X(lxw_strerror) X(workbook_add_format) X(workbook_add_worksheet) \
	X(workbook_close) X(workbook_new_opt) X(worksheet_fit_to_pages) X(worksheet_freeze_panes) \
	X(worksheet_merge_range) X(worksheet_set_column) X(worksheet_set_landscape) \
	X(worksheet_set_paper) X(worksheet_set_row) X(worksheet_write_blank) \
	X(worksheet_write_number) X(worksheet_write_string)

#define DYNLIB_FIELD(f) __typeof__(f) *f;

/* Reading .xlsx: libzip and libexpat. */
struct dynlib_read {
	DYNLIB_READ_FUNCS(DYNLIB_FIELD)
};
/* Writing .xlsx: libxlsxwriter. */
struct dynlib_write {
	DYNLIB_WRITE_FUNCS(DYNLIB_FIELD)
};

/* The tables, or NULL with a Russian message in err (which library, the
 * loader's reason, the Debian package that has it). Loaded once and kept. */
const struct dynlib_read *dynlib_read(char *err, size_t errsz);
const struct dynlib_write *dynlib_write(char *err, size_t errsz);

#endif
