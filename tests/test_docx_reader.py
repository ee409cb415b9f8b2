"""The DOCX reader on the table shapes real forms use: merged cells both ways, a table
nested in a cell, rows that skip grid columns, content controls, breaks and tabs."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from grantparse.readers.document import Paragraph, Table
from grantparse.readers.docx import read_docx


def _texts(table: Table) -> list[list[list[str] | None]]:
    return [[None if cell is None else [item.text for item in cell.items] for cell in row] for row in table.rows]


def _build(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Есеп")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Біріктірілген"  # gridSpan 2
    table.cell(0, 2).text = "Жоспар"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Тігінен"  # vMerge restart / continue
    table.cell(1, 1).text = "бір"
    second = table.cell(1, 1).add_paragraph()
    second.add_run("екі")
    second.add_run().add_break()  # a line break inside one paragraph
    second.add_run("үш\tтөрт")
    nested = table.cell(1, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "ішкі А"
    nested.cell(0, 1).text = "ішкі Б"
    table.cell(2, 1).text = "5"
    table.cell(2, 2).text = "6"
    # A row that starts one grid column in (gridBefore), with table exceptions before its properties.
    row = copy.deepcopy(table.rows[2]._tr)
    row.remove(row.findall(qn("w:tc"))[0])
    row.insert(0, parse_xml(f'<w:tblPrEx {nsdecls("w")}/>'))
    row.insert(1, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    table._tbl.append(row)
    # A paragraph inside a content control at body level.
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>Басқару элементі</w:t></w:r></w:p>'
                    f'</w:sdtContent></w:sdt>')
    document.element.body.insert(len(document.element.body) - 1, sdt)
    document.save(str(path))


def test_docx_grid(tmp_path: Path) -> None:
    path = tmp_path / "shapes.docx"
    _build(path)
    document = read_docx(path)
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraphs == ["Есеп", "Басқару элементі"]
    (table,) = document.tables
    assert table.n_cols == 3
    assert _texts(table) == [
        [["Біріктірілген"], None, ["Жоспар"]],
        [["Тігінен"], ["бір", "екі\nүш\tтөрт"], ["", "ішкі А", "ішкі Б", ""]],
        [None, ["5"], ["6"]],
        [None, ["5"], ["6"]],
    ]
    assert [b.index for b in document.blocks] == list(range(len(document.blocks)))
    assert table.page_break_before == [False] * 4


def test_only_the_text_word_shows_is_read(tmp_path: Path) -> None:
    """Tracked changes read as their final text (insertions kept, deletions, moved-away text
    and deleted rows dropped), hidden text left out, a field's shown value kept, a text box's
    VML fallback not read twice."""
    document = docx.Document()
    w = nsdecls("w")
    body = document.element.body
    paragraphs = [
        f'<w:p {w}><w:r><w:t>Ұйым </w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>ескі </w:delText></w:r>'
        f'</w:del><w:ins w:id="2" w:author="a"><w:r><w:t>жаңа</w:t></w:r></w:ins></w:p>',
        f'<w:p {w}><w:r><w:t>Көрінеді</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t> жасырын</w:t></w:r></w:p>',
        f'<w:p {w}><w:moveFrom w:id="3" w:author="a"><w:r><w:t>көшірілді</w:t></w:r></w:moveFrom>'
        f'<w:r><w:t>Қалды</w:t></w:r></w:p>',
        f'<w:p {w}><w:r><w:t>Бет </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
        f' PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        f'<w:p {w} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><w:t>Мөр </w:t></w:r>'
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>орны</w:t></mc:Choice>'
        f'<mc:Fallback><w:t>орны</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>',
    ]
    for xml in paragraphs:
        body.insert(len(body) - 1, parse_xml(xml))
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "қалатын жол"
    table.cell(1, 0).text = "өшірілген жол"
    table.rows[1]._tr.get_or_add_trPr().append(parse_xml(f'<w:del {w} w:id="4" w:author="a"/>'))
    path = tmp_path / "changes.docx"
    document.save(str(path))
    read = read_docx(path)
    texts = [b.text for b in read.blocks if isinstance(b, Paragraph) and b.text]
    assert texts == ["Ұйым жаңа", "Көрінеді", "Қалды", "Бет 3", "Мөр орны"]
    assert _texts(read.tables[0]) == [[["қалатын жол"]]]
