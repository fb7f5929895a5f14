package edu.studentrecords.keycloak.settings;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import org.keycloak.models.RealmModel;

/** A realm that is only its name and its attributes, kept in a map the test can look into. */
public final class AttributeRealm {

    private AttributeRealm() {
    }

    /** A realm over {@code attributes}, which it reads and changes. */
    public static RealmModel over(Map<String, String> attributes) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> {
                    int arity = method.getParameterCount();
                    switch (method.getName()) {
                        case "getName":
                            return "test-realm";
                        case "getId":
                            return "test-realm-id";
                        case "getAttribute":
                            if (arity == 1) {
                                return attributes.get((String) args[0]);
                            }
                            break;
                        case "setAttribute":
                            if (arity == 2 && method.getParameterTypes()[1] == String.class) {
                                attributes.put((String) args[0], (String) args[1]);
                                return null;
                            }
                            break;
                        case "removeAttribute":
                            attributes.remove((String) args[0]);
                            return null;
                        case "getAttributes":
                            return new TreeMap<>(attributes);
                        default:
                            break;
                    }
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
