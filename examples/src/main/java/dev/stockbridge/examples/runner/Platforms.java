package dev.stockbridge.examples.runner;

import com.commercetools.api.defaultconfig.ServiceRegion;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.ats.LatencyBuffer;
import dev.stockbridge.engine.PeakWindow;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.engine.StockEngineBuilder;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.MappingException;
import dev.stockbridge.planner.PlannerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds the library's configuration objects from the runner's settings and secrets, turning an
 * invalid value into a {@link ConfigException} that names the field. Stateless.
 *
 * @param settings the configuration file's content
 * @param file the configuration file (relative paths are resolved against its directory)
 * @param secrets the environment's secrets
 */
record Platforms(Settings settings, Path file, Secrets secrets) {

  /**
   * The commercetools client configuration.
   *
   * @return the configuration
   * @throws ConfigException if a value is invalid or the secret is not set
   */
  CommercetoolsConfig commercetools() {
    Settings.Commercetools ct = settings.commercetools();
    String secret = secrets.require(Secrets.CT_CLIENT_SECRET, "the commercetools API client's secret");
    return valid("commercetools", () -> {
      CommercetoolsConfig.Builder builder =
          CommercetoolsConfig.builder().projectKey(ct.projectKey()).credentials(ct.clientId(), secret).scopes(ct.scopes().toArray(String[]::new));
      if (ct.region() != null) {
        builder.region(region(ct.region()));
      } else {
        builder.urls(URI.create(ct.apiUrl()), URI.create(stripSlash(ct.authUrl()) + "/oauth/token"));
      }
      return builder.build();
    });
  }

  /**
   * The Inventory Planner client configuration.
   *
   * @return the configuration
   * @throws ConfigException if a value is invalid or the API key is not set
   */
  PlannerConfig planner() {
    Settings.Planner ip = settings.planner();
    String key = secrets.require(Secrets.IP_API_KEY, "the Inventory Planner API key");
    return valid("planner", () -> {
      PlannerConfig.Builder builder = PlannerConfig.builder(key, ip.account());
      if (ip.baseUrl() != null) {
        builder.baseUri(URI.create(stripSlash(ip.baseUrl())));
      }
      if (ip.requestsPerSecond() != null) {
        builder.requestsPerSecond(ip.requestsPerSecond());
      }
      return builder.build();
    });
  }

  /**
   * The catalogue mapping, read from its files.
   *
   * @return the mapping
   * @throws ConfigException if a file is missing or holds problems
   */
  CatalogueMapping mapping() {
    Settings.Mapping files = settings.mapping();
    CatalogueMapping mapping;
    try {
      CatalogueMapping.Builder builder = CatalogueMapping.builder();
      if (files.json() != null) {
        builder.json(path(files.json()));
      } else {
        builder.skusCsv(path(files.skus())).locationsCsv(path(files.locations()));
        if (files.orderDefaults() != null) {
          builder.orderDefaultsCsv(path(files.orderDefaults()));
        }
      }
      mapping = builder.build();
    } catch (MappingException | InvalidValueException e) {
      throw new ConfigException("the catalogue mapping (mapping.*) has problems: " + e.getMessage(), e);
    }
    try {
      LocationChannels.from(mapping); // the storefront adapter writes each location through one channel
    } catch (InvalidValueException e) {
      throw new ConfigException(path(files.json() != null ? files.json() : files.locations()) + ": " + e.getMessage()
          + ": the commercetools storefront writes each location through one supply channel; give each channel a location of its own", e);
    }
    return mapping;
  }

  /**
   * The bundles.
   *
   * @return the catalogue; empty if none are configured
   * @throws ConfigException if a bundle is invalid, e.g. part of a cycle
   */
  BundleCatalogue bundles() {
    return valid("bundles", () -> {
      BundleCatalogue.Builder builder = BundleCatalogue.builder();
      settings.bundles().forEach((bundle, components) -> components.units().forEach((component, quantity) -> builder.component(Sku.of(bundle), Sku.of(component), quantity)));
      return builder.build();
    });
  }

