package qdrift.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import qdrift.cli.Cli;

/**
 * Runs a script's command class in-process, the way its main would, and captures what a user would see.
 * Script classes live in the default package (JBang scripts), hence the lookup by name.
 */
public record ScriptRun(int exitCode, String out, String err) {

    public static ScriptRun of(String commandClass, String... args) {
        Object command;
        try {
            var constructor = Class.forName(commandClass).getDeclaredConstructor();
            constructor.setAccessible(true);
            command = constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + commandClass, e);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(command, new PrintWriter(out), new PrintWriter(err), args);
        return new ScriptRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
