package dev.stockbridge.examples.runner;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the runner's configuration file strictly: Java-style comments allowed; duplicate keys,
 * unknown fields, trailing content and values of the wrong type (a number where a path belongs, a
 * fraction where a count belongs) refused. Every failure is one {@link ConfigException} naming the
 * file, the field and, where the parser knows it, the line. Stateless.
 */
final class ConfigFile {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // Jackson turns 5 into "5" for a string field unless told not to: a path must be text.
          .withCoercionConfig(
              LogicalType.Textual,
              text ->
                  text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  private ConfigFile() {}

  /**
   * Reads and validates a configuration file.
   *
   * @param file the file
   * @return the settings
   * @throws ConfigException naming file, field and line of the first problem
   */
  static Settings read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + file + " not found: pass --config <file> or create it from examples/stockbridge.sample.json", e);
    } catch (IOException e) {
      throw new ConfigException("configuration file " + file + " cannot be read (" + e.getClass().getSimpleName() + "): check its permissions", e);
    }
    try {
      Settings settings = JSON.readValue(text, Settings.class);
      if (settings == null) {
        throw empty(file, null);
      }
      return settings;
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty() && e.getOriginalMessage().startsWith("No content to map")) {
        throw empty(file, e);
      }
      throw describe(file, e);
    } catch (JsonProcessingException e) {
      throw describe(file, e);
    }
  }

  private static ConfigException empty(Path file, Exception cause) {
    return new ConfigException("configuration file " + file + " is empty: start from examples/stockbridge.sample.json", cause);
  }

  /** Turns a parse or binding failure into one line naming the place and the fix. */
  private static ConfigException describe(Path file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = file + (at == null || at.getLineNr() < 0 ? "" : " line " + at.getLineNr() + (at.getColumnNr() < 0 ? "" : ", column " + at.getColumnNr()));
    if (e.getCause() instanceof Settings.Invalid invalid && e instanceof JsonMappingException mapping) {
      // A record's own check: the line is where its object ends, the field is the record's path.
      String line = file + (at == null || at.getLineNr() < 0 ? "" : " line " + at.getLineNr());
      return new ConfigException(line + ": " + join(path(mapping), invalid.field()) + " " + invalid.getMessage(), e);
    }
    if (e.getCause() instanceof InputCoercionException range && e instanceof JsonMappingException mapping) {
      return new ConfigException(where + ": " + path(mapping) + " is out of range: it must be a whole number " + range(range.getTargetType()), e);
    }
    if (e.getCause() instanceof StreamReadException syntax) {
      return describe(file, syntax);
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      return new ConfigException(where + ": unknown field " + path(unknown) + ": fix its spelling (known here: " + known + ")", e);
    }
    if (e instanceof MismatchedInputException mismatch) {
      String type = mismatch.getTargetType() == null ? "a different value" : typeName(mismatch.getTargetType());
      return new ConfigException(where + ": " + path(mismatch) + " has the wrong type: it must be " + type, e);
    }
    if (e instanceof JsonMappingException mapping) {
      return new ConfigException(where + ": " + path(mapping) + " is invalid: " + e.getOriginalMessage(), e);
    }
    Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
    if (duplicate.matches()) {
      return new ConfigException(where + ": field " + InvalidValueException.shown(duplicate.group(1)) + " appears twice in the same object: keep one", e);
    }
    return new ConfigException(file + " is not valid JSON at " + where.substring(file.toString().length() + 1) + ": " + e.getOriginalMessage() + "; fix the syntax", e);
  }

  private static String range(Class<?> type) {
    if (type == Integer.class || type == Integer.TYPE) {
      return "from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    return "from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
  }

  private static String join(String path, String field) {
    if (field == null) {
      return path;
    }
    return path.equals("the top level") ? field : path + "." + field;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : path.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == Long.class || type == Integer.TYPE || type == Long.TYPE) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list [...]";
    }
    return "an object {...}";
  }
}
