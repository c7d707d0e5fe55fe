package com.seqrbackoffice.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * {@code java -jar seqr-backoffice.jar --validate-routes}: loads every route file of {@code app.routes-dir} with the
 * app's settings, the way the app would, but starts nothing (no broker, ledger, SEQR or consumer). It reports,
 * each as {@code file:line: problem}: a file that is not YAML, a step or option the YAML DSL does not know (checked
 * against the DSL's own JSON schema, since its loader names no line for those), a file the loader refuses, a {@code {{setting}}} that no settings
 * source defines, an endpoint URI whose placeholders do not resolve, a {@code direct:} endpoint no route consumes,
 * a route id used twice and a {@code routeConfigurationId} no file defines.
 */
public final class RouteValidation {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final String DSL_SCHEMA = "classpath:schema/camelYamlDsl.json";

    private final List<String> problems = new ArrayList<>();
    private final Set<String> configurationIds = new TreeSet<>();
    private final Map<String, Path> fileOfRoute = new LinkedHashMap<>();
    private final CamelContext context;
    private final Path routesDir;

    private RouteValidation(Properties overrides) {
        context = new DefaultCamelContext();
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation(Application.placeholderLocations(overrides));
        properties.setOverrideProperties(overrides);
        routesDir = Path.of(properties.resolveProperty("app.routes-dir").orElse("routes"));
    }

    /** Validates and prints the outcome; returns the process exit code (0: every file is valid). */
    public static int run(Properties overrides, PrintStream out) {
        RouteValidation validation = new RouteValidation(overrides);
        try {
            int routes = validation.validate();
            if (validation.problems.isEmpty()) {
                out.println("Routes valid: " + routes + " routes in " + validation.routesDir);
                return 0;
            }
            validation.problems.forEach(out::println);
            out.println(validation.problems.size() + " problem(s) in the route files of " + validation.routesDir);
            return 1;
        } finally {
            validation.context.stop();
        }
    }

    /**
     * Prints the route reference, generated from the route files: a Markdown table of every route with its file,
     * input (without its options) and description, in file order. Refuses (exit code 1, with the problems) when a file is not valid.
     */
    public static int list(Properties overrides, PrintStream out) {
        RouteValidation validation = new RouteValidation(overrides);
        try {
            validation.validate();
            if (!validation.problems.isEmpty()) {
                validation.problems.forEach(out::println);
                return 1;
            }
            out.println("| route | file | from | description |");
            out.println("|---|---|---|---|");
            for (RouteDefinition route : validation.model().getRouteDefinitions()) {
                String description = route.getDescription() == null ? "" : route.getDescription().strip();
                out.println("| `" + route.getRouteId() + "` | `" + validation.fileOfRoute.get(key(route)).getFileName()
                        + "` | `" + endpointName(route.getInput().getEndpointUri()) + "` | " + description.replace("|", "\\|")
                        .replaceAll("\\s+", " ") + " |");
            }
            return 0;
        } finally {
            validation.context.stop();
        }
    }

    private int validate() {
        List<Path> files = routeFiles();
        for (Path file : files) {
            checkPlaceholders(file);
            int before = model().getRouteDefinitions().size();
            try {
                Resource resource = ResourceHelper.resolveResource(context, "file:" + file);
                PluginHelper.getRoutesLoader(context).loadRoutes(resource);
            } catch (Exception e) {
                String line = lineOf(e);
                // The loader names no line for an unknown step or option: the DSL's schema finds where it is
                if (!"?".equals(line) || !locateWithDslSchema(file)) {
                    problems.add(file + ":" + line + ": " + describe(e));
                }
                continue;
            }
            model().getRouteDefinitions().subList(before, model().getRouteDefinitions().size())
                    .forEach(route -> fileOfRoute.put(key(route), file));
            routeConfigurationIds(file);
        }
        checkRoutes(fileOfRoute);
        return model().getRouteDefinitions().size();
    }

    private List<Path> routeFiles() {
        if (!Files.isDirectory(routesDir)) {
            problems.add(routesDir + ": not a folder (app.routes-dir)");
            return List.of();
        }
        try (Stream<Path> listing = Files.list(routesDir)) {
            return listing.filter(path -> path.getFileName().toString().endsWith(".camel.yaml"))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            problems.add(routesDir + ": " + e.getMessage());
            return List.of();
        }
    }

    /**
     * Reports where a file the loader refused breaks the YAML DSL's schema, each refused node once at its line;
     * false when the schema finds nothing. Only for refused files: the schema is stricter than the loader about
     * scalar types ({@code constant: 0}), so it would flag valid files.
     */
    private boolean locateWithDslSchema(Path file) {
        Node root;
        Object document;
        try {
            String text = Files.readString(file);
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
            root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode().orElse(null);
            document = new Load(settings).loadFromString(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        JsonNode json = new ObjectMapper().valueToTree(document);
        Map<Integer, String> refused = new java.util.TreeMap<>();
        for (ValidationMessage message : dslSchema().validate(json)) {
            if (!"type".equals(message.getType())) {
                refused.merge(lineOf(root, message.getInstanceLocation()), message.getMessage(), (first, other) -> first);
            }
        }
        refused.forEach((line, message) -> problems.add(file + ":" + line + ": " + message));
        return !refused.isEmpty();
    }

    /** The ids of the file's routeConfiguration entries (the model holds them only once the context starts). */
    private void routeConfigurationIds(Path file) {
        try {
            if (new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)) instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> map && map.get("routeConfiguration") instanceof Map<?, ?> configuration
                            && configuration.get("id") != null) {
                        configurationIds.add(String.valueOf(configuration.get("id")));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": " + e.getMessage());
        }
    }

    private JsonSchema dslSchema;

    private JsonSchema dslSchema() {
        if (dslSchema == null) {
            dslSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(SchemaLocation.of(DSL_SCHEMA));
        }
        return dslSchema;
    }

    /** The line (1-based) of the YAML node at a JSON path, or of the deepest node of the path that exists. */
    private static int lineOf(Node root, JsonNodePath path) {
        Node node = root;
        for (int i = 0; i < path.getNameCount() && node != null; i++) {
            Object element = path.getElement(i);
            Node next = null;
            if (node instanceof SequenceNode sequence && element instanceof Integer index && index < sequence.getValue().size()) {
                next = sequence.getValue().get(index);
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(String.valueOf(element))) {
                        next = tuple.getValueNode();
                    }
                }
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return node == null ? 1 : node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }

    /** Every {{setting}} of the file resolves (a {{key:default}} has its default). */
    private void checkPlaceholders(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            problems.add(file + ": " + e.getMessage());
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = PLACEHOLDER.matcher(lines.get(i));
            while (matcher.find()) {
                String key = matcher.group(1).trim();
                if (!key.contains(":") && context.getPropertiesComponent().resolveProperty(key).isEmpty()) {
                    problems.add(file + ":" + (i + 1) + ": unknown setting {{" + key + "}}");
                }
            }
        }
    }

    /** Route ids, route configurations, direct: links and endpoint URIs across all files. */
    private void checkRoutes(Map<String, Path> routeFiles) {
        Set<String> consumed = new TreeSet<>();
        Map<String, RouteDefinition> ids = new LinkedHashMap<>();
        for (RouteDefinition route : model().getRouteDefinitions()) {
            Path file = routeFiles.get(key(route));
            RouteDefinition earlier = ids.putIfAbsent(route.getRouteId(), route);
            if (route.getRouteId() != null && earlier != null) {
                problems.add(at(file, route) + "route id " + route.getRouteId() + " is used twice");
            }
            String configuration = route.getRouteConfigurationId();
            if (configuration != null && !configurationIds.contains(configuration)) {
                problems.add(at(file, route) + "routeConfigurationId " + configuration + " is not defined in any file");
            }
            FromDefinition from = route.getInput();
            String fromUri = resolve(file, from, from.getEndpointUri());
            if (fromUri != null && fromUri.startsWith("direct:")) {
                consumed.add(endpointName(fromUri));
            }
        }
        for (RouteDefinition route : model().getRouteDefinitions()) {
            Path file = routeFiles.get(key(route));
            checkOutputs(file, route.getOutputs(), consumed);
        }
    }

    private void checkOutputs(Path file, List<ProcessorDefinition<?>> outputs, Set<String> consumed) {
        for (ProcessorDefinition<?> output : outputs) {
            if (output instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
                String uri = resolve(file, send, send.getEndpointUri());
                // toD URIs hold ${...} expressions resolved per message: only their placeholders are checked
                if (uri != null && uri.startsWith("direct:") && !uri.contains("${")
                        && !consumed.contains(endpointName(uri))) {
                    problems.add(at(file, send) + "no route consumes " + uri);
                }
            }
            checkOutputs(file, output.getOutputs(), consumed);
        }
    }

    private String resolve(Path file, NamedNode node, String uri) {
        try {
            return context.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            // an unknown setting is already reported at its own line by checkPlaceholders
            if (!PLACEHOLDER.matcher(uri).find()) {
                problems.add(at(file, node) + "endpoint " + uri + ": " + e.getMessage());
            }
            return null;
        }
    }

    private static String endpointName(String uri) {
        int options = uri.indexOf('?');
        return (options < 0 ? uri : uri.substring(0, options)).replace("direct://", "direct:");
    }

    private static String at(Path file, NamedNode node) {
        int line = node.getLineNumber();
        return file + ":" + (line > 0 ? line : "?") + ": ";
    }

    private static String key(RouteDefinition route) {
        return route.getRouteId() + "@" + System.identityHashCode(route);
    }

    private Model model() {
        return context.getCamelContextExtension().getContextPlugin(Model.class);
    }

    /** The line the YAML DSL names in the exception chain (its parser and deserializers both say "line N"). */
    private static String lineOf(Throwable failure) {
        Pattern line = Pattern.compile("line (\\d+)");
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher matcher = line.matcher(String.valueOf(cause.getMessage()));
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return "?";
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).strip().replaceAll("\\s*\\n\\s*", " ");
        return root == failure ? message : message + " (" + String.valueOf(failure.getMessage()).lines().findFirst().orElse("") + ")";
    }
}
