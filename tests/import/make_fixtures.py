#!/usr/bin/env python3
"""Makes the office documents the import tests read (tests/import/*.docx|xlsx|ods|csv).

The files are committed, so the tests need no Python; run this again only to
change them:  pip install python-docx openpyxl odfpy && python3 tests/import/make_fixtures.py

Each document is what a district office actually sends: a Word roadmap with
«№ п/п», a row of column numbers, section rows merged across the table, a
«Ответственные» cell merged down over several rows, line breaks and stray spaces
in cells, a repeated heading row and a signature table after the main one; a
report with statuses typed every which way; an Excel list of schools under a
merged title; a LibreOffice plan with date cells; a Windows-1251 CSV from Excel.
"""
import datetime
import os

import docx
import openpyxl
from docx.enum.text import WD_BREAK
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

HERE = os.path.dirname(os.path.abspath(__file__))


def out(name):
    return os.path.join(HERE, name)


def fixed_core(d):
    # Stable bytes: no creation time from the machine that ran the script.
    d.core_properties.created = datetime.datetime(2026, 11, 1)
    d.core_properties.modified = datetime.datetime(2026, 11, 1)
    d.core_properties.last_modified_by = "vitrina"
    d.core_properties.author = "vitrina"


def cell_text(cell, text):
    """Text with «\n» as separate paragraphs and «\\b» as a line break inside one."""
    cell.text = ""
    paragraphs = text.split("\n")
    first = cell.paragraphs[0]
    for i, para in enumerate(paragraphs):
        p = first if i == 0 else cell.add_paragraph()
        parts = para.split("\b")
        for j, part in enumerate(parts):
            run = p.add_run(part)
            if j < len(parts) - 1:
                run.add_break(WD_BREAK.LINE)


def roadmap_docx():
    d = docx.Document()
    fixed_core(d)
    d.add_paragraph("УТВЕРЖДАЮ")
    d.add_paragraph("Начальник управления образования ____________ О. В. Кравченко")
    d.add_paragraph("Дорожная карта сопровождения МБОУ СОШ № 25 на 2026/2027 учебный год")
    heads = ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственные", "Ожидаемый результат"]
    rows = [
        ("numbers", ["1", "2", "3", "4", "5"]),
        ("group", "1. Организационно-управленческие мероприятия"),
        ("row", ["1.1", "Разработка антирисковых программ\bпо трём факторам риска", "  до 15.10.2026 ", "Директор Соколова Н. В.\nЗам. директора по УВР Белова Т. А.", "Программы утверждены приказом"]),
        ("row", ["1.2", "Самодиагностика школы  по «500+»", "сентябрь 2026", None, "Проведена самодиагностика"]),
        ("row", ["1.3", "Заседание рабочей группы: «итоги четверти»", "ежеквартально", None, ""]),
        ("empty", None),
        ("heads", heads),
        ("numbered-group", ("2.", "Работа с педагогами")),
        ("row", ["2.1", "Курсы повышения квалификации учителей математики", "2026-11-20", "Куратор Гаврилов А. Н.", "Обучены 3 учителя"]),
        ("row", ["2.2", "Взаимопосещение уроков со школой-наставником", "в течение года", "Руководители ШМО", "Посещено не менее 10 уроков"]),
        ("group", "Работа с родителями"),
    ]
    t = d.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, heads):
        cell_text(c, h)
    merge_from = None
    for kind, data in rows:
        r = t.add_row()
        if kind in ("numbers", "heads", "row"):
            for i, v in enumerate(data):
                if v is not None:
                    cell_text(r.cells[i], v)
        if kind == "group":
            merged = r.cells[0].merge(r.cells[4])
            cell_text(merged, data)
        if kind == "numbered-group":
            cell_text(r.cells[0], data[0])
            merged = r.cells[1].merge(r.cells[4])
            cell_text(merged, data[1])
        if kind == "row" and data[3] is not None:
            merge_from = r.cells[3]
        elif kind == "row" and merge_from is not None:
            merge_from = merge_from.merge(r.cells[3])
    # The section «Работа с родителями» has a measure after all.
    r = t.add_row()
    for i, v in enumerate(["3.1", "Родительский всеобуч", "ежемесячно", "Педагог-психолог", "Посещаемость не менее 40 %"]):
        cell_text(r.cells[i], v)
    d.add_paragraph("")
    sign = d.add_table(rows=2, cols=3)
    for i, v in enumerate(["Директор МБОУ СОШ № 25", "____________", "Н. В. Соколова"]):
        sign.rows[0].cells[i].text = v
    for i, v in enumerate(["Куратор", "____________", "А. Н. Гаврилов"]):
        sign.rows[1].cells[i].text = v
    d.save(out("roadmap-sosh-25.docx"))


