"""Mail headers from visitors' text: one line, whatever they typed.

Django refuses a header with a line break (BadHeaderError, a 500 after the message was
stored, issue 30); Python's email package treats more characters as line ends (\\u2028,
\\x85, ...). Every header built from a visitor's value goes through `one_line`.
"""


def one_line(value):
    """`value` with every run of whitespace, line breaks included, as one space."""
    return " ".join(str(value).split())
