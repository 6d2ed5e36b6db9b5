package eu.microcredentials.eventsourcing.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.eventsourcing.web.BearerToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which resources only operators reach, how their key is read from the header, and that no configured key admits nobody. */
class OperatorsOnlyAdminTest {

    @Test
    void every_kernel_admin_resource_is_for_operators_only() throws NoSuchMethodException {
        for (Class<?> resource : new Class<?>[] {ProjectionsResource.class, RebuildsResource.class, DigestsResource.class,
                AuditResource.class}) {
            for (Method method : resource.getDeclaredMethods()) {
                if (method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)) {
                    assertTrue(OperatorsOnlyAdmin.isAdmin(resource, method),
                            resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertTrue(OperatorsOnlyAdmin.isAdmin(RootWithAdminMethod.class, RootWithAdminMethod.class.getMethod("admin")));
        assertFalse(OperatorsOnlyAdmin.isAdmin(RootWithAdminMethod.class, RootWithAdminMethod.class.getMethod("api")));
    }

    @Test
    void the_key_is_the_bearer_token_of_the_authorization_header() {
        assertEquals("k3y", BearerToken.in("Bearer k3y"));
        assertEquals("k3y", BearerToken.in("bearer  k3y "));
        assertNull(BearerToken.in(null));
        assertNull(BearerToken.in("Bearer "));
        assertNull(BearerToken.in("Basic k3y"));
    }

    @Test
    void only_the_configured_key_is_the_operators_and_without_one_no_key_is() {
        ConfiguredOperatorKey configured = new ConfiguredOperatorKey(Optional.of(" s3cret "));
        assertTrue(configured.isOperatorKey("s3cret"));
        assertFalse(configured.isOperatorKey("s3cret2"));
        assertFalse(configured.isOperatorKey(""));
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            ConfiguredOperatorKey closed = new ConfiguredOperatorKey(none);
            assertFalse(closed.isOperatorKey(""));
            assertFalse(closed.isOperatorKey(" "));
            assertFalse(closed.isOperatorKey("anything"));
        }
    }

    @Path("/")
    static class RootWithAdminMethod {
        @GET
        @Path("admin/secrets")
        public String admin() {
            return "";
        }

        @GET
        @Path("api/v1/things")
        public String api() {
            return "";
        }
    }
}