def report_docx():
    d = docx.Document()
    fixed_core(d)
    d.add_paragraph("Отчёт о выполнении дорожной карты МБОУ СОШ № 25")
    d.add_paragraph("по состоянию на 20.11.2026")
    heads = ["№", "Мероприятие", "Срок", "Отметка о выполнении", "Комментарий"]
    rows = [
        ["1", "Разработка антирисковых программ\nпо трём факторам риска", "до 15.10.2026", "Выполнено", "приказ № 41"],
        ["2", "САМОДИАГНОСТИКА школы по «500+»", "сентябрь 2026", "ВЫПОЛНЕНО.", ""],
        ["3", "Заседание рабочей группы: «итоги четверти»", "ежеквартально", "частично", "проведено 1 заседание из 4"],
        ["4", "Курсы повышения квалификации учителей математики", "2026-11-20", "Не выполнено!", "курсы перенесены"],
        ["5", "Взаимопосещение уроков со школой-наставником", "в течение года", "Выполнено (посещено 4 урока)", ""],
        ["6", "Родительский всеобуч", "ежемесячно", "в работе", ""],
    ]
    t = d.add_table(rows=1, cols=5)
    for c, h in zip(t.rows[0].cells, heads):
        cell_text(c, h)
    for data in rows:
        r = t.add_row()
        for i, v in enumerate(data):
            cell_text(r.cells[i], v)
    d.save(out("report-sosh-25.docx"))


def not_a_table_docx():
    d = docx.Document()
    fixed_core(d)
    d.add_paragraph("Пояснительная записка")
    d.add_paragraph("В 2026 году школа продолжила работу по дорожной карте. Таблицы здесь нет.")
    d.save(out("no-table.docx"))


def schools_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Школы"
    ws["A1"] = "Список общеобразовательных организаций, включённых в группу поддержки"
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["№ п/п", "Краткое наименование", "Полное наименование", "Категория", "Куратор", "Риски", "Адрес", "Сайт"])
    ws.append([1, "МБОУ СОШ № 25", "Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 25 станицы Луговой", "ШНОР, ШССУ", "Гаврилов А. Н.", "Р2; r7", "353800, ст. Луговая, ул. Мира, 1", "https://sosh25.example.ru"])
    ws.append([2, "МБОУ ООШ № 12", "Муниципальное бюджетное общеобразовательное учреждение основная общеобразовательная школа № 12", "нет", "Иванова М. П.", "9", "х. Береговой, ул. Школьная, 3", ""])
    ws.append([3, "МАОУ «Лицей № 30»", "Муниципальное автономное общеобразовательное учреждение «Лицей № 30»", "", "", "", "г. Приморск, ул. Морская, 30", "licey30.example.ru"])
    ws.append([])
    ws.append(["Исполнитель: Петрова Е. С."])

    plan = wb.create_sheet("План МНЦ")
    plan.append(["№", "Содержание работы", "Дата проведения", "Ответственный", "Результат"])
    plan.append(["Раздел 1. Методическая работа"])
    plan.append([1, "Семинар «Объективность оценивания»", datetime.date(2026, 12, 10), "Методист Орлова И. В.", "Проведён семинар"])
    plan.append([2, "Открытые уроки учителей-наставников", "декабрь 2026", None, "Проведено 6 уроков"])
    plan.append([3, "Консультации для молодых педагогов", "в течение года", None, ""])
    plan.merge_cells("D3:D5")
    wb.save(out("schools.xlsx"))


