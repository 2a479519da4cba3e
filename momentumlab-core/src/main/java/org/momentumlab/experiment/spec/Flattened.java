package org.momentumlab.experiment.spec;

import java.util.List;
import java.util.Map;

/**
 * A spec value written as one flat section although it is held as several records (e.g. an
 * optimizer: its type's fields and its learning-rate schedule). {@link SpecDocs} documents the
 * fields of every part and the extra fields named here.
 */
public interface Flattened {
    /** The records whose fields appear in the section. */
    List<Record> parts();

    /** Meanings of fields that belong to no part (e.g. {@code type}). */
    Map<String, String> extraDocs();
}
