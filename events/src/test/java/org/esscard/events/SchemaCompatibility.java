package org.esscard.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a version of an event schema can replace an earlier one in both directions (events/README.md, "Schemas and
 * compatibility"): <b>backward</b>, consumers built on it read the events written under the earlier version, and
 * <b>forward</b>, consumers built on the earlier version read the events written under it. For two schemas as
 * {@link EventSchemaGenerator} writes them (inlined, one {@code type} set per property) that holds when, at every
 * level: the {@code type} set (with or without {@code null}) and {@code format} are unchanged, the {@code required}
 * set is unchanged, no property is removed, no {@code enum} value is added or removed, and no object is closed to
 * unknown properties. A new property that is not required (a {@code @Nullable} component) is compatible.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** What breaks compatibility between {@code earlier} and {@code current}, one line each; empty when none. */
    static List<String> violations(JsonNode earlier, JsonNode current) {
        List<String> found = new ArrayList<>();
        compare("", earlier, current, found);
        return found;
    }

    private static void compare(String path, JsonNode before, JsonNode now, List<String> found) {
        String at = path.isEmpty() ? "(root)" : path;
        Set<String> typesBefore = values(before, "type");
        Set<String> typesNow = values(now, "type");
        if (!typesBefore.equals(typesNow)) {
            found.add(at + ": type " + typesBefore + " became " + typesNow);
        }
        if (!Objects.equals(text(before, "format"), text(now, "format"))) {
            found.add(at + ": format " + text(before, "format") + " became " + text(now, "format"));
        }
        Set<String> enumBefore = values(before, "enum");
        Set<String> enumNow = values(now, "enum");
        for (String value : difference(enumBefore, enumNow)) {
            found.add(at + ": enum value " + value + " removed (events written earlier carry it)");
        }
        for (String value : difference(enumNow, enumBefore)) {
            found.add(at + ": enum value " + value + " added (consumers of the earlier version refuse it)");
        }
        Set<String> requiredBefore = values(before, "required");
        Set<String> requiredNow = values(now, "required");
        for (String name : difference(requiredNow, requiredBefore)) {
            found.add(at + ": property " + name + " became required (events written earlier may lack it)");
        }
        for (String name : difference(requiredBefore, requiredNow)) {
            found.add(at + ": property " + name + " is no longer required (consumers of the earlier version rely on it)");
        }
        if (allowsUnknown(before) && !allowsUnknown(now)) {
            found.add(at + ": unknown properties are no longer allowed (events may carry fields added later)");
        }
        JsonNode propertiesBefore = before.path("properties");
        JsonNode propertiesNow = now.path("properties");
        propertiesBefore.fieldNames().forEachRemaining(name -> {
            if (!propertiesNow.has(name)) {
                found.add(at + ": property " + name + " removed (consumers of the earlier version read it)");
            } else {
                compare(path + "/" + name, propertiesBefore.get(name), propertiesNow.get(name), found);
            }
        });
        if (before.has("items") && now.has("items")) {
            compare(path + "[]", before.get("items"), now.get("items"), found);
        } else if (before.has("items") != now.has("items")) {
            found.add(at + ": array items " + (before.has("items") ? "no longer described" : "newly constrained"));
        }
    }

    private static boolean allowsUnknown(JsonNode schema) {
        JsonNode additional = schema.get("additionalProperties");
        return additional == null || !additional.isBoolean() || additional.asBoolean();
    }

    private static String text(JsonNode schema, String keyword) {
        JsonNode value = schema.get(keyword);
        return value == null ? null : value.asText();
    }

    /** A keyword's value as a set of strings: one value or an array of them ({@code null} as "null"). */
    private static Set<String> values(JsonNode schema, String keyword) {
        Set<String> values = new TreeSet<>();
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return values;
        }
        if (value.isArray()) {
            value.forEach(item -> values.add(item.isNull() ? "null" : item.asText()));
        } else {
            values.add(value.isNull() ? "null" : value.asText());
        }
        return values;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
