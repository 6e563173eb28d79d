"""How a standard answer is cut into clauses for the contradiction check (scoring/contradictions.py):
a table's body cell is tied to its row's first cell and its column's header."""

from __future__ import annotations

from scoring.contradictions import units


def test_each_table_cell_is_a_clause_with_its_row_and_column():
    text = "Aspect | Monitoring | Observability\nApproach | dashboards | exploration\n"
    clauses = [clause for clause, _context in units(text)]
    assert "Approach | Monitoring | dashboards" in clauses
    assert "Approach | Observability | exploration" in clauses
    assert "dashboards | Monitoring | dashboards" not in clauses
