package dev.stockbridge.commercetools;

import com.commercetools.api.client.ByProjectKeyInventoryGet;
import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryAddQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryRemoveQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntrySetCustomFieldAction;
import com.commercetools.api.models.inventory.InventoryEntrySetCustomTypeAction;
import com.commercetools.api.models.inventory.InventoryEntrySetExpectedDeliveryAction;
import com.commercetools.api.models.inventory.InventoryEntrySetRestockableInDaysAction;
import com.commercetools.api.models.inventory.InventoryEntrySetSafetyStockAction;
import com.commercetools.api.models.inventory.InventoryEntryUpdate;
import com.commercetools.api.models.inventory.InventoryEntryUpdateAction;
import com.commercetools.api.models.type.CustomFieldNumberType;
import com.commercetools.api.models.type.CustomFieldStringType;
import com.commercetools.api.models.type.Type;
import com.commercetools.api.models.type.TypeAddFieldDefinitionAction;
import com.commercetools.api.models.type.TypeTextInputHint;
import com.commercetools.api.models.type.TypeUpdate;
import com.commercetools.api.models.type.TypeUpdateAction;
import com.commercetools.api.models.type.FieldContainer;
import com.commercetools.api.models.type.FieldContainerBuilder;
import com.commercetools.api.models.type.FieldDefinition;
import com.commercetools.api.models.type.ResourceTypeId;
import com.commercetools.api.models.type.TypeDraft;
import com.commercetools.api.models.type.TypeResourceIdentifier;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.spi.EntryNotFoundException;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.LedgerMarks;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.spi.VersionConflictException;
import io.vrap.rmf.base.client.ApiHttpException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Storefront stock over commercetools inventory entries. Reads batch SKUs per supply channel as
 * predicate variables, in chunks that keep the URL short, paged on {@code id}. Updates send the
 * relative quantity change, the exactly-once marks (custom field {@value #LEDGERS_FIELD}, per
 * ledger, beside the single-number {@value #SEQUENCE_FIELD}) and any
 * supply fields in one request with the version read: compare-and-set, so a 409 becomes a {@link
 * VersionConflictException} carrying the {@code currentVersion} the platform reported.
 *
 * <p>An update is one request and never reads: it addresses the entry by the id its {@link
 * StockEntry#ref()} carries (with the entry's custom type, which decides how the marker is set), so
 * it takes entries this adapter returned. The adapter caches nothing but channel ids and the marker
 * type's id; the engine keeps the one cache of entries. Each method call is one request per chunk
 * and page, retried only if the adapter was built with {@link Retries} of its own (never for the
 * engine, whose retry is the only layer). Thread-safe.
 */
final class CommercetoolsStorefront implements StorefrontStock {

  /** Key of the custom type that holds the marker on entries without a custom type of their own. */
  static final String TYPE_KEY = "stockbridge-inventory";
  /** The custom field holding the highest movement sequence applied to the entry. */
  static final String SEQUENCE_FIELD = "stockbridge-seq";
  /**
   * The custom field holding the units the entry holds back from sale (safety stock, buffers), set
   * in the same request as the quantity it explains.
   */
  static final String HELD_FIELD = "stockbridge-held";
  /**
   * The custom field holding the planner's minimum stock the held-back units account for, set in
   * the same request as them: what a restarted engine takes up again.
   */
  static final String MIN_FIELD = "stockbridge-minimum";
  /**
   * The custom field saying, in words, why the entry holds back what it does (each reason and its
   * units, the latency buffer with its inputs): for the merchant looking at the entry, and for
   * reconciliation's report. Written with the held-back units; never read back by the engine.
   */
  static final String WHY_FIELD = "stockbridge-held-why";

  /**
   * The custom field holding the marks per ledger ({@link LedgerMarks#encode()}); {@value
   * #SEQUENCE_FIELD} stays the single-number marker of before ledgers had identities.
   */
  static final String LEDGERS_FIELD = "stockbridge-ledgers";

  static final int MAX_PAGE = 500;
  /** Room for the predicate variables in one URL: well below the platform's limit. */
  static final int MAX_VARIABLE_CHARS = 7_000;
  private static final Pattern CURRENT_VERSION = Pattern.compile("\"currentVersion\"\\s*:\\s*(\\d+)");

  private final ProjectApiRoot api;
  private final ChannelResolver channels;
  private final LocationChannels locations;
  private final int pageSize;
  private final Retries retries;
  private volatile String typeId;
  private volatile Boolean marksFieldPresent;
  private volatile boolean holdbackFieldsChecked;

  /**
   * What an update needs that the engine does not: the entry's id and its custom type's id (none
   * when the entry has no custom type), carried in {@link StockEntry#ref()} as {@code id} or {@code
   * id/typeId}.
   */
  private record Ref(String id, String customTypeId) {
    static Ref of(StockEntry entry) {
      String ref = entry.ref();
      int slash = ref.indexOf('/');
      return slash < 0 ? new Ref(ref, null) : new Ref(ref.substring(0, slash), ref.substring(slash + 1));
    }

    static String of(InventoryEntry entry) {
      String customType = entry.getCustom() == null || entry.getCustom().getType() == null ? null : entry.getCustom().getType().getId();
      return customType == null ? entry.getId() : entry.getId() + "/" + customType;
    }
  }

  CommercetoolsStorefront(ProjectApiRoot api, ChannelResolver channels, LocationChannels locations, int pageSize) {
    this(api, channels, locations, pageSize, Retries.NONE);
  }

  CommercetoolsStorefront(ProjectApiRoot api, ChannelResolver channels, LocationChannels locations, int pageSize, Retries retries) {
    this.api = api;
    this.channels = channels;
    this.locations = locations;
    this.pageSize = pageSize;
    this.retries = retries;
  }

  @Override
  public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
    Map<SupplyChannel, Map<Sku, StockKey>> byChannel = new LinkedHashMap<>();
    for (StockKey key : keys) {
      byChannel.computeIfAbsent(locations.channel(key.location()), c -> new LinkedHashMap<>()).put(key.sku(), key);
    }
    Map<StockKey, StockEntry> found = new HashMap<>();
    byChannel.forEach(
        (channel, skus) -> {
          for (List<String> chunk : chunks(skus.keySet())) {
            readChunk(channel, chunk, skus, found);
          }
        });
    return found;
  }

  private void readChunk(SupplyChannel channel, List<String> skus, Map<Sku, StockKey> keys, Map<StockKey, StockEntry> found) {
    String channelPredicate;
    String channelId = null;
    if (channel instanceof SupplyChannel.Keyed keyed) {
      channelId = channels.id(keyed.key());
      channelPredicate = "supplyChannel(id = :channel)";
    } else {
      channelPredicate = "supplyChannel is not defined";
    }
    String lastId = null;
    while (true) {
      ByProjectKeyInventoryGet get =
          api.inventory().get()
              .withWhere("sku in :skus and " + channelPredicate + (lastId == null ? "" : " and id > :last"))
              .withPredicateVar("skus", skus)
              .withSort("id asc")
              .withLimit(pageSize)
              .withWithTotal(false);
      if (channelId != null) {
        get = get.withPredicateVar("channel", channelId);
      }
      if (lastId != null) {
        get = get.withPredicateVar("last", lastId);
      }
      ByProjectKeyInventoryGet request = get;
      List<InventoryEntry> page = retries.body(request::execute, "read inventory of " + skus.size() + " SKUs in channel " + channel).getResults();
      for (InventoryEntry entry : page) {
        StockKey key = keys.get(Sku.of(entry.getSku()));
        if (key != null) {
          found.put(key, toEntry(key, entry));
        }
      }
      if (page.size() < pageSize) {
        return;
      }
      lastId = page.get(page.size() - 1).getId();
    }
  }

  /** Splits SKUs so that each chunk's predicate variables fit in one URL. */
  static List<List<String>> chunks(Collection<Sku> skus) {
    List<List<String>> chunks = new ArrayList<>();
    List<String> chunk = new ArrayList<>();
    int chars = 0;
    for (Sku sku : skus) {
      int size = "&var.skus=".length() + URLEncoder.encode(sku.value(), StandardCharsets.UTF_8).length();
      if (!chunk.isEmpty() && (chars + size > MAX_VARIABLE_CHARS || chunk.size() == MAX_PAGE)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        chars = 0;
      }
      chunk.add(sku.value());
      chars += size;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  /**
   * Sends the update in one request.
   *
   * @throws EntryNotFoundException if the entry is gone, or was not read through this adapter (its
   *     ref names no entry id)
   * @throws VersionConflictException on a 409, with the version the platform reported current
   */
  @Override
  public StockEntry update(StockEntry read, EntryUpdate update) {
    if (update.isEmpty()) {
      return read;
    }
    StockKey key = read.key();
    if (read.ref().isEmpty()) {
      throw new EntryNotFoundException(key); // nothing to address, and a read here would go unpaid
    }
    Ref ref = Ref.of(read);
    InventoryEntryUpdate body = InventoryEntryUpdate.builder().version(read.version()).actions(actions(read, ref, update)).build();
    try {
      return toEntry(key, retries.body(() -> api.inventory().withId(ref.id()).post(body).execute(), "update inventory entry " + key));
    } catch (CommercetoolsApiException e) {
      if (e.status() == 409) {
        throw new VersionConflictException(key, read.version(), currentVersion(e.getCause()));
      }
      if (e.status() == 404) {
        throw new EntryNotFoundException(key);
      }
      throw e;
    }
  }

  /** The {@code currentVersion} a 409's body names, or -1 if it names none. */
  static long currentVersion(Throwable conflict) {
    if (conflict instanceof ApiHttpException http && http.getBody() != null) {
      Matcher matcher = CURRENT_VERSION.matcher(http.getBody());
      if (matcher.find()) {
        return Long.parseLong(matcher.group(1));
      }
    }
    return -1;
  }

  private List<InventoryEntryUpdateAction> actions(StockEntry read, Ref ref, EntryUpdate update) {
    List<InventoryEntryUpdateAction> actions = new ArrayList<>();
    long delta = update.quantityDelta();
    if (delta > 0) {
      actions.add(InventoryEntryAddQuantityAction.builder().quantity(delta).build());
    } else if (delta < 0) {
      actions.add(InventoryEntryRemoveQuantityAction.builder().quantity(-delta).build());
    }
    // The marks merge into those read: compare-and-set makes the read ones the current ones.
    String marks = update.mark().map(mark -> mark.applyTo(read).encode()).orElse(null);
    if (marks != null && !marksField(update.appliedSequence() == 0)) {
      marks = null; // a ledger that adopts the single-number marker still has it: written below
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    if (update.appliedSequence() > 0) {
      fields.put(SEQUENCE_FIELD, update.appliedSequence());
    }
    update.heldBack().ifPresent(held -> fields.put(HELD_FIELD, held));
    update.minimumStock().ifPresent(minimum -> fields.put(MIN_FIELD, minimum));
    // An empty reason removes the field (a null value), since commercetools keeps no empty strings.
    // Only on our own type: a merchant's type may lack the field, and the whole update would fail.
    update.heldWhy().filter(why -> ref.customTypeId() == null || ref.customTypeId().equals(typeId()))
        .ifPresent(why -> fields.put(WHY_FIELD, why.isEmpty() ? null : why));
    if (fields.containsKey(HELD_FIELD) || fields.containsKey(MIN_FIELD) || fields.containsKey(WHY_FIELD)) {
      holdbackFields();
    }
    if (marks != null) {
      fields.put(LEDGERS_FIELD, marks);
    }
    if (!fields.isEmpty()) {
      if (ref.customTypeId() == null) {
        FieldContainerBuilder container = FieldContainer.builder();
        fields.forEach((name, value) -> {
          if (value != null) {
            container.addValue(name, value);
          }
        });
        actions.add(
            InventoryEntrySetCustomTypeAction.builder()
                .type(TypeResourceIdentifier.builder().id(typeId()).build())
                .fields(container.build())
                .build());
      } else {
        // Our type, or the merchant's own type with the fields added: only set the fields.
        fields.forEach((name, value) -> actions.add(InventoryEntrySetCustomFieldAction.builder().name(name).value(value).build()));
      }
    }
    update.supply().ifPresent(supply -> actions.addAll(supplyActions(supply)));
    return actions;
  }

  private static List<InventoryEntryUpdateAction> supplyActions(Supply supply) {
    OptionalLong safety = supply.safetyStock();
    if (safety.isPresent() && safety.getAsLong() > Integer.MAX_VALUE) {
      throw new InvalidValueException("safetyStock", safety.getAsLong(), "exceeds what commercetools stores");
    }
    return List.of(
        InventoryEntrySetExpectedDeliveryAction.builder()
            .expectedDelivery(supply.expectedDelivery().map(at -> at.atZone(ZoneOffset.UTC)).orElse(null))
            .build(),
        InventoryEntrySetRestockableInDaysAction.builder()
            .restockableInDays(supply.restockableInDays().isPresent() ? Long.valueOf(supply.restockableInDays().getAsInt()) : null)
            .build(),
        InventoryEntrySetSafetyStockAction.builder()
            .quantity(safety.isPresent() ? Integer.valueOf((int) safety.getAsLong()) : null)
            .build());
  }

  static StockEntry toEntry(StockKey key, InventoryEntry entry) {
    long onStock = entry.getQuantityOnStock() == null ? 0 : entry.getQuantityOnStock();
    long available = entry.getAvailableQuantity() == null ? onStock : entry.getAvailableQuantity();
    Map<String, Object> fields = entry.getCustom() == null || entry.getCustom().getFields() == null
        ? Map.of()
        : entry.getCustom().getFields().values();
    Object marker = fields.get(SEQUENCE_FIELD);
    long sequence = marker instanceof Number n ? n.longValue() : 0;
    Object heldField = entry.getCustom() == null || entry.getCustom().getFields() == null
        ? null
        : entry.getCustom().getFields().values().get(HELD_FIELD);
    long held = heldField instanceof Number n ? Math.max(0, n.longValue()) : 0;
    long minimum = fields.get(MIN_FIELD) instanceof Number n ? Math.max(0, n.longValue()) : 0;
    Object ledgers = fields.get(LEDGERS_FIELD);
    LedgerMarks marks = ledgers instanceof String text ? LedgerMarks.parse(text) : LedgerMarks.NONE;
    Supply supply =
        new Supply(
            Optional.ofNullable(entry.getExpectedDelivery()).map(at -> at.toInstant()),
            entry.getRestockableInDays() == null ? OptionalInt.empty() : OptionalInt.of(Math.toIntExact(entry.getRestockableInDays())),
            entry.getStockLevels() == null || entry.getStockLevels().getSafetyStock() == null
                ? OptionalLong.empty()
                : OptionalLong.of(entry.getStockLevels().getSafetyStock()));
    String why = fields.get(WHY_FIELD) instanceof String text ? text : "";
    return new StockEntry(key, entry.getVersion(), onStock, available, sequence, supply, held, Ref.of(entry), marks, minimum, why);
  }

  /** The marker's custom type, created on first use if the project lacks it. */
  private String typeId() {
    String known = typeId;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (typeId == null) {
        typeId = findOrCreateType();
      }
      return typeId;
    }
  }

  /**
   * Whether entries may carry the marks field: our type has it (or, when {@code required}, it was
   * added to our type made before the field existed). A ledger that adopts the single-number
   * marker does not require it: it keeps exactly once through that marker, and no request is
   * spent on the type. One lookup per adapter.
   */
  private boolean marksField(boolean required) {
    if (marksFieldPresent == null) {
      synchronized (this) {
        if (marksFieldPresent == null) {
          try {
            Type type = findType().orElse(null);
            marksFieldPresent = type == null || hasMarksField(type); // a type we create has it
          } catch (RuntimeException e) {
            if (required) {
              throw e;
            }
            marksFieldPresent = false; // looked up again by the first ledger that requires it
            return false;
          }
        }
      }
    }
    if (!marksFieldPresent && required) {
      synchronized (this) {
        Type type = findType().orElseThrow(() -> new IllegalStateException("type " + TYPE_KEY + " vanished"));
        withMarksField(type);
        marksFieldPresent = true;
      }
    }
    return marksFieldPresent;
  }

  private static boolean hasMarksField(Type type) {
    return type.getFieldDefinitions().stream().anyMatch(field -> field.getName().equals(LEDGERS_FIELD));
  }

  private String findOrCreateType() {
    Optional<Type> existing = findType();
    if (existing.isPresent()) {
      return existing.get().getId();
    }
    TypeDraft draft =
        TypeDraft.builder()
            .key(TYPE_KEY)
            .name(LocalizedString.ofEnglish("Stockbridge inventory marker"))
            .resourceTypeIds(ResourceTypeId.INVENTORY_ENTRY)
            .fieldDefinitions(
                FieldDefinition.builder()
                    .name(SEQUENCE_FIELD)
                    .label(LocalizedString.ofEnglish("Highest Stockbridge movement sequence applied"))
                    .required(false)
                    .type(CustomFieldNumberType.of())
                    .build(),
                heldField(),
                minimumField(),
                whyField(),
                marksField())
            .build();
    try {
      return retries.body(() -> api.types().post(draft).execute(), "create type " + TYPE_KEY).getId();
    } catch (CommercetoolsApiException e) {
      if (e.status() != 400) {
        throw e;
      }
      // Another writer created it first (DuplicateField): use theirs.
      return findType().orElseThrow(() -> e).getId();
    }
  }

  private static FieldDefinition heldField() {
    return FieldDefinition.builder()
        .name(HELD_FIELD)
        .label(LocalizedString.ofEnglish("Units Stockbridge holds back from sale"))
        .required(false)
        .type(CustomFieldNumberType.of())
        .build();
  }

  private static FieldDefinition minimumField() {
    return FieldDefinition.builder()
        .name(MIN_FIELD)
        .label(LocalizedString.ofEnglish("Planner minimum stock the held-back units account for"))
        .required(false)
        .type(CustomFieldNumberType.of())
        .build();
  }

  private static FieldDefinition whyField() {
    return FieldDefinition.builder()
        .name(WHY_FIELD)
        .label(LocalizedString.ofEnglish("Why Stockbridge holds back what it does"))
        .required(false)
        .type(CustomFieldStringType.of())
        .build();
  }

  /**
   * Our type made before the holdback fields existed gets them added, once per adapter, before the
   * first update that sets them; another writer may race us. A type of the merchant's own needs
   * them added by hand (see the operations guide).
   */
  private void holdbackFields() {
    if (holdbackFieldsChecked) {
      return;
    }
    synchronized (this) {
      if (holdbackFieldsChecked) {
        return;
      }
      Optional<Type> type = findType();
      if (type.isPresent()) {
        List<TypeUpdateAction> add = new ArrayList<>();
        for (FieldDefinition field : List.of(heldField(), minimumField(), whyField())) {
          if (type.get().getFieldDefinitions().stream().noneMatch(f -> f.getName().equals(field.getName()))) {
            add.add(TypeAddFieldDefinitionAction.builder().fieldDefinition(field).build());
          }
        }
        if (!add.isEmpty()) {
          TypeUpdate update = TypeUpdate.builder().version(type.get().getVersion()).actions(add).build();
          try {
            retries.body(() -> api.types().withId(type.get().getId()).post(update).execute(), "add the holdback fields to type " + TYPE_KEY);
          } catch (CommercetoolsApiException e) {
            if (e.status() != 409 && e.status() != 400) {
              throw e;
            }
          }
        }
      }
      holdbackFieldsChecked = true;
    }
  }

  private static FieldDefinition marksField() {
    return FieldDefinition.builder()
        .name(LEDGERS_FIELD)
        .label(LocalizedString.ofEnglish("Highest Stockbridge sequence applied, per ledger"))
        .required(false)
        .type(CustomFieldStringType.of())
        .inputHint(TypeTextInputHint.SINGLE_LINE)
        .build();
  }

  /** Our type made before the marks field existed gets it added; another writer may race us. */
  private String withMarksField(Type type) {
    if (hasMarksField(type)) {
      return type.getId();
    }
    TypeUpdate add = TypeUpdate.builder()
        .version(type.getVersion())
        .actions(TypeAddFieldDefinitionAction.builder().fieldDefinition(marksField()).build())
        .build();
    try {
      retries.body(() -> api.types().withId(type.getId()).post(add).execute(), "add " + LEDGERS_FIELD + " to type " + TYPE_KEY);
    } catch (CommercetoolsApiException e) {
      if (e.status() != 409 && e.status() != 400) {
        throw e;
      }
    }
    return type.getId();
  }

  /** Queries rather than gets by key, so that a missing type is not logged as an error response. */
  private Optional<Type> findType() {
    return retries.body(
            () -> api.types().get().withWhere("key = :key").withPredicateVar("key", TYPE_KEY).withLimit(1).execute(),
            "find type " + TYPE_KEY)
        .getResults().stream().findFirst();
  }
}
