# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Step ``cbs_vm_provincie``: Veiligheidsmonitor for the Netherlands and the provinces
(davidmokken + gewoonmaarten)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from prepare_datasets.common import CC_BY, Raw, check, facts_frame, n, region_code, write_dataset

VM_DAVIDMOKKEN = {
    "Voelt zich wel eens onveilig (%)": "onveilig_algemeen",
    "Voelt zich wel eens onveilig in buurt (%)": "onveilig_buurt",
    "Denkt dat er veel criminaliteit in buurt (%)": "veel_criminaliteit_buurt",
    "Vindt criminaliteit in buurt toegenomen (%)": "criminaliteit_buurt_toegenomen",
    "Vindt criminaliteit in buurt afgenomen (%)": "criminaliteit_buurt_afgenomen",
    "Vindt criminaliteit in buurt gelijk (%)": "criminaliteit_buurt_gelijk",
    "Rapportcijfer veiligheid in buurt (rapportcijfer)": "rapportcijfer_veiligheid_buurt",
}
VM_GEWOONMAARTEN = {  # Onderwerp (without the leading '|') -> indicator id
    "Voelt zich wel eens onveilig": "onveilig_algemeen",
    "Voelt zich vaak onveilig": "onveilig_vaak",
    "Van zakkenrollerij": "kans_slachtoffer_zakkenrollerij",
    "Van beroving op straat": "kans_slachtoffer_beroving_straat",
    "Van inbraak in woning": "kans_slachtoffer_woninginbraak",
    "Van mishandeling": "kans_slachtoffer_mishandeling",
    "Voelt zich wel eens onveilig in buurt": "onveilig_buurt",
    "Voelt zich vaak onveilig in buurt": "onveilig_buurt_vaak",
    "'s Avonds op straat in buurt onveilig": "avond_straat_buurt_onveilig",
    "'s Avonds alleen thuis onveilig": "avond_alleen_thuis_onveilig",
    "Doet 's avonds niet open": "avond_niet_open",
    "Rijdt of loopt om": "rijdt_loopt_om",
    "Bang slachtoffer criminaliteit te worden": "bang_slachtoffer",
    "Denkt dat er veel criminaliteit in buurt": "veel_criminaliteit_buurt",
    "Vindt criminaliteit in buurt toegenomen": "criminaliteit_buurt_toegenomen",
    "Vindt criminaliteit in buurt afgenomen": "criminaliteit_buurt_afgenomen",
    "Vindt criminaliteit in buurt gelijk": "criminaliteit_buurt_gelijk",
    "Rapportcijfer veiligheid in buurt": "rapportcijfer_veiligheid_buurt",
    "Rondom uitgaansgelegenheden": "onveilig_plek_uitgaansgelegenheden",
    "Op plekken waar jongeren rondhangen": "onveilig_plek_jongeren",
    "In centrum van woonplaats": "onveilig_plek_centrum",
    "In winkelgebied/winkelcentrum": "onveilig_plek_winkelgebied",
    "In openbaar vervoer": "onveilig_plek_openbaar_vervoer",
    "Bij treinstation in woonplaats": "onveilig_plek_treinstation",
    "In eigen huis": "onveilig_plek_eigen_huis",
    "Door onbekenden op straat": "respectloos_onbekenden_straat",
    "Door onbekenden in openbaar vervoer": "respectloos_onbekenden_ov",
    "Door personeel van winkels en bedrijven": "respectloos_personeel_winkels",
    "Door personeel van overheidsinstanties": "respectloos_personeel_overheid",
    "Door bekenden (partner, familie, vriend)": "respectloos_bekenden",
}


def _dutch_number(text: str) -> float | None:
    text = str(text).strip()
    if text in ("", ".", "-", "nan"):
        return None
    return float(text.replace(",", "."))


