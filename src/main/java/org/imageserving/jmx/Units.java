package org.imageserving.jmx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import javax.management.DescriptorKey;

/**
 * Unit of an attribute, put into its descriptor as the standard {@code units} field ({@code ms}, {@code bytes})
 * so generic JMX clients can label the figure.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Units {
    @DescriptorKey("units")
    String value();
}
