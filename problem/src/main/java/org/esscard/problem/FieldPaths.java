package org.esscard.problem;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/** The name a problem's {@code errors[].field} gives a failed field: dotted from the body's top, {@code [i]} for items. */
public final class FieldPaths {

    private FieldPaths() {
    }

    /** The field a bean-validation failure is about; a parameter by its own name. */
    public static String of(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                names.add(node.getName() == null ? "[" + node.getIndex() + "]" : node.getName());
            } else if (node.getKind() == ElementKind.PARAMETER) {
                names.clear();
                names.add(node.getName());
            }
        }
        // a request body's own name says nothing to the client: report its fields from the top
        if (names.size() > 1) {
            names.remove(0);
        }
        return String.join(".", names);
    }

    /** The field a JSON mapping failure is about, from Jackson's path into the body. */
    public static String of(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
