package org.medassist.eligibility.http;

/**
 * The answers' examples of eligibility-service's OpenAPI document (docs/api.md); the request examples are the
 * contract's, in service-kit/src/main/openapi/medassist-contract.yml. Request and response examples are paired by
 * name (ApiDocs); OpenApiTest sends each one to a running service.
 */
final class ApiExamples {
    private ApiExamples() {}

    static final String IDENTITY_EVENTS_ACCEPTED = """
            {"accepted":1,"duplicates":0}""";
    static final String IDENTITY_EVENTS_REFUSED = """
            {"error":"invalid","message":"1 invalid events; no event of this request was accepted",
             "events":[{"index":0,"eventId":"mz-2023-000124","field":"effectiveDate",
                        "reason":"effectiveDate \\"2023-02-30\\" is not a date (YYYY-MM-DD)"}]}""";
    static final String IDENTITY_EVENTS_FORBIDDEN = """
            {"error":"forbidden","message":"only department tokens may send identity events; this one is a hospital's"}""";

    static final String ELIGIBILITY = """
            {"personId":"P-0001",
             "events":[{"type":"identity","eventId":"mz-2023-000123","personId":"P-0001","region":"nanjing",
                        "department":"civil_affairs","identity":"minimum_living","action":"grant",
                        "effectiveDate":"2023-04-20","attributes":{}}],
             "spells":[{"region":"nanjing","identity":"minimum_living","department":"civil_affairs",
                        "recognized":"2023-04-20","exit":"2024-06-30"}]}""";
    static final String ELIGIBILITY_FORBIDDEN = """
            {"error":"forbidden","message":"hospital tokens may not read persons; readers, agencies and administrators read the persons of their regions"}""";
    static final String ELIGIBILITY_NOT_FOUND = """
            {"error":"not_found","message":"no identity event is known for this person"}""";
}
