"""Markdown pages as the documentation tests read them: headings with GitHub's
anchors and their section text, and what docs/sources.md names — the seed
sections (a heading "00N <section>"), the manuals ("00N — …") and the names on
each heading's "Cited as:" line. Shared by citations.py and rules_index.py."""
import os
import re

NUM = "一二三四五六七八九十"
SECTION = rf"(?:§\s?\d+(?:\.\d+)*|\d+(?:\.\d+)*|[{NUM}]+(?:\.\d+)?|《[^》\n]{{1,40}}》|菜单介绍|第[{NUM}\d]+章)"
SUBPART = rf"(?:(?:注意|注|业务规则|重点项目说明|办理条件|第[{NUM}]步)(?:\s?(?:\(\d+\)|[a-z](?![\w])))?|\(\d+\))"
TITLE_RE = re.compile(r"《([^》\n]{1,60})》")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
CITED_AS_RE = re.compile(r"^\s*(?:[-*]\s*)?(?:\*\*)?Cited as(?:\*\*)?:\s*(.*)$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")


def outside_fences(lines):
    """(index, line, inside a fenced code block or on its fence) for each line."""
    fence = None
    for i, line in enumerate(lines):
        f = FENCE_RE.match(line)
        if f:
            fence = None if fence == f.group(1) else (fence or f.group(1))
            yield i, line, True
        else:
            yield i, line, fence is not None


def strip_section(s):
    return re.sub(r"\s", "", s).lstrip("§")


def sub_parts(text):
    return [re.sub(r"\s+", " ", m.group(0)).strip() for m in re.finditer(SUBPART, text or "")]


def slug(text):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    s = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return s.replace(" ", "-")


# ------------------------------------------------------------------ docs/

class Heading:
    def __init__(self, page, line, level, text, anchor):
        self.page, self.line, self.level, self.text, self.anchor = page, line, level, text, anchor
        self.body = ""


def read_headings(path, page):
    """Headings of a Markdown page (outside fenced code), each with its section text."""
    lines = open(path, encoding="utf-8").read().splitlines()
    heads, seen, starts = [], {}, []
    for i, line, fenced in outside_fences(lines):
        m = None if fenced else HEADING_RE.match(line)
        if not m:
            continue
        base = slug(m.group(2))
        n = seen.get(base, 0)
        seen[base] = n + 1
        heads.append(Heading(page, i + 1, len(m.group(1)), m.group(2), base if n == 0 else f"{base}-{n}"))
        starts.append(i)
    for k, h in enumerate(heads):
        end = len(lines)
        for j in range(k + 1, len(heads)):
            if heads[j].level <= h.level:
                end = starts[j]
                break
        h.body = "\n".join(lines[starts[k] + 1:end])
    return heads, lines


def html_anchors(lines):
    return {m.group(1) for l in lines for m in re.finditer(r"<a\s+(?:id|name)=\"([^\"]+)\"", l)}


class Docs:
    """The headings of docs/ and what docs/sources.md names."""

    def __init__(self, root):
        self.root = root
        self.pages, self.anchors = {}, {}
        ddir = os.path.join(root, "docs")
        for name in sorted(os.listdir(ddir)) if os.path.isdir(ddir) else []:
            if name.endswith(".md"):
                heads, lines = read_headings(os.path.join(ddir, name), name)
                self.pages[name] = heads
                self.anchors[name] = {h.anchor for h in heads} | html_anchors(lines)
        self.seed_sections, self.manuals, self.aliases = {}, {}, {}
        self.policy_text = ""
        if os.path.exists(os.path.join(ddir, "policy.md")):
            self.policy_text = open(os.path.join(ddir, "policy.md"), encoding="utf-8").read()
        for h in self.pages.get("sources.md", []):
            self._index_source_heading(h)

    def _index_source_heading(self, h):
        m = re.match(r"^(00[0-4])\b(.*)$", h.text)
        if m:
            rest = m.group(2).strip()
            s = re.match(SECTION, rest)
            if s and not re.match(r"^[—–-]", rest):
                self.seed_sections[(m.group(1), strip_section(s.group(0)))] = h
            else:
                self.manuals[m.group(1)] = h
        for line in h.body.splitlines():
            c = CITED_AS_RE.match(line)
            if c:
                for alias in re.findall(r"`([^`]+)`", c.group(1)):
                    self.aliases[alias] = h
        if h.text.strip().lower().startswith("decision"):
            self.aliases.setdefault("decision", h)

    # -------------------------------------------------------------- lookups

    def doc_section(self, page, sec):
        for h in self.pages.get(page, []):
            if re.search(rf"§{re.escape(sec)}(?![\d]|\.\d)", h.text):
                return h
        return None

    def seed_section(self, manual, sec):
        key = strip_section(sec)
        if key.startswith("《"):
            inner = key[1:-1]  # white space already removed: a title wrapped over lines
            for (mm, k), h in self.seed_sections.items():
                if mm == manual and k.startswith("《") and inner in k:
                    return h
            return None
        return self.seed_sections.get((manual, key))

    def title(self, inner):
        for h in self.pages.get("sources.md", []):
            if any(inner in t for t in TITLE_RE.findall(h.text)):
                return h
        for alias, h in self.aliases.items():
            if inner in alias:
                return h
        return None

    def alias_ending(self, text):
        """The longest name of sources.md that `text` ends with."""
        best = None
        for alias in self.aliases:
            if text.endswith(alias) and (best is None or len(alias) > len(best)):
                if len(text) == len(alias) or not text[-len(alias) - 1].isalnum() or not alias[0].isascii():
                    best = alias
        return best

    def standard(self, text):
        key = lambda s: re.sub(r"-\d{4}$", "", re.sub(r"\s", "", s))
        for alias, h in self.aliases.items():
            if key(alias) == key(text):
                return h
        return None
