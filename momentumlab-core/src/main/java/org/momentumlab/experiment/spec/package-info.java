/**
 * Spec binding: YAML trees bound to records with Jackson. Defaults are written once, as a default
 * instance of each kind's record; {@link org.momentumlab.experiment.spec.SpecBinder} completes a tree
 * with them, refuses unknown keys and lets the records' compact constructors validate; every failure
 * is one line naming the dotted key, the value and what is allowed. Meanings for {@code mlab describe}
 * are {@link org.momentumlab.util.Doc} annotations on record components ({@link org.momentumlab.experiment.spec.SpecDocs}).
 */
package org.momentumlab.experiment.spec;
