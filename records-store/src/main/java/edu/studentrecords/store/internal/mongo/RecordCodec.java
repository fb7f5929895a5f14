package edu.studentrecords.store.internal.mongo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.studentrecords.store.internal.crypto.Aead;
import edu.studentrecords.store.internal.crypto.BlindIndex;
import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.PhoneNumbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Turns a record into its stored form and back. The profile is stored in clear (searchable, needed for
 * access decisions); identity, contact and guardians are each sealed with AES-256-GCM under the record's
 * data key, with the record id, the version and the group bound as associated data; resident ID and
 * phones are also stored as keyed hashes for exact lookups. Thread-safe.
 */
public final class RecordCodec {

    static final String ID = "_id";
    static final String VERSION = "v";
    /**
     * The record's id and version as one value ({@link #idAtVersion}), uniquely indexed: a write conditional on the
     * version finds its record by this one key. The embedded engine answers only a filter on one indexed key from its
     * index, and scans the whole collection for {@code {_id, v}}.
     */
    static final String ID_AT_VERSION = "rv";
    static final String OWNER = "owner";
    static final String PROFILE = "profile";
    static final String STUDENT_NUMBER = "profile.studentNumber";
    static final String UNIT = "unit";
    static final String SEALED = "sealed";
    static final String RESIDENT_ID_HASH = "rid";
    static final String PHONE_HASHES = "phones";
    static final String CREATED = "createdAt";
    static final String UPDATED = "updatedAt";
    static final String VERIFIED = "verifiedAt";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Guardian>> GUARDIANS = new TypeReference<>() {
    };

    private final ObjectMapper json = RecordJson.mapper();
    private final BlindIndex blindIndex;

    public RecordCodec(BlindIndex blindIndex) {
        this.blindIndex = blindIndex;
    }

    /** The value of {@link #ID_AT_VERSION} for a record at a version. */
    static String idAtVersion(String recordId, long version) {
        return recordId + "@" + version;
    }

    /** The stored form of {@code record}, its sensitive groups sealed with {@code dataKey}. */
    public Document encode(StoredRecord record, byte[] dataKey) {
        StudentRecord content = record.content();
        Document sealed = new Document()
                .append(FieldGroup.IDENTITY.jsonName(), seal(record, FieldGroup.IDENTITY, content.identity(), dataKey))
                .append(FieldGroup.CONTACT.jsonName(), seal(record, FieldGroup.CONTACT, content.contact(), dataKey))
                .append(FieldGroup.GUARDIANS.jsonName(), seal(record, FieldGroup.GUARDIANS, content.guardians(), dataKey));
        Document doc = new Document(ID, record.id())
                .append(VERSION, record.version())
                .append(ID_AT_VERSION, idAtVersion(record.id(), record.version()))
                .append(PROFILE, new Document(json.convertValue(content.profile(), MAP)))
                .append(UNIT, content.profile().unit())
                .append(SEALED, sealed)
                .append(RESIDENT_ID_HASH, residentIdHash(content.identity().residentIdNumber()))
                .append(PHONE_HASHES, phoneHashes(content))
                .append(CREATED, Date.from(record.createdAt()))
                .append(UPDATED, Date.from(record.updatedAt()))
                .append(VERIFIED, record.verifiedAt() == null ? null : Date.from(record.verifiedAt()));
        // Absent rather than null: the unique index on the owner is sparse, and nulls would collide.
        if (record.ownerSubject() != null) {
            doc.append(OWNER, record.ownerSubject());
        }
        return doc;
    }

    /** The header of a stored record, without decrypting anything. */
    public RecordHeader header(Document doc) {
        return new RecordHeader(doc.getString(ID), doc.getLong(VERSION), doc.getString(OWNER), doc.getString(UNIT));
    }

    /**
     * The record with only {@code groups} filled in (the others {@code null}); sensitive groups are opened
     * with {@code dataKey}, which may be {@code null} when no sensitive group is asked for.
     */
    public StoredRecord decode(Document doc, Set<FieldGroup> groups, byte[] dataKey) {
        String id = doc.getString(ID);
        long version = doc.getLong(VERSION);
        Document sealed = doc.get(SEALED, Document.class);
        Profile profile = groups.contains(FieldGroup.PROFILE)
                ? json.convertValue(doc.get(PROFILE, Document.class), Profile.class) : null;
        Identity identity = groups.contains(FieldGroup.IDENTITY)
                ? open(sealed, id, version, FieldGroup.IDENTITY, dataKey, Identity.class) : null;
        Contact contact = groups.contains(FieldGroup.CONTACT)
                ? open(sealed, id, version, FieldGroup.CONTACT, dataKey, Contact.class) : null;
        List<Guardian> guardians = groups.contains(FieldGroup.GUARDIANS)
                ? openGuardians(sealed, id, version, dataKey) : null;
        Date verified = doc.getDate(VERIFIED);
        return new StoredRecord(id, version, doc.getString(OWNER),
                new StudentRecord(profile, identity, contact, guardians),
                doc.getDate(CREATED).toInstant(), doc.getDate(UPDATED).toInstant(),
                verified == null ? null : verified.toInstant());
    }

    /** The keyed hash of a resident ID number, case-insensitive. */
    public String residentIdHash(String residentIdNumber) {
        return blindIndex.hash(BlindIndex.Domain.RESIDENT_ID, residentIdNumber.trim().toUpperCase(Locale.ROOT));
    }

    /** The keyed hash of a phone number in any accepted spelling; empty for a number that is not valid. */
    public java.util.Optional<String> phoneHash(String phone) {
        return PhoneNumbers.normalise(phone).map(e164 -> blindIndex.hash(BlindIndex.Domain.PHONE, e164));
    }

    private List<String> phoneHashes(StudentRecord content) {
        List<String> hashes = new ArrayList<>();
        phoneHash(content.contact().mobilePhone()).ifPresent(hashes::add);
        for (Guardian guardian : content.guardians()) {
            phoneHash(guardian.phone()).filter(h -> !hashes.contains(h)).ifPresent(hashes::add);
        }
        return hashes;
    }

    private Binary seal(StoredRecord record, FieldGroup group, Object value, byte[] dataKey) {
        try {
            byte[] plaintext = json.writeValueAsBytes(value);
            return new Binary(Aead.seal(dataKey, plaintext, associatedData(record.id(), record.version(), group)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the " + group.jsonName() + " group", e);
        }
    }

    private <T> T open(Document sealed, String id, long version, FieldGroup group, byte[] dataKey, Class<T> type) {
        try {
            return json.readValue(openBytes(sealed, id, version, group, dataKey), type);
        } catch (IOException e) {
            throw new IllegalStateException("stored " + group.jsonName() + " group of a record is not readable", e);
        }
    }

    private List<Guardian> openGuardians(Document sealed, String id, long version, byte[] dataKey) {
        try {
            return json.readValue(openBytes(sealed, id, version, FieldGroup.GUARDIANS, dataKey), GUARDIANS);
        } catch (IOException e) {
            throw new IllegalStateException("stored guardians group of a record is not readable", e);
        }
    }

    private static byte[] openBytes(Document sealed, String id, long version, FieldGroup group, byte[] dataKey) {
        return Aead.open(dataKey, sealed.get(group.jsonName(), Binary.class).getData(), associatedData(id, version, group));
    }

    static byte[] associatedData(String recordId, long version, FieldGroup group) {
        return ("record|" + recordId + "|" + version + "|" + group.jsonName()).getBytes(StandardCharsets.UTF_8);
    }
}
