package dev.stockbridge.examples.runner;

import dev.stockbridge.InvalidValueException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The runner's command line, parsed: options, the command and its operands. A wrong command line is
 * a {@link UsageException} saying what to type instead.
 *
 * @param config the configuration file
 * @param debug whether to print stack traces
 * @param help whether to print the usage
 * @param once whether {@code sync} runs one cycle
 * @param schedule whether {@code feeds publish} runs nightly
 * @param command the command
 * @param subcommand the subcommand, or null
 * @param operands the command's operands (inspection: SKU, location, quantity)
 * @param id the inspection id given with --id, or null
 */
record Arguments(Path config, boolean debug, boolean help, boolean once, boolean schedule, String command, String subcommand, List<String> operands, String id) {

  /** The inspection id: the one given with --id, or a new one (a person's repeat is a new inspection). */
  String inspectionId() {
    return id != null ? id : "manual-" + UUID.randomUUID();
  }

  static long count(String text) {
    if (!text.matches("[1-9][0-9]{0,11}")) {
      throw new UsageException("quantity " + InvalidValueException.shown(text) + " is not a whole number of units above 0");
    }
    return Long.parseLong(text);
  }

  static Arguments parse(String[] args) {
    Path config = Path.of("stockbridge.json");
    boolean debug = false;
    boolean help = false;
    boolean once = false;
    boolean schedule = false;
    String id = null;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            throw new UsageException("--config needs a file: --config stockbridge.json");
          }
          config = Path.of(args[++i]);
        }
        case "--debug" -> debug = true;
        case "--help", "-h" -> help = true;
        case "--once" -> once = true;
        case "--schedule" -> schedule = true;
        case "--id" -> {
          if (i + 1 >= args.length) {
            throw new UsageException("--id needs an inspection id: --id qc-2026-12-01-7");
          }
          id = args[++i];
        }
        default -> {
          if (args[i].startsWith("-")) {
            throw new UsageException("unknown option " + args[i] + ": run with --help");
          }
          words.add(args[i]);
        }
      }
    }
    if (help) {
      return new Arguments(config, debug, true, once, schedule, "", null, List.of(), id);
    }
    if (words.isEmpty()) {
      throw new UsageException("no command given: use sync, reconcile, feeds generate, feeds publish, feeds serve, orders list, orders retry,"
          + " inspection pass, inspection fail or status (--help for more)");
    }
    String command = words.get(0);
    if (!List.of("sync", "reconcile", "feeds", "orders", "inspection", "status").contains(command)) {
      throw new UsageException("unknown command " + command + ": use sync, reconcile, feeds generate, feeds publish, feeds serve, orders list, orders retry,"
          + " inspection pass, inspection fail or status (--help for more)");
    }
    String sub = words.size() > 1 ? words.get(1) : null;
    if ("feeds".equals(command) && !List.of("generate", "publish", "serve").contains(String.valueOf(sub))) {
      throw new UsageException("feeds needs generate, publish or serve: feeds generate");
    }
    if ("orders".equals(command) && !"list".equals(sub) && !"retry".equals(sub)) {
      throw new UsageException("orders needs list or retry: orders list");
    }
    if ("inspection".equals(command)) {
      if ((!"pass".equals(sub) && !"fail".equals(sub)) || words.size() != 5) {
        throw new UsageException("inspection needs pass or fail, then SKU LOCATION QUANTITY: inspection pass MUG-WHITE london-dc 4");
      }
      return new Arguments(config, debug, false, once, schedule, command, sub, List.copyOf(words.subList(2, 5)), id);
    }
    if (id != null) {
      throw new UsageException("--id applies to inspection only");
    }
    if (words.size() > (List.of("feeds", "orders").contains(command) ? 2 : 1)) {
      throw new UsageException("unexpected argument " + words.get(words.size() - 1) + ": run with --help");
    }
    if (once && !"sync".equals(command)) {
      throw new UsageException("--once applies to sync only");
    }
    if (schedule && !("feeds".equals(command) && "publish".equals(sub))) {
      throw new UsageException("--schedule applies to feeds publish only");
    }
    return new Arguments(config, debug, false, once, schedule, command, sub, List.of(), null);
  }
}
