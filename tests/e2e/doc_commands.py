#!/usr/bin/env python3
"""Checks that every riskmap command line a rendered document shows is a real one.

  doc_commands.py RISKMAP FILE.md...

Run in a scratch copy of the workspace the documents were rendered from. The
command lines are those of the code blocks (a line starting with `riskmap `,
continued by a trailing backslash; a `> FILE` redirection kept) and the
inline code spans starting with `riskmap `. Each one is checked against the
binary's help: every subcommand of its path exists, every option is one the
command (or the top level) lists, and no positional word is given to a
command that takes none. The lines of the code blocks are then run, in
document order, as the documents chain them: each must succeed (exit 0; 3
with --fail-on, a crossed gate), or fail (exit 1) only for want of a file or
folder it names that the reader would have (their organisation's
spreadsheet), saying so. A deliverable in Word, PDF or slides is run without
pandoc on PATH, so that its arguments are judged and it stops at the
missing program, quickly. Prints a first line "N commands, M run", then
one line per problem.
"""
import os
import re
import shlex
import subprocess
import sys

RISKMAP = sys.argv[1]
help_cache = {}


def help_of(path):
    """The options (name -> takes a value), subcommands and whether positionals are taken."""
    key = tuple(path)
    if key in help_cache:
        return help_cache[key]
    done = subprocess.run([RISKMAP, *path, "--help"], capture_output=True, text=True)
    if done.returncode != 0:
        help_cache[key] = None
        return None
    options, subcommands, positionals = {}, set(), False
    section = None
    for line in done.stdout.splitlines():
        if re.match(r"^[A-Z][a-z]+:$", line):
            section = line[:-1]
            continue
        m = re.match(r"^  (\S+)(?: (\S+))?", line)
        if not m:
            continue
        if section == "Options":
            names, kind = m.group(1), m.group(2) or ""
            takes = bool(re.fullmatch(r"[A-Z][A-Z_]*", kind))
            for name in names.split(","):
                options[name] = takes
        elif section == "Subcommands":
            subcommands.add(m.group(1))
        elif section == "Positionals":
            positionals = True
    help_cache[key] = (options, subcommands, positionals)
    return help_cache[key]


def check_words(words):
    """Problems with a command line's words (after `riskmap`), by the help texts."""
    path, i, started = [], 0, False
    top = help_of([])
    while i < len(words):
        word = words[i]
        here = help_of(path)
        if here is None:
            return [f"no such command: riskmap {' '.join(path)}"]
        options, subcommands, positionals = here
        if word.startswith("-") and word != "-":
            name = word.split("=", 1)[0]
            takes = options.get(name, top[0].get(name))
            if takes is None:
                return [f"riskmap {' '.join(path)} has no option {name}"]
            i += 2 if takes and "=" not in word else 1
            continue
        if not started and word in subcommands:
            path.append(word)
            i += 1
            continue
        if not positionals:
            return [f"riskmap {' '.join(path)} takes no '{word}'"]
        started = True
        i += 1
    if help_of(path) is None:
        return [f"no such command: riskmap {' '.join(path)}"]
    return []


def command_lines(path):
    """(line, runnable) for each riskmap command line of a Markdown file."""
    out, block, pending = [], False, ""
    for raw in open(path, encoding="utf-8").read().split("\n"):
        if raw.startswith("```"):
            block = not block
            continue
        if block:
            line = pending + raw.strip()
            if line.endswith("\\"):
                pending = line[:-1] + " "
                continue
            pending = ""
            if line.startswith("riskmap "):
                out.append((line, True))
        else:
            for span in re.findall(r"`(riskmap [^`]*)`", raw):
                out.append((span, False))
    return out


def documents_format(words):
    if "report" not in words or "--format" not in words:
        return False
    formats = words[words.index("--format") + 1]
    return any(f in formats.split(",") for f in ("docx", "pdf", "pptx"))


def run(line, words):
    """Runs a command line; a problem, or None."""
    stdout = subprocess.PIPE
    target = None
    if ">" in words:
        at = words.index(">")
        target, words = words[at + 1], words[:at]
        stdout = open(target, "w")
    env = dict(os.environ, VISUAL="true", EDITOR="true")
    without_programs = documents_format(words)
    if without_programs:
        env["PATH"] = "/nonexistent"
    done = subprocess.run([RISKMAP, *words[1:]], stdout=stdout, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, text=True, env=env, timeout=300)
    if target:
        stdout.close()
    err = " ".join(done.stderr.split("\n")).strip()
    if without_programs:
        if done.returncode == 1 and "install the Debian package" in err:
            return None
        return f"{line}: exit {done.returncode} without pandoc: {err[:300]}"
    if done.returncode == 0 or (done.returncode == 3 and "--fail-on" in words):
        return None
    if done.returncode == 1:
        for word in words[1:]:
            if not word.startswith("-") and not os.path.exists(word) and word in err and (
                    "." in word or "/" in word or words[words.index(word) - 1] in ("-w", "--workspace")):
                return None
    return f"{line}: exit {done.returncode}: {err[:300]}"


def main():
    problems, total, ran = [], 0, 0
    for path in sys.argv[2:]:
        for line, runnable in command_lines(path):
            total += 1
            try:
                words = shlex.split(line, comments=True)
            except ValueError as e:
                problems.append(f"{path}: {line}: {e}")
                continue
            argv = [w for w in words[: words.index(">")]] if ">" in words else words
            for problem in check_words(argv[1:]):
                problems.append(f"{path}: {line}: {problem}")
            if runnable:
                ran += 1
                problem = run(line, words)
                if problem:
                    problems.append(f"{path}: {problem}")
    print(f"{total} commands, {ran} run")
    for problem in problems:
        print(problem)


main()
