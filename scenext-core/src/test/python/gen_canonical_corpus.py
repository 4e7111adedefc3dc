#!/usr/bin/env python3
"""Generates the test data that pins scenext-core's canonical JSON to Python's own json module.

Writes, next to the Java tests (src/test/resources/cn/scenext/core/webhook/):

  canonical-corpus.jsonl  one case per line: name, categories, secret, signed_over ("canonical" or "raw"),
                          body (as sent), canonical (json.dumps(json.loads(body), sort_keys=True)),
                          signature (lowercase hex HMAC-SHA256), and for event-shaped bodies the expected
                          task_id, status, timestamp (whole seconds), frames and results counts.
  float-repr.txt          "<IEEE-754 bits as 16 hex digits> <repr(float)>" per line.

Deterministic: the same seed always gives the same files. Standard library only.

    python3 scenext-core/src/test/python/gen_canonical_corpus.py            # rewrite the committed files
    python3 .../gen_canonical_corpus.py --floats-only 2000000 --out /tmp/f  # a larger float set, not committed
"""

import argparse
import decimal
import hashlib
import hmac
import json
import math
import os
import random
import struct
import sys

SEED = 20250605
CASES = 3000
SECRETS = ["sk-test-1234567890", "\u5bc6\u94a5-key-\u00e9", "sk-live-" + "x" * 56, "k"]
STATUSES = ["COMPLETED", "FAILED", "IN_PROGRESS", "COMPLETED", "COMPLETED", "QUEUED_NEW_STATE"]
RESERVED = {"task_id", "status", "progress", "result", "timestamp", "consumption", "title"}

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "resources", "cn", "scenext", "core", "webhook")

# ---------------------------------------------------------------------------------------------- characters

ASCII = [chr(c) for c in range(0x20, 0x7F)]
SHORT_ESCAPED = ['"', "\\", "\n", "\r", "\t", "\b", "\f"]
CONTROL = [chr(c) for c in range(0x00, 0x20)] + ["\x7f"]
LATIN1 = [chr(c) for c in range(0x80, 0x100)]
SPECIAL_BMP = ["\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\ue000", "\uff01", "\ud7ff", "\u0301",
               "\u00e9", "\u4e2d", "\u5085", "\u0000", "/", "\u007f", "\u0080", "\u07ff", "\u0800"]
ASTRAL_FIXED = ["\U0001F600", "\U0001F680", "\U00010000", "\U0010FFFF", "\U0001D11E", "\U00020000"]
LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00"]


def random_bmp(rng):
    while True:
        c = rng.randrange(0x100, 0x10000)
        if not 0xD800 <= c <= 0xDFFF:
            return chr(c)


def random_char(rng, lone):
    k = rng.random()
    if k < 0.40:
        return rng.choice(ASCII)
    if k < 0.50:
        return rng.choice(SHORT_ESCAPED + ["/"])
    if k < 0.57:
        return rng.choice(CONTROL)
    if k < 0.65:
        return rng.choice(LATIN1)
    if k < 0.77:
        return random_bmp(rng)
    if k < 0.84:
        return rng.choice(SPECIAL_BMP)
    if k < 0.94:
        return chr(rng.randrange(0x10000, 0x110000)) if rng.random() < 0.6 else rng.choice(ASTRAL_FIXED)
    return rng.choice(LONE_SURROGATES) if lone else rng.choice(ASCII)


def random_string(rng, cats, lone, max_len=8):
    n = rng.randrange(0, max_len + 1) if rng.random() < 0.99 else rng.randrange(40, 160)
    chars = []
    for _ in range(n):
        ch = random_char(rng, lone)
        if chars and "\ud800" <= chars[-1] <= "\udbff" and "\udc00" <= ch <= "\udfff":
            chars.append("x")  # a lone high then a lone low surrogate would read back as one astral character
        chars.append(ch)
    s = "".join(chars)
    note_string(s, cats)
    return s


def note_string(s, cats):
    for ch in s:
        c = ord(ch)
        if ch in SHORT_ESCAPED:
            cats.add("string-short-escapes")
        elif c < 0x20 or c == 0x7F:
            cats.add("string-control-chars")
        elif 0xD800 <= c <= 0xDFFF:
            cats.add("string-lone-surrogates")
        elif c > 0xFFFF:
            cats.add("string-astral")
        elif c >= 0x80:
            cats.add("string-non-ascii-bmp")
        elif ch == "/":
            cats.add("string-slash")


