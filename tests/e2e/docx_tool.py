#!/usr/bin/env python3
"""Reads what a test checks in a Word document or a PDF made by riskmap.

  docx_tool.py check FILE      every XML part well-formed; prints the part names
  docx_tool.py text FILE PART  the text of a part (w:t runs joined, a line a paragraph)
  docx_tool.py facts FILE      one "name: value" line per fact the tests assert
  docx_tool.py pages FILE.pdf  the number of pages of a PDF
  docx_tool.py slides FILE     a line a slide of a deck: its layout, the
                               paragraphs of its body, notes, pictures
  docx_tool.py deck FILE       one "name: value" line per fact of a deck's
                               slide master and of each slide's footer
  docx_tool.py raw FILE PART   a part as it is
  docx_tool.py user-docx OUT   a user's reference document: pandoc's own, with
                               a purple Heading 1, a header of its own and
                               US Letter pages
  docx_tool.py user-pptx OUT   a user's reference presentation: pandoc's
                               own, its titles in Georgia
"""
import re
import subprocess
import sys
import zipfile
import xml.dom.minidom

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


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
    every = re.findall(r'\br:(?:id|embed|link|pict)="([^"]+)"', doc)
    out.append(f"dangling-ids: {sum(1 for r in every if r not in ids)}")
    out.append(f"header-refs: {len(refs)}")
    # The header parts the document names, whatever they are called.
    for rel in re.findall(r"<Relationship\b[^>]*/>", rels):
        if rel.find('/relationships/header"') > 0:
            target = re.search(r'Target="([^"]+)"', rel).group(1)
            out.append(f"header-part: {' | '.join(paragraphs(p['word/' + target]))}")
    width, height = re.compile(r'w:w="(\d+)"'), re.compile(r'w:h="(\d+)"')
    sizes = [f"{width.search(t).group(1)}x{height.search(t).group(1)}"
             for t in re.findall(r"<w:pgSz\b[^>]*>", doc)]
    out.append(f"page-sizes: {' '.join(sizes)}")
    styles = p["word/styles.xml"].decode()
    heading = re.search(r'w:styleId="Heading1".*?</w:style>', styles, re.S)
    colour = re.search(r'<w:color w:val="([0-9A-Fa-f]+)"', heading.group(0)) if heading else None
    out.append(f"heading-1-colour: {colour.group(1) if colour else '-'}")
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
        # The footer (classification, slide number) is not the slide's body.
        body = [s for s in shapes if not re.search(r'type="(title|ctrTitle|ftr|sldNum)"', s)]
        paragraphs = sum(len(re.findall(r"<a:p>", s)) for s in body)
        title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", shapes[0])) if shapes else ""
        print(f"{layout} paragraphs={paragraphs} notes={'notesSlide' in rels} "
              f"pictures={text.count('<p:pic>')} title={title}")


