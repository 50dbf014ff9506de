#!/usr/bin/env python3
"""Writes the committed seed corpus Fuzz/corpus/<target>/ (run from anywhere).

The seeds are small, real-looking inputs: excerpts of Examples/2025, hand-written CSVs in the
plain and the Vietnamese-Excel dialect, the criteria sets and mutated variants, value strings,
and year archives in the `year` target's `@@ name` format. Re-running rewrites them.
"""
import json, os, pathlib, unicodedata

fuzz = pathlib.Path(__file__).resolve().parent.parent
root = fuzz.parent
corpus = fuzz / "corpus"

def write(target, name, data):
    path = corpus / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)

def nfd(text):
    return unicodedata.normalize("NFD", text)

def head(path, lines):
    with open(root / path, "rb") as f:
        return b"".join(f.readlines()[:lines])

def excel(text):
    """The Vietnamese Excel dialect of a plain CSV text we wrote: BOM, ';', CRLF."""
    return "\ufeff" + text.replace(",", ";").replace("\n", "\r\n")

# ---------------------------------------------------------------- csv
ex = "Examples/2025/"
for unitset in ["communes", "departments"]:
    for name, lines in [("units", 8), ("assessment", 14), ("appraisal", 5), ("evidence", 6), ("survey", 12), ("adjustments", 5)]:
        write("csv", f"{unitset[:4]}-{name}.csv", head(f"{ex}{unitset}/{name}.csv", lines))

write("csv", "excel-assessment.csv",
      "\ufeffunit_id;code;value;points;evidence;note;x_nguoi_nhap\r\n"
      "X01;1.1.1;28/01/2025;1;X01-KH01;;Nguyễn Thị Hoa\r\n"
      "X01;1.1.2;hoan_thanh;1,5;\"X01-KH01;X01-BC04\";\"Ghi chú có \"\"ngoặc kép\"\" và ;\";Nguyễn Thị Hoa\r\n"
      "X01;3.3.1;96,5%;2,5;X01-BC04;\"Dòng 1\r\nDòng 2\";\r\n"
      "X01;5.3.2;Không phát sinh;;;;\r\n"
      ";;;;;;\r\n"
      "X01;2.2.2;17/20;1,35;X01-TH01;;\r\n")
write("csv", "excel-nfd.csv", excel(nfd("unit_id,name,group\nX01,Xã An Lão,xã\nX02,Phường Hồng Bàng,phường\nX03,Đặc khu Bạch Long Vĩ,xã\n")))
write("csv", "lone-cr.csv", "unit_id,name,group\rX01,Xã An Lão,xã\rX02,\"Phường\rHồng Bàng\",phường\r")
write("csv", "blank-lines.csv", "\n\nunit_id;name;group\n\n  \t \n,,\nX01;Xã A;xã\n;;\n")
write("csv", "extra-columns.csv", "Unit_ID , Name,GROUP,x_ghi_chu,x_\nX01,Xã A,xã,ghi chú,\nX02,Xã B,xã\n")
write("csv", "unknown-column.csv", "unit_id,name,group,nhom\nX01,Xã A,xã,1\n")
write("csv", "duplicate-column.csv", "unit_id,name,group,name\nX01,Xã A,xã,B\n")
write("csv", "too-many-fields.csv", "unit_id,kind,points,reason\nX01,bonus,1,Sáng kiến, được công nhận\nX02,penalty,0,5,\n")
write("csv", "unclosed-quote.csv", "unit_id,code,value\nX01,1.1,\"có\nX02,1.2,không\n")
write("csv", "text-after-quote.csv", "unit_id,code,value\nX01,1.1,\"có\"x\n")
write("csv", "quote-in-field.csv", "unit_id,code,value,note\nX01,1.1,có,he said \"ok\"\n")
write("csv", "windows-1258.csv", b"unit_id,name,group\nX01,X\xe3 An L\xe3o,x\xe3\n")
write("csv", "overlong-utf8.csv", b"unit_id,name,group\nX01,\xc0\xafA,\xed\xa0\x80\n")
write("csv", "empty.csv", b"")
write("csv", "bom-only.csv", b"\xef\xbb\xbf")
write("csv", "header-only.csv", "evidence_id,unit_id,title,doc_number,date,issuer,location\r\n")
write("csv", "semicolon-vs-comma.csv", "unit_id;kind;points;reason\nX01;bonus;0,5;\"A, B; C\"\nX01;penalty;1,25;x,y\n")
write("csv", "numbers.csv", "unit_id,code,value,points\nX01,1.1, 0.5 ,\t0,5\nX01,1.2,1e30,-0\nX01,1.3,NaN,12abc\nX01,1.4,1234567890123456789012345678901234567890,0.1234560000\n")

