"""Links of the repository's Markdown pages that leave the repository: absolute
paths, paths that climb out of it, missing files and anchors, and web addresses outside
the pages that cite published sources (see citations.py)."""
import bisect
import os
import re

from doc_pages import html_anchors, outside_fences, read_headings

URL_PAGES = {"docs/policy-data.md", "docs/sources.md"}
SOURCES = "docs/sources.md"
# A path written in a text: one that climbs with ../, or an absolute path into a
# machine's folders. outside_paths() reports those that leave the repository.
PATH_RE = re.compile(r"(?<![\w.:/~-])(?:(?:\.\./)+[\w.-]+(?:/[\w.-]+)*|/(?:work|home|root|srv|mnt|opt)/[\w.-]+(?:/[\w.-]+)*)")


def outside_paths(root, rel, text):
    """(position, path) of every path in `text` (of the file `rel`) that leaves the repository."""
    base = os.path.dirname(os.path.join(os.path.abspath(root), rel))
    out = []
    for m in PATH_RE.finditer(text):
        dest = os.path.normpath(os.path.join(base, m.group(0)))
        if os.path.commonpath([os.path.abspath(root), dest]) != os.path.abspath(root):
            out.append((m.start(), m.group(0)))
    return out
LINK_RES = (
    re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"),
    re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.M),
    re.compile(r"<a\s[^>]*href=\"([^\"]+)\""),
    re.compile(r"<((?:https?|file|ftp)://[^>\s]+)>"),
)
URL_RE = re.compile(r"\b(?:https?|file|ftp)://[^\s)>\]\"'`]+")
PRIVATE_HOST = re.compile(r"^(?:localhost|127\.|0\.0\.0\.0|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|\[?::1\]?|[^/:]*\.local)(?:[:/]|$)")


def markdown_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(n for n in dirnames if not n.startswith((".", "build", "__pycache__")))
        for f in sorted(filenames):
            if f.endswith(".md"):
                yield os.path.join(dirpath, f)


def page_anchors(path, cache):
    if path not in cache:
        heads, lines = read_headings(path, os.path.basename(path))
        cache[path] = {h.anchor for h in heads} | html_anchors(lines)
    return cache[path]


def check_link(root, rel, target, cache):
    """The problem with one link target of the page `rel`, or None."""
    if re.match(r"^(?:https?|ftp)://", target):
        host = re.sub(r"^\w+://", "", target)
        if rel not in URL_PAGES:
            return f"a URL outside {', '.join(sorted(URL_PAGES))}: cite it through {SOURCES}"
        return "a URL to a private host" if PRIVATE_HOST.match(host) else None
    if re.match(r"^(?:mailto):", target):
        return None
    if re.match(r"^(?:file:|/|~|[A-Za-z]:\\)", target):
        return "an absolute file path"
    if re.match(r"^[a-z][a-z0-9+.-]*:", target):
        return "a link of an unknown scheme"
    path, _, anchor = target.partition("#")
    here = os.path.join(root, rel)
    dest = here if not path else os.path.normpath(os.path.join(os.path.dirname(here), path))
    if os.path.commonpath([os.path.abspath(root), os.path.abspath(dest)]) != os.path.abspath(root):
        return "leaves the repository"
    if not os.path.exists(dest):
        return "no such file in the repository"
    if anchor and dest.endswith(".md") and anchor not in page_anchors(dest, cache):
        return f"no heading with the anchor #{anchor}"
    return None


def masked_text(raw):
    """The page with fenced code blocks and inline code blanked out (offsets kept)."""
    blank = lambda m: " " * len(m.group(0))
    return "\n".join(" " * len(line) if fenced else re.sub(r"`[^`\n]*`", blank, line)
                     for _, line, fenced in outside_fences(raw.split("\n")))


def check_links(root):
    problems, cache = [], {}
    for path in markdown_files(root):
        rel = os.path.relpath(path, root).replace(os.sep, "/")
        raw = open(path, encoding="utf-8").read()
        starts = [0] + [i + 1 for i, c in enumerate(raw) if c == "\n"]
        line_of = lambda pos: bisect.bisect_right(starts, pos)
        for pos, path in outside_paths(root, rel, raw):
            problems.append(f"{rel}:{line_of(pos)}: {path}: points outside the repository")
        text = masked_text(raw)
        targets = set()
        for r in LINK_RES:
            for m in r.finditer(text):
                targets.add((m.start(1), m.group(1)))
        for pos, t in sorted(targets):
            problem = check_link(root, rel, t, cache)
            if problem:
                problems.append(f"{rel}:{line_of(pos)}: {t}: {problem}")
        if rel not in URL_PAGES:
            linked = {pos for pos, _ in targets}
            for m in URL_RE.finditer(raw):
                if m.start() not in linked:
                    problems.append(f"{rel}:{line_of(m.start())}: {m.group(0)}: a URL outside {', '.join(sorted(URL_PAGES))}")
    return problems
