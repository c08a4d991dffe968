"""The Incoterms 2020 rules, as core data: the code list every app may store and validate.

An Incoterm decides which costs the price includes (freight, insurance, duty, import VAT) and
where the risk passes from seller to buyer. What each rule costs is the logistics app's concern;
this module only names the eleven rules of the ICC's 2020 edition.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Incoterm(models.TextChoices):
    """The eleven Incoterms 2020 rules: seven for any mode of transport, four (FAS, FOB, CFR,
    CIF) for sea and inland waterway only."""

    EXW = "EXW", _("EXW (Ex Works)")
    FCA = "FCA", _("FCA (Free Carrier)")
    FAS = "FAS", _("FAS (Free Alongside Ship)")
    FOB = "FOB", _("FOB (Free On Board)")
    CFR = "CFR", _("CFR (Cost and Freight)")
    CIF = "CIF", _("CIF (Cost, Insurance and Freight)")
    CPT = "CPT", _("CPT (Carriage Paid To)")
    CIP = "CIP", _("CIP (Carriage and Insurance Paid To)")
    DAP = "DAP", _("DAP (Delivered at Place)")
    DPU = "DPU", _("DPU (Delivered at Place Unloaded)")
    DDP = "DDP", _("DDP (Delivered Duty Paid)")
