# Checks over rendered deliverables (Markdown with a YAML front matter, CSV),
# shared by the end-to-end suites: `python3 deliverables.py COMMAND ARGS...`
# runs cmd_COMMAND and prints its answer: nothing when a check finds no
# problem, one problem a line otherwise; JSON where a suite reads values.
import csv, html, io, json, re, sys


# --- Reading a rendered file ---------------------------------------------------------

def front_matter(path):
    """The front matter's fields as a dict, or an error string."""
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines[0] != "---":
        return "does not start with a '---' line"
    try:
        end = lines.index("---", 1)
    except ValueError:
        return "front matter never closed"
    block = "\n".join(lines[1:end])
    try:
        import yaml
        data = yaml.safe_load(block)
    except ImportError:  # no PyYAML: every line must be key: "double-quoted"
        data = {}
        for line in lines[1:end]:
            m = re.fullmatch(r'([A-Za-z_]+): "((?:[^"\\]|\\.)*)"', line)
            if not m:
                return "not a quoted field: %r" % line
            data[m.group(1)] = m.group(2).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
    except Exception as e:
        return "front matter is not YAML: %s" % e
    if not isinstance(data, dict):
        return "front matter is not a mapping"
    return data


def body_lines(path):
    """The lines after the front matter (all of them when there is none)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[0] == "---" and "---" in lines[1:]:
        lines = lines[lines.index("---", 1) + 1:]
    return lines


def pipes(line):
    """The number of unescaped '|' in a Markdown line."""
    n, i = 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        n += line[i] == "|"
        i += 1
    return n


# --- Front matter ----------------------------------------------------------------------

def cmd_front(path):
    """Print the front matter's keys, in order, as a JSON list."""
    lines = open(path, encoding="utf-8").read().split("\n")
    end = lines.index("---", 1)
    print(json.dumps([l.split(":")[0] for l in lines[1:end]]))


def cmd_frontmatter(today, *paths):
    """Print what is wrong with each file's front matter: YAML, title, client, date = today, no empty field."""
    bad = []
    for path in paths:
        data = front_matter(path)
        if isinstance(data, str):
            bad.append("%s: %s" % (path, data))
            continue
        for key in ("title", "client", "date"):
            if key not in data:
                bad.append("%s: no %s" % (path, key))
        for key, value in data.items():
            if value is None or str(value).strip() == "":
                bad.append("%s: field %s left empty" % (path, key))
        if str(data.get("date")) != today:
            bad.append("%s: date %r, expected %s" % (path, data.get("date"), today))
    print("\n".join(bad))


def cmd_field(path, key):
    """Print one front matter value ("<absent>" when missing), without a newline."""
    data = front_matter(path)
    print(data if isinstance(data, str) else data.get(key, "<absent>"), end="")


def cmd_field_is(path, key, expected):
    """Print "yes" when a front matter value reads as `expected`, as is or as pandoc's Markdown metadata (escapes, entities)."""
    data = front_matter(path)
    value = data.get(key) if isinstance(data, dict) else None
    unescaped = None if value is None else html.unescape(re.sub(r"\\(.)", r"\1", str(value)))
    print("yes" if expected in (value, unescaped) else "no: %r" % value, end="")


# --- Body ------------------------------------------------------------------------------

def cmd_body(path):
    """Print the body, the front matter left out."""
    print("\n".join(body_lines(path)))


def cmd_headings(path):
    """Print the body's heading lines, in order."""
    print("\n".join(l for l in body_lines(path) if l.startswith("#")))


def cmd_empty_sections(*paths):
    """Print every empty heading, and every heading followed by nothing or by a heading of the same or a higher level."""
    bad = []
    for path in paths:
        lines = [l for l in body_lines(path) if l.strip()]
        for i, line in enumerate(lines):
            m = re.match(r"(#+) ?(.*)$", line)
            if not m:
                continue
            if not m.group(2).strip():
                bad.append("%s: empty heading" % path)
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            n = re.match(r"(#+) ", nxt)
            if not nxt or (n and len(n.group(1)) <= len(m.group(1))):
                bad.append("%s: heading with nothing under it: %s" % (path, line))
    print("\n".join(bad))


def cmd_tables(*paths):
    """Print broken tables: a row whose separators differ from its header's, text right after a table, a '|' outside one."""
    shown = []
    for path in paths:
        bad, header = [], None
        for line in body_lines(path):
            if line.startswith("|"):
                if header is None:
                    header = pipes(line)
                elif pipes(line) != header:
                    bad.append("%s: table row with %d separators, header has %d: %s" % (path, pipes(line), header, line))
            else:
                if header is not None and line.strip():
                    bad.append("%s: text right after a table, no blank line between: %s" % (path, line))
                header = None
                if pipes(line):
                    bad.append("%s: '|' outside a table (a broken row?): %s" % (path, line))
        # The first 3 problems of each file, then a count.
        shown += bad[:3] + (["%s: ... and %d more" % (path, len(bad) - 3)] if len(bad) > 3 else [])
    print("\n".join(shown))


def cmd_table_refs(path, heading):
    """Print, as JSON, the cells of each data row of the first table under the line `heading`."""
    lines = body_lines(path)
    start = lines.index(heading)
    rows, inside = [], False
    for line in lines[start + 1:]:
        if line.startswith("|"):
            inside = True
            rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])])
        elif inside:
            break
    print(json.dumps(rows[2:], ensure_ascii=False))  # past the header and its rule


def cmd_slides(path):
    """Print the number of slides, then every '---' without blank lines around it and every slide not opening with '# '."""
    lines = body_lines(path)
    bad, slides, current = [], [], []
    for i, line in enumerate(lines):
        if line == "---":
            if i == 0 or lines[i - 1].strip() or i + 1 >= len(lines) or lines[i + 1].strip():
                bad.append("separator without blank lines around it, line %d after the front matter" % (i + 1))
            slides.append(current)
            current = []
        else:
            current.append(line)
    slides.append(current)
    for n, slide in enumerate(slides, 1):
        text = [l for l in slide if l.strip()]
        if not text:
            bad.append("slide %d is empty" % n)
        elif not text[0].startswith("# "):
            bad.append("slide %d does not open with a '# ' heading: %s" % (n, text[0]))
    print(len(slides))
    print("\n".join(bad))


# --- CSV -------------------------------------------------------------------------------

def cmd_csv(path, delimiter=None):
    """Print a CSV file as JSON: bom, crlf, delimiter, header, rows (a list), by_ref (rows keyed by first cell), count, widths.

    Without DELIMITER, the header line says it: ';' when it holds more of them than ','."""
    raw = open(path, "rb").read()
    text = raw.decode("utf-8-sig")
    if delimiter is None:
        header = text.split("\n", 1)[0]
        delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    first_end = text.find("\n")
    print(json.dumps({"bom": raw.startswith(b"\xef\xbb\xbf"),
                      "crlf": first_end > 0 and text[first_end - 1] == "\r",
                      "delimiter": delimiter,
                      "header": rows[0] if rows else [],
                      "rows": rows[1:],
                      "by_ref": {r[0]: r for r in rows[1:] if r},
                      "count": len(rows) - 1,
                      "widths": sorted({len(r) for r in rows})}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) < 2 or "cmd_" + sys.argv[1] not in globals():
        names = sorted(n[4:] for n in globals() if n.startswith("cmd_"))
        sys.exit("usage: deliverables.py COMMAND ARGS... (commands: %s)" % ", ".join(names))
    globals()["cmd_" + sys.argv[1]](*sys.argv[2:])
