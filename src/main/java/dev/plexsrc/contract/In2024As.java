package dev.plexsrc.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A JSON property that authentik 2024.8 answers under another name (2026.8 renamed or split it). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD })
public @interface In2024As {

    /** The name in 2024.8. */
    String value();
}
