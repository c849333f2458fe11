#!/usr/bin/python3
"""The rules index: docs/rules-index.md, generated from the headers of the rule
files src/<domain>/rules/<name>.cpp.

Usage: rules_index.py [ROOT]           self-test, then check ROOT
       rules_index.py --write [ROOT]   regenerate ROOT/docs/rules-index.md
       rules_index.py --self-test      the self-test only

Every rule file opens with this header, comment lines at the very top:

    // Rule: <one line: what it decides>
    // Source: <citation>[; <citation>…]
    // Codes: <CODE>[, <CODE>…]          ("-" when the rule gives no code of its own)
    // Policy: <policy key>[, <key>…]     ("-" when it reads none)
    //
    // <the clause quoted or paraphrased, and explained>

The check (the default) fails, naming the file and line, when a header is not
of that form (the four lines in that order, then "//", then at least one line
of the clause), when a code is not registered in include/provident/rules/codes.inc, when a
policy key is not in the key table of include/provident/policy/keys.inc (the first string
on each line naming a Key::), when a source does not resolve (each
";"-separated citation, read as citations.py reads the code registry's
sources: a seed section of docs/sources.md, a numbered heading of docs/, a
regulation's name and article, "policy <key>" or "decision"), and when the
committed docs/rules-index.md is not what --write would write.

The index has one table per domain: the rule file (linked), what it decides,
its sources (linked to their heading), its codes (linked to docs/codes.md, at
the code's anchor when the page has one) and its policy keys. With no rule
file yet the index says so, and the check passes.
"""
import glob
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import citations  # noqa: E402

INDEX = "docs/rules-index.md"
FIELDS = ("Rule", "Source", "Codes", "Policy")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)*$")
DOMAINS = {"hpf": "Housing provident fund (hpf)", "si": "Social insurance (si)", "pension": "Pensions (pension)",
           "id": "Identifiers (id)"}


class Rule:
    def __init__(self, path, rel):
        self.path, self.rel = path, rel
        self.domain = rel.split("/")[1]
        self.name = os.path.splitext(os.path.basename(rel))[0]
        self.fields = {}


def rule_files(root):
    return sorted(glob.glob(os.path.join(root, "src", "*", "rules", "*.cpp")))


def split_list(text):
    return [] if text.strip() == "-" else [x.strip() for x in text.split(",") if x.strip()]


def parse_header(rule):
    """Reads the header into rule.fields; returns its problems."""
    lines = open(rule.path, encoding="utf-8").read().splitlines()
    problems = []
    for i, name in enumerate(FIELDS):
        m = re.match(rf"^// {name}: (\S.*)$", lines[i]) if i < len(lines) else None
        if not m:
            problems.append(f"{rule.rel}:{i + 1}: the header's line {i + 1} must be '// {name}: …'")
            continue
        rule.fields[name] = m.group(1).strip()
    if len(lines) < 6 or lines[4] != "//" or not re.match(r"^// \S", lines[5]):
        problems.append(f"{rule.rel}:5: the header's fields are followed by '//' and the clause ('// …')")
    for name in ("Codes", "Policy"):
        value = rule.fields.get(name)
        if value is not None and value != "-" and not split_list(value):
            problems.append(f"{rule.rel}: {name}: a list, or '-'")
    return problems


def registered_codes(root):
    """The codes of the code table include/provident/rules/codes.inc: the name of each PVD_CODE row."""
    path = os.path.join(root, "include", "provident", "rules", "codes.inc")
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    return set(re.findall(r"^\s*PVD_CODE\(\s*([A-Z][A-Z0-9_]*)\s*,", text, re.M))


def policy_keys(root):
    """The keys of the key table include/provident/policy/keys.inc: the dotted name of each PVD_POLICY_KEY row."""
    path = os.path.join(root, "include", "provident", "policy", "keys.inc")
    keys = set()
    for line in open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else []:
        if line.startswith("PVD_POLICY_KEY("):
            m = re.search(r"\"([^\"]+)\"", line)
            if m and KEY_RE.match(m.group(1)):
                keys.add(m.group(1))
    return keys


