#!/usr/bin/python3
"""Every citation in the code resolves to a heading in docs/, and no Markdown
file links out of the repository.

Usage: citations.py [ROOT]          self-test, then check the repository at ROOT
       citations.py --self-test     the self-test only

Citations are looked for in the code: every text file under src/, include/,
capi/, bindings/, benchmarks/, examples/, policies/ and scripts/ (comments,
strings and TOML alike; a comment wrapped over lines is read as one text).
Their forms, and what each must resolve to:

  name.md §N(.M)   docs/name.md has a heading holding §N(.M) exactly (§3 is not
                   §3.4). "§A–B" checks both ends ("§2.5.5–6" is §2.5.6).
  name.md          (without §) docs/name.md, a file of that name at the root, or
                   the path as written from the root (docs/history.md) exists.
  00N <section>    a seed manual (000 … 004) and its section: docs/sources.md has
                   a heading holding "00N <section>" (a leading § is ignored on
                   both sides). Sections: "三.6", "7.1.3", "§2.1.1", "5", "一",
                   "菜单介绍", "第二章", or a guide 《…》 (matching a heading's 《…》
                   that contains it). Sub-parts written after the section
                   (注, 注意, 业务规则 (1), 重点项目说明 (2), 第二步, (3), …)
                   must appear in that heading's section text, and sections
                   listed after it ("003 1, 2, 3", "002 三.1 注, 三.2 注",
                   "§2.1.1–§2.1.3") are checked the same way. "00N" with no
                   section names the whole manual (a heading "00N …").
  regulations      "<name> Art. N[, M]": <name> is one of the names a heading of
                   docs/sources.md lists on its "Cited as:" line, and that
                   heading's section text names "Art. N" (an "Art. N" with no
                   name takes the last name on the line or the two before).
                   Document numbers (国发〔2005〕38号), standards (GB 11643-1999,
                   GB/T 2260, ICAO Doc 9303) and titles in 《…》 must be named the
                   same way (a title may also be part of a heading's 《…》).
  paths            no path written in the code leaves the repository (a ../
                   path climbing above its root, an absolute path into a
                   machine's folders): users' clones have nothing beside them.

The source column of docs/codes.md (generated from the code registry, which
docs_fresh.py keeps in step) is read strictly: each ";"-separated part, less a
trailing parenthesis, must be wholly one citation of the forms above, a
"policy <key>" named in docs/policy.md, or "decision" (a choice the project
made where the sources are silent; see docs/sources.md). rules_index.py reads
the Source: lines of the rule files the same way.

Links: every Markdown file of the repository (outside build folders and .git)
is read; a link ([t](x), ![t](x), [r]: x, <a href="x">, <x>) fails when it is
  - an absolute file path (/…, ~/…, C:\\…) or a file: URL;
  - a relative path that leaves the repository or does not exist;
  - an anchor (#a, page.md#a) that is no heading (GitHub's rule for anchors)
    or <a id|name> of the page.
http(s) URLs are allowed only where a page cites published sources: in
docs/policy-data.md (the notices behind the policy figures) and
docs/sources.md (the regulations); they must be public (no localhost,
private address or .local host). Anywhere else a URL fails: cite the source
through docs/sources.md instead. Any path written in a Markdown file's
text that leaves the repository fails too.

The self-test plants a bad citation and a bad link of every kind in a
temporary tree and requires each to be reported, and the good ones not.
"""
import bisect
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # nothing written into the source tree
from doc_pages import SECTION, SUBPART, TITLE_RE, Docs  # noqa: E402,F401 (Docs: rules_index.py)
from markdown_links import SOURCES, check_links, outside_paths  # noqa: E402

CODE_DIRS = ("src", "include", "capi", "bindings", "benchmarks", "examples", "policies", "scripts")
CODE_EXTS = {".cpp", ".hpp", ".h", ".c", ".cc", ".py", ".pyi", ".toml", ".cmake", ".txt", ".map", ".md", ".sh", ".in"}

# ------------------------------------------------------------------ grammar

SEED_RE = re.compile(rf"(?<![\w.,/:'’-])(00[0-4])(?![\w.])(?:(?:\s+|(?=《))({SECTION}(?![\d.]*\d|\w)))?((?:\s?{SUBPART})*)")
CONT_RE = re.compile(rf"\s*(?:\([^()\n]*\))?\s*(,|、|/|–|\band\b|;(?=\s*§))\s*(?!00[0-4]\s)({SECTION}(?![\d.]*\d|\w))((?:\s?{SUBPART})*)")
DOC_RE = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*)([a-z][a-z0-9_-]*)\.md\b(?:\s?§\s?(\d+(?:\.\d+)*)(?:\s?[–-]\s?§?(\d+(?:\.\d+)*))?)?")
ART_RE = re.compile(r"Art\.\s?(\d+)((?:\s?(?:,|and|–)\s?\d+\b)*)")
DOCNO_RE = re.compile(r"[\u4e00-\u9fff]{1,16}〔\d{4}〕\d+号")
STD_RE = re.compile(r"\b(?:GB(?:/T)?|ICAO(?: Doc)?|ISO(?:/IEC)?)\s?\d+(?:[.-]\d+)*")
COMMENT_LEAD = re.compile(r"^\s*(?:///?|/\*\*?|\*/?|#+|--)\s?")


