"""The demo marketplace's trading history: RFQs, quotes, counter-offers, a deal, conversations.

Written as the demo's buyers and suppliers would write it, in their languages, and loaded
through the rfq and messaging services (`loader.load_history`), at moments relative to the
time of loading so that open RFQs are still open and awarded ones long decided.
"""
