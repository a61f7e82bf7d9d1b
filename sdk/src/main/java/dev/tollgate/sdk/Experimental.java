package dev.tollgate.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * API that is still moving: it may change, or go, in any minor release, and the build's
 * compatibility check leaves it out. Use it knowing that a new SDK may need a change to the
 * plugin; everything not marked keeps the compatibility promise in the SDK's CHANGELOG.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Experimental {
}
