// Starts @labdigital/commercetools-mock on 127.0.0.1 for the connector's integration tests.
// Usage: node launch.mjs <port> [projectKey] [clientId:secret]. Prints "commercetools-mock ready on <port>" when
// it accepts requests. Started and stopped by CommercetoolsMockExtension (JUnit).
//
// Each patch below closes one gap of the mock (version 4.4.0) and names the behaviour of the real
// commercetools API it restores. Keep them few and small.
import { CommercetoolsMock } from "@labdigital/commercetools-mock";
import qs from "qs";

const port = Number.parseInt(process.argv[2] ?? "", 10);
const projectKey = process.argv[3] ?? "test-project";
const client = process.argv[4];
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node launch.mjs <port> [projectKey] [clientId:secret]");
  process.exit(2);
}

const mock = new CommercetoolsMock({
  enableAuthentication: true,
  validateCredentials: true,
  defaultProjectKey: projectKey,
  strict: true,
  silent: true,
});
const repositories = mock._repositories;
const storage = mock._storage;

// --- Authentication --------------------------------------------------------------------------
// Real API: unknown client credentials are refused with 401 invalid_client (the mock's
// validateCredentials only checks tokens, and hands one to any Basic credentials). Given a
// clientId:secret pair, the token endpoint accepts that pair only.
if (client !== undefined) {
  const expected = "Basic " + Buffer.from(client, "utf8").toString("base64");
  mock.app.addHook("onRequest", async (request, reply) => {
    if (request.url.startsWith("/oauth/token") && request.headers.authorization !== expected) {
      const message = "Please provide valid client credentials using HTTP Basic Authentication.";
      reply.code(401).send({
        statusCode: 401,
        message,
        errors: [{ code: "invalid_client", message }],
        error: "invalid_client",
        error_description: message,
      });
      return reply;
    }
  });
}

// --- Queries ---------------------------------------------------------------------------------
// Real API: a repeated query parameter (var.skus=A&var.skus=B...) is a list of any length; the
// mock's qs parser turns more than 20 repeats into an object, so `sku in :skus` matches nothing.
mock.app.addHook("onRequest", async (request) => {
  const at = request.url.indexOf("?");
  if (at >= 0) {
    request.query = qs.parse(request.url.slice(at + 1), { arrayLimit: 100_000, parameterLimit: 100_000 });
    // Carried as a variable because the mock's generic query service forwards only var.* (below).
    if (request.query.sort !== undefined) request.query["var.__sort"] = request.query.sort;
  }
});

// Real API: `sort` orders query results (e.g. `sort=id asc` for cursor paging). The mock's generic
// query service drops it before the repository, whose storage would sort: hand it back.
for (const repository of Object.values(repositories)) {
  if (typeof repository.query !== "function") continue;
  const query = repository.query.bind(repository);
  repository.query = (context, params = {}) => {
    const { "var.__sort": sort, ...rest } = params;
    return query(context, sort === undefined ? rest : { ...rest, sort });
  };
}

// --- Inventory entries -----------------------------------------------------------------------
const inventory = repositories["inventory-entry"].actions;

// Real API: addQuantity is a relative increase (the mock answers "Invalid action").
inventory.addQuantity = (context, resource, { quantity }) => {
  resource.quantityOnStock += quantity;
  resource.availableQuantity = resource.quantityOnStock;
};

// Real API: removeQuantity may take stock below zero (the mock clamps at 0).
inventory.removeQuantity = (context, resource, { quantity }) => {
  resource.quantityOnStock -= quantity;
  resource.availableQuantity = resource.quantityOnStock;
};

// Real API: setExpectedDelivery without a value clears the field (the mock throws on undefined).
inventory.setExpectedDelivery = (context, resource, { expectedDelivery }) => {
  resource.expectedDelivery = expectedDelivery ? new Date(expectedDelivery).toISOString() : undefined;
};

// Real API: setSafetyStock sets stockLevels.safetyStock; without a quantity it clears it (missing).
inventory.setSafetyStock = (context, resource, { quantity }) => {
  const levels = { ...(resource.stockLevels ?? {}) };
  if (quantity === undefined || quantity === null) {
    delete levels.safetyStock;
  } else {
    levels.safetyStock = quantity;
  }
  resource.stockLevels = Object.keys(levels).length > 0 ? levels : undefined;
};

// --- Orders ----------------------------------------------------------------------------------
// Real API: an imported order keeps its line items' supplyChannel, distributionChannel and
// inventoryMode, and the order's country, inventoryMode and shipmentState (the mock drops them).
const orders = repositories.order;
const importOrder = orders.import.bind(orders);
orders.import = async (context, draft) => {
  const order = await importOrder(context, draft);
  const channel = async (identifier) => {
    if (!identifier) return undefined;
    if (identifier.id) return { typeId: "channel", id: identifier.id };
    const found = await storage.query(context.projectKey, "channel", { where: [`key="${identifier.key}"`] });
    return found.results[0] ? { typeId: "channel", id: found.results[0].id } : undefined;
  };
  for (const [i, line] of (draft.lineItems ?? []).entries()) {
    order.lineItems[i].supplyChannel = await channel(line.supplyChannel);
    order.lineItems[i].distributionChannel = await channel(line.distributionChannel);
    order.lineItems[i].inventoryMode = line.inventoryMode;
  }
  order.country = draft.country;
  order.inventoryMode = draft.inventoryMode;
  order.shipmentState = draft.shipmentState;
  await storage.add(context.projectKey, "order", order);
  return order;
};

await mock.app.listen({ port, host: "127.0.0.1" });
console.log(`commercetools-mock ready on ${port}`);

const stop = async () => {
  await mock.app.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// The JVM that started us closes our stdin when it exits: never outlive it.
process.stdin.on("end", stop);
process.stdin.resume();