def sub_parts(text):
    return [re.sub(r"\s+", " ", m.group(0)).strip() for m in re.finditer(SUBPART, text or "")]


# ------------------------------------------------------------------ scanning text

class Found:
    def __init__(self, pos, problem, citation):
        self.pos, self.problem, self.citation = pos, problem, citation


def articles(m):
    nums = [m.group(1)] + re.findall(r"\d+", m.group(2) or "")
    return nums


def has_article(h, n):
    return re.search(rf"\bArt\.\s?{n}\b", h.body) is not None


def check_seed_section(docs, manual, sec, subs, citation, out, pos):
    h = docs.seed_section(manual, sec)
    if h is None:
        out.append(Found(pos, f"no heading '{manual} {sec}' in {SOURCES}", citation))
        return None
    body = re.sub(r"\s+", " ", h.text + " " + h.body)
    for sp in sub_parts(subs):
        words = re.sub(r"\s?\(\d+\)$|\s[a-z]$", "", sp)
        need = [sp] if sp != words else [words]
        if not all(n in body for n in need):
            out.append(Found(pos, f"'{sp}' is not in the text of {SOURCES} '{h.text}'", citation))
    return h


def scan_seeds(docs, text, out):
    spans = []
    for m in SEED_RE.finditer(text):
        manual, sec, subs = m.group(1), m.group(2), m.group(3)
        if not sec:
            if manual not in docs.manuals:
                out.append(Found(m.start(), f"no heading for manual {manual} in {SOURCES}", m.group(0)))
            continue
        check_seed_section(docs, manual, sec, subs, m.group(0).strip(), out, m.start())
        end, prev = m.end(), sec
        while True:
            c = CONT_RE.match(text, end)
            if not c:
                break
            nxt = c.group(2)
            if c.group(1) == "–" and re.fullmatch(r"\d+", nxt) and "." in prev:
                nxt = prev.rsplit(".", 1)[0] + "." + nxt
            check_seed_section(docs, manual, nxt, c.group(3), f"{manual} {nxt}", out, c.start(2))
            end, prev = c.end(), nxt
        spans.append((m.start(), end))
    return spans


def scan_docs(docs, text, out):
    for m in DOC_RE.finditer(text):
        path, name, sec, sec2 = m.group(1), m.group(2), m.group(3), m.group(4)
        page = f"{name}.md"
        if sec:
            if page not in docs.pages:
                out.append(Found(m.start(), f"docs/{page} does not exist", m.group(0)))
                continue
            ends = [sec]
            if sec2:
                ends.append(sec2 if "." in sec2 or "." not in sec else sec.rsplit(".", 1)[0] + "." + sec2)
            for s in ends:
                if docs.doc_section(page, s) is None:
                    out.append(Found(m.start(), f"docs/{page} has no heading with §{s}", f"{page} §{s}"))
        else:
            candidates = [os.path.join(docs.root, "docs", page), os.path.join(docs.root, page)]
            if path:
                candidates.append(os.path.join(docs.root, path, page))
            if not any(os.path.exists(c) for c in candidates):
                out.append(Found(m.start(), f"no file {path}{page} in the repository", m.group(0)))


def scan_regulations(docs, text, out, skip):
    inside = lambda p: any(a <= p < b for a, b in skip)
    for m in ART_RE.finditer(text):
        before = text[max(0, m.start() - 80):m.start()].rstrip()
        before = re.sub(r"\b(?:the|of)$", "", before).rstrip()
        alias = docs.alias_ending(before)
        if alias is None and (not before or not before[-1].isalnum()):
            window = text[max(0, m.start() - 240):m.start()]
            names = [a for a in docs.aliases if a != "decision" and a in window]
            alias = max(names, key=lambda a: window.rfind(a) + len(a)) if names else None
        if alias is None:
            out.append(Found(m.start(), "an article of no regulation named in docs/sources.md", m.group(0)))
            continue
        h = docs.aliases[alias]
        for n in articles(m):
            if not has_article(h, n):
                out.append(Found(m.start(), f"'{h.text}' in {SOURCES} does not name Art. {n}", f"{alias} Art. {n}"))
    for m in DOCNO_RE.finditer(text):
        if not any(m.group(0).endswith(a) for a in docs.aliases if "〔" in a):
            out.append(Found(m.start(), f"document {m.group(0)} is not named in {SOURCES}", m.group(0)))
    for m in STD_RE.finditer(text):
        if docs.standard(m.group(0)) is None:
            out.append(Found(m.start(), f"standard {m.group(0)} is not named in {SOURCES}", m.group(0)))
    for m in TITLE_RE.finditer(text):
        if not inside(m.start()) and docs.title(m.group(1)) is None:
            out.append(Found(m.start(), f"title {m.group(0)} is not named in {SOURCES}", m.group(0)))


