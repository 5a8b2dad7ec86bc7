"""CSV and Excel (openpyxl) responses: one sheet or file per table, headers first."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(filename: str, sheets: list[tuple[str, list[str], list[list]]]) -> HttpResponse:
    """Semicolon-separated with a BOM (what Norwegian Excel opens as columns); each
    sheet is preceded by its title line and followed by a blank line."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for number, (title, header, rows) in enumerate(sheets):
        if number:
            writer.writerow([])
        if len(sheets) > 1:
            writer.writerow([title])
        writer.writerow(header)
        writer.writerows(rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, sheets: list[tuple[str, list[str], list[list]]]) -> HttpResponse:
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(_sheet_title(title, book.sheetnames))
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _sheet_title(title: str, taken: list[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:28].strip()
    name, n = clean, 2
    while name in taken:
        name, n = f"{clean} {n}", n + 1
    return name
