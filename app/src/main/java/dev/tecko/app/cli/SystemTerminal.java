package dev.tecko.app.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;

/** The process's console and standard input. */
final class SystemTerminal implements Terminal {
    static final Terminal INSTANCE = new SystemTerminal();

    private SystemTerminal() {
    }

    @Override
    public boolean interactive() {
        Console console = System.console();
        return console != null && isTerminal(console);
    }

    /**
     * Up to JDK 21 a console exists only on a terminal; from JDK 22 {@code System.console()} is never null and
     * {@code Console.isTerminal()} (absent on 17, the release this compiles for) tells the difference.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Override
    public char[] readHidden(String prompt) {
        return System.console().readPassword("%s", prompt);
    }

    @Override
    public String readLine(String prompt) {
        return System.console().readLine("%s", prompt);
    }

    @Override
    public InputStream stdin() {
        return System.in;
    }
}
