package edu.studentrecords.keycloak.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.studentrecords.store.consent.ConsentPurpose;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * The realm's consent purposes, from the realm attribute {@value #ATTRIBUTE}: a JSON array of
 * {@code {"id","version","texts":{"en","zh-CN"}}}. A purpose that cannot be read is left out (and logged by its
 * position, never its text); no attribute, no purposes.
 */
public final class ConsentPurposesSetting {

    /** The realm attribute of the consent purposes. */
    public static final String ATTRIBUTE = "student-records.consent-purposes";

    private static final Logger LOG = Logger.getLogger(ConsentPurposesSetting.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsentPurposesSetting() {
    }

    /** The realm's consent purposes, in the order the attribute lists them. */
    public static List<ConsentPurpose> of(RealmModel realm) {
        return parse(realm.getAttribute(ATTRIBUTE));
    }

    /** The purposes an attribute's value lists. */
    static List<ConsentPurpose> parse(String value) {
        List<ConsentPurpose> purposes = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return purposes;
        }
        JsonNode array;
        try {
            array = JSON.readTree(value);
        } catch (IOException e) {
            LOG.warnf("The realm attribute %s is not JSON; no consent purposes", ATTRIBUTE);
            return purposes;
        }
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonNode node = array.get(i);
            try {
                Map<String, String> texts = new LinkedHashMap<>();
                node.path("texts").fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
                purposes.add(new ConsentPurpose(node.path("id").asText(null), node.path("version").asInt(0), texts));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.warnf("Consent purpose %d of the realm attribute %s cannot be read; left out", i, ATTRIBUTE);
            }
        }
        return purposes;
    }
}
