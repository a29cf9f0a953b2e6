"""What each generated SECOR form says: titles, date labels, distractor dates, body and signature lines.

Data only, so the generator, the accuracy script and partner tests share one description.
Several wordings per type, because real forms vary and classification must survive that.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FormTemplate:
    titles: tuple[str, ...]
    date_label: str
    body: tuple[str, ...]
    signatures: tuple[tuple[str, str], ...]  # (role, label)
    #: Other dates printed on the form: (label, offset in days from the activity date).
    distractors: tuple[tuple[str, int], ...] = ()
    table: tuple[tuple[str, ...], ...] = field(default=())


TEMPLATES: dict[str, FormTemplate] = {
    "hazard-assessment": FormTemplate(
        titles=("Field Level Hazard Assessment (FLHA)", "Job Hazard Analysis", "Hazard Identification and Control Form"),
        date_label="Date of assessment",
        body=("Job / task: Replace roof flashing on shop building", "Location: Main yard, Whitehorse"),
        table=(("Hazard", "Risk", "Controls"), ("Working at heights", "High", "Fall arrest harness, guardrail"),
               ("Sharp sheet metal", "Medium", "Cut-resistant gloves"), ("Weather", "Low", "Check forecast, stop work in wind")),
        signatures=(("worker", "Worker signature"), ("supervisor", "Supervisor signature")),
    ),
    "site-inspection": FormTemplate(
        titles=("Workplace Inspection Checklist", "Site Inspection Report", "Monthly Worksite Inspection"),
        date_label="Date of inspection",
        body=("Area inspected: Shop, yard and office", "Inspector: Dana Kowalski"),
        table=(("Item", "OK", "Corrective action"), ("Fire extinguishers charged", "Yes", "None"),
               ("Exits clear", "No", "Remove pallets - Dana"), ("First aid kit stocked", "Yes", "None")),
        signatures=(("inspector", "Inspected by (signature)"),),
        distractors=(("Next inspection due", 92), ("Target completion date", 14)),
    ),
    "toolbox-meeting": FormTemplate(
        titles=("Toolbox Talk Record", "Tailgate Meeting Record", "Safety Meeting Minutes"),
        date_label="Meeting date",
        body=("Topic: Ladder safety and three points of contact", "Location: Job site 14, Range Road"),
        table=(("Attendee name", "Attendee signature"), ("Sam Lee", ""), ("Priya Nair", ""), ("Tom Beck", "")),
        signatures=(("meeting-leader", "Meeting leader signature"),),
    ),
    "maintenance-record": FormTemplate(
        titles=("Preventive Maintenance Record", "Equipment Maintenance Log", "Vehicle Maintenance Record"),
        date_label="Date of service",
        body=("Equipment ID: SKID-02 (Bobcat S650)", "Work done: Oil and filter change, greased pivots, checked brakes",
              "Defects found: Worn bucket teeth - replaced"),
        signatures=(("performed-by", "Performed by (signature)"),),
        distractors=(("Next service due", 90),),
    ),
    "incident-investigation": FormTemplate(
        titles=("Incident Investigation Report", "Near Miss Investigation Report"),
        date_label="Date investigation completed",
        body=("Description: Worker slipped on icy step at shop entrance; no lost time.",
              "Root cause: No de-icing routine for the entrance.", "Corrective action: Add salting to the daily opening checklist."),
        signatures=(("investigator", "Investigator signature"), ("management", "Management review signature")),
        distractors=(("Target completion date", 10),),
    ),
    "audit-action-plan": FormTemplate(
        titles=("Audit Action Plan Progress Report", "SECOR Audit Action Plan - Progress Update"),
        date_label="Date updated",
        body=("Audit element: Inspections",),
        table=(("Action item", "Responsible", "Status"), ("Add office to inspection schedule", "Owner", "Complete"),
               ("Train new supervisor in FLHA", "Supervisor", "In progress")),
        signatures=(("responsible-person", "Responsible person signature"),),
        distractors=(("Target date", 45),),
    ),
    "emergency-response-plan": FormTemplate(
        titles=("Emergency Response Plan", "Emergency Drill Record"),
        date_label="Date reviewed",
        body=("Muster point: North gate. Emergency contacts: 911, Site lead 867-555-0101.",
              "Drill scenario: Fire in shop, full evacuation in 3 minutes."),
        signatures=(("approver", "Approved by (signature)"),),
    ),
    "orientation": FormTemplate(
        titles=("New Worker Orientation Checklist", "Worker Safety Orientation Record"),
        date_label="Date of orientation",
        body=("Worker name: Alex Moreau", "Topics: rights and responsibilities, right to refuse unsafe work, PPE, first aid, emergency procedures"),
        signatures=(("worker", "Worker signature"), ("supervisor", "Supervisor signature")),
        distractors=(("Date of hire", -3),),
    ),
    "year-end-summary": FormTemplate(
        titles=("Year End Safety Activity Summary", "Annual Safety Activity Summary Report"),
        date_label="Date prepared",
        body=("Inspections completed: 12", "Toolbox meetings held: 24", "Incidents: 1 (first aid only); investigations: 1",
              "Orientations: 2"),
        signatures=(("owner", "Owner / senior manager signature"),),
    ),
    "training-certificate": FormTemplate(
        titles=("Certificate of Completion",),
        date_label="Date completed",
        body=("This certifies that Jordan Smith has successfully completed",
              "Principles of Health & Safety Management (PHSM)", "Certificate No. 448120"),
        signatures=(("instructor", "Instructor signature"),),
    ),
    "unclassified-invoice": FormTemplate(
        titles=("INVOICE",),
        date_label="Invoice date",
        body=("Northern Lumber Supply Ltd.", "2x4 SPF 8 ft  x 120   $540.00", "Deck screws 5 lb x 4   $96.00", "GST 5%   $31.80",
              "Total due   $667.80", "Payment terms: net 30"),
        signatures=(),
    ),
    "unclassified-menu": FormTemplate(
        titles=("Lunch Menu - Klondike Cafe",),
        date_label="Specials for",
        body=("Soup of the day   $6.50", "Bison burger with fries   $17.00", "Club sandwich   $14.00", "Coffee   $2.50"),
        signatures=(),
    ),
}

DATE_FORMATS = (
    "{Y}-{m:02d}-{d:02d}",
    "{B} {d}, {Y}",
    "{d:02d}-{b}-{Y}",
    "{b}. {d}/{y:02d}",
    "{Y}/{m:02d}/{d:02d}",
    "{d} {B} {Y}",
    "{m:02d}/{d:02d}/{Y}",
)