def deck(path):
    p = parts(path)
    out = []
    pres = p["ppt/presentation.xml"].decode()
    size = re.search(r'<p:sldSz cx="(\d+)" cy="(\d+)"', pres)
    out.append(f"size: {size.group(1)}x{size.group(2)}")
    master = p["ppt/slideMasters/slideMaster1.xml"].decode()
    title = re.search(r"<p:titleStyle>.*?</p:titleStyle>", master, re.S).group(0)
    body = re.search(r"<p:bodyStyle>.*?</p:bodyStyle>", master, re.S).group(0)
    size_of = re.compile(r'sz="(\d+)"')
    out.append(f"title-size: {size_of.search(title).group(1)}")
    for level in (1, 2, 3):
        style = re.search(rf"<a:lvl{level}pPr.*?</a:lvl{level}pPr>", body, re.S).group(0)
        out.append(f"body-size-{level}: {size_of.search(style).group(1)}")
    theme = p["ppt/theme/theme1.xml"].decode()
    for kind in ("major", "minor"):
        font = re.search(rf'<a:{kind}Font><a:latin typeface="([^"]*)"', theme).group(1)
        out.append(f"{kind}-font: {font}")
    layouts = sorted((n for n in p if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)),
                     key=lambda n: int(re.search(r"(\d+)", n).group(1)))
    out.append(f"layouts: {len(layouts)}")
    for name in layouts:
        text = p[name].decode()
        layout_name = re.search(r'<p:cSld name="([^"]*)"', text).group(1)
        out.append(f"layout: {layout_name}")
        # Every placeholder within the slide's width.
        for x, cx in re.findall(r'<a:off x="(\d+)" y="\d+"/><a:ext cx="(\d+)"', text):
            if int(x) + int(cx) > int(size.group(1)):
                out.append(f"outside: {name}")
    slides = sorted((n for n in p if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                    key=lambda n: int(re.search(r"(\d+)", n).group(1)))
    out.append(f"slides: {len(slides)}")
    dangling = 0
    for number, name in enumerate(slides, 1):
        text = p[name].decode()
        rels = p[name.replace("slides/", "slides/_rels/") + ".rels"].decode()
        ids = set(re.findall(r'Id="([^"]+)"', rels))
        dangling += sum(1 for r in re.findall(r'\br:(?:id|embed|link)="([^"]+)"', text) if r not in ids)
        shapes = re.findall(r"<p:sp>.*?</p:sp>", text)
        footer = [s for s in shapes if 'type="ftr"' in s]
        words = "-"
        if footer:
            shape = xml.dom.minidom.parseString(f'<r xmlns:a="{A}" xmlns:p="{P}">{footer[0]}</r>')
            words = "".join(t.firstChild.data if t.firstChild else ""
                            for t in shape.getElementsByTagNameNS(A, "t"))
        numbered = any('type="sldNum"' in s and 'type="slidenum"' in s for s in shapes)
        out.append(f"slide {number} footer: {words} | number: {'yes' if numbered else 'no'}")
    out.append(f"dangling-ids: {dangling}")
    print("\n".join(out))


def default_reference(kind):
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/reference.{kind}"
        subprocess.run(["pandoc", "-o", path, "--print-default-data-file", f"reference.{kind}"], check=True)
        return open(path, "rb").read()


def rewrite(data, out, edit, extra=()):
    import io
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, edit(name, source.read(name).decode()))
        for name, text in extra:
            target.writestr(name, text)


def user_docx(out):
    W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W_NS}><w:p><w:r>'
              "<w:t>Modèle maison du client</w:t></w:r></w:p></w:hdr>")

    def edit(name, text):
        if name == "word/styles.xml":
            # Heading 1 in purple: the user's style, seen in the output.
            at = text.index('w:styleId="Heading1"')
            end = text.index("</w:style>", at)
            style = re.sub(r"<w:color\b[^>]*/>", '<w:color w:val="7030A0"/>', text[at:end])
            if "7030A0" not in style:
                style = style.replace("</w:rPr>", '<w:color w:val="7030A0"/></w:rPr>', 1)
            return text[:at] + style + text[end:]
        if name == "word/_rels/document.xml.rels":
            return text.replace("</Relationships>",
                                '<Relationship Id="rIdClientHeader" Type="http://schemas.openxmlformats.org/'
                                'officeDocument/2006/relationships/header" Target="clientheader.xml"/></Relationships>')
        if name == "[Content_Types].xml":
            return text.replace("</Types>", '<Override PartName="/word/clientheader.xml" ContentType='
                                '"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>')
        if name == "word/document.xml":
            section = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdClientHeader"/>'
                       '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" '
                       'w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>')
            text = re.sub(r"<w:sectPr\b[^>]*/>|<w:sectPr\b.*?</w:sectPr>", "", text, flags=re.S)
            if 'xmlns:r=' not in text[:text.index(">", text.index("<w:document"))]:
                text = text.replace("<w:document ", '<w:document xmlns:r="http://schemas.openxmlformats.org/'
                                    'officeDocument/2006/relationships" ', 1)
            return text.replace("</w:body>", section + "</w:body>")
        return text

    rewrite(default_reference("docx"), out, edit, [("word/clientheader.xml", header)])


def user_pptx(out):
    def edit(name, text):
        if name.startswith("ppt/theme/"):
            return re.sub(r'(<a:majorFont><a:latin typeface=")[^"]*"', r'\1Georgia"', text)
        return text

    rewrite(default_reference("pptx"), out, edit)


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
    elif command == "deck":
        deck(path)
    elif command == "raw":
        sys.stdout.write(parts(path)[sys.argv[3]].decode())
    elif command == "user-docx":
        user_docx(path)
    elif command == "user-pptx":
        user_pptx(path)
    else:
        sys.exit(__doc__)
