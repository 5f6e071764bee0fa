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
project's own recursive-descent parser: nothing is ever passed to :func:`eval`.

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


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def at(self, *words: str) -> bool:
        tok = self.peek()
        return tok.kind in ("op", "kw") and tok.text in words

    def fail(self, message: str, tok: _Tok | None = None, hint: str | None = None):
        tok = tok or self.peek()
        raise ExpressionError(message, tok.offset, self.text, hint)

    def statement(self) -> Expr:
        left = self.expr()
        if self.at("if"):
            self.take()
            cond = self.expr()
            left = BinOp("->", cond, left)
        if self.peek().kind != "end":
            tok = self.peek()
            self.fail(f"unexpected {tok.text!r}", tok,
                      hint="join terms with and/or, or add parentheses")
        return left

    def expr(self) -> Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail("expression nested too deeply")
        left = self.imp()
        while self.at("iff", "<->"):
            self.take()
            left = BinOp("<->", left, self.imp())
        self.depth -= 1
        return left

    def imp(self) -> Expr:
        left = self.or_()
        if self.at("implies", "->"):
            self.take()
            return BinOp("->", left, self.imp())
        return left

    def or_(self) -> Expr:
        left = self.and_()
        while self.at("or", "|"):
            self.take()
            left = BinOp("or", left, self.and_())
        return left

    def and_(self) -> Expr:
        left = self.not_()
        while self.at("and", "&"):
            self.take()
            left = BinOp("and", left, self.not_())
        return left

    def not_(self) -> Expr:
        if self.at("not", "!", "~"):
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                self.fail("expression nested too deeply")
            inner = self.not_()
            self.depth -= 1
            return Not(inner)
        return self.atom()

    def atom(self) -> Expr:
        tok = self.take()
        if tok.kind == "op" and tok.text == "(":
            inner = self.expr()
            if not self.at(")"):
                self.fail("missing ')'", hint=f"close the '(' opened at character {tok.offset + 1}")
            self.take()
            return inner
        if tok.kind == "kw" and tok.text in ("true", "false"):
            return Const(tok.text == "true")
        if tok.kind == "name":
            if self.at("("):
                if tok.text not in FUNCTIONS:
                    self.fail(f"unknown function {tok.text!r}", tok,
                              hint="functions are " + ", ".join(FUNCTIONS))
                self.take()
                args = [self.expr()]
                while self.at(","):
                    self.take()
                    args.append(self.expr())
                if not self.at(")"):
                    self.fail("missing ')' after the function's arguments")
                self.take()
                return Call(tok.text, tuple(args))
            return Name(tok.text)
        if tok.kind == "end":
            self.fail("expression ends too early" if self.text.strip() else "empty expression",
                      tok, hint="complete the expression, e.g. 'a and not b'")
        self.fail(f"unexpected {tok.text!r}", tok,
                  hint="an option name, 'not', or '(' was expected here")
        raise AssertionError  # pragma: no cover


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
