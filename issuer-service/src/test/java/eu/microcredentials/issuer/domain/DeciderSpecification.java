package eu.microcredentials.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A decider test that reads as a specification: {@code given(past events).when(command).then(new events)},
 * or {@code .thenRefused(reason)}. The state is built only by replaying the given events through
 * {@code evolve}, as the event store does.
 */
public final class DeciderSpecification<C, S, E> {
    private final BiFunction<C, S, List<E>> decide;
    private final BiFunction<S, E, S> evolve;
    private final Supplier<S> initial;

    public DeciderSpecification(BiFunction<C, S, List<E>> decide, BiFunction<S, E, S> evolve, Supplier<S> initial) {
        this.decide = decide;
        this.evolve = evolve;
        this.initial = initial;
    }

    @SafeVarargs
    public final Given given(E... history) {
        S state = initial.get();
        for (E event : history) {
            state = evolve.apply(state, event);
        }
        return new Given(state);
    }

    /** The state the past events left. */
    public final class Given {
        private final S state;

        private Given(S state) {
            this.state = state;
        }

        public When when(C command) {
            return new When(state, command);
        }

        public S state() {
            return state;
        }
    }

    /** A command against that state. */
    public final class When {
        private final S state;
        private final C command;

        private When(S state, C command) {
            this.state = state;
            this.command = command;
        }

        @SafeVarargs
        public final List<E> then(E... expected) {
            List<E> events = decide.apply(command, state);
            assertEquals(List.of(expected), events);
            return events;
        }

        public Refusal thenRefused(String reasonContains) {
            Refusal refusal = assertThrows(Refusal.class, () -> decide.apply(command, state));
            assertTrue(refusal.getMessage().contains(reasonContains),
                    () -> "refusal \"" + refusal.getMessage() + "\" should mention \"" + reasonContains + "\"");
            return refusal;
        }
    }
}
