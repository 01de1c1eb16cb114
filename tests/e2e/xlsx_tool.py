#!/usr/bin/env python3
"""Reads and edits the workbooks riskmap writes, for the tests.

    python3 xlsx_tool.py dump FILE        # every sheet, cell and setting, one per line
    python3 xlsx_tool.py set FILE SHEET CELL TEXT   # a cell's text, as a client edits it
    python3 xlsx_tool.py part FILE NAME   # a part's text (docProps/core.xml)
    python3 xlsx_tool.py dates FILE       # the zip entries' dates, one per line

`dump` prints, for each sheet in the workbook's order:
    sheet NAME
    freeze COLUMNS ROWS            (the panes kept in view)
    filter RANGE
    validation RANGE FORMULA
    cell REF text|number|formula VALUE [fill #RRGGBB] [bold]
It checks on the way that every part is well-formed XML.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
M = "{%s}" % NS["m"]


def sheet_parts(z):
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    for sheet in book.find("m:sheets", NS):
        rid = sheet.get("{%s}id" % NS["r"])
        yield sheet.get("name"), "xl/" + target[rid].lstrip("/").removeprefix("xl/")


def styles(z):
    root = ET.fromstring(z.read("xl/styles.xml"))
    fills = []
    for fill in root.find("m:fills", NS):
        colour = fill.find("m:patternFill/m:fgColor", NS)
        fills.append("#" + colour.get("rgb")[2:] if colour is not None and colour.get("rgb") else None)
    bold = []
    for font in root.find("m:fonts", NS):
        bold.append(font.find("m:b", NS) is not None)
    out = []
    for xf in root.find("m:cellXfs", NS):
        out.append((fills[int(xf.get("fillId", 0))], bold[int(xf.get("fontId", 0))]))
    return out


def cell_text(c, shared):
    kind = c.get("t")
    if kind == "inlineStr":
        return "text", "".join(t.text or "" for t in c.iter(M + "t"))
    if kind == "s":
        return "text", shared[int(c.find("m:v", NS).text)]
    if c.find("m:f", NS) is not None:
        return "formula", c.find("m:f", NS).text
    v = c.find("m:v", NS)
    return ("number", v.text) if v is not None else ("blank", "")


def dump(path):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ET.fromstring(z.read(name))  # well-formed, or this raises
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")):
                shared.append("".join(t.text or "" for t in si.iter(M + "t")))
        xfs = styles(z)
        for name, part in sheet_parts(z):
            print("sheet", name)
            root = ET.fromstring(z.read(part))
            pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
            if pane is not None and pane.get("state") == "frozen":
                print("freeze", pane.get("xSplit", "0"), pane.get("ySplit", "0"))
            f = root.find("m:autoFilter", NS)
            if f is not None:
                print("filter", f.get("ref"))
            for dv in root.iter(M + "dataValidation"):
                print("validation", dv.get("sqref"), dv.find("m:formula1", NS).text)
            for c in root.iter(M + "c"):
                kind, value = cell_text(c, shared)
                if kind == "blank":
                    continue
                fill, bold = xfs[int(c.get("s", 0))]
                extra = (" fill " + fill if fill else "") + (" bold" if bold else "")
                print("cell", c.get("r"), kind, value.replace("\n", "\\n") + extra)


def set_cell(path, sheet_name, ref, text):
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
        part = dict(sheet_parts(z))[sheet_name]
    xml = parts[part].decode()
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    cell = re.compile(r'<c r="%s"( s="\d+")?[^>]*?(/>|>.*?</c>)' % ref)
    new = lambda m: '<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, m.group(1) or "", escaped)
    xml, count = cell.subn(new, xml, count=1)
    if not count:
        sys.exit("no cell %s in %s" % (ref, sheet_name))
    parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(sys.argv[2])
    elif sys.argv[1] == "part":
        with zipfile.ZipFile(sys.argv[2]) as z:
            sys.stdout.write(z.read(sys.argv[3]).decode())
    elif sys.argv[1] == "dates":
        with zipfile.ZipFile(sys.argv[2]) as z:
            for info in z.infolist():
                print("%04d-%02d-%02d %02d:%02d:%02d" % info.date_time, info.filename)
    elif sys.argv[1] == "set":
        set_cell(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit(__doc__)