def check_rule(rule, docs, codes, keys):
    problems = []
    for code in split_list(rule.fields.get("Codes", "-")):
        if not CODE_RE.match(code) or code not in codes:
            problems.append(f"{rule.rel}:3: code {code} is not registered in include/provident/rules/codes.inc")
    for key in split_list(rule.fields.get("Policy", "-")):
        if key not in keys:
            problems.append(f"{rule.rel}:4: policy key {key} is not in the key table of include/provident/policy/keys.inc")
    source = rule.fields.get("Source", "")
    for part, _, problem in citations.resolve_source(docs, source):
        if problem:
            problems.append(f"{rule.rel}:2: source '{part}': {problem}")
    return problems


# ------------------------------------------------------------------ the page

def cell(text):
    return text.replace("|", "\\|")


def source_links(docs, source):
    out = []
    for part, h, problem in citations.resolve_source(docs, source):
        out.append(f"[{cell(part)}]({h.page}#{h.anchor})" if h and not problem else cell(part))
    return "; ".join(out)


def code_links(docs, codes):
    anchors = docs.anchors.get("codes.md", set())
    return ", ".join(f"[`{c}`](codes.md#{c})" if c in anchors else f"[`{c}`](codes.md)" for c in codes) or "—"


def render(docs, rules):
    out = ["# Rules index", "",
           "Generated by `tests/rules_index.py --write` from the headers of the rule files",
           "(`src/<domain>/rules/<name>.cpp`); ctest `docs.rules_index` fails when this page is stale or a header",
           "is malformed. Each rule file opens with what it decides, its sources, its codes and the policy keys it",
           "reads, then the clause it implements:", "", "```cpp",
           "// Rule: <one line: what it decides>", "// Source: <citation>[; <citation>…]",
           "// Codes: <CODE>[, <CODE>…]        (\"-\": no code of its own)",
           "// Policy: <policy key>[, <key>…]   (\"-\": none)", "//",
           "// <the clause quoted or paraphrased, and explained>", "```", "",
           "The sources are described in [sources.md](sources.md), the codes in [codes.md](codes.md), the keys in",
           "[policy.md](policy.md#2-parameters); every operation's rules in [rules.md](rules.md).", ""]
    if not rules:
        out += ["No rule files yet: no `src/*/rules/*.cpp` exists in this tree.", ""]
        return "\n".join(out)
    for domain in sorted({r.domain for r in rules}):
        out += [f"## {DOMAINS.get(domain, domain)}", "", "| rule | what it decides | sources | codes | policy |",
                "|---|---|---|---|---|"]
        for r in (r for r in rules if r.domain == domain):
            keys = ", ".join(f"`{k}`" for k in split_list(r.fields.get("Policy", "-"))) or "—"
            out.append(f"| [{r.name}](../{r.rel}) | {cell(r.fields.get('Rule', ''))} | "
                       f"{source_links(docs, r.fields.get('Source', ''))} | "
                       f"{code_links(docs, split_list(r.fields.get('Codes', '-')))} | {keys} |")
        out.append("")
    return "\n".join(out)


def load(root):
    rules, problems = [], []
    for path in rule_files(root):
        rule = Rule(path, os.path.relpath(path, root).replace(os.sep, "/"))
        problems += parse_header(rule)
        rules.append(rule)
    return rules, problems


def check(root):
    docs = citations.Docs(root)
    rules, problems = load(root)
    codes, keys = registered_codes(root), policy_keys(root)
    for rule in rules:
        problems += check_rule(rule, docs, codes, keys)
    page = os.path.join(root, INDEX)
    wanted = render(docs, rules)
    if not os.path.exists(page) or open(page, encoding="utf-8").read() != wanted:
        problems.append(f"{INDEX} is stale: regenerate it with `tests/rules_index.py --write`")
    return problems


def write(root):
    docs = citations.Docs(root)
    rules, _ = load(root)
    with open(os.path.join(root, INDEX), "w", encoding="utf-8") as f:
        f.write(render(docs, rules))


# ------------------------------------------------------------------ self-test