def scan_text(docs, text):
    """Every citation problem in one text, as Found(pos, problem, citation)."""
    out = []
    spans = scan_seeds(docs, text, out)
    scan_docs(docs, text, out)
    scan_regulations(docs, text, out, spans)
    return out


def logical_text(raw):
    """The file's lines joined, comment leaders dropped, with each line's offset."""
    parts, starts, pos = [], [], 0
    for line in raw.splitlines():
        body = COMMENT_LEAD.sub("", line, count=1)
        starts.append(pos)
        parts.append(body)
        pos += len(body) + 1
    return " ".join(parts), starts


def code_files(root):
    for d in CODE_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, d)):
            dirnames[:] = sorted(n for n in dirnames if not n.startswith((".", "build", "__pycache__")))
            for f in sorted(filenames):
                ext = os.path.splitext(f)[1]
                if ext in CODE_EXTS or (d == "scripts" and ext == ""):
                    yield os.path.join(dirpath, f)


def check_code(root, docs):
    problems = []
    for path in code_files(root):
        try:
            raw = open(path, encoding="utf-8").read()
        except (UnicodeDecodeError, OSError):
            continue
        text, starts = logical_text(raw)
        rel = os.path.relpath(path, root)
        found = scan_text(docs, text)
        found += [Found(pos, "points outside the repository", path) for pos, path in outside_paths(root, rel, text)]
        for f in found:
            line = bisect.bisect_right(starts, f.pos)
            problems.append(f"{rel}:{line}: {f.citation}: {f.problem}")
    return problems


# ------------------------------------------------------------------ strict sources

def resolve_part(docs, part, prev_seed):
    """(heading or None, problem or None, seed manual) for one ';'-part of a source."""
    part = re.sub(r"\s*\([^()]*\)$", "", part.strip()).strip()
    if part == "decision":
        h = docs.aliases.get("decision")
        return h, None if h else f"no 'decision' heading in {SOURCES}", None
    out = []
    m = SEED_RE.match(part)
    if m and m.group(0).strip() == part:
        if not m.group(2):
            h = docs.manuals.get(m.group(1))
            return h, None if h else f"no heading for manual {m.group(1)}", m.group(1)
        h = check_seed_section(docs, m.group(1), m.group(2), m.group(3), part, out, 0)
        return h, out[0].problem if out else None, m.group(1)
    c = re.fullmatch(rf"({SECTION})((?:\s?{SUBPART})*)", part)
    if c and prev_seed and part.startswith("§"):
        h = check_seed_section(docs, prev_seed, c.group(1), c.group(2), part, out, 0)
        return h, out[0].problem if out else None, prev_seed
    d = re.fullmatch(r"([a-z][a-z0-9_-]*)\.md §(\d+(?:\.\d+)*)", part)
    if d:
        h = docs.doc_section(d.group(1) + ".md", d.group(2))
        return h, None if h else f"docs/{d.group(1)}.md has no heading with §{d.group(2)}", None
    p = re.fullmatch(r"policy ([a-z][\w.]*)", part)
    if p:
        named = re.search(rf"`{re.escape(p.group(1))}`", docs.policy_text)
        h = docs.doc_section("policy.md", "2")
        return h, None if named and h else f"policy key {p.group(1)} is not named in docs/policy.md §2", None
    if docs.standard(part):
        return docs.standard(part), None, None
    t = TITLE_RE.fullmatch(part)
    if t:
        h = docs.title(t.group(1))
        return h, None if h else f"title {part} is not named in {SOURCES}", None
    alias = max((a for a in docs.aliases if part.startswith(a)), key=len, default=None)
    if alias is None:
        return None, f"'{part}' is no citation named in docs/ (seed, name.md §N, regulation, policy key or decision)", None
    h, rest = docs.aliases[alias], part[len(alias):].strip()
    if rest:
        a = ART_RE.fullmatch(rest)
        if not a:
            return h, f"'{rest}' after '{alias}' is not 'Art. N'", None
        missing = [n for n in articles(a) if not has_article(h, n)]
        if missing:
            return h, f"'{h.text}' does not name Art. {', '.join(missing)}", None
    return h, None, None


def resolve_source(docs, source):
    """[(part, heading or None, problem or None)] for a source string ("002 三.6; decision")."""
    result, prev = [], None
    for part in [p.strip() for p in source.split(";") if p.strip()]:
        h, problem, seed = resolve_part(docs, part, prev)
        prev = seed or prev
        result.append((part, h, problem))
    return result


