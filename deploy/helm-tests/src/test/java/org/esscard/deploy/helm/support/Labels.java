package org.esscard.deploy.helm.support;

import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/** Kubernetes label selector semantics, for checking that selectors meet the pods they are meant for. */
public final class Labels {

    private Labels() {
    }

    public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        boolean hasLabels = selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty();
        boolean hasExpressions = selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty();
        if (!hasLabels && !hasExpressions) {
            // an empty selector selects everything; the chart never means that
            return false;
        }
        if (hasLabels && !matches(selector.getMatchLabels(), labels)) {
            return false;
        }
        if (hasExpressions) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