# ------------------------------------------------------------------------------------------------- keys

def tricky_key_group(rng):
    """Keys that look alike, or sort differently by UTF-16 unit than by code point."""
    groups = [
        ["a", "A", "aa", "a ", "a_b", "ab", "b", "B"],
        ["\u00e9", "e\u0301", "e", "\u00c9"],
        ["\uff01", "\U0001F600", "\ue000", "\U00010000", "\ud7ff", "\uffff"],
        ["\\u00e9", "\u00e9", "\\", "\\\\"],
        ["", " ", "\t", "\n", "\u2028"],
        ["key", "key\u0000", "key\u007f", "ke\u0079"],
        ["\U0001F600", "\U0001F601", "\uffff", "\U00010000", "\U0010FFFF"],
        ["1", "10", "2", "-1", "01"],
    ]
    g = rng.choice(groups)
    return rng.sample(g, rng.randrange(2, len(g) + 1))


def random_key(rng, cats, lone):
    # Keys never hold lone surrogates: Python accepts them, but Jackson (2.21.2+) refuses them in names, and the
    # Java side documents that as its one deliberate difference (a Scenext payload's keys are fixed names).
    k = random_string(rng, cats, False, max_len=6)
    while k in RESERVED:
        k = k + "_"
    return k


# ----------------------------------------------------------------------------------------------- numbers

def random_int(rng, cats):
    k = rng.random()
    if k < 0.35:
        return rng.randrange(-1000, 1001)
    if k < 0.55:
        cats.add("int-boundaries")
        b = rng.choice([31, 32, 53, 63, 64, 100])
        return rng.choice([1, -1]) * (2 ** b + rng.choice([-1, 0, 1]))
    if k < 0.70:
        cats.add("int-big")
        return rng.choice([1, -1]) * rng.randrange(10 ** 20, 10 ** rng.randrange(21, 300))
    if k < 0.75:
        cats.add("int-zero")
        return 0
    return rng.randrange(-2 ** 62, 2 ** 62)


def bits_to_float(b):
    return struct.unpack(">d", struct.pack(">Q", b))[0]


def float_to_bits(x):
    return struct.unpack(">Q", struct.pack(">d", x))[0]


def random_float(rng, cats):
    k = rng.random()
    if k < 0.25:
        cats.add("float-random-bits")
        while True:
            x = bits_to_float(rng.getrandbits(64))
            if math.isfinite(x):
                return x
    if k < 0.35:
        cats.add("float-subnormal")
        return bits_to_float(rng.randrange(1, 1 << 52)) * rng.choice([1, -1])
    if k < 0.45:
        cats.add("float-power-of-two")
        return math.ldexp(1.0, rng.randrange(-1074, 1024)) * rng.choice([1, -1])
    if k < 0.52:
        cats.add("float-power-of-ten")
        return float("1e%d" % rng.randrange(-323, 309)) * rng.choice([1, -1])
    if k < 0.62:
        cats.add("float-repr-boundaries")
        base = rng.choice([1e16, 1e-4, 1e-5, 1e15, 9999999999999998.0, 2.0 ** 53, sys.float_info.max,
                           sys.float_info.min, 5e-324, 1.0, 0.1])
        x = base
        for _ in range(rng.randrange(0, 4)):
            x = math.nextafter(x, rng.choice([math.inf, 0.0]))
        return x * rng.choice([1, -1])
    if k < 0.80:
        cats.add("float-short-decimal")
        return round(rng.uniform(-1000, 1000), rng.randrange(0, 6)) * 10.0 ** rng.randrange(-8, 20)
    if k < 0.86:
        cats.add("float-integral")
        return float(rng.randrange(-10 ** 6, 10 ** 6)) * rng.choice([1, 1, 10.0 ** rng.randrange(0, 22)])
    if k < 0.92:
        cats.add("float-negative-zero")
        return rng.choice([-0.0, 0.0])
    cats.add("float-non-finite")
    return rng.choice([math.inf, -math.inf, math.nan])


# ------------------------------------------------------------------------------------------------- trees

def random_value(rng, cats, lone, depth):
    k = rng.random()
    if depth <= 0 or k < 0.20:
        cats.add("string")
        return random_string(rng, cats, lone)
    if k < 0.32:
        cats.add("int")
        return random_int(rng, cats)
    if k < 0.46:
        cats.add("float")
        return random_float(rng, cats)
    if k < 0.52:
        cats.add("literal")
        return rng.choice([True, False, None])
    if k < 0.72:
        return random_list(rng, cats, lone, depth - 1)
    return random_dict(rng, cats, lone, depth - 1)


