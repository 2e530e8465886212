#!/usr/bin/env python3
"""Generates a large, consistent vitrina site for benchmarks.

    python3 scripts/gen_site.py DIR [--records 10000]

Every reference resolves (schools ↔ mentors, roadmaps, centres, plans, reports of
events and roadmaps, approving orders), so the numbers measure rendering, not
error reporting.
"""
import argparse
import os
import shutil


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--records", type=int, default=10000)
    args = ap.parse_args()
    root = args.dir
    if os.path.exists(root):
        shutil.rmtree(root)
    c = os.path.join(root, "content")
    n = args.records
    # Shares of the whole: schools 25 %, roadmaps 25 %, events 22 %, reports 20 %…
    schools = n * 25 // 100
    support = schools // 2
    centres = max(2, n // 100)
    programs = n // 50
    events = n * 22 // 100
    documents = max(1, n // 20)
    write(os.path.join(root, "site.toml"),
          'title = "Большой сайт для замеров"\nauthority = "Управление образования"\n'
          'base_url = "https://obr.example.ru"\n')
    count = 0
    for i in range(5):
        name = "index" if i == 0 else f"page-{i}"
        write(f"{c}/system/{name}.md", f"---\ntitle: Страница системы {i}\n---\nТекст **{i}**.\n")
        count += 1
    for i in range(documents):
        write(f"{c}/documents/prikaz-{i}.md",
              f"---\ntitle: Приказ {i}\nkind: order\nnumber: {i}-ОД\ndate: 2026-09-01\n---\nТекст.\n")
        count += 1
    for i in range(schools):
        lines = [f"name: Муниципальное бюджетное общеобразовательное учреждение СОШ № {i}",
                 f"short_name: МБОУ СОШ № {i}"]
        if i < support:
            lines += ["categories: [shnor]", f"mentor: sosh-{support + i % (schools - support)}",
                      "curator: Иванова М. П.", "risks: [r1, r3]"]
        write(f"{c}/schools/sosh-{i}.yaml", "\n".join(lines) + "\n")
        count += 1
    roadmaps = []
    for i in range(support):
        for year in ("2025/2026", "2026/2027"):
            slug = year.replace("/", "-")
            rid = f"sosh-{i}-{slug}"
            roadmaps.append(rid)
            write(f"{c}/roadmaps/{rid}.md",
                  f"---\nschool: sosh-{i}\nacademic_year: \"{year}\"\n"
                  f"approved_by: prikaz-{i % documents}\nmeasures:\n"
                  "  - title: Анализ результатов\n    due: сентябрь\n    responsible: директор\n"
                  "  - title: Посещение уроков\n    due: 2027-02-15\n    responsible: МНЦ\n---\n")
            count += 1
    for i in range(centres):
        kind = "mnc" if i % 2 == 0 else "mtkp"
        write(f"{c}/centres/{kind}-{i}.yaml", f"kind: {kind}\nname: Центр {i}\nbase: sosh-{support + i}\n")
        count += 1
        for year in ("2025/2026", "2026/2027"):
            write(f"{c}/plans/{kind}-{i}-{year.replace('/', '-')}.md",
                  f"---\ncentre: {kind}-{i}\nacademic_year: \"{year}\"\nmeasures:\n  - title: Семинар\n---\n")
            count += 1
    for i in range(programs):
        write(f"{c}/programs/kpk-{i}.md",
              f"---\ntitle: Программа {i}\nhours: 36\nacademic_year: \"2026/2027\"\n---\nТекст.\n")
        count += 1
    for i in range(events):
        month = 1 + i % 12
        year = 2026 if month >= 9 else 2027
        write(f"{c}/events/{year}/event-{i}.md",
              f"---\ntitle: Мероприятие {i}\ndate: {year}-{month:02d}-{1 + i % 28:02d}\nkind: seminar\n---\nАнонс.\n")
        count += 1
    left = n - count
    for i in range(max(0, left)):
        if i % 2 == 0:
            k = (i // 2) % events
            year = 2026 if 1 + k % 12 >= 9 else 2027
            of = f"events/{year}/event-{k}"
        else:
            of = f"roadmaps/{roadmaps[(i // 2) % len(roadmaps)]}"
        write(f"{c}/reports/report-{i}.md", f"---\nof: {of}\ndate: 2026-11-01\n---\nОтчёт.\n")
        count += 1
    print(f"{count} records in {root}")


if __name__ == "__main__":
    main()
