package qdrift.testing;

import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The option names a script's command accepts, as picocli parses them (to check examples that call the scripts). */
public final class ScriptOptions {
    private ScriptOptions() {
    }

    public static Set<String> of(String commandClass) {
        try {
            var constructor = Class.forName(commandClass).getDeclaredConstructor();
            constructor.setAccessible(true);
            Set<String> names = new TreeSet<>();
            for (OptionSpec option : new CommandLine(constructor.newInstance()).getCommandSpec().options()) {
                names.addAll(Set.of(option.names()));
            }
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + commandClass, e);
        }
    }
}
