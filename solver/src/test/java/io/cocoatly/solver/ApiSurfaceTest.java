package io.cocoatly.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sat4j and jgrapht stay internal: no public signature of the API package mentions them. */
class ApiSurfaceTest {

    private static final List<Class<?>> API = List.of(Resolver.class, ResolveRequest.class, Resolution.class,
            Resolution.Solved.class, Resolution.Unsatisfiable.class, Resolution.SelectedPackage.class,
            Statistics.class, CheckReport.class, VersionCheck.class,
            ResolutionTimeoutException.class);

    @Test
    void publicSignaturesUseNoThirdPartyTypes() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : API) {
            for (Method m : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                String signature = m.toGenericString();
                if (signature.contains("org.sat4j") || signature.contains("org.jgrapht")) {
                    leaks.add(signature);
                }
            }
        }
        assertTrue(leaks.isEmpty(), leaks::toString);
    }
}
