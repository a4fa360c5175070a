package dev.stockbridge.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One run of the runner in this JVM, with what it printed. */
record Invocation(int exitCode, String out, String err) {

  /** Runs the runner. */
  static Invocation run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Runner.run(args, env, o, e);
    }
    return new Invocation(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Asserts the run failed with exactly this one stderr line and code, no stack trace and no secret. */
  void assertFailed(int expectedCode, String expectedLine, Map<String, String> env) {
    assertThat(err.lines().toList()).containsExactly(expectedLine);
    assertThat(exitCode).isEqualTo(expectedCode);
    assertNoTraceAndNoSecret(env);
  }

  /** Asserts neither stream holds a stack trace or one of the secrets. */
  void assertNoTraceAndNoSecret(Map<String, String> env) {
    for (String text : List.of(out, err)) {
      assertThat(text).doesNotContain("\tat ", "Exception:", "Caused by");
      env.values().forEach(secret -> assertThat(text).doesNotContain(secret));
    }
  }

  /** Writes a file, creating its directory. */
  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
