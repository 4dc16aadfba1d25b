#!/usr/bin/env python3
"""Generates data/training/catalogue.csv, the sample training catalogue.

Written by the project: fictitious trainings, one to three per occupation of
the embedded taxonomy (data/roame-sample), each teaching some of the
occupation's essential skills, placed in the regions of data/geography, with
its field in Cameroon's training nomenclature (NCF, a real code of
../shared/data/cameroon-mepc-ncf/ncf_domaines_detailles.csv chosen from the
occupation's domain or area). Deterministic: run it again after editing the
taxonomy, from the repository root:  python3 data/training/make_sample.py
"""
import csv
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TAX = os.path.join(ROOT, "data", "roame-sample")
GEO = os.path.join(ROOT, "data", "geography", "cities.csv")
OUT = os.path.join(ROOT, "data", "training", "catalogue.csv")

NCF_BY_DOMAIN = {"A": "08101", "B": "02105", "C": "04101", "D": "04109",
                 "E": "03201", "F": "07306", "G": "10103", "H": "07106",
                 "I": "07103", "J": "09103", "K": "10101", "L": "02106",
                 "M": "06101", "N": "10404"}
NCF_BY_AREA = {"F15": "07106", "J13": "09104", "M18": "06103", "I13": "06102",
               "A14": "08102", "A15": "08303", "J11": "09102"}
CURRENCY = {"SN": "XOF", "BJ": "XOF", "TG": "XOF", "ML": "XOF", "NE": "XOF",
            "CM": "XAF"}
PROVIDERS = ["Centre de formation professionnelle", "Lycée technique",
             "Institut des métiers", "Centre sectoriel de formation",
             "Chambre des métiers"]


def main():
    rng = random.Random(17)
    occupations = {}
    with open(os.path.join(TAX, "occupations.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["level"] == "occupation":
                occupations[row["code"]] = row
    essential = {}
    with open(os.path.join(TAX, "occupation_skills.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["relation"] == "essential":
                essential.setdefault(row["code"], []).append(row["skill_id"])
    places = []
    with open(GEO, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["country"] in CURRENCY:
                places.append(row)
    rows = []
    for code in sorted(occupations):
        skills = essential.get(code, [])
        if not skills:
            continue
        for n in range(rng.choice([1, 2, 2, 3])):
            place = rng.choice(places)
            taught = sorted(rng.sample(skills, min(len(skills), rng.choice([2, 3, 4]))))
            hours = rng.choice([40, 80, 120, 200, 400, 800])
            free = rng.random() < 0.2
            cost = 0 if free else rng.choice([25, 50, 75, 100, 150, 250, 400]) * 1000
            rows.append({
                "id": f"FORM-{code}-{n + 1}",
                "provider": f"{rng.choice(PROVIDERS)} de {place['city']}",
                "title": f"{occupations[code]['label']} : module {n + 1}",
                "country": place["country"],
                "region": place["region"],
                "city": place["city"],
                "duration_hours": hours,
                "cost": cost,
                "currency": CURRENCY[place["country"]],
                "skills": ";".join(taught),
                "ncf_field": NCF_BY_AREA.get(code[:3], NCF_BY_DOMAIN[code[0]]),
                "ncf_level": rng.choice(["2", "4", "5", "6"]),
            })
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} trainings")


if __name__ == "__main__":
    main()
