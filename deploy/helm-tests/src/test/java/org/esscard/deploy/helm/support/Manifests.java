package org.esscard.deploy.helm.support;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The objects of one rendering, each already in its model class. */
public record Manifests(List<Document> documents) {

    /** One rendered object: the template it came from, its type and name, and the model instance. */
    public record Document(String source, String apiVersion, String kind, String name, Object object) {
    }

    public <T> List<T> all(Class<T> type) {
        return documents.stream().map(Document::object).filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    public <T> T named(Class<T> type, String name) {
        return documents.stream()
                .filter(d -> type.isInstance(d.object()) && d.name().equals(name))
                .map(d -> type.cast(d.object()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " named " + name));
    }

    public List<String> kinds() {
        return documents.stream().map(Document::kind).distinct().sorted().collect(Collectors.toList());
    }

    /** Deployments whose pod template labels satisfy the selector (matchLabels and matchExpressions). */
    public List<Deployment> deploymentsSelectedBy(LabelSelector selector) {
        return all(Deployment.class).stream()
                .filter(d -> Labels.matches(selector, d.getSpec().getTemplate().getMetadata().getLabels()))
                .collect(Collectors.toList());
    }
}
