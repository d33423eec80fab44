package org.medassist.apitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The checks themselves fail when they should: an invalid document, a missing route, an answer of another shape. */
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOC = """
            openapi: 3.0.1
            info: {title: t, version: v1}
            security: [{bearer: []}]
            paths:
              /v1/things/{id}:
                get:
                  operationId: getThing
                  parameters: [{name: id, in: path, required: true, schema: {type: string}, example: T-1}]
                  responses:
                    "200":
                      description: a thing
                      content: {application/json: {examples: {found: {value: {id: T-1}}}}}
            components:
              securitySchemes: {bearer: {type: http, scheme: bearer}}
            """;

    @Test
    void aValidDocumentParsesAndAnInvalidOneDoesNot() {
        OpenApiContract doc = OpenApiContract.parse(DOC);
        assertEquals(Set.of(new OpenApiContract.Route("GET", "/v1/things/{id}")), doc.documented());
        assertThrows(AssertionFailedError.class, () -> OpenApiContract.parse(DOC.replace("responses:", "answers:")));
        assertThrows(AssertionFailedError.class, () -> OpenApiContract.parse(DOC.replace("$ref", "x").replace(
                "content: {application/json: {examples", "content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}, examples")));
    }

    @Test
    void aRouteMissingFromTheDocumentOrOneTooManyFails() {
        OpenApiContract doc = OpenApiContract.parse(DOC);
        doc.assertDocuments(Set.of(new OpenApiContract.Route("GET", "/v1/things/{id}")));
        assertThrows(AssertionFailedError.class, () -> doc.assertDocuments(Set.of(new OpenApiContract.Route("GET", "/v1/things/{id}"),
                new OpenApiContract.Route("POST", "/v1/things"))));
        assertThrows(AssertionFailedError.class, () -> doc.assertDocuments(Set.of(new OpenApiContract.Route("POST", "/v1/things/{id}"))));
        assertThrows(AssertionFailedError.class, () -> doc.assertAnswers(Set.of(), Set.of("200", "404")));
        doc.assertAnswers(Set.of(), Set.of("200"));
    }

    @Test
    void shapes() throws Exception {
        JsonNode ledger = JSON.readTree("""
                {"personId":"P-1","total":"1.00","ledger":[{"kind":"claim","claimId":"C"},{"kind":"application","reference":"A"}]}""");
        OpenApiContract.assertShape(ledger, JSON.readTree("""
                {"personId":"P-2","total":"9.00","extra":null,"ledger":[{"kind":"application","reference":"B"}]}"""), "ok");
        assertThrows(AssertionFailedError.class, () -> OpenApiContract.assertShape(ledger, JSON.readTree("""
                {"personId":"P-2","total":9,"ledger":[]}"""), "number for string"));
        assertThrows(AssertionFailedError.class, () -> OpenApiContract.assertShape(ledger, JSON.readTree("""
                {"personId":"P-2","total":"9.00","ledger":[],"more":1}"""), "an undocumented field"));
        assertThrows(AssertionFailedError.class, () -> OpenApiContract.assertShape(ledger, JSON.readTree("""
                {"personId":"P-2","ledger":[]}"""), "a missing field"));
        assertThrows(AssertionFailedError.class, () -> OpenApiContract.assertShape(ledger, JSON.readTree("""
                {"personId":"P-2","total":"9.00","ledger":[{"kind":"year_close"}]}"""), "an element like none"));
    }
}
