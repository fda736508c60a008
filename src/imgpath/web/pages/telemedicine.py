"""The sources of the telemedicine page: what an unlicensed IMG may and may not do in US telemedicine.

The page's words are gettext in its template; its sources are data, kept here with the date each
shows and the day it was read, so the page lists them and a test can hold the page to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PageSource:
    title: str
    href: str
    dated: str | None
    """The source's own date as it shows it; None when the page shows none."""
    read: date
    """The day it was read for this page."""


READ = date(2026, 12, 3)
READ_IN_BRIEF = date(2026, 12, 1)
"""Sources read for the opportunities-and-support research brief."""

SOURCES: tuple[PageSource, ...] = (
    PageSource(
        "AAAAI: providing care across state lines (licensure and the Interstate Compact)",
        "https://www.aaaai.org/Allergist-Resources/Telemedicine/state",
        None,
        READ,
    ),
    PageSource(
        "Epstein Becker Green: draft framework for the Interstate Medical Licensure Compact released",
        "https://www.ebglaw.com/insights/publications/draft-framework-for-interstate-medical-licensure-compact-released",
        None,
        READ,
    ),
    PageSource(
        "Petrie-Flom Center blog: pursuing an Interstate Medical Telemedicine Registration Compact",
        "http://blog.petrieflom.law.harvard.edu/2024/09/06/pursuing-an-interstate-medical-telemedicine-registration-compact",
        "2024-09-06",
        READ,
    ),
    PageSource(
        "CompData: Illinois implements licensure pathway for international medical graduates",
        "https://www.compdatainfo.com/quality-and-safety/physicians-advanced-practice-providers/illinois-implements-licensure-pathway-for-international-medical-graduates",
        "2025-09-19",
        READ,
    ),
    PageSource(
        "MedPro Central: Tennessee licenses IMGs without US residency (license tied to the employer)",
        "https://medprocentral.com/tennessee-makes-history-as-the-first-state-to-license-imgs-fmgs-without-a-us-medical-residency",
        None,
        READ,
    ),
    PageSource(
        "DrTelX: what is a telehealth coordinator and what do they do (a vendor's description)",
        "https://drtelx.com/telehealth-coordinator",
        None,
        READ,
    ),
    PageSource(
        "American College of Medical Scribe Specialists (ACMSS): FAQs, the Virtual Scribe category",
        "https://theacmss.org/faqs/",
        None,
        READ,
    ),
    PageSource(
        "ACMSS: credential FAQs (scribes work under the clinician's license)",
        "https://theacmss.org/credential-faqs/",
        None,
        READ,
    ),
    PageSource(
        "ACMSS: individual CMSS certification (scribes may not enter hospital orders)",
        "https://theacmss.org/specialistcertification/individual-cmss-certification/",
        None,
        READ,
    ),
    PageSource(
        "Sherringford: how international medical graduates can work as clinical research coordinators",
        "https://www.sherringford.org/post/international-medical-graduates-can-thriveas-clinical-research-coordinators-in-the-us",
        None,
        READ,
    ),
    PageSource(
        "SOCRA: CCRP certification, candidate eligibility",
        "https://www.socra.org/certification/ccrp-certification-exam/candidate-eligibility",
        None,
        READ_IN_BRIEF,
    ),
    PageSource(
        "Catalyst Coaching Institute: becoming a nationally certified wellness coach (NBHWC requirements)",
        "https://www.catalystcoachinginstitute.com/nationally-certified-wellness-coach/",
        None,
        READ,
    ),
    PageSource(
        "NBHWC: why become board certified",
        "https://nbhwc.org/?p=1580",
        None,
        READ,
    ),
    PageSource(
        "InterpretEd: minimum requirements to get certified as a medical interpreter",
        "https://interpretered.com/faq-items/what-are-the-minimum-requirements-to-get-certified/",
        "2020",
        READ_IN_BRIEF,
    ),
    PageSource(
        "UTIA: national healthcare interpreter certifications",
        "https://utianet.org/national-healthcare-interpreter-certifications",
        "2024",
        READ_IN_BRIEF,
    ),
    PageSource(
        "USA Health: internal medicine residency FAQs (observerships not accepted as clinical experience)",
        "https://www.usahealthsystem.com/faqs-6466",
        None,
        READ_IN_BRIEF,
    ),
)
