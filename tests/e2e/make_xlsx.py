#!/usr/bin/env python3
"""Writes a small XLSX workbook from a description, for the tests.

    python3 make_xlsx.py OUT.xlsx < description

The description is a Python literal:

    {"sheets": [{"name": "Risques", "rows": [ROW, ...], "merges": ["B1:C1"]}],
     "date1904": False,          # the workbook's date system
     "strings": "shared",        # or "inline": how plain text cells are written
     "refs": True,               # False: cells without r="C12", placed in turn
     "stored": False,            # True: parts stored, not deflated
     "omit": ["xl/sharedStrings.xml"],   # parts left out (their relationships too)
     "raw": {"xl/worksheets/sheet1.xml": "<text>"}}  # parts written as given

A ROW is a list of cells from column A (its row number the previous one's
plus one, from 1), or {"r": 5, "cells": [...]} / {"r": 5, "cells": {"C": cell}}.
A cell is None (no cell; an empty one without references), a str, an int or a float, a bool, or
{"date": "2026-11-23"} (a date cell, built-in format 14),
{"date": "...", "format": "dd/mm/yyyy"} (a custom date format),
{"number": "3.0"} (a number written as given),
{"number": 12.5, "format": "0.00\\" d\\""} (a custom format that is no date),
{"formula": "B2*2", "value": 6} (a formula and its cached value; a str value
is a formula string result), {"error": "#N/A"}, {"rich": ["a", "b"]} (a
shared string of runs), {"inline": "x"}, {"empty": True} (an empty cell).

Sheets' parts are named in the reverse of the workbook's order
(worksheets/sheet2.xml for the first of two), so that a reader which
guesses part names from positions reads the wrong sheet.
"""
import ast
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def column_letters(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters):
    index = 0
    for c in letters:
        index = index * 26 + ord(c) - 64
    return index - 1


def serial(text, date1904):
    day = datetime.date.fromisoformat(text)
    if date1904:
        return (day - datetime.date(1904, 1, 1)).days
    # The 1900 system counts a 1900-02-29 that never was: days before it
    # are one less than the calendar gives.
    if day < datetime.date(1900, 3, 1):
        return (day - datetime.date(1899, 12, 31)).days
    return (day - datetime.date(1899, 12, 30)).days


