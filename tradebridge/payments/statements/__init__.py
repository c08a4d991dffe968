"""Bank statements: pure parsers (no ORM) from a file's bytes to credit lines.

- `lines.py`: what they return (`StatementLine`, `LineError`, `ParsedStatement`) and
  `StatementUnreadable`.
- `csv.py`: a simple column format with header detection and decimal commas.
- `camt053.py`: ISO 20022 camt.053 XML, refusing DTDs and entities.
- `reader.py`: `statement_parse(data)`: sniffs the format and calls the right parser.
"""
