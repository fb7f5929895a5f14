package edu.studentrecords.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campus world of a test class: {@link Campus#setUp} in the class's realm (clients and people), then what the
 * class adds to it (records, tokens, realm settings), built once and shared by the class's tests.
 *
 * <p>Registered on a static field, so JUnit runs it after the Keycloak test framework's own extension (which
 * {@code @KeycloakIntegrationTest} registers on the class) has injected the realm and the OAuth client:
 * <pre>{@code
 * @RegisterExtension
 * static final CampusWorld<SearchIT, World> WORLD = CampusWorld.of(SearchIT.class, t -> t.realm, t -> t.oauth,
 *     SearchIT::enrol);
 * }</pre>
 * A realm the framework has replaced gets a new world. When setting up fails, the tests after it in the same realm
 * fail at once rather than set up again over what the failed attempt left. {@link #raw()} is the realm's store as the
 * raw driver sees it, closed after the class. Tests of a class run one at a time: not thread safe.
 *
 * @param <T> the test class
 * @param <W> what the class keeps of its world (a record of records and tokens, or the campus itself)
 */
final class CampusWorld<T, W> implements BeforeEachCallback, AfterAllCallback {

    /** What a test class adds to its campus; what it returns is the class's world. */
    @FunctionalInterface
    interface Builder<T, W> {
        W build(T test, Campus campus);
    }

    private final Class<T> testClass;
    private final Function<T, ManagedRealm> realmOf;
    private final Function<T, OAuthClient> oauthOf;
    private final Builder<T, W> builder;
    private Campus campus;
    private W world;
    private String failedIn;
    private RawRealmStore raw;

    private CampusWorld(Class<T> testClass, Function<T, ManagedRealm> realmOf, Function<T, OAuthClient> oauthOf,
                        Builder<T, W> builder) {
        this.testClass = testClass;
        this.realmOf = realmOf;
        this.oauthOf = oauthOf;
        this.builder = builder;
    }

    /** A world in the realm {@code realmOf} gives, signed in to through {@code oauthOf}, completed by {@code builder}. */
    static <T, W> CampusWorld<T, W> of(Class<T> testClass, Function<T, ManagedRealm> realmOf,
                                       Function<T, OAuthClient> oauthOf, Builder<T, W> builder) {
        return new CampusWorld<>(testClass, realmOf, oauthOf, builder);
    }

    /** A world that is the campus alone: its clients and people, no records. */
    static <T> CampusWorld<T, Campus> of(Class<T> testClass, Function<T, ManagedRealm> realmOf,
                                         Function<T, OAuthClient> oauthOf) {
        return new CampusWorld<>(testClass, realmOf, oauthOf, (test, campus) -> campus);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        T test = testClass.cast(context.getRequiredTestInstance());
        ManagedRealm realm = realmOf.apply(test);
        assertThat(realm).as("the test's realm, injected by the test framework before this extension runs")
            .isNotNull();
        if (campus != null && campus.realm.getId().equals(realm.getId())) {
            return;
        }
        assertThat(failedIn).as("the campus could not be set up").isNotEqualTo(realm.getId());
        failedIn = realm.getId();
        closeRaw();
        campus = null;
        world = null;
        Campus fresh = Campus.setUp(realm, oauthOf.apply(test));
        world = builder.build(test, fresh);
        campus = fresh;
        failedIn = null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeRaw();
    }

    /** The class's world, as its builder made it. */
    W get() {
        assertThat(world).as("a campus world, set up before each test").isNotNull();
        return world;
    }

    /** The campus the world was built on. */
    Campus campus() {
        assertThat(campus).as("a campus, set up before each test").isNotNull();
        return campus;
    }

    /** The realm's database in the suite store as a raw driver sees it, opened on first use. */
    RawRealmStore raw() {
        if (raw == null) {
            raw = new RawRealmStore(campus().realm.getId());
        }
        return raw;
    }

    private void closeRaw() {
        if (raw != null) {
            raw.close();
            raw = null;
        }
    }
}
