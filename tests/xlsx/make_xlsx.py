#!/usr/bin/env python3
"""Workbooks written by a real spreadsheet library (openpyxl), not by the
project's own writer, for the .xlsx import.

  make_xlsx.py fixtures DIR   test workbooks (tests/unit/test_xlsxin.c):
      diag.xlsx   a title row (merged) and a blank row above the header,
                  official wordings, Excel dates and a date-time, «72%»
                  and «64,5» as typed, a percent-formatted number
      nul.xlsx    the same with a NUL byte in one cell (row 6, column F)
      bomb.xlsx   a sheet of 20 MB of spaces: compressed over 100:1
      liar.xlsx   bomb.xlsx whose headers say the sheet is 4000 bytes
      d1904.xlsx  diag.xlsx with dates as a Mac workbook keeps them (the 1904
                  date system) and Excel's built-in date format 14
      shared.xlsx diag.xlsx with its texts moved to xl/sharedStrings.xml as
                  Excel and LibreOffice keep them (openpyxl writes them inline),
                  the entries stored, not deflated (a seed for the fuzzer)
  make_xlsx.py examples       conf/import/*.xlsx from conf/import/*.csv
      (dates as Excel dates, whole numbers as numbers)
"""
import csv
import datetime
import glob
import os
import re
import struct
import sys
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font


def diag(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Диагностика"
    ws["A1"] = "Результаты диагностики педагогов, март 2026"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:G1")
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(["Табельный номер", "Форма диагностики", "Вид диагностики", "Дата диагностики",
               "Общий % выполнения", "Предмет", "Результаты сообщены"])
    rows = [
        ["ТН-000003", "стандартизированная процедура", "входная", datetime.date(2026, 3, 16), "72%",
         "русский язык", datetime.datetime(2026, 3, 20, 14, 30)],
        ["ТН-000004", "самодиагностика", "итоговая", datetime.date(2026, 3, 17), "64,5",
         "математика", None],
        ["ТН-000005", "экспертная оценка", "входная в рамках ДПП", datetime.date(2026, 3, 18), 0.81,
         "MARK_NUL", None],
    ]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=4, max_row=6):
        row[3].number_format = "DD.MM.YYYY"
        row[6].number_format = "DD.MM.YYYY HH:MM"
    ws["E6"].number_format = "0%"
    wb.save(path)


def with_nul(src, dst):
    """openpyxl refuses a NUL in a cell: put one into the written XML."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            data = data.replace(b"MARK_NUL", "рус\x00ский".encode())
            zout.writestr(item, data)


def bomb(src, dst):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (20 * 1024 * 1024), 1)
            zout.writestr(item, data)


INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"><is><t>(.*?)</t></is></c>', re.S)


def shared(src, dst):
    """Texts as Excel and LibreOffice keep them: in the shared strings."""
    table = []

    def move(m):
        if m[3] not in table:
            table.append(m[3])
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (m[1], m[2], table.index(m[3]))

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = INLINE.sub(move, data)
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                                    b"</Types>")
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                                    b'Id="rId9"/></Relationships>')
            item.compress_type = zipfile.ZIP_STORED
            zout.writestr(item, data)
        sst = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/' \
              b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(table), len(table))
        for t in table:
            sst += b"<si><t>%s</t></si>" % t
        zout.writestr("xl/sharedStrings.xml", sst + b"</sst>")


def liar(src, dst):
    """The sizes in the archive's headers lie: only inflating tells."""
    data = bytearray(open(src, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    i = data.find(b"PK\x01\x02")
    while i != -1:
        nlen = struct.unpack_from("<H", data, i + 28)[0]
        if data[i + 46:i + 46 + nlen] == name:
            struct.pack_into("<I", data, i + 24, 4000)
            struct.pack_into("<I", data, struct.unpack_from("<I", data, i + 42)[0] + 22, 4000)
        i = data.find(b"PK\x01\x02", i + 4)
    open(dst, "wb").write(data)


DATED = re.compile(rb'(<c r="[A-Z]+[0-9]+" s="[23]" t="n"><v>)([0-9.]+)(</v>)')


def d1904(src, dst):
    """The 1904 date system (serials 1462 days smaller) and format 14."""
    def shift(m):
        return m[1] + repr(float(m[2]) - 1462).encode() + m[3]

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = DATED.sub(shift, data)
            elif item.filename == "xl/workbook.xml":
                data = data.replace(b"<workbookPr/>", b'<workbookPr date1904="1"/>')
            elif item.filename == "xl/styles.xml":
                data = data.replace(b'<xf numFmtId="166"', b'<xf numFmtId="14"')
            zout.writestr(item, data)


DATE = re.compile(r"^(\d\d)\.(\d\d)\.(\d{4})$")
WHOLE = re.compile(r"^\d{1,6}$")


def example(csvpath):
    with open(csvpath, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = os.path.splitext(os.path.basename(csvpath))[0]
    for i, r in enumerate(rows):
        out = []
        for cell in r:
            m = DATE.match(cell)
            if i > 0 and m:
                out.append(datetime.date(int(m[3]), int(m[2]), int(m[1])))
            elif i > 0 and WHOLE.match(cell):
                out.append(int(cell))
            else:
                out.append(cell if cell != "" else None)
        ws.append(out)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, datetime.date):
                c.number_format = "DD.MM.YYYY"
    for c in ws[1]:
        c.font = Font(bold=True)
    wb.save(csvpath[:-4] + ".xlsx")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "fixtures":
        d = sys.argv[2]
        diag(os.path.join(d, "diag.xlsx"))
        with_nul(os.path.join(d, "diag.xlsx"), os.path.join(d, "nul.xlsx"))
        bomb(os.path.join(d, "diag.xlsx"), os.path.join(d, "bomb.xlsx"))
        shared(os.path.join(d, "diag.xlsx"), os.path.join(d, "shared.xlsx"))
        liar(os.path.join(d, "bomb.xlsx"), os.path.join(d, "liar.xlsx"))
        d1904(os.path.join(d, "diag.xlsx"), os.path.join(d, "d1904.xlsx"))
    elif len(sys.argv) == 2 and sys.argv[1] == "examples":
        for p in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "..", "conf", "import", "*.csv"))):
            example(p)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
