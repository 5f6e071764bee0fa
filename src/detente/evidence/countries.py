"""Country names, their common aliases and demonyms (facts; used to canonicalise mentions).

``country_of("U.S.")`` -> ``"United States"``; ``country_of("Russian")`` -> ``"Russia"``.
"""

from __future__ import annotations

import re

# canonical name: aliases and demonyms (lower case). The list covers UN member states and a few
# widely reported territories; aliases are the forms news reports use.
_TABLE = """
Afghanistan: afghan, afghans
Albania: albanian
Algeria: algerian
Andorra: andorran
Angola: angolan
Antigua and Barbuda:
Argentina: argentine, argentinian
Armenia: armenian
Australia: australian
Austria: austrian
Azerbaijan: azerbaijani, azeri
Bahamas: the bahamas, bahamian
Bahrain: bahraini
Bangladesh: bangladeshi
Barbados: barbadian
Belarus: belarusian, belarussian
Belgium: belgian
Belize: belizean
Benin: beninese
Bhutan: bhutanese
Bolivia: bolivian
Bosnia and Herzegovina: bosnia, bosnian
Botswana:
Brazil: brazilian
Brunei:
Bulgaria: bulgarian
Burkina Faso:
Burundi: burundian
Cambodia: cambodian
Cameroon: cameroonian
Canada: canadian
Cape Verde: cabo verde
Central African Republic: car
Chad: chadian
Chile: chilean
China: chinese, prc, people's republic of china, beijing
Colombia: colombian
Comoros:
Congo: republic of the congo, congolese
Democratic Republic of the Congo: drc, dr congo
Costa Rica: costa rican
Croatia: croatian
Cuba: cuban
Cyprus: cypriot
Czech Republic: czechia, czech
Denmark: danish
Djibouti:
Dominica:
Dominican Republic: dominican
Ecuador: ecuadorian
Egypt: egyptian
El Salvador: salvadoran
Equatorial Guinea:
Eritrea: eritrean
Estonia: estonian
Eswatini: swaziland
Ethiopia: ethiopian
Fiji: fijian
Finland: finnish
France: french
Gabon: gabonese
Gambia: the gambia, gambian
Georgia: georgian
Germany: german
Ghana: ghanaian
Greece: greek
Grenada:
Guatemala: guatemalan
Guinea: guinean
Guinea-Bissau:
Guyana: guyanese
Haiti: haitian
Honduras: honduran
Hungary: hungarian
Iceland: icelandic
India: indian
Indonesia: indonesian
Iran: iranian, islamic republic of iran
Iraq: iraqi
Ireland: irish
Israel: israeli
Italy: italian
Ivory Coast: cote d'ivoire, côte d'ivoire, ivorian
Jamaica: jamaican
Japan: japanese
Jordan: jordanian
Kazakhstan: kazakh
Kenya: kenyan
Kiribati:
Kosovo: kosovar
Kuwait: kuwaiti
Kyrgyzstan: kyrgyz
Laos: lao, laotian
Latvia: latvian
Lebanon: lebanese
Lesotho:
Liberia: liberian
Libya: libyan
Liechtenstein:
Lithuania: lithuanian
Luxembourg:
Madagascar: malagasy
Malawi: malawian
Malaysia: malaysian
Maldives: maldivian
Mali: malian
Malta: maltese
Marshall Islands:
Mauritania: mauritanian
Mauritius: mauritian
Mexico: mexican
Micronesia:
Moldova: moldovan
Monaco:
Mongolia: mongolian
Montenegro: montenegrin
Morocco: moroccan
Mozambique: mozambican
Myanmar: burma, burmese
Namibia: namibian
Nauru:
Nepal: nepalese, nepali
Netherlands: the netherlands, holland, dutch
New Zealand: new zealander
Nicaragua: nicaraguan
Niger: nigerien
Nigeria: nigerian
North Korea: dprk, north korean, democratic people's republic of korea, pyongyang
North Macedonia: macedonia, macedonian
Norway: norwegian
Oman: omani
Pakistan: pakistani
Palau:
Palestine: palestinian territories, palestinian, state of palestine
Panama: panamanian
Papua New Guinea:
Paraguay: paraguayan
Peru: peruvian
Philippines: the philippines, filipino, philippine
Poland: polish
Portugal: portuguese
Qatar: qatari
Romania: romanian
Russia: russian federation, russian, russians, moscow, kremlin, the kremlin
Rwanda: rwandan
Saint Kitts and Nevis:
Saint Lucia:
Saint Vincent and the Grenadines:
Samoa:
San Marino:
Sao Tome and Principe:
Saudi Arabia: saudi, saudis
Senegal: senegalese
Serbia: serbian
Seychelles:
Sierra Leone:
Singapore: singaporean
Slovakia: slovak
Slovenia: slovenian
Solomon Islands:
Somalia: somali
South Africa: south african
South Korea: republic of korea, south korean, seoul
South Sudan: south sudanese
Spain: spanish
Sri Lanka: sri lankan
Sudan: sudanese
Suriname:
Sweden: swedish
Switzerland: swiss
Syria: syrian
Taiwan: taiwanese
Tajikistan: tajik
Tanzania: tanzanian
Thailand: thai
Timor-Leste: east timor
Togo:
Tonga:
Trinidad and Tobago:
Tunisia: tunisian
Turkey: turkiye, türkiye, turkish
Turkmenistan:
Tuvalu:
Uganda: ugandan
Ukraine: ukrainian, ukrainians, the ukraine, kyiv, kiev
United Arab Emirates: uae, u.a.e., emirati
United Kingdom: uk, u.k., britain, great britain, british, england, english
United States: us, u.s., u.s.a., usa, america, american, americans, the united states, united states of america, washington
Uruguay: uruguayan
Uzbekistan: uzbek
Vanuatu:
Vatican: holy see, vatican city
Venezuela: venezuelan
Vietnam: viet nam, vietnamese
Yemen: yemeni
Zambia: zambian
Zimbabwe: zimbabwean
Greenland: greenlandic
"""

# Capitals stand for their governments in news prose ("Moscow refused"), but as places they are
# cities: only the ones above that are used that way overwhelmingly are listed as aliases.
CAPITAL_ALIASES = {"moscow", "kremlin", "the kremlin", "beijing", "pyongyang", "kyiv", "kiev",
                   "washington", "seoul"}

_ALIASES: dict[str, str] = {}
for _line in _TABLE.strip().splitlines():
    _name, _, _rest = _line.partition(":")
    _name = _name.strip()
    _ALIASES[_name.lower()] = _name
    _ALIASES["the " + _name.lower()] = _name
    for _a in _rest.split(","):
        if _a.strip():
            _ALIASES[_a.strip().lower()] = _name

COUNTRIES = frozenset(_ALIASES.values())
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def country_of(text: str, allow_capitals: bool = False) -> str | None:
    """The canonical country a name, alias or demonym refers to, or ``None``.

    >>> country_of("the U.S."), country_of("Ukrainian"), country_of("Brussels")
    ('United States', 'Ukraine', None)
    """
    key = _POSSESSIVE.sub("", text.strip()).lower()
    if not allow_capitals and key in CAPITAL_ALIASES:
        return None
    hit = _ALIASES.get(key)
    if hit is None and key.startswith("the "):
        hit = _ALIASES.get(key[4:])
    return hit
