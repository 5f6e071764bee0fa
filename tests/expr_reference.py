"""The recursive-descent expression parser detente used before the explicit-stack one, kept as
the reference the new parser is checked against (tests/test_expr_parser.py) on inputs shallow
enough for recursion."""

from detente.model.expr import (FUNCTIONS, BinOp, Call, Const, Expr, ExpressionError, Name, Not,
                                _Tok, _tokenize)

MAX_DEPTH = 200


class ReferenceParser:
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



def reference_parse(text: str) -> Expr:
    return ReferenceParser(text).statement()
