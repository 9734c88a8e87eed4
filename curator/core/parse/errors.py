"""The parser's warning classes, in a module never compiled (``hatch_build.py`` leaves it out).

mypyc cannot compile a subclass of a built-in exception; this module stays Python in every build,
so ``ParserFallbackWarning`` is one class whichever build of the parser runs.
"""


class ParserFallbackWarning(RuntimeWarning):
    """The rule parser failed on a text and fell back to plain segmentation (a parser bug)."""
