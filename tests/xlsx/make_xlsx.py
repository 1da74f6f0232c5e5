#!/usr/bin/env python3
"""Workbooks written by a real spreadsheet library (openpyxl), not by the
project's own writer, for the .xlsx import.

  make_xlsx.py fixtures DIR   test workbooks (tests/unit/test_xlsxin.c):
      diag.xlsx   a title row (merged) and a blank row above the header,
                  official wordings, Excel dates and a date-time, «72%»
                  and «64,5» as typed, a percent-formatted number
      nul.xlsx    the same with a NUL byte in one cell (row 6, column F)
      bomb.xlsx   a sheet of 20 MB of spaces: compressed over 100:1
  make_xlsx.py examples       conf/import/*.xlsx from conf/import/*.csv
      (dates as Excel dates, whole numbers as numbers)
"""
import csv
import datetime
import glob
import os
import re
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
    elif len(sys.argv) == 2 and sys.argv[1] == "examples":
        for p in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "..", "conf", "import", "*.csv"))):
            example(p)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
