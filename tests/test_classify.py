"""Classification survives real wording, OCR noise and uninformative names, and does not guess."""

from __future__ import annotations

import pytest

from secordoc.analyse import document_types
from secordoc.classify import classify


@pytest.fixture
def types(pm):
    return [t for t, _ in document_types(pm).values()]


@pytest.mark.parametrize("title, expected", [
    ("FLHA - Field Level Hazard Assessment", "hazard-assessment"),
    ("JOB HAZARD ANALYSIS (JHA)", "hazard-assessment"),
    ("Hazard Identification and Control", "hazard-assessment"),
    ("Tailgate Meeting", "toolbox-meeting"),
    ("Toolbox Talk", "toolbox-meeting"),
    ("Safety Meeting Minutes", "toolbox-meeting"),
    ("Workplace Inspection Checklist", "site-inspection"),
    ("Site Inspection", "site-inspection"),
    ("Preventive Maintenance Record", "maintenance-record"),
    ("Equipment Maintenance Log", "maintenance-record"),
    ("Near Miss Investigation", "incident-investigation"),
    ("Incident Investigation Report", "incident-investigation"),
    ("Emergency Drill Record", "emergency-response-plan"),
    ("Emergency Response Plan", "emergency-response-plan"),
    ("New Worker Orientation", "orientation"),
    ("Audit Action Plan Progress", "audit-action-plan"),
    ("Year End Safety Activity Summary", "year-end-summary"),
    ("Certificate of Completion\nStandard First Aid", "training-certificate"),
    ("Certificate of Completion\nPrinciples of Health & Safety Management", "training-certificate"),
])
def test_real_wording(types, title, expected):
    result = classify(f"Acme Ltd.\n{title}\nDate: 2026-03-14\nName: ____", "scan0001.pdf", types)
    assert result.category == expected, result
    assert result.evidence and any("in title" in e for e in result.evidence)


@pytest.mark.parametrize("title, expected", [
    ("Vehicle Service Report", "maintenance-record"),
    ("Equipment Service / Repair Report", "maintenance-record"),
    ("Work Order - Maintenance", "maintenance-record"),
    ("PM Inspection Record", "maintenance-record"),
    ("Daily Pre-Use Equipment Inspection", "maintenance-record"),
    ("Circle Check", "maintenance-record"),
    ("Job Safety Analysis", "hazard-assessment"),
    ("Safe Work Method Statement (SWMS)", "hazard-assessment"),
    ("Joint Health and Safety Committee Meeting Minutes", "toolbox-meeting"),
    ("Fire Drill Record", "emergency-response-plan"),
    ("Annual Injury Summary", "year-end-summary"),
    ("Analyse de risques", "hazard-assessment"),
    ("Inspection du chantier", "site-inspection"),
    ("Plan d'intervention d'urgence", "emergency-response-plan"),
    ("Accueil des nouveaux travailleurs", "orientation"),
])
def test_names_partners_and_employers_really_use(types, title, expected):
    result = classify(f"{title}\nCompany: Acme Ltd.\nDate: 2026-03-14", "doc.pdf", types, title=title)
    assert result.category == expected, result


@pytest.mark.parametrize("title, expected", [("Hazard Assesment", "hazard-assessment"), ("Site lnspection", "site-inspection"),
                                             ("Toolbox Meetlng", "toolbox-meeting")])
def test_ocr_misspellings_in_the_title_still_name_the_type(types, title, expected):
    assert classify(f"{title}\nDate: 2026-03-14", "scan.pdf", types, title=title).category == expected


def test_the_title_outweighs_other_types_named_in_the_body(types):
    body = ("New Worker Orientation Checklist\nExplained: formal hazard assessment process, emergency response plan, "
            "site inspection schedule, toolbox meetings.\nDate of orientation: 2026-04-22")
    result = classify(body, "o.pdf", types, title="New Worker Orientation Checklist")
    assert result.category == "orientation", result


def test_below_the_margin_it_names_its_best_guess(types):
    result = classify("Inspection\nNotes", "x.pdf", types, title="Inspection")
    assert result.category is None and result.best_guess == "site-inspection"
    near = classify("Crew notes\nhazards discussed: ladders, controls, ppe", "x.pdf", types, title="Crew notes")
    assert near.category is None and "best guess hazard-assessment" in near.evidence[0], near


def test_ocr_noise(types):
    text = "Northem Lights\nNew Worker 0rientation Checklist\nDate of orientation: 2026/04/22"
    assert classify(text, "IMG_0001.jpg", types).category == "orientation"


@pytest.mark.parametrize("text", [
    "INVOICE\nNorthern Lumber Supply\n2x4 SPF $540.00\nTotal due $667.80",
    "Lunch Menu\nSoup of the day $6.50\nBison burger $17.00",
    "FORD F-150\nXLT SuperCrew",
    "",
])
def test_things_that_are_no_secor_document_stay_unclassified(types, text):
    result = classify(text, "scan0002.pdf", types)
    assert result.category is None and result.confidence == 0.0


def test_a_file_name_alone_is_not_enough(types):
    assert classify("Lorem ipsum dolor sit amet", "site-inspection-march.pdf", types).category is None


@pytest.mark.parametrize(("title", "expected"), [
    ("Annual Health and Safety Program Review", "year-end-summary"),
    ("Monthly Site Safety Inspection", "site-inspection"),
    ("Crew Toolbox Safety Talk", "toolbox-meeting"),
])
def test_a_title_may_insert_qualifiers_into_the_name_it_uses(types, title, expected):
    body = "Items reviewed: formal hazard assessment, hazard assessment and control, inspections, meetings."
    assert classify(f"{title}\n{body}", "scan.pdf", types, title).category == expected


def test_inserted_words_are_only_tolerated_in_the_title(types):
    result = classify("Notes\nannual figures of the safety program were compiled for review", "notes.pdf", types, "Notes")
    assert result.category is None
