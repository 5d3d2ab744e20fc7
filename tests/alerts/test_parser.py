"""CAP 1.2 parsing: the OASIS examples keep everything, Korean alerts parse, bad and hostile input is refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.alerts.parser import MAX_BYTES, CapError, parse, parse_file
from tests.alerts.paths import DATA, OASIS_DIR

needs_oasis = pytest.mark.skipif(not OASIS_DIR.is_dir(), reason=f"OASIS examples not found at {OASIS_DIR}")
NS = 'xmlns="urn:oasis:names:tc:emergency:cap:1.2"'


def _minimal(info: str = "", head: str = "") -> str:
    return (f'<alert {NS}><identifier>T-1</identifier><sender>t@example.kr</sender>'
            f"<sent>2026-05-01T10:00:00+09:00</sent><status>Actual</status><msgType>Alert</msgType>"
            f"<scope>Public</scope>{head}{info}</alert>")


def _info(extra: str = "", severity: str = "Severe") -> str:
    return (f"<info><category>Geo</category><event>지진</event><urgency>Immediate</urgency>"
            f"<severity>{severity}</severity><certainty>Observed</certainty>{extra}</info>")


@needs_oasis
def test_oasis_homeland_security_keeps_parameter_resource_and_area():
    a = parse_file(OASIS_DIR / "oasis-example1-homeland-security.xml")
    (info,) = a.infos
    assert (a.identifier, a.sender, a.status, a.msg_type, a.scope) == (
        "43b080713727", "hsas@dhs.gov", "Actual", "Alert", "Public")
    assert info.language == "en-US" and info.categories == ("Security",)
    assert [(p.name, p.value) for p in info.parameters] == [("HSAS", "ORANGE")]
    assert info.resources[0].mime_type == "image/gif" and info.resources[0].uri.endswith("getAdvisoryImage")
    assert [ar.area_desc for ar in info.areas] == ["U.S. nationwide and interests worldwide"]
    assert info.instruction.startswith("A High Condition") and info.web.startswith("http://www.dhs.gov")


@needs_oasis
def test_oasis_thunderstorm_keeps_polygon_geocodes_event_code_and_expiry():
    a = parse_file(OASIS_DIR / "oasis-example2-thunderstorm.xml")
    (info,) = a.infos
    (area,) = info.areas
    assert len(area.polygons[0].points) == 5 and area.polygons[0].points[0] == (38.47, -120.14)
    assert [g.value for g in area.geocodes] == ["006109", "006009", "006003"]
    assert info.event_codes[0].name == "SAME" and info.event_codes[0].value == "SVR"
    assert info.response_types == ("Shelter",) and info.contact == "BARUFFALDI/JUSKIE"
    assert info.expires.isoformat() == "2003-06-17T16:00:00-07:00"


@needs_oasis
def test_oasis_earthquake_update_keeps_references_circle_and_all_parameters():
    a = parse_file(OASIS_DIR / "oasis-example3-earthquake-update.xml")
    (info,) = a.infos
    assert a.msg_type == "Update"
    assert [r.key for r in a.references] == [("trinet@caltech.edu", "TRI13970876.1")]
    assert [p.name for p in info.parameters] == ["EventID", "Version", "Magnitude", "Depth", "Quality"]
    circle = info.areas[0].circles[0]
    assert (circle.lat, circle.lon, circle.radius_km) == (32.9525, -115.5527, 0.0)


@needs_oasis
def test_oasis_amber_keeps_both_languages():
    a = parse_file(OASIS_DIR / "oasis-example4-amber-multilingual.xml")
    assert [i.language for i in a.infos] == ["en-US", "es-US"]
    assert a.source == "SW"
    assert all(len(i.areas) == 1 and i.areas[0].geocodes[0].value == "006037" for i in a.infos)
    assert a.info_for("es").headline.startswith("Alerta Amber")
    assert a.info_for("ko").language == "en-US"  # no Korean block: English is the fallback


def test_korean_alerts_parse_with_both_languages():
    a = parse_file(DATA / "earthquake_emergency.xml")
    assert [i.language for i in a.infos] == ["ko-KR", "en-US"]
    assert a.info_for("ko").event == "지진" and a.info_for("en").event == "Earthquake"
    assert a.infos[0].areas[0].geocodes[0].value == "1100000000"


@pytest.mark.parametrize(("name", "reason"), [
    ("billion_laughs.xml", "DTD"), ("external_entity.xml", "DTD"), ("dtd.xml", "DTD"),
    ("not_xml.xml", "not XML"), ("bad_severity.xml", "Catastrophic"), ("missing_sender.xml", "required"),
])
def test_bad_files_are_refused_with_element_and_reason(name, reason):
    with pytest.raises(CapError) as err:
        parse_file(DATA / name)
    assert reason in err.value.reason and err.value.element


def test_hostile_input_is_refused_fast():
    t0 = time.perf_counter()
    for name in ("billion_laughs.xml", "external_entity.xml", "not_xml.xml"):
        with pytest.raises(CapError):
            parse_file(DATA / name)
    assert time.perf_counter() - t0 < 0.05


def test_oversized_input_is_refused_before_reading(tmp_path: Path):
    big = tmp_path / "big.xml"
    body = _minimal(_info(f"<description>{'가' * 700_000}</description>"))  # 3 bytes each: ~2 MB
    big.write_text(body, encoding="utf-8")
    assert big.stat().st_size > 2_000_000
    with pytest.raises(CapError, match="over the"):
        parse_file(big)
    with pytest.raises(CapError, match="over the"):
        parse(body.encode())
    assert MAX_BYTES == 1_000_000


def test_lower_case_doctype_is_refused_too():
    with pytest.raises(CapError, match="DTD"):
        parse(b'<?xml version="1.0"?>\n<!doctype a [<!ENTITY x "y">]><a>&x;</a>')


@pytest.mark.parametrize(("xml", "element", "reason"), [
    (_minimal(_info(severity="Huge")), "alert/info/severity", "not one of"),
    (_minimal(_info("<responseType>Run</responseType>")), "alert/info/responseType", "not one of"),
    (_minimal(_info("<expires>2026-05-01T10:00:00Z</expires>")), "alert/info/expires", "CAP date-time"),
    (_minimal(_info("<area><areaDesc>x</areaDesc><polygon>37,126 37,127 38,127 38,126</polygon></area>")),
     "alert/info/area/polygon", "closed ring"),
    (_minimal(_info("<area><areaDesc>x</areaDesc><circle>37.5,126.9 -1</circle></area>")),
     "alert/info/area/circle", "negative"),
    (_minimal(_info("<area><areaDesc>x</areaDesc><circle>97.5,126.9 1</circle></area>")),
     "alert/info/area/circle", "outside"),
    (_minimal(_info("<area><areaDesc>x</areaDesc><ceiling>3</ceiling></area>")), "alert/info/area/ceiling",
     "altitude"),
    (_minimal(_info("<colour>red</colour>")), "alert/info/colour", "not an element"),
    (_minimal(_info("<event>again</event>")), "alert/info/event", "more than once"),
    (_minimal(_info() + _info(severity="Bad")), "alert/info[2]/severity", "not one of"),
    (_minimal().replace("<msgType>Alert", "<msgType>Update"), "alert/references", "required"),
    (_minimal().replace("<scope>Public", "<scope>Restricted"), "alert/restriction", "required"),
    (_minimal().replace("<scope>Public", "<scope>Private"), "alert/addresses", "required"),
    (_minimal().replace("T-1", "T 1"), "alert/identifier", "spaces"),
    (_minimal().replace(NS, 'xmlns="urn:oasis:names:tc:emergency:cap:1.1"'), "alert", "namespace"),
    (_minimal(head="<references>a,b</references>").replace("Alert<", "Cancel<"), "alert/references",
     "sender,identifier,sent"),
    (_minimal()[:-4], "alert", "well-formed"),
])
def test_invalid_cap_names_element_and_reason(xml, element, reason):
    with pytest.raises(CapError) as err:
        parse(xml)
    assert err.value.element == element
    assert reason in err.value.reason
    assert str(err.value) == f"<{element}>: {err.value.reason}"


def test_optional_elements_are_kept():
    head = ('<source>test</source><scope>Private</scope><addresses>a@b "c d"</addresses><code>IPAWSv1.0</code>'
            "<note>n</note><incidents>i1 i2</incidents>")
    xml = _minimal(_info('<audience>all</audience><effective>2026-05-01T10:00:00+09:00</effective>'
                         '<onset>2026-05-01T10:01:00+09:00</onset><area><areaDesc>d</areaDesc>'
                         "<altitude>10</altitude><ceiling>20</ceiling></area>"), head).replace(
        "<scope>Public</scope>", "")
    a = parse(xml)
    assert a.addresses == ("a@b", "c d") and a.codes == ("IPAWSv1.0",) and a.incidents == ("i1", "i2")
    info = a.infos[0]
    assert info.audience == "all" and info.onset.minute == 1 and info.areas[0].ceiling == 20.0


def test_signature_from_another_namespace_is_allowed():
    sig = '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>'
    assert parse(_minimal(_info(), sig)).identifier == "T-1"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: "<" + t)))
def test_any_bytes_give_an_alert_or_a_cap_error(data):
    try:
        parse(data)
    except CapError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.text(max_size=12))
def test_damaged_korean_alert_gives_an_alert_or_a_cap_error(pos, junk):
    text = (DATA / "earthquake_emergency.xml").read_text(encoding="utf-8")
    pos = min(pos, len(text))
    try:
        parse(text[:pos] + junk + text[pos:])
    except CapError:
        pass


def test_legacy_korean_encodings_are_decoded():
    xml = _minimal(_info()).replace("<alert", '<?xml version="1.0" encoding="EUC-KR"?><alert', 1)
    assert parse(xml.encode("euc-kr")).infos[0].event == "지진"
    assert parse(xml.replace("EUC-KR", "cp949").encode("cp949")).infos[0].event == "지진"
    assert parse(xml).infos[0].event == "지진"  # text is already decoded, whatever its declaration says


@pytest.mark.parametrize(("data", "reason"), [
    (b'<?xml version="1.0" encoding="no-such-codec"?><alert/>', "unknown character encoding"),
    (b'<?xml version="1.0" encoding="EUC-KR"?><alert>\xff\xff</alert>', "not valid EUC-KR"),
    (b'<?xml version="1.0" encoding="UTF-8"?><alert>\xff</alert>', "well-formed"),
    ("<alert>\ud800</alert>", "surrogate"),
])
def test_bad_encodings_are_cap_errors(data, reason):
    with pytest.raises(CapError, match=reason):
        parse(data)
