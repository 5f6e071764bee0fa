"""The boolean expression language of constraints and preference statements.

Grammar (lowest precedence first)::

    statement := expr [ "if" expr | "iff" expr ]        # "A if B" = B implies A
    expr      := imp ( ("iff" | "<->") imp )*
    imp       := or  [ ("implies" | "->") imp ]          # right associative
    or        := and ( ("or" | "|") and )*
    and       := not ( ("and" | "&") not )*
    not       := ("not" | "!" | "~") not | atom
    atom      := NAME | "true" | "false" | "(" expr ")"
               | FUNC "(" expr ("," expr)* ")"          # at_most_one, exactly_one, at_least_one, all_of, none_of

``NAME`` is an option name (letters, digits, ``_``, ``-``, ``.``, starting with a letter or
``_``) or any text in backquotes or double quotes (for names with spaces). The parser is the
project's own operator-precedence parser with explicit stacks (no recursion, so no input can
exhaust Python's stack): nothing is ever passed to :func:`eval`. An expression may nest at most
:data:`MAX_DEPTH` levels, counting parentheses and function calls, and separately the depth of
the expression tree (each ``not`` and each link of an ``->`` or ``<->`` chain is a level; an
``and``/``or`` list of n terms is built balanced, log2(n) levels); longer input is refused with
the character where it happens.

Expressions evaluate over many states at once: :meth:`Expr.evaluate` takes a function giving,
for an option name, a numpy boolean array over states, and returns such an array.

Examples
--------
>>> e = parse("us_troops implies not eu_deploy")
>>> sorted(e.names())
['eu_deploy', 'us_troops']
>>> str(parse("a if b"))
'(b -> a)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from detente.errors import ModelError, Problem

MAX_EXPRESSION_LENGTH = 10_000
MAX_DEPTH = 200

FUNCTIONS = ("at_most_one", "exactly_one", "at_least_one", "all_of", "none_of")
KEYWORDS = {"and", "or", "not", "implies", "iff", "if", "true", "false"}

_TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<op><->|->|[()!~&|,])
      | (?P<quoted>`[^`]*`|"[^"]*")
      | (?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)
      | (?P<bad>\S)
    )""",
    re.VERBOSE,
)


class ExpressionError(ValueError):
    """A syntax error in an expression, with the character offset where it was found."""

    def __init__(self, message: str, offset: int, text: str, hint: str | None = None):
        self.message, self.offset, self.text, self.hint = message, offset, text, hint
        pointer = text + "\n" + " " * offset + "^"
        super().__init__(f"{message} at character {offset + 1}:\n{pointer}")


# --- AST -----------------------------------------------------------------------------------

class Expr:
    """Base class of expression nodes."""

    def evaluate(self, value_of: Callable[[str], np.ndarray]) -> np.ndarray:
        raise NotImplementedError

    def names(self) -> set[str]:
        return set(self._names())

    def _names(self) -> Iterator[str]:
        raise NotImplementedError

    def rename(self, mapping: dict[str, str]) -> "Expr":
        raise NotImplementedError


@dataclass(frozen=True)
class Const(Expr):
    value: bool

    def evaluate(self, value_of):
        return np.bool_(self.value)

    def _names(self):
        return iter(())

    def rename(self, mapping):
        return self

    def __str__(self):
        return "true" if self.value else "false"


@dataclass(frozen=True)
class Name(Expr):
    name: str

    def evaluate(self, value_of):
        return value_of(self.name)

    def _names(self):
        yield self.name

    def rename(self, mapping):
        return Name(mapping.get(self.name, self.name))

    def __str__(self):
        return self.name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", self.name) and self.name not in KEYWORDS else f"`{self.name}`"


@dataclass(frozen=True)
class Not(Expr):
    arg: Expr

    def evaluate(self, value_of):
        return np.logical_not(self.arg.evaluate(value_of))

    def _names(self):
        return self.arg._names()

    def rename(self, mapping):
        return Not(self.arg.rename(mapping))

    def __str__(self):
        return f"not {self.arg}"


