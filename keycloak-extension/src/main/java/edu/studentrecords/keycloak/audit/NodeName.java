package edu.studentrecords.keycloak.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This node's name for the log feed's lease: the host name and a random part, fixed for the life of the process. */
final class NodeName {

    private static final String NAME = hostName() + "/" + UUID.randomUUID();

    private NodeName() {
    }

    static String get() {
        return NAME;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
