"""CSV records with their physical line numbers, and a quotation mark left open said as such.

The csv module, given a quotation mark that is never closed, reads every following line into
that one field (to the end of the file, or to the next stray quotation mark) and reports
nothing: all the rows after it vanish. Here each record keeps the physical lines it was read
from; a record that spans several lines is checked, and when its quotation mark was never
closed (the field reaches the end of the file), or its continuation lines are themselves
complete rows of the file, the record is reported on the line where the quotation mark opened
and the lines after that one are read again as rows of their own.

Linear: each physical line is read again at most once per open quotation mark before it,
and a swallowed record is bounded by the field size limit.
"""
from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Iterable, Iterator

#: An id a continuation line would need to count as a row of its own (no spaces, not empty).
_ID_LIKE = re.compile(r"\S{1,200}")


class _Lines:
    """Physical lines, remembering the ones the csv reader took for the record being read."""

    def __init__(self, stream: Iterable[str]):
        self._stream = iter(stream)
        self.replay: deque[str] = deque()
        self.held: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.replay.popleft() if self.replay else next(self._stream)
        self.held.append(line)
        return line


def csv_records(stream: Iterable[str], *, delimiter: str = ",") -> Iterator[tuple[int, list[str] | None, str | None]]:
    """Yield ``(first physical line, values or None, error or None)`` for every record.

    The first record is the header (its ``id`` column, when named, is the one a continuation
    line must fill to count as a row of its own). Blank lines are skipped (and counted).
    """
    lines = _Lines(stream)
    consumed = 0  # physical lines before the record being read
    columns: int | None = None
    id_column: int | None = None
    while True:
        reader = csv.reader(lines, delimiter=delimiter)
        reread = False
        for values in reader:
            held, lines.held = lines.held, []
            start = consumed + 1
            if columns is not None and len(held) > 1 and _quote_left_open(held, delimiter, columns, id_column):
                yield start, None, (
                    "a quotation mark opened on this line is never closed, so the "
                    f"{len(held) - 1} lines after it were read into one field; close it "
                    '(a quotation mark inside a field is written "") and import this row again')
                consumed = start
                lines.replay.extendleft(reversed(held[1:]))  # read again as rows of their own
                reread = True
                break
            consumed += len(held)
            if not values:
                continue
            if columns is None:
                columns = len(values)
                names = [v.strip().lower() for v in values]
                id_column = names.index("id") if "id" in names else None
            yield start, values, None
        if not reread:
            return


def _quote_left_open(held: list[str], delimiter: str, columns: int, id_column: int | None) -> bool:
    try:
        list(csv.reader(held, delimiter=delimiter, strict=True))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return True  # the field runs to the end of the file
    continuation = held[1:]
    rows = 0
    for line in continuation:
        try:
            parsed = list(csv.reader([line], delimiter=delimiter, strict=True))
        except csv.Error:
            continue
        if len(parsed) != 1 or len(parsed[0]) != columns:
            continue
        ident = parsed[0][id_column if id_column is not None else 0]
        if _ID_LIKE.fullmatch(ident):
            rows += 1
    return rows >= 2 and rows * 2 >= len(continuation)
