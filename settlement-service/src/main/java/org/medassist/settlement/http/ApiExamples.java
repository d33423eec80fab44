package org.medassist.settlement.http;

/**
 * The answers' examples of settlement-service's OpenAPI document (docs/api.md); the request examples are the
 * contract's, in service-kit/src/main/openapi/medassist-contract.yml. Request and response examples are paired by
 * name (ApiDocs); OpenApiTest sends each one to a running service.
 */
final class ApiExamples {
    private ApiExamples() {}

    static final String ACCEPTED = """
            {"accepted":1}""";

    static final String CLAIMS_INVALID = """
            {"error":"invalid","message":"1 invalid events; no event of this request was accepted","events":[{"index":0,"eventId":"H0012-2023-88813","field":"amounts.total","reason":"claim H0012-2023-88813: amounts.total must be a yuan string like \\"1234.50\\""}]}""";
    static final String CLAIM_REVERSALS_INVALID = """
            {"error":"invalid","message":"1 invalid events; no event of this request was accepted","events":[{"index":0,"eventId":"H0012-R-992","field":"claimId","reason":"claim_reversal H0012-R-992: missing \\"claimId\\""}]}""";
    static final String APPLICATIONS_INVALID = """
            {"error":"invalid","message":"1 invalid events; no event of this request was accepted","events":[{"index":0,"eventId":"A-78","field":"kind","reason":"application A-78: kind \\"bonus\\" is not one of tilt, one_time"}]}""";
    static final String YEAR_CLOSES_INVALID = """
            {"error":"invalid","message":"1 invalid events; no event of this request was accepted","events":[{"index":0,"eventId":null,"field":"year","reason":"year_close: year 1492 is not between 1900 and 2999"}]}""";
    static final String PARAMETERS_INVALID = """
            {"error":"invalid","message":"1 invalid events; no event of this request was accepted","events":[{"index":0,"eventId":"average_rent","field":"name","reason":"parameter average_rent is not used by jiujiang; known: per_capita_disposable_income, class3_deductible, class4_deductible, monitoring_threshold, tilt_threshold"}]}""";
    static final String CLAIMS_FORBIDDEN = """
            {"error":"forbidden","message":"this token is for hospital H0012 and cannot send claims of hospital H0099","events":[{"index":0,"eventId":"H0099-2023-00001","field":"hospitalId","reason":"this token is for hospital H0012 and cannot send claims of hospital H0099"}]}""";
    static final String CLAIM_REVERSALS_FORBIDDEN = """
            {"error":"forbidden","message":"only hospital tokens may send claim_reversal events; this one is a agency's"}""";
    static final String APPLICATIONS_FORBIDDEN = """
            {"error":"forbidden","message":"only agency tokens may send application events; this one is a hospital's"}""";
    static final String YEAR_CLOSES_FORBIDDEN = """
            {"error":"forbidden","message":"only agency tokens may send year_close events; this one is a hospital's"}""";
    static final String PARAMETERS_FORBIDDEN = """
            {"error":"forbidden","message":"only admin tokens may send parameter events; this one is a agency's"}""";

    static final String PERSON_YEAR = """
            {"personId":"P-0001","year":2023,"regions":[{"region":"jiujiang","policy":"jiujiang/九府办字〔2022〕118号","totals":{"assistancePaid":"0.00","tiltPaid":"0.00","S":"0.00","R":"0.00","burden":"0.00","deductibleCounted":{"annual":"0.00"},"capUsed":{"annual":"0.00"},"waitingForParameter":false},"ledger":[{"kind":"application","reference":"A-77","status":"settled","assistancePaid":"0.00","tiltPaid":"0.00","tier":null,"identity":null,"explanation":["application received: tilt is paid from now on as it accrues 九府办字〔2022〕118号 三（三）2（5）「按50%予以倾斜救助，年度救助限额1万元」","tilt accrued 0.00 = min(10000.00, 50% × max(0, cumR 0.00 − 15000.00)) 九府办字〔2022〕118号 三（三）2（5）「按50%予以倾斜救助，年度救助限额1万元」; paid before 0.00, now 0.00"]}]},{"region":"nanjing","policy":"nanjing/宁政办发〔2023〕1号","totals":{"assistancePaid":"16740.00","tiltPaid":"0.00","S":"18600.00","R":"1860.00","burden":"8860.00","deductibleCounted":{"shared":"18600.00"},"capUsed":{"outpatient":"0.00","special_inpatient":"16740.00"},"waitingForParameter":false},"ledger":[{"kind":"claim","hospitalId":"H0012","claimId":"H0012-2023-88812","date":"2023-05-25","S":"18600.00","status":"settled","assistancePaid":"16740.00","tiltPaid":"0.00","tier":"B","identity":"minimum_living","explanation":["S = policyScope 53000.00 − basicInsurance 30000.00 − criticalIllness 4400.00 − otherInsurance 0.00 = 18600.00 (DECISIONS E5)","identity minimum_living (civil_affairs, recognized 2023-04-20) → tier B 低保对象、其他困境儿童、精减退职工、特困职工、低保边缘家庭成员 宁政办发〔2023〕1号 三（四） para 2「最低生活保障对象、孤儿和事实无人抚养儿童之外的困境儿童」"]}]}]}""";
    static final String PERSON_YEAR_FORBIDDEN = """
            {"error":"forbidden","message":"hospital tokens may not read persons; readers, agencies and administrators read the persons of their regions"}""";
    static final String PERSON_YEAR_NOT_FOUND = """
            {"error":"not_found","message":"no settlement data for this person"}""";
    static final String PERSON_CLAIM = """
            {"personId":"P-0001","region":"nanjing","year":2023,"kind":"claim","hospitalId":"H0012","claimId":"H0012-2023-88812","date":"2023-05-25","S":"18600.00","status":"settled","assistancePaid":"16740.00","tiltPaid":"0.00","tier":"B","identity":"minimum_living","explanation":["S = policyScope 53000.00 − basicInsurance 30000.00 − criticalIllness 4400.00 − otherInsurance 0.00 = 18600.00 (DECISIONS E5)","identity minimum_living (civil_affairs, recognized 2023-04-20) → tier B 低保对象、其他困境儿童、精减退职工、特困职工、低保边缘家庭成员 宁政办发〔2023〕1号 三（四） para 2「最低生活保障对象、孤儿和事实无人抚养儿童之外的困境儿童」"]}""";
    static final String PERSON_CLAIM_FORBIDDEN = """
            {"error":"forbidden","message":"this token is for hospital H0012 and cannot read claims of hospital H0099"}""";
    static final String PERSON_CLAIM_NOT_FOUND = """
            {"error":"not_found","message":"no settlement data for this person"}""";
    static final String CLAIM_OWNER = """
            {"hospitalId":"H0012","claimId":"H0012-2023-88812","personId":"P-0001","region":"nanjing","year":2023,"claim":"/v1/persons/P-0001/claims/H0012/H0012-2023-88812"}""";
    static final String CLAIM_OWNER_FORBIDDEN = """
            {"error":"forbidden","message":"this token is for hospital H0012 and cannot read claims of hospital H0099"}""";
    static final String CLAIM_OWNER_NOT_FOUND = """
            {"error":"not_found","message":"no claim H0012/H0012-2023-00000 was received"}""";
}
