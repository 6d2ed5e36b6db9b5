package eu.microcredentials.systemtests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the {@link Platform}, started once for the whole test run (kept in the root
 * store, so it is stopped when the run ends) and made whole again before each class.
 */
public final class RunningPlatform implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningPlatform.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        platform(context).ensureRunning();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return platform(context);
    }

    private static Platform platform(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Platform.class, key -> Platform.start(), Platform.class);
    }
}