# ---------------------------------------------------------------- values
values = {
    "decimals.txt": "0,5\n0.5\n12\n 1,25 \n0,000001\n999999999,999999\n1000000000\n0.1234560000",
    "bad-numbers.txt": "1e30\n-0\nNaN\n+1\ninf\n.5\n5.\n1,000.5",
    "forty-digits.txt": "1234567890123456789012345678901234567890\n0000000000000000000000000000000000000001\n0,1234567\n0.0000001",
    "percentages.txt": "85\n85%\n85 %\n85,5\n17/20\n100%\n100,0001\n0%",
    "ratios.txt": "0/0\n1/0\n3/2\n2/3\n 17 / 20 \n17/20%\n1/3\n0,5/1",
    "dates.txt": "31/02/2025\n29/02/2024\n2025-01-31\n1/1/2025\n31/03/2025\n01/04/2025\n2025-1-31\n29/02/1900",
    "dates-edge.txt": "01/01/0001\n31/12/9999\n0005-01-01\n01/01/0005\n2025-13-01\n00/01/2025\n29/02/2000\n31/12/2025",
    "na-words.txt": "KPS\nKhông phát sinh\nN/A\nn/a\nkps\nkhông  phát   sinh\n" + nfd("Không phát sinh") + "\nKHÔNG PHÁT SINH",
    "yes-no.txt": "có\nkhông\nx\n1\n0\nyes\nđạt\nkhông đạt",
    "yes-no-nfd.txt": nfd("Có\nKhông\nĐẠT\nKhông Đạt") + "\nX\nNO\nYes\n có ",
    "choice.txt": "hoan_thanh\nMột phần\n" + nfd("Một phần") + "\nkhong\n hoan_thanh \nHOAN_THANH\nmot phan\n",
    "tiers.txt": "98\n97,999999\n90\n90,000001\n10\n5\n0\n0,000001",
    "counts.txt": "0\n1\n3\n4\n100\n999999999\n2,0\n2,5",
    "manual.txt": "0,25\n1,5\n1,49\n1,245\n1,255\n0,005\n0,01\n1,50000",
    "proportional.txt": "60\n59,99\n20\n19,999999\n33,3333\n33,33329\n100\n1/3",
    "spaces.txt": "\t0,5\t\n\u00a00,5\n0 ,5\n0, 5\n\r\n  \n\u3000có\nkhông\u00a0phát sinh",
}
for name, text in values.items():
    write("values", name, text)

# ---------------------------------------------------------------- criteria
mini_text = (root / "Tests/PARIndexTests/Fixtures/mini-2025.json").read_text()
mini = json.loads(mini_text)
write("criteria", "mini-2025.json", mini_text)
write("criteria", "commune-2025.json", (root / "criteria/commune-2025.json").read_bytes())
write("criteria", "department-2025.json", (root / "criteria/department-2025.json").read_bytes())

def variant(name, change):
    d = json.loads(mini_text)
    change(d)
    write("criteria", name, json.dumps(d, ensure_ascii=False, indent=1))

def leaf(d, code):
    for item in d["items"]:
        for child in item["children"]:
            if child["code"] == code:
                return child
    raise KeyError(code)

def set_(path, value):
    def change(d):
        *keys, last = path
        target = d
        for k in keys:
            target = target[k]
        target[last] = value
    return change

variant("rounding-0.json", set_(["rounding"], {"points": 0, "index": 0}))
variant("rounding-4.json", set_(["rounding"], {"points": 4, "index": 4}))
variant("deduction-fine.json", lambda d: leaf(d, "1.4").update(rule={"type": "deduction", "perItem": 0.125, "floor": 0}))
variant("max-mismatch.json", lambda d: leaf(d, "1.1").update(maxPoints=1.5))
variant("unknown-key.json", lambda d: leaf(d, "1.1").update(evidense="required"))
variant("no-survey.json", lambda d: d.pop("survey"))
variant("no-adjustments.json", lambda d: d.pop("adjustments"))
variant("tiers-misordered.json", lambda d: leaf(d, "2.1")["rule"].update(tiers=[{"above": 90, "points": 0.5}, {"atLeast": 98, "points": 1}]))
variant("bands-not-zero.json", set_(["classification"], [{"label": "Tốt", "minIndex": 80}, {"label": "Khá", "minIndex": 10}]))
variant("late-until-before-due.json", lambda d: leaf(d, "1.2")["rule"].update(lateUntil="2025-01-01"))
variant("manual-default-step.json", lambda d: leaf(d, "2.3").update(rule={"type": "manual"}))
variant("scale-100-exponent.json", set_(["scale"], 1e1))
variant("nfd-keys.json", lambda d: leaf(d, "1.3")["rule"]["options"][1].update(key=nfd("Một phần")))
variant("evidence-none.json", set_(["evidencePolicy"], "none"))
variant("deep.json", lambda d: d["items"][0]["children"].__setitem__(0,
    {"code": "1.1", "title": "a", "maxPoints": 1, "children": [{"code": "1.1.1", "title": "b", "maxPoints": 1, "children": [
        {"code": "1.1.1.1", "title": "c", "maxPoints": 1, "rule": {"type": "check"}}]}]}))
