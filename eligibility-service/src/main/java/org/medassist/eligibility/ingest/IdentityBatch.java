package org.medassist.eligibility.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.medassist.events.Department;
import org.medassist.events.IdentityEvent;
import org.medassist.events.IdentityType;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.auth.Scopes;
import org.medassist.kit.http.EventBatch;
import org.medassist.kit.http.EventBatch.Outcome;
import org.medassist.kit.http.EventBatch.Problem;
import org.medassist.schemas.Departments;

/**
 * Checks one POST body of identity events for a department ({@link EventBatch}): each event must be in a region
 * the token acts for, the department's own ({@code department} equal to the token's department) and of an identity
 * that department certifies (docs/contract.md), else the request is forbidden (docs/security.md).
 */
public final class IdentityBatch {
    private IdentityBatch() {}

    /**
     * @param principal a department's: its name is the {@link Department}
     * @param body      the request's bytes: refused unless UTF-8 ({@link EventBatch#check(byte[], int, Class, String, EventBatch.Authorizer)})
     * @param persons   told the personId of every event, authorized or not (for the audit record)
     */
    public static Outcome<IdentityEvent> check(ApiPrincipal principal, byte[] body, int maxEvents, Consumer<String> persons) {
        Department department = Department.valueOf(principal.name());
        return EventBatch.check(body, maxEvents, IdentityEvent.class, "identity", (i, id, node) -> {
            persons.accept(EventBatch.text(node.get("personId")));
            Problem outOfRegion = Scopes.regionProblem(principal, i, id, node);
            return outOfRegion != null ? outOfRegion : authorize(department, i, id, node);
        });
    }

    /** A department may send only its own events, of identities it certifies. Unreadable fields are left to validation. */
    private static Problem authorize(Department department, int index, String eventId, JsonNode node) {
        String sentDepartment = EventBatch.text(node.get("department"));
        if (sentDepartment != null && isDepartment(sentDepartment) && !sentDepartment.equals(department.name())) {
            return new Problem(index, eventId, "department", "this token is for department " + department.name()
                    + " and cannot send events of department " + sentDepartment);
        }
        String identity = EventBatch.text(node.get("identity"));
        if (identity != null && isIdentity(identity) && !Departments.certifies(department, IdentityType.valueOf(identity))) {
            return new Problem(index, eventId, "identity", "department " + department.name() + " does not certify identity "
                    + identity + " (certified by " + Departments.certifierOf(IdentityType.valueOf(identity)).name() + ")");
        }
        return null;
    }

    private static boolean isDepartment(String s) {
        for (Department d : Department.values()) if (d.name().equals(s)) return true;
        return false;
    }

    private static boolean isIdentity(String s) {
        for (IdentityType t : IdentityType.values()) if (t.name().equals(s)) return true;
        return false;
    }
}