def indicators_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "КИП"
    ws.append(["№", "Наименование показателя", "Ед. изм.", "Базовое значение (2024/2025)", "2025/2026", "2026/2027", "Факт 2025/2026", "Источник данных"])
    ws.append([1, "Доля ШНОР, вышедших из группы поддержки", "%", 14.3, 12, 10, "11,5", "ФИС ОКО"])
    ws.append([2, "Доля учителей ШНОР, прошедших курсы", "%", 40, 60, 80, "н/д", "отчёты школ"])
    wb.save(out("indicators.xlsx"))


def bench_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный", "Ожидаемый результат"])
    for i in range(1, 501):
        if i % 50 == 1:
            ws.append([f"Раздел {i // 50 + 1}"])
        ws.append([i, f"Мероприятие {i}: методическое сопровождение учителей, посещение уроков", f"до {i % 28 + 1:02}.10.2026", "Заместитель директора по УВР", "Посещено не менее 5 уроков, даны рекомендации"])
    wb.save(out("bench-500.xlsx"))


def plan_ods():
    doc = OpenDocumentSpreadsheet()
    table = Table(name="План")

    def cell(v, **span):
        if isinstance(v, datetime.date):
            c = TableCell(valuetype="date", datevalue=v.isoformat(), **span)
            c.addElement(P(text=v.strftime("%d.%m.%Y")))
        elif isinstance(v, (int, float)):
            c = TableCell(valuetype="float", value=v, **span)
            c.addElement(P(text=str(v)))
        elif v:
            c = TableCell(valuetype="string", **span)
            for line in v.split("\n"):
                c.addElement(P(text=line))
        else:
            c = TableCell(**span)
        return c

    def row(values):
        """None: a cell covered by a merge (table:covered-table-cell)."""
        tr = TableRow()
        for v in values:
            if isinstance(v, tuple):
                tr.addElement(cell(v[0], **v[1]))
            elif v is None:
                tr.addElement(CoveredTableCell())
            else:
                tr.addElement(cell(v))
        table.addElement(tr)

    row(["№", "Содержание работы", "Сроки", "Исполнитель", "Планируемый результат", "Примечание"])
    # A section heading merged across the whole sheet row.
    row([("Раздел 1. Работа с ШНОР", {"numbercolumnsspanned": 6}), None, None, None, None, None])
    # «Исполнитель» merged down over the two measures.
    row([1, "Выездной методический день\nв МБОУ СОШ № 25", datetime.date(2026, 10, 15), ("Руководитель МНЦ", {"numberrowsspanned": 2}), "Даны рекомендации", "по согласованию"])
    row([2, "Мастер-класс по смысловому чтению", "ноябрь 2026", None, "", ""])
    doc.spreadsheet.addElement(table)
    doc.save(out("plan-mnc.ods"))


def monitoring_csv():
    text = (
        "Школа;Предмет;Класс;Доля отметок «2», %;Участников\r\n"
        "МБОУ СОШ № 25;Математика;5;18,4;38\r\n"
        "МБОУ СОШ № 25;Русский язык;5;12,1;38\r\n"
        "\r\n"
        "sosh-10;Математика;5;21,0;24\r\n"
        "МБОУ ООШ № 12;Математика;5;нет данных;9\r\n"
    )
    with open(out("vpr-2026.csv"), "wb") as f:
        f.write(text.encode("cp1251"))


if __name__ == "__main__":
    roadmap_docx()
    report_docx()
    not_a_table_docx()
    schools_xlsx()
    indicators_xlsx()
    bench_xlsx()
    plan_ods()
    monitoring_csv()