variant("min-responses.json", lambda d: d["survey"].update(minResponses=0))
write("criteria", "bom-crlf.json", ("\ufeff" + json.dumps(mini, ensure_ascii=False, indent=2)).replace("\n", "\r\n"))
write("criteria", "one-leaf.json", json.dumps({
    "format": "parindex-criteria/1", "id": "x", "title": "x", "level": "department", "year": 2000, "status": "official",
    "source": "s", "scale": 0.0001, "rounding": {"points": 4, "index": 0}, "classification": [{"label": "A", "minIndex": 0}],
    "items": [{"code": "1", "title": "t", "maxPoints": 0.0001, "rule": {"type": "check"}, "notApplicable": "full"}]}))
write("criteria", "escapes.json", '{"format":"parindex-criteria\\/1","id":"\\u0078\\ud83d\\ude00","title":"\\u0054\\u0301","level":"commune","year":2025.0,"status":"modelled","source":"\\"q\\"\\n","classification":[{"label":"A","minIndex":0}],"items":[{"code":"1","title":"t","maxPoints":100,"rule":{"type":"check"}}]}')
write("criteria", "lone-surrogate.json", '{"id": "\\ud800x"}')
write("criteria", "duplicate-key.json", '{"format": "parindex-criteria/1", "format": "x"}')
write("criteria", "nested.json", "[" * 70 + "]" * 70)
write("criteria", "numbers.json", '[0, -0, 1e3, 1E-2, 0.5, 01, 1., -, 12345678901234567890123456789]')
write("criteria", "truncated.json", mini_text[:700])

# ---------------------------------------------------------------- year
def archive(files):
    return "".join(f"@@ {name}\n{content}" + ("" if content.endswith("\n") or not content else "\n") for name, content in files)

units = "unit_id,name,group\nX01,Xã An Lão,xã\nX02,Phường Hồng Bàng,phường\nX03,Xã Kiến Thụy,xã\n"
assessment = ("unit_id,code,value,points,evidence,note\n"
    "X01,1.1,có,1,E1,\nX01,1.2,28/01/2025,1,E2,\nX01,1.3,hoan_thanh,1,,\nX01,1.4,1,0.75,,\n"
    "X01,2.1,98%,1,,\nX01,2.2,45%,,,\nX01,2.3,1.25,,,\n"
    "X02,1.1,không,,E1,\nX02,1.2,2025-02-15,,E9,\nX02,1.3,mot_phan,,,\nX02,1.4,0,,,\nX02,2.1,182/200,,,\nX02,2.2,KPS,,,\nX02,2.3,KPS,,,\n"
    "X03,1.1,,1,E1,\nX03,1.2,không,,E1,\nX03,1.3,,0.5,,\nX03,1.4,9,,,\nX03,2.1,90,,,\nX03,2.2,0/0,,,\nX03,2.3,,0.25,,\n")
appraisal = ("unit_id,code,value,points,reason\n"
    "X01,2.2,30%,,\"Số liệu hệ thống: 30%, không phải 45%\"\nX03,3.1,87.5%,,Kết quả công bố\nX02,1.1,có,,Đã bổ sung\n")
evidence = ("evidence_id,unit_id,title,doc_number,date,issuer,location\n"
    "E1,X01,Kế hoạch kiểm tra,12/KH-UBND,05/01/2025,UBND xã,\nE2,X01,\"Kế hoạch CCHC, năm 2025\",14/KH-UBND,2025-01-28,,\nE1,X02,Kế hoạch,1/KH,,,\nE1,X03,Kế hoạch,,,,\n")
