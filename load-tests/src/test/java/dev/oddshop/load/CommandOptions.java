package dev.oddshop.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --name value} and {@code --flag} options of the drill's and the benchmark's command lines. */
public final class CommandOptions {

    private CommandOptions() {}

    /** The options from {@code args[from]} on; a flag without a value is "true". */
    public static Map<String, String> parse(String[] args, int from) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }
}