GOOD = """// Rule: the flexible deposit may change only in the listed months, a number of times a year
// Source: 000 四; 002 三.6
// Codes: HPF_ADJUST_OUTSIDE_WINDOW, HPF_ADJUST_ALREADY_DONE
// Policy: hpf.flex.adjust.months, hpf.flex.adjust.per_year
//
// 002 三.6 注: "月缴存额调整时间为每年 7 月，一年允许调整一次".
int x;
"""
BAD = """// Rule: a rule with wrong parts
// Source: 002 三.9; Nowhere Act Art. 1
// Codes: HPF_NO_SUCH_CODE
// Policy: hpf.no.such.key
// the blank comment line is missing
int y;
"""
FIXTURE = {
    "docs/sources.md": ("# S\n\n### 000 — manual\n\n#### 000 四 — adjustment\n\ntext\n\n### 002 — app\n\n"
                        "#### 002 三.6 — adjustment\n\n注: July.\n\n## Decision\n\nCited as: `decision`\n"),
    "docs/policy.md": "# P\n\n## §2 Parameters\n\n| `hpf.flex.adjust.months` | x |\n",
    "docs/codes.md": "# C\n\n<a id=\"HPF_ADJUST_OUTSIDE_WINDOW\"></a>\n",
    "include/provident/rules/codes.inc": ('PVD_CODE(HPF_ADJUST_OUTSIDE_WINDOW, "a", "b", "002 三.6", false)\n'
                                          'PVD_CODE(HPF_ADJUST_ALREADY_DONE, "a", "b", "002 三.6", false)\n'),
    "include/provident/policy/keys.inc": ('PVD_POLICY_KEY(hpf_flex_adjust_months, "hpf.flex.adjust.months", month_list, "hpf", true, 0, 0, "m")\n'
                                          'PVD_POLICY_KEY(hpf_flex_adjust_per_year, "hpf.flex.adjust.per_year", integer, "hpf", true, 0, 0, "n")\n'),
    "src/hpf/rules/adjustment_window.cpp": GOOD,
    "src/si/rules/broken.cpp": BAD,
    "src/pension/rules/no_header.cpp": "int z;\n",
}
EXPECTED = [
    "src/si/rules/broken.cpp:5:", "src/si/rules/broken.cpp:3: code HPF_NO_SUCH_CODE",
    "src/si/rules/broken.cpp:4: policy key hpf.no.such.key", "src/si/rules/broken.cpp:2: source '002 三.9'",
    "src/si/rules/broken.cpp:2: source 'Nowhere Act Art. 1'", "src/pension/rules/no_header.cpp:1:",
    f"{INDEX} is stale",
]
IN_PAGE = [
    "| [adjustment_window](../src/hpf/rules/adjustment_window.cpp) | the flexible deposit may change only",
    "[002 三.6](sources.md#002-三6--adjustment)", "[`HPF_ADJUST_OUTSIDE_WINDOW`](codes.md#HPF_ADJUST_OUTSIDE_WINDOW)",
    "[`HPF_ADJUST_ALREADY_DONE`](codes.md)", "`hpf.flex.adjust.per_year`", "## Housing provident fund (hpf)",
]


def self_test():
    failures = []
    with tempfile.TemporaryDirectory() as root:
        for rel, text in FIXTURE.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        problems = check(root)
        failures += [f"self-test: not reported: {e}" for e in EXPECTED if not any(p.startswith(e) for p in problems)]
        failures += [f"self-test: the good rule file reported: {p}" for p in problems if "adjustment_window" in p]
        write(root)
        page = open(os.path.join(root, INDEX), encoding="utf-8").read()
        failures += [f"self-test: the index lacks: {e}" for e in IN_PAGE if e not in page]
        if any(p.startswith(f"{INDEX} is stale") for p in check(root)):
            failures.append("self-test: the index just written is reported stale")
        for rel in ("src/si/rules/broken.cpp", "src/pension/rules/no_header.cpp", "src/hpf/rules/adjustment_window.cpp"):
            os.remove(os.path.join(root, rel))
        write(root)
        if "No rule files yet" not in open(os.path.join(root, INDEX), encoding="utf-8").read() or check(root):
            failures.append("self-test: a tree without rule files is not an empty, passing index")
    return failures


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    root = args[0] if args else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if "--write" in argv:
        write(root)
        return 0
    failures = self_test()
    if "--self-test" not in argv:
        failures += check(root)
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