@dataclass(frozen=True)
class BinOp(Expr):
    op: str  # "and", "or", "->", "<->"
    left: Expr
    right: Expr

    def evaluate(self, value_of):
        a = self.left.evaluate(value_of)
        b = self.right.evaluate(value_of)
        if self.op == "and":
            return np.logical_and(a, b)
        if self.op == "or":
            return np.logical_or(a, b)
        if self.op == "->":
            return np.logical_or(np.logical_not(a), b)
        if self.op == "<->":
            return np.equal(a, b)
        raise AssertionError(self.op)

    def _names(self):
        yield from self.left._names()
        yield from self.right._names()

    def rename(self, mapping):
        return BinOp(self.op, self.left.rename(mapping), self.right.rename(mapping))

    def __str__(self):
        return f"({self.left} {self.op} {self.right})"


@dataclass(frozen=True)
class Call(Expr):
    func: str
    args: tuple[Expr, ...]

    def evaluate(self, value_of):
        values = [np.asarray(a.evaluate(value_of), dtype=np.int32) for a in self.args]
        count = values[0]
        for v in values[1:]:
            count = count + v
        n = len(values)
        if self.func == "at_most_one":
            return count <= 1
        if self.func == "exactly_one":
            return count == 1
        if self.func == "at_least_one":
            return count >= 1
        if self.func == "all_of":
            return count == n
        if self.func == "none_of":
            return count == 0
        raise AssertionError(self.func)

    def _names(self):
        for a in self.args:
            yield from a._names()

    def rename(self, mapping):
        return Call(self.func, tuple(a.rename(mapping) for a in self.args))

    def __str__(self):
        return f"{self.func}({', '.join(str(a) for a in self.args)})"


# --- parser --------------------------------------------------------------------------------

@dataclass
class _Tok:
    kind: str  # "op", "name", "kw", "end"
    text: str
    offset: int


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            break
        if m.group("op"):
            tokens.append(_Tok("op", m.group("op"), m.start("op")))
        elif m.group("quoted"):
            tokens.append(_Tok("name", m.group("quoted")[1:-1], m.start("quoted")))
        elif m.group("name"):
            word = m.group("name")
            low = word.lower()
            kind = "kw" if low in KEYWORDS else "name"
            tokens.append(_Tok(kind, low if kind == "kw" else word, m.start("name")))
        elif m.group("bad"):
            raise ExpressionError(f"unexpected character {m.group('bad')!r}", m.start("bad"), text,
                                  hint="use and/or/not/implies/iff, parentheses and option names; "
                                       "quote names with spaces in `backquotes`")
        pos = m.end()
    tokens.append(_Tok("end", "", len(text.rstrip())))
    return tokens


# Binary operators: precedence (higher binds tighter) and associativity. "and"/"or" lists are
# collected whole and built as balanced trees, so a list of any length nests only log2 levels.
_BINARY = {"iff": ("<->", 1), "<->": ("<->", 1), "implies": ("->", 2), "->": ("->", 2),
           "or": ("or", 3), "|": ("or", 3), "and": ("and", 4), "&": ("and", 4)}
_RIGHT_ASSOC = {"->"}
_LISTS = {"and", "or"}


