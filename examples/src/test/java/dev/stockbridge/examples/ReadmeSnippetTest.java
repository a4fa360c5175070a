package dev.stockbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding snippet compiles against the library as it is now. */
class ReadmeSnippetTest {

  /** What a host would import; the snippet itself shows statements only. */
  private static final String IMPORTS = String.join("\n",
      "import com.commercetools.api.defaultconfig.ServiceRegion;",
      "import dev.stockbridge.Location;",
      "import dev.stockbridge.Sku;",
      "import dev.stockbridge.bundle.BundleCatalogue;",
      "import dev.stockbridge.commercetools.CommercetoolsConfig;",
      "import dev.stockbridge.commercetools.CommercetoolsConnector;",
      "import dev.stockbridge.commercetools.LocationChannels;",
      "import dev.stockbridge.demand.FileDemandStore;",
      "import dev.stockbridge.engine.PeakWindow;",
      "import dev.stockbridge.engine.StockEngine;",
      "import dev.stockbridge.flow.Checkpoints;",
      "import dev.stockbridge.flow.OrderFlow;",
      "import dev.stockbridge.flow.OrderQuarantine;",
      "import dev.stockbridge.journal.FileJournal;",
      "import dev.stockbridge.mapping.CatalogueMapping;",
      "import dev.stockbridge.order.OrderEvent;",
      "import dev.stockbridge.order.OrderLine;",
      "import dev.stockbridge.planner.PlannerClient;",
      "import dev.stockbridge.planner.PlannerConfig;",
      "import dev.stockbridge.planner.PlannerSupply;",
      "import dev.stockbridge.flow.ReceiptLedger;",
      "import dev.stockbridge.planner.ReceiptPolicy;",
      "import dev.stockbridge.runtime.Stockbridge;",
      "import java.nio.file.Files;",
      "import java.nio.file.Path;",
      "import java.time.Clock;",
      "import java.time.Duration;",
      "import java.util.List;");

  @TempDir Path out;

  @Test
  void shouldCompileTheEmbeddingSnippet() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("## Embedding\\n.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README.md has a java block under ## Embedding").isTrue();
    String source = IMPORTS + "\n\nclass Snippet {\n  void run() throws Exception {\n" + block.group(1) + "\n  }\n}\n";

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      JavaFileObject snippet = new SimpleJavaFileObject(java.net.URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      boolean compiled = compiler.getTask(diagnostics, files, null, List.of("-classpath", classpath, "-Xlint:all", "-Werror"), null, List.of(snippet)).call();

      assertThat(compiled).as(diagnostics + "\n" + source).isTrue();
    }
    assertThat(out.resolve("Snippet.class")).exists();
  }
}
