"""``mydiplo show ID``: one record and everything linked to it, readable in a terminal.

Shows the record's fields by their labels (references and countries with
the names they point to, partial dates in words), each disputed field marked
with every source's reading of it, its event codes, its citations under the
sources they come from, and every row elsewhere that refers to it, grouped
by the part the record plays in it (with the citations of the rows that
belong to it, such as a visit's participants), so a reader can check a claim
without opening eleven files. Every value is named by its field's label, in
the rows that link to the record and in the citations too. A source is
always shown as a reader would look it up: title, publisher, date and
address, never as an id. A retired id shows the record that replaced it,
after a first line saying so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..dataset import Dataset
from ..labels import field_texts, key_label, with_name
from ..models import Actor, Citation, Cites, Record, Source, field_label
from ..nearest import Vocabulary
from ..readings import Reading, disputes_of
from ..registry import RECORD_TABLES, SOURCES, TABLES, Table, citation_table
from .eventcodes import CODED_TABLES, record_codes


class UnknownRecordError(KeyError):
    """No record has the id; the message suggests the closest ids, or says when the id was withdrawn."""

    def __str__(self) -> str:
        return str(self.args[0])


def find(dataset: Dataset, record_id: str) -> tuple[Table, Record]:
    """The table and record with this id, or :class:`UnknownRecordError` naming the closest ids."""
    for table in RECORD_TABLES:
        for record in dataset.table(table.name):
            if getattr(record, table.id_field) == record_id:  # type: ignore[arg-type]
                return table, record
    raise unknown_id(record_id, (getattr(r, t.id_field) for t in RECORD_TABLES for r in dataset.table(t.name)))  # type: ignore[arg-type]


def unknown_id(record_id: str, ids: Iterable[str]) -> UnknownRecordError:
    """The error for an id that none of ``ids`` is, suggesting the closest of them."""
    close = Vocabulary(ids).nearest(record_id)
    hint = (
        f"; did you mean {', '.join(close)}?"
        if close
        else "; ids are kebab-case, such as lukashenko-visit-myanmar-2025"
    )
    return UnknownRecordError(f"no record has the id {record_id!r}{hint}")


def source_text(dataset: Dataset, source: Source) -> str:
    """A source as a reader looks it up: title (in brackets when supplied), publisher, date, and address.

    A source without a URL says why it has none, so its absence is not taken for an omission.
    """
    publisher = dataset.get(source.publisher_id)
    title = f"[{source.title}]" if source.title_supplied else source.title
    text = f"{title}. {getattr(publisher, 'name', source.publisher_id)}, {source.published_date.describe()}."
    if source.url:
        text += f" <{source.url}>"
    elif source.missing_address is not None:
        text += f" No URL ({source.missing_address.value}): {source.missing_address.doc}"
    if source.archive_url:
        text += f" Archived: <{source.archive_url}>"
    return text


def _claim(dataset: Dataset, claim: Cites | Reading) -> str:
    """How firmly and by whom a claim is made, each by its label; the claimant by name and kind, else the
    kind alone (the source's own reporting)."""
    kind = claim.claimant_kind.value
    if claim.claimant_id:
        claimant = f"{getattr(dataset.get(claim.claimant_id), 'name', claim.claimant_id)} ({kind})"
    else:
        claimant = "the source itself" if kind == "source" else kind
    return (
        f"{field_label(Citation, 'certainty')}: {claim.certainty.value}; "
        f"{field_label(Citation, 'claimant_id')}: {claimant}"
    )


def _reading_lines(dataset: Dataset, reading: Reading, indent: str) -> list[str]:
    """One reading on two lines: the value, when, how firmly and by whom; then the source and the place in it."""
    when = f"{field_label(Citation, 'as_of')}: {reading.as_of.describe()}"
    return [
        f"{indent}- {reading.value}; {when}; {_claim(dataset, reading)}",
        f"{indent}  {reading.locator} of {source_text(dataset, reading.source)}",
    ]


def _field_lines(dataset: Dataset, table: Table, record: Record, record_id: str) -> list[str]:
    """The record's fields by their labels; a disputed field marked, with every reading of it under it."""
    fields = field_texts(dataset, table, record)
    labels = {field: field_label(table.model, field) for field, _ in fields}
    disputed = {d.field for d in disputes_of(dataset, record_id) if d.table == table.name}
    width = max(len(label) for label in labels.values())
    lines = []
    for field, text in fields:
        mark = "  [disputed]" if field in disputed else ""
        lines.append(f"  {labels[field]:<{width}}  {text}{mark}")
        if field in disputed:
            for reading in dataset.readings(record_id, field):
                lines += _reading_lines(dataset, reading, " " * (width + 4))
    return lines


def _citation_lines(dataset: Dataset, table: Table, citations: Sequence[Cites], indent: str = "  ") -> list[str]:
    """Citations under the source they come from: each source once, then what each citation of it says."""
    lines = []
    for source_id in dict.fromkeys(c.source_id for c in citations):
        lines.append(f"{indent}{source_text(dataset, dataset[source_id])}")  # type: ignore[arg-type]
        for c in (c for c in citations if c.source_id == source_id):
            says = f"reads {field_label(table.model, c.field)} = {c.value}" if c.field else "supports the record"
            as_of = f"; {field_label(Citation, 'as_of')}: {c.as_of.describe()}" if c.as_of else ""
            lines.append(f"{indent}  {c.locator}: {says}{as_of}; {_claim(dataset, c)}")
    return lines


def _cited_by_lines(dataset: Dataset, source_id: str) -> list[str]:
    """Every row a source's citations support, by its table, its id and label (or the labels of its key), and
    the place in the source; the field read, when a citation reads one."""
    cited = [
        (TABLES[t.cites], c)
        for t in TABLES.values()
        if t.cites
        for c in dataset.table(t.name)
        if isinstance(c, Cites) and c.source_id == source_id
    ]
    lines = ["", f"Cited by ({len(cited)})"]
    for table, c in cited:
        row = with_name(dataset, c.record_id) if isinstance(c, Citation) else key_label(dataset, table, c)
        field = f" ({field_label(table.model, c.field)})" if c.field else ""
        lines.append(f"  {table.name}: {row}, {c.locator}{field}")
    return lines


def _link_lines(dataset: Dataset, table: Table, record_id: str) -> list[str]:
    """Every row that refers to the record, in a section per table and, where the table refers to the
    record's table in several fields (a visit's traveller and host) or is that table (an actor's parent),
    per field: ``visits, as host (2)``."""
    lines = []
    for other in TABLES.values():
        if other.cites is not None:
            continue
        keys = [k.field for k in other.foreign_keys if k.reference_table == table.name]
        linked = [(next((k for k in keys if getattr(r, k) == record_id), None), r) for r in dataset.table(other.name)]
        for key in keys:
            rows = [row for field, row in linked if field == key]
            if not rows:
                continue
            role = f", as {field_label(other.model, key)}" if len(keys) > 1 or other is table else ""
            lines += ["", f"{other.name}{role} ({len(rows)})"]
            for row in rows:
                lines.append(f"  {_summary(dataset, other, row, record_id)}")
                lines += _citation_lines(dataset, other, dataset.row_citations(row), indent="    ")
    return lines


def render(dataset: Dataset, record_id: str) -> str:
    """The text ``mydiplo show`` prints for a record; for a retired id, the record that replaced it.

    Raises :class:`UnknownRecordError` for an id no record has, or had: saying when it was withdrawn, or
    suggesting the closest ids.
    """
    resolution = dataset.resolve(record_id)
    if resolution.record_id is None:
        raise UnknownRecordError(resolution.note)
    record_id = resolution.record_id
    table, record = find(dataset, record_id)
    lines = [resolution.note, ""] if resolution.note else []
    lines += [f"{table.name}: {record_id}", ""]
    lines += _field_lines(dataset, table, record, record_id)
    if isinstance(record, Actor):
        others = dataset.names_of(record.actor_id)[1:]
        if others:
            lines += ["", "Also known as", *(f"  {name}" for name in others)]
    if table.name in CODED_TABLES:
        lines += ["", "Event codes"]
        for rule in record_codes(dataset, table.name, record):
            code = rule.code
            plover = (
                " / ".join(p for p in (code.plover, code.plover_mode, code.plover_context) if p) or "no PLOVER category"
            )
            lines.append(f"  {rule.event}: CAMEO {code.cameo} {code.cameo_label}; PLOVER {plover} ({rule.direction})")
    cites = citation_table(table.name)
    if cites is not None:
        citations = [c for c in dataset.table(cites.name) if isinstance(c, Citation) and c.record_id == record_id]
        lines += ["", f"Citations ({len(citations)})", *_citation_lines(dataset, table, citations)]
    if table is SOURCES:
        lines += _cited_by_lines(dataset, record_id)
    lines += _link_lines(dataset, table, record_id)
    return "\n".join(lines) + "\n"


_LONG_TEXT = 80


def _summary(dataset: Dataset, table: Table, row: Record, record_id: str) -> str:
    """One row on one line, each value by its field's label: its keys and references (but not the record
    shown), then its short fields."""
    references = {k.field for k in table.foreign_keys} | set(table.key)
    skip = tuple(f for f in table.fields if getattr(row, f) == record_id)
    parts = [
        f"{field_label(table.model, field)}: {text}"
        for field, text in field_texts(dataset, table, row, skip)
        if field in references or len(text) <= _LONG_TEXT
    ]
    return "; ".join(parts)