  /**
   * An engine builder with the configured peak windows, rate limit and parallelism.
   *
   * @return the builder, without storefront and journal
   * @throws ConfigException if a value is invalid
   */
  StockEngineBuilder engine() {
    Settings.Engine engine = settings.engine();
    return valid("engine", () -> {
      StockEngineBuilder builder = StockEngine.builder().bundles(bundles());
      engine.peakWindows().forEach(window -> builder.peakWindow(PeakWindow.parse(window)));
      if (engine.callsPerSecond() != null) {
        builder.rateLimit(engine.callsPerSecond());
      }
      if (engine.parallelism() != null) {
        builder.parallelism(engine.parallelism());
      }
      if (engine.consistencyLagSeconds() != null) {
        builder.consistencyLag(Duration.ofSeconds(engine.consistencyLagSeconds()));
      }
      Settings.LatencyBuffer buffer = engine.latencyBuffer();
      if (buffer != null) {
        builder.latencyBuffer(LatencyBuffer.of(Duration.ofSeconds(buffer.windowSeconds()), buffer.cap())
            .recomputedEvery(Duration.ofSeconds(buffer.recomputeSeconds())));
      }
      return builder;
    });
  }

  /**
   * The order intake's configured starting point.
   *
   * @return the instant, or empty for the moment the first sync runs
   */
  Optional<Instant> ordersStartAt() {
    return Optional.ofNullable(settings.orders().startAt()).map(Instant::parse);
  }

  /**
   * The data directory.
   *
   * @return its path
   */
  Path dataDirectory() {
    return path(settings.dataDirectory());
  }

  /**
   * A path from the configuration, resolved against the configuration file's directory.
   *
   * @param value the configured path
   * @return the path
   */
  Path path(String value) {
    Path base = file.toAbsolutePath().getParent();
    return base.resolve(value).normalize();
  }

  /**
   * Where the platforms are, for messages; needs no secret.
   *
   * @return the hosts
   */
  Failures.Endpoints endpoints() {
    Settings.Commercetools ct = settings.commercetools();
    String commercetools;
    try {
      commercetools = ct.region() != null ? host(URI.create(region(ct.region()).getApiUrl())) : hosts(ct.apiUrl(), ct.authUrl());
    } catch (RuntimeException invalid) {
      commercetools = "the configured host";
    }
    String planner = settings.planner().baseUrl() == null ? host(PlannerConfig.DEFAULT_BASE_URI) : hosts(settings.planner().baseUrl(), settings.planner().baseUrl());
    Settings.Sftp sftp = settings.feeds() == null ? null : settings.feeds().sftp();
    return new Failures.Endpoints(commercetools, planner, sftp == null ? "the configured host" : sftp.host() + ":" + sftp.port());
  }

  private static String hosts(String api, String auth) {
    try {
      String a = host(URI.create(api));
      String b = host(URI.create(auth));
      return a.equals(b) ? a : a + " and " + b;
    } catch (IllegalArgumentException invalid) {
      return "the configured host";
    }
  }

  private static String host(URI url) {
    return url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private ServiceRegion region(String name) {
    try {
      return ServiceRegion.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      String known = Arrays.stream(ServiceRegion.values()).map(Enum::name).collect(Collectors.joining(", "));
      throw new ConfigException(file + ": commercetools.region " + InvalidValueException.shown(name) + " is not a commercetools region: use one of " + known, e);
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * Builds a value, turning the library's validation failures (a bundle cycle, an unparseable
   * peak window) into configuration errors naming the file and the section.
   */
  private <T> T valid(String section, Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigException e) {
      throw e;
    } catch (StockbridgeException | IllegalArgumentException e) {
      throw new ConfigException(file + ": " + section + ": " + e.getMessage() + ": fix it in the config file", e);
    }
  }
}
