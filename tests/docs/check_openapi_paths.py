#!/usr/bin/env python3
"""Check that docs/openapi.yaml describes every endpoint that docs/ops-api.md names.

Reads every `METHOD /path` in the Markdown contract's tables and bullet lists (fenced code is
skipped), expands the contract's shorthand `...`/`…` suffixes (`POST /a/{name}/enable` and
`…/disable` -> `POST /a/{name}/disable`), and fails when an endpoint is missing from the OpenAPI
file's `paths` or when a local `$ref` in the OpenAPI file points at no component. Standard
library only; the YAML is read by indentation, which is enough for the keys this needs.

usage: check_openapi_paths.py [--include-prose] CONTRACT.md OPENAPI.yaml
       check_openapi_paths.py --self-test
Exit status: 0 ok, 1 check failed, 2 usage or read error.
"""

import re
import sys

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
PATH_CHARS = r"[A-Za-z0-9._~{}:<>/-]"
# One regex so that full endpoints and shorthand suffixes come out in reading order.
TOKEN_RE = re.compile(
    r"\b(?P<method>" + "|".join(METHODS) + r")\b`?\s+`?(?P<path>/" + PATH_CHARS + r"*)"
    r"|(?:…|\.\.\.)(?P<suffix>/" + PATH_CHARS + r"+)")
BULLET_RE = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
YAML_KEY_RE = re.compile(r"""^(\s*)(?:'([^']*)'|"([^"]*)"|([^\s:#'"][^:#]*?))\s*:(?:\s|$)""")
REF_RE = re.compile(r"""\$ref:\s*['"]?#/components/([A-Za-z]+)/([^'"\s]+)['"]?""")
USAGE = ("usage: check_openapi_paths.py [--include-prose] CONTRACT.md OPENAPI.yaml\n"
         "       check_openapi_paths.py --self-test")
OPENAPI_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def normalize(path):
    """Compare paths by shape: any template spelling ({x}, :x, <x>) becomes {}."""
    path = path.split("?", 1)[0].rstrip(".,;:)`'\"")
    path = re.sub(r"\{[^}/]*\}|<[^>/]*>|(?<=/):[^/]+", "{}", path)
    if len(path) > 1:
        path = path.rstrip("/")
    return path


def contract_items(lines, include_prose):
    """Yield (first line number, text) for each table row and bullet item (with its
    continuation lines); with include_prose, for every other line too. Skips fenced code."""
    in_fence = False
    item_no, item_text, item_indent = None, [], -1
    for number, line in enumerate(lines, 1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        bullet = BULLET_RE.match(line)
        indent = len(line) - len(line.lstrip())
        continues = item_no is not None and line.strip() and not bullet \
            and indent > item_indent and not line.lstrip().startswith("|")
        if continues:
            item_text.append(line.strip())
            continue
        if item_no is not None:
            yield item_no, " ".join(item_text)
            item_no, item_text = None, []
        if bullet:
            item_no, item_text, item_indent = number, [line[bullet.end():]], len(bullet.group(1))
        elif line.lstrip().startswith("|") or (include_prose and line.strip()):
            yield number, line
    if item_no is not None:
        yield item_no, " ".join(item_text)


def endpoints_in_contract(text, include_prose=False):
    """Return {(METHOD, normalized path): (first line number, path as written)}, plus
    warnings."""
    found, warnings = {}, []
    for number, item in contract_items(text.splitlines(), include_prose):
        base = None
        for match in TOKEN_RE.finditer(item):
            if match.group("method"):
                method, path = match.group("method"), match.group("path").rstrip(".,;:)`'\"")
                if path in ("", "/"):
                    continue
                base = (method, path)
            else:
                if base is None:
                    warnings.append(f"line {number}: '…{match.group('suffix')}' has no endpoint "
                                    "before it on its line or item; skipped")
                    continue
                suffix = match.group("suffix").rstrip(".,;:)`'\"").strip("/").split("/")
                segments = base[1].strip("/").split("/")
                if len(suffix) >= len(segments):
                    warnings.append(f"line {number}: cannot apply '…/{'/'.join(suffix)}' to "
                                    f"{base[1]}; skipped")
                    continue
                method, path = base[0], "/" + "/".join(segments[:-len(suffix)] + suffix)
            found.setdefault((method, normalize(path)), (number, path))
    return found, warnings


def yaml_keys(lines):
    """Yield (line number, indent, key) for every mapping key line, skipping comments,
    blank lines and the bodies of block scalars (| and >)."""
    scalar_indent = None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if scalar_indent is not None:
            if not stripped or indent > scalar_indent:
                continue
            scalar_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        match = YAML_KEY_RE.match(line)
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line):
            scalar_indent = indent
        if match and not stripped.startswith("- "):
            yield number, indent, next(g for g in match.groups()[1:] if g is not None)


