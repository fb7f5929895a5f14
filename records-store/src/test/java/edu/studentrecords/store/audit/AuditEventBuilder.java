package edu.studentrecords.store.audit;

import edu.studentrecords.store.model.FieldGroup;
import java.util.List;
import java.util.Set;

/** Fills an {@link AuditEvent} field by field, for tests. Not thread-safe; {@link #build()} validates. */
public final class AuditEventBuilder {

    private String subject;
    private String clientId;
    private String purpose;
    private String grantId;
    private String recordId;
    private List<String> recordIds = List.of();
    private Set<FieldGroup> groups = Set.of();
    private String operation;
    private Decision decision;
    private String reason;

    public AuditEventBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    public AuditEventBuilder clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    public AuditEventBuilder purpose(String purpose) {
        this.purpose = purpose;
        return this;
    }

    public AuditEventBuilder grantId(String grantId) {
        this.grantId = grantId;
        return this;
    }

    public AuditEventBuilder recordId(String recordId) {
        this.recordId = recordId;
        return this;
    }

    public AuditEventBuilder recordIds(List<String> recordIds) {
        this.recordIds = recordIds;
        return this;
    }

    public AuditEventBuilder groups(Set<FieldGroup> groups) {
        this.groups = groups;
        return this;
    }

    public AuditEventBuilder operation(String operation) {
        this.operation = operation;
        return this;
    }

    public AuditEventBuilder decision(Decision decision) {
        this.decision = decision;
        return this;
    }

    public AuditEventBuilder reason(String reason) {
        this.reason = reason;
        return this;
    }

    /** The event; throws {@link IllegalArgumentException} or {@link NullPointerException} when invalid. */
    public AuditEvent build() {
        return new AuditEvent(subject, clientId, purpose, grantId, recordId, recordIds, groups, operation,
                decision, reason);
    }

    public static AuditEventBuilder builder() {
        return new AuditEventBuilder();
    }
}
