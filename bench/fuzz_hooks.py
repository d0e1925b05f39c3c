"""Loaded into schemathesis by `fuzz_api.py` (through SCHEMATHESIS_HOOKS): a workaround for the
tool, not for the platform.

Hypothesis describes a strategy's lambdas in its repr, and to do so parses their source file
with `ast.parse`. On CPython 3.11.7, parsing deep in a stack can fail with "SystemError: AST
constructor recursion depth mismatch" (an interpreter bug fixed in later 3.11 releases), and
the draw that asked for the repr fails with it: schemathesis then reports a runtime error for
the operation instead of testing it. A lambda whose source cannot be parsed is described as
unknown, as Hypothesis does when the source is missing.
"""

from hypothesis.internal import lambda_sources

_describe = lambda_sources._lambda_description


def _described(f, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _described