survey = ("unit_id,respondent_id,question,answer,weight\n"
    "X01,R1,S1,5,\nX01,R1,S2,4,\nX01,R2,S1,3,2\nX01,R2,S2,1,0.5\nX01,R3,S1,2,\nX02,R1,S1,4,\nX02,R1,S2,4,\n")
adjustments = "unit_id,kind,points,reason\nX01,bonus,0.25,Sáng kiến\nX01,bonus,0.5,Giải thưởng\nX02,penalty,1.5,Vi phạm\n"
full = [("units.csv", units), ("assessment.csv", assessment), ("appraisal.csv", appraisal), ("evidence.csv", evidence),
        ("survey.csv", survey), ("adjustments.csv", adjustments)]
write("year", "mini-full.txt", archive(full))
write("year", "mini-required-only.txt", archive(full[:2]))
write("year", "mini-excel.txt", archive([(n, excel(nfd(c)).replace("0.", "0,").replace("1.25", "1,25").replace("87.5", "87,5")) for n, c in full]))
write("year", "tie.txt", archive([
    ("units.csv", "unit_id,name,group\nA,Đơn vị A,g\nB,Đơn vị B,g\nC,Đơn vị C,g\nD,\"Đơn vị \"\"D\"\", khác\",h\n"),
    ("assessment.csv", "unit_id,code,value\nA,1.1,có\nB,1.1,có\nC,1.3,hoan_thanh\nD,1.1,x\nA,2.2,N/A\nB,2.2,N/A\n"),
    ("evidence.csv", "evidence_id,unit_id,title\nE,A,t\nE,B,t\nE,D,t\n"),
]).replace("A,1.1,có\n", "A,1.1,có\n").replace("value\n", "value\n"))
write("year", "all-excluded.txt", archive([
    ("units.csv", "unit_id,name,group\nZ,Z,z\n"),
    ("assessment.csv", "unit_id,code,value\nZ,2.2,KPS\n"),
]))
write("year", "units-errors.txt", archive([
    ("units.csv", "unit_id,name,group\nX01,A,xã\nX01,B,xã\nX02,,xã\n"),
    ("assessment.csv", "unit_id,code,value\nX01,1.1,có\n"),
]))
write("year", "errors.txt", archive([
    ("units.csv", "unit_id,name,group\nX01,A,xã\nX02,B,xã\n"),
    ("assessment.csv", "unit_id,code,value,points\nX09,1.1,có,\nX01,1,có,\nX01,3.1,50%,\nX01,1.1,maybe,\nX01,1.4,-1,\nX01,2.3,1.3,\nX01,1.2,31/02/2025,\n"),
    ("appraisal.csv", "unit_id,code,value,points,reason\nX01,1.1,không,,\n"),
    ("survey.csv", "unit_id,respondent_id,question,answer,weight\nX01,R1,S1,9,\nX01,R1,S1,5,\nX01,R2,S9,5,\nX01,R3,S1,5,1001\n"),
    ("adjustments.csv", "unit_id,kind,points,reason\nX01,thuong,1,\n"),
]))
write("year", "survey-heavy.txt", archive([
    ("units.csv", "unit_id,name,group\nU1,Một,g\nU2,Hai,g\n"),
    ("assessment.csv", "unit_id,code,points\nU1,1.1,0\n"),
    ("survey.csv", "unit_id,respondent_id,question,answer,weight\n" + "".join(
        f"U{1 + i % 2},R{i},S{1 + i % 2},{1 + i % 5},{(i % 7) + 1}\n" for i in range(40))),
]))
write("year", "examples-excerpt.txt", archive([
    ("units.csv", head(ex + "communes/units.csv", 4).decode()),
    ("assessment.csv", "unit_id,code,value,points,evidence,note\nX01,1.1,có,1,X01-KH01,\nX02,1.3,khong,0,,\nX03,2.1,96.1%,0.5,,\n"),
    ("evidence.csv", head(ex + "communes/evidence.csv", 4).decode()),
    ("survey.csv", "unit_id,respondent_id,question,answer,weight\nX01,ND01,S1,5,\nX01,ND01,S2,4,\n"),
    ("adjustments.csv", "unit_id,kind,points,reason\nX02,bonus,1,\"Sáng kiến 'Phường không giấy tờ', nhân rộng\"\n"),
]))
write("year", "short-names.txt", "@@ u\nunit_id,name,group\nA,B,C\n@@ a\nunit_id,code,value\nA,1.1,có\n@@ p\n@@ j\nunit_id,kind,points\n")

total = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
print(f"{sum(1 for p in corpus.rglob('*') if p.is_file())} files, {total} bytes")
