package org.esscard.platform.text;

import java.io.Closeable;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON string value that PostgreSQL could not store ({@link StorableText}). A mapping exception, so Jackson adds
 * the field's path as it unwinds and the problem names the field.
 */
public class UnstorableTextException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    public UnstorableTextException(Closeable parser, String flaw) {
        super(parser, flaw);
    }
}
