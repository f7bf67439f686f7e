package org.esscard.platform.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.esscard.platform.testing.OpenApiContract;

/**
 * Merges the four services' OpenAPI documents into the one the gateway serves at {@code /api/openapi.json}, with
 * Jackson trees. A path is taken from the service the gateway routes it to (deploy/helm/esscard/routes.txt, exact
 * before the longest prefix, as nginx and the Ingress choose), so {@code /api/help}, which every service answers,
 * appears once, from account-service. A component that two services define differently is renamed in each of them to
 * {@code <Service><Name>} (e.g. {@code AccountPermitView}, {@code PermitPermitView}) and every reference to it
 * follows; one they define alike is kept once under its name. An operationId twice in the result is refused.
 */
final class OpenApiMerge {

    /** One line of routes.txt: a path, whether it is a prefix, and the service (account, identity ...) behind it. */
    record Route(String path, boolean prefix, String service) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiMerge() {
    }

    /** The routes of routes.txt, in its order. */
    static List<Route> routes(Path routesTxt) throws IOException {
        List<Route> routes = new ArrayList<>();
        for (String line : Files.readAllLines(routesTxt, StandardCharsets.UTF_8)) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 5 && words[0].equals("route")) {
                routes.add(new Route(words[1], words[2].equals("prefix"), words[3]));
            }
        }
        return routes;
    }

    /** The service the gateway sends {@code path} to, or null when it routes it nowhere. */
    static String serviceOf(List<Route> routes, String path) {
        for (Route route : routes) {
            if (route.path().equals(path)) {
                return route.service();
            }
        }
        return routes.stream()
                .filter(r -> r.prefix() && path.startsWith(r.path() + "/"))
                .max(Comparator.comparingInt(r -> r.path().length()))
                .map(Route::service)
                .orElse(null);
    }

    /**
     * The merged document of {@code specs} (service name, e.g. {@code account-service}, to its document), with
     * {@code info} as given.
     */
    static ObjectNode merge(Map<String, JsonNode> specs, List<Route> routes, ObjectNode info) {
        Map<String, JsonNode> sorted = new TreeMap<>(specs);
        Set<String> openapiVersions = new TreeSet<>();
        sorted.values().forEach(spec -> openapiVersions.add(spec.path("openapi").asText()));
        if (openapiVersions.size() != 1) {
            throw new IllegalArgumentException("the services' documents are of different OpenAPI versions: " + openapiVersions);
        }
        Map<String, ObjectNode> renamed = renameClashes(sorted);

        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", openapiVersions.iterator().next());
        merged.set("info", info);
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = JSON.createObjectNode();
        Map<String, JsonNode> tags = new LinkedHashMap<>();
        Map<String, String> operationIds = new TreeMap<>();
        renamed.forEach((service, spec) -> {
            String routeName = service.replaceFirst("-service$", "");
            spec.path("paths").fields().forEachRemaining(path -> {
                if (routeName.equals(serviceOf(routes, path.getKey()))) {
                    paths.set(path.getKey(), path.getValue());
                    for (String method : METHODS) {
                        String id = path.getValue().path(method).path("operationId").asText(null);
                        String where = service + " " + method.toUpperCase() + " " + path.getKey();
                        if (id != null && operationIds.putIfAbsent(id, where) != null) {
                            throw new IllegalArgumentException("operationId " + id + " is both " + operationIds.get(id) + " and " + where);
                        }
                    }
                }
            });
            spec.path("components").fields().forEachRemaining(section -> {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().fields().forEachRemaining(component -> target.set(component.getKey(), component.getValue()));
            });
            spec.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
        });
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        merged.set("components", sortedComponents(components));
        return merged;
    }

    /**
     * Each service's document, with every component that another service defines differently renamed to
     * {@code <Service><Name>}, and the references (and, for security schemes, the requirements) that name it.
     */
    private static Map<String, ObjectNode> renameClashes(Map<String, JsonNode> specs) {
        Map<String, Map<String, JsonNode>> definitions = new TreeMap<>();
        specs.forEach((service, spec) -> spec.path("components").fields().forEachRemaining(section -> section.getValue().fields()
                .forEachRemaining(component -> definitions
                        .computeIfAbsent(section.getKey() + "/" + component.getKey(), k -> new TreeMap<>())
                        .put(service, component.getValue()))));
        Map<String, ObjectNode> result = new TreeMap<>();
        specs.forEach((service, spec) -> result.put(service, spec.deepCopy()));
        definitions.forEach((key, byService) -> {
            if (byService.values().stream().distinct().count() <= 1) {
                return;
            }
            String section = key.substring(0, key.indexOf('/'));
            String name = key.substring(key.indexOf('/') + 1);
            byService.keySet().forEach(service -> {
                String newName = prefix(service) + name;
                if (definitions.containsKey(section + "/" + newName)) {
                    throw new IllegalArgumentException("cannot rename " + key + " of " + service + ": " + newName + " exists too");
                }
                rename(result.get(service), section, name, newName);
            });
        });
        return result;
    }

    private static void rename(ObjectNode spec, String section, String name, String newName) {
        ObjectNode components = (ObjectNode) spec.get("components").get(section);
        ObjectNode reordered = JSON.createObjectNode();
        components.fields().forEachRemaining(c -> reordered.set(c.getKey().equals(name) ? newName : c.getKey(), c.getValue()));
        ((ObjectNode) spec.get("components")).set(section, reordered);
        String from = "#/components/" + section + "/" + name;
        String to = "#/components/" + section + "/" + newName;
        rewrite(spec, from, to, section.equals("securitySchemes") ? name : null, newName);
    }

    /** Rewrites every {@code $ref} equal to {@code from}, and the key {@code requirement} of security requirements. */
    private static void rewrite(JsonNode node, String from, String to, String requirement, String newName) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.asText().equals(from)) {
                object.set("$ref", TextNode.valueOf(to));
            }
            JsonNode security = object.get("security");
            if (requirement != null && security != null && security.isArray()) {
                security.forEach(entry -> {
                    if (entry.has(requirement)) {
                        ((ObjectNode) entry).set(newName, ((ObjectNode) entry).remove(requirement));
                    }
                });
            }
            object.fields().forEachRemaining(field -> rewrite(field.getValue(), from, to, requirement, newName));
        } else if (node.isArray()) {
            node.forEach(item -> rewrite(item, from, to, requirement, newName));
        }
    }

    /** {@code account-service} → {@code Account}. */
    static String prefix(String service) {
        String base = service.replaceFirst("-service$", "");
        StringBuilder out = new StringBuilder();
        for (String part : base.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static ObjectNode sortedComponents(ObjectNode components) {
        ObjectNode sorted = JSON.createObjectNode();
        new TreeSet<>(iterable(components)).forEach(section -> {
            ObjectNode names = sorted.putObject(section);
            new TreeSet<>(iterable(components.get(section))).forEach(name -> names.set(name, components.get(section).get(name)));
        });
        return sorted;
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The committed document of each service, by service name. */
    static Map<String, JsonNode> committedServiceDocuments() throws IOException {
        Map<String, JsonNode> specs = new TreeMap<>();
        try (var files = Files.list(OpenApiContract.DOCS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-service.json")).toList()) {
                specs.put(file.getFileName().toString().replaceFirst("\\.json$", ""), JSON.readTree(file.toFile()));
            }
        }
        return specs;
    }
}
