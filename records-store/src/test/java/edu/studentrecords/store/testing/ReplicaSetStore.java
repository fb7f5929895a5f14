package edu.studentrecords.store.testing;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.spi.dns.InetAddressResolver;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A real three-member MongoDB replica set in containers ({@code mongo} image of the version the build names, system
 * property {@code mongodb.image}), for a test class marked {@link RealMongoDB}; the store reaches it with the production
 * connection options {@code w=majority&journal=true&readConcernLevel=majority&replicaSet=rs0}.
 *
 * <p>The members know each other as {@code mongo1..3}, each on a port of its own that is published on the same port of
 * the loopback interface, so that the driver, which connects to the hosts the replica set names, reaches every member
 * from the test's JVM: the store's clients resolve {@code mongo1..3} to the loopback address.
 */
public final class ReplicaSetStore implements BeforeAllCallback, AfterAllCallback, StoreUnderTest {

    /** The replica set's name. */
    public static final String REPLICA_SET = "rs0";
    private static final int MEMBERS = 3;

    private final List<GenericContainer<?>> members = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();
    private final int[] ports = new int[MEMBERS];
    private Network network;
    private Path keys;
    private MongoClient raw;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String image = System.getProperty("mongodb.image");
        if (image == null || image.isBlank()) {
            throw new IllegalStateException("system property mongodb.image is not set (the build sets it from the root pom)");
        }
        keys = Files.createTempDirectory("replica-set-keys");
        network = Network.newNetwork();
        for (int i = 0; i < MEMBERS; i++) {
            int port = freePort();
            ports[i] = port;
            GenericContainer<?> member = new GenericContainer<>(DockerImageName.parse(image))
                    .withNetwork(network)
                    .withNetworkAliases(host(i))
                    .withCommand("mongod", "--replSet", REPLICA_SET, "--bind_ip_all", "--port", String.valueOf(port))
                    .withCreateContainerCmdModifier(cmd -> cmd.withExposedPorts(ExposedPort.tcp(port))
                            .getHostConfig().withPortBindings(new PortBinding(
                                    Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(port))))
                    .waitingFor(Wait.forLogMessage("(?s).*Waiting for connections.*", 1)
                            .withStartupTimeout(Duration.ofMinutes(2)));
            members.add(member);
        }
        members.parallelStream().forEach(GenericContainer::start);
        StringBuilder config = new StringBuilder("rs.initiate({_id:'" + REPLICA_SET + "',members:[");
        for (int i = 0; i < MEMBERS; i++) {
            config.append(i == 0 ? "" : ",").append("{_id:").append(i).append(",host:'").append(host(i)).append(':')
                    .append(ports[i]).append("'}");
        }
        config.append("]})");
        var initiated = members.get(0).execInContainer("mongosh", "--quiet", "--port", String.valueOf(ports[0]),
                "--eval", config.toString());
        if (initiated.getExitCode() != 0) {
            throw new IllegalStateException("rs.initiate failed: " + initiated.getStdout() + initiated.getStderr());
        }
        raw = newClient();
        awaitPrimary(Duration.ofMinutes(2));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        clients.forEach(MongoClient::close);
        clients.clear();
        members.forEach(GenericContainer::stop);
        members.clear();
        if (network != null) {
            network.close();
        }
        if (keys != null) {
            try (var files = Files.walk(keys)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The production connection string for this replica set (no credentials: the test set runs without them). */
    public String connectionString() {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < MEMBERS; i++) {
            hosts.append(i == 0 ? "" : ",").append(host(i)).append(':').append(ports[i]);
        }
        return "mongodb://" + hosts + "/?replicaSet=" + REPLICA_SET
                + "&w=majority&journal=true&readConcernLevel=majority";
    }

    @Override
    public StoreSettings settings() {
        return StoreSettings.builder()
                .connectionString(connectionString())
                .keysDirectory(keys)
                .generateMissingKeys(true)
                .writeConcern("majority", true)
                .feedSettle(Duration.ofSeconds(2))
                .retentionFloorDays(0)
                .build();
    }

    @Override
    public MongoClient newClient(CommandListener... listeners) {
        MongoClientSettings.Builder builder = MongoClientSettings.builder(StudentRecords.clientSettings(settings()))
                .inetAddressResolver(new MembersOnLoopback());
        for (CommandListener listener : listeners) {
            builder.addCommandListener(listener);
        }
        MongoClient client = MongoClients.create(builder.build());
        clients.add(client);
        return client;
    }

    @Override
    public MongoDatabase rawDatabase() {
        return raw.getDatabase(settings().database());
    }

    @Override
    public boolean explainsPlans() {
        return true;
    }

    /** The replica set's status ({@code replSetGetStatus}). */
    public Document status() {
        return raw.getDatabase("admin").runCommand(new Document("replSetGetStatus", 1), ReadPreference.primary());
    }

    /** The {@code host:port} of the current primary. */
    public String primary() {
        Document hello = raw.getDatabase("admin").runCommand(new Document("hello", 1), ReadPreference.primary());
        return hello.getString("primary");
    }

    /**
     * Makes the current primary step down (it may not stand again for 30 seconds) and waits until another member is
     * primary; returns the old primary.
     */
    public String stepDownPrimary() {
        String old = primary();
        try {
            raw.getDatabase("admin").runCommand(new Document("replSetStepDown", 30)
                    .append("secondaryCatchUpPeriodSecs", 10), ReadPreference.primary());
        } catch (MongoException e) {
            // The stepping-down primary may drop the connection that asked: the step-down still happens.
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            try {
                String now = primary();
                if (now != null && !now.equals(old)) {
                    return old;
                }
            } catch (MongoException e) {
                // no primary yet
            }
            sleep();
        }
        throw new IllegalStateException("no new primary within a minute of " + old + " stepping down");
    }

    private void awaitPrimary(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        MongoException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (primary() != null) {
                    return;
                }
            } catch (MongoException e) {
                last = e;
            }
            sleep();
        }
        throw new IllegalStateException("the replica set elected no primary in " + timeout, last);
    }

    private static String host(int member) {
        return "mongo" + (member + 1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The members' names resolve to the loopback address, where their ports are published; other names as usual. */
    private static final class MembersOnLoopback implements InetAddressResolver {
        @Override
        public List<InetAddress> lookupByName(String host) throws java.net.UnknownHostException {
            if (host.matches("mongo[1-" + MEMBERS + "]")) {
                return List.of(InetAddress.getLoopbackAddress());
            }
            return Arrays.asList(InetAddress.getAllByName(host));
        }
    }
}