class _Parser:
    """Operator-precedence parser with explicit stacks: no recursion, whatever the input.

    The operand stack holds ``(node, depth)``; the operator stack holds binary operators
    ``["bin", op, precedence, n operands, token]``, prefix ``not`` and the open groups
    ``["(", token]`` / ``["call", name token, n arguments]``. Depths are counted as nodes are
    built, so an expression nested over :data:`MAX_DEPTH` is refused at the token where it
    happens, before any evaluation could recurse on it.
    """

    def __init__(self, text: str):
        self.text = text
        self.toks = _tokenize(text)
        self.operands: list[tuple[Expr, int]] = []
        self.ops: list[list] = []
        self.groups = 0  # open parentheses and calls

    def fail(self, message: str, tok: _Tok, hint: str | None = None):
        raise ExpressionError(message, tok.offset, self.text, hint)

    def _push(self, node: Expr, depth: int, tok: _Tok) -> None:
        if depth > MAX_DEPTH:
            self.fail(f"expression nested too deeply (over {MAX_DEPTH} levels)", tok,
                      hint="split it into several statements or constraints, or use "
                           "at_most_one(...)/all_of(...) for long lists")
        self.operands.append((node, depth))

    def _balanced(self, op: str, items: list[tuple[Expr, int]]) -> tuple[Expr, int]:
        # Iterative pairing, left-heavy: (a op b) op c for three items, as written.
        level = items
        while len(level) > 1:
            nxt = []
            if len(level) % 2:
                (a, da), (b, db) = level[0], level[1]
                level = [(BinOp(op, a, b), 1 + max(da, db))] + level[2:]
                if len(level) == 1:
                    break
            for i in range(0, len(level) - 1, 2):
                (a, da), (b, db) = level[i], level[i + 1]
                nxt.append((BinOp(op, a, b), 1 + max(da, db)))
            if len(level) % 2:
                nxt.append(level[-1])
            level = nxt
        return level[0]

    def _reduce_top(self, tok: _Tok) -> None:
        entry = self.ops.pop()
        if entry[0] == "not":
            node, depth = self.operands.pop()
            self._push(Not(node), depth + 1, entry[1])
            return
        _, op, _, count, op_tok = entry
        items = self.operands[-count:]
        del self.operands[-count:]
        if op in _LISTS:
            node, depth = self._balanced(op, items)
        else:  # "->" reduces right to left, "<->" left to right
            if op in _RIGHT_ASSOC:
                node, depth = items[-1]
                for a, da in reversed(items[:-1]):
                    node, depth = BinOp(op, a, node), 1 + max(da, depth)
                    if depth > MAX_DEPTH:
                        break
            else:
                node, depth = items[0]
                for b, db in items[1:]:
                    node, depth = BinOp(op, node, b), 1 + max(depth, db)
                    if depth > MAX_DEPTH:
                        break
        self._push(node, depth, op_tok)

    def _reduce_while(self, stop) -> None:
        while self.ops and self.ops[-1][0] in ("bin", "not") and stop(self.ops[-1]):
            self._reduce_top(self.ops[-1][-1])

    def expression(self, start: int, top: bool) -> tuple[Expr, int]:
        """Parse from token ``start`` up to "if" (when ``top``) or the end; returns the
        expression and the index of the token that ended it."""
        i = start
        expect_operand = True
        base_ops, base_operands = len(self.ops), len(self.operands)
        while True:
            tok = self.toks[i]
            if expect_operand:
                if tok.kind in ("op", "kw") and tok.text in ("not", "!", "~"):
                    self.ops.append(["not", tok])
                elif tok.kind == "op" and tok.text == "(":
                    self._open(["(", tok], tok)
                elif tok.kind == "kw" and tok.text in ("true", "false"):
                    self._push(Const(tok.text == "true"), 1, tok)
                    expect_operand = False
                elif tok.kind == "name":
                    nxt = self.toks[i + 1]
                    if nxt.kind == "op" and nxt.text == "(":
                        if tok.text not in FUNCTIONS:
                            self.fail(f"unknown function {tok.text!r}", tok,
                                      hint="functions are " + ", ".join(FUNCTIONS))
                        self._open(["call", tok, 1, len(self.operands)], nxt)
                        i += 1
                    else:
                        self._push(Name(tok.text), 1, tok)
                        expect_operand = False
                elif tok.kind == "end":
                    self.fail("expression ends too early" if self.text.strip() else "empty expression",
                              tok, hint="complete the expression, e.g. 'a and not b'")
                else:
                    self.fail(f"unexpected {tok.text!r}", tok,
                              hint="an option name, 'not', or '(' was expected here")
                i += 1
                continue
            # after an operand: an operator, a closing bracket, a comma, "if" or the end
            if tok.kind in ("op", "kw") and tok.text in _BINARY:
                op, prec = _BINARY[tok.text]
                self._reduce_while(lambda e: e[0] == "not" or e[2] > prec
                                   or (e[2] == prec and e[1] != op and op not in _RIGHT_ASSOC))
                top_op = self.ops[-1] if len(self.ops) > base_ops else None
                if top_op is not None and top_op[0] == "bin" and top_op[1] == op:
                    top_op[3] += 1  # one more item of the same list or chain
                    if op in ("->", "<->") and top_op[3] > MAX_DEPTH + 1:
                        self.fail(f"expression nested too deeply (over {MAX_DEPTH} levels)", tok,
                                  hint="split the chain into several statements or constraints")
                else:
                    self.ops.append(["bin", op, prec, 2, tok])
                expect_operand = True
            elif tok.kind == "op" and tok.text in (")", ","):
                self._reduce_while(lambda e: True)
                group = self.ops[-1] if len(self.ops) > base_ops else None
                if group is None:
                    self.fail(f"unexpected {tok.text!r}", tok,
                              hint="join terms with and/or, or add parentheses")
                if tok.text == ",":
                    if group[0] != "call":
                        self.fail("unexpected ','", tok, hint="commas separate a function's arguments")
                    group[2] += 1
                    expect_operand = True
                else:
                    self.ops.pop()
                    self.groups -= 1
                    if group[0] == "call":
                        n = group[2]
                        args = self.operands[-n:]
                        del self.operands[-n:]
                        self._push(Call(group[1].text, tuple(a for a, _ in args)),
                                   1 + max(d for _, d in args), group[1])
            elif tok.kind == "end" or (top and tok.kind == "kw" and tok.text == "if"
                                       and self.groups == 0):
                self._reduce_while(lambda e: True)
                if len(self.ops) > base_ops:
                    group = self.ops[-1]
                    if group[0] == "call":
                        self.fail("missing ')' after the function's arguments", tok)
                    self.fail("missing ')'", tok,
                              hint=f"close the '(' opened at character {group[1].offset + 1}")
                assert len(self.operands) == base_operands + 1
                return self.operands.pop()[0], i
            else:
                if self.groups:
                    group = next(g for g in reversed(self.ops) if g[0] in ("(", "call"))
                    if group[0] == "call":
                        self.fail("missing ')' after the function's arguments", tok)
                    self.fail("missing ')'", tok,
                              hint=f"close the '(' opened at character {group[1].offset + 1}")
                self.fail(f"unexpected {tok.text!r}", tok,
                          hint="join terms with and/or, or add parentheses")
            i += 1

    def _open(self, group: list, tok: _Tok) -> None:
        self.groups += 1
        if self.groups > MAX_DEPTH:
            self.fail(f"expression nested too deeply (over {MAX_DEPTH} levels of parentheses)", tok,
                      hint="remove redundant parentheses or split the expression")
        self.ops.append(group)

    def statement(self) -> Expr:
        left, i = self.expression(0, top=True)
        if self.toks[i].kind == "end":
            return left
        cond, j = self.expression(i + 1, top=True)
        if self.toks[j].kind != "end":
            self.fail(f"unexpected {self.toks[j].text!r}", self.toks[j],
                      hint="a statement has at most one 'if'")
        node = BinOp("->", cond, left)
        if _depth(node) > MAX_DEPTH:
            self.fail(f"expression nested too deeply (over {MAX_DEPTH} levels)", self.toks[i])
        return node


