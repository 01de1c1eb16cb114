#!/usr/bin/env python3
"""The cells of a workbook that riskmap wrote, as the plain list xlsx_floor.c
writes again through libxlsxwriter: the benchmark's floor for an .xlsx
deliverable is then the same workbook (sheets, cells, formats, widths,
heights, merged cells, frozen panes, filters, drop-down lists) written by
the library alone, from data it need not compute.

usage: xlsx_cells.py BOOK.xlsx > CELLS.tsv

One record a line, fields separated by tabs; in text, a backslash, a tab and
a line break are written \\\\, \\t and \\n:
  F id fill font bold italic wrap border centre   a cell format (colours rrggbb or -)
  S name                                          a new sheet
  W first last width                              column widths (characters)
  Z row col                                       frozen panes
  H row height                                    a row's height (points)
  T row col format text                           a text cell
  N row col format number                         a number cell
  K row col format                                a blank cell with a format
  M row col last_row last_col format text         merged cells
  A row col last_row last_col                     the filter's range
  V row col last_row last_col formula             a drop-down list
Rows and columns count from 0; format 0 is none. Records of a sheet come in
the order the library takes them in constant-memory mode: rows ascending.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
M = "{%s}" % NS["m"]
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def cell_at(ref):
    """'AB12' -> (11, 27)"""
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", ref.replace("$", "")).groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(digits) - 1, col - 1


def range_at(ref):
    first, _, last = ref.partition(":")
    return cell_at(first) + cell_at(last or first)


def rgb(element):
    if element is None or element.get("rgb") is None:
        return "-"
    return element.get("rgb")[-6:]


def formats(book, out):
    """The cellXfs of styles.xml, each as the format that makes it."""
    styles = ET.fromstring(book.read("xl/styles.xml"))
    fonts = styles.findall("m:fonts/m:font", NS)
    fills = styles.findall("m:fills/m:fill", NS)
    borders = styles.findall("m:borders/m:border", NS)
    for index, xf in enumerate(styles.findall("m:cellXfs/m:xf", NS)):
        if index == 0:
            continue  # the default, no format
        font = fonts[int(xf.get("fontId", 0))]
        fill = fills[int(xf.get("fillId", 0))].find("m:patternFill/m:fgColor", NS)
        border = borders[int(xf.get("borderId", 0))].find("m:left", NS)
        align = xf.find("m:alignment", NS)
        align = {} if align is None else align.attrib
        out.write("\t".join(["F", str(index), rgb(fill), rgb(font.find("m:color", NS)),
                             str(int(font.find("m:b", NS) is not None)),
                             str(int(font.find("m:i", NS) is not None)),
                             str(int(align.get("wrapText") == "1")),
                             str(int(border is not None and border.get("style") == "thin")),
                             str(int(align.get("horizontal") == "center"))]) + "\n")


def sheet(book, name, part, out):
    out.write(f"S\t{escape(name)}\n")
    # What comes after the rows (merged cells, filter, lists) first: the
    # library takes merged cells in row order with the others.
    merges, after = {}, []
    covered = set()
    for event, element in ET.iterparse(book.open(part)):
        if element.tag == M + "mergeCell":
            r1, c1, r2, c2 = range_at(element.get("ref"))
            merges[(r1, c1)] = (r2, c2)
            covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        elif element.tag == M + "autoFilter":
            after.append("A\t" + "\t".join(map(str, range_at(element.get("ref")))))
        elif element.tag == M + "dataValidation" and element.get("type") == "list":
            formula = element.findtext("m:formula1", namespaces=NS)
            for ref in element.get("sqref").split():
                after.append("V\t" + "\t".join(map(str, range_at(ref))) + "\t" + escape(formula))
        elif element.tag == M + "row":
            element.clear()
    for event, element in ET.iterparse(book.open(part)):
        if element.tag == M + "pane" and element.get("state") == "frozen":
            out.write(f"Z\t{int(float(element.get('ySplit', 0)))}\t{int(float(element.get('xSplit', 0)))}\n")
        elif element.tag == M + "col":
            # The library stores a width with the padding of the default font.
            width = max(0.0, float(element.get("width")) - 0.7109375)
            out.write(f"W\t{int(element.get('min')) - 1}\t{int(element.get('max')) - 1}\t{width:.2f}\n")
        elif element.tag == M + "row":
            row = int(element.get("r")) - 1
            if element.get("customHeight") == "1":
                out.write(f"H\t{row}\t{element.get('ht')}\n")
            for c in element.findall("m:c", NS):
                r, col = cell_at(c.get("r"))
                style = c.get("s", "0")
                kind = c.get("t")
                if kind == "inlineStr":
                    value = "".join(t.text or "" for t in c.iter(M + "t"))
                elif kind in ("s", "str", "b", "e"):
                    sys.exit(f"{part}: cell {c.get('r')} of type {kind} is not read here")
                else:
                    value = c.findtext("m:v", namespaces=NS)
                if (r, col) in merges:
                    r2, c2 = merges[(r, col)]
                    out.write(f"M\t{r}\t{col}\t{r2}\t{c2}\t{style}\t{escape(value or '')}\n")
                elif (r, col) in covered:
                    continue
                elif kind == "inlineStr":
                    out.write(f"T\t{r}\t{col}\t{style}\t{escape(value)}\n")
                elif value is not None:
                    out.write(f"N\t{r}\t{col}\t{style}\t{value}\n")
                else:
                    out.write(f"K\t{r}\t{col}\t{style}\n")
            element.clear()
    for line in after:
        out.write(line + "\n")


def main():
    book = zipfile.ZipFile(sys.argv[1])
    out = sys.stdout
    formats(book, out)
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = {rel.get("Id"): rel.get("Target") for rel in rels.iter(REL + "Relationship")}
    for s in workbook.findall("m:sheets/m:sheet", NS):
        part = target[s.get("{%s}id" % NS["r"])]
        sheet(book, s.get("name"), "xl/" + part.lstrip("/").removeprefix("xl/"), out)


if __name__ == "__main__":
    main()