class Book:
    def __init__(self, description):
        self.d = description
        self.shared = []
        self.shared_index = {}
        self.formats = []  # custom format codes, ids from 164
        self.styles = [0, 14]  # cellXfs: numFmtId of each; 1 is the built-in date

    def string(self, key, xml):
        if key not in self.shared_index:
            self.shared_index[key] = len(self.shared)
            self.shared.append(xml)
        return self.shared_index[key]

    def style(self, code):
        if code not in self.formats:
            self.formats.append(code)
        number = 164 + self.formats.index(code)
        if number not in self.styles:
            self.styles.append(number)
        return self.styles.index(number)

    def cell(self, ref, value):
        r = f' r="{ref}"' if ref else ""
        if value is None:
            return "" if ref else "<c/>"  # without references, every cell is written
        if isinstance(value, bool):
            return f'<c{r} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)):
            return f"<c{r}><v>{value!r}</v></c>"
        if isinstance(value, str):
            if self.d.get("strings") == "inline":
                return f'<c{r} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
            index = self.string(("t", value), f'<t xml:space="preserve">{escape(value)}</t>')
            return f'<c{r} t="s"><v>{index}</v></c>'
        if "date" in value:
            style = self.style(value["format"]) if "format" in value else 1
            number = serial(value["date"], self.d.get("date1904", False))
            return f'<c{r} s="{style}"><v>{number}</v></c>'
        if "number" in value:
            style = f' s="{self.style(value["format"])}"' if "format" in value else ""
            return f"<c{r}{style}><v>{value['number']}</v></c>"
        if "formula" in value:
            cached = value.get("value")
            kind = ' t="str"' if isinstance(cached, str) else ""
            v = "" if cached is None else f"<v>{escape(str(cached))}</v>"
            return f"<c{r}{kind}><f>{escape(value['formula'])}</f>{v}</c>"
        if "error" in value:
            return f'<c{r} t="e"><v>{escape(value["error"])}</v></c>'
        if "rich" in value:
            runs = "".join(f"<r><rPr><b/></rPr><t xml:space=\"preserve\">{escape(t)}</t></r>"
                           for t in value["rich"])
            index = self.string(("r",) + tuple(value["rich"]), runs + "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh>")
            return f'<c{r} t="s"><v>{index}</v></c>'
        if "inline" in value:
            return f'<c{r} t="inlineStr"><is><t>{escape(value["inline"])}</t></is></c>'
        if "empty" in value:
            return f"<c{r}/>"
        raise ValueError(f"unknown cell {value!r}")

    def sheet(self, sheet):
        rows = []
        number = 0
        refs = self.d.get("refs", True)
        for row in sheet.get("rows", []):
            cells = row
            if isinstance(row, dict):
                number = row["r"]
                cells = row["cells"]
            else:
                number += 1
            if isinstance(cells, dict):
                placed = sorted((column_index(k), v) for k, v in cells.items())
            else:
                placed = list(enumerate(cells))
            xml = "".join(self.cell(f"{column_letters(c)}{number}" if refs else None, v)
                          for c, v in placed)
            rows.append(f'<row r="{number}">{xml}</row>')
        merges = sheet.get("merges", [])
        merge_xml = ""
        if merges:
            merge_xml = f'<mergeCells count="{len(merges)}">' + "".join(
                f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>{"".join(rows)}</sheetData>'
                f"{merge_xml}</worksheet>")

    def parts(self):
        sheets = self.d["sheets"]
        n = len(sheets)
        parts = {}
        names = [f"worksheets/sheet{n - i}.xml" for i in range(n)]
        for i, sheet in enumerate(sheets):
            parts["xl/" + names[i]] = self.sheet(sheet)
        parts["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{MAIN}" count="{len(self.shared)}" uniqueCount="{len(self.shared)}">'
            + "".join(f"<si>{s}</si>" for s in self.shared) + "</sst>")
        num_fmts = "".join(f'<numFmt numFmtId="{164 + i}" formatCode={quoteattr(code)}/>'
                           for i, code in enumerate(self.formats))
        parts["xl/styles.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN}">'
            f'<numFmts count="{len(self.formats)}">{num_fmts}</numFmts>'
            '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self.styles)}">'
            + "".join(f'<xf numFmtId="{s}" xfId="0" applyNumberFormat="1"/>' for s in self.styles)
            + "</cellXfs></styleSheet>")
        date1904 = ' date1904="1"' if self.d.get("date1904") else ""
        parts["xl/workbook.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr{date1904}/><sheets>'
            + "".join(f'<sheet name={quoteattr(s["name"])} sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                      for i, s in enumerate(sheets)) + "</sheets></workbook>")
        omit = set(self.d.get("omit", []))
        rels = [(f"rId{i + 1}", "worksheet", names[i]) for i in range(n)]
        rels += [("rIdS", "sharedStrings", "sharedStrings.xml"), ("rIdT", "styles", "styles.xml")]
        parts["xl/_rels/workbook.xml.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}">'
            + "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"/>'
                      for i, t, target in rels if "xl/" + target not in omit)
            + "</Relationships>")
        parts["_rels/.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")
        parts["[Content_Types].xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>')
        for name in omit:
            parts.pop(name, None)
        parts.update(self.d.get("raw", {}))
        return parts


def write(path, description):
    parts = Book(description).parts()
    method = zipfile.ZIP_STORED if description.get("stored") else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as z:
        for name in ["[Content_Types].xml", "_rels/.rels"] + sorted(
                p for p in parts if p not in ("[Content_Types].xml", "_rels/.rels")):
            if name in parts:
                z.writestr(name, parts[name])


if __name__ == "__main__":
    write(sys.argv[1], ast.literal_eval(sys.stdin.read()))
