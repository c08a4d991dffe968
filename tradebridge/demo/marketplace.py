"""The demo marketplace's companies and people, loaded through the services, idempotently.

Six suppliers in real Chinese manufacturing hubs and a UK wholesaler, three buyers in Germany,
France and the United States, members in every role with verified e-mail addresses, a platform
operator, and a pending invitation. Everything is created through the companies services, as a
user would. Running it again creates nothing and reports what is already present.

The `demo` app sits on top of every other app (see `[tool.importlinter]` in pyproject.toml).
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from tradebridge.accounts.models import User
from tradebridge.companies import services as companies_services
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.models import Membership
from tradebridge.companies.services import CompanyChanges

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented in README, printed by `make demo`


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    role: Role
    language: str


@dataclass(frozen=True)
class DemoCompany:
    legal_name: str
    display_name: str
    description: str
    website: str
    verification: VerificationLevel
    kind: CompanyKind
    country: str
    province: str
    city: str
    currency: str
    languages: tuple[str, ...]
    people: tuple[DemoPerson, ...]  # the first is the owner
    pending_invitation: tuple[str, Role] | None = None


@dataclass(frozen=True)
class DemoLogin:
    email: str
    description: str


def _person(email: str, full_name: str, role: Role, language: str = "en") -> DemoPerson:
    return DemoPerson(email=email, full_name=full_name, role=role, language=language)


DEMO_COMPANIES: tuple[DemoCompany, ...] = (
    DemoCompany(
        legal_name="Xiamen Haicang Sports Goods Co., Ltd.",
        display_name="Haicang Sports",
        description=(
            "Footballs, basketballs and training gear made in Xiamen since 2006; "
            "OEM and custom logos."
        ),
        website="https://haicang-sports.example",
        verification=VerificationLevel.AUDITED,
        kind=CompanyKind.SUPPLIER,
        country="CN",
        province="Fujian",
        city="Xiamen",
        currency="USD",
        languages=("zh-hans", "en"),
        people=(
            _person("lin.wei@haicang-sports.example", "Lin Wei", Role.OWNER, "zh-hans"),
            _person("chen.jie@haicang-sports.example", "Chen Jie", Role.SALES),
            _person("zhao.min@haicang-sports.example", "Zhao Min", Role.VIEWER, "zh-hans"),
        ),
        pending_invitation=("new.sales@haicang-sports.example", Role.SALES),
    ),
    DemoCompany(
        legal_name="Yiwu Brightway Commodities Co., Ltd.",
        display_name="Brightway Yiwu",
        description=(
            "Party supplies, stationery and fan merchandise from the Yiwu market, "
            "consolidated for export."
        ),
        website="https://brightway-yiwu.example",
        verification=VerificationLevel.BUSINESS_VERIFIED,
        kind=CompanyKind.SUPPLIER,
        country="CN",
        province="Zhejiang",
        city="Yiwu",
        currency="CNY",
        languages=("zh-hans", "en"),
        people=(
            _person("wang.fang@brightway-yiwu.example", "Wang Fang", Role.OWNER, "zh-hans"),
            _person("liu.yang@brightway-yiwu.example", "Liu Yang", Role.ADMIN),
        ),
    ),
    DemoCompany(
        legal_name="Shenzhen Lumen Electronics Co., Ltd.",
        display_name="Lumen Electronics",
        description=(
            "LED lighting, chargers and small consumer electronics; CE and RoHS certified lines."
        ),
        website="https://lumen-electronics.example",
        verification=VerificationLevel.BUSINESS_VERIFIED,
        kind=CompanyKind.SUPPLIER,
        country="CN",
        province="Guangdong",
        city="Shenzhen",
        currency="USD",
        languages=("zh-hans", "en"),
        people=(
            _person("huang.lei@lumen-electronics.example", "Huang Lei", Role.OWNER),
            _person("xu.ting@lumen-electronics.example", "Xu Ting", Role.SALES),
        ),
    ),
    DemoCompany(
        legal_name="Quanzhou Jinjiang Stride Sportswear Co., Ltd.",
        display_name="Stride Sportswear",
        description=(
            "Running shoes, team jerseys, track suits and socks from Jinjiang, Quanzhou; "
            "OEM and ODM for sports brands and clubs."
        ),
        website="https://stride-sportswear.example",
        verification=VerificationLevel.AUDITED,
        kind=CompanyKind.SUPPLIER,
        country="CN",
        province="Fujian",
        city="Quanzhou",
        currency="USD",
        languages=("zh-hans", "en"),
        people=(
            _person("cai.hong@stride-sportswear.example", "Cai Hong", Role.OWNER, "zh-hans"),
            _person("su.lin@stride-sportswear.example", "Su Lin", Role.SALES),
        ),
    ),
    DemoCompany(
        legal_name="Ningbo Yinzhou Homewell Appliance Co., Ltd.",
        display_name="Homewell Appliance",
        description=(
            "Kettles, air fryers, blenders, fans and hair dryers for private-label retailers; "
            "GS, CB and ETL certified."
        ),
        website="https://homewell-appliance.example",
        verification=VerificationLevel.BUSINESS_VERIFIED,
        kind=CompanyKind.SUPPLIER,
        country="CN",
        province="Zhejiang",
        city="Ningbo",
        currency="USD",
        languages=("zh-hans", "en"),
        people=(
            _person("zhou.qiang@homewell-appliance.example", "Zhou Qiang", Role.OWNER),
            _person("ye.na@homewell-appliance.example", "Ye Na", Role.SALES),
        ),
    ),
    DemoCompany(
        legal_name="Guangzhou Baiyun Silkroad Garment Co., Ltd.",
        display_name="Silkroad Garment",
        description=(
            "Cut-and-sew T-shirts, hoodies, polos, denim and dresses from Guangzhou; "
            "small MOQs, printing and embroidery in house."
        ),
        website="https://silkroad-garment.example",
        verification=VerificationLevel.BUSINESS_VERIFIED,
        kind=CompanyKind.SUPPLIER,
        country="CN",
        province="Guangdong",
        city="Guangzhou",
        currency="USD",
        languages=("zh-hans", "en"),
        people=(
            _person("liang.mei@silkroad-garment.example", "Liang Mei", Role.OWNER, "zh-hans"),
            _person("he.jun@silkroad-garment.example", "He Jun", Role.SALES),
        ),
    ),
    DemoCompany(
        legal_name="Albion Giftware Wholesale Ltd",
        display_name="Albion Giftware",
        description=(
            "UK wholesaler of gift-ware, home decoration and seasonal lines, shipping from stock "
            "to retailers across Europe. (Range from the UCI Online Retail data set, CC BY 4.0.)"
        ),
        website="https://albion-giftware.example",
        verification=VerificationLevel.BUSINESS_VERIFIED,
        kind=CompanyKind.SUPPLIER,
        country="GB",
        province="England",
        city="London",
        currency="GBP",
        languages=("en",),
        people=(
            _person("oliver.hughes@albion-giftware.example", "Oliver Hughes", Role.OWNER),
            _person("amelia.clarke@albion-giftware.example", "Amelia Clarke", Role.SALES),
        ),
    ),
    DemoCompany(
        legal_name="Rheinsport Handels GmbH",
        display_name="Rheinsport",
        description=("Sporting goods wholesaler for clubs and retailers in Germany and Benelux."),
        website="https://rheinsport.example",
        verification=VerificationLevel.BUSINESS_VERIFIED,
        kind=CompanyKind.BUYER,
        country="DE",
        province="Nordrhein-Westfalen",
        city="Köln",
        currency="EUR",
        languages=("de", "en"),
        people=(
            _person("anna.schmidt@rheinsport.example", "Anna Schmidt", Role.OWNER, "de"),
            _person("jonas.weber@rheinsport.example", "Jonas Weber", Role.PURCHASER, "de"),
            _person("lena.fischer@rheinsport.example", "Lena Fischer", Role.VIEWER, "de"),
        ),
    ),
    DemoCompany(
        legal_name="Maison Lumière SARL",
        display_name="Maison Lumière",
        description="Lighting and home decoration for French independent stores.",
        website="https://maison-lumiere.example",
        verification=VerificationLevel.EMAIL_VERIFIED,
        kind=CompanyKind.BUYER,
        country="FR",
        province="Auvergne-Rhône-Alpes",
        city="Lyon",
        currency="EUR",
        languages=("fr", "en"),
        people=(
            _person("claire.martin@maison-lumiere.example", "Claire Martin", Role.OWNER, "fr"),
            _person("hugo.bernard@maison-lumiere.example", "Hugo Bernard", Role.ADMIN, "fr"),
        ),
    ),
    DemoCompany(
        legal_name="Lakeshore Supply LLC",
        display_name="Lakeshore Supply",
        description="Promotional products and event merchandise across the US Midwest.",
        website="https://lakeshore-supply.example",
        verification=VerificationLevel.EMAIL_VERIFIED,
        kind=CompanyKind.BUYER,
        country="US",
        province="Illinois",
        city="Chicago",
        currency="USD",
        languages=("en",),
        people=(
            _person("mike.johnson@lakeshore-supply.example", "Mike Johnson", Role.OWNER),
            _person("sarah.davis@lakeshore-supply.example", "Sarah Davis", Role.PURCHASER),
        ),
    ),
)
OPERATOR = _person("operator@tradebridge.example", "Olivia Operator", Role.ADMIN)

DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(OPERATOR.email, "platform operator (admin site)"),
    *(
        DemoLogin(person.email, f"{person.role.label.lower()} at {company.legal_name}")
        for company in DEMO_COMPANIES
        for person in company.people
    ),
)


@transaction.atomic
def load_people_and_companies() -> list[str]:
    """Create what is missing; return the names of what was created."""
    operator, operator_is_new = _demo_user(OPERATOR, is_operator=True)
    created = ["operator"] if operator_is_new else []
    for company in DEMO_COMPANIES:
        if _load_company(company, operator=operator):
            created.append(company.legal_name)  # noqa: PERF401 - each load writes; not a map
    return created


def _load_company(company: DemoCompany, *, operator: User) -> bool:
    """Create the company, its profile, people and pending invitation, and have the operator
    verify it; unless its owner exists already (then do nothing and return False)."""
    owner_person, *colleagues = company.people
    owner, owner_is_new = _demo_user(owner_person)
    if not owner_is_new:
        return False
    owner_membership = companies_services.company_create_with_owner(
        user=owner,
        legal_name=company.legal_name,
        kind=company.kind,
        country=company.country,
        default_currency=company.currency,
        province=company.province,
        city=company.city,
        languages=list(company.languages),
    )
    _complete_profile(owner_membership, company, operator=operator)
    for person in colleagues:
        _join(owner_membership, person)
    if company.pending_invitation:
        email, role = company.pending_invitation
        companies_services.invitation_create(actor=owner_membership, email=email, role=role)
    return True


def _complete_profile(owner: Membership, company: DemoCompany, *, operator: User) -> None:
    changes = CompanyChanges(
        display_name=company.display_name,
        description=company.description,
        website=company.website,
    )
    companies_services.company_update(actor=owner, changes=changes)
    companies_services.company_set_verification(
        operator=operator,
        company_id=owner.company_id,
        level=company.verification,
        note="Demo data: documents checked by the demo operator.",
    )


def _join(owner_membership: Membership, person: DemoPerson) -> Membership:
    """Invite `person` and accept the invitation as them: the path a real colleague takes."""
    issued = companies_services.invitation_create(
        actor=owner_membership, email=person.email, role=person.role
    )
    user, _ = _demo_user(person)
    return companies_services.invitation_accept(user=user, token=issued.token)


def _demo_user(person: DemoPerson, *, is_operator: bool = False) -> tuple[User, bool]:
    """Get or create a user with a verified primary e-mail address; return (user, created)."""
    existing = User.objects.filter(email=person.email).first()
    if existing is not None:
        return existing, False
    create = User.objects.create_superuser if is_operator else User.objects.create_user
    user = create(
        email=person.email,
        password=DEMO_PASSWORD,
        full_name=person.full_name,
        preferred_language=person.language,
    )
    EmailAddress.objects.create(user=user, email=person.email, verified=True, primary=True)
    return user, True