def random_list(rng, cats, lone, depth):
    n = rng.choice([0, 0, 1, 2, 3])
    if n == 0:
        cats.add("empty-array")
    return [random_value(rng, cats, lone, depth) for _ in range(n)]


def random_dict(rng, cats, lone, depth):
    n = rng.choice([0, 0, 1, 2, 3, 4])
    if n == 0:
        cats.add("empty-object")
        return {}
    d = {}
    if rng.random() < 0.3:
        cats.add("keys-tricky")
        for key in tricky_key_group(rng):
            d[key] = random_value(rng, cats, lone, depth)
    for _ in range(n):
        d[random_key(rng, cats, lone)] = random_value(rng, cats, lone, depth)
    for key in d:
        note_string(key, cats)
    return d


def deep_value(rng, cats, lone):
    cats.add("deep-nesting")
    v = random_value(rng, cats, lone, 0)
    for _ in range(rng.randrange(20, 80)):
        v = [v] if rng.random() < 0.5 else {random_key(rng, cats, lone): v}
    return v


def event_tree(rng, cats, lone):
    cats.add("event")
    status = rng.choice(STATUSES)
    ev = {
        "task_id": rng.choice(["12345", "t-%d" % rng.randrange(10 ** 6), random_string(rng, cats, lone) + "x"]),
        "status": status,
        "progress": [{"id": "frame%d" % i, "image": "https://o.example/%d.png?E=%d&S=a%%2B%%3D"
                      % (i, rng.randrange(10 ** 10))} for i in range(rng.randrange(0, 4))],
        "timestamp": rng.randrange(1_600_000_000, 1_900_000_000),
    }
    if status != "IN_PROGRESS" or rng.random() < 0.2:
        if rng.random() < 0.8:
            cats.add("result-array")
            ev["result"] = [{"type": "video", "content": "https://o.example/v.mp4?E=2&S=c%3D"}] \
                if status != "FAILED" else [{"type": "text", "content": random_string(rng, cats, lone) + "!"}]
        else:
            cats.add("result-object")
            ev["result"] = {"video_url": "https://o.example/v.mp4"} if status != "FAILED" \
                else {"error": "Task execution failed"}
    if rng.random() < 0.1:
        cats.add("timestamp-float")
        ev["timestamp"] = ev["timestamp"] + rng.choice([0.5, 0.25, 0.0])
    for _ in range(rng.randrange(0, 4)):
        ev[random_key(rng, cats, lone)] = random_value(rng, cats, lone, rng.randrange(0, 3))
    if rng.random() < 0.03:
        ev[random_key(rng, cats, lone)] = deep_value(rng, cats, lone)
    return ev


# ------------------------------------------------------------------------------------------------ bodies

def shuffled(rng, v):
    """The same tree with every object's keys in a random order."""
    if isinstance(v, dict):
        items = [(k, shuffled(rng, x)) for k, x in v.items()]
        rng.shuffle(items)
        return dict(items)
    if isinstance(v, list):
        return [shuffled(rng, x) for x in v]
    return v


