# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The report's words and number formats: Dutch (default) and English.

Dutch uses :mod:`safetyplan.formatting` (8.470; 46%; 3 maart 2017); English the British style
(8,470; 46%; 3 March 2017).
"""

from __future__ import annotations

import datetime as dt

from safetyplan import formatting as fmt
from safetyplan.errors import SafetyplanError

LANGUAGES = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "annual_title": "Jaarverslag {year}",
        "quarter_title": "Kwartaalmonitor {year}",
        "quarter_subtitle": "Stand per {date}",
        "public_version": "Openbare versie: kleine aantallen zijn afgeschermd",
        "internal_version": "Interne versie: niet voor publicatie (geen afscherming van "
        "kleine aantallen)",
        "produced_on": "Opgesteld op",
        "data_as_of": "Gegevens zoals geladen in het datawarehouse",
        "region": "Gebied",
        "municipalities_count": "{n} gemeenten",
        "plan_period": "Planperiode",
        "contents": "Inhoud",
        "summary": "Samenvatting: alle doelen in {year}",
        "summary_intro": "Per doel de referentiewaarde en de doelwaarde uit het plan, de "
        "trajectwaarde voor {year}, de gemeten waarde op het grondgebied van "
        "het plan, de prognose voor het doeljaar met een 80%-interval en de "
        "status.",
        "col_goal": "Doel",
        "col_theme": "Thema",
        "col_baseline": "Referentie",
        "col_target": "Doelwaarde",
        "col_trajectory": "Traject {year}",
        "col_actual": "Werkelijk {year}",
        "col_forecast": "Prognose [80%]",
        "col_status": "Status",
        "status_counts": "Stand van de doelen",
        "legend_approx": "~ benadering van het grondgebied (zie bijlage)",
        "legend_provisional": "* voorlopig cijfer",
        "legend_small": "{label} afgeschermd klein aantal (1 tot {n})",
        "legend_secondary": "• afgeschermd om terugrekenen te voorkomen",
        "legend_rate_hidden": "— cijfer per 1.000 inwoners niet getoond (kleine bevolking of "
        "klein aantal)",
        "legend_composed_population": "inwoners van een later gevormde gemeente: de som over "
        "de gemeenten waaruit zij is ontstaan",
        "objectives": "Hoofddoelstellingen en landelijke vergelijking",
        "objectives_intro": "De ontwikkeling op het grondgebied van het plan naast die van "
        "Nederland, over dezelfde jaren en in dezelfde indeling.",
        "col_objective_goal": "Doel",
        "col_territory_change": "Verandering eenheid",
        "col_national_change": "Verandering Nederland",
        "col_national": "Nederland {year}",
        "since": "sinds {year}",
        "themes": "Doelen per thema",
        "theme_no_goals": "Het plan verbindt geen meetbare doelen aan dit thema.",
        "goal_sentence": "Referentie {baseline_year}: {baseline}. Doel {target_year}: "
        "{target}. Traject {year}: {expected}. Werkelijk {year}: {actual}.",
        "goal_forecast": "Prognose {target_year}: {forecast} (80%-interval {low} tot {high}).",
        "status": "Status",
        "chart_alt": "Grafiek: werkelijke waarden, traject uit het plan en prognose voor {name}",
        "no_chart": "Geen grafiek: geen gegevens.",
        "per_municipality": "Per gemeente",
        "col_municipality": "Gemeente",
        "col_population": "Inwoners",
        "col_rate": "Per 1.000 inwoners",
        "col_change": "Verandering",
        "territory_total": "Totaal grondgebied",
        "breakdown_note": "Aantallen op het gebied zoals de bron het indeelt; een gemeente die "
        "maar deels tot het grondgebied behoort telt voor haar aandeel (zie "
        "bijlage).",
        "map": "Kaart: {name} per 1.000 inwoners, {year}",
        "map_alt": "Kaart van de gemeenten van het grondgebied, ingekleurd naar {name} per "
        "1.000 inwoners",
        "maps": "Kaarten van de gemeenten",
        "maps_intro": "De belangrijkste indicatoren per 1.000 inwoners, per gemeente.",
        "map_unavailable": "Geen kaart: er zijn geen gemeentegrenzen meegeleverd die bij de "
        "gebiedscodes van de gegevens passen.",
        "activities": "Activiteiten van het jaarplan",
        "activities_unavailable": "Nog niet beschikbaar: de activiteiten van de jaarschijf "
        "worden in de webapplicatie bijgehouden; dit verslag neemt "
        "ze op zodra ze worden aangeleverd.",
        "col_activity": "Activiteit",
        "col_owner": "Verantwoordelijk",
        "col_progress": "Voortgang",
        "col_due": "Gereed",
        "service": "Dienstverlening: servicebeloften",
        "service_unavailable": "Nog niet beschikbaar: de naleving van de servicebeloften komt "
        "uit het meldingenregister, dat nog niet is gekoppeld. De "
        "beloften uit het plan:",
        "col_promise": "Belofte",
        "col_due_count": "Te doen",
        "col_met": "Op tijd",
        "col_compliance": "Naleving",
        "col_target_share": "Streven",
        "signals": "Vroegsignalering: signalen van het jaar",
        "signals_unavailable": "Nog niet beschikbaar: de signalen van de vroegsignalering "
        "worden opgenomen zodra die worden aangeleverd.",
        "signals_none": "Geen signalen in {year}.",
        "signals_method": "Methode {method} op {series} {kind} (gebied x misdrijfsoort) "
        "uit het datawarehouse; beoordeeld: {year}.",
        "series_month": "maandreeksen",
        "series_week": "weekreeksen",
        "series_year": "jaarreeksen",
        "signals_no_series": "Geen gegevens: het datawarehouse heeft geen cijfers van "
        "misdrijven voor {year} in het gebied van het plan.",
        "signals_no_history": "Geen gegevens: de reeksen zijn te kort om {year} te beoordelen "
        "(onvoldoende historie).",
        "signals_engine_missing": "Niet beschikbaar: de vroegsignalering is niet geïnstalleerd "
        "({error}).",
        "signals_failed": "Niet beschikbaar: de vroegsignalering gaf een fout: {error}",
        "week_of": "week van {date}",
        "service_no_facts": "Geen gegevens: het datawarehouse heeft geen nalevingscijfers "
        "voor {year} (laad ze met 'safetyplan service facts --load'). De "
        "beloften uit het plan:",
        "service_no_standards": "Het plan bevat geen servicebeloften.",
        "activities_no_database": "Geen gegevens: geen webdatabase gevonden met de jaarschijf; "
        "de activiteiten worden in de webapplicatie bijgehouden.",
        "activities_no_annual_plan": "Geen gegevens: de webdatabase heeft geen jaarschijf "
        "{year} voor dit plan.",
        "allocation": "Verdeling van de politiesterkte",
        "allocation_intro": "Scenario '{title}': {available} fte verdeeld naar werklast "
        "(totaal {total} fte, waarvan {fixed} fte vaste delen).",
        "col_unit": "Eenheid",
        "col_workload_share": "Aandeel werklast",
        "col_min": "Minimum",
        "col_fte": "Sterkte (fte)",
        "col_current": "Huidig",
        "col_shift": "Verschil",
        "col_drivers": "Grootste drijvers (fte)",
        "allocation_total": "Totaal te verdelen",
        "allocation_chart_alt": "Staafdiagram: sterkte per eenheid naar werklastdrijver",
        "allocation_bound_min": "op minimum",
        "allocation_bound_max": "op maximum",
        "allocation_assumptions": "Aannames van het scenario",
        "col_series": "Reeks",
        "col_period": "Periode",
        "col_count": "Aantal",
        "col_expected": "Verwacht",
        "col_threshold": "Drempel",
        "appendix": "Bijlage: bronnen en definities",
        "appendix_goals": "Per doel",
        "appendix_datasets": "Gegevensbronnen",
        "appendix_method": "Werkwijze",
        "col_indicator": "Indicator",
        "col_source": "Bron",
        "col_notes": "Toelichting",
        "provisional_yes": "voorlopig",
        "approximate_yes": "benadering grondgebied",
        "method_status": "Status: 'behaald' als de gemeten waarde het doel al haalt; 'op koers' "
        "als de gemeten waarde het traject haalt of de prognose voor het "
        "doeljaar het doel haalt; 'risico' als alleen de gunstige kant van het "
        "80%-interval het doel haalt; 'uit koers' als ook die het doel mist; "
        "'geen gegevens' als er voor het jaar geen cijfer is; 'doel nog niet "
        "vastgesteld' als het plan geen doelwaarde geeft.",
        "method_trajectory": "Traject: de jaarwaarden uit het plan, anders een rechte lijn van "
        "de referentiewaarde naar de doelwaarde.",
        "method_disclosure": "Afscherming: aantallen van 1 tot {n} zijn getoond als '{label}', "
        "cijfers per 1.000 inwoners zijn weggelaten voor gebieden met "
        "minder dan {pop} inwoners.",
        "method_no_disclosure": "Deze interne versie schermt kleine aantallen niet af; gebruik "
        "--public voor een publicatie.",
        "method_missing": "Waar een cijfer ontbreekt staat 'geen gegevens': er wordt niets "
        "geschat of aangevuld.",
        "no_data": "geen gegevens",
        "none": "–",
        "fill_public": "Openbare tabel {table}",
        "fill_own": "Geen openbare tabel",
        "fill_load": "laden met",
        "fill_own_load": "eigen cijfers laden met",
        "fill_proxy_figure": "Benadering {year}: {value} ({cleared} van {registered} "
        "opgehelderd); niet het doel zelf.",
        "page": "Pagina",
        "not_available": "Niet beschikbaar",
    },
    "en": {
        "annual_title": "Annual report {year}",
        "quarter_title": "Quarterly monitor {year}",
        "quarter_subtitle": "As of {date}",
        "public_version": "Public version: small counts are suppressed",
        "internal_version": "Internal version: not for publication (small counts not suppressed)",
        "produced_on": "Produced on",
        "data_as_of": "Figures as loaded in the warehouse",
        "region": "Area",
        "municipalities_count": "{n} municipalities",
        "plan_period": "Plan period",
        "contents": "Contents",
        "summary": "Summary: all goals in {year}",
        "summary_intro": "Per goal the plan's baseline and target, the trajectory value for "
        "{year}, the actual on the plan's territory, the forecast for the "
        "target year with an 80% interval, and the status.",
        "col_goal": "Goal",
        "col_theme": "Theme",
        "col_baseline": "Baseline",
        "col_target": "Target",
        "col_trajectory": "Trajectory {year}",
        "col_actual": "Actual {year}",
        "col_forecast": "Forecast [80%]",
        "col_status": "Status",
        "status_counts": "Goals by status",
        "legend_approx": "~ territory approximation (see appendix)",
        "legend_provisional": "* provisional figure",
        "legend_small": "{label} suppressed small count (1 to {n})",
        "legend_secondary": "• suppressed so that another cell cannot be recomputed",
        "legend_rate_hidden": "— rate per 1,000 inhabitants not shown (small population or "
        "small count)",
        "legend_composed_population": "inhabitants of a municipality formed later: the sum "
        "over the municipalities it was formed from",
        "objectives": "Overall objectives and national comparison",
        "objectives_intro": "The change on the plan's territory beside that of the "
        "Netherlands, over the same years and in the same classification.",
        "col_objective_goal": "Goal",
        "col_territory_change": "Change, unit",
        "col_national_change": "Change, Netherlands",
        "col_national": "Netherlands {year}",
        "since": "since {year}",
        "themes": "Goals by theme",
        "theme_no_goals": "The plan sets no measurable goals for this theme.",
        "goal_sentence": "Baseline {baseline_year}: {baseline}. Target {target_year}: "
        "{target}. Trajectory {year}: {expected}. Actual {year}: {actual}.",
        "goal_forecast": "Forecast {target_year}: {forecast} (80% interval {low} to {high}).",
        "status": "Status",
        "chart_alt": "Chart: actuals, the plan's trajectory and the forecast for {name}",
        "no_chart": "No chart: no data.",
        "per_municipality": "By municipality",
        "col_municipality": "Municipality",
        "col_population": "Inhabitants",
        "col_rate": "Per 1,000 inhabitants",
        "col_change": "Change",
        "territory_total": "Territory total",
        "breakdown_note": "Counts by area as the source divides them; a municipality only "
        "partly in the territory counts for its share (see appendix).",
        "map": "Map: {name} per 1,000 inhabitants, {year}",
        "map_alt": "Map of the territory's municipalities, coloured by {name} per 1,000 "
        "inhabitants",
        "maps": "Maps of the municipalities",
        "maps_intro": "The main indicators per 1,000 inhabitants, by municipality.",
        "map_unavailable": "No map: no shipped municipal boundaries fit the data's area codes.",
        "activities": "Activities of the annual plan",
        "activities_unavailable": "Not available yet: the annual plan's activities are kept "
        "in the web application; this report includes them once "
        "they are supplied.",
        "col_activity": "Activity",
        "col_owner": "Owner",
        "col_progress": "Progress",
        "col_due": "Due",
        "service": "Service promises",
        "service_unavailable": "Not available yet: compliance comes from the reports "
        "register, which is not connected yet. The plan's promises:",
        "col_promise": "Promise",
        "col_due_count": "Due",
        "col_met": "On time",
        "col_compliance": "Compliance",
        "col_target_share": "Aim",
        "signals": "Early warning: the year's signals",
        "signals_unavailable": "Not available yet: early-warning signals are included once "
        "they are supplied.",
        "signals_none": "No signals in {year}.",
        "signals_method": "Method {method} on {series} {kind} (area x crime type) from the "
        "warehouse; judged: {year}.",
        "series_month": "monthly series",
        "series_week": "weekly series",
        "series_year": "yearly series",
        "signals_no_series": "No data: the warehouse has no crime counts for {year} in the "
        "plan's area.",
        "signals_no_history": "No data: the series are too short to judge {year} (not enough "
        "history).",
        "signals_engine_missing": "Not available: the early-warning engine is not installed "
        "({error}).",
        "signals_failed": "Not available: the early-warning engine failed: {error}",
        "week_of": "week of {date}",
        "service_no_facts": "No data: the warehouse has no compliance figures for {year} "
        "(load them with 'safetyplan service facts --load'). The plan's "
        "promises:",
        "service_no_standards": "The plan has no service promises.",
        "activities_no_database": "No data: no web database with the annual plan was found; "
        "activities are kept in the web application.",
        "activities_no_annual_plan": "No data: the web database has no annual plan {year} for "
        "this plan.",
        "allocation": "Distribution of police strength",
        "allocation_intro": "Scenario '{title}': {available} FTE divided by workload (total "
        "{total} FTE, of which {fixed} FTE fixed parts).",
        "col_unit": "Unit",
        "col_workload_share": "Share of workload",
        "col_min": "Minimum",
        "col_fte": "Strength (FTE)",
        "col_current": "Current",
        "col_shift": "Shift",
        "col_drivers": "Largest drivers (FTE)",
        "allocation_total": "Total to divide",
        "allocation_chart_alt": "Bar chart: strength per unit by workload driver",
        "allocation_bound_min": "at minimum",
        "allocation_bound_max": "at maximum",
        "allocation_assumptions": "The scenario's assumptions",
        "col_series": "Series",
        "col_period": "Period",
        "col_count": "Count",
        "col_expected": "Expected",
        "col_threshold": "Threshold",
        "appendix": "Appendix: sources and definitions",
        "appendix_goals": "Per goal",
        "appendix_datasets": "Data sources",
        "appendix_method": "Method",
        "col_indicator": "Indicator",
        "col_source": "Source",
        "col_notes": "Notes",
        "provisional_yes": "provisional",
        "approximate_yes": "territory approximation",
        "method_status": "Status: 'achieved' when the actual already meets the target; 'on "
        "track' when the actual meets the trajectory or the forecast for the "
        "target year meets the target; 'at risk' when only the favourable "
        "end of the 80% interval meets it; 'off track' when even that misses; "
        "'no data' when the year has no figure; 'target pending' when the "
        "plan gives no target.",
        "method_trajectory": "Trajectory: the plan's yearly values, else a straight line from "
        "baseline to target.",
        "method_disclosure": "Suppression: counts from 1 to {n} are shown as '{label}'; rates "
        "per 1,000 inhabitants are left out for areas with fewer than "
        "{pop} inhabitants.",
        "method_no_disclosure": "This internal version does not suppress small counts; use "
        "--public for publication.",
        "method_missing": "Where a figure is missing the report says 'no data': nothing is "
        "estimated or filled in.",
        "no_data": "no data",
        "none": "–",
        "fill_public": "Public table {table}",
        "fill_own": "No public table",
        "fill_load": "load with",
        "fill_own_load": "load own figures with",
        "fill_proxy_figure": "Approximation {year}: {value} ({cleared} of {registered} "
        "cleared); not the goal itself.",
        "page": "Page",
        "not_available": "Not available",
    },
}

STATUS_LABELS = {
    "nl": {
        "achieved": "behaald",
        "on track": "op koers",
        "at risk": "risico",
        "off track": "uit koers",
        "no data": "geen gegevens",
        "target pending": "doel nog niet vastgesteld",
    },
    "en": {
        "achieved": "achieved",
        "on track": "on track",
        "at risk": "at risk",
        "off track": "off track",
        "no data": "no data",
        "target pending": "target pending",
    },
}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise SafetyplanError(f"--lang {lang!r}: kies / choose one of {', '.join(LANGUAGES)}")
    return lang


class Formatter:
    """Numbers, percentages and dates in the report's language."""

    def __init__(self, lang: str = "nl"):
        self.lang = check_language(lang)
        self.texts = TEXTS[lang]

    def t(self, key: str, **values) -> str:
        return self.texts[key].format(**values) if values else self.texts[key]

    def number(self, value: float | None, decimals: int = 0, missing: str | None = None) -> str:
        missing = self.texts["none"] if missing is None else missing
        return fmt.number(value, decimals, missing, lang=self.lang)

    def percent(self, value: float | None, decimals: int = 0, missing: str | None = None) -> str:
        missing = self.texts["none"] if missing is None else missing
        return fmt.percent(value, decimals, missing, lang=self.lang)

    def change(self, value: float | None) -> str:
        """A signed percentage change: '-12%', '+3,5%'."""
        return fmt.change(value, self.texts["none"], lang=self.lang)

    def change_abs(self, value: float | None, decimals: int = 0) -> str:
        """A signed difference: '+12', '−3,5', '0'."""
        return fmt.change_abs(value, decimals, self.texts["none"], lang=self.lang)

    def value(self, value: float | None, unit: str, missing: str | None = None) -> str:
        """A figure by its unit: counts whole, percentages with one decimal when needed."""
        missing = self.texts["none"] if missing is None else missing
        return fmt.value(value, unit, missing, lang=self.lang)

    def date(self, day: dt.date) -> str:
        return fmt.date(day, lang=self.lang)

    def month(self, month: int) -> str:
        return fmt.month(month, lang=self.lang)

    def status(self, status: str) -> str:
        return STATUS_LABELS[self.lang].get(status, status)