def openapi_index(text):
    """Return ({(METHOD, normalized path)}, {(component kind, name)}) read from the YAML."""
    operations, components = set(), set()
    section = None                      # top-level key we are in
    path_indent = method_indent = kind_indent = name_indent = None
    path = kind = None
    for _, indent, key in yaml_keys(text.splitlines()):
        if indent == 0:
            section, path, kind = key, None, None
            path_indent = method_indent = kind_indent = name_indent = None
            continue
        if section == "paths":
            if path_indent is None:
                path_indent = indent
            if indent == path_indent:
                path, method_indent = normalize(key), None
            elif path is not None and indent > path_indent:
                if method_indent is None:
                    method_indent = indent
                if indent == method_indent and key.lower() in OPENAPI_METHODS:
                    operations.add((key.upper(), path))
        elif section == "components":
            if kind_indent is None:
                kind_indent = indent
            if indent == kind_indent:
                kind, name_indent = key, None
            elif kind is not None and indent > kind_indent:
                if name_indent is None:
                    name_indent = indent
                if indent == name_indent:
                    components.add((kind, key))
    return operations, components


def check(contract_text, openapi_text, include_prose=False, out=sys.stdout):
    wanted, warnings = endpoints_in_contract(contract_text, include_prose)
    operations, components = openapi_index(openapi_text)
    for warning in warnings:
        print("warning: " + warning, file=out)
    failed = False
    if not wanted:
        print("FAIL: found no `METHOD /path` in the contract; the checker no longer "
              "understands its format", file=out)
        failed = True
    if not operations:
        print("FAIL: found no operations under `paths:` in the OpenAPI file", file=out)
        failed = True
    for (method, path), (number, written) in sorted(wanted.items(), key=lambda kv: kv[1]):
        if (method, path) not in operations:
            print(f"FAIL: contract line {number}: {method} {written} is not in the OpenAPI paths",
                  file=out)
            failed = True
    for number, line in enumerate(openapi_text.splitlines(), 1):
        for kind, name in REF_RE.findall(line):
            if (kind, name) not in components:
                print(f"FAIL: OpenAPI line {number}: $ref to #/components/{kind}/{name} "
                      "which is not defined", file=out)
                failed = True
    for method, path in sorted(operations - set(wanted)):
        print(f"note: {method} {path} is in the OpenAPI file but not named in the contract",
              file=out)
    print(f"{'FAILED' if failed else 'OK'}: {len(wanted)} endpoints in the contract, "
          f"{len(operations)} operations in the OpenAPI file", file=out)
    return not failed


SELF_TEST_CONTRACT = """\
| call | answer |
|---|---|
| `GET /health/live` | 200 |
- `POST /api/flags/{name}/enable` and `…/disable`, body `{"reason"}`.
- `POST /api/flags/emergency/enable` `{"reason"}` and `.../emergency/disable`
  → `{"ok":true}`; see also `GET /api/ops/status`.
```
POST /api/in-code-block
```
Prose mentions GET /api/prose-only here.
"""
SELF_TEST_OPENAPI = """\
openapi: 3.0.3
info:
  description: |
    paths:
      /api/not-a-path:
        get:
paths:
  /health/live:
    get:
      responses:
        '200':
          $ref: '#/components/responses/Ok'
  '/api/flags/{flag}/enable':
    parameters: []
    post: {}
  /api/flags/{name}/disable:
    post: {}
  /api/flags/emergency/enable:
    post: {}
components:
  responses:
    Ok:
      description: ok
"""


def self_test():
    wanted, _ = endpoints_in_contract(SELF_TEST_CONTRACT)
    expected = {("GET", "/health/live"), ("POST", "/api/flags/{}/enable"),
                ("POST", "/api/flags/{}/disable"), ("POST", "/api/flags/emergency/enable"),
                ("POST", "/api/flags/emergency/disable"), ("GET", "/api/ops/status")}
    assert set(wanted) == expected, sorted(wanted)
    prose, _ = endpoints_in_contract(SELF_TEST_CONTRACT, include_prose=True)
    assert set(prose) == expected | {("GET", "/api/prose-only")}, sorted(prose)
    operations, components = openapi_index(SELF_TEST_OPENAPI)
    assert operations == {("GET", "/health/live"), ("POST", "/api/flags/{}/enable"),
                          ("POST", "/api/flags/{}/disable"),
                          ("POST", "/api/flags/emergency/enable")}, sorted(operations)
    assert components == {("responses", "Ok")}, components

    class Sink:
        text = ""

        def write(self, s):
            self.text += s

    sink = Sink()
    assert not check(SELF_TEST_CONTRACT, SELF_TEST_OPENAPI, out=sink)
    assert "POST /api/flags/emergency/disable is not in" in sink.text, sink.text
    assert "GET /api/ops/status is not in" in sink.text, sink.text
    complete = SELF_TEST_OPENAPI.replace("components:", "  /api/flags/emergency/disable:\n"
                                         "    post: {}\n  /api/ops/status:\n    get: {}\n"
                                         "components:")
    assert check(SELF_TEST_CONTRACT, complete, out=Sink())
    dangling = complete.replace("responses/Ok'", "responses/Gone'")
    assert not check(SELF_TEST_CONTRACT, dangling, out=Sink())
    assert not check("no endpoints here\n", complete, out=Sink())
    print("OK: self-test passed")
    return True


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    if flags == {"--self-test"} and not args:
        return 0 if self_test() else 1
    if len(args) != 2 or not flags <= {"--include-prose"}:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as f:
            contract = f.read()
        with open(args[1], encoding="utf-8") as f:
            openapi = f.read()
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0 if check(contract, openapi, "--include-prose" in flags) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
