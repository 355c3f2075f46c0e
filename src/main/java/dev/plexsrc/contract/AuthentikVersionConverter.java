package dev.plexsrc.contract;

import org.eclipse.microprofile.config.spi.Converter;

/** Reads {@code 2024.8} as {@link AuthentikVersion#V2024_8}: the enum's names cannot be the labels. */
public class AuthentikVersionConverter implements Converter<AuthentikVersion> {

    @Override
    public AuthentikVersion convert(String value) {
        return AuthentikVersion.of(value);
    }
}