def prepare_vm(raw: Raw, out: Path) -> None:
    dm = pd.read_csv(
        raw.path(
            "davidmokken_veiligheidsbeleving", "veiligheidsbeleving_NL_provincie_2013_2017.csv"
        ),
        sep=";",
        dtype=str,
        encoding="utf-8-sig",
    )
    check(set(dm["Marges"]) == {"Waarde"}, "davidmokken: unexpected Marges values")
    values: dict[tuple[str, str, str], tuple[float, str]] = {}
    for col in dm.columns[3:]:
        label = " ".join(col.split("/")[-1].split())
        ind = VM_DAVIDMOKKEN[label]
        for region, year, val in zip(dm["Regio's"], dm["Perioden"], dm[col], strict=True):
            area = region_code(region)
            check(area is not None, f"davidmokken: region {region!r}")
            values[(area, year, f"survey:vm:{ind}")] = (_dutch_number(val), "davidmokken")
    gm = pd.read_csv(
        raw.path(
            "gewoonmaarten_83648NED_81877NED_provincie",
            "veiligheidsgevoel_provincies_2015_2017.csv",
        ),
        dtype=str,
    )
    compared, differing = 0, []
    for _, row in gm.iterrows():
        ind = VM_GEWOONMAARTEN[row["Onderwerp"].strip("|").strip()]
        for col in gm.columns[2:]:
            kind, region, year = col.split("_")
            area = region_code(region)
            val = _dutch_number(row[col])
            if val is None:
                continue
            measure = f"survey:vm:{ind}" + (":margin" if kind == "Marges" else "")
            key = (area, year, measure)
            if key in values:
                compared += 1
                if abs(values[key][0] - val) > 0.05:
                    differing.append(f"{key}: {values[key][0]} vs {val}")
            values[key] = (val, "gewoonmaarten")
    check(not differing, f"VM sources disagree: {differing[:5]}")
    facts = facts_frame(
        (a, p, m, v, False) for (a, p, m), (v, _) in values.items() if v is not None
    )
    get = facts.set_index(["area", "period", "measure"])["value"]
    nl = [get[("NL01", str(y), "survey:vm:onveilig_algemeen")] for y in range(2013, 2018)]
    zh = [get[("PV28", str(y), "survey:vm:onveilig_algemeen")] for y in range(2013, 2018)]
    check(nl == [36.7, 35.9, 35.6, 34.7, 34.1], f"VM NL {nl}")
    check(zh == [39.1, 38.8, 37.8, 37.0, 35.6], f"VM ZH {zh}")
    zh_margin = [
        get[("PV28", str(y), "survey:vm:onveilig_algemeen:margin")] for y in range(2015, 2018)
    ]
    buurt_nl = get[("NL01", "2013", "survey:vm:onveilig_buurt")]
    n_ind = facts[~facts.measure.str.endswith(":margin")].measure.nunique()
    provenance = f"""# cbs_vm_provincie: Veiligheidsmonitor, Nederland and provinces, 2013-2017

Generated by `scripts/prepare_datasets`; do not edit by hand.

## Origin
- Repository `davidmokken/Project`, commit 0ed1b882078c435f8321684915aa2cedd667eee1 (licence
  MIT), `data/veiligheidsbeleving_gemeente.csv` (despite the name: Nederland + 12 provinces);
  raw copy `davidmokken_veiligheidsbeleving/veiligheidsbeleving_NL_provincie_2013_2017.csv`.
  7 indicators, 2013-2017, values only (no margins).
- Repository `GewoonMaarten/jm-bd-criminaliteit`, commit
  9aa960153466a841f593cb3bfa55eeff484645a2 (licence MIT), `data/raw/Veiligheidsgevoel
  Provincies.csv`; raw copy `gewoonmaarten_83648NED_81877NED_provincie/
  veiligheidsgevoel_provincies_2015_2017.csv`. 30 indicators, 12 provinces, 2015-2017, values
  and margins ("Marges").
- Publisher: CBS, Veiligheidsmonitor, StatLine **81877NED** (and its province tables).
  Licence of the data: {CC_BY}.

## What was converted
- `survey:vm:<indicator>` (percent 0-100; `rapportcijfer_veiligheid_buurt` is a mark 1-10) for
  `NL01` and `PV20`..`PV31`; {n_ind} indicators. Indicator ids (original Onderwerp in brackets):
{chr(10).join(f"  `{v}` ({k})" for k, v in VM_GEWOONMAARTEN.items())}.
  The `respectloos_*` ids are our reading of the last five rows, which the export lists
  without their heading ("% komt 'wel eens' voor" by whom); `kans_slachtoffer_*` are
  "% (heel) groot" chance of becoming a victim; `onveilig_plek_*` "% wel eens onveilig".
- `survey:vm:<indicator>:margin`: the CBS margin ("Marges", the half-width of the 95%
  confidence interval, in points) where the data have it (provinces 2015-2017). Nederland has
  no margins in these sources.
- Where both sources give a value (provinces 2015-2017, 7 indicators) they were compared:
  {compared} pairs, all equal within 0.05 points; the gewoonmaarten value is kept.
- No satisfaction-with-police items and no police-unit figures in these sources.

## Checks (equal to the raw provenance)
- Nederland "voelt zich wel eens onveilig": {", ".join(n(v) for v in nl)} (2013-2017).
  The plan's target 36.7 is the national figure of 2013.
- Zuid-Holland: {", ".join(n(v) for v in zh)} (2013-2017);
  margin {", ".join(n(v) for v in zh_margin)} (2015-2017).
- Nederland "onveilig in buurt" 2013: {n(buurt_nl)} (the plan's target 18.8).
"""
    write_dataset(out, "cbs_vm_provincie", facts, provenance)