class BodyWriter:
    """A JSON writer that varies everything json.loads does not care about."""

    def __init__(self, rng, cats, ascii_only):
        self.rng = rng
        self.cats = cats
        self.ascii_only = ascii_only

    def ws(self):
        r = self.rng.random()
        if r < 0.6:
            return ""
        self.cats.add("body-whitespace")
        return "".join(self.rng.choice([" ", "\n", "\t", "\r"]) for _ in range(self.rng.randrange(1, 4)))

    def write(self, v):
        if isinstance(v, dict):
            items = list(v.items())
            self.rng.shuffle(items)
            parts = []
            for k, x in items:
                if self.rng.random() < 0.05:
                    self.cats.add("keys-duplicate")
                    decoy = random_value(self.rng, set(), False, 1)
                    parts.append(self.ws() + self.string(k) + self.ws() + ":" + self.ws() + self.write(decoy))
                parts.append(self.ws() + self.string(k) + self.ws() + ":" + self.ws() + self.write(x) + self.ws())
            return "{" + ",".join(parts) + self.ws() + "}"
        if isinstance(v, list):
            return "[" + ",".join(self.ws() + self.write(x) + self.ws() for x in v) + self.ws() + "]"
        if isinstance(v, str):
            return self.string(v)
        if v is True:
            return "true"
        if v is False:
            return "false"
        if v is None:
            return "null"
        if isinstance(v, int):
            if v == 0 and self.rng.random() < 0.3:
                self.cats.add("int-negative-zero-text")
                return "-0"
            return str(v)
        return self.float_text(v)

    def float_text(self, x):
        rng = self.rng
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            if rng.random() < 0.5:
                self.cats.add("float-overflow-literal")
                return ("-" if x < 0 else "") + rng.choice(["1e400", "1.5E+999", "9" * 400 + ".0"])
            return "Infinity" if x > 0 else "-Infinity"
        r = rng.random()
        if x == 0.0 and r < 0.2:
            self.cats.add("float-underflow-literal")
            return ("-" if math.copysign(1.0, x) < 0 else "") + rng.choice(["1e-400", "0e10", "0.000E-5"])
        if r < 0.45:
            return repr(x)
        self.cats.add("float-literal-variants")
        if r < 0.60:
            return "%.17g" % x if "e" in "%.17g" % x or "." in "%.17g" % x else "%.17g" % x + ".0"
        if r < 0.70:
            exact = format(decimal.Decimal(x), "f") if abs(x) < 1e30 and (x == 0 or abs(x) > 1e-30) else None
            if exact is not None:
                self.cats.add("float-long-exact-literal")
                return exact if "." in exact else exact + ".0"
            return repr(x)
        if r < 0.85:
            m, e = ("%.16e" % x).split("e")
            return m + rng.choice(["e", "E"]) + rng.choice(["", "+"] if int(e) >= 0 else [""]) + \
                ("-" if int(e) < 0 else "") + "0" * rng.randrange(0, 3) + str(abs(int(e)))
        s = repr(x)
        if "e" not in s and "." in s:
            return s + "0" * rng.randrange(1, 4)
        return s

    def string(self, s):
        out = ['"']
        i = 0
        while i < len(s):
            ch = s[i]
            c = ord(ch)
            r = self.rng.random()
            if ch in SHORT_ESCAPED or c < 0x20:
                out.append(self.u_escape(c) if r < 0.3 or ch not in SHORT_ESCAPED
                           else json.dumps(ch)[1:-1])
            elif ch == "/" and r < 0.3:
                self.cats.add("body-escaped-slash")
                out.append("\\/")
            elif 0xD800 <= c <= 0xDFFF:
                out.append(self.u_escape(c))
            elif c > 0xFFFF:
                if self.ascii_only or r < 0.5:
                    c -= 0x10000
                    out.append(self.u_escape(0xD800 + (c >> 10)) + self.u_escape(0xDC00 + (c & 0x3FF)))
                else:
                    out.append(ch)
            elif c >= 0x7F:
                out.append(self.u_escape(c) if self.ascii_only or r < 0.5 else ch)
            elif r < 0.05:
                self.cats.add("body-needless-escapes")
                out.append(self.u_escape(c))
            else:
                out.append(ch)
            i += 1
        out.append('"')
        return "".join(out)

    def u_escape(self, c):
        if self.rng.random() < 0.3:
            self.cats.add("body-uppercase-hex-escapes")
            return "\\u%04X" % c
        return "\\u%04x" % c


def has_lone_surrogate(v):
    if isinstance(v, str):
        return any(0xD800 <= ord(ch) <= 0xDFFF for ch in v)
    if isinstance(v, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(x) for k, x in v.items())
    if isinstance(v, list):
        return any(has_lone_surrogate(x) for x in v)
    return False


def body_for(rng, tree, cats):
    lone = has_lone_surrogate(tree)
    style = rng.choice(["dumps", "compact", "pretty", "utf8", "custom", "custom", "custom", "canonical"])
    if (style == "utf8" and lone) or (style == "pretty" and "deep-nesting" in cats):
        style = "custom"
    cats.add("body-" + style)
    if style == "dumps":
        return json.dumps(shuffled(rng, tree))
    if style == "compact":
        return json.dumps(shuffled(rng, tree), separators=(",", ":"))
    if style == "pretty":
        return json.dumps(shuffled(rng, tree), indent=rng.choice([1, 2, 4, "\t"]))
    if style == "utf8":
        return json.dumps(shuffled(rng, tree), ensure_ascii=False)
    if style == "canonical":
        return json.dumps(tree, sort_keys=True)
    return BodyWriter(rng, cats, ascii_only=lone or rng.random() < 0.5).write(tree)


