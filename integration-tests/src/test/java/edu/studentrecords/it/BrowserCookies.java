package edu.studentrecords.it;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The cookie jar of one browser talking to one server, as a browser keeps it for {@code localhost}: Keycloak marks
 * its login cookies {@code Secure}, which browsers send to {@code http://localhost} (a secure context) but
 * {@link java.net.CookieManager} sends over HTTPS only. Keeps name and value per name; {@link #clear()} forgets all.
 */
final class BrowserCookies extends CookieHandler {

    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        if (cookies.isEmpty()) {
            return Map.of();
        }
        return Map.of("Cookie", List.of(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
                for (String value : values) {
                    for (HttpCookie cookie : HttpCookie.parse(value)) {
                        if (cookie.getMaxAge() == 0) {
                            cookies.remove(cookie.getName());
                        } else {
                            cookies.put(cookie.getName(), cookie.getValue());
                        }
                    }
                }
            }
        });
    }

    void clear() {
        cookies.clear();
    }
}
