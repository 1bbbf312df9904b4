package io.cocoatly.installer;

import io.cocoatly.config.Home;
import java.nio.file.Path;

/**
 * A process for {@link StateCrashTest}: commits the states of {@link StateCrashTest#states} to the
 * home given as its argument in an endless loop, until it is killed. It says {@code writing} once
 * the first commit is done.
 */
public final class StateWriterMain {

    private StateWriterMain() {
    }

    public static void main(String[] args) {
        Home home = new Home(Path.of(args[0]));
        var states = StateCrashTest.states(home);
        StateStore.write(home, states.get(0));
        System.out.println("writing");
        System.out.flush();
        for (int i = 1; ; i = (i + 1) % states.size()) {
            StateStore.write(home, states.get(i));
        }
    }
}