# ------------------------------------------------------------------------------------------------- cases

def make_case(rng, index):
    cats = set()
    kind = rng.random()
    lone = rng.random() < 0.15
    if kind < 0.85:
        tree = event_tree(rng, cats, lone)
    elif kind < 0.95:
        cats.add("object-not-event")
        tree = random_dict(rng, cats, lone, 4) or {"k": 1}
    else:
        cats.add("top-level-not-object")
        tree = rng.choice([random_list(rng, cats, lone, 3), random_value(rng, cats, lone, 0),
                           random_float(rng, cats), random_int(rng, cats)])
    body = body_for(rng, tree, cats)
    body.encode("utf-8")  # no lone surrogate sent raw
    parsed = json.loads(body)
    canonical = json.dumps(parsed, sort_keys=True)
    assert canonical == json.dumps(tree, sort_keys=True), "the body does not mean the tree"
    secret = rng.choice(SECRETS)
    signed_over = "raw" if rng.random() < 0.1 else "canonical"
    cats.add("signed-" + signed_over)
    signed = (body if signed_over == "raw" else canonical).encode("utf-8")
    case = {
        "name": "corpus-%04d" % index,
        "categories": sorted(cats),
        "secret": secret,
        "signed_over": signed_over,
        "body": body,
        "canonical": canonical,
        "signature": hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest(),
    }
    if "event" in cats:
        case["task_id"] = parsed["task_id"]
        case["status"] = parsed["status"]
        case["timestamp"] = math.floor(parsed["timestamp"])
        case["frames"] = len(parsed["progress"])
        result = parsed.get("result")
        case["results"] = 0 if result is None else len(result)
    return case


# ------------------------------------------------------------------------------------------------ floats

def float_set(rng, random_count):
    values = []
    values += [bits_to_float(rng.getrandbits(64)) for _ in range(random_count)]  # both signs already
    values += [math.ldexp(1.0, e) for e in range(-1074, 1024)]
    values += [float("1e%d" % e) for e in range(-323, 309)]
    values += [k * 5e-324 for k in range(1, 601)]
    values += [bits_to_float(rng.randrange(1, 1 << 52)) for _ in range(500)]
    for base in [1e16, 1e-4, 1e-5, 1e15, 2.0 ** 53, sys.float_info.max, sys.float_info.min, 1.0, 0.1, 1e22, 1e23]:
        x = base
        for _ in range(4):
            x = math.nextafter(x, math.inf)
            values.append(x)
        x = base
        for _ in range(4):
            x = math.nextafter(x, 0.0)
            values.append(x)
        values.append(base)
    values += [float(rng.randrange(2 ** 53, 2 ** 70)) for _ in range(500)]
    values += [round(rng.uniform(0, 1), rng.randrange(1, 17)) * 10.0 ** rng.randrange(-20, 20) for _ in range(1000)]
    values += [0.0, -0.0, math.inf, -math.inf]
    out = []
    for i, x in enumerate(values):
        if math.isnan(x):
            continue
        out.append(x)
        if i >= random_count and x != 0 and i % 4 == 0:
            out.append(-x)
    return out


def write_floats(path, rng, random_count):
    with open(path, "w", encoding="ascii", newline="\n") as f:
        for x in float_set(rng, random_count):
            if math.isnan(x):
                continue
            f.write("%016x %s\n" % (float_to_bits(x), json.dumps(x)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=CASES)
    ap.add_argument("--out", default=RESOURCES)
    ap.add_argument("--floats-only", type=int, default=0, help="write only float-repr.txt with this many random")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.floats_only:
        write_floats(os.path.join(args.out, "float-repr.txt"), random.Random(SEED + 1), args.floats_only)
        return
    rng = random.Random(SEED)
    counts = {}
    with open(os.path.join(args.out, "canonical-corpus.jsonl"), "w", encoding="ascii", newline="\n") as f:
        for i in range(args.cases):
            case = make_case(rng, i)
            for c in case["categories"]:
                counts[c] = counts.get(c, 0) + 1
            f.write(json.dumps(case) + "\n")  # ASCII: expected fields may hold lone surrogates
    write_floats(os.path.join(args.out, "float-repr.txt"), random.Random(SEED + 1), 4000)
    for c in sorted(counts):
        print("%-32s %5d" % (c, counts[c]))


if __name__ == "__main__":
    main()