def check_codes_page(root, docs):
    path = os.path.join(root, "docs", "codes.md")
    if not os.path.exists(path):
        return []
    problems = []
    for i, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 5 or not re.fullmatch(r"`[A-Z0-9_]+`", cells[0]):
            continue
        for part, _, problem in resolve_source(docs, cells[-1]):
            if problem:
                problems.append(f"docs/codes.md:{i}: {cells[0]} source '{part}': {problem}")
    return problems


def check(root):
    docs = Docs(root)
    return check_code(root, docs) + check_codes_page(root, docs) + check_links(root)


# ------------------------------------------------------------------ self-test

FIXTURE = {
    "docs/rules.md": "# Rules\n\n## §1 Accounts\n\ntext\n\n### §1.2 Status\n\n## §3 Employers\n",
    "docs/sources.md": (
        "# Sources\n\n## 002 — Taiyuan app\n\n### 002 三.1 — 汇缴 (remittance)\n\n注: the window.\n\n"
        "### 004 《有变动结算操作指南》\n\nguide\n\n"
        "## SI Law — 社会保险法\n\nCited as: `SI Law`, `社会保险法`\n\n- Art. 86: late fees.\n\n"
        "## GB 11643-1999\n\nCited as: `GB 11643-1999`\n\n## 国发〔2005〕38号\n\nCited as: `国发〔2005〕38号`\n\n"
        "## Decision\n\nA choice.\n\nhttps://www.gov.cn/zhengce/ is allowed here.\n"),
    "docs/policy.md": "# Policy\n\n## §2 Parameters\n\n| `hpf.rate.min` | x |\n",
    "docs/codes.md": ("# Codes\n\n| code | kind | zh | en | source |\n|---|---|---|---|---|\n"
                      "| `GOOD` | violation | a | b | 002 三.1 注; decision |\n"
                      "| `BAD_SOURCE` | violation | a | b | Nowhere Act |\n"),
    "src/good.cpp": ("// rules.md §1, rules.md §1.2 and rules.md §1–3; 002 三.1 注; docs/rules.md\n"
                     "// SI Law\n// Art. 86; GB 11643-1999; 国发〔2005〕38号; 004 《有变动结算》; 2000 rows\n"
                     "// 社会保险法 Art. 86; decision\n"),
    "src/bad.cpp": ("// line 1\n// rules.md §9\n// 002 三.9\n// SI Law Art. 99\n// Foo Law Art. 3\n"
                    "// GB 9999-2000\n// 002 三.1 重点项目说明\n// see missing.md\n// 人社部发〔2099〕1号\n"
                    "// /srv/spec/rules.md\n// ../../../outside/rules.md\n"),
    "README.md": ("# R\n\n[ok](docs/rules.md#1-accounts) [ok2](docs/sources.md) [ok3](#r)\n"
                  "[spec](../outside/spec/protocol.md)\n[abs](/etc/passwd)\n[gone](docs/missing.md)\n"
                  "[anchor](docs/rules.md#nope)\n[web](https://example.com/x)\n"),
}

EXPECTED = [
    "src/bad.cpp:2: rules.md §9", "src/bad.cpp:3: 002 三.9", "src/bad.cpp:4: SI Law Art. 99",
    "src/bad.cpp:5: Art. 3", "src/bad.cpp:6: GB 9999-2000", "src/bad.cpp:7: 002 三.1 重点项目说明",
    "src/bad.cpp:8: missing.md", "src/bad.cpp:9: 人社部发〔2099〕1号", "src/bad.cpp:10: /srv/spec", "src/bad.cpp:11: ../../../outside/rules.md",
    "docs/codes.md:6: `BAD_SOURCE`",
    "README.md:4: ../outside/spec/protocol.md", "README.md:5: /etc/passwd", "README.md:6: docs/missing.md",
    "README.md:7: docs/rules.md#nope", "README.md:8: https://example.com/x",
]


def self_test():
    with tempfile.TemporaryDirectory() as root:
        for rel, text in FIXTURE.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)) or root, exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        problems = check(root)
    failures = [f"self-test: not reported: {e}" for e in EXPECTED if not any(p.startswith(e) for p in problems)]
    failures += [f"self-test: reported a good citation or link: {p}" for p in problems
                 if p.startswith(("src/good.cpp", "docs/codes.md:5", "docs/sources.md")) or
                 (p.startswith("README.md:3"))]
    return failures


def main(argv):
    failures = self_test()
    if argv[1:2] != ["--self-test"]:
        root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        failures += check(root)
    for f in failures:
        print(f)
    if failures:
        print(f"{len(failures)} citation(s) or link(s) do not resolve inside the repository")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