def _depth(expr: Expr) -> int:
    """Depth of an expression tree, without recursion."""
    best, stack = 0, [(expr, 1)]
    while stack:
        node, d = stack.pop()
        best = max(best, d)
        if isinstance(node, Not):
            stack.append((node.arg, d + 1))
        elif isinstance(node, BinOp):
            stack += [(node.left, d + 1), (node.right, d + 1)]
        elif isinstance(node, Call):
            stack += [(a, d + 1) for a in node.args]
    return best


def parse(text: str) -> Expr:
    """Parse a statement (``A``, ``A and not B``, ``A if B``, ``A iff B``, ...) into an AST.

    Raises
    ------
    ExpressionError
        with the character offset of the problem.
    """
    if not isinstance(text, str):
        raise ExpressionError(f"expected text, got {type(text).__name__}", 0, str(text))
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"expression is {len(text)} characters long; the limit is "
                              f"{MAX_EXPRESSION_LENGTH}", 0, text[:40])
    return _Parser(text).statement()


def parse_located(text, positions, path, known_names, what: str = "expression") -> Expr:
    """Parse and check names, raising a located :class:`ModelError` on any problem."""
    from detente.model.yamlio import did_you_mean

    try:
        expr = parse(text)
    except ExpressionError as exc:
        raise positions.error(path, f"{what} does not parse: {exc.message} at character "
                                    f"{exc.offset + 1} of {text!r}",
                              hint=exc.hint) from None
    unknown = sorted(expr.names() - set(known_names))
    if unknown:
        problems = []
        for name in unknown:
            problems.append(positions.problem(path, f"{what} {text!r} names unknown option {name!r}",
                                              hint=did_you_mean(name, known_names)
                                              or "options are declared under decision_makers[*].options"))
        raise ModelError(problems)
    return expr


__all__ = ["Expr", "Const", "Name", "Not", "BinOp", "Call", "ExpressionError", "parse",
           "parse_located", "FUNCTIONS", "Problem"]
