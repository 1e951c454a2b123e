#!/usr/bin/env bash
# Checks a ChatOpsIR incident export (the JSON file an `export` link downloads) offline, with nothing but python3:
# every audit row's hash is recomputed from the canonical form chatopsir-audit-v1, the scope's chain must run from
# row 1 to its head with each link following the one before, and every row must sit in the chain with the same hash.
# Exit 0 and one "OK: …" line when all holds; exit 1 naming the first problem; exit 2 when the file cannot be read.
set -euo pipefail

if [[ $# -ne 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  echo "usage: scripts/verify-export.sh <incident-export.json>" >&2
  exit 2
fi

exec python3 - "$1" <<'PY'
import hashlib
import json
import re
import sys

GENESIS = "0" * 64
CANONICAL = "chatopsir-audit-v1"
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def fail(message, code=1):
    print(f"FAILED: {message}")
    sys.exit(code)


def utf16_length(text):
    # The canonical form counts UTF-16 code units (as .NET strings do), not code points.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def canonical(scope, row):
    out = [CANONICAL + "\n"]

    def field(name, value):
        if value is None:
            out.append(f"{name}=-:\n")
        else:
            out.append(f"{name}={utf16_length(value)}:{value}\n")

    sequence = row.get("sequence")
    field("scope", scope)
    field("sequence", None if sequence is None else str(sequence))
    field("at", row.get("at"))
    field("actor", row.get("actor"))
    field("actorName", row.get("actorName"))
    field("platform", row.get("platform"))
    field("action", row.get("action"))
    field("subject", row.get("subject"))
    field("incident", row.get("incident"))
    field("before", row.get("before"))
    field("after", row.get("after"))
    return "".join(out)


def hash_of(previous, scope, row):
    text = previous + "\n" + canonical(scope, row)
    # .NET writes a lone surrogate as U+FFFD in UTF-8; do the same.
    return hashlib.sha256(LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")).hexdigest()


def main(path):
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as error:
        fail(f"{path} is not a readable JSON file ({error}).", 2)

    if not isinstance(document, dict) or document.get("schema") != "chatopsir-incident-export/1":
        fail(f"{path} is not a ChatOpsIR incident export (schema chatopsir-incident-export/1).", 2)

    audit = document.get("audit") or {}
    if audit.get("canonical") != CANONICAL:
        fail(f"the audit rows use canonical form {audit.get('canonical')!r}; this script checks {CANONICAL}.", 2)

    reference = (document.get("incident") or {}).get("reference", "the incident")
    scope = audit.get("scope")
    chain = audit.get("chain") or []
    rows = audit.get("rows") or []
    if not isinstance(scope, str):
        fail("the export names no audit scope.", 2)

    # The chain: 1, 2, … head, each link following the one before.
    links = {}
    previous = GENESIS
    expected = 1
    for link in chain:
        sequence = link.get("sequence")
        if sequence != expected:
            if isinstance(sequence, int) and sequence > expected:
                fail(f"chain row {expected} is missing (the next link is row {sequence}): the chain has a gap.")
            fail(f"chain row {sequence} comes where row {expected} belongs: links were reordered or copied.")
        if link.get("previousHash") != previous:
            fail(f"chain row {expected} does not follow row {expected - 1}: its previous hash is not that row's hash.")
        previous = link.get("hash")
        if not isinstance(previous, str) or len(previous) != 64:
            fail(f"chain row {expected} has no valid hash.")
        links[sequence] = link
        expected += 1

    head = previous
    if audit.get("head") != head:
        fail(f"the export's head {audit.get('head')} is not the last link of its chain ({head}).")

    # The incident's rows: each hashes to what it says, and sits in the chain with that hash.
    for row in rows:
        sequence = row.get("sequence")
        name = f"row {sequence} ({reference}, {row.get('action')})"
        link = links.get(sequence)
        if link is None:
            fail(f"{name} is not in the chain (it runs 1..{len(chain)}).")
        if row.get("previousHash") != link.get("previousHash"):
            fail(f"{name} does not follow the row before it in the chain: it was moved.")
        if hash_of(link["previousHash"], scope, row) != link.get("hash") or row.get("hash") != link.get("hash"):
            fail(f"{name} was changed.")

    print(f"OK: {len(rows)} rows of {reference} in an unbroken chain of {len(chain)} rows, head {head}")


main(sys.argv[1])
PY
