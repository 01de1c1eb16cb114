#!/usr/bin/env python3
"""Reads what a test checks in a Word document or a PDF made by riskmap.

  docx_tool.py check FILE      every XML part well-formed; prints the part names
  docx_tool.py text FILE PART  the text of a part (w:t runs joined, a line a paragraph)
  docx_tool.py facts FILE      one "name: value" line per fact the tests assert
  docx_tool.py pages FILE.pdf  the number of pages of a PDF
  docx_tool.py slides FILE     a line a slide of a deck: its layout, the
                               paragraphs of its body, notes, pictures
"""
import re
import sys
import zipfile
import xml.dom.minidom

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def paragraphs(data):
    doc = xml.dom.minidom.parseString(data)
    for p in doc.getElementsByTagNameNS(W, "p"):
        yield "".join(t.firstChild.data if t.firstChild else "" for t in p.getElementsByTagNameNS(W, "t"))


def check(path):
    for name, data in sorted(parts(path).items()):
        if name.endswith(".xml") or name.endswith(".rels"):
            xml.dom.minidom.parseString(data)
        print(name)


def facts(path):
    p = parts(path)
    doc = p["word/document.xml"].decode()
    out = []
    styles = re.findall(r'<w:pStyle w:val="([^"]+)"', doc)
    out.append(f"titles: {styles.count('Title')}")
    out.append(f"contents-heading: {styles.count('TOCHeading')}")
    out.append(f"contents-entries: {sum(1 for s in styles if s.startswith('TOC') and s != 'TOCHeading')}")
    out.append(f"page-breaks: {len(re.findall(r'<w:br w:type=.page.', doc))}")
    out.append(f"landscape-sections: {len(re.findall(r'w:orient=.landscape.', doc))}")
    out.append(f"unresolved-ids: {doc.count('rIdRiskmap')}")
    rels = p["word/_rels/document.xml.rels"].decode()
    ids = set(re.findall(r'Id="([^"]+)"', rels))
    refs = re.findall(r'<w:(?:header|footer)Reference\b[^>]*\br:id="([^"]+)"', doc)
    out.append(f"dangling-header-refs: {sum(1 for r in refs if r not in ids)}")
    out.append(f"header-refs: {len(refs)}")
    out.append(f"repeated-header-rows: {doc.count('<w:tblHeader')}")
    out.append(f"tables: {doc.count('<w:tbl>')}")
    out.append(f"images: {len([n for n in p if n.startswith('word/media/')])}")
    # Column widths of the widest table: proportional, not all alike.
    grids = re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", doc)
    widest = max(grids, key=lambda g: g.count("gridCol"), default="")
    widths = [int(w) for w in re.findall(r'w:w="(\d+)"', widest)]
    out.append(f"widest-table-columns: {len(widths)}")
    out.append(f"widest-table-widths-differ: {len(set(widths)) > 1}")
    for part in ("word/header1.xml", "word/footer1.xml", "word/header2.xml", "word/footer2.xml"):
        if part in p:
            text = p[part].decode()
            out.append(f"{part}: {' | '.join(paragraphs(p[part]))}")
            fields = " ".join(re.findall(r'w:instr=" ([A-Z]+) "', text))
            out.append(f"{part} fields: {fields}")
    for line in paragraphs(p["word/document.xml"]):
        if line:
            out.append(f"paragraph: {line}")
    print("\n".join(out))


def pages(path):
    data = open(path, "rb").read()
    if not data.startswith(b"%PDF-"):
        sys.exit(f"{path}: not a PDF")
    print(len(re.findall(rb"/Type\s*/Page[^s]", data)))


def slides(path):
    p = parts(path)
    names = sorted((n for n in p if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                   key=lambda n: int(re.search(r"(\d+)", n).group(1)))
    for name in names:
        xml.dom.minidom.parseString(p[name])
        rels = p[name.replace("slides/", "slides/_rels/") + ".rels"].decode()
        layout = re.search(r"slideLayouts/(slideLayout\d+)\.xml", rels).group(1)
        text = p[name].decode()
        shapes = re.findall(r"<p:sp>.*?</p:sp>", text)
        body = [s for s in shapes if 'type="title"' not in s and 'type="ctrTitle"' not in s]
        paragraphs = sum(len(re.findall(r"<a:p>", s)) for s in body)
        title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", shapes[0])) if shapes else ""
        print(f"{layout} paragraphs={paragraphs} notes={'notesSlide' in rels} "
              f"pictures={text.count('<p:pic>')} title={title}")


if __name__ == "__main__":
    command, path = sys.argv[1], sys.argv[2]
    if command == "check":
        check(path)
    elif command == "text":
        print("\n".join(paragraphs(parts(path)[sys.argv[3]])))
    elif command == "facts":
        facts(path)
    elif command == "slides":
        slides(path)
    elif command == "pages":
        pages(path)
    else:
        sys.exit(__doc__)
