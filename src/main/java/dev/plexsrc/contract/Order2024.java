package dev.plexsrc.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** authentik 2024.8's key order for a body whose 2026.8 order differs; keys not named follow, in their order. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Order2024 {

    String[] value();
}
