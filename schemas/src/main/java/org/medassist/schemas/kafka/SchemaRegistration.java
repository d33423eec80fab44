package org.medassist.schemas.kafka;

import io.apicurio.registry.resolver.DefaultSchemaResolver;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryClientFacadeFactory;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroSchemaParser;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Registers the contract's schemas under the subjects the producers look them up by ({@link ContractSubjects}), for
 * a registry where producers may not register (auto-registration off, docs/security.md "Auto-registration"). It
 * resolves each schema with Apicurio's own resolver, as a producer with auto-registration on would, so what it
 * registers (the record's whole schema, nested types inline) is exactly what a producer with auto-registration off
 * finds by content, under the same content id the registry's Confluent API shows.
 *
 * <pre>
 * java -cp '/app/lib/*' org.medassist.schemas.kafka.SchemaRegistration registry.properties           # register
 * java -cp '/app/lib/*' org.medassist.schemas.kafka.SchemaRegistration registry.properties --check   # look up only
 * </pre>
 *
 * The properties file holds the services' keys ({@code medassist.kafka.registry-url},
 * {@code medassist.kafka.registry.*}) with credentials allowed to write to the registry. Registering again is
 * harmless: an existing version with the same content is found, not duplicated.
 */
public final class SchemaRegistration {

    /** One subject's version: the record type, where it is, and its content id (the id written on the wire). */
    public record Registered(ContractSubjects.Use use, long contentId, String version) {
        @Override
        public String toString() {
            return use.subject() + " " + use.type().getSimpleName() + " (" + use.topic() + "): content id " + contentId
                    + ", version " + version;
        }
    }

    private final RegistryAccess access;

    public SchemaRegistration(RegistryAccess access) {
        this.access = access;
    }

    /** Registers every subject of {@link ContractSubjects#all()} (or finds it registered). */
    public List<Registered> registerAll() {
        return resolveAll(true);
    }

    /**
     * Looks every subject up without registering anything.
     *
     * @throws IllegalStateException naming every subject that has no version with the contract's schema
     */
    public List<Registered> checkAll() {
        return resolveAll(false);
    }

    private List<Registered> resolveAll(boolean register) {
        Map<String, Object> config = new HashMap<>(new AvroSerdes(access.withAutoRegister(register)).config());
        List<Registered> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        // one client; a resolver per subject, since a resolver caches by content and several subjects hold the same
        RegistryClientFacade client = RegistryClientFacadeFactory.create(new SchemaResolverConfig(config));
        for (ContractSubjects.Use use : ContractSubjects.all()) {
            DefaultSchemaResolver<Schema, Object> resolver = new DefaultSchemaResolver<>(client);
            resolver.configure(config, new AvroSchemaParser<>(new DefaultAvroDatumProvider<>(true)));
            try {
                // the resolver reads only the record's schema, never its (empty) fields
                SpecificRecord empty = (SpecificRecord) SpecificData.get().newRecord(null, use.schema());
                SchemaLookupResult<Schema> r = resolver.resolveSchema(
                        new SerdeRecord<>(new SerdeMetadata(use.topic(), false), empty));
                out.add(new Registered(use, r.getContentId(), r.getVersion()));
            } catch (RuntimeException e) {
                if (register || !AvroSerdes.RetryingSerializer.notFound(e)) {
                    throw new IllegalStateException("cannot " + (register ? "register " : "look up ") + use.type().getName()
                            + " under " + use.subject() + " at " + access.url() + ": "
                            + AvroSerdes.RetryingSerializer.describe(e), e);
                }
                missing.add(use.subject() + " (" + use.type().getName() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not registered at " + access.url() + ": " + String.join(", ", missing)
                    + ". Register them with SchemaRegistration (docs/security.md \"Auto-registration\").");
        }
        return out;
    }

    /** {@code SchemaRegistration <properties file> [--check]}: exit 0 when every subject is registered. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--check"))) {
            err.println("usage: SchemaRegistration <registry.properties> [--check]");
            return 2;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            p.load(in);
        } catch (IOException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
        Map<String, String> props = new HashMap<>();
        p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
        RegistryAccess access = KafkaConnection.fromProperties(props).registry();
        try {
            SchemaRegistration registration = new SchemaRegistration(access);
            List<Registered> done = args.length == 2 ? registration.checkAll() : registration.registerAll();
            done.forEach(out::println);
            out.println(done.size() + " subjects " + (args.length == 2 ? "registered" : "registered or found") + " at " + access.url());
            return 0;
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
