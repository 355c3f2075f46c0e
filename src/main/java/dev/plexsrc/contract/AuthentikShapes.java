package dev.plexsrc.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.util.NameTransformer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The JSON shapes of the version served. Bodies are written in 2026.8's shape; in 2024.8 mode
 * their annotations take it back to 2024.8's: {@link NotIn2024} properties are left out,
 * {@link In2024As} ones renamed, and {@link Order2024} bodies reordered.
 */
@Singleton
public class AuthentikShapes implements ObjectMapperCustomizer {

    private final AuthentikVersion version;

    public AuthentikShapes(@ConfigProperty(name = "plexsrc.authentik-api-version") AuthentikVersion version) {
        this.version = version;
    }

    @Override
    public void customize(ObjectMapper json) {
        if (version == AuthentikVersion.V2024_8) {
            json.registerModule(new SimpleModule("authentik-2024.8").setSerializerModifier(new To2024()));
        }
    }

    /** 2026.8's bean serializers, taken back to 2024.8's properties and order. */
    static final class To2024 extends BeanSerializerModifier {

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                List<BeanPropertyWriter> properties) {
            List<BeanPropertyWriter> kept = new ArrayList<>(properties.size());
            for (BeanPropertyWriter property : properties) {
                In2024As renamed = property.getAnnotation(In2024As.class);
                if (property.getAnnotation(NotIn2024.class) != null) {
                    continue;
                }
                kept.add(renamed == null ? property : property.rename(new NameTransformer() {
                    @Override
                    public String transform(String name) {
                        return renamed.value();
                    }

                    @Override
                    public String reverse(String transformed) {
                        return null;
                    }
                }));
            }
            return kept;
        }

        @Override
        public List<BeanPropertyWriter> orderProperties(SerializationConfig config, BeanDescription bean,
                List<BeanPropertyWriter> properties) {
            Order2024 order = bean.getClassAnnotations().get(Order2024.class);
            if (order == null) {
                return properties;
            }
            List<String> names = List.of(order.value());
            List<BeanPropertyWriter> ordered = new ArrayList<>(properties);
            ordered.sort(Comparator.comparingInt(property -> {
                int index = names.indexOf(property.getName());
                return index < 0 ? names.size() : index;
            }));
            return ordered;
        }
    }
}
