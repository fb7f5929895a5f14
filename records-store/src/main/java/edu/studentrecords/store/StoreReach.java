package edu.studentrecords.store;

import com.mongodb.connection.ClusterDescription;

/** What a MongoDB client knows, without asking, of whether the record store can be reached. */
public final class StoreReach {

    private StoreReach() {
    }

    /**
     * Whether {@code cluster} (a client's {@code getClusterDescription()}, which never waits) shows the store out of
     * reach: the client's last check or operation failed for each of its servers and none has answered since. A server
     * the client has not tried yet carries no failure, so a client that has not made contact is not taken for cut off.
     *
     * @param cluster what the client knows; null when there is no client to ask (then false)
     */
    public static boolean unreachable(ClusterDescription cluster) {
        if (cluster == null || cluster.getServerDescriptions().isEmpty()) {
            return false;
        }
        return cluster.getServerDescriptions().stream()
                .allMatch(server -> !server.isOk() && server.getException() != null);
    }
}
